/**
 * Opening the library at start-up, shared by the bot, the local console and `ask`.
 */
import type { Logger } from 'pino';
import { parseArticleFiles, readArticleFiles, scanArticleFiles, type FolderScan } from '../article/load.ts';
import { Library } from '../library.ts';
import type { LoadProblem } from '../model.ts';
import type { BuildStats } from './build.ts';
import { rebuildInWorker } from './rebuild.ts';
import { loadSynonyms } from '../search/synonyms.ts';
import { hasStore, loadStore } from './store.ts';

/**
 * Loads the library of a folder and logs what it holds. A long-running process (`warm`: the bot, the
 * console) then reads in the background what the library reads only when first asked; a one-shot `ask`
 * does not wait for that.
 */
export async function openLibrary(dir: string, logger: Logger, options: { warm?: boolean; onLaterDamage?: () => void } = {}): Promise<Library> {
  const start = performance.now();
  const library = await loadLibrary(dir, { logger, ...(options.onLaterDamage ? { onLaterDamage: options.onLaterDamage } : {}) });
  // The synonym map is read now, so the first question does not pay for it.
  const synonyms = loadSynonyms();
  const quotes = library.indexes.quoteEntries.length;
  logger.info(
    {
      dir,
      articles: library.collection.length,
      quotes,
      problems: library.problems.length,
      synonymsMs: Math.round(synonyms.ms),
      ms: Math.round(performance.now() - start),
    },
    'library loaded',
  );
  if (library.collection.length === 0) logger.warn({ dir }, 'no articles found: add .txt, .md or .csv files to the data folder');
  if (options.warm) {
    const warming = performance.now();
    void library.warm().then(() => logger.debug({ ms: Math.round(performance.now() - warming) }, 'library warmed'));
  }
  return library;
}

export interface LoadOptions {
  logger?: Logger;
  /** Keep the understood articles and the indexes in `<dir>/.byline-index/` (default true). */
  persist?: boolean;
  /** Build a missing index in a worker thread: by default, when the articles come to 8 MB or more. */
  worker?: boolean;
  /**
   * The library loaded before (a live reload): returned as it is when the files have not changed, and
   * otherwise the batches of it the new store keeps as they were are taken over, not read again.
   */
  previous?: Library;
  /**
   * Told when a file of the store read after loading (a batch's text or people) is found damaged: the
   * library is then marked `damaged`, so that the next load (a live reload) rebuilds the store instead of
   * returning it as it is.
   */
  onLaterDamage?: () => void;
  /** Told what a build did, how long it took and how long loading its result took (the benchmark). */
  onBuild?: (build: { stats: BuildStats | null; inWorker: boolean; buildMs: number; loadMs: number }) => void;
}

/**
 * Reads, understands and indexes every article of a folder. Problems are logged with file and line.
 * With `persist`, a saved index built from exactly these files is loaded instead; when there is none, the
 * index is built into the store (src/build.ts: only the batches whose files changed, when there is a store
 * from before) and then loaded from it, so a first start holds no more in memory than a later one.
 * Without `persist`, or when the index cannot be written anywhere, the library is built in memory.
 */
export async function loadLibrary(dir: string, options: LoadOptions = {}): Promise<Library> {
  const { logger, persist = true, previous } = options;
  // The files are hashed, not kept: whether the store matches (or which of its batches do) is all a start needs.
  const scan = await scanArticleFiles(dir);
  const { hash, problems: readProblems } = scan;
  if (previous && previous.hash === hash && !previous.damaged) return previous;
  const report = (problems: LoadProblem[]) => {
    for (const problem of problems) logger?.warn({ file: problem.file, line: problem.line }, problem.message);
  };
  const fromStore = async (): Promise<Library | null> => {
    /** The library once loaded: damage told after that was found reading it later. */
    let loaded: Library | null = null;
    const stored = await loadStore(
      dir,
      hash,
      (damage) => {
        if (!loaded) return void logger?.warn({ file: damage.file }, `the persisted index is damaged (${damage.message}); rebuilding it`);
        logger?.warn({ file: damage.file }, `a file of the persisted index was found damaged when read (${damage.message}); rebuilding the store`);
        if (loaded.damaged) return;
        loaded.damaged = true;
        options.onLaterDamage?.();
      },
      previous?.batches,
    );
    if (!stored) return null;
    const problems = [...readProblems, ...stored.problems];
    report(problems);
    if (previous) logger?.debug({ dir, batches: stored.batches.length, kept: stored.reused }, 'took over the unchanged batches of the library before');
    loaded = new Library(stored.articles, { problems, hash, indexes: stored.indexes, batches: stored.batches });
    return loaded;
  };

  const timedLoad = async (stats: BuildStats | null, inWorker: boolean, buildMs: number): Promise<Library | null> => {
    const start = performance.now();
    const built = await fromStore();
    const loadMs = performance.now() - start;
    if (built) {
      logger?.info(
        {
          dir,
          articles: built.collection.length,
          inWorker,
          buildMs: Math.round(buildMs),
          loadMs: Math.round(loadMs),
          ...(stats ? { batchesBuilt: stats.batches.built, batchesKept: stats.batches.kept, understood: stats.articles } : {}),
        },
        'built the index',
      );
      options.onBuild?.({ stats, inWorker, buildMs, loadMs });
    }
    return built;
  };

  // The persisted index is checked first: when it matches, the files need not even be parsed.
  if (persist && scan.files.length > 0) {
    const stored = await fromStore();
    if (stored) {
      logger?.debug({ dir }, 'loaded the persisted index');
      return stored;
    }
    const built = await buildStoreOf(dir, scan, options.worker, logger, ({ stats, inWorker, buildMs }) => timedLoad(stats, inWorker, buildMs));
    if (built) return built;
    logger?.warn({ dir }, 'building the library in memory, without a persisted index: rebuilt at the next start');
  }
  const { files, problems: readAgain } = await readArticleFiles(dir);
  const { articles, problems: parseProblems } = parseArticleFiles(files);
  report([...readAgain, ...parseProblems]);
  const { understandArticle } = await import('../understand.ts');
  return new Library(articles.map(understandArticle), { problems: [...readAgain, ...parseProblems], hash });
}

/**
 * Makes sure the persisted store of a folder's files (as scanned) is in place without loading it, building
 * what is missing as `loadLibrary` would (in a worker thread from 8 MB of articles, keeping the batches of
 * the store before that still match): the PostgreSQL ingest then reads it back a batch at a time
 * (`storeBatches`). With `force`, a store whose manifest matches is built again too (a file of it was found
 * damaged: the batches that check out are kept). False when the store cannot be written anywhere.
 */
export async function ensureStoreOf(dir: string, scan: FolderScan, options: { logger?: Logger; force?: boolean; worker?: boolean } = {}): Promise<boolean> {
  const { logger } = options;
  if (!options.force && (await hasStore(dir, scan.hash))) return true;
  const built = await buildStoreOf(dir, scan, options.worker, logger, async ({ stats, inWorker, buildMs }) => {
    logger?.info({ dir, inWorker, buildMs: Math.round(buildMs), ...(stats ? { batchesBuilt: stats.batches.built, batchesKept: stats.batches.kept } : {}) }, 'built the index');
    return true;
  });
  return built ?? false;
}

/**
 * Builds a folder's persisted store (every batch that no longer matches): a large library in a worker thread
 * with a heap of its own, capped near what the build needs — the garbage of understanding thousands of
 * articles is collected early and returned when the worker ends, instead of swelling this process — and
 * otherwise, or when that fails, here. Each build that succeeds is handed to `use`; the first answer it
 * gives (not null) is returned, null when no build could be written or used.
 */
async function buildStoreOf<T>(
  dir: string,
  scan: FolderScan,
  worker: boolean | undefined,
  logger: Logger | undefined,
  use: (build: { stats: BuildStats | null; inWorker: boolean; buildMs: number }) => Promise<T | null>,
): Promise<T | null> {
  if (worker ?? scan.bytes >= WORKER_BUILD_BYTES) {
    try {
      const start = performance.now();
      const stats = await rebuildInWorker(dir, { maxHeapMb: workerHeapMb(scan.bytes), force: true });
      const used = await use({ stats, inWorker: true, buildMs: performance.now() - start });
      if (used !== null) return used;
    } catch (error) {
      logger?.warn({ err: error, dir }, 'could not build the index in a worker thread; building it here');
    }
  }
  try {
    const start = performance.now();
    // Loaded only when articles must be understood anew: a persisted library starts without the NLP code.
    const { ensureStore } = await import('./build.ts');
    const stats = await ensureStore(dir, { force: true });
    return await use({ stats, inWorker: false, buildMs: performance.now() - start });
  } catch (error) {
    logger?.warn({ err: error, dir }, 'could not save the index');
    return null;
  }
}

/** From this much article text (about 1,000 articles), the first build runs in a worker thread. */
const WORKER_BUILD_BYTES = 8_000_000;

/**
 * The worker's heap limit: room for one batch of articles being understood and for the index's arrays,
 * which grow with the library (about 600 MB for 85 MB of articles, 10,000 of them).
 */
function workerHeapMb(bytes: number): number {
  return Math.min(8_192, Math.max(512, Math.round(256 + (4 * bytes) / 1_000_000)));
}
