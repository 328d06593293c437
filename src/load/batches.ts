/**
 * How a library's articles are cut into batches: the unit the store saves, indexes (one index segment a
 * batch) and rebuilds. A batch holds whole files, in library order, so that a file added, changed or removed
 * changes its own batch and, as a rule, no other: the store rebuilds that batch and keeps the rest.
 *
 * Batches are measured in characters of text (an article's title and paragraphs), what understanding and
 * indexing cost and what a batch holds in memory while it is built: about 2 million characters, some 235
 * news articles of 8,500 characters, and at most 2,000 articles (1,300 notes of 1,500 characters make a
 * batch). Fewer, larger batches of small articles keep the library's index segments few (a search and a
 * reload walk each term's parts, one per segment); smaller ones keep what a rebuild understands, and holds
 * in its worker thread, small.
 *
 * Where a batch ends depends only on the files themselves, never on what came before them (a fixed count
 * would move every boundary after a file added near the start): after a file of `w` characters, a batch of
 * at least a minimum of characters ends when a hash of the file's name falls below w / target
 * (content-defined chunking, as rsync and backup tools cut files, here cutting a list of files). A batch
 * that would pass a maximum of characters, or MAX_ARTICLES articles, ends before the file that would take
 * it there (`batchLimits`); a file of more than CHUNK articles (a large CSV) is cut into parts of CHUNK articles, each a unit
 * of its own. A file added to a batch therefore moves no boundary but those the maximum places, and those
 * only up to the next boundary the hashes place, typically the batch's own end.
 *
 * The same cut is made wherever a library is built (the store, a library built in memory), so the same
 * files are always the same batches: an incremental rebuild and a clean build hold the same segments.
 */
import { crc32 } from 'node:zlib';

/** About how many characters of text a batch holds, unless `BYLINE_BATCH_CHARS` says otherwise. */
export const DEFAULT_BATCH_CHARS = 2_000_000;
/** No batch holds more articles than this (but one unit may). */
export const MAX_ARTICLES = 2_000;

/**
 * The limits of a batch for a size of `chars` characters (`BYLINE_BATCH_CHARS`, validated at start-up by
 * src/config.ts; read here so that the build's worker thread cuts as the main thread does): a batch ends
 * after a file only once it holds `min` characters; after a file of w characters, with a probability of
 * w / `target` (so that batches average about `chars`); never beyond `max`.
 */
export function batchLimits(chars: number = batchChars()): { min: number; target: number; max: number } {
  return { min: Math.round(0.3 * chars), target: Math.round(0.7 * chars), max: Math.round(1.7 * chars) };
}

function batchChars(): number {
  const value = Number(process.env.BYLINE_BATCH_CHARS?.trim() || NaN);
  return Number.isInteger(value) && value >= 10_000 ? value : DEFAULT_BATCH_CHARS;
}
/** A file of more articles than this is cut into parts of this many. */
export const CHUNK = 1_000;

/** A file, or a part of a large file: what a batch is made of. */
export interface Unit {
  /** The file's path in the data folder. */
  file: string;
  /** Which part of the file (0 for a file of CHUNK articles or fewer) and how many parts it has. */
  part: number;
  parts: number;
  /** How many articles the part holds (0 for a file that gave none: unreadable, malformed, binary). */
  articles: number;
  /** How many characters of text its articles hold (`weightOf`). */
  weight: number;
}

/** An article's weight in a batch: the characters of its title and paragraphs. */
export function weightOf(article: { title: string; paragraphs: readonly string[] }): number {
  let weight = article.title.length;
  for (const paragraph of article.paragraphs) weight += paragraph.length;
  return weight;
}

/** The units of a file whose articles have these weights: the file itself, or its parts of CHUNK articles. */
export function unitsOf(file: string, weights: readonly number[]): Unit[] {
  const parts = Math.max(1, Math.ceil(weights.length / CHUNK));
  return Array.from({ length: parts }, (_, part) => {
    const own = weights.slice(part * CHUNK, (part + 1) * CHUNK);
    return { file, part, parts, articles: own.length, weight: own.reduce((sum, w) => sum + w, 0) };
  });
}

/** Whether a batch may end after this unit: a hash of its name, below its share of the target. */
function endsAfter(unit: Unit, target: number): boolean {
  if (unit.articles === 0) return false;
  const draw = crc32(`${unit.file}\u0000${unit.part}`) / 2 ** 32;
  return draw < unit.weight / target;
}

/**
 * Cuts units into batches as they come, in library order: `add` returns the batches a unit completes
 * (none, or the one before it and possibly the one it ends), `finish` the last one.
 */
export class BatchPlanner<U extends Unit = Unit> {
  private current: U[] = [];
  private weight = 0;
  private articles = 0;

  constructor(private readonly limits = batchLimits()) {}

  add(unit: U): U[][] {
    const done: U[][] = [];
    const { min, target, max } = this.limits;
    if (this.current.length > 0 && (this.weight + unit.weight > max || this.articles + unit.articles > MAX_ARTICLES)) done.push(this.flush());
    this.current.push(unit);
    this.weight += unit.weight;
    this.articles += unit.articles;
    if (this.weight >= min && endsAfter(unit, target)) done.push(this.flush());
    return done;
  }

  finish(): U[][] {
    return this.current.length > 0 ? [this.flush()] : [];
  }

  private flush(): U[] {
    const batch = this.current;
    this.current = [];
    this.weight = 0;
    this.articles = 0;
    return batch;
  }
}

/** Every batch of a list of units, in order. */
export function planBatches<U extends Unit>(units: Iterable<U>, limits = batchLimits()): U[][] {
  const planner = new BatchPlanner<U>(limits);
  const batches: U[][] = [];
  for (const unit of units) batches.push(...planner.add(unit));
  batches.push(...planner.finish());
  return batches;
}

/**
 * The batches of articles held in memory, in library order, as the store cuts them: consecutive articles
 * of the same file are that file (in parts, as `unitsOf` cuts it). Returns each batch's number of articles.
 */
export function batchSizesOf(articles: readonly { file: string; title: string; paragraphs: readonly string[] }[]): number[] {
  const units: Unit[] = [];
  for (let i = 0; i < articles.length; ) {
    let j = i + 1;
    while (j < articles.length && articles[j]!.file === articles[i]!.file) j++;
    units.push(...unitsOf(articles[i]!.file, articles.slice(i, j).map(weightOf)));
    i = j;
  }
  return planBatches(units).map((batch) => batch.reduce((n, unit) => n + unit.articles, 0));
}
