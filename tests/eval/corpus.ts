/**
 * The evaluation library: the seed (from data/) and the Wikinews corpus, read from ../shared at run time
 * (never copied into the project). Labels name articles by URL; the seed by the literal "seed".
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticleFiles, readArticleFiles } from '../../src/article/load.ts';
import { Library } from '../../src/library.ts';
import { understandArticle } from '../../src/understand.ts';
import type { Article } from '../../src/model.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(ROOT, '../shared');
export const CORPUS_DIR = path.join(SHARED, 'corpus');
export const SEED_ID = '000_4cbc08951dad2f3b';

export function sharedAvailable(): boolean {
  return existsSync(path.join(CORPUS_DIR, 'wikinews-2020.csv'));
}

/**
 * What the evaluation asks its questions of: the articles as understood (to find what a label names) and
 * the engine's answers, from the embedded library or (`--backend postgres`) the same articles in PostgreSQL.
 */
export type EvalLibrary = Pick<Library, 'collection' | 'whoSaid' | 'whatHappened' | 'whoIs'>;

/** Reads the seed and the corpus into one library. */
export async function loadEvalLibrary(): Promise<Library> {
  const seed = await readArticleFiles(path.join(ROOT, 'data'));
  const corpus = await readArticleFiles(CORPUS_DIR);
  const { articles, problems } = parseArticleFiles([...seed.files, ...corpus.files]);
  if (problems.length > 0) throw new Error(`eval corpus problems: ${JSON.stringify(problems)}`);
  return new Library(articles.map(understandArticle));
}

/** Reads the article files of a folder (a dev supplement of written articles) as understood articles. */
export async function loadArticlesFrom(dir: string): Promise<Article[]> {
  const { files } = await readArticleFiles(dir);
  const { articles, problems } = parseArticleFiles(files);
  if (problems.length > 0) throw new Error(`eval supplement problems in ${dir}: ${JSON.stringify(problems)}`);
  return articles.map(understandArticle);
}

/** Finds the article a label names: by URL, by file name (articles written for a supplement), or "seed". */
export function articleFor(articles: readonly Article[], url: string): Article | undefined {
  if (url === 'seed') return articles.find((a) => a.id === SEED_ID);
  return articles.find((a) => a.source === url) ?? articles.find((a) => path.basename(a.file) === url);
}

/** Folding for comparing label text with article text: quotes, dashes, case and spacing. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
