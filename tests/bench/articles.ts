/**
 * The benchmark's synthetic libraries: real news text recombined to any size.
 *
 * Article 0 is the seed, articles 1…124 the Wikinews articles as they are; beyond that, article k takes a
 * real article's paragraphs, rotated by how many times the corpus has been gone through, and mixes in a
 * third as many paragraphs of another article at seeded positions, under its own id, title and date. The
 * vocabulary, sentence shapes and quotes stay real while no two articles are the same document.
 *
 * The corpus is read from ../shared at run time and the libraries are written to a temporary folder as CSV
 * files of 500 rows: nothing of the corpus is ever written into the project.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticleFiles, readArticleFiles } from '../../src/article/load.ts';
import type { ArticleText } from '../../src/model.ts';
import { seededRandom } from './random.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = path.resolve(ROOT, '../shared/corpus');

/** Rows per CSV file of a benchmark library. */
export const ROWS_PER_FILE = 500;

/** The real articles a benchmark library is made of: the seed (from data/), then the corpus when present. */
export async function readSourceArticles(options: { corpus?: boolean } = {}): Promise<ArticleText[]> {
  const seed = await readArticleFiles(path.join(ROOT, 'data'));
  const useCorpus = options.corpus ?? true;
  if (useCorpus && !existsSync(path.join(CORPUS_DIR, 'wikinews-2020.csv'))) {
    throw new Error(`the benchmark needs the Wikinews corpus at ${CORPUS_DIR}`);
  }
  const corpus = useCorpus ? await readArticleFiles(CORPUS_DIR) : { files: [], problems: [] };
  const { articles, problems } = parseArticleFiles([...seed.files, ...corpus.files]);
  if (problems.length > 0) throw new Error(`cannot read the source articles: ${JSON.stringify(problems.slice(0, 3))}`);
  return articles;
}

/**
 * Article k of a synthetic library: the k-th real article while there are real ones, then a recombination
 * of two of them (deterministic in k).
 */
export function syntheticArticle(sources: readonly ArticleText[], k: number): ArticleText {
  const count = sources.length;
  const base = sources[k % count]!;
  if (k < count) return base;
  const round = Math.floor(k / count);
  const random = seededRandom(k * 2654435761);
  let other = sources[(k * 7 + round) % count]!;
  if (other === base) other = sources[(k + 1) % count]!;

  const rotated = rotate(base.paragraphs, round);
  const mixed = [...rotated];
  const borrowed = rotate(other.paragraphs, round).slice(0, Math.max(1, Math.ceil(rotated.length / 3)));
  for (const paragraph of borrowed) mixed.splice(random.int(0, mixed.length), 0, paragraph);

  return {
    id: `${base.id}_${k}`,
    title: `${base.title} (${round + 1})`,
    date: shiftDate(base.date, round),
    source: `https://bench.byline.invalid/wiki/${encodeURIComponent(base.id.replace(/[#~]/g, '_'))}_${k}`,
    file: base.file,
    paragraphs: mixed,
  };
}

/** The first `size` articles of the synthetic library. */
export function syntheticLibrary(sources: readonly ArticleText[], size: number): ArticleText[] {
  return Array.from({ length: size }, (_, k) => syntheticArticle(sources, k));
}

/** One CSV (url,date,title,text) of articles, as news data sets are exported; paragraphs separated by blank lines. */
export function toCsv(articles: readonly ArticleText[]): string {
  const field = (value: string | null) => `"${(value ?? '').replace(/"/g, '""')}"`;
  const rows = articles.map((a) => [a.source, a.date, a.title, a.paragraphs.join('\n\n')].map(field).join(','));
  return `url,date,title,text\n${rows.join('\n')}\n`;
}

/** Writes a library as CSV files of {@link ROWS_PER_FILE} rows into `dir`; returns the bytes written. */
export async function writeLibrary(dir: string, articles: readonly ArticleText[]): Promise<{ files: number; bytes: number }> {
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  let files = 0;
  for (let start = 0; start < articles.length; start += ROWS_PER_FILE) {
    const csv = toCsv(articles.slice(start, start + ROWS_PER_FILE));
    const name = `articles-${String(files + 1).padStart(4, '0')}.csv`;
    await writeFile(path.join(dir, name), csv);
    bytes += Buffer.byteLength(csv);
    files++;
  }
  return { files, bytes };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function shiftDate(date: string | null, days: number): string | null {
  if (!date) return null;
  const shifted = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
  return shifted.toISOString().slice(0, 10);
}
