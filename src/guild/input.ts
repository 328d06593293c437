/**
 * What a member gives byline to add — a link, an attachment, a file from the command line, or text typed
 * into a form — read into articles (title, date, source, author, paragraphs). Links and attachments are
 * fetched through the guarded fetch (src/fetch/fetch.ts; Discord's CDN is a public site like any other);
 * files are read in the data folder's formats by the data folder's own parser, and HTML by the page
 * extractor. Every refusal is a kind {@link UserInputError}.
 */
import { decodeText } from '../article/load.ts';
import { parseArticleFile, splitParagraphs } from '../article/parse.ts';
import { UserInputError } from '../engine.ts';
import { cleanText, isoDate } from '../fetch/text.ts';
import { DEFAULT_FETCH_LIMITS, FILE_TYPES, PAGE_TYPES, fetchSafely, type FetchOptions } from '../fetch/fetch.ts';

/** Something to add, as a transport hands it over. */
export type AddSource =
  | { kind: 'url'; url: string }
  /** A Discord attachment: fetched from its URL (the CDN), within the size limit. */
  | { kind: 'attachment'; url: string; name: string; size: number | null }
  /** A file read by the command line from the operator's own disk. */
  | { kind: 'upload'; name: string; bytes: Uint8Array }
  /** The form (a Discord modal): title, date and text typed or pasted. */
  | { kind: 'text'; title: string | null; date: string | null; text: string };

/** An article read from a source, before it is given an id and kept. */
export interface Candidate {
  title: string | null;
  date: string | null;
  source: string | null;
  author: string | null;
  paragraphs: string[];
  origin: 'url' | 'file' | 'text';
}

/** The file endings an attachment may have: the data folder's formats, and HTML. */
export const FILE_ENDINGS = ['.txt', '.md', '.markdown', '.csv', '.html', '.htm'] as const;

/** Longest article text kept, in characters (a long feature is 30,000; a book is not an article). */
export const MAX_ARTICLE_CHARS = 200_000;
/** Most articles one CSV attachment adds. */
export const MAX_CSV_ROWS = 50;

export async function readSource(source: AddSource, fetching: FetchOptions = {}): Promise<Candidate[]> {
  switch (source.kind) {
    case 'url': {
      const page = await fetchSafely(source.url, { ...fetching, accept: PAGE_TYPES });
      const text = decodePage(page.body, page.charset, page.contentType !== 'text/plain');
      if (page.contentType === 'text/plain') return fromFile(fileNameOf(page.url, '.txt'), text, page.url);
      return [await fromHtml(text, page.url)];
    }
    case 'attachment': {
      const ending = endingOf(source.name);
      const maxBytes = fetching.limits?.maxBytes ?? DEFAULT_FETCH_LIMITS.maxBytes;
      if (source.size !== null && source.size > maxBytes) {
        throw new UserInputError(`That file is ${megabytes(source.size)}; byline takes files up to ${megabytes(maxBytes)}.`);
      }
      // Discord's CDN may call a Markdown or CSV file "application/octet-stream": the ending decides the
      // format, and the bytes are checked to be text below, as the data folder's loader checks them.
      const file = await fetchSafely(source.url, { ...fetching, accept: [...FILE_TYPES, 'application/octet-stream'] });
      return fromBytes(source.name, ending, file.body, null);
    }
    case 'upload':
      return fromBytes(source.name, endingOf(source.name), Buffer.from(source.bytes), null);
    case 'text': {
      const text = cleanParagraphs(source.text);
      if (!/[\p{L}\p{N}]/u.test(text)) throw new UserInputError('The article text is empty: paste the article into the form.');
      const date = source.date?.trim() ? isoDate(source.date) : null;
      if (source.date?.trim() && (!date || !/^\d{4}-\d{2}-\d{2}$/.test(source.date.trim()))) {
        throw new UserInputError(`"${source.date.trim().slice(0, 40)}" is not a date byline can read: write it as YYYY-MM-DD (2024-05-31), or leave it empty.`);
      }
      return [checked({ title: cleanText(source.title ?? '') || null, date, source: null, author: null, paragraphs: splitParagraphs(text), origin: 'text' })];
    }
  }
}

/** An attachment's or upload's bytes, read by its ending: the data folder's formats through its parser, HTML through the extractor. */
async function fromBytes(name: string, ending: string, bytes: Buffer, url: string | null): Promise<Candidate[]> {
  const text = decodeText(bytes);
  if (text === null) {
    throw new UserInputError(`${shortName(name)} is not a text file (binary content, or not UTF-8): byline reads articles from .txt, .md, .html and .csv text files.`);
  }
  if (ending === '.html' || ending === '.htm') return [{ ...(await fromHtml(text, url)), source: url ?? shortName(name), origin: 'file' }];
  return fromFile(name, text, url);
}

/** A file in the data folder's formats: .txt, .md (front matter, a heading), .csv (a row an article). */
function fromFile(name: string, text: string, url: string | null): Candidate[] {
  const { articles, problems } = parseArticleFile(shortName(name), text);
  if (articles.length === 0) {
    const problem = problems[0];
    throw new UserInputError(`byline found no article in ${shortName(name)}${problem ? `: ${problem.message}${problem.line ? ` (line ${problem.line})` : ''}` : ''}.`);
  }
  if (articles.length > MAX_CSV_ROWS) {
    throw new UserInputError(`${shortName(name)} holds ${articles.length} articles; byline adds at most ${MAX_CSV_ROWS} at a time from one file.`);
  }
  return articles.map((article) =>
    checked({
      title: article.title,
      date: article.date,
      source: article.source ?? url ?? shortName(name),
      author: null,
      paragraphs: article.paragraphs,
      origin: url ? 'url' : 'file',
    }),
  );
}

/** A page's article; the extractor (linkedom takes 0.4 s to load) is loaded when the first page is read. */
async function fromHtml(html: string, url: string | null): Promise<Candidate> {
  const { extractArticle } = await import('../fetch/extract.ts');
  let page: Awaited<ReturnType<typeof extractArticle>>;
  try {
    page = extractArticle(html, url);
  } catch {
    throw new UserInputError('byline could not read that page as HTML.');
  }
  if (page.paragraphs.length === 0) {
    throw new UserInputError('byline found no article text on that page (it may need JavaScript to show it, or be behind a log-in).');
  }
  return checked({ title: page.title, date: page.date, source: url, author: page.author, paragraphs: page.paragraphs, origin: 'url' });
}

/** Text paragraphs cleaned: control characters and zero-width spaces out, line endings one kind. */
function cleanParagraphs(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\u2060\uFEFF]/g, '');
}

/** Refuses an article too long to be one; keeps paragraphs that hold text. */
function checked(candidate: Candidate): Candidate {
  // A paragraph of no letter or digit ("* * *", a lone emoji, invisible characters) holds nothing to read.
  const paragraphs = candidate.paragraphs.map((p) => p.normalize('NFC').trim()).filter((p) => /[\p{L}\p{N}]/u.test(p));
  const length = paragraphs.reduce((sum, p) => sum + p.length, 0);
  if (length === 0) throw new UserInputError('byline found no article text to add.');
  if (length > MAX_ARTICLE_CHARS) {
    throw new UserInputError(`That article is ${length.toLocaleString('en')} characters long; byline takes articles up to ${MAX_ARTICLE_CHARS.toLocaleString('en')}.`);
  }
  return { ...candidate, title: candidate.title?.normalize('NFC') ?? null, paragraphs };
}

/** Decodes a page's bytes: the charset the server named, else the page's own `<meta charset>`, else UTF-8. */
function decodePage(bytes: Buffer, charset: string | null, html: boolean): string {
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new UserInputError('That link serves binary content, not a web page or text.');
  }
  const sniffed = html ? /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1] : undefined;
  for (const label of [charset, sniffed, 'utf-8']) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // an encoding Node does not know: try the next
    }
  }
  return bytes.toString('utf8');
}

function endingOf(name: string): string {
  const ending = /\.[^./\\]+$/.exec(name.toLowerCase())?.[0] ?? '';
  if (!(FILE_ENDINGS as readonly string[]).includes(ending)) {
    throw new UserInputError(`byline reads articles from .txt, .md, .html and .csv files${ending ? `, not ${ending.slice(0, 12)}` : ''}.`);
  }
  return ending;
}

/** A file name as shown and parsed: its last part, without folders, odd characters made plain. */
function shortName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? 'file').replace(/[\u0000-\u001F\u007F]/g, '').slice(0, 100) || 'file';
}

function fileNameOf(url: string, ending: string): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'page';
  return /\.[a-z]+$/i.test(last) ? last : `${last}${ending}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}
