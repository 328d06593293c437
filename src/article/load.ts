/**
 * Reading the data folder: every article file in it (and in its sub-folders), in a stable order.
 * A file that cannot be read or parsed becomes a `LoadProblem`; the other files still load.
 */
import { createHash } from 'node:crypto';
import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleText, LoadProblem } from '../model.ts';
import { ARTICLE_EXTENSIONS, parseArticleFile } from './parse.ts';

export interface ArticleFile {
  /** Path relative to the data folder, with forward slashes. */
  file: string;
  /**
   * The file's bytes as read (UTF-8), or its text. Files are read as bytes and decoded only when parsed:
   * when the persisted index matches, a start-up hashes the bytes and never decodes them.
   */
  content: string | Uint8Array;
}

export interface FolderContent {
  files: ArticleFile[];
  problems: LoadProblem[];
}

/** Lists and reads the article files of a folder. Hidden files and folders (the persisted index) are skipped. */
export async function readArticleFiles(dir: string): Promise<FolderContent> {
  const problems: LoadProblem[] = [];
  const files: ArticleFile[] = [];
  let names: string[];
  try {
    names = await listFiles(dir);
  } catch (error) {
    return { files, problems: [{ file: dir, line: null, message: `cannot read the data folder: ${reason(error)}` }] };
  }
  for (const name of names) {
    try {
      files.push({ file: name, content: await readFile(path.join(dir, name)) });
    } catch (error) {
      problems.push({ file: name, line: null, message: `unreadable file: ${reason(error)}` });
    }
  }
  return { files, problems };
}

/** A folder's own notes are not articles: README, NOTICE, LICENSE, CHANGELOG (any ending). */
const NOT_ARTICLES = /^(readme|notice|licen[cs]e|changelog|copying)(\.|$)/i;

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || NOT_ARTICLES.test(entry.name)) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) names.push(...(await listFiles(dir, relative)));
    else if (entry.isFile() && ARTICLE_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) {
      names.push(relative);
    }
  }
  return names;
}

/** Parses the files read from a folder; article ids are made unique across files. */
export function parseArticleFiles(files: ArticleFile[]): { articles: ArticleText[]; problems: LoadProblem[] } {
  const articles: ArticleText[] = [];
  const problems: LoadProblem[] = [];
  for (const parsed of parseEachFile(files)) {
    articles.push(...parsed.articles);
    problems.push(...parsed.problems);
  }
  return { articles, problems };
}

/**
 * Parses the files one at a time, as `parseArticleFiles` does: a large library is built file by file, so
 * only one file's articles are held as text at a time.
 */
export function* parseEachFile(files: ArticleFile[]): Generator<{ articles: ArticleText[]; problems: LoadProblem[] }> {
  const ids = new UniqueIds();
  for (const { file, content } of files) {
    const parsed = parseFileContent(file, content);
    const unique = ids.assign(parsed.articles.map((article) => article.id));
    yield { articles: parsed.articles.map((article, i) => ({ ...article, id: unique[i]! })), problems: parsed.problems };
  }
}

/**
 * One file's articles, with the ids the file gives them (unique within the file, not yet across files:
 * see `UniqueIds`), and its problems. A file whose bytes are not text gives none.
 */
export function parseFileContent(file: string, content: string | Uint8Array): { articles: ArticleText[]; problems: LoadProblem[] } {
  const text = typeof content === 'string' ? content : decodeText(content);
  if (text === null) return { articles: [], problems: [{ file, line: null, message: 'not a text file (binary content or invalid UTF-8): skipped' }] };
  return parseArticleFile(file, text);
}

/**
 * Makes article ids unique across files, in library order: an id already taken by an earlier article gets
 * `-2`, `-3`… (the first file in order keeps it).
 */
export class UniqueIds {
  private readonly taken = new Set<string>();
  assign(ids: readonly string[]): string[] {
    return ids.map((bare) => {
      let id = bare;
      for (let n = 2; this.taken.has(id); n++) id = `${bare}-${n}`;
      this.taken.add(id);
      return id;
    });
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's bytes as text, or null when they are not text: a NUL byte (no text format byline reads has one;
 * images, archives and office files do) or bytes that are not UTF-8. A byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The hash of one file's content: a text and its UTF-8 bytes hash alike. */
export function fileHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A hash of every file's name and content hash, in order: the persisted index is valid only for the same hash. */
export function libraryHash(files: readonly { file: string; hash: string }[]): string {
  const hash = createHash('sha256');
  for (const { file, hash: content } of files) hash.update(file).update('\0').update(content).update('\n');
  return hash.digest('hex');
}

/**
 * A hash of every file's name and content: the persisted index is valid only for the same hash. A text
 * and its UTF-8 bytes hash alike.
 */
export function contentHash(files: ArticleFile[]): string {
  return libraryHash(files.map(({ file, content }) => ({ file, hash: fileHash(content) })));
}

/** A data folder's article files with the hash of each, not their content. */
export interface FolderScan {
  files: { file: string; hash: string; bytes: number }[];
  /** `libraryHash` of the files. */
  hash: string;
  /** Their size in all. */
  bytes: number;
  problems: LoadProblem[];
}

/** Files read at once while a folder is scanned, and the buffer each reader reads them into. */
const SCAN_READS = 16;
const SCAN_BUFFER = 1 << 16;

/** `fileHash` of a file and its size, read through `buffer` a piece at a time. */
async function hashFile(file: string, buffer: Buffer): Promise<{ hash: string; bytes: number }> {
  const handle = await open(file, 'r');
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, bytes);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
    return { hash: hash.digest('hex'), bytes };
  } finally {
    await handle.close();
  }
}

/**
 * Lists a folder's article files and hashes each, reading a few at a time and keeping none: deciding
 * whether the store matches, or which of its batches changed, needs the hashes only. Each reader reads
 * into a buffer of its own, reused from file to file: a live reload of 50,000 small files scans them all,
 * and a buffer allocated per file left 200 MB of garbage behind it for the collector.
 */
export async function scanArticleFiles(dir: string): Promise<FolderScan> {
  const problems: LoadProblem[] = [];
  let names: string[];
  try {
    names = await listFiles(dir);
  } catch (error) {
    return { files: [], hash: libraryHash([]), bytes: 0, problems: [{ file: dir, line: null, message: `cannot read the data folder: ${reason(error)}` }] };
  }
  const found: ({ file: string; hash: string; bytes: number } | null)[] = new Array(names.length).fill(null);
  let next = 0;
  const worker = async () => {
    const buffer = Buffer.allocUnsafe(SCAN_BUFFER);
    while (next < names.length) {
      const at = next++;
      const name = names[at]!;
      try {
        found[at] = { file: name, ...(await hashFile(path.join(dir, name), buffer)) };
      } catch (error) {
        problems.push({ file: name, line: null, message: `unreadable file: ${reason(error)}` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_READS, names.length) }, worker));
  const files = found.filter((file) => file !== null);
  problems.sort((a, b) => names.indexOf(a.file) - names.indexOf(b.file));
  return { files, hash: libraryHash(files), bytes: files.reduce((sum, file) => sum + file.bytes, 0), problems };
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) return String((error as { code: unknown }).code);
  return error instanceof Error ? error.message : String(error);
}
