/**
 * Indexing a server's articles off the main thread. Understanding articles (sentences, quotes, speakers)
 * and indexing them costs tens to hundreds of milliseconds per article, which on the main thread would
 * stall every other question (measured in tests/bench/servers.ts: up to 1.5 s while a server of 200
 * articles was re-indexed). So one worker thread, started when first needed and kept while the process
 * runs, understands and indexes a segment of a server's articles and sends back the understood articles
 * and the index's bytes; the main thread only wraps them in a {@link Library} (read-only views over the
 * bytes, as a library loaded from the store is).
 *
 * Where a worker cannot run, the same work is done on the main thread, one article per turn of the event
 * loop.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { Library } from '../library.ts';
import type { Article, ArticleText } from '../model.ts';
import { indexesFromSegments, type IndexSegment } from '../search/index.ts';

/** Builds the library of one segment of a server's articles. */
export interface SegmentIndexer {
  build(texts: ArticleText[]): Promise<Library>;
  /** Stops the worker, if one runs. */
  close(): Promise<void>;
}

interface Request {
  id: number;
  texts: ArticleText[];
}

type Response = { id: number; ok: true; articles: Article[]; bytes: IndexSegment } | { id: number; ok: false; error: string };

/** Understands and indexes on the main thread, yielding between articles (the fallback, and what the worker itself runs). */
export async function buildSegment(texts: ArticleText[], yieldBetween = true): Promise<{ articles: Article[]; bytes: IndexSegment }> {
  const { understandArticle } = await import('../understand.ts');
  const { indexSegment } = await import('../search/index.ts');
  const articles: Article[] = [];
  for (const text of texts) {
    if (yieldBetween) await new Promise((resolve) => setImmediate(resolve));
    articles.push(understandArticle(text));
  }
  return { articles, bytes: indexSegment(articles) };
}

function libraryOf(articles: Article[], bytes: IndexSegment): Library {
  return new Library(articles, { indexes: indexesFromSegments([bytes], articles) });
}

export const inThreadIndexer: SegmentIndexer = {
  async build(texts) {
    const { articles, bytes } = await buildSegment(texts);
    return libraryOf(articles, bytes);
  },
  async close() {},
};

/** Whether this module runs compiled (plain JavaScript) rather than from its TypeScript source. */
const compiled = !import.meta.url.endsWith('.ts');

/**
 * What the worker runs: compiled, its module beside this one; from the sources, a loader that registers
 * tsx first (worker threads do not inherit it) and then imports the worker's source (as src/rebuild.ts does).
 */
function workerEntry(): URL | string {
  if (compiled) return new URL('./indexer-worker.js', import.meta.url);
  const entry = new URL('./indexer-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
}

/**
 * The worker-thread indexer: one worker, started at the first segment to build, requests answered in
 * order. It keeps the process alive only while it has work; a worker that fails is replaced at the next
 * request, and when none can be started the segment is built on the main thread.
 */
export function workerIndexer(logger: Logger): SegmentIndexer {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (library: Library) => void; reject: (error: Error) => void; texts: ArticleText[] }>();

  const fail = (error: Error) => {
    const waiting = [...pending.values()];
    pending.clear();
    worker = null;
    for (const request of waiting) {
      // What the worker could not finish is built here instead: an add is never lost to a worker's failure.
      inThreadIndexer.build(request.texts).then(request.resolve, request.reject);
    }
    if (waiting.length > 0) logger.warn({ err: error }, 'the indexing worker failed; indexing on the main thread');
  };

  const start = (): Worker => {
    const started = new Worker(workerEntry(), { ...(compiled ? {} : { eval: true }) });
    started.on('message', (response: Response) => {
      const request = pending.get(response.id);
      if (!request) return;
      pending.delete(response.id);
      if (pending.size === 0) started.unref();
      if (response.ok) request.resolve(libraryOf(response.articles, response.bytes));
      else request.reject(new Error(response.error));
    });
    started.on('error', (error) => fail(error));
    started.on('exit', (code) => {
      if (worker === started) fail(new Error(`the indexing worker stopped with code ${code}`));
    });
    return started;
  };

  return {
    build(texts) {
      return new Promise((resolve, reject) => {
        try {
          worker ??= start();
        } catch (error) {
          logger.warn({ err: error }, 'cannot start the indexing worker; indexing on the main thread');
          inThreadIndexer.build(texts).then(resolve, reject);
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve, reject, texts });
        worker.ref();
        worker.postMessage({ id, texts } satisfies Request);
      });
    },
    async close() {
      const stopping = worker;
      worker = null;
      await stopping?.terminate();
    },
  };
}
