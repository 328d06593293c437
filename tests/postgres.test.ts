/**
 * The PostgreSQL backend (issue #13) against a real PostgreSQL, started from npm by the test itself
 * (tests/postgres.ts): one server for the whole file.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Library } from '../src/library.ts';
import { loadLibrary } from '../src/load/open.ts';
import { createPool, openPostgresLibrary, PostgresLibrary } from '../src/postgres/library.ts';
import { ARTICLES } from './fixtures/pages/articles.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('the embedded PostgreSQL of the tests', () => {
  it('runs (as root too) and ships the contrib modules the backend uses', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(`SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'fuzzystrmatch') ORDER BY name`);
      expect(rows.map((row) => row.name)).toEqual(['fuzzystrmatch', 'pg_trgm']);
      const english = await client.query<{ v: string }>(`SELECT to_tsvector('english', 'Diplomacy means also defense') AS v`);
      expect(english.rows[0]!.v).toBe(`'also':3 'defens':4 'diplomaci':1 'mean':2`);
    } finally {
      await client.end();
    }
  });
});

/**
 * A small library (the seed article and the ten fixture articles) ingested into PostgreSQL answers every
 * question as the embedded library of the same folder does: the engine's answers are compared, not strings.
 */
describe('the PostgreSQL backend answers as the embedded engine', () => {
  let dir: string;
  let pool: pg.Pool;
  let embedded: Library;
  /** A library just opened for each test: what one question loads is not at hand for the next by accident. */
  let stored: PostgresLibrary;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'byline-pg-data-'));
    await copyFile('data/000_4cbc08951dad2f3b.txt', path.join(dir, '000_4cbc08951dad2f3b.txt'));
    for (const article of ARTICLES) {
      const front = `---\ntitle: "${article.title}"\ndate: ${article.date}\n---\n\n`;
      await writeFile(path.join(dir, `${article.slug}.md`), front + article.paragraphs.join('\n\n') + '\n');
    }
    embedded = await loadLibrary(dir, { persist: false });
    pool = createPool(server.url);
    await openPostgresLibrary(pool, dir);
  }, 60_000);

  beforeEach(async () => {
    stored = await PostgresLibrary.open(pool);
  });

  afterAll(async () => {
    await pool?.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const without = <T extends { ms: number }>(answer: T) => ({ ...answer, ms: 0 });

  it('holds the same articles, with the same ids, quotes and people', async () => {
    expect(stored.size).toBe(embedded.collection.length);
    expect(stored.view.quotes.length).toBe(embedded.indexes.quoteEntries.length);
    expect(stored.index.vocabulary.size).toBe(embedded.index.vocabulary.size);
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
    expect(plain(await stored.inspect())).toEqual(plain(await embedded.inspect()));
    expect(without(await stored.articles())).toEqual(without(await embedded.articles()));
  });

  it('who-said: every quote, whole, cut short, with a word dropped and misspelt, and words no quote has', async () => {
    const table = embedded.indexes.quoteEntries;
    const queries: string[] = ['diplomacy means also defense', 'tragic war of choice', 'no such words anywhere at all', 'the'];
    for (let id = 0; id < table.length; id++) {
      const words = table.text(id).split(/\s+/);
      queries.push(table.text(id), words.slice(0, 5).join(' '), words.filter((_, i) => i !== 1).join(' '));
      const long = words.findIndex((w) => w.length >= 6);
      if (long >= 0) queries.push(words.map((w, i) => (i === long ? w.slice(0, 2) + w.slice(3) : w)).join(' '));
    }
    for (const query of queries) {
      const expected = await embedded.whoSaid(query).catch((error: Error) => error.message);
      const got = await stored.whoSaid(query).catch((error: Error) => error.message);
      expect(typeof got === 'string' ? got : without(got), query).toEqual(typeof expected === 'string' ? expected : without(expected));
    }
    const kuleba = await stored.whoSaid('diplomacy means also defense', { article: embedded.collection[0]!.id });
    expect(without(kuleba)).toEqual(without(await embedded.whoSaid('diplomacy means also defense', { article: embedded.collection[0]!.id })));
  });

  it('what-happened: topics from the titles and people, a summary, one article', async () => {
    const topics: (string | null)[] = [null, 'Lavrov Paris', 'flood warning', 'harbour bridge repairs', 'museum theft', 'sanctions against Russia', 'mayor'];
    for (const article of embedded.collection) topics.push(article.title.split(' ').slice(0, 3).join(' '));
    for (const topic of topics) {
      expect(without(await stored.whatHappened(topic)), String(topic)).toEqual(without(await embedded.whatHappened(topic)));
    }
    const scope = { article: embedded.collection[3]!.id };
    expect(without(await stored.whatHappened('bridge', scope))).toEqual(without(await embedded.whatHappened('bridge', scope)));
    expect(without(await stored.whatHappened(null, scope))).toEqual(without(await embedded.whatHappened(null, scope)));
  });

  it('autocomplete: quotes and topics as typed (word being typed, typos), speakers, people, articles', async () => {
    const typed = ['', 'dip', 'diplomacy me', 'we are pro', 'flod', 'harbour', 'Kul', 'Ruiz', 'mayor', 'the', 'brid'];
    for (const option of ['quote', 'topic', 'speaker', 'person', 'article'] as const) {
      for (const text of typed) {
        expect(await stored.suggest(option, text), `${option} ${text}`).toEqual(await embedded.suggest(option, text));
      }
    }
  });

  it('quotes and who-is', async () => {
    for (const speaker of [null, 'Kuleba', 'Ruiz']) expect(without(await stored.quotes(speaker))).toEqual(without(await embedded.quotes(speaker)));
    for (const person of ['Kuleba', 'the mayor', 'Lavrov', 'the Ukrainian foreign minister', 'Ruiz']) expect(without(await stored.whoIs(person))).toEqual(without(await embedded.whoIs(person)));
  });
});
