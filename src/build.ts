/**
 * Building a library's persisted index from its files, a batch of articles at a time: each batch is
 * parsed, understood (sentences, quotes, speakers), indexed as one MiniSearch segment and written to the
 * store, then let go. Memory holds one batch of understood articles and the index's flat arrays, never the
 * whole library's objects, so a first start on thousands of articles stays within what serving them
 * needs; the library is then loaded from the store, as at every later start.
 *
 * Loaded only when there is something to build: a start on a persisted index never loads the NLP code.
 */
import { parseEachFile, type ArticleFile } from './article/load.ts';
import type { Article, LoadProblem } from './model.ts';
import { IndexBuilder } from './search/index.ts';
import { ARTICLES_PER_BATCH, StoreWriter } from './store.ts';
import { understandArticle } from './understand.ts';

/** What a build did, stage by stage (the benchmark reports it). */
export interface BuildStats {
  articles: number;
  sentences: number;
  quotes: number;
  people: number;
  /** Milliseconds spent in each stage. */
  ms: { parse: number; understand: number; index: number; save: number };
}

export interface BuildOptions {
  /** Called after each batch with the number of articles built so far. */
  progress?: (articles: number) => void;
}

/**
 * Builds and saves the persisted index of a folder's files (already read and hashed). Returns the
 * problems met while parsing, which the store keeps, and what the build did. Throws when the index cannot
 * be written anywhere; the caller then builds in memory.
 */
export async function buildStore(
  dataDir: string,
  contentHash: string,
  files: ArticleFile[],
  options: BuildOptions = {},
): Promise<{ problems: LoadProblem[]; stats: BuildStats }> {
  const writer = await StoreWriter.open(dataDir);
  const stats: BuildStats = { articles: 0, sentences: 0, quotes: 0, people: 0, ms: { parse: 0, understand: 0, index: 0, save: 0 } };
  const timed = async <T>(stage: keyof BuildStats['ms'], work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      stats.ms[stage] += performance.now() - start;
    }
  };
  const problems: LoadProblem[] = [];
  const index = new IndexBuilder();
  let batch: Article[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const articles = batch;
    batch = [];
    await timed('index', () => index.add(articles));
    await timed('save', () => writer.addArticles(articles));
    stats.articles += articles.length;
    for (const article of articles) {
      stats.sentences += article.sentences.length;
      stats.quotes += article.quotes.length;
      stats.people += article.people.length;
    }
    options.progress?.(stats.articles);
  };
  try {
    const parsed = parseEachFile(files);
    for (;;) {
      const next = await timed('parse', () => parsed.next());
      if (next.done) break;
      problems.push(...next.value.problems);
      for (const text of next.value.articles) {
        batch.push(await timed('understand', () => understandArticle(text)));
        if (batch.length === ARTICLES_PER_BATCH) await flush();
      }
    }
    await flush();
    const bytes = await timed('index', () => index.finish());
    await timed('save', () => writer.finish(contentHash, bytes, problems));
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { problems, stats };
}
