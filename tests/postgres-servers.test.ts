/**
 * A server's own articles in PostgreSQL (issue #13), against a real PostgreSQL started by the test itself
 * (tests/postgres.ts; no mock): a server's collection is written when an article is added or removed, every
 * process on the database is notified and answers from it (never in another server nor without a server),
 * and the answers are the embedded mode's for the same articles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddSource } from '../src/guild/input.ts';
import { inThreadIndexer, workerIndexer, type SegmentIndexer } from '../src/guild/indexer.ts';
import { ServerLibraries } from '../src/guild/libraries.ts';
import { UserInputError, type Engine } from '../src/engine.ts';
import type { Library } from '../src/library.ts';
import { loadLibrary } from '../src/load/open.ts';
import { currentCollection } from '../src/postgres/ingest.ts';
import { createPool, openPostgresLibrary } from '../src/postgres/library.ts';
import { LivePostgresLibrary } from '../src/postgres/live.ts';
import { PostgresServerLibraries, storableText } from '../src/postgres/servers.ts';
import { ARTICLES } from './fixtures/pages/articles.ts';
import { exitOf, jsonLinesOf } from './child-process.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

const A = '111111111111111111';
const B = '222222222222222222';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fixture article as a member would paste it into the form. */
const asText = (i: number): AddSource & { kind: 'text' } => {
  const article = ARTICLES[i]!;
  return { kind: 'text', title: article.title, date: article.date, text: article.paragraphs.join('\n\n') };
};

let server: TestPostgres;
let shared: string;
let servers: string;
let indexer: SegmentIndexer;

beforeAll(async () => {
  server = await startPostgres();
  shared = await mkdtemp(path.join(tmpdir(), 'byline-pg-servers-shared-'));
  servers = await mkdtemp(path.join(tmpdir(), 'byline-pg-servers-'));
  await copyFile('data/000_4cbc08951dad2f3b.txt', path.join(shared, '000_4cbc08951dad2f3b.txt'));
  indexer = workerIndexer(pino({ level: 'silent' }));
}, 60_000);

afterAll(async () => {
  await indexer?.close();
  await server?.stop();
  for (const dir of [shared, servers]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** One bot process on a database, in this one: its pool, its live shared library listening, its servers' libraries. */
interface Process {
  pool: pg.Pool;
  live: LivePostgresLibrary;
  servers: PostgresServerLibraries;
  logs: { msg: string; guildId?: string; generation?: number }[];
  engine(guildId: string | null): Engine;
  stop(): Promise<void>;
}

async function startProcess(url: string, options: { maxArticles?: number } = {}): Promise<Process> {
  const logs: Process['logs'] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(chunk.toString()));
        done();
      },
    }),
  );
  const pool = createPool(url, logger, 4);
  const library = await openPostgresLibrary(pool, shared, logger);
  const live = new LivePostgresLibrary(library, pool, url, null, logger);
  const own = new PostgresServerLibraries({ pool, shared: live, dir: servers, logger, indexer, ...options });
  live.servers = own;
  const unfollow = live.follow();
  // Listening before anything is asked of it (the listener is connected in the background).
  for (let waited = 0; !(live as unknown as { listener: unknown }).listener && waited < 10_000; waited += 20) await sleep(20);
  return {
    pool,
    live,
    servers: own,
    logs,
    engine: (guildId) => own.engineFor(guildId),
    stop: async () => {
      unfollow();
      await pool.end();
    },
  };
}

/** Asks until `done` holds of the answer (at most 10 s); the answer and how long it took. */
async function until<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<{ answer: T; ms: number }> {
  const start = performance.now();
  let answer = await ask();
  while (!done(answer) && performance.now() - start < 10_000) {
    await sleep(20);
    answer = await ask();
  }
  return { answer, ms: performance.now() - start };
}

const mentions = (value: unknown, mark: string) => JSON.stringify(value).includes(mark);

describe('a server’s own articles in PostgreSQL, two processes on one database', () => {
  let url: string;
  let one: Process;
  let two: Process;

  beforeAll(async () => {
    url = await server.createDatabase('servers');
    one = await startProcess(url);
    two = await startProcess(url);
  }, 60_000);

  afterAll(async () => {
    await one?.stop();
    await two?.stop();
  });

  it('an article added for server A through one is answered by the other for A only; removed, it is gone from both', async () => {
    // The second process has read server A (nothing yet): what it learns next comes by notification.
    expect((await two.engine(A).articles()).articles.some((a) => a.server)).toBe(false);

    const bridge = ARTICLES[0]!;
    const result = await one.engine(A).server!.add(asText(0), '1100000000000000004');
    expect(result.added).toHaveLength(1);
    const id = result.added[0]!.article.id;
    expect(id).toMatch(new RegExp(`^g${A}-[0-9a-f]{12}$`));
    expect(result.added[0]!.speakers).toContain('Mayor Ana Ruiz');
    // Answerable at once through the process that added it.
    expect((await one.engine(A).whoSaid('proud of the crews')).answers[0]?.article.id).toBe(id);

    const seen = await until(() => two.engine(A).whoSaid('proud of the crews who worked through two winters'), (r) => r.answers[0]?.article.id === id);
    expect(seen.answer.answers[0]).toMatchObject({ speakerName: 'Ana Ruiz', article: { id } });
    console.log(`a server's article added through one process was answered by the other ${Math.round(seen.ms)} ms after the add returned`);
    expect(two.logs.some((l) => l.msg === 'server library reloaded from the database' && l.guildId === A)).toBe(true);
    expect((await two.engine(A).whatHappened('harbour bridge repairs')).passages[0]?.article.id).toBe(id);
    expect((await two.engine(A).articles()).articles.map((a) => [a.id, a.server ?? false])).toEqual([
      [id, true],
      ['000_4cbc08951dad2f3b', false],
    ]);
    expect((await two.engine(A).quotes('Ruiz')).quotes.map((q) => q.article.id)).toContain(id);
    expect((await two.engine(A).whoIs('Ana Ruiz')).people[0]?.name).toBe('Ana Ruiz');
    expect((await two.engine(A).server!.list()).map((a) => a.title)).toEqual([bridge.title]);

    // Never in another server, nor without one (a direct message), in either process.
    for (const p of [one, two]) {
      for (const engine of [p.engine(B), p.engine(null)]) {
        const answer = await engine.whoSaid('proud of the crews who worked through two winters');
        expect(answer.answers).toEqual([]);
        expect(mentions(answer, id)).toBe(false);
        expect(mentions(await engine.whatHappened('harbour bridge repairs'), id)).toBe(false);
        expect(mentions(await engine.articles(), id)).toBe(false);
        expect((await engine.whoIs('Ana Ruiz')).people).toEqual([]);
        expect(mentions(await engine.suggest('quote', 'proud'), id)).toBe(false);
      }
      await expect(p.engine(B).whoSaid('crews', { article: id })).rejects.toBeInstanceOf(UserInputError);
    }
    // The shared library still answers in the server.
    expect((await two.engine(A).whoSaid('diplomacy means also defense')).answers[0]?.speakerName).toBe('Dmytro Kuleba');

    // Removed through the second process (by its title): gone from both.
    expect((await two.engine(A).server!.remove(bridge.title)).id).toBe(id);
    expect((await two.engine(A).whoSaid('proud of the crews who worked through two winters')).answers).toEqual([]);
    const gone = await until(() => one.engine(A).whoSaid('proud of the crews who worked through two winters'), (r) => !mentions(r, id));
    expect(gone.answer.answers).toEqual([]);
    expect(mentions(await one.engine(A).articles(), id)).toBe(false);
    expect(await one.engine(A).server!.list()).toEqual([]);
    // Its server's collection is now an empty generation, the records with it.
    const current = await currentCollection(one.pool, A);
    expect(current?.articles).toBe(0);
    expect((await one.pool.query('SELECT count(*)::int AS n FROM server_articles WHERE collection = $1', [current!.id])).rows[0].n).toBe(0);
  }, 60_000);

  it('adds made at once in two processes are all kept (the advisory lock orders them), and a process started after sees them', async () => {
    const adds = await Promise.all([1, 2, 3, 4].map((i) => (i % 2 ? one : two).engine(A).server!.add(asText(i), null)));
    expect(adds.flatMap((r) => r.added)).toHaveLength(4);
    const ids = adds.map((r) => r.added[0]!.article.id);
    for (const p of [one, two]) {
      const listed = await until(() => p.engine(A).server!.list(), (list) => list.length === 4);
      expect(listed.answer.map((a) => a.id).sort()).toEqual([...ids].sort());
    }
    // A new process: the articles read from the database (warm, as the bot does after start-up).
    const three = await startProcess(url);
    try {
      await three.servers.warm();
      expect(three.servers.held()).toEqual({ servers: 1, articles: 4 });
      expect(three.logs.some((l) => l.msg === 'server libraries read')).toBe(true);
      const flood = ARTICLES[1]!;
      const quoted = /“([^”]+)”/.exec(flood.paragraphs.join(' '))![1]!;
      expect((await three.engine(A).whoSaid(quoted)).answers[0]?.article.id).toBe(ids[0]);
      expect((await three.engine(B).whoSaid(quoted)).answers).toEqual([]);
      // The same article again is known, through any process; the same text under another title too.
      const again = await three.engine(A).server!.add({ ...asText(1), title: 'Another title' }, null);
      expect(again).toEqual({ added: [], duplicates: [{ article: adds[0]!.added[0]!.article, reason: 'text' }] });
    } finally {
      await three.stop();
    }
    for (const id of ids) await one.engine(A).server!.remove(id);
  }, 60_000);

  it('refuses kindly past the most articles a server may hold, and what is the shared library’s or no one’s', async () => {
    const small = await startProcess(url, { maxArticles: 1 });
    try {
      const engine = small.engine(B);
      expect((await engine.server!.add(asText(5), null)).added).toHaveLength(1);
      await expect(engine.server!.add(asText(6), null)).rejects.toThrow(/full \(1 articles\)/);
      await expect(engine.server!.remove('000_4cbc08951dad2f3b')).rejects.toThrow(/shared library/);
      await expect(engine.server!.remove('no such thing')).rejects.toThrow(/No article of this server's library matches/);
      expect((await engine.server!.remove(ARTICLES[5]!.title)).title).toBe(ARTICLES[5]!.title);
    } finally {
      await small.stop();
    }
  }, 60_000);

  it('takes hostile text as parameters: quotes, SQL, a NUL, an unpaired surrogate; read back the same by another process', async () => {
    const hostile = `'); DROP TABLE articles; -- \\ $1 \uD800 “We will not be moved,” said Nora O'Neil\u0000 of the tenants' union.`;
    const result = await one.engine(A).server!.add({ kind: 'text', title: `Robert'); DROP TABLE collections;-- \uDFFF`, date: null, text: hostile }, null);
    expect(result.added).toHaveLength(1);
    const { id, title } = result.added[0]!.article;
    expect(title).toBe(`Robert'); DROP TABLE collections;-- \uFFFD`);
    const answer = await until(() => two.engine(A).whoSaid('we will not be moved'), (r) => r.answers[0]?.article.id === id);
    expect(answer.answer.answers[0]).toMatchObject({ speakerName: "Nora O'Neil", article: { id, title } });
    const three = await startProcess(url);
    try {
      expect((await three.engine(A).server!.list()).map((a) => a.title)).toEqual([title]);
    } finally {
      await three.stop();
    }
    await one.engine(A).server!.remove(id);
  }, 60_000);

  it('a server library written by an older byline (its format) is written again from its records when read', async () => {
    await one.engine(B).server!.add(asText(7), null);
    const before = (await currentCollection(one.pool, B))!;
    await one.pool.query('UPDATE collections SET format = 2 WHERE id = $1', [before.id]);
    const three = await startProcess(url);
    try {
      const quoted = /“([^”]+)”/.exec(ARTICLES[7]!.paragraphs.join(' '))![1]!;
      expect((await three.engine(B).whoSaid(quoted)).answers[0]?.article.title).toBe(ARTICLES[7]!.title);
      const after = (await currentCollection(one.pool, B))!;
      expect(after.generation).toBe(before.generation + 1);
      expect(after.articles).toBe(1);
    } finally {
      await three.stop();
    }
  }, 60_000);
});

describe('a server’s answers in PostgreSQL are the embedded mode’s for the same articles', () => {
  let url: string;
  let pg: Process;
  let embedded: Engine;
  let embeddedServers: ServerLibraries;
  let dir: string;

  beforeAll(async () => {
    url = await server.createDatabase('same');
    pg = await startProcess(url);
    dir = await mkdtemp(path.join(tmpdir(), 'byline-servers-embedded-'));
    const library: Library = await loadLibrary(shared, { persist: false });
    embeddedServers = new ServerLibraries({ dir, shared: library, logger: pino({ level: 'silent' }), indexer: inThreadIndexer });
    embedded = embeddedServers.engineFor(A);
    // The same articles, in the same order (each through its own add, as members add them).
    for (let i = 0; i < ARTICLES.length; i++) {
      const [x, y] = [await embedded.server!.add(asText(i), null), await pg.engine(A).server!.add(asText(i), null)];
      expect(y.added.map((a) => a.article)).toEqual(x.added.map((a) => a.article));
    }
  }, 120_000);

  afterAll(async () => {
    await pg?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const without = <T extends { ms: number }>(answer: T) => ({ ...answer, ms: 0 });

  it('who-said, what-happened, quotes, who-is, articles, autocomplete and the list', async () => {
    const engine = pg.engine(A);
    const quotes = ARTICLES.flatMap((article) => [...article.paragraphs.join(' ').matchAll(/“([^”]+)”/g)].map((m) => m[1]!));
    expect(quotes.length).toBeGreaterThan(10);
    for (const quote of quotes) {
      const words = quote.split(/\s+/);
      for (const asked of [quote, words.slice(0, 5).join(' '), words.slice(1).join(' ')]) {
        expect(without(await engine.whoSaid(asked)), asked).toEqual(without(await embedded.whoSaid(asked)));
      }
    }
    expect(without(await engine.whoSaid('diplomacy means also defense'))).toEqual(without(await embedded.whoSaid('diplomacy means also defense')));
    for (const topic of [null, ...ARTICLES.map((a) => a.title.split(' ').slice(0, 3).join(' ')), 'Kuleba Ukraine', 'strike pay']) {
      expect(without(await engine.whatHappened(topic)), String(topic)).toEqual(without(await embedded.whatHappened(topic)));
    }
    expect(without(await engine.quotes(null))).toEqual(without(await embedded.quotes(null)));
    expect(without(await engine.quotes('Ruiz'))).toEqual(without(await embedded.quotes('Ruiz')));
    for (const person of ['Ana Ruiz', 'Ruiz', 'Kuleba', 'mayor']) {
      expect(without(await engine.whoIs(person)), person).toEqual(without(await embedded.whoIs(person)));
    }
    expect(without(await engine.articles())).toEqual(without(await embedded.articles()));
    for (const [option, typed] of [
      ['quote', 'proud'],
      ['quote', ''],
      ['article', ''],
      ['article', 'harb'],
      ['person', 'Ruiz'],
      ['speaker', 'Ruiz'],
      ['topic', 'Harbour'],
    ] as const) {
      expect(await engine.suggest(option, typed), `${option} ${typed}`).toEqual(await embedded.suggest(option, typed));
    }
    const own = (list: { id: string }[]) => list.map((a) => a.id);
    expect(own(await engine.server!.list())).toEqual(own(await embedded.server!.list()));
    const id = (await embedded.server!.list())[0]!.id;
    expect(without(await engine.whoSaid('said', { article: id }))).toEqual(without(await embedded.whoSaid('said', { article: id })));
  }, 120_000);
});

describe('text PostgreSQL stores as it is', () => {
  it('drops NUL and makes an unpaired surrogate U+FFFD, keeping pairs (emoji) and everything else', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText('x\uD800y\uDFFFz')).toBe('x\uFFFDy\uFFFDz');
    expect(storableText('👍 “ok” \'; DROP')).toBe('👍 “ok” \'; DROP');
    expect(storableText('\uDFFF\uD800')).toBe('\uFFFD\uFFFD');
  });
});

/**
 * Real bot processes (the local console, `npm run dev -- --guild ID`) on one database: an article added
 * through one is answered by the other within the time the log shows, and `ask` started after sees it for
 * that server only.
 */
describe('bot processes on one database', () => {
  let url: string;
  let files: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    url = await server.createDatabase('processes');
    files = await mkdtemp(path.join(tmpdir(), 'byline-pg-upload-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (files) await rm(files, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string>) => ({ ...process.env, DISCORD_TOKEN: '', BYLINE_DATABASE_URL: url, BYLINE_DATA_DIR: shared, BYLINE_SERVERS_DIR: servers, LOG_LEVEL: 'info', ...extra });

  async function start(guild: string, extra: Record<string, string> = {}) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--guild', guild], { stdio: ['pipe', 'pipe', 'pipe'], env: env(extra) });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const logs = jsonLinesOf(child.stderr!);
    for (let waited = 0; !logs.some((l) => l.msg === 'library loaded'); waited += 50) {
      if (waited > 60_000 || child.exitCode !== null) throw new Error(`byline did not start: ${JSON.stringify(logs)}`);
      await sleep(50);
    }
    /** Asks until the answer holds (or, with `absent`, no longer holds) `expected`, at most 20 s: the answer. */
    const ask = async (line: string, expected: string, absent = false): Promise<string> => {
      let last = '';
      for (let waited = 0; waited < 20_000; waited += 100) {
        const from = output.length;
        child.stdin!.write(`${line}\n`);
        await sleep(100);
        last = output.slice(from);
        if (last.includes(expected) !== absent) return last;
      }
      return last;
    };
    return { child, logs, ask };
  }

  /** `npm run ask` as a process of its own, one command a line on its input: its JSON answers, one a line. */
  async function askOnce(args: string[], lines: string[]): Promise<unknown[]> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--json', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: env({ BYLINE_DATABASE_INGEST: 'off' }) });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin!.end(lines.map((line) => `${line}\n`).join(''));
    await exitOf(child);
    return output.trim().split('\n').map((line) => JSON.parse(line));
  }

  it('added through one, answered by the other; a process started after answers for that server only; removed, gone', async () => {
    const adding = await start(A);
    const reading = await start(A, { BYLINE_DATABASE_INGEST: 'off' });
    expect(await reading.ask('/who-said diplomacy means also defense', 'Dmytro Kuleba')).toContain('Dmytro Kuleba');
    const file = path.join(files, 'lighthouse.md');
    await writeFile(
      file,
      '---\ntitle: "Lighthouse keepers meet in Port Alden"\ndate: 2024-06-01\n---\n\n' +
        '“Every keeper knows the sea never sleeps,” harbour master Ingrid Solberg said on Saturday.\n',
    );
    const sent = Date.now();
    const reply = await adding.ask(`/library add ${file}`, 'Lighthouse keepers');
    expect(reply).toContain('Ingrid Solberg');
    const added = adding.logs.find((l) => l.msg === 'server articles added');
    expect(added).toBeDefined();
    const answer = await reading.ask('/who-said the sea never sleeps', 'Ingrid Solberg');
    expect(answer).toContain('Ingrid Solberg');
    const reloaded = reading.logs.find((l) => l.msg === 'server library reloaded from the database' && l.guildId === A && l.articles === 1);
    expect(reloaded).toBeDefined();
    console.log(`bot processes: the other process answered from the server's new generation ${reloaded.time - sent} ms after the add was typed into the first (which logged it added after ${added.time - sent} ms)`);

    // Processes started after the add: server A sees it; server B and no server do not.
    const [inA, listedInA] = (await askOnce(['--guild', A], ['who-said the sea never sleeps', 'articles'])) as [{ answers: { speakerName: string; article: { id: string } }[] }, unknown];
    expect(inA.answers[0]?.speakerName).toBe('Ingrid Solberg');
    const id = inA.answers[0]!.article.id;
    expect(JSON.stringify(listedInA)).toContain(id);
    for (const args of [['--guild', B], []]) {
      const answers = await askOnce(args, ['who-said the sea never sleeps', 'articles']);
      expect(answers, args.join(' ')).toHaveLength(2);
      expect(JSON.stringify(answers), args.join(' ')).not.toContain(id);
      expect(JSON.stringify(answers), args.join(' ')).not.toContain('"error"');
      expect(JSON.stringify(answers[1]), args.join(' ')).toContain('000_4cbc08951dad2f3b');
    }

    expect(await adding.ask(`/library remove ${id}`, 'Lighthouse keepers')).toContain('Lighthouse keepers');
    expect(await reading.ask('/who-said the sea never sleeps', 'Ingrid Solberg', true)).not.toContain('Ingrid Solberg');
    for (const { child } of [adding, reading]) {
      child.stdin!.end();
      await exitOf(child);
    }
  }, 180_000);
});
