/**
 * The persisted library: what byline understood of the articles (sentences, quotes, people) and the
 * search indexes, saved next to the data in `<data>/.byline-index/` so that a restart of a large library
 * skips sentence splitting, attribution and indexing.
 *
 * It is valid only for the exact files it was built from: the manifest holds a hash of every article
 * file's name and content, and any difference (a file added, changed or removed) rebuilds it. It is
 * written to a temporary folder and renamed into place, so a crash never leaves a half-written index.
 *
 * Layout: a manifest, the articles in batches of 1,000 (`articles-N.json`, as positional arrays, and
 * `people-N.bin`, the people no quote is attributed to, a line of JSON an article; `text-N.bin`, their
 * paragraphs' text: both opened at load and read when first needed, see src/store-format.ts;
 * `quotes-N.bin`, their quotes as columns with a checksum: src/search/quote-table.ts), one binary file per
 * MiniSearch index (`*.bin`, src/search/persist.ts), loaded as
 * read-only views without copying postings into maps, and the term frequencies. No single string comes
 * near V8's string limit at the library sizes byline is benchmarked on.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { IndexBytes, Indexes } from './search/index.ts';
import { indexesFromBytes } from './search/index.ts';
import { decodeQuotes, encodeQuotes, QuoteTable, type QuoteColumns } from './search/quote-table.ts';
import type { Article, LoadProblem } from './model.ts';
import { packArticle, Strings, unpackArticle, type Packed, type PackedArticle } from './store-format.ts';

/** Bumped whenever what is persisted, or how articles are understood, changes shape. */
export const STORE_VERSION = 7;
export const STORE_DIR = '.byline-index';

interface Manifest {
  version: number;
  /** The articles' content hash and the engine's code fingerprint. */
  hash: string;
  articles: number;
  /** How many `articles-N.json` batches hold them. */
  batches: number;
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

export interface Stored {
  articles: Article[];
  indexes: Indexes;
  problems: LoadProblem[];
}

/**
 * Articles are saved in batches: one JSON string for 10,000 articles would come near V8's string limit
 * (about 512 MB), batches parse without holding one huge string, and a library is built a batch at a time.
 */
export const ARTICLES_PER_BATCH = 1_000;

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
 * was built or installed and read from `store-key.json` beside this module. An index built by other code
 * is never loaded; a change elsewhere (Discord, the console, the queries) keeps the index.
 */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const file = fileURLToPath(new URL('./store-key.json', import.meta.url));
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
 * told which file and how, so that the caller can log it before rebuilding).
 */
export async function loadStore(dataDir: string, contentHash: string, damaged?: (damage: StoreDamage) => void): Promise<Stored | null> {
  await removeDeadBuilds(dataDir);
  const hash = `${contentHash}:${codeFingerprint()}`;
  for (const dir of storeDirs(dataDir)) {
    const stored = await loadStoreFrom(dir, hash, damaged);
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

/** The manifest of the index in `dir`, when there is one built for this hash by this store version. */
async function matchingManifest(dir: string, hash: string): Promise<Manifest | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    return manifest.version === STORE_VERSION && manifest.hash === hash ? manifest : null;
  } catch {
    return null;
  }
}

async function loadStoreFrom(dir: string, hash: string, damaged?: (damage: StoreDamage) => void): Promise<Stored | null> {
  try {
    const manifest = await matchingManifest(dir, hash);
    if (!manifest) return null;
    const parsedArticles: Article[] = [];
    const strings = new Strings();
    // Files are read ahead, one batch in advance, while the previous one is being unpacked.
    const read = (name: string) => readChecked(dir, name, manifest);
    const indexFiles = handled(Promise.all(['quotes', 'sentences', 'titles'].map((name) => read(`${name}.bin`))));
    const readBatch = (batch: number) =>
      handled(Promise.all(['articles-%.json', 'quotes-%.bin'].map((name) => read(name.replace('%', String(batch))))));
    // The quotes are read as columns, batch by batch, and joined into the library's table once all are in;
    // an article's `quotes` are built from it when first asked for.
    const quoteBatches: { articles: number; columns: QuoteColumns }[] = [];
    let table: QuoteTable | null = null;
    let ahead = manifest.batches > 0 ? readBatch(0) : null;
    for (let batch = 0; batch < manifest.batches; batch++) {
      const [json, quoteBytes] = await ahead!;
      ahead = batch + 1 < manifest.batches ? readBatch(batch + 1) : null;
      // The articles' text and other people are read when first needed, from files opened now (see LaterFile).
      const people = peopleReader(path.join(dir, checkedLength(dir, `people-${batch}.bin`, manifest)));
      const text = batchTextReader(path.join(dir, checkedLength(dir, `text-${batch}.bin`, manifest)));
      const quoteColumns = decodeQuotes(quoteBytes!);
      let paragraph = 0;
      let sentence = 0;
      let quotes = 0;
      // Written as ASCII (see asciiJson), so read as Latin-1: a copy of the bytes, not UTF-8 decoding.
      const packedArticles = JSON.parse(json!.toString('latin1')) as PackedArticle[];
      packedArticles.forEach((packed, i) => {
        const line = () => people.line(i);
        const from = paragraph;
        const to = (paragraph += packed[5]);
        const paragraphs = () => text.paragraphs().slice(from, to);
        const sentences = text.sentences.subarray(sentence * 4, (sentence += packed[6]) * 4);
        if (typeof packed[8] !== 'number') throw new Error('the store holds quotes in its articles');
        quotes += packed[8];
        const at = parsedArticles.length;
        parsedArticles.push(unpackArticle(packed, { paragraphs, sentences, others: line, strings, quotes: () => table!.quotesOf(at) }));
      });
      if (quotes !== quoteColumns.count) throw new Error('the quote table does not match its articles');
      quoteBatches.push({ articles: packedArticles.length, columns: quoteColumns });
    }
    if (parsedArticles.length !== manifest.articles) return null;
    table = QuoteTable.assemble(parsedArticles, quoteBatches);
    quoteBatches.length = 0;
    const [quotes, sentences, titles] = await indexFiles;
    const frequencies = JSON.parse((await read('terms.json')).toString('utf8')) as [string, number][];
    const bytes = { quotes: quotes!, sentences: sentences!, titles: titles!, documentFrequency: new Map(frequencies) };
    return { problems: manifest.problems, articles: parsedArticles, indexes: indexesFromBytes(bytes, parsedArticles, table) };
  } catch (error) {
    if (error instanceof StoreDamage) damaged?.(error);
    return null;
  }
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


/** A store file read whole and checked against the manifest's length and CRC-32. */
async function readChecked(dir: string, name: string, manifest: Manifest): Promise<Buffer> {
  const expected = manifest.files?.[name];
  if (!expected) throw new StoreDamage(name, 'not listed in the manifest');
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, name));
  } catch (error) {
    throw new StoreDamage(name, `unreadable (${(error as { code?: string }).code ?? String(error)})`);
  }
  if (bytes.length !== expected.bytes) throw new StoreDamage(name, `${bytes.length} bytes where the manifest says ${expected.bytes}`);
  if (crc32(bytes) !== expected.crc32) throw new StoreDamage(name, 'checksum mismatch');
  return bytes;
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
 * Writes a persisted index a batch of articles at a time, so that a library can be built and saved
 * without ever holding all its articles in memory. Files go to a temporary folder, renamed into place by
 * `finish`: a crash never leaves a half-written index. The index is kept beside the data, or in the
 * system's temporary folder when the data folder is read-only.
 */
export class StoreWriter {
  private batches = 0;
  private articles = 0;
  /** Length and CRC-32 of every file written, for the manifest. */
  private readonly files: Manifest['files'] = {};

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

  /** Adds the next batch of articles, in library order: ARTICLES_PER_BATCH each, except the last. */
  async addArticles(articles: readonly Article[]): Promise<void> {
    if (articles.length === 0) return;
    if (this.articles !== this.batches * ARTICLES_PER_BATCH || articles.length > ARTICLES_PER_BATCH) {
      throw new Error(`StoreWriter: batches hold ${ARTICLES_PER_BATCH} articles, and only the last may hold fewer`);
    }
    // The quotes go to the batch's quote table; the articles' JSON keeps only how many each has.
    const packed = articles.map((article) => packArticle(article, { quotes: false }));
    await this.write(`articles-${this.batches}.json`, asciiJson(packed.map((p) => p.article)));
    await this.write(`quotes-${this.batches}.bin`, encodeQuotes(articles));
    await this.write(`people-${this.batches}.bin`, peopleFile(packed.map((p) => asciiJson(p.others))));
    await this.write(`text-${this.batches}.bin`, batchText(packed));
    this.batches++;
    this.articles += articles.length;
  }

  async finish(contentHash: string, indexes: IndexBytes, problems: LoadProblem[]): Promise<void> {
    for (const name of ['quotes', 'sentences', 'titles'] as const) {
      await this.write(`${name}.bin`, indexes[name]);
    }
    await this.write('terms.json', JSON.stringify([...indexes.documentFrequency]));
    const manifest: Manifest = {
      version: STORE_VERSION,
      hash: `${contentHash}:${codeFingerprint()}`,
      articles: this.articles,
      batches: this.batches,
      problems,
      created: new Date().toISOString(),
      files: this.files,
    };
    await writeFile(path.join(this.temporary, 'manifest.json'), JSON.stringify(manifest, null, 2));
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
function batchText(packed: Packed[]): Buffer {
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

/** A batch's other people: the offsets read and checked now, each line when `article.people` first asks. */
function peopleReader(file: string): { line: (article: number) => string } {
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
    return {
      line: (article) =>
        article < count ? later.read(headerBytes + offsets[article]!, offsets[article + 1]! - offsets[article]!).toString('latin1') : '[]',
    };
  } catch (error) {
    later.close();
    throw error;
  }
}

/**
 * A batch's text file: its header, paragraph lengths and sentence offsets read and checked now; its text
 * read and decoded when a paragraph of the batch is first asked for (a search, a quote's words, a summary,
 * or the warm-up after start). Reading and decoding 100 MB of text was a third of the start-up at 10,000
 * articles.
 */
function batchTextReader(file: string): { paragraphs: () => string[]; sentences: Int32Array } {
  const later = new LaterFile(file);
  try {
    if (later.size < 16) throw new Error(`${file} is truncated`);
    const head = later.read(0, 16);
    const [paragraphCount, sentenceInts, narrowChars, wideChars] = [0, 4, 8, 12].map((at) => head.readInt32LE(at)) as [number, number, number, number];
    if (!(paragraphCount >= 0 && sentenceInts >= 0 && narrowChars >= 0 && wideChars >= 0)) throw new Error(`${file} is damaged`);
    const intBytes = 4 * (4 + paragraphCount + sentenceInts);
    const wideAt = intBytes + narrowChars + (narrowChars % 2);
    if (later.size !== wideAt + 2 * wideChars) throw new Error(`${file} is truncated or too long`);
    const intsBytes = later.read(0, intBytes);
    const ints = new Int32Array(intsBytes.buffer, intsBytes.byteOffset, intBytes / 4);
    const lengths = ints.subarray(4, 4 + paragraphCount);
    let narrowTotal = 0;
    let wideTotal = 0;
    for (const length of lengths) {
      if (length >= 0) narrowTotal += length;
      else wideTotal += -1 - length;
    }
    if (narrowTotal !== narrowChars || wideTotal !== wideChars) throw new Error(`${file} is inconsistent`);
    let paragraphs: string[] | null = null;
    const decode = (): string[] => {
      const bytes = later.read(intBytes, later.size - intBytes);
      later.close();
      const narrow = bytes.toString('latin1', 0, narrowChars);
      const wide = bytes.toString('utf16le', wideAt - intBytes);
      const list: string[] = [];
      let narrowAt = 0;
      let wideFrom = 0;
      for (const length of lengths) {
        list.push(length >= 0 ? narrow.slice(narrowAt, (narrowAt += length)) : wide.slice(wideFrom, (wideFrom -= length + 1)));
      }
      return list;
    };
    return { paragraphs: () => (paragraphs ??= decode()), sentences: ints.subarray(4 + paragraphCount) };
  } catch (error) {
    later.close();
    throw error;
  }
}
