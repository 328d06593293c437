/**
 * The PostgreSQL backend (issue #13) against a real PostgreSQL, started from npm by the test itself
 * (tests/postgres.ts): one server for the whole file.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Library } from '../src/library.ts';
import { loadLibrary } from '../src/load/open.ts';
import { STORE_DIR, type Manifest } from '../src/load/store.ts';
import { currentCollection, ingestFolder } from '../src/postgres/ingest.ts';
import { createPool, openPostgresLibrary, PostgresLibrary } from '../src/postgres/library.ts';
import { LivePostgresLibrary } from '../src/postgres/live.ts';
import { decodePostings } from '../src/postgres/score.ts';
import { GATE_BEST, GATE_POSTINGS, planQuery } from '../src/search/index.ts';
import pino from 'pino';
import { ARTICLES } from './fixtures/pages/articles.ts';
import { exitOf, jsonLinesOf } from './child-process.ts';
import { startPostgres, startReplica, type TestPostgres } from './postgres.ts';

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

  it('lists the articles (/articles) with their counts without reading one whole', async () => {
    expect(without(await stored.articles())).toEqual(without(await embedded.articles()));
  });

  it('an article loaded whole gives each quote\'s words and sentence as the embedded library does (the sentence made from the article\'s own)', async () => {
    const table = embedded.indexes.quoteEntries;
    await stored.view.load({ articles: Array.from({ length: stored.size }, (_, i) => i) });
    let spanning = 0;
    for (let id = 0; id < table.length; id++) {
      expect(stored.view.quotes.text(id), `quote ${id}`).toBe(table.text(id));
      expect(stored.view.quotes.context(id), `quote ${id}`).toBe(table.context(id));
      if (table.context(id).length > 0 && stored.view.article(table.articleOf(id)).quotes[id - table.range(table.articleOf(id)).first]!.sentences.length > 1) spanning++;
    }
    // Quotes standing across several sentences are among them (their sentences joined).
    expect(spanning).toBeGreaterThan(0);
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

  it('a library opened before an ingest keeps answering from its own generation until it is replaced', async () => {
    const before = stored;
    // Its file comes first in the folder: every article, sentence and quote after it is numbered anew.
    await writeFile(path.join(dir, '00-earlier.md'), '---\ntitle: "Later news"\ndate: 2024-08-01\n---\n\n“We will build the new pier this year,” engineer Nils Dahl said.\n');
    try {
      const ingested = await ingestFolder(pool, dir);
      expect(ingested).toMatchObject({ ingested: true, generation: before.generation + 1, articles: embedded.collection.length + 1 });
      // The rows of the generation it was opened on are still there, unchanged: its candidates are its own.
      for (const quote of ['diplomacy means also defense', embedded.indexes.quoteEntries.text(20), 'build the new pier this year']) {
        expect(without(await before.whoSaid(quote))).toEqual(without(await embedded.whoSaid(quote)));
      }
      const after = await PostgresLibrary.open(pool);
      expect(after.size).toBe(embedded.collection.length + 1);
      expect((await after.whoSaid('build the new pier this year')).answers[0]?.speakerName).toBe('Nils Dahl');
    } finally {
      await rm(path.join(dir, '00-earlier.md'));
      await ingestFolder(pool, dir);
    }
  });

  it('a view keeping only a few rows loaded answers as one keeping them all (what it let go is fetched again)', async () => {
    const small = await PostgresLibrary.open(pool, null, { articles: 2, quotes: 6, sentences: 6 });
    const table = embedded.indexes.quoteEntries;
    for (let round = 0; round < 2; round++) {
      for (let id = 0; id < table.length; id += 3) {
        const quote = table.text(id);
        expect(without(await small.whoSaid(quote)), quote).toEqual(without(await embedded.whoSaid(quote)));
      }
      for (const topic of [null, 'flood warning', 'harbour bridge repairs', 'Lavrov Paris', 'museum theft']) {
        expect(without(await small.whatHappened(topic)), String(topic)).toEqual(without(await embedded.whatHappened(topic)));
      }
      expect(await small.suggest('quote', 'the')).toEqual(await embedded.suggest('quote', 'the'));
    }
    // Far fewer article bodies are held than were read.
    const held = Array.from({ length: small.size }, (_, i) => i).filter((i) => {
      try {
        void small.view.article(i).paragraphs;
        return true;
      } catch {
        return false;
      }
    });
    expect(held.length).toBeLessThanOrEqual(4);
  });

  it('people are read when asked: by name, surname, a typo, a prefix, a role, a choice, in one article', async () => {
    // Nothing of the people but the quoted ones is read at start.
    expect(() => stored.view.article(0).people).toThrow(/people of article/);
    const typed = new Set<string>(['', 'K', 'Ku', 'the foreign minister', 'minister', 'Sergei', 'spokesperson', 'zzzz', 'mayor of']);
    // What a member may type: LIKE's wildcards, a backslash, a word longer than fuzzystrmatch measures, emoji, Discord's markup.
    for (const hostile of ['100%', 'K_leba', 'Kul%', 'back\\slash', 'Kuleba\\', `${'k'.repeat(300)}`, `Kuleba ${'x'.repeat(300)}`, '🙂 Kuleba', '<@123> Kuleba', '**Kuleba**', "O'Brien", '   ']) typed.add(hostile);
    const choices: string[] = [];
    embedded.collection.forEach((article, a) => {
      for (const person of article.people) {
        const words = person.name.split(/\s+/);
        const surname = words.at(-1)!;
        typed.add(person.name);
        typed.add(surname);
        if (surname.length >= 5) typed.add(surname.slice(0, 2) + surname.slice(3)); // a letter dropped
        if (surname.length >= 4) typed.add(surname.slice(0, 3)); // being typed
        if (person.role) typed.add(person.role);
        choices.push(`p:${article.id}:${person.id}`);
        void a;
      }
    });
    expect(typed.size).toBeGreaterThan(50);
    for (const text of typed) {
      const expected = await embedded.whoIs(text).catch((error: Error) => error.message);
      const got = await stored.whoIs(text).catch((error: Error) => error.message);
      expect(typeof got === 'string' ? got : without(got), `who-is ${text}`).toEqual(typeof expected === 'string' ? expected : without(expected));
      const quotesExpected = await embedded.quotes(text).catch((error: Error) => error.message);
      const quotesGot = await stored.quotes(text).catch((error: Error) => error.message);
      expect(typeof quotesGot === 'string' ? quotesGot : without(quotesGot), `quotes ${text}`).toEqual(typeof quotesExpected === 'string' ? quotesExpected : without(quotesExpected));
      expect(await stored.suggest('person', text), `person ${text}`).toEqual(await embedded.suggest('person', text));
    }
    for (const choice of choices.slice(0, 40)) expect(without(await stored.whoIs(choice)), choice).toEqual(without(await embedded.whoIs(choice)));
    const scope = { article: embedded.collection[0]!.id };
    for (const text of ['Kuleba', 'Kul', 'minister', '', 'Blinken']) {
      expect(await stored.suggest('person', text, scope), `person ${text} in one article`).toEqual(await embedded.suggest('person', text, scope));
      const expected = await embedded.whoIs(text || 'x', scope).catch((error: Error) => error.message);
      const got = await stored.whoIs(text || 'x', scope).catch((error: Error) => error.message);
      expect(typeof got === 'string' ? got : without(got)).toEqual(typeof expected === 'string' ? expected : without(expected));
    }
  });

  it('a generation written in an older format is refused by a reader and ingested again, its files unchanged', async () => {
    const current = (await currentCollection(pool, null))!;
    await pool.query('UPDATE collections SET format = 1 WHERE id = $1', [current.id]);
    await expect(PostgresLibrary.open(pool)).rejects.toThrow(/older byline.*ingest it again/);
    expect(await ingestFolder(pool, dir)).toMatchObject({ ingested: true, generation: current.generation + 1 });
    expect(await ingestFolder(pool, dir)).toMatchObject({ ingested: false, generation: current.generation + 1 });
    const reopened = await PostgresLibrary.open(pool);
    expect(without(await reopened.whoIs('Kuleba'))).toEqual(without(await embedded.whoIs('Kuleba')));
  });

  it('quotes and who-is', async () => {
    for (const speaker of [null, 'Kuleba', 'Ruiz']) expect(without(await stored.quotes(speaker))).toEqual(without(await embedded.quotes(speaker)));
    for (const person of ['Kuleba', 'the mayor', 'Lavrov', 'the Ukrainian foreign minister', 'Ruiz']) expect(without(await stored.whoIs(person))).toEqual(without(await embedded.whoIs(person)));
  });
});

/**
 * The ingest reads the store back a batch at a time and sends each batch's rows a chunk at a time (issue
 * #13: at 10,000 articles, holding every row of the library ran out of heap). A library cut into several
 * small store batches, written three rows per INSERT, must number and answer exactly as the embedded engine;
 * an ingest that fails part-way must leave nothing of its own and the generation before it current; a store
 * file found damaged part-way is rolled back, the store built again, and everything written from the start.
 */
describe('the ingest, a batch of the store at a time', () => {
  const SERVER = 'small-batches';
  const chars = process.env.BYLINE_BATCH_CHARS;
  let dir: string;
  let pool: pg.Pool;
  let embedded: Library;
  /** How many batches the store of `dir` holds. */
  let batches: number;
  const without = <T extends { ms: number }>(answer: T) => ({ ...answer, ms: 0 });
  const manifest = async () => JSON.parse(await readFile(path.join(dir, STORE_DIR, 'manifest.json'), 'utf8')) as Manifest;

  /** Who note n quotes. */
  const SPEAKERS = ['Alice Brown', 'Omar Haddad', 'Elena Novak', 'Li Tanaka', 'Peter Costa'];
  /** Short articles, each quoting someone: with the seed and the fixtures, about 30,000 characters. */
  const note = (n: number) =>
    `---\ntitle: "Council of district ${n} votes on the ${['harbour', 'bridge', 'library', 'school'][n % 4]} plan"\ndate: 2024-0${(n % 9) + 1}-1${n % 10}\n---\n\n` +
    `The council of district ${n} voted on Tuesday on a plan for the ${['harbour', 'bridge', 'library', 'school'][n % 4]}.\n\n` +
    `“We will open it to everyone in district ${n} ${['before winter', 'next year', 'within a month'][n % 3]},” councillor ${SPEAKERS[n % 5]} said.\n\n` +
    `${SPEAKERS[n % 5]!.split(' ')[1]} said the work would cost ${n + 3} million, and that residents had waited long enough.\n`;

  beforeAll(async () => {
    // Store batches of about 10,000 characters (the smallest BYLINE_BATCH_CHARS takes), read when the store is built.
    process.env.BYLINE_BATCH_CHARS = '10000';
    dir = await mkdtemp(path.join(tmpdir(), 'byline-pg-batches-'));
    await copyFile('data/000_4cbc08951dad2f3b.txt', path.join(dir, '000_4cbc08951dad2f3b.txt'));
    for (const article of ARTICLES) {
      const front = `---\ntitle: "${article.title}"\ndate: ${article.date}\n---\n\n`;
      await writeFile(path.join(dir, `${article.slug}.md`), front + article.paragraphs.join('\n\n') + '\n');
    }
    for (let n = 0; n < 40; n++) await writeFile(path.join(dir, `district-${String(n).padStart(2, '0')}.md`), note(n));
    embedded = await loadLibrary(dir, { persist: false });
    pool = createPool(await server.createDatabase('batches'));
  }, 60_000);

  afterAll(async () => {
    if (chars === undefined) delete process.env.BYLINE_BATCH_CHARS;
    else process.env.BYLINE_BATCH_CHARS = chars;
    await pool?.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a library in several store batches, written three rows per INSERT, is numbered and answers as the embedded engine', async () => {
    const written: number[] = [];
    const result = await ingestFolder(pool, dir, { server: SERVER, chunk: 3, onBatch: ({ articles }) => void written.push(articles) });
    batches = (await manifest()).batches.length;
    expect(batches).toBeGreaterThanOrEqual(3);
    // Each batch was written in turn, in library order, and all of them.
    expect(written).toHaveLength(batches);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(written.at(-1)).toBe(embedded.collection.length);
    expect(result).toMatchObject({ ingested: true, articles: embedded.collection.length, quotes: embedded.indexes.quoteEntries.length, sentences: embedded.indexes.sentenceEntries.length });

    const stored = await PostgresLibrary.open(pool, SERVER);
    // Numbered across the batches as the embedded library numbers them: every sentence and quote once, from 0.
    for (const table of ['articles', 'sentences', 'quotes']) {
      const key = table === 'articles' ? 'num' : 'id';
      const { rows } = await pool.query(`SELECT count(*)::int AS n, min(${key}) AS first, max(${key}) AS last FROM ${table} WHERE collection = $1`, [stored.collection]);
      const n = table === 'articles' ? embedded.collection.length : table === 'sentences' ? embedded.indexes.sentenceEntries.length : embedded.indexes.quoteEntries.length;
      expect(rows[0], table).toEqual({ n, first: 0, last: n - 1 });
    }
    // The vocabulary counted over every batch: each term's sentence frequency is the embedded index's.
    const { rows: terms } = await pool.query<{ term: string; sentences: number }>('SELECT term, sentences FROM terms WHERE collection = $1 AND sentences > 0', [stored.collection]);
    expect(new Map(terms.map((row) => [row.term, row.sentences]))).toEqual(embedded.indexes.documentFrequency);

    const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
    expect(plain(await stored.inspect())).toEqual(plain(await embedded.inspect()));
    expect(without(await stored.articles())).toEqual(without(await embedded.articles()));
    const table = embedded.indexes.quoteEntries;
    for (let id = 0; id < table.length; id++) {
      const quote = table.text(id);
      expect(without(await stored.whoSaid(quote)), quote).toEqual(without(await embedded.whoSaid(quote)));
    }
    for (const topic of [null, 'harbour plan', 'district 17', 'museum theft', 'flood warning']) {
      expect(without(await stored.whatHappened(topic)), String(topic)).toEqual(without(await embedded.whatHappened(topic)));
    }
    for (const [option, typed] of [['quote', 'we will op'], ['speaker', 'Nov'], ['article', 'council']] as const) {
      expect(await stored.suggest(option, typed), `${option} ${typed}`).toEqual(await embedded.suggest(option, typed));
    }
    for (const speaker of ['Elena Novak', 'Kuleba']) expect(without(await stored.quotes(speaker))).toEqual(without(await embedded.quotes(speaker)));
  }, 60_000);

  it('an ingest that fails part-way leaves nothing of its own, and the generation before it current', async () => {
    const before = (await currentCollection(pool, SERVER))!;
    const count = async () => (await pool.query(`SELECT (SELECT count(*) FROM collections)::int AS collections, (SELECT count(*) FROM sentences)::int AS sentences, (SELECT count(*) FROM quotes)::int AS quotes`)).rows[0];
    const rows = await count();
    await writeFile(path.join(dir, 'district-99.md'), note(99));
    try {
      let written = 0;
      const failing = ingestFolder(pool, dir, {
        server: SERVER,
        chunk: 3,
        onBatch: ({ articles }) => {
          written = articles;
          if (articles > 0) throw new Error('the ingest stopped after its first batch');
        },
      });
      await expect(failing).rejects.toThrow('the ingest stopped after its first batch');
      // Its first batch had been sent (inside the transaction) before it stopped.
      expect(written).toBeGreaterThan(0);
      expect(await currentCollection(pool, SERVER)).toEqual(before);
      expect(await count()).toEqual(rows);
      const stored = await PostgresLibrary.open(pool, SERVER);
      expect(stored.generation).toBe(before.generation);
      expect(without(await stored.whoSaid('we will open it to everyone in district 7 within a month'))).toEqual(
        without(await embedded.whoSaid('we will open it to everyone in district 7 within a month')),
      );
      // The next ingest writes the next generation.
      const next = await ingestFolder(pool, dir, { server: SERVER });
      expect(next).toMatchObject({ ingested: true, generation: before.generation + 1, articles: embedded.collection.length + 1 });
      const after = await PostgresLibrary.open(pool, SERVER);
      expect((await after.whoSaid('we will open it to everyone in district 99')).answers[0]?.speakerName).toBe(SPEAKERS[99 % 5]);
    } finally {
      await rm(path.join(dir, 'district-99.md'));
    }
  }, 60_000);

  it('logs the problems met reading the files, as an embedded start does', async () => {
    const logged: { level: number; file?: string; msg: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    await writeFile(path.join(dir, 'broken.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3]));
    try {
      const result = await ingestFolder(pool, dir, { server: SERVER, logger });
      expect(result).toMatchObject({ ingested: true, articles: embedded.collection.length });
      expect(logged).toContainEqual(expect.objectContaining({ level: 40, file: 'broken.txt', msg: 'not a text file (binary content or invalid UTF-8): skipped' }));
    } finally {
      await rm(path.join(dir, 'broken.txt'));
    }
  }, 60_000);

  it('a store file found damaged part-way: rolled back, the store built again, and written from the start', async () => {
    await ingestFolder(pool, dir, { server: SERVER });
    // The text of the second batch, garbled at the same length: found when its paragraphs are first read,
    // after the first batch's rows were sent.
    const file = path.join(dir, STORE_DIR, 'text-1.bin');
    const bytes = await readFile(file);
    for (let i = bytes.length - 40; i < bytes.length - 20; i++) bytes[i] = 0x2a;
    await writeFile(file, bytes);
    const written: number[] = [];
    const result = await ingestFolder(pool, dir, { server: SERVER, force: true, onBatch: ({ articles }) => void written.push(articles) });
    // The first attempt wrote batch 0, then stopped; the second wrote every batch from the start.
    expect(written).toHaveLength(1 + batches);
    expect(written[1]).toBe(written[0]);
    expect(written.at(-1)).toBe(embedded.collection.length);
    expect(result).toMatchObject({ ingested: true, articles: embedded.collection.length });
    expect(await readFile(file)).not.toEqual(bytes);
    const stored = await PostgresLibrary.open(pool, SERVER);
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
    expect(plain(await stored.inspect())).toEqual(plain(await embedded.inspect()));
  }, 60_000);
});

/**
 * The postings table (migration 3): each term's postings per index, read by key and scored in the process
 * (src/postgres/score.ts). A library whose common words have thousands of postings, so that the candidate
 * gate decides what is scored (more than GATE_POSTINGS postings a query, words in more than GATE_BEST
 * documents), must give the embedded index's candidates exactly: the same ids, the same scores to the
 * bit, in the same order, for every index, typed or not, misspelt, limited, filtered by article and kind;
 * and the postings must be those of the documents' own terms.
 */
describe('the postings table: candidates as the embedded index finds them, the gate included', () => {
  const SERVER = 'postings';
  let dir: string;
  let pool: pg.Pool;
  let embedded: Library;
  let stored: PostgresLibrary;
  const PLACES = ['harbour', 'bridge', 'library', 'school', 'station', 'market'];
  const NAMES = ['Alice Brown', 'Omar Haddad', 'Elena Novak', 'Li Tanaka', 'Peter Costa', 'Maria Silva'];
  /** An article of many sentences and quotes sharing the same common words, varied enough to score apart. */
  const story = (n: number) => {
    const place = PLACES[n % PLACES.length]!;
    const lines = [`---\ntitle: "The council plan for the ${place} of district ${n}"\ndate: 2024-0${(n % 9) + 1}-1${n % 10}\n---\n`];
    for (let p = 0; p < 12; p++) {
      const name = NAMES[(n + p) % NAMES.length]!;
      const other = PLACES[(n + p) % PLACES.length]!;
      lines.push(
        `The council of district ${n} discussed the plan for the ${other} again on day ${p}, and the council said the plan would cost ${n + p} million.`,
        `“The council plan for the ${other} will be built before winter ${p % 2 ? 'and the people' : ''} of district ${n} will see it,” councillor ${name} said.`,
        `${name.split(' ')[1]} said the council had waited for the plan ${p % 3 ? 'long enough' : 'too long'}, and the ${place} plan was ${p % 2 ? 'good' : 'late'}.`,
      );
    }
    return lines.join('\n\n') + '\n';
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'byline-pg-postings-'));
    for (let n = 0; n < 140; n++) await writeFile(path.join(dir, `story-${String(n).padStart(3, '0')}.md`), story(n));
    embedded = await loadLibrary(dir, { persist: false });
    pool = createPool(await server.createDatabase('postings'));
    await ingestFolder(pool, dir, { server: SERVER });
    stored = await PostgresLibrary.open(pool, SERVER);
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds each document\'s terms, frequencies and lengths as the documents\' own terms give them', async () => {
    const { rows } = await pool.query<{ idx: number; term: string; postings: Buffer }>('SELECT idx, term, postings FROM postings WHERE collection = $1', [stored.collection]);
    const fromTable = new Map(
      rows.map((row) => {
        const { docs, frequencies, lengths } = decodePostings(row.postings);
        return [`${row.idx} ${row.term}`, Array.from(docs, (doc, i) => [doc, frequencies[i], lengths[i]])];
      }),
    );
    const { rows: own } = await pool.query<{ idx: number; term: string; doc: number; tf: number; length: number }>(
      `SELECT 0 AS idx, u.lexeme AS term, d.id AS doc, coalesce(array_length(u.positions, 1), 1) AS tf, d.length FROM sentences d, unnest(d.terms) u WHERE d.collection = $1
       UNION ALL SELECT 1, u.lexeme, d.id, coalesce(array_length(u.positions, 1), 1), d.length FROM quotes d, unnest(d.terms) u WHERE d.collection = $1
       UNION ALL SELECT 2, u.lexeme, d.num, coalesce(array_length(u.positions, 1), 1), d.length FROM articles d, unnest(d.terms) u WHERE d.collection = $1
       ORDER BY 1, 2, 3`,
      [stored.collection],
    );
    const fromDocuments = new Map<string, number[][]>();
    for (const row of own) {
      const key = `${row.idx} ${row.term}`;
      if (!fromDocuments.has(key)) fromDocuments.set(key, []);
      fromDocuments.get(key)!.push([row.doc, row.tf, row.length]);
    }
    expect(fromTable.size).toBeGreaterThan(100);
    expect(fromTable).toEqual(fromDocuments);
    // Each index's document frequency is the vocabulary's.
    const council = fromTable.get('1 council')!;
    expect(council.length).toBeGreaterThan(GATE_BEST);
  });

  it('gives the embedded index\'s candidates, ids and scores to the bit, the candidate gate deciding', async () => {
    const table = embedded.indexes.quoteEntries;
    const queries = ['council plan', 'the council plan for the harbour will be built before winter', 'council plan district said', 'plan waited long enough', 'counsil plan', 'council pla', 'the council', 'winter harbor peopel'];
    for (let id = 0; id < table.length; id += Math.floor(table.length / 20)) {
      const words = table.text(id).split(/\s+/);
      queries.push(table.text(id), words.slice(0, 4).join(' '), words.map((w, i) => (i === 1 && w.length > 4 ? w.slice(0, 2) + w.slice(3) : w)).join(' '));
    }
    const { rows } = await pool.query<{ term: string; sentences: number; quotes: number; titles: number }>('SELECT term, sentences, quotes, titles FROM terms WHERE collection = $1', [stored.collection]);
    const frequency = { sentences: new Map(rows.map((r) => [r.term, r.sentences])), quotes: new Map(rows.map((r) => [r.term, r.quotes])), titles: new Map(rows.map((r) => [r.term, r.titles])) };
    const gated = { sentences: 0, quotes: 0, titles: 0 };
    let compared = 0;
    for (const query of queries) {
      const plan = planQuery(query, embedded.index.vocabulary);
      for (const index of ['quotes', 'sentences', 'titles'] as const) {
        const postings = plan.searched.reduce((n, term) => n + (frequency[index].get(term) ?? 0), 0);
        if (postings > GATE_POSTINGS) gated[index]++;
        for (const request of [{}, { limit: 40 }, { prefix: true }, { prefix: true, limit: 12 }, { filter: { article: 3 } }, { filter: { kind: 'direct' as const }, limit: 40 }, { filter: { article: 5, kind: 'indirect' as const } }]) {
          const expected = await embedded.index.candidates(index, plan, request);
          const got = await stored.index.candidates(index, plan, request);
          expect(got, `${index} ${query} ${JSON.stringify(request)}`).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    // The gate decided for many of them (and not only in the quote index), and candidates were found.
    expect(gated.quotes).toBeGreaterThan(10);
    expect(gated.sentences).toBeGreaterThan(10);
    expect(compared).toBeGreaterThan(10_000);
    // Asked again, from the postings the index now holds: the same.
    const plan = planQuery('the council plan for the harbour will be built before winter', embedded.index.vocabulary);
    expect(await stored.index.candidates('quotes', plan, { limit: 40 })).toEqual(await embedded.index.candidates('quotes', plan, { limit: 40 }));
  }, 120_000);

  it('reads a common word\'s documents and best documents, not its whole row, where the gate decides without it', async () => {
    // A library just opened holds no postings: each row it reads is counted.
    const fresh = await PostgresLibrary.open(pool, SERVER);
    const { rows } = await pool.query<{ term: string; sentences: number; quotes: number; titles: number }>('SELECT term, sentences, quotes, titles FROM terms WHERE collection = $1', [fresh.collection]);
    const frequency = { sentences: new Map(rows.map((r) => [r.term, r.sentences])), quotes: new Map(rows.map((r) => [r.term, r.quotes])), titles: new Map(rows.map((r) => [r.term, r.titles])) };
    const table = embedded.indexes.quoteEntries;
    const queries = ['council plan', 'council plan district said', 'the council plan for the harbour will be built before winter', 'plan waited long enough', 'council said cost million'];
    for (let id = 0; id < table.length; id += Math.floor(table.length / 20)) queries.push(table.text(id));
    // Per index, the words a gated query reads whole (not common) and apart (common), each once (held after).
    const whole = { sentences: new Set<string>(), quotes: new Set<string>(), titles: new Set<string>() };
    const apart = { sentences: new Set<string>(), quotes: new Set<string>(), titles: new Set<string>() };
    let gated = 0;
    for (const query of queries) {
      const plan = planQuery(query, embedded.index.vocabulary);
      const words = [...plan.searched, ...plan.expansions.keys()];
      // Only queries whose words are all known and searched as they are (no prefix, no typo): their gate is known from the vocabulary.
      if (plan.unknown.size > 0) continue;
      for (const index of ['quotes', 'sentences', 'titles'] as const) {
        const sizes = words.map((term) => frequency[index].get(term) ?? 0);
        if (sizes.reduce((n, size) => n + size, 0) <= GATE_POSTINGS || new Set(words).size < words.length) continue;
        gated++;
        words.forEach((term, w) => (sizes[w]! > GATE_BEST ? apart : whole)[index].add(term));
        for (const request of [{}, { limit: 40 }, { filter: { article: 3 } }, { filter: { kind: 'direct' as const }, limit: 40 }]) {
          expect(await fresh.index.candidates(index, plan, request), `${index} ${query} ${JSON.stringify(request)}`).toEqual(await embedded.index.candidates(index, plan, request));
        }
      }
    }
    expect(gated).toBeGreaterThan(4);
    const count = (sets: Record<string, Set<string>>) => Object.entries(sets).reduce((n, [index, set]) => n + [...set].filter((term) => frequency[index as 'quotes'].get(term)).length, 0);
    expect(count(apart)).toBeGreaterThan(5);
    // No common word's whole row was read: only the rows of the words that are not common, once each.
    expect(fresh.index.rowsRead).toEqual({ whole: count(whole), apart: count(apart) });
  }, 120_000);

  it('who-said, what-happened and autocomplete answer as the embedded engine on it', async () => {
    const without = <T extends { ms: number }>(answer: T) => ({ ...answer, ms: 0 });
    const table = embedded.indexes.quoteEntries;
    for (let id = 0; id < table.length; id += Math.floor(table.length / 40)) {
      const quote = table.text(id);
      expect(without(await stored.whoSaid(quote)), quote).toEqual(without(await embedded.whoSaid(quote)));
      const typed = quote.slice(0, Math.max(3, Math.floor(quote.length / 2)));
      expect(await stored.suggest('quote', typed), typed).toEqual(await embedded.suggest('quote', typed));
    }
    for (const topic of ['council plan', 'harbour plan winter', 'district 17 library', 'cost million']) {
      expect(without(await stored.whatHappened(topic)), topic).toEqual(without(await embedded.whatHappened(topic)));
      expect(await stored.suggest('topic', topic.slice(0, -2)), topic).toEqual(await embedded.suggest('topic', topic.slice(0, -2)));
    }
  }, 120_000);

  it('a generation written before the postings table (format 2) is refused by a reader and ingested again with its postings', async () => {
    const current = (await currentCollection(pool, SERVER))!;
    await pool.query('DELETE FROM postings WHERE collection = $1', [current.id]);
    await pool.query('UPDATE collections SET format = 2 WHERE id = $1', [current.id]);
    await expect(PostgresLibrary.open(pool, SERVER)).rejects.toThrow(/older byline \(format 2, now 4\).*ingest it again/);
    const again = await ingestFolder(pool, dir, { server: SERVER });
    expect(again).toMatchObject({ ingested: true, generation: current.generation + 1 });
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM postings WHERE collection = $1', [again.collection]);
    expect(rows[0]!.n).toBeGreaterThan(100);
    const reopened = await PostgresLibrary.open(pool, SERVER);
    const plan = planQuery('the council plan for the harbour', embedded.index.vocabulary);
    expect(await reopened.index.candidates('quotes', plan, { limit: 40 })).toEqual(await embedded.index.candidates('quotes', plan, { limit: 40 }));
  }, 120_000);
});

/**
 * Two bot processes (the local console, as `npm run dev` starts it) on one database: the one that ingests
 * its data folder, and one that only reads the database. An article added to the folder of the first is
 * answered by the second, which learns of it through LISTEN/NOTIFY (it watches no folder); the first is
 * killed, and the second keeps answering.
 */
describe('two processes on one database', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let url: string;
  let folder: string;
  let empty: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    url = await server.createDatabase('processes');
    folder = await mkdtemp(path.join(tmpdir(), 'byline-pg-a-'));
    empty = await mkdtemp(path.join(tmpdir(), 'byline-pg-b-'));
    await copyFile('data/000_4cbc08951dad2f3b.txt', path.join(folder, '000_4cbc08951dad2f3b.txt'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(folder, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  });

  /** A console process on the database; its answers are read from its output, its JSON log from stderr. */
  async function start(env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, DISCORD_TOKEN: '', BYLINE_DATABASE_URL: url, LOG_LEVEL: 'info', ...env },
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const logs = jsonLinesOf(child.stderr!);
    for (let waited = 0; !logs.some((l) => l.msg === 'library loaded'); waited += 50) {
      if (waited > 60_000 || child.exitCode !== null) throw new Error(`byline did not start: ${JSON.stringify(logs)}`);
      await sleep(50);
    }
    /** Asks until the answer holds `expected` (or gives up after a while): the output it got. */
    const ask = async (line: string, expected: string): Promise<string> => {
      for (let waited = 0; waited < 20_000; waited += 100) {
        const from = output.length;
        child.stdin!.write(`${line}\n`);
        await sleep(100);
        if (output.slice(from).includes(expected)) return output.slice(from);
      }
      return output;
    };
    return { child, logs, ask };
  }

  it('an article added through one is answered by the other; one killed, the other keeps answering', async () => {
    const ingesting = await start({ BYLINE_DATA_DIR: folder });
    const reading = await start({ BYLINE_DATA_DIR: empty, BYLINE_DATABASE_INGEST: 'off' });
    expect(await reading.ask('/who-said diplomacy means also defense', 'Dmytro Kuleba')).toContain('Dmytro Kuleba');

    const written = Date.now();
    await writeFile(
      path.join(folder, 'lighthouse.md'),
      '---\ntitle: "Lighthouse keepers meet in Port Alden"\ndate: 2024-06-01\n---\n\n' +
        '“Every keeper knows the sea never sleeps,” harbour master Ingrid Solberg said on Saturday.\n',
    );
    const answer = await reading.ask('/who-said the sea never sleeps', 'Ingrid Solberg');
    expect(answer).toContain('Ingrid Solberg');
    const answeredAfter = Date.now() - written;
    expect(ingesting.logs.some((l) => l.msg === 'ingested the articles into the database' && l.articles === 2)).toBe(true);
    const reloaded = reading.logs.find((l) => l.msg === 'library reloaded from the database' && l.articles === 2);
    expect(reloaded).toBeDefined();
    // How long the article took from ingested (committed, notified) to answerable in the other process.
    const ingested = ingesting.logs.find((l) => l.msg === 'ingested the articles into the database' && l.articles === 2);
    console.log(`two processes: the new article answered by the other process ${answeredAfter} ms after its file was written (reloaded ${reloaded.time - ingested.time} ms after the ingest was logged)`);

    ingesting.child.kill('SIGKILL');
    await exitOf(ingesting.child);
    expect(await reading.ask('/who-said the sea never sleeps', 'Ingrid Solberg')).toContain('Ingrid Solberg');
    expect(await reading.ask('/who-said tragic war of choice', 'Austin')).toContain('Austin');
    expect(reading.child.exitCode).toBeNull();
  }, 120_000);
});

/**
 * A streaming read replica of the test server (BYLINE_DATABASE_REPLICA_URL): the questions are answered from
 * it, the ingest goes to the primary, and a library following the primary's notifications waits for the
 * replica to replay the new generation before it answers from it.
 */
describe('a read replica', () => {
  it('answers the questions, the primary ingests, and a change reaches the replica before it is answered', async () => {
    const url = await server.createDatabase('replicated');
    const replica = await startReplica(server);
    const primary = createPool(url);
    const read = createPool(replica.url('replicated'));
    const dir = await mkdtemp(path.join(tmpdir(), 'byline-pg-replica-data-'));
    let live: LivePostgresLibrary | null = null;
    try {
      await copyFile('data/000_4cbc08951dad2f3b.txt', path.join(dir, '000_4cbc08951dad2f3b.txt'));
      expect((await read.query('SELECT pg_is_in_recovery() AS standby')).rows[0].standby).toBe(true);
      const library = await openPostgresLibrary(primary, dir, undefined, read);
      const kuleba = await library.whoSaid('diplomacy means also defense');
      expect(kuleba.answers[0]?.speakerName).toBe('Dmytro Kuleba');
      await expect(read.query('DELETE FROM articles')).rejects.toThrow(/read-only/);

      live = new LivePostgresLibrary(library, primary, url, dir, pino({ level: 'silent' }), read);
      live.follow();
      await writeFile(
        path.join(dir, 'ferry.md'),
        '---\ntitle: "Ferry service resumes"\ndate: 2024-07-02\n---\n\n“The ferry will sail every hour again from Monday,” port director Elsa Brandt said.\n',
      );
      let speaker: string | undefined;
      for (let waited = 0; waited < 20_000 && speaker !== 'Elsa Brandt'; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        speaker = (await live.whoSaid('the ferry will sail every hour')).answers[0]?.speakerName;
      }
      expect(speaker).toBe('Elsa Brandt');
      expect(live.current.size).toBe(2);
    } finally {
      live?.stop();
      await primary.end();
      await read.end();
      await replica.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
