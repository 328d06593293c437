/**
 * Building a library's persisted index from its files, a batch of articles at a time (src/batches.ts):
 * each batch is parsed, understood (sentences, quotes, speakers), indexed as one segment and written to
 * the store, then let go. Memory holds one batch of understood articles, never the whole library's
 * objects, so a first start on thousands of articles stays within what serving them needs; the library
 * is then loaded from the store, as at every later start.
 *
 * Incremental: given the store already in place (built by the same code from other files), a batch whose
 * files are the same files with the same content, whose articles keep their ids, is linked from it as it
 * is (once its files check out against that store's manifest: a damaged one is built again); only the
 * batches a file added, changed or removed falls in are read, understood and indexed again.
 * Batches are cut by the files themselves, so a file added moves no other batch's boundaries (as a rule:
 * see src/batches.ts), and the store built is the store a clean build of the same files would write.
 *
 * Loaded only when there is something to build: a start on a persisted index never loads the NLP code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileHash, parseFileContent, scanArticleFiles, UniqueIds, type FolderScan } from '../article/load.ts';
import { BatchPlanner, CHUNK, unitsOf, weightOf, type Unit } from './batches.ts';
import type { ArticleText, LoadProblem } from '../model.ts';
import { SegmentBuilder } from '../search/index.ts';
import { batchKey, currentStore, hasStore, PackedBatch, recordIds, StoreWriter, UNIT_HASH_LENGTH, unitIds, type PreviousStore, type UnitRecord } from './store.ts';
import { understandArticle } from '../understand.ts';

/** What a build did, stage by stage (the benchmark reports it). */
export interface BuildStats {
  /** Articles read, understood and indexed (those of the batches built). */
  articles: number;
  sentences: number;
  quotes: number;
  people: number;
  /** Batches built, and batches kept as the store before held them (with their articles). */
  batches: { built: number; kept: number; keptArticles: number };
  /** Milliseconds spent in each stage. */
  ms: { parse: number; understand: number; index: number; save: number };
}

export interface BuildOptions {
  /** Called after each batch with the number of articles built or kept so far. */
  progress?: (articles: number) => void;
  /**
   * Called every COLLECT_EVERY articles understood and after each batch: the worker thread collects its
   * garbage there (see src/load/rebuild-worker.ts).
   */
  collect?: () => void;
  /** The store in place, whose unchanged batches are kept (none: everything is built). */
  previous?: PreviousStore | null;
}

/** A file changed between the scan that decided what to build and the build reading it. */
export class ChangedWhileBuilding extends Error {
  constructor(readonly file: string) {
    super(`${file} changed while the index was being built`);
    this.name = 'ChangedWhileBuilding';
  }
}

/** A unit on its way into a batch: what the store knows of it, and its articles when its file was just read. */
interface Planned extends Unit {
  hash: string;
  /** Its articles' ids as the file gives them (before they are made unique across files). */
  bare: string[];
  problems: LoadProblem[];
  /** Its articles, when its file was read for this build (a new or changed file). */
  texts: ArticleText[] | null;
}

/**
 * Builds and saves the persisted index of a folder's files (as scanned: names and content hashes; each file
 * is read when its batch is built). Returns the problems met while parsing, which the store keeps, and
 * what the build did. Throws when the index cannot be written anywhere (the caller then builds in
 * memory), or when a file changed while being built.
 */
export async function buildStore(dataDir: string, scan: FolderScan, options: BuildOptions = {}): Promise<{ problems: LoadProblem[]; stats: BuildStats }> {
  const writer = await StoreWriter.open(dataDir);
  const stats: BuildStats = {
    articles: 0,
    sentences: 0,
    quotes: 0,
    people: 0,
    batches: { built: 0, kept: 0, keptArticles: 0 },
    ms: { parse: 0, understand: 0, index: 0, save: 0 },
  };
  const timed = async <T>(stage: keyof BuildStats['ms'], work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      stats.ms[stage] += performance.now() - start;
    }
  };
  const previous = options.previous ?? null;
  // What the store in place holds: each file's units (by file, with the content hash they were built
  // from), and each batch's position (by its key).
  const known = new Map<string, UnitRecord[]>();
  const batchAt = new Map<string, number>();
  previous?.manifest.batches.forEach((batch, n) => {
    batchAt.set(batch.key, n);
    for (const unit of previous.units[n]!) {
      const units = known.get(unit.file) ?? [];
      units.push(unit);
      known.set(unit.file, units);
    }
  });

  /** A file's articles with the ids it gives them, read now (its hash checked against the scan's). */
  const parse = async (file: string, hash: string) => {
    const content = await readFile(path.join(dataDir, file));
    if (fileHash(content) !== hash) throw new ChangedWhileBuilding(file);
    return timed('parse', () => parseFileContent(file, content));
  };

  const problems: LoadProblem[] = [];
  const ids = new UniqueIds();
  let done = 0;
  const flush = async (units: Planned[]) => {
    const finals = units.map((unit) => ids.assign(unit.bare));
    const records: UnitRecord[] = units.map((unit, u) => {
      const final = finals[u]!;
      const bare: Record<number, string> = {};
      unit.bare.forEach((id, i) => {
        if (id !== final[i]) bare[i] = id;
      });
      const listed = recordIds(unit.file, final);
      return {
        file: unit.file,
        hash: unit.hash.slice(0, UNIT_HASH_LENGTH),
        ...(unit.parts > 1 ? { part: unit.part, parts: unit.parts } : {}),
        weight: unit.weight,
        ...(listed ? { ids: listed } : {}),
        ...(Object.keys(bare).length > 0 ? { bare } : {}),
        ...(unit.problems.length > 0 ? { problems: unit.problems } : {}),
      };
    });
    const articleCount = units.reduce((n, unit) => n + unit.articles, 0);
    const from = batchAt.get(batchKey(records));
    // A batch of the same content is kept from the store in place, when its files check out there.
    // (Its records are the store's own: the same content, and no second copy of them.)
    if (previous && from !== undefined && (await timed('save', () => writer.keepBatch(previous.units[from]!, previous.dir, previous.manifest, from)))) {
      stats.batches.kept++;
      stats.batches.keptArticles += articleCount;
    } else {
      // Each article is understood, indexed and packed, then let go: the batch never holds its articles as objects.
      const articles = new PackedBatch();
      const segment = new SegmentBuilder();
      for (const [u, unit] of units.entries()) {
        const texts = unit.texts ?? partOf((await parse(unit.file, unit.hash)).articles, unit.part);
        unit.texts = null;
        const final = finals[u]!;
        for (const [i, text] of texts.entries()) {
          const article = await timed('understand', () => understandArticle({ ...text, id: final[i]! }));
          await timed('index', () => segment.add(article));
          await timed('save', () => articles.add(article));
          stats.sentences += article.sentences.length;
          stats.quotes += article.quotes.length;
          stats.people += article.people.length;
          if (articles.length % COLLECT_EVERY === 0) options.collect?.();
        }
      }
      const bytes = await timed('index', () => segment.finish());
      await timed('save', () => writer.addBatch(records, articles, bytes));
      stats.batches.built++;
      stats.articles += articles.length;
    }
    done += articleCount;
    options.progress?.(done);
    options.collect?.();
  };

  try {
    const planner = new BatchPlanner<Planned>();
    for (const { file, hash } of scan.files) {
      const stored = known.get(file);
      let units: Planned[];
      if (stored && stored.every((unit) => unit.hash === hash.slice(0, UNIT_HASH_LENGTH)) && stored.length === (stored[0]!.parts ?? 1)) {
        // An unchanged file: what it holds is known without reading it.
        units = stored.map((unit) => ({
          file,
          part: unit.part ?? 0,
          parts: unit.parts ?? 1,
          articles: unitIds(unit).length,
          weight: unit.weight,
          hash,
          bare: unitIds(unit).map((id, i) => unit.bare?.[i] ?? id),
          problems: unit.problems ?? [],
          texts: null,
        }));
      } else {
        const parsed = await parse(file, hash);
        units = unitsOf(file, parsed.articles.map(weightOf)).map((unit) => {
          const texts = partOf(parsed.articles, unit.part);
          return { ...unit, hash, bare: texts.map((text) => text.id), problems: unit.part === 0 ? parsed.problems : [], texts };
        });
      }
      for (const unit of units) {
        problems.push(...unit.problems);
        for (const batch of planner.add(unit)) await flush(batch);
      }
    }
    for (const batch of planner.finish()) await flush(batch);
    await timed('save', () => writer.finish(scan.hash, problems));
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { problems, stats };
}

/** Articles understood between two collections of the worker's garbage (see `BuildOptions.collect`). */
const COLLECT_EVERY = 200;

/** The articles of a file's part (see `unitsOf`). */
function partOf<T>(articles: readonly T[], part: number): T[] {
  return articles.slice(part * CHUNK, (part + 1) * CHUNK);
}

/**
 * Makes sure a folder's persisted index matches its files, building what it must, without loading the
 * library (the live reload's worker thread does this; the main thread then loads the index). With a store
 * in place built by this code, only the batches whose files changed, or whose files there do not check
 * out, are built; should keeping the others fail otherwise, everything is built. With `force`, even a
 * store whose manifest matches the files is built again (its batches checked): loading it failed.
 */
export async function ensureStore(dir: string, options: { force?: boolean; collect?: () => void } = {}): Promise<BuildStats | null> {
  const scan = await scanArticleFiles(dir);
  if (scan.files.length === 0 || (!options.force && (await hasStore(dir, scan.hash)))) return null;
  const previous = await currentStore(dir);
  try {
    return (await buildStore(dir, scan, { previous, ...(options.collect ? { collect: options.collect } : {}) })).stats;
  } catch (error) {
    if (!previous || error instanceof ChangedWhileBuilding) throw error;
    return (await buildStore(dir, scan, options.collect ? { collect: options.collect } : {})).stats;
  }
}
