/**
 * Checks hand-made labels against the corpus before they are used (attribution, absent quotes, and the
 * retrieval, date and who-is labels by their shape): every `url` is a row of
 * ../shared/corpus/wikinews-2020.csv (or "seed"), every `opening` occurs verbatim exactly once in its
 * article and has at most 10 words, every value is one of the allowed ones, and `paragraph` (when given) is
 * the paragraph the opening stands in. Absent quotes (a file with `{ "quotes": [string] }`) must share no
 * run of 5 words with any article. It reads the labels only, never byline's own answers, so labelling
 * stays blind.
 *
 *   npx tsx tests/eval/check-labels.ts tests/eval/labels/test/attribution-1.json [more files…]
 *
 * Exits 1 when any label is wrong, printing each problem with the label.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

// Paths only, not corpus.ts: checking labels must not load (or need) byline's own code.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS_DIR = path.resolve(ROOT, '../shared/corpus');
const SEED_ID = '000_4cbc08951dad2f3b';

export const KINDS = ['direct', 'partial', 'indirect'] as const;
export const REFERENCES = ['name', 'pronoun', 'description'] as const;
export const POSITIONS = ['after', 'before', 'colon', 'according-to', 'narrative', 'continued', 'label'] as const;

interface Row {
  url: string;
  text: string;
}

export function corpusTexts(): Map<string, string> {
  const rows = parse(readFileSync(path.join(CORPUS_DIR, 'wikinews-2020.csv')), { columns: true }) as Row[];
  const texts = new Map(rows.map((row) => [row.url, row.text]));
  texts.set('seed', readFileSync(path.join(ROOT, 'data', `${SEED_ID}.txt`), 'utf8'));
  return texts;
}

function paragraphsOf(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
  return count;
}

const words = (text: string): string[] => text.toLowerCase().replace(/[’‘]/g, "'").match(/[\p{L}\p{N}']+/gu) ?? [];

function checkAttribution(file: string, labels: Record<string, unknown>, texts: Map<string, string>): string[] {
  const problems: string[] = [];
  const quotes = (labels.quotes ?? []) as Record<string, unknown>[];
  const seen = new Set<string>();
  for (const label of quotes) {
    const where = `${file}: ${JSON.stringify(label.opening)} (${String(label.url).slice(29)})`;
    const text = texts.get(String(label.url));
    if (!text) {
      problems.push(`${where}: url is not a row of the corpus`);
      continue;
    }
    const opening = String(label.opening ?? '');
    const count = occurrences(text, opening);
    if (count !== 1) problems.push(`${where}: opening found ${count} times (must be exactly once, verbatim)`);
    if (opening.split(/\s+/).length > 10) problems.push(`${where}: opening has more than 10 words`);
    if (/^["“”‘’']/.test(opening)) problems.push(`${where}: opening starts with a quote mark`);
    if (typeof label.speaker !== 'string' || label.speaker.trim() === '') problems.push(`${where}: no speaker`);
    if (!KINDS.includes(label.kind as never)) problems.push(`${where}: kind ${String(label.kind)}`);
    if (!REFERENCES.includes(label.reference as never)) problems.push(`${where}: reference ${String(label.reference)}`);
    if (!POSITIONS.includes(label.position as never)) problems.push(`${where}: position ${String(label.position)}`);
    if (label.verb !== undefined && typeof label.verb !== 'string') problems.push(`${where}: verb must be a string`);
    if (typeof label.paragraph === 'number' && count === 1) {
      const paragraph = paragraphsOf(text).findIndex((p) => p.includes(opening)) + 1;
      if (paragraph !== label.paragraph) problems.push(`${where}: paragraph ${label.paragraph}, but the opening is in ${paragraph}`);
    }
    const key = `${String(label.url)}|${opening}`;
    if (seen.has(key)) problems.push(`${where}: labelled twice`);
    seen.add(key);
  }
  for (const label of (labels.non_quotes ?? []) as Record<string, unknown>[]) {
    const text = texts.get(String(label.url));
    if (!text || occurrences(text, String(label.opening)) < 1) problems.push(`${file}: non-quote ${JSON.stringify(label.opening)} not found`);
  }
  return problems;
}

function checkAbsent(file: string, quotes: string[], texts: Map<string, string>): string[] {
  const runs = new Set<string>();
  for (const text of texts.values()) {
    const w = words(text);
    for (let i = 0; i + 5 <= w.length; i++) runs.add(w.slice(i, i + 5).join(' '));
  }
  const problems: string[] = [];
  for (const quote of quotes) {
    const w = words(quote);
    for (let i = 0; i + 5 <= w.length; i++) {
      if (runs.has(w.slice(i, i + 5).join(' '))) {
        problems.push(`${file}: absent quote ${JSON.stringify(quote)} shares "${w.slice(i, i + 5).join(' ')}" with an article`);
        break;
      }
    }
  }
  return problems;
}

/** Retrieval labels: each relevant opening occurs exactly once in its article. */
function checkRetrieval(file: string, queries: Record<string, unknown>[], texts: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const query of queries) {
    if (typeof query.query !== 'string' || query.query.trim() === '') problems.push(`${file}: a query without text`);
    for (const relevant of (query.relevant ?? []) as Record<string, unknown>[]) {
      const text = texts.get(String(relevant.url));
      const count = text ? occurrences(text, String(relevant.opening)) : -1;
      if (count !== 1) problems.push(`${file}: ${JSON.stringify(query.query)}: opening ${JSON.stringify(relevant.opening)} found ${count} times`);
    }
  }
  return problems;
}

/** Date labels: the expression stands in the labelled paragraph; the date is YYYY-MM-DD (or YYYY-MM, YYYY for a month or a year) or null. */
function checkDates(file: string, dates: Record<string, unknown>[], texts: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const label of dates) {
    const text = texts.get(String(label.url));
    const paragraph = text ? paragraphsOf(text)[Number(label.paragraph) - 1] : undefined;
    if (!paragraph?.includes(String(label.sentence ?? ''))) problems.push(`${file}: ${JSON.stringify(label.sentence)} is not in paragraph ${String(label.paragraph)}`);
    else if (!String(label.sentence).includes(String(label.expression))) problems.push(`${file}: ${JSON.stringify(label.expression)} is not in its sentence`);
    if (label.date !== null && !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(String(label.date))) problems.push(`${file}: ${JSON.stringify(label.expression)}: date ${String(label.date)}`);
  }
  return problems;
}

/** Who-is labels: the person's name occurs in every article given. */
function checkPeople(file: string, people: Record<string, unknown>[], texts: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const label of people) {
    for (const url of (label.urls ?? []) as string[]) {
      const text = texts.get(url);
      if (!text) problems.push(`${file}: ${JSON.stringify(label.query)}: url ${url} is not a row of the corpus`);
      else if (!text.includes(String(label.name))) problems.push(`${file}: ${JSON.stringify(label.query)}: ${JSON.stringify(label.name)} is not in ${url.slice(29)}`);
    }
  }
  return problems;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npx tsx tests/eval/check-labels.ts FILE…');
  process.exit(2);
}
const texts = corpusTexts();
let problems: string[] = [];
let count = 0;
for (const file of files) {
  const labels = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (Array.isArray(labels.queries)) {
    count += labels.queries.length;
    problems = problems.concat(checkRetrieval(file, labels.queries as Record<string, unknown>[], texts));
  } else if (Array.isArray(labels.dates)) {
    count += labels.dates.length;
    problems = problems.concat(checkDates(file, labels.dates as Record<string, unknown>[], texts));
  } else if (Array.isArray(labels.people)) {
    count += labels.people.length;
    problems = problems.concat(checkPeople(file, labels.people as Record<string, unknown>[], texts));
  } else {
    const list = labels.quotes as unknown[];
    count += list.length;
    problems = problems.concat(
      typeof list[0] === 'string' ? checkAbsent(file, list as string[], texts) : checkAttribution(file, labels, texts),
    );
  }
}
for (const problem of problems) console.log(problem);
console.log(`${count} labels in ${files.length} file(s), ${problems.length} problem(s)`);
process.exitCode = problems.length === 0 ? 0 : 1;
