/**
 * The worker thread of `rebuildInWorker`: builds the library of a folder and saves its persisted index.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadLibrary } from './library.ts';

const { dir } = workerData as { dir: string };
try {
  await loadLibrary(dir, { persist: true });
  parentPort?.postMessage({ ok: true });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
