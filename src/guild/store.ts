/**
 * Where a server's own articles are kept: one file per article in `<servers dir>/<server id>/`, outside
 * the shared data folder (which is watched and loaded whole).
 *
 * Each file proves itself, as the shared store's manifest does for its files: its first line states the
 * length and CRC-32 of the JSON record that follows (`byline-server-article 1 <bytes> <crc32>`), and a file
 * whose record is not exactly that long, or whose checksum differs, or whose JSON is not an article, is not
 * trusted: it is logged by name and skipped, and everything else loads. A file is written whole to a hidden
 * temporary file beside it, flushed to disk (fsync), renamed over its name and the folder flushed, so a
 * crash at any moment leaves either the whole article or none of it; the temporary files a crash leaves
 * are hidden, never read as articles, and removed at the next load.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';

/** What is kept of one article added in a server. */
export interface StoredArticle {
  /** Unique across the whole library: `g<server id>-<12 hex digits>` (see {@link serverArticleId}). */
  id: string;
  guildId: string;
  title: string;
  date: string | null;
  /** The link it was read from, or the file's name, or null for text typed in. */
  source: string | null;
  author: string | null;
  paragraphs: string[];
  /** How it came in. */
  origin: 'url' | 'file' | 'text';
  /** SHA-256 of its text (paragraphs joined), to recognise the same text added twice. */
  textHash: string;
  /** When it was added (ISO time) and by whom (a Discord user id, or null from the command line). */
  addedAt: string;
  addedBy: string | null;
}

const FORMAT = 'byline-server-article';
const VERSION = 1;
const EXTENSION = '.article';

const recordSchema = z.object({
  id: z.string().min(1).max(100),
  guildId: z.string().regex(/^\d{1,20}$/),
  title: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  source: z.string().nullable(),
  author: z.string().nullable(),
  paragraphs: z.array(z.string()).min(1),
  origin: z.enum(['url', 'file', 'text']),
  textHash: z.string(),
  addedAt: z.string(),
  addedBy: z.string().nullable(),
});

/** A record read back from elsewhere (the PostgreSQL library's `server_articles`): its JSON checked as a file's is. */
export function parseRecord(json: string): StoredArticle {
  const parsed = recordSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`not an article record (${parsed.error.issues[0]?.path.join('.') ?? 'shape'})`);
  return parsed.data;
}

/** A file that could not be trusted, and why. */
export interface StoreProblem {
  file: string;
  message: string;
}

/** Whether a server id is one (Discord snowflakes are digits; nothing else may name a folder here). */
export function isServerId(guildId: string): boolean {
  return /^\d{1,20}$/.test(guildId);
}

/** The folder of one server's articles. */
export function serverFolder(root: string, guildId: string): string {
  if (!isServerId(guildId)) throw new Error(`not a server id: ${guildId.slice(0, 30)}`);
  return path.join(root, guildId);
}

/** The bytes of an article's file: the header line with the record's length and CRC-32, then the record. */
export function encodeArticle(article: StoredArticle): Buffer {
  const record = Buffer.from(JSON.stringify(article), 'utf8');
  return Buffer.concat([Buffer.from(`${FORMAT} ${VERSION} ${record.byteLength} ${crc32(record)}\n`, 'utf8'), record]);
}

/** Reads an article's file back; throws with the reason when it cannot be trusted. */
export function decodeArticle(bytes: Buffer): StoredArticle {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || newline > 100) throw new Error('no header line');
  const header = /^byline-server-article (\d+) (\d+) (\d+)$/.exec(bytes.subarray(0, newline).toString('utf8'));
  if (!header) throw new Error('not a byline server article');
  if (Number(header[1]) !== VERSION) throw new Error(`format version ${header[1]} is not ${VERSION}`);
  const record = bytes.subarray(newline + 1);
  if (record.byteLength !== Number(header[2])) throw new Error(`length ${record.byteLength} bytes, the header says ${header[2]}`);
  if (crc32(record) !== Number(header[3])) throw new Error('checksum mismatch');
  const parsed = recordSchema.safeParse(JSON.parse(record.toString('utf8')));
  if (!parsed.success) throw new Error(`not an article record (${parsed.error.issues[0]?.path.join('.') ?? 'shape'})`);
  return parsed.data;
}

/** The file name of an article: its id's last part, which is unique within its server. */
function fileName(article: { id: string; guildId: string }): string {
  const local = article.id.startsWith(`g${article.guildId}-`) ? article.id.slice(article.guildId.length + 2) : article.id;
  return `${local.replace(/[^\w-]/g, '_')}${EXTENSION}`;
}

/** Writes bytes to `file` atomically: a hidden temporary file beside it, fsync, rename, fsync of the folder. */
export async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const dir = path.dirname(file);
  const temporary = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(temporary, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

/** Flushes a folder's entries (a rename or an unlink) to disk; where folders cannot be opened, nothing. */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some systems cannot fsync a folder; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** One server's articles on disk. */
export class ServerStore {
  readonly dir: string;

  constructor(
    root: string,
    readonly guildId: string,
  ) {
    this.dir = serverFolder(root, guildId);
  }

  /**
   * Every article of the server that can be trusted, oldest first, and the files that could not. Temporary
   * files a crash left are removed.
   */
  async load(): Promise<{ articles: StoredArticle[]; problems: StoreProblem[] }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { articles: [], problems: [] };
      throw error;
    }
    const articles: StoredArticle[] = [];
    const problems: StoreProblem[] = [];
    for (const name of names.sort()) {
      const file = path.join(this.dir, name);
      if (name.startsWith('.')) {
        if (name.includes('.tmp-')) await rm(file, { force: true });
        continue;
      }
      if (!name.endsWith(EXTENSION)) continue;
      try {
        const article = decodeArticle(await readFile(file));
        if (article.guildId !== this.guildId) throw new Error(`it belongs to server ${article.guildId}`);
        if (fileName(article) !== name) throw new Error(`its record is of another article (${article.id})`);
        articles.push(article);
      } catch (error) {
        problems.push({ file, message: error instanceof Error ? error.message : String(error) });
      }
    }
    articles.sort((x, y) => (x.addedAt === y.addedAt ? x.id.localeCompare(y.id) : x.addedAt < y.addedAt ? -1 : 1));
    return { articles, problems };
  }

  /** Writes one article, atomically; it replaces an article of the same id. */
  async save(article: StoredArticle): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeAtomically(path.join(this.dir, fileName(article)), encodeArticle(article));
  }

  /** Removes one article's file; true when there was one. */
  async remove(article: { id: string; guildId: string }): Promise<boolean> {
    try {
      await unlink(path.join(this.dir, fileName(article)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    await syncFolder(this.dir);
    return true;
  }
}
