/**
 * The labels byline is tuned on (dev) and the labels it reports (test) stay apart: no dev label set may hold a
 * label of the test split. Identity only (an article with its paragraph and expression, an article with a
 * quote's opening, a query) — the test reads no label's answer and compares nothing with byline's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LABELS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'eval', 'labels');
const read = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
/** Every label file of the dev sets whose name starts with `prefix` (the top level, dev/, dev-news/, dev-news-2/, dev-news-3/, dev-interviews/). */
function devFiles(prefix: string): string[] {
  return ['', 'dev', 'dev-news', 'dev-news-2', 'dev-news-3', 'dev-interviews']
    .map((dir) => path.join(LABELS, dir))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith('.json')).map((name) => path.join(dir, name)));
}
const testFiles = (prefix: string) => readdirSync(path.join(LABELS, 'test')).filter((name) => name.startsWith(prefix) && name.endsWith('.json')).map((name) => path.join(LABELS, 'test', name));
const fold = (text: string) => text.normalize('NFKC').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
function shared(dev: string[], test: string[]): string[] {
  const seen = new Set(dev);
  return [...new Set(test.filter((key) => seen.has(key)))];
}

describe('dev and test labels stay apart', () => {
  it('no dev set of dates holds a test date label (article, paragraph, expression)', () => {
    type Dates = { dates: { url: string; paragraph: number; expression: string }[] };
    const key = (label: Dates['dates'][number]) => `${label.url} ¶${label.paragraph} ${fold(label.expression)}`;
    const dev = devFiles('dates').flatMap((file) => read<Dates>(file).dates.map(key));
    const test = testFiles('dates').flatMap((file) => read<Dates>(file).dates.map(key));
    expect(dev.length).toBeGreaterThan(0);
    expect(test.length).toBeGreaterThan(0);
    expect(shared(dev, test)).toEqual([]);
  });
  it('no dev set of attributions or speech acts holds a test quote (article, opening)', () => {
    type Quotes = { quotes: { url: string; opening: string }[] };
    const key = (label: Quotes['quotes'][number]) => `${label.url} ${fold(label.opening)}`;
    const dev = [...devFiles('attribution'), ...devFiles('speech-acts')].flatMap((file) => read<Quotes>(file).quotes.map(key));
    const test = testFiles('attribution').flatMap((file) => read<Quotes>(file).quotes.map(key));
    expect(dev.length).toBeGreaterThan(0);
    expect(test.length).toBeGreaterThan(0);
    expect(shared(dev, test)).toEqual([]);
  });
  it('no dev set of topics holds a test query', () => {
    type Queries = { queries: { query: string }[] };
    const dev = devFiles('retrieval').flatMap((file) => read<Queries>(file).queries.map((q) => fold(q.query)));
    const test = testFiles('retrieval').flatMap((file) => read<Queries>(file).queries.map((q) => fold(q.query)));
    expect(dev.length).toBeGreaterThan(0);
    expect(shared(dev, test)).toEqual([]);
  });
  it('no dev set of /who-is queries (people and non-persons) holds a test query', () => {
    type People = { people: { query: string }[] };
    const key = (query: string) => fold(query).replace(/^(the|a|an)\s+/, '');
    const dev = devFiles('who-is').flatMap((file) => read<People>(file).people.map((p) => key(p.query)));
    const test = testFiles('who-is').flatMap((file) => read<People>(file).people.map((p) => key(p.query)));
    expect(dev.length).toBeGreaterThan(0);
    expect(test.length).toBeGreaterThan(0);
    expect(shared(dev, test)).toEqual([]);
  });
});
