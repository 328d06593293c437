/**
 * The persisted library: what byline understood of the articles (sentences, quotes, people) and the
 * search indexes, saved next to the data in `<data>/.byline-index/` so that a restart of a large library
 * skips sentence splitting, attribution and indexing.
 *
 * It is valid only for the exact files it was built from: the manifest holds a hash of every article
 * file's name and content, and any difference (a file added, changed or removed) rebuilds it. It is
 * written to a temporary folder and renamed into place, so a crash never leaves a half-written index.
 *
 * Layout: a manifest, the articles in batches of 1,000 (`articles-N.json`, sentences without their text,
 * which is cut again from the paragraphs), one file per MiniSearch index, and the term frequencies; no
 * single string comes near V8's string limit at the library sizes byline is benchmarked on.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { Indexes } from './search/index.ts';
import { collectEntries, indexOptions, QUOTE_FIELDS, SENTENCE_FIELDS } from './search/index.ts';
import type { Article, LoadProblem } from './model.ts';

/** Bumped whenever what is persisted, or how articles are understood, changes shape. */
export const STORE_VERSION = 1;
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
}

export interface Stored {
  articles: Article[];
  indexes: Indexes;
  problems: LoadProblem[];
}

/**
 * Articles are saved in batches: one JSON string for 10,000 articles would come near V8's string limit
 * (about 512 MB), and batches parse without holding one huge string.
 */
const ARTICLES_PER_BATCH = 1_000;

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
 * The code that decides what is persisted: reading and splitting articles, attribution, terms and indexes,
 * the model and this store. An index built by another version of it is never loaded; a change elsewhere
 * (Discord, the console, the queries) keeps the index.
 */
const PERSISTED_BY = ['article', 'attribution', 'search', 'model.ts', 'understand.ts', 'store.ts'];

let fingerprint: string | null = null;
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const root = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256').update(String(STORE_VERSION));
  const add = (full: string) => {
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const name of readdirSync(full).sort()) add(path.join(full, name));
    } else if (full.endsWith('.ts')) {
      hash.update(path.relative(root, full)).update(readFileSync(full));
    }
  };
  for (const part of PERSISTED_BY) add(path.join(root, part));
  fingerprint = hash.digest('hex');
  return fingerprint;
}

export async function loadStore(dataDir: string, contentHash: string): Promise<Stored | null> {
  const hash = `${contentHash}:${codeFingerprint()}`;
  for (const dir of storeDirs(dataDir)) {
    const stored = await loadStoreFrom(dir, hash);
    if (stored) return stored;
  }
  return null;
}

async function loadStoreFrom(dir: string, hash: string): Promise<Stored | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.version !== STORE_VERSION || manifest.hash !== hash) return null;
    const parsedArticles: Article[] = [];
    for (let batch = 0; batch < manifest.batches; batch++) {
      const json = await readFile(path.join(dir, `articles-${batch}.json`), 'utf8');
      for (const article of JSON.parse(json) as Article[]) parsedArticles.push(withSentenceTexts(article));
    }
    if (parsedArticles.length !== manifest.articles) return null;
    const [quotes, sentences, titles, terms] = await Promise.all(
      ['quotes', 'sentences', 'titles', 'terms'].map((name) => readFile(path.join(dir, `${name}.json`), 'utf8')),
    );
    const frequencies = JSON.parse(terms!) as [string, number][];
    return {
      problems: manifest.problems,
      articles: parsedArticles,
      indexes: {
        ...collectEntries(parsedArticles),
        quotes: MiniSearch.loadJSON(quotes!, indexOptions(QUOTE_FIELDS)),
        sentences: MiniSearch.loadJSON(sentences!, indexOptions(SENTENCE_FIELDS)),
        titles: MiniSearch.loadJSON(titles!, indexOptions(SENTENCE_FIELDS)),
        documentFrequency: new Map(frequencies),
      },
    };
  } catch {
    return null;
  }
}

/** Saves the index beside the data, or in the temporary folder when the data folder is read-only. */
export async function saveStore(dataDir: string, contentHash: string, stored: Stored): Promise<void> {
  const hash = `${contentHash}:${codeFingerprint()}`;
  const [beside, fallback] = storeDirs(dataDir) as [string, string];
  try {
    await saveStoreTo(beside, hash, stored);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw error;
    await saveStoreTo(fallback, hash, stored);
  }
}

async function saveStoreTo(dir: string, hash: string, stored: Stored): Promise<void> {
  const temporary = `${dir}.tmp-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  const { indexes } = stored;
  const batches = Math.ceil(stored.articles.length / ARTICLES_PER_BATCH);
  for (let batch = 0; batch < batches; batch++) {
    const articles = stored.articles.slice(batch * ARTICLES_PER_BATCH, (batch + 1) * ARTICLES_PER_BATCH);
    await writeFile(path.join(temporary, `articles-${batch}.json`), JSON.stringify(articles.map(withoutSentenceTexts)));
  }
  const parts: Record<string, string> = {
    quotes: JSON.stringify(indexes.quotes),
    sentences: JSON.stringify(indexes.sentences),
    titles: JSON.stringify(indexes.titles),
    terms: JSON.stringify([...indexes.documentFrequency]),
  };
  for (const [name, json] of Object.entries(parts)) await writeFile(path.join(temporary, `${name}.json`), json);
  const manifest: Manifest = {
    version: STORE_VERSION,
    hash,
    articles: stored.articles.length,
    batches,
    problems: stored.problems,
    created: new Date().toISOString(),
  };
  await writeFile(path.join(temporary, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await rm(dir, { recursive: true, force: true });
  await rename(temporary, dir);
}

/**
 * A sentence's text is its paragraph's text between its offsets, so the store keeps only the offsets and
 * the text is cut again on loading: a smaller store, faster to parse, and in memory each sentence is a
 * slice of its paragraph's string rather than a copy.
 */
function withoutSentenceTexts(article: Article): Article {
  return {
    ...article,
    sentences: article.sentences.map((sentence) => {
      const paragraph = article.paragraphs[sentence.paragraph - 1] ?? '';
      return paragraph.slice(sentence.start, sentence.end) === sentence.text ? { ...sentence, text: '' } : sentence;
    }),
  };
}

function withSentenceTexts(article: Article): Article {
  for (const sentence of article.sentences) {
    if (sentence.text === '') sentence.text = (article.paragraphs[sentence.paragraph - 1] ?? '').slice(sentence.start, sentence.end);
  }
  return article;
}
