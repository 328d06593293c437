/**
 * The worker thread of `rebuildInWorker`: builds the persisted index of a folder, if it does not match the
 * files already. The main thread then loads it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ensureStore } from './library.ts';

const { dir } = workerData as { dir: string };
try {
  const stats = await ensureStore(dir);
  parentPort?.postMessage({ ok: true, stats });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
