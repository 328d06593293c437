/**
 * Rebuilding a library off the main thread. Understanding and indexing thousands of articles takes
 * CPU-seconds; done on the main thread it would stall the bot (Discord wants every answer within 3 s).
 * A short-lived worker thread builds the library and saves it as the persisted index; the main thread
 * then only loads that index, which is fast.
 */
import { Worker } from 'node:worker_threads';
import type { BuildStats } from './build.ts';

/**
 * Builds and saves the library of `dir` in a worker thread (`ensureStore`: what changed, or with `force`
 * everything that does not check out), with a heap of its own (limited to `maxHeapMb` when given).
 * Resolves with what the build did, or null when the index already matched the files; rejects when the
 * worker fails (out of memory included).
 */
export function rebuildInWorker(dir: string, options: { maxHeapMb?: number; force?: boolean } = {}): Promise<BuildStats | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerEntry(), {
      ...(compiled ? {} : { eval: true }),
      workerData: { dir, force: options.force === true },
      // A young generation of 8 MB instead of V8's default: the worker's garbage is collected sooner, and
      // its memory (counted in the bot's while it answers) is smaller: rebuilding a batch of 1,200 notes of a
      // 50,000-file library, the process peaked 26 MB lower (181 MB instead of 207; 240 with 64 MB), as fast.
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, ...(options.maxHeapMb ? { maxOldGenerationSizeMb: options.maxHeapMb } : {}) },
    });
    worker.once('message', (message: { ok: boolean; stats?: BuildStats | null; error?: string }) => {
      if (message.ok) resolve(message.stats ?? null);
      else reject(new Error(message.error ?? 'the rebuild failed'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the rebuild worker stopped with code ${code}`));
    });
  });
}

/** The worker's young generation, in MB (see `rebuildInWorker`). */
const WORKER_YOUNG_MB = 8;

/** Whether this module runs compiled (`dist/`, plain JavaScript) rather than from its TypeScript source. */
const compiled = !import.meta.url.endsWith('.ts');

/**
 * What the worker runs: compiled, the worker's own module beside this one; from the sources, a loader
 * that registers tsx first (worker threads do not inherit it) and then imports the worker's source.
 */
function workerEntry(): URL | string {
  if (compiled) return new URL('./rebuild-worker.js', import.meta.url);
  const entry = new URL('./rebuild-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
}
