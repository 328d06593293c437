/**
 * The persisted library: what byline understood of the articles (sentences, quotes, people) and the
 * search indexes, saved next to the data in `<data>/.byline-index/` so that a restart of a large library
 * skips sentence splitting, attribution and indexing.
 *
 * It is valid only for the exact files it was built from: the manifest holds a hash of every article
 * file's name and content, and any difference (a file added, changed or removed) rebuilds it — only the
 * batches whose files changed (src/build.ts): the manifest says which files, with which content hash,
 * each batch holds. It is written to a temporary folder and renamed into place, so a crash never leaves a
 * half-written index; a batch kept from the store before is linked into the new one, not copied.
 *
 * Layout: a manifest, then per batch of articles (src/batches.ts: whole files, about 1,000 articles):
 * `articles-N.json` (positional arrays), `people-N.bin` (the people no quote is attributed to, a line of
 * JSON an article) and `text-N.bin` (their paragraphs' text: both opened at load and read when first
 * needed, see src/load/store-format.ts), `quotes-N.bin` (their quotes as columns with a checksum:
 * src/search/quote-table.ts) and `index-N.bin` (the batch's segment of the three MiniSearch indexes,
 * src/search/persist.ts), which the library searches joined, as read-only views without copying postings
 * into maps. No single string comes near V8's string limit at the library sizes byline is benchmarked on.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Indexes, IndexSegment } from '../search/index.ts';
import { indexesFromSegments } from '../search/index.ts';
import { decodeQuotes, encodeQuotes, QUOTE_HEADER_BYTES, QuoteTable, QuoteTableAssembler, quoteTableCounts, type QuotedArticle } from '../search/quote-table.ts';
import type { Article, LoadProblem, Quote } from '../model.ts';
import { packArticle, quotedPeopleOf, Strings, unpackArticle, type Packed, type PackedArticle } from './store-format.ts';

/** Bumped whenever what is persisted, or how articles are understood, changes shape. */
export const STORE_VERSION = 9;
export const STORE_DIR = '.byline-index';

/**
 * A file, or a part of a large file, as a batch of the store holds it (see src/batches.ts). Kept short: a
 * library of 50,000 files has 50,000 of them, read by every incremental build.
 */
export interface UnitRecord {
  file: string;
  /** The start of the hash of the file's content (`fileHash`) it was built from. */
  hash: string;
  /** Which part of the file and of how many parts, when it has several. */
  part?: number;
  parts?: number;
  /** The characters of its articles' text (what batches are measured in: src/batches.ts). */
  weight: number;
  /**
   * The ids of its articles, in order (as made unique across the library); left out when it is one
   * article whose id is the file's path without its extension (every `.txt` and `.md` as a rule).
   */
  ids?: string[];
  /** The id an article had before it was made unique across files, by position, when that changed it. */
  bare?: Record<number, string>;
  /** The problems met reading the file (on its first part). */
  problems?: LoadProblem[];
}

/** The characters of a file hash a unit record keeps: 64 bits, plenty to tell a file's versions apart. */
export const UNIT_HASH_LENGTH = 16;

/** The ids of a unit's articles (see `UnitRecord.ids`). */
export function unitIds(unit: UnitRecord): string[] {
  return unit.ids ?? [unit.file.replace(/\.[^./]+$/, '')];
}

/** A unit's ids as a record keeps them: left out when they are the default. */
export function recordIds(file: string, ids: string[]): string[] | undefined {
  return ids.length === 1 && ids[0] === file.replace(/\.[^./]+$/, '') ? undefined : ids;
}

/** A batch as the manifest lists it: what it holds, and a key of its units (the unit records are in `units.json`). */
export interface BatchRecord {
  /** `batchKey` of its units: the same key, the same content. */
  key: string;
  articles: number;
  units: number;
}

export interface Manifest {
  version: number;
  /** The articles' content hash and the engine's code fingerprint. */
  hash: string;
  articles: number;
  batches: BatchRecord[];
  /** The problems met when the files were read, logged again at each start. */
  problems: LoadProblem[];
  created: string;
  /**
   * Every other file of the store with its length and CRC-32 (zlib's), written last with the manifest: a
   * file read in full at start-up is checked against them before it is trusted (a truncated, zeroed,
   * garbled or same-length-edited file makes the store be rebuilt); the files read later are checked for
   * their length when opened.
   */
  files: Record<string, { bytes: number; crc32: number }>;
}

/** A batch's files, by what they hold. */
export const BATCH_FILES = ['articles-%.json', 'quotes-%.bin', 'people-%.bin', 'text-%.bin', 'index-%.bin'] as const;
/** Every batch's unit records, in order (`UnitRecord[][]`): read by incremental builds only. */
const UNITS_FILE = 'units.json';

function batchFile(pattern: (typeof BATCH_FILES)[number], batch: number): string {
  return pattern.replace('%', String(batch));
}

/** What identifies a batch's content: its units (files, content hashes, parts) and its articles' ids. */
export function batchKey(units: readonly UnitRecord[]): string {
  const identity = JSON.stringify(units.map((unit) => [unit.file, unit.hash, unit.part ?? 0, unit.parts ?? 1, unitIds(unit)]));
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/**
 * A batch of a loaded library: its articles, its index segment and its records, kept so that a library
 * rebuilt for another batch can take them as they are instead of loading them again.
 */
export interface LoadedBatch {
  key: string;
  /** Length and CRC-32 of its files, in the order of BATCH_FILES. */
  files: { bytes: number; crc32: number }[];
  articles: Article[];
  segment: IndexSegment;
  /**
   * Where its articles' quotes are in the library's quote table: `article.quotes` reads them from there
   * when first asked. A library that takes the batch over moves it to its own table (the same quotes).
   */
  placement: { table: QuoteTable | null; first: number };
}

export interface Stored {
  articles: Article[];
  indexes: Indexes;
  problems: LoadProblem[];
  /** The batches as loaded, for a later rebuild to take over those it keeps. */
  batches: LoadedBatch[];
  /** How many batches were taken over from the library given, rather than read. */
  reused: number;
}

/**
 * Where the index is kept: beside the data, or, when the data folder cannot be written (a read-only
 * mount, a shared corpus), in the system's temporary folder under a name derived from the data folder.
 */
function storeDirs(dataDir: string): string[] {
  const absolute = path.resolve(dataDir);
  const key = createHash('sha1').update(absolute).digest('hex').slice(0, 16);
  return [path.join(absolute, STORE_DIR), path.join(tmpdir(), `byline-index-${key}`)];
}

/**
 * Removes the temporary folders of builds whose process is gone (`.byline-index.tmp-<pid>`, left by a
 * build killed part-way, which may hold every batch written before the kill). A live process's folder is
 * left alone: another byline may be building beside this one. Never fails: a folder that cannot be read
 * or removed is left for the next start.
 */
export async function removeDeadBuilds(dataDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of storeDirs(dataDir)) {
    const parent = path.dirname(dir);
    const prefix = `${path.basename(dir)}.tmp-`;
    let names: string[];
    try {
      names = await readdir(parent);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const pid = Number(name.slice(prefix.length));
      if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
      try {
        await rm(path.join(parent, name), { recursive: true, force: true });
        removed.push(path.join(parent, name));
      } catch {
        // left for the next start
      }
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** The store key is not there: byline was neither built (`npm run build`) nor installed (`postinstall`). */
export class StoreKeyMissing extends Error {
  constructor(readonly file: string) {
    super(`the persisted store's key is missing (${file}): run "npm run build" for dist/, or "npm run store-key" when running the sources`);
    this.name = 'StoreKeyMissing';
  }
}

let fingerprint: string | null = null;
/**
 * The key of the code and packages that decide what is persisted (src/store-key.ts), computed when byline
 * was built or installed and read from `store-key.json` in the folder above this module's. An index built by other code
 * is never loaded; a change elsewhere (Discord, the console, the queries) keeps the index.
 */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const file = fileURLToPath(new URL('../store-key.json', import.meta.url));
  let key: unknown;
  try {
    key = (JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown }).key;
  } catch {
    throw new StoreKeyMissing(file);
  }
  if (typeof key !== 'string' || !/^[0-9a-f]{64}$/.test(key)) throw new StoreKeyMissing(file);
  fingerprint = `${STORE_VERSION}:${key}`;
  return fingerprint;
}

/**
 * Loads the persisted index matching these files, or null (none, another version, or damaged: `damaged` is
 * told which file and how, so that the caller can log it before rebuilding). The batches of `previous` (a
 * library loaded before) whose content and files are the same as the store's are taken over as they are:
 * their articles, index segments and open files are shared, not read again.
 */
export async function loadStore(
  dataDir: string,
  contentHash: string,
  damaged?: (damage: StoreDamage) => void,
  previous?: readonly LoadedBatch[],
): Promise<Stored | null> {
  await removeDeadBuilds(dataDir);
  const hash = `${contentHash}:${codeFingerprint()}`;
  for (const dir of storeDirs(dataDir)) {
    const stored = await loadStoreFrom(dir, hash, damaged, previous);
    if (stored) return stored;
  }
  return null;
}

/** Whether a persisted index matching these files exists (its manifest says so; nothing else is read). */
export async function hasStore(dataDir: string, contentHash: string): Promise<boolean> {
  const hash = `${contentHash}:${codeFingerprint()}`;
  for (const dir of storeDirs(dataDir)) if (await matchingManifest(dir, hash)) return true;
  return false;
}

/** The store in place, as an incremental build keeps batches of it. */
export interface PreviousStore {
  dir: string;
  manifest: Manifest;
  /** Each batch's unit records. */
  units: UnitRecord[][];
}

/**
 * The store in place built by this code (from whatever files), with the folder it is in and its unit
 * records: what an incremental build keeps batches of. Null when there is none (or its records do not
 * check out).
 */
export async function currentStore(dataDir: string): Promise<PreviousStore | null> {
  const key = codeFingerprint();
  for (const dir of storeDirs(dataDir)) {
    const manifest = await readManifest(dir);
    if (!manifest || !manifest.hash.endsWith(`:${key}`) || !Array.isArray(manifest.batches)) continue;
    try {
      const units = JSON.parse((await readChecked(dir, UNITS_FILE, manifest)).toString('utf8')) as UnitRecord[][];
      if (units.length === manifest.batches.length && units.every((batch, n) => batchKey(batch) === manifest.batches[n]!.key)) return { dir, manifest, units };
    } catch {
      // Damaged or missing: nothing is kept, everything is built.
    }
  }
  return null;
}

async function readManifest(dir: string): Promise<Manifest | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    return manifest.version === STORE_VERSION ? manifest : null;
  } catch {
    return null;
  }
}

/** The manifest of the index in `dir`, when there is one built for this hash by this store version. */
async function matchingManifest(dir: string, hash: string): Promise<Manifest | null> {
  const manifest = await readManifest(dir);
  return manifest?.hash === hash ? manifest : null;
}

async function loadStoreFrom(
  dir: string,
  hash: string,
  damaged?: (damage: StoreDamage) => void,
  previous: readonly LoadedBatch[] = [],
): Promise<Stored | null> {
  try {
    const manifest = await matchingManifest(dir, hash);
    if (!manifest) return null;
    await refuseIfMarkedDamaged(dir);
    const parsedArticles: Article[] = [];
    const strings = new Strings();
    const kept = new Map(previous.map((batch) => [batch.key, batch]));
    const read = (name: string, into?: ScratchBuffer) => readChecked(dir, name, manifest, into);
    const fileEntries = (batch: number) =>
      BATCH_FILES.map((pattern) => {
        const entry = manifest.files?.[batchFile(pattern, batch)];
        if (!entry) throw new StoreDamage(batchFile(pattern, batch), 'not listed in the manifest');
        return entry;
      });
    /** The batch of the library given that holds the same content in the same files, if any. */
    const keptBatch = (batch: number): LoadedBatch | null => {
      const candidate = kept.get(manifest.batches[batch]!.key);
      if (!candidate) return null;
      const entries = fileEntries(batch);
      return candidate.files.every((file, i) => file.bytes === entries[i]!.bytes && file.crc32 === entries[i]!.crc32) ? candidate : null;
    };
    // The library's quote table is made at its size from the quote files' headers, and each batch's
    // columns are copied into it as the batch is read; an article's `quotes` are built from it when first
    // asked for.
    const quoteFiles = manifest.batches.map((_, batch) => batchFile('quotes-%.bin', batch));
    const totals = { count: 0, sentences: 0 };
    for (const name of quoteFiles) {
      const counts = quoteTableCounts(readHead(dir, name, QUOTE_HEADER_BYTES));
      totals.count += counts.count;
      totals.sentences += counts.sentences;
    }
    const assembler = new QuoteTableAssembler(totals.count, totals.sentences);
    // Files are read ahead, one batch in advance, while the previous one is being unpacked; of a batch
    // taken over, only its quote table (the library's table is made anew). The quotes and the articles'
    // JSON are let go once the batch is unpacked, so they are read into two buffers used in turn, batch
    // after batch (memory touched for the first time costs more than the reading on a small machine); the
    // index segments stay, each in memory of its own.
    const scratch = [new ScratchBuffers(), new ScratchBuffers()];
    const readBatch = (batch: number) => {
      const buffers = scratch[batch % 2]!;
      const reads = [read(quoteFiles[batch]!, buffers.quotes)];
      if (!keptBatch(batch)) reads.push(read(batchFile('articles-%.json', batch), buffers.articles), read(batchFile('index-%.bin', batch)));
      return handled(Promise.all(reads));
    };
    const batches: LoadedBatch[] = [];
    let reused = 0;
    let ahead = manifest.batches.length > 0 ? readBatch(0) : null;
    for (let batch = 0; batch < manifest.batches.length; batch++) {
      const [quoteBytes, json, indexBytes] = await ahead!;
      ahead = batch + 1 < manifest.batches.length ? readBatch(batch + 1) : null;
      const quoteColumns = decodeQuotes(quoteBytes!);
      let loaded = keptBatch(batch);
      if (loaded) reused++;
      else {
        // The articles' text and other people are read when first needed, from files opened now (see LaterFile).
        // Checked for their length now, and against their CRC-32 when first read: damage found then is told
        // (`damaged`), marked in the store so that the next load rebuilds the batch, and the batch is no
        // longer taken over by a reload.
        const onLaterDamage = (damage: StoreDamage) => {
          markDamaged(dir, damage);
          if (loaded) loaded.files = loaded.files.map((file) => ({ ...file, crc32: -1 }));
          try {
            damaged?.(damage);
          } catch {
            // telling never breaks the reader
          }
        };
        const placement: LoadedBatch['placement'] = { table: null, first: 0 };
        const { articles } = unpackBatch(dir, manifest, batch, json!, quoteColumns.count, {
          strings,
          damaged: onLaterDamage,
          quotes: (i) => placement.table!.quotesOf(placement.first + i),
        });
        loaded = { key: manifest.batches[batch]!.key, files: fileEntries(batch), articles, segment: readSegmentFile(indexBytes!), placement };
      }
      batches.push(loaded);
      for (const article of loaded.articles) parsedArticles.push(article);
      assembler.add(loaded.articles, quoteColumns);
    }
    if (parsedArticles.length !== manifest.articles) return null;
    const table = assembler.finish(parsedArticles);
    const indexes = indexesFromSegments(
      batches.map((batch) => batch.segment),
      parsedArticles,
      table,
    );
    // Each batch's articles now read their quotes from this table. A batch taken over from a library still
    // answering gets the same quotes from it as from that library's table, so moving it now changes nothing
    // that library answers.
    let first = 0;
    for (const batch of batches) {
      batch.placement.table = table;
      batch.placement.first = first;
      first += batch.articles.length;
    }
    return { problems: manifest.problems, articles: parsedArticles, indexes, batches, reused };
  } catch (error) {
    if (error instanceof StoreDamage) damaged?.(error);
    return null;
  }
}

/**
 * A batch's articles unpacked from its `articles-N.json` (read and checked by the caller), with their text
 * and other people read when first needed from files opened now: checked for their length now, and against
 * their CRC-32 when first read (`damaged` is told, and the read throws). `quotes(i)` gives the batch's i-th
 * article's quotes. `close` closes the files still open (they are closed anyway once collected).
 */
function unpackBatch(
  dir: string,
  manifest: Manifest,
  batch: number,
  json: Buffer,
  quoteCount: number,
  unpacking: { strings: Strings; damaged: (damage: StoreDamage) => void; quotes: (article: number) => Quote[] },
): { articles: Article[]; close: () => void } {
  const checkedLater = (pattern: (typeof BATCH_FILES)[number]): LaterCheck => {
    const name = checkedLength(dir, batchFile(pattern, batch), manifest);
    return { file: path.join(dir, name), name, expected: manifest.files![name]!, damaged: unpacking.damaged };
  };
  const people = peopleReader(checkedLater('people-%.bin'));
  const text = batchTextReader(checkedLater('text-%.bin'));
  let paragraph = 0;
  let sentence = 0;
  let quotes = 0;
  // Written as ASCII (see asciiJson), so read as Latin-1: a copy of the bytes, not UTF-8 decoding.
  const packedArticles = JSON.parse(json.toString('latin1')) as PackedArticle[];
  const articles = packedArticles.map((packed, i) => {
    const line = () => people.line(i);
    const from = paragraph;
    const to = (paragraph += packed[5]);
    const paragraphs = () => text.paragraphs().slice(from, to);
    const sentenceFrom = sentence * 4;
    const sentenceTo = (sentence += packed[6]) * 4;
    const sentences = () => text.sentences().subarray(sentenceFrom, sentenceTo);
    if (typeof packed[8] !== 'number') throw new Error('the store holds quotes in its articles');
    quotes += packed[8];
    return unpackArticle(packed, { paragraphs, sentences, others: line, strings: unpacking.strings, quotes: () => unpacking.quotes(i) });
  });
  if (quotes !== quoteCount) throw new Error('the quote table does not match its articles');
  if (4 * sentence !== text.sentenceInts) throw new Error('the sentence offsets do not match their articles');
  if (articles.length !== manifest.batches[batch]!.articles) throw new Error('a batch does not hold the articles its record says');
  return { articles, close: () => people.close() };
}

/** A batch of the store read back on its own: its articles, and their quotes as a table of the batch alone (numbered from 0). */
export interface StoreBatch {
  articles: Article[];
  quotes: QuoteTable;
}

/**
 * The store matching these files read back a batch at a time, for a reader that handles each batch and lets
 * it go (the PostgreSQL ingest: src/postgres/ingest.ts), so that it never holds the library; null when there
 * is no such store (none, another code's, or marked damaged). Batches come in library order; the index
 * segments are not read. Every file is checked against the manifest read now — the quotes and articles
 * when read, the text and other people when first read — and one that does not check out (damaged, or
 * replaced by a rebuild meanwhile) throws StoreDamage, leaving the store unmarked: the reader builds the
 * store again and starts over.
 */
export async function storeBatches(
  dataDir: string,
  contentHash: string,
): Promise<{ articles: number; problems: LoadProblem[]; batches: AsyncGenerator<StoreBatch> } | null> {
  const hash = `${contentHash}:${codeFingerprint()}`;
  for (const dir of storeDirs(dataDir)) {
    const manifest = await matchingManifest(dir, hash);
    if (!manifest) continue;
    try {
      await refuseIfMarkedDamaged(dir);
    } catch {
      return null;
    }
    async function* batches(): AsyncGenerator<StoreBatch> {
      for (let batch = 0; batch < manifest!.batches.length; batch++) {
        let table: QuoteTable | null = null;
        let unpacked: { articles: Article[]; close: () => void };
        try {
          const [quoteBytes, json] = await Promise.all(['quotes-%.bin', 'articles-%.json'].map((name) => readChecked(dir, name.replace('%', String(batch)), manifest!)));
          const columns = decodeQuotes(quoteBytes!);
          unpacked = unpackBatch(dir, manifest!, batch, json!, columns.count, {
            strings: new Strings(),
            // The read that finds the damage throws it.
            damaged: () => undefined,
            quotes: (i) => table!.quotesOf(i),
          });
          table = QuoteTable.assemble(unpacked.articles, [{ articles: unpacked.articles.length, columns }]);
        } catch (error) {
          // Files that check out but do not hold together are damage too: the store is built again.
          throw error instanceof StoreDamage ? error : new StoreDamage(`batch ${batch}`, error instanceof Error ? error.message : String(error));
        }
        try {
          yield { articles: unpacked.articles, quotes: table };
        } finally {
          unpacked.close();
        }
      }
    }
    return { articles: manifest.articles, problems: manifest.problems, batches: batches() };
  }
  return null;
}

/** The header of a batch's index file: "BYLS", then the byte length of each segment. */
const SEGMENTS_MAGIC = 0x534c5942;

/**
 * A batch's index file: `SEGMENTS_MAGIC`, the byte lengths of its quotes, sentences and titles segments
 * (Uint32 each), then the three, each padded to 4 bytes so that their integer arrays are aligned.
 */
function segmentFile(segment: IndexSegment): Buffer {
  const parts = [segment.quotes, segment.sentences, segment.titles];
  const head = Buffer.alloc(16);
  head.writeUInt32LE(SEGMENTS_MAGIC, 0);
  parts.forEach((part, i) => head.writeUInt32LE(part.byteLength, 4 + 4 * i));
  return Buffer.concat([head, ...parts.flatMap((part) => [part, Buffer.alloc((4 - (part.byteLength % 4)) % 4)])]);
}

function readSegmentFile(bytes: Buffer): IndexSegment {
  if (bytes.length < 16 || bytes.readUInt32LE(0) !== SEGMENTS_MAGIC) throw new Error('not an index file');
  const lengths = [4, 8, 12].map((at) => bytes.readUInt32LE(at));
  let at = 16;
  const [quotes, sentences, titles] = lengths.map((length) => {
    if (at + length > bytes.length) throw new Error('the index file is truncated');
    const part = bytes.subarray(at, at + length);
    at += length + ((4 - (length % 4)) % 4);
    return part;
  }) as [Buffer, Buffer, Buffer];
  return { quotes, sentences, titles };
}

/** A store file that does not match what its manifest says of it. */
export class StoreDamage extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'StoreDamage';
  }
}


/**
 * Whether a file has the length and CRC-32 its manifest gives, read a chunk at a time (a batch kept by an
 * incremental build is checked this way: reading its files whole would swell the worker's memory).
 */
async function checksOut(file: string, expected: { bytes: number; crc32: number }, chunk: Buffer): Promise<boolean> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(file, 'r');
    if ((await handle.stat()).size !== expected.bytes) return false;
    let crc = 0;
    for (let at = 0; at < expected.bytes; ) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, expected.bytes - at), at);
      if (bytesRead === 0) return false;
      crc = crc32(chunk.subarray(0, bytesRead), crc);
      at += bytesRead;
    }
    return crc === expected.crc32;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/**
 * A buffer reused from file to file for bytes let go once used (a batch's quotes and articles' JSON):
 * grown when a file is larger than any before it.
 */
class ScratchBuffer {
  private buffer: Buffer | null = null;
  /** `bytes` bytes of it, at the start of memory of its own (aligned for any typed array). */
  take(bytes: number): Buffer {
    if (!this.buffer || this.buffer.length < bytes) this.buffer = Buffer.allocUnsafeSlow(bytes);
    return this.buffer.subarray(0, bytes);
  }
}

class ScratchBuffers {
  readonly quotes = new ScratchBuffer();
  readonly articles = new ScratchBuffer();
}

/** The first `bytes` bytes of a store file (fewer when it is shorter), read now; unchecked. */
function readHead(dir: string, name: string, bytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path.join(dir, name), 'r');
  } catch (error) {
    throw new StoreDamage(name, `unreadable (${(error as { code?: string }).code ?? String(error)})`);
  }
  try {
    const head = Buffer.alloc(bytes);
    const read = readSync(fd, head, 0, bytes, 0);
    return head.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * A store file read whole and checked against the manifest's length and CRC-32: read in one request into
 * memory of its own, or into `into` (valid until it is used for another file).
 */
async function readChecked(dir: string, name: string, manifest: Manifest, into?: ScratchBuffer): Promise<Buffer> {
  const expected = manifest.files?.[name];
  if (!expected) throw new StoreDamage(name, 'not listed in the manifest');
  let bytes: Buffer;
  try {
    bytes = await readWhole(path.join(dir, name), expected.bytes, into);
  } catch (error) {
    throw new StoreDamage(name, `unreadable (${(error as { code?: string }).code ?? String(error)})`);
  }
  if (bytes.length !== expected.bytes) throw new StoreDamage(name, `${bytes.length} bytes where the manifest says ${expected.bytes}`);
  if (crc32(bytes) !== expected.crc32) throw new StoreDamage(name, 'checksum mismatch');
  return bytes;
}

/**
 * A file's bytes, expected to be `expected` long: all of them when its length differs (the caller then
 * refuses it), else read in one request (not `readFile`'s chunks of 512 KB, each a turn of the event loop)
 * into memory of its own or into `into`.
 */
async function readWhole(file: string, expected: number, into?: ScratchBuffer): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size !== expected) return await handle.readFile();
    const bytes = into ? into.take(size) : Buffer.allocUnsafeSlow(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(bytes, done, size - done, done);
      if (bytesRead === 0) return bytes.subarray(0, done);
      done += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/**
 * Marks the store in `dir` as holding a file found damaged when it was read after loading (its CRC-32 is
 * checked then, not at load: see {@link LaterCheck}): the next load refuses the store, so it is rebuilt
 * (keeping the batches whose files check out). Best effort: a store that cannot be written is left as it is.
 */
function markDamaged(dir: string, damage: StoreDamage): void {
  try {
    writeFileSync(path.join(dir, DAMAGED_FILE), `${JSON.stringify({ file: damage.file, reason: damage.message })}\n`);
  } catch {
    // read-only: the damage is found again when read
  }
}

/** The store's mark of damage found after loading ({@link markDamaged}). */
export const DAMAGED_FILE = 'damaged.json';

async function refuseIfMarkedDamaged(dir: string): Promise<void> {
  let mark: string;
  try {
    mark = await readFile(path.join(dir, DAMAGED_FILE), 'utf8');
  } catch {
    return;
  }
  let file = DAMAGED_FILE;
  try {
    file = String((JSON.parse(mark) as { file?: unknown }).file ?? DAMAGED_FILE);
  } catch {
    // a mark that is itself damaged still marks the store
  }
  throw new StoreDamage(file, 'found damaged when read after an earlier load');
}

/** A file read later: where it is, what the manifest says of it, and whom to tell when it does not check out. */
interface LaterCheck {
  file: string;
  /** Its name in the store (what is logged). */
  name: string;
  expected: { bytes: number; crc32: number };
  damaged: (damage: StoreDamage) => void;
}

/** A store file read later: its length checked against the manifest now. Returns its name. */
function checkedLength(dir: string, name: string, manifest: Manifest): string {
  const expected = manifest.files?.[name];
  if (!expected) throw new StoreDamage(name, 'not listed in the manifest');
  let size: number;
  try {
    size = statSync(path.join(dir, name)).size;
  } catch {
    throw new StoreDamage(name, 'missing');
  }
  if (size !== expected.bytes) throw new StoreDamage(name, `${size} bytes where the manifest says ${expected.bytes}`);
  return name;
}

/**
 * A promise read ahead may be left behind when loading stops early (a damaged file): its failure must not
 * count as unhandled. Awaiting it still throws.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * A batch's articles as the store writes them, packed one at a time as they are understood: what is kept
 * of each (its positional JSON, its other people as a line of JSON, its paragraphs and sentence offsets,
 * its quotes with the people they are attributed to) is a fraction of the understood article, which is let
 * go at once (sentences, mentions and people as objects): building a batch of 4,000 notes then holds tens
 * of MB, not hundreds.
 */
export class PackedBatch {
  readonly packed: PackedArticle[] = [];
  readonly others: string[] = [];
  readonly texts: Pick<Packed, 'paragraphs' | 'sentences'>[] = [];
  readonly quoted: QuotedArticle[] = [];

  static of(articles: readonly Article[]): PackedBatch {
    const batch = new PackedBatch();
    for (const article of articles) batch.add(article);
    return batch;
  }

  add(article: Article): void {
    // The quotes go to the batch's quote table; the articles' JSON keeps only how many each has.
    const packed = packArticle(article, { quotes: false });
    this.packed.push(packed.article);
    this.others.push(asciiJson(packed.others));
    this.texts.push({ paragraphs: packed.paragraphs, sentences: packed.sentences });
    this.quoted.push({ id: article.id, paragraphs: article.paragraphs, quotes: article.quotes, people: quotedPeopleOf(article) });
  }

  get length(): number {
    return this.packed.length;
  }
}

/**
 * Writes a persisted index a batch of articles at a time, so that a library can be built and saved
 * without ever holding all its articles in memory; a batch whose files have not changed is linked from the
 * store before instead (`keepBatch`). Files go to a temporary folder, renamed into place by `finish`: a
 * crash never leaves a half-written index. The index is kept beside the data, or in the system's
 * temporary folder when the data folder is read-only.
 */
export class StoreWriter {
  private readonly batches: BatchRecord[] = [];
  private readonly units: UnitRecord[][] = [];
  private articles = 0;
  /** Length and CRC-32 of every file written, for the manifest. */
  private readonly files: Manifest['files'] = {};
  /** What the files of batches kept are read through to be checked. */
  private chunk: Buffer | null = null;

  private constructor(
    private readonly dir: string,
    private readonly temporary: string,
  ) {}

  static async open(dataDir: string): Promise<StoreWriter> {
    const [beside, fallback] = storeDirs(dataDir) as [string, string];
    for (const dir of [beside, fallback]) {
      const temporary = `${dir}.tmp-${process.pid}`;
      try {
        await rm(temporary, { recursive: true, force: true });
        await mkdir(temporary, { recursive: true });
        return new StoreWriter(dir, temporary);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (dir === fallback || (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM')) throw error;
      }
    }
    throw new Error('unreachable');
  }

  /** Adds the next batch, in library order: its units, its articles (packed as understood) and their index segment. */
  async addBatch(units: UnitRecord[], articles: PackedBatch, segment: IndexSegment): Promise<void> {
    if (articles.length !== units.reduce((n, unit) => n + unitIds(unit).length, 0)) throw new Error('StoreWriter: a batch must hold the articles of its units');
    const n = this.batches.length;
    await this.write(batchFile('articles-%.json', n), asciiJson(articles.packed));
    await this.write(batchFile('quotes-%.bin', n), encodeQuotes(articles.quoted));
    await this.write(batchFile('people-%.bin', n), peopleFile(articles.others));
    await this.write(batchFile('text-%.bin', n), batchText(articles.texts));
    await this.write(batchFile('index-%.bin', n), segmentFile(segment));
    this.batches.push({ key: batchKey(units), articles: articles.length, units: units.length });
    this.units.push(units);
    this.articles += articles.length;
  }

  /**
   * Adds the next batch as batch `from` of the store in `dir` holds it (the same content): its files are
   * checked against that store's manifest (length and CRC-32), then linked (copied where a link cannot be
   * made) under this batch's names. Returns false, adding nothing, when a file is missing or does not
   * check out: the batch must then be built.
   */
  async keepBatch(units: UnitRecord[], dir: string, manifest: Manifest, from: number): Promise<boolean> {
    const n = this.batches.length;
    const files: Manifest['files'] = {};
    for (const pattern of BATCH_FILES) {
      const source = batchFile(pattern, from);
      const entry = manifest.files[source];
      if (!entry || !(await checksOut(path.join(dir, source), entry, (this.chunk ??= Buffer.allocUnsafe(1 << 20))))) return false;
      files[batchFile(pattern, n)] = entry;
    }
    const linked: string[] = [];
    try {
      for (const pattern of BATCH_FILES) {
        const source = path.join(dir, batchFile(pattern, from));
        const target = path.join(this.temporary, batchFile(pattern, n));
        try {
          await link(source, target);
        } catch {
          await copyFile(source, target);
        }
        linked.push(target);
      }
    } catch {
      // Never written over later: a link shares the file with the store it came from.
      for (const target of linked) await rm(target, { force: true });
      return false;
    }
    Object.assign(this.files, files);
    this.batches.push(manifest.batches[from]!);
    this.units.push(units);
    this.articles += manifest.batches[from]!.articles;
    return true;
  }

  async finish(contentHash: string, problems: LoadProblem[]): Promise<void> {
    await this.write(UNITS_FILE, JSON.stringify(this.units));
    const manifest: Manifest = {
      version: STORE_VERSION,
      hash: `${contentHash}:${codeFingerprint()}`,
      articles: this.articles,
      batches: this.batches,
      problems,
      created: new Date().toISOString(),
      files: this.files,
    };
    await writeFile(path.join(this.temporary, 'manifest.json'), JSON.stringify(manifest));
    await rm(this.dir, { recursive: true, force: true });
    await rename(this.temporary, this.dir);
  }

  /** Writes one file of the store and records its length and CRC-32. */
  private async write(name: string, data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await writeFile(path.join(this.temporary, name), bytes);
    this.files[name] = { bytes: bytes.byteLength, crc32: crc32(bytes) };
  }

  async abort(): Promise<void> {
    await rm(this.temporary, { recursive: true, force: true });
  }
}

/**
 * JSON with every character beyond ASCII escaped (`\u201c`): the same value, but a file that decodes as
 * Latin-1, several times faster than UTF-8 for text full of curly quotes and accents (0.2 s against
 * 0.7 s for the 180 MB of a 10,000-article library).
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A batch's paragraphs and sentence offsets as bytes: Int32 counts (paragraphs, sentence numbers, characters
 * of one-byte and of two-byte text), each paragraph's length (negative, -1 - length, for a paragraph with a
 * character beyond Latin-1), each sentence's paragraph, index, start and end, then the Latin-1 paragraphs'
 * text as one byte a character, and the others' as UTF-16LE. Read back, each is one string and each
 * paragraph a slice of one of them: no JSON to unescape and no copy of each paragraph for the garbage
 * collector to move (at 10,000 articles, 82 million characters, of which 23% stand in the one paragraph in
 * eight that has a curly quote or a dash: 101 MB read and held instead of 165).
 * Integers are little-endian, as on every platform Node runs on here.
 */
function batchText(packed: readonly Pick<Packed, 'paragraphs' | 'sentences'>[]): Buffer {
  const paragraphs = packed.flatMap((p) => p.paragraphs);
  const sentences = packed.flatMap((p) => p.sentences);
  const wide = paragraphs.map((paragraph) => /[^\u0000-\u00ff]/.test(paragraph));
  const narrowText = Buffer.from(paragraphs.filter((_, i) => !wide[i]).join(''), 'latin1');
  const wideText = Buffer.from(paragraphs.filter((_, i) => wide[i]).join(''), 'utf16le');
  const ints = new Int32Array(4 + paragraphs.length + sentences.length);
  ints.set([paragraphs.length, sentences.length, narrowText.length, wideText.length / 2]);
  paragraphs.forEach((paragraph, i) => (ints[4 + i] = wide[i] ? -1 - paragraph.length : paragraph.length));
  ints.set(sentences, 4 + paragraphs.length);
  const pad = Buffer.alloc(narrowText.length % 2);
  return Buffer.concat([Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength), narrowText, pad, wideText]);
}

/**
 * A store file opened when the store is loaded and read later, when first needed. The open file stays
 * readable as it was even if the store is rebuilt (renamed away) meanwhile, so what is read later is what
 * the library was loaded from. Closed once read whole, or when nothing refers to it any longer.
 */
class LaterFile {
  private fd: number | null;
  readonly size: number;

  constructor(private readonly file: string) {
    this.fd = openSync(file, 'r');
    try {
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
    closeWhenCollected.register(this, this.fd, this);
  }

  /** `length` bytes from `position`; throws when the file holds fewer. */
  read(position: number, length: number): Buffer {
    if (this.fd === null) throw new Error(`${this.file} is closed`);
    // Never from the shared pool: the bytes start their own memory, aligned for integer arrays.
    const bytes = Buffer.allocUnsafeSlow(length);
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd, bytes, done, length - done, position + done);
      if (read === 0) throw new Error(`${this.file} is truncated`);
      done += read;
    }
    return bytes;
  }

  close(): void {
    if (this.fd === null) return;
    closeWhenCollected.unregister(this);
    closeSync(this.fd);
    this.fd = null;
  }
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/**
 * A batch's other people as the store writes them: Int32 count of lines and the byte offset of each line
 * (and of the end), then the lines, each an article's other people as ASCII JSON.
 */
function peopleFile(lines: string[]): Buffer {
  const text = lines.map((line) => Buffer.from(line, 'latin1'));
  const offsets = new Int32Array(2 + lines.length);
  offsets[0] = lines.length;
  let at = 0;
  text.forEach((line, i) => {
    offsets[1 + i] = at;
    at += line.length;
  });
  offsets[1 + lines.length] = at;
  return Buffer.concat([Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength), ...text]);
}

/**
 * A batch's other people: the offsets read and checked now, each line when `article.people` first asks —
 * the whole file checked against its CRC-32 before the first line is trusted (read a megabyte at a time,
 * about 5 MB a batch of 1,000 articles, once).
 */
function peopleReader(check: LaterCheck): { line: (article: number) => string; close: () => void } {
  const { file } = check;
  const later = new LaterFile(file);
  try {
    const count = later.size >= 4 ? later.read(0, 4).readInt32LE(0) : -1;
    const headerBytes = 4 * (2 + count);
    if (!(count >= 0 && later.size >= headerBytes)) throw new Error(`${file} is truncated`);
    const header = later.read(0, headerBytes);
    const offsets = new Int32Array(count + 1);
    for (let i = 0; i <= count; i++) offsets[i] = header.readInt32LE(4 + 4 * i);
    for (let i = 0; i < count; i++) if (!(offsets[i]! >= 0 && offsets[i]! <= offsets[i + 1]!)) throw new Error(`${file} is inconsistent`);
    if (headerBytes + offsets[count]! !== later.size) throw new Error(`${file} is truncated or too long`);
    let verified: true | StoreDamage | null = null;
    const verify = (): void => {
      if (verified === null) {
        verified = laterDamage(check, () => {
          let crc = 0;
          for (let at = 0; at < later.size; at += LATER_CHUNK) crc = crc32(later.read(at, Math.min(LATER_CHUNK, later.size - at)), crc);
          return crc;
        });
        if (verified instanceof StoreDamage) {
          later.close();
          check.damaged(verified);
        }
      }
      if (verified instanceof StoreDamage) throw verified;
    };
    return {
      line: (article) => {
        verify();
        return article < count ? later.read(headerBytes + offsets[article]!, offsets[article + 1]! - offsets[article]!).toString('latin1') : '[]';
      },
      close: () => later.close(),
    };
  } catch (error) {
    later.close();
    throw error;
  }
}

/** Bytes read at a time when a file read later is checked whole. */
const LATER_CHUNK = 1 << 20;

/**
 * True when `crc()` (the CRC-32 of the file as read now) is the manifest's, else the damage: a different
 * checksum, or a file that can no longer be read whole (truncated since it was opened).
 */
function laterDamage(check: LaterCheck, crc: () => number): true | StoreDamage {
  try {
    return crc() === check.expected.crc32 ? true : new StoreDamage(check.name, 'checksum mismatch when first read');
  } catch (error) {
    return new StoreDamage(check.name, `unreadable when first read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * A batch's text file: its header and paragraph lengths read and checked now; its sentence offsets read
 * when a sentence of the batch is first asked for (13 MB at 10,000 articles, some 0.1 s of a start on this
 * machine); its text read and decoded when a paragraph of the batch is first asked for (a search, a quote's
 * words, a summary, or the warm-up after start), the offsets with it if not read yet, and the whole file
 * then checked against its CRC-32. Reading and decoding 100 MB of text was a third of the start-up at
 * 10,000 articles.
 */
function batchTextReader(check: LaterCheck): { paragraphs: () => string[]; sentences: () => Int32Array; sentenceInts: number } {
  const { file } = check;
  const later = new LaterFile(file);
  try {
    if (later.size < 16) throw new Error(`${file} is truncated`);
    const head = later.read(0, 16);
    const [paragraphCount, sentenceInts, narrowChars, wideChars] = [0, 4, 8, 12].map((at) => head.readInt32LE(at)) as [number, number, number, number];
    if (!(paragraphCount >= 0 && sentenceInts >= 0 && narrowChars >= 0 && wideChars >= 0)) throw new Error(`${file} is damaged`);
    const intBytes = 4 * (4 + paragraphCount + sentenceInts);
    const wideAt = intBytes + narrowChars + (narrowChars % 2);
    if (later.size !== wideAt + 2 * wideChars) throw new Error(`${file} is truncated or too long`);
    // The paragraphs' lengths now; the sentences' offsets (a quarter of a batch's file) when first needed.
    const lengthBytes = 4 * (4 + paragraphCount);
    const headBytes = later.read(0, lengthBytes);
    const lengths = new Int32Array(headBytes.buffer, headBytes.byteOffset + 16, paragraphCount);
    let narrowTotal = 0;
    let wideTotal = 0;
    for (const length of lengths) {
      if (length >= 0) narrowTotal += length;
      else wideTotal += -1 - length;
    }
    if (narrowTotal !== narrowChars || wideTotal !== wideChars) throw new Error(`${file} is inconsistent`);
    let paragraphs: string[] | null = null;
    let offsets: Int32Array | null = null;
    let offsetBytes: Buffer | null = null;
    let damage: StoreDamage | null = null;
    const sentences = (): Int32Array => {
      if (damage) throw damage;
      if (!offsets) {
        try {
          offsetBytes = later.read(lengthBytes, 4 * sentenceInts);
        } catch (error) {
          // Truncated or closed since the load: damage, told as a checksum mismatch would be.
          damage = new StoreDamage(check.name, `unreadable when first read (${error instanceof Error ? error.message : String(error)})`);
          later.close();
          check.damaged(damage);
          throw damage;
        }
        offsets = new Int32Array(offsetBytes.buffer, offsetBytes.byteOffset, sentenceInts);
      }
      return offsets;
    };
    const decode = (): string[] => {
      // The whole file is checked against its CRC-32 before its text is trusted: the header and lengths
      // read at load, the offsets when first needed, then the text read now (a checksum costs far less than
      // the decoding that follows).
      let bytes: Buffer | null = null;
      const checked = laterDamage(check, () => {
        sentences();
        bytes = later.read(intBytes, later.size - intBytes);
        return crc32(bytes, crc32(offsetBytes!, crc32(headBytes)));
      });
      later.close();
      if (checked instanceof StoreDamage || bytes === null) {
        damage = checked instanceof StoreDamage ? checked : new StoreDamage(check.name, 'unreadable when first read');
        check.damaged(damage);
        throw damage;
      }
      const text: Buffer = bytes;
      const narrow = text.toString('latin1', 0, narrowChars);
      const wide = text.toString('utf16le', wideAt - intBytes);
      const list: string[] = [];
      let narrowAt = 0;
      let wideFrom = 0;
      for (const length of lengths) {
        list.push(length >= 0 ? narrow.slice(narrowAt, (narrowAt += length)) : wide.slice(wideFrom, (wideFrom -= length + 1)));
      }
      return list;
    };
    return {
      paragraphs: () => {
        if (damage) throw damage;
        return (paragraphs ??= decode());
      },
      sentences,
      sentenceInts,
    };
  } catch (error) {
    later.close();
    throw error;
  }
}
