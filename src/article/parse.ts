/**
 * Reading article files into `ArticleText`s. Three formats are understood:
 *
 * - `.txt`: plain text, paragraphs separated by blank lines; the first line may open with an inline
 *   `date YYYY-MM-DD` header (the seed's format: ` date 2022-02-23 The extremely anticipated …`).
 * - `.md` / `.txt` with YAML front matter between `---` lines (`title`, `date`, `source`); a leading
 *   `# Heading` in Markdown is taken as the title when the front matter gives none.
 * - `.csv` with the columns `url,date,title,text`, one article per row, as news data sets are exported.
 *
 * Parsing never throws for bad content: it returns the articles it could read and a problem per defect,
 * with the line where it is, so one malformed file or row never keeps the rest of the library from loading.
 */
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { YAMLParseError, parse as parseYaml } from 'yaml';
import type { ArticleText, LoadProblem } from '../model.ts';
import { splitSentences } from './sentences.ts';

export interface ParseResult {
  articles: ArticleText[];
  problems: LoadProblem[];
}

/** File endings the library reads; anything else in the data folder is ignored. */
export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.markdown', '.csv'] as const;

/** Longest article id; long CSV slugs are cut and made unique with a short hash. */
const MAX_ID_LENGTH = 80;

/** Parses one article file's content. `file` is its path relative to the data folder. */
export function parseArticleFile(file: string, content: string): ParseResult {
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (file.toLowerCase().endsWith('.csv')) return parseCsvArticles(file, text);
  return parseTextArticle(file, text);
}

function parseTextArticle(file: string, text: string): ParseResult {
  const problems: LoadProblem[] = [];
  let meta: Record<string, unknown> = {};
  let body = text;
  let bodyLine = 1;

  const frontMatter = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (frontMatter) {
    bodyLine = frontMatter[0].split('\n').length;
    body = text.slice(frontMatter[0].length);
    try {
      const parsed: unknown = parseYaml(frontMatter[1] ?? '');
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        meta = parsed as Record<string, unknown>;
      } else if (parsed !== null && parsed !== undefined) {
        problems.push({ file, line: 2, message: 'front matter is not a list of "key: value" lines' });
      }
    } catch (error) {
      const line = error instanceof YAMLParseError ? (error.linePos?.[0]?.line ?? 0) + 1 : 2;
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/:$/, '') : String(error);
      problems.push({ file, line, message: `bad front matter: ${reason}` });
      return { articles: [], problems };
    }
  } else if (text.startsWith('---\n')) {
    problems.push({ file, line: 1, message: 'front matter opened with "---" is never closed' });
    return { articles: [], problems };
  }

  let date = readDate(meta.date, file, 2, problems);
  const inlineDate = /^\s*date[:\s]\s*(\d{4}-\d{2}-\d{2})\b[ \t]*/i.exec(body);
  if (inlineDate) {
    date ??= validIsoDate(inlineDate[1] ?? '');
    body = body.slice(inlineDate[0].length);
  }

  let title = typeof meta.title === 'string' && meta.title.trim() ? meta.title.trim() : null;
  const heading = /^\s*#{1,6}[ \t]+(.+)\n/.exec(body);
  if (heading && /\.(md|markdown)$/i.test(file)) {
    title ??= heading[1]?.trim() ?? null;
    body = body.slice(heading[0].length);
  }

  const paragraphs = splitParagraphs(body);
  if (paragraphs.length === 0) {
    problems.push({ file, line: bodyLine, message: 'the article has no text' });
    return { articles: [], problems };
  }
  const source = typeof meta.source === 'string' && meta.source.trim() ? meta.source.trim() : null;
  const id = file.replace(/\.[^./]+$/, '');
  return {
    articles: [{ id, title: title ?? titleFromText(paragraphs[0] ?? ''), date, source, file, paragraphs }],
    problems,
  };
}

function parseCsvArticles(file: string, text: string): ParseResult {
  const problems: LoadProblem[] = [];
  const articles: ArticleText[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { relax_column_count: true, info: true, skip_empty_lines: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    const reason = error instanceof Error ? error.message : String(error);
    return { articles, problems: [{ file, line, message: `unreadable CSV: ${reason}` }] };
  }
  const header = records.shift();
  const columns = (header?.record ?? []).map((name) => name.trim().toLowerCase());
  const col = (name: string) => columns.indexOf(name);
  if (col('text') < 0) {
    return { articles, problems: [{ file, line: 1, message: 'a CSV of articles needs a "text" column (url,date,title,text)' }] };
  }
  const usedIds = new Set<string>();
  for (const [row, { record, info }] of records.entries()) {
    // info.lines is the line the record ends on; a record of a multi-line text starts earlier.
    const line = info.lines - countNewlines(record);
    if (record.length < columns.length) {
      problems.push({ file, line, message: `row ${row + 1} has ${record.length} of ${columns.length} columns` });
      continue;
    }
    const field = (name: string) => (col(name) >= 0 ? (record[col(name)] ?? '').trim() : '');
    const paragraphs = splitParagraphs(field('text'));
    if (paragraphs.length === 0) {
      problems.push({ file, line, message: `row ${row + 1} has no text` });
      continue;
    }
    const url = field('url') || null;
    const id = uniqueId(csvArticleId(file, url, row), usedIds);
    articles.push({
      id,
      title: field('title') || titleFromText(paragraphs[0] ?? ''),
      date: readDate(field('date') || undefined, file, line, problems),
      source: url,
      file,
      paragraphs,
    });
  }
  return { articles, problems };
}

function countNewlines(record: string[]): number {
  let count = 0;
  for (const value of record) for (const ch of value) if (ch === '\n') count++;
  return count;
}

/** A readable id from the URL's last path segment, else `<file>#<row>`. */
function csvArticleId(file: string, url: string | null, row: number): string {
  const stem = file.replace(/\.[^./]+$/, '');
  const slug = url
    ?.replace(/[?#].*$/, '')
    .split('/')
    .filter(Boolean)
    .pop();
  if (!slug) return `${stem}#${row + 1}`;
  let decoded = slug;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    // keep the raw slug
  }
  return decoded.replace(/\s+/g, '_');
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id.length > MAX_ID_LENGTH ? `${id.slice(0, MAX_ID_LENGTH - 9)}~${shortHash(id)}` : id;
  if (used.has(candidate)) candidate = `${candidate.slice(0, MAX_ID_LENGTH - 9)}~${shortHash(`${id}#${used.size}`)}`;
  used.add(candidate);
  return candidate;
}

function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}

/** Paragraphs are separated by blank lines; lines wrapped inside a paragraph are joined with a space. */
export function splitParagraphs(body: string): string[] {
  return body
    .split(/\n[ \t\u00A0]*\n/)
    .map((paragraph) => paragraph.replace(/[ \t\u00A0]*\n[ \t\u00A0]*/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** A title for an article that has none: its first sentence, cut at a word boundary. */
export function titleFromText(paragraph: string, max = 90): string {
  const firstSentence = splitSentences(paragraph)[0]?.text ?? paragraph;
  const clean = firstSentence.replace(/[.!?]+$/, '').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}

function readDate(value: unknown, file: string, line: number, problems: LoadProblem[]): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const text = String(value).trim();
  const iso = validIsoDate(text.slice(0, 10));
  if (iso) return iso;
  const parsed = new Date(text);
  if (!Number.isNaN(parsed.getTime())) return parsed.toISOString().slice(0, 10);
  problems.push({ file, line, message: `unreadable date "${text.slice(0, 40)}" (expected YYYY-MM-DD)` });
  return null;
}

function validIsoDate(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : null;
}
