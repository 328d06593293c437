/**
 * The worker thread of `rebuildInWorker`: builds the persisted index of a folder, if it does not match the
 * files already. The main thread then loads it.
 *
 * The worker collects its garbage as it builds (every few hundred articles, and after each batch): V8
 * collects a heap lazily, and understanding articles makes garbage fast, so a worker left to itself grew
 * by 100 MB while it rebuilt one batch of 1,200 notes, most of it garbage — counted in the bot's memory
 * while it answers from the library it has (tests/bench/reload.ts). `gc` is exposed here only (V8's flag
 * makes it available to contexts created after it is set: this worker's, through `vm`).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { ensureStore } from './build.ts';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (() => void) | undefined;

const { dir, force } = workerData as { dir: string; force?: boolean };
try {
  const stats = await ensureStore(dir, { force: force === true, ...(typeof collect === 'function' ? { collect } : {}) });
  parentPort?.postMessage({ ok: true, stats });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
