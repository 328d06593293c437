/**
 * Reading the data folder: every article file in it (and in its sub-folders), in a stable order.
 * A file that cannot be read or parsed becomes a `LoadProblem`; the other files still load.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
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
  const ids = new Set<string>();
  for (const { file, content } of files) {
    const text = typeof content === 'string' ? content : decodeText(content);
    if (text === null) {
      yield { articles: [], problems: [{ file, line: null, message: 'not a text file (binary content or invalid UTF-8): skipped' }] };
      continue;
    }
    const parsed = parseArticleFile(file, text);
    const articles = parsed.articles.map((article) => {
      let id = article.id;
      for (let n = 2; ids.has(id); n++) id = `${article.id}-${n}`;
      ids.add(id);
      return { ...article, id };
    });
    yield { articles, problems: parsed.problems };
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

/**
 * A hash of every file's name and content: the persisted index is valid only for the same hash. A text
 * and its UTF-8 bytes hash alike.
 */
export function contentHash(files: ArticleFile[]): string {
  const hash = createHash('sha256');
  for (const { file, content } of files) hash.update(file).update('\0').update(content).update('\0');
  return hash.digest('hex');
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) return String((error as { code: unknown }).code);
  return error instanceof Error ? error.message : String(error);
}
