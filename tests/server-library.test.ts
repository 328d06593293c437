/**
 * Per-server libraries through the engine (issue #11): a server's articles are in its answers and
 * autocomplete, never in another server's nor in direct messages; ids are unique and stable; what is kept
 * on disk is written atomically and checked when read (a damaged file is logged by name and skipped);
 * duplicates, limits, hostile input and permissions are answered kindly.
 */
import { once } from 'node:events';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, optionsOf, type Caller } from '../commands/command.ts';
import { findCommand, runCommand, submitForm, type Reply } from '../commands/index.ts';
import type { LibraryResult } from '../src/answers.ts';
import { renderReply } from '../src/discord/render.ts';
import { UserInputError, type Engine } from '../src/engine.ts';
import { publicAddressesOnly } from '../src/fetch/address.ts';
import { workerIndexer, type SegmentIndexer } from '../src/guild/indexer.ts';
import { ServerLibraries } from '../src/guild/libraries.ts';
import { decodeArticle, encodeArticle } from '../src/guild/store.ts';
import { type Library } from '../src/library.ts';
import { loadLibrary } from '../src/load/open.ts';
import { createLogger } from '../src/log.ts';
import { PAGES_DIR } from './fixtures/pages/make.ts';

const A = '111111111111111111';
const B = '222222222222222222';
const MANAGE_SERVER = String(1 << 5);
const SEND_MESSAGES = String(1 << 11);

const BRIDGE = {
  title: 'Harbour bridge reopens',
  date: '2024-05-02',
  text: 'The harbour bridge in Port Alden reopened on Tuesday after two years of repairs.\n\n“We are proud of the crews who worked through two winters,” said Mayor Ana Ruiz at the ceremony.\n\nTraffic was light in the morning, according to the transport office.',
};

let shared: Library;
let dir: string;
let logs: { level: number; msg: string; file?: string; guildId?: string }[];
let servers: ServerLibraries;
/** One indexing worker for every library of these tests (each "restart" is a new ServerLibraries on it). */
let indexer: SegmentIndexer;

function newLibraries(options: Partial<ConstructorParameters<typeof ServerLibraries>[0]> = {}): ServerLibraries {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return new ServerLibraries({ dir, shared, logger: createLogger('info', stream), indexer, ...options });
}

async function added(engine: Engine, source: Parameters<NonNullable<Engine['server']>['add']>[0]) {
  const result = await engine.server!.add(source, null);
  expect(result.added, JSON.stringify(result.duplicates)).toHaveLength(1);
  return result.added[0]!;
}

beforeAll(async () => {
  shared = await loadLibrary('data', { persist: false });
  indexer = workerIndexer(createLogger('silent'));
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'byline-servers-'));
  logs = [];
  servers = newLibraries();
});

afterAll(async () => {
  await indexer.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a server’s own articles', () => {
  it('answer in that server only: who-said, what-happened, quotes, who-is, articles, autocomplete; never in another server or a DM', async () => {
    const a = servers.engineFor(A);
    const b = servers.engineFor(B);
    const dm = servers.engineFor(null);
    const bridge = await added(a, { kind: 'text', ...BRIDGE });
    const id = bridge.article.id;
    const mentions = (value: unknown) => JSON.stringify(value).includes(id);
    /** Anything of the server's article: its id, its speaker, its title, its quote. */
    const shows = (value: unknown) => [id, 'Ruiz', 'Harbour bridge', 'proud of the crews'].some((mark) => JSON.stringify(value).includes(mark));

    const inA = await a.whoSaid('proud of the crews');
    expect(inA.answers[0]).toMatchObject({ speaker: 'Mayor Ana Ruiz', quote: 'We are proud of the crews who worked through two winters', article: { id } });
    for (const engine of [b, dm]) {
      const answer = await engine.whoSaid('proud of the crews');
      expect(answer.answers).toEqual([]);
      expect(mentions(answer)).toBe(false);
    }
    // The shared library still answers in the server.
    expect((await a.whoSaid('diplomacy means also defense')).answers[0]?.speakerName).toBe('Dmytro Kuleba');

    expect((await a.whatHappened('harbour bridge repairs')).passages[0]?.article.id).toBe(id);
    expect(mentions(await b.whatHappened('harbour bridge repairs'))).toBe(false);
    expect((await a.whatHappened(null)).passages[0]?.article.id).toBe(id);
    expect(mentions(await b.whatHappened(null))).toBe(false);

    expect((await a.quotes(null)).speakers.map((s) => s.speakerName)).toContain('Ana Ruiz');
    expect((await b.quotes(null)).speakers.map((s) => s.speakerName)).not.toContain('Ana Ruiz');
    expect((await a.quotes('Ruiz')).quotes.map((q) => q.article.id)).toEqual([id]);
    await expect(b.quotes('Ruiz')).rejects.toBeInstanceOf(UserInputError);

    expect((await a.whoIs('Ana Ruiz')).people[0]?.name).toBe('Ana Ruiz');
    expect((await b.whoIs('Ana Ruiz')).people).toEqual([]);
    expect((await dm.whoIs('Ana Ruiz')).people).toEqual([]);

    const listed = (await a.articles()).articles;
    expect(listed.map((x) => [x.id, x.server ?? false])).toEqual([
      [id, true],
      ['000_4cbc08951dad2f3b', false],
    ]);
    expect((await b.articles()).articles.map((x) => x.id)).toEqual(['000_4cbc08951dad2f3b']);

    for (const [option, typed] of [
      ['quote', 'proud'],
      ['quote', ''],
      ['article', ''],
      ['article', 'harb'],
      ['person', 'Ruiz'],
      ['speaker', 'Ruiz'],
      ['topic', 'Harbour'],
    ] as const) {
      expect(shows(await a.suggest(option, typed)), `${option} ${typed}`).toBe(true);
      for (const engine of [b, dm]) expect(shows(await engine.suggest(option, typed)), `${option} ${typed}`).toBe(false);
    }
    expect((await a.inspect()).map((x) => x.id)).toContain(id);
    expect((await b.inspect()).map((x) => x.id)).not.toContain(id);

    // Narrowed to the article, or asked by its autocomplete value: the server that has it answers; another cannot reach it.
    expect((await a.whoSaid('crews', { article: id })).answers[0]?.article.id).toBe(id);
    await expect(b.whoSaid('crews', { article: id })).rejects.toBeInstanceOf(UserInputError);
    const value = (await a.suggest('quote', 'proud'))[0]!.value;
    expect((await a.whoSaid(value)).answers[0]?.article.id).toBe(id);
    const elsewhere = await b.whoSaid(value);
    expect(mentions([elsewhere.answers, elsewhere.suggestions])).toBe(false);
  });

  it('have ids unique across the whole library and stable across restarts', async () => {
    const first = await added(servers.engineFor(A), { kind: 'text', ...BRIDGE });
    const other = await added(servers.engineFor(B), { kind: 'text', ...BRIDGE });
    expect(first.article.id).toMatch(new RegExp(`^g${A}-[0-9a-f]{12}$`));
    expect(other.article.id).toMatch(new RegExp(`^g${B}-[0-9a-f]{12}$`));
    expect(other.article.id).not.toBe(first.article.id);
    expect(shared.hasId(first.article.id)).toBe(false);
    // A new process on the same folder: the same article, the same id, answerable at once.
    const again = newLibraries().engineFor(A);
    expect((await again.articles()).articles.filter((x) => x.server).map((x) => x.id)).toEqual([first.article.id]);
    expect((await again.whoSaid('proud of the crews')).answers[0]?.article.id).toBe(first.article.id);
  });

  it('recognise the same text added twice, and list and remove what was added', async () => {
    const a = servers.engineFor(A);
    const bridge = await added(a, { kind: 'text', ...BRIDGE });
    const twice = await a.server!.add({ kind: 'text', ...BRIDGE, title: 'Another title' }, null);
    expect(twice).toEqual({ added: [], duplicates: [{ article: bridge.article, reason: 'text' }] });
    expect((await a.server!.list()).map((x) => x.id)).toEqual([bridge.article.id]);

    await expect(a.server!.remove('000_4cbc08951dad2f3b')).rejects.toThrow(/shared library/);
    await expect(a.server!.remove('no such thing')).rejects.toThrow(/No article of this server's library matches/);
    expect(await a.server!.remove('Harbour bridge')).toEqual(bridge.article);
    expect(await a.server!.list()).toEqual([]);
    expect((await a.whoSaid('proud of the crews')).answers).toEqual([]);
    expect(await readdir(path.join(dir, A))).toEqual([]);
    expect((await newLibraries().engineFor(A).articles()).articles.some((x) => x.server)).toBe(false);
  });

  it('are kept one file each, whole, behind a header with their length and checksum', async () => {
    const bridge = await added(servers.engineFor(A), { kind: 'text', ...BRIDGE });
    const files = await readdir(path.join(dir, A));
    expect(files).toEqual([`${bridge.article.id.slice(A.length + 2)}.article`]);
    const bytes = await readFile(path.join(dir, A, files[0]!));
    const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString();
    expect(header).toMatch(/^byline-server-article 1 \d+ \d+$/);
    expect(Number(header.split(' ')[2])).toBe(bytes.byteLength - header.length - 1);
    const record = decodeArticle(bytes);
    expect(record).toMatchObject({ id: bridge.article.id, guildId: A, title: BRIDGE.title, date: BRIDGE.date, origin: 'text' });
    expect(encodeArticle(record).equals(bytes)).toBe(true);
  });

  it('skip a damaged or half-written file, logged by its name, and load every other one; a crash’s temporary file is removed', async () => {
    const a = servers.engineFor(A);
    const good = await added(a, { kind: 'text', ...BRIDGE });
    await added(a, { kind: 'text', title: 'Second', date: null, text: '“The river is rising,” said Priya Nand.' });
    const folder = path.join(dir, A);
    const first = `${good.article.id.slice(A.length + 2)}.article`;
    const second = (await readdir(folder)).find((name) => name !== first)!;
    const secondBytes = await readFile(path.join(folder, second));
    const flipped = Buffer.from(secondBytes);
    flipped[flipped.length - 5] = flipped[flipped.length - 5]! ^ 0x01;
    await writeFile(path.join(folder, second), flipped);
    await writeFile(path.join(folder, 'aaaaaaaaaaaa.article'), secondBytes.subarray(0, secondBytes.length - 40));
    await writeFile(path.join(folder, 'bbbbbbbbbbbb.article'), 'not an article at all');
    const shapeless = Buffer.from(JSON.stringify({ id: 'x' }));
    await writeFile(path.join(folder, 'cccccccccccc.article'), Buffer.concat([Buffer.from(`byline-server-article 1 ${shapeless.length} ${(await import('node:zlib')).crc32(shapeless)}\n`), shapeless]));
    await writeFile(path.join(folder, `.${first}.tmp-4242-deadbeef`), secondBytes.subarray(0, 30));

    const restarted = newLibraries().engineFor(A);
    expect((await restarted.articles()).articles.filter((x) => x.server).map((x) => x.id)).toEqual([good.article.id]);
    const skipped = logs.filter((line) => line.level === 40 && line.guildId === A).map((line) => [path.basename(line.file ?? ''), line.msg]);
    const expected: [string, unknown][] = [
      ['aaaaaaaaaaaa.article', expect.stringMatching(/\(length \d+ bytes, the header says \d+\); skipped$/)],
      ['bbbbbbbbbbbb.article', expect.stringMatching(/\(no header line\); skipped$/)],
      ['cccccccccccc.article', expect.stringMatching(/\(not an article record \(guildId\)\); skipped$/)],
      [second, expect.stringMatching(/\(checksum mismatch\); skipped$/)],
    ];
    expect(skipped).toEqual(expected.sort((x, y) => (x[0] < y[0] ? -1 : 1)));
    expect((await readdir(folder)).some((name) => name.includes('.tmp-'))).toBe(false);
  });

  it('refuse kindly: a full library, a huge text, a binary or unknown file, an empty text, a date that is no date', async () => {
    const small = newLibraries({ maxArticles: 1 }).engineFor(B);
    await added(small, { kind: 'text', ...BRIDGE });
    await expect(small.server!.add({ kind: 'text', title: null, date: null, text: 'Another article, with other words in it.' }, null)).rejects.toThrow(
      "This server's library is full (1 articles). Remove some with /library remove before adding more.",
    );
    const a = servers.engineFor(A);
    const refusals: [Parameters<NonNullable<Engine['server']>['add']>[0], RegExp][] = [
      [{ kind: 'text', title: null, date: null, text: 'word '.repeat(50_000) }, /^That article is 249,999 characters long; byline takes articles up to 200,000\.$/],
      [{ kind: 'upload', name: 'photo.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) }, /^photo\.txt is not a text file/],
      [{ kind: 'upload', name: 'latin1.txt', bytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9]) }, /is not a text file \(binary content, or not UTF-8\)/],
      [{ kind: 'upload', name: 'report.pdf', bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]) }, /^byline reads articles from \.txt, \.md, \.html and \.csv files, not \.pdf\.$/],
      [{ kind: 'upload', name: 'empty.md', bytes: new Uint8Array() }, /^byline found no article in empty\.md/],
      [{ kind: 'text', title: 'x', date: null, text: ' \n\n \u200b ' }, /^The article text is empty/],
      [{ kind: 'text', title: 'x', date: 'last Tuesday', text: 'Words.' }, /^"last Tuesday" is not a date byline can read: write it as YYYY-MM-DD/],
      [{ kind: 'text', title: 'x', date: '2024-02-30', text: 'Words.' }, /is not a date byline can read/],
    ];
    for (const [source, message] of refusals) {
      const refused = await a.server!.add(source, null).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused, JSON.stringify(source).slice(0, 80)).toBeInstanceOf(UserInputError);
      expect((refused as Error).message).toMatch(message);
    }
    expect((await a.server!.list()).length).toBe(0);
  });

  it('take hostile text (mentions, markdown, odd Unicode, a huge title) and show it escaped, without pinging anyone', async () => {
    const a = servers.engineFor(A);
    const title = `@everyone **Breaking** ||spoiler|| [a link](https://evil.example) <@123456789012345678> ${'long '.repeat(300)}`;
    const text = '“We will not be silenced, @here,” said Counsellor Ada Quill of the ‮reversed‬ district.\n\nThe meeting (🗳️ e\u0301lection night) ran late; <#123> and `code` and [a link](https://evil.example) were posted.';
    const article = await added(a, { kind: 'text', title, date: null, text });
    expect(article.quotes[0]?.speaker).toBe('Counsellor Ada Quill');
    const result: LibraryResult = { action: 'add', added: [article], duplicates: [], refused: [], removed: null, articles: [], form: null, ms: 1 };
    const message = renderReply({ type: 'library', result, hide: false } as Reply);
    const body = JSON.stringify(message);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(body).not.toMatch(/@everyone|@here|<@\d|<#\d/);
    expect(message.embeds[0]!.description).toContain('\\*\\*Breaking\\*\\*');
    expect(message.embeds[0]!.description).toContain('\\[a link\\]');
    expect((message.embeds[0]!.title ?? '').length + (message.embeds[0]!.description ?? '').length).toBeLessThanOrEqual(6000);
    expect((await a.whoSaid('we will not be silenced')).answers[0]?.speaker).toBe('Counsellor Ada Quill');
  });

  it('queue changes: adds made at once are all kept', async () => {
    const a = servers.engineFor(A);
    const texts = ['one', 'two', 'three', 'four'].map((n) => ({ kind: 'text' as const, title: `Story ${n}`, date: null, text: `“Number ${n} is here,” said Rita Vale about story ${n}.` }));
    const results = await Promise.all(texts.map((source) => a.server!.add(source, null)));
    expect(results.flatMap((r) => r.added).length).toBe(4);
    expect((await a.server!.list()).map((x) => x.title).sort()).toEqual(['Story four', 'Story one', 'Story three', 'Story two']);
    expect((await readdir(path.join(dir, A))).length).toBe(4);
  });
});

describe('/library', () => {
  const library = findCommand('library')!;
  const caller = (permissions: string | null, guildId: string | null = A): Caller => ({ guildId, userId: '1100000000000000004', permissions });
  const run = (engine: Engine, values: Record<string, string | boolean | null>, who: Caller) => runCommand(library, { engine, options: optionsOf(values), caller: who });

  it('adds only for members who may manage the server, checking the permissions the interaction carries', async () => {
    const a = servers.engineFor(A);
    const pasted = new Uint8Array(Buffer.from(`# Harbour bridge reopens\n\n${BRIDGE.text}\n`));
    const file = { url: 'file:///bridge.md', name: 'bridge.md', size: pasted.byteLength, contentType: null, bytes: pasted };
    const add = (who: Caller) => runCommand(library, { engine: a, options: { ...optionsOf({ subcommand: 'add' }), getAttachment: (name) => (name === 'file' ? file : null) }, caller: who });

    for (const who of [caller(SEND_MESSAGES), caller(null), caller('0')]) {
      const refused = await add(who);
      expect(refused).toEqual({ type: 'notice', hide: true, message: expect.stringMatching(/^Only members who may manage this server \(the Manage Server permission\)/) });
    }
    expect(await a.server!.list()).toEqual([]);
    const removal = await run(a, { subcommand: 'remove', article: 'Harbour' }, caller(SEND_MESSAGES));
    expect(removal.type).toBe('notice');

    const done = await add(caller(MANAGE_SERVER));
    expect(done.type).toBe('library');
    expect((done as Extract<Reply, { type: 'library' }>).result.added[0]?.article.title).toBe('Harbour bridge reopens');
    // Administrator implies every permission.
    expect((await run(a, { subcommand: 'remove', article: 'Harbour' }, caller(String(1 << 3)))).type).toBe('library');
  });

  it('opens the form for text, and adds what the form brings back, checking the permissions again', async () => {
    const a = servers.engineFor(A);
    const form = await run(a, { subcommand: 'add', text: true }, caller(ALL_PERMISSIONS));
    expect(form.type).toBe('library');
    expect(library.opensForm!(optionsOf({ subcommand: 'add', text: true }))).toBe(true);
    expect(library.opensForm!(optionsOf({ subcommand: 'add', url: 'https://news.example/a' }))).toBe(false);
    const modal = renderReply(form).modal!;
    expect(modal.custom_id).toBe('form;library;text');
    expect(modal.components.map((row) => (row as { components: { custom_id: string }[] }).components[0]!.custom_id)).toEqual(['title', 'date', 'text']);

    const refused = await submitForm(modal.custom_id, { title: BRIDGE.title, date: BRIDGE.date, text: BRIDGE.text }, { engine: a, caller: caller(SEND_MESSAGES) });
    expect(refused.reply.type).toBe('notice');
    const submitted = await submitForm(modal.custom_id, { title: BRIDGE.title, date: BRIDGE.date, text: BRIDGE.text }, { engine: a, caller: caller(MANAGE_SERVER) });
    expect(submitted.reply.type).toBe('library');
    expect((await a.whoSaid('proud of the crews')).answers[0]?.article.title).toBe(BRIDGE.title);
    expect((await submitForm('form;nothing;here', {}, { engine: a })).reply.type).toBe('notice');
  });

  it('is for servers: in a direct message it says so kindly', async () => {
    const dm = servers.engineFor(null);
    const asked: Record<string, string>[] = [{ subcommand: 'add', url: 'https://news.example/a' }, { subcommand: 'list' }, { subcommand: 'remove', article: 'x' }];
    for (const values of asked) {
      const reply = await run(dm, values, caller(ALL_PERMISSIONS, null));
      expect(reply).toMatchObject({ type: 'notice', hide: true });
    }
  });
});

describe('adding from a link', () => {
  let server: Server;
  let base: string;
  const page = () => readFile(path.join(PAGES_DIR, 'river-flood-warning.blog.html'));

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      if (request.url?.startsWith('/flood')) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await page());
      else if (request.url === '/moved') response.writeHead(301, { location: '/flood' }).end();
      else response.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://news.test:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** The test page server is reached as news.test on 127.0.0.1, allowed by the injected guard only. */
  const fetching = {
    guard: (address: string) => (address === '127.0.0.1' ? null : publicAddressesOnly(address)),
    resolve: async (host: string) => (host === 'news.test' ? [{ address: '127.0.0.1', family: 4 }] : []),
  };

  it('reads the page into an article answerable at once, and knows the same link again', async () => {
    const a = newLibraries({ fetch: fetching }).engineFor(A);
    const flood = await added(a, { kind: 'url', url: `${base}/flood?utm_source=chat#top` });
    expect(flood.article).toMatchObject({ title: 'Flood warning issued as the Vell river keeps rising', date: '2023-11-14', source: `${base}/flood?utm_source=chat` });
    expect(flood.author).toBe('Tom Aster');
    expect(flood.paragraphs).toBe(4);
    expect(flood.quotes[0]).toMatchObject({ speaker: 'Priya Nand', kind: 'direct' });
    expect((await a.whoSaid('move valuables upstairs')).answers[0]?.speakerName).toBe('Priya Nand');
    const again = await a.server!.add({ kind: 'url', url: `${base}/flood` }, null);
    expect(again).toEqual({ added: [], duplicates: [{ article: flood.article, reason: 'url' }] });
  });

  it('refuses the same page through the strict guard: the test server is on the loopback', async () => {
    const strict = newLibraries({ fetch: { resolve: fetching.resolve } }).engineFor(A);
    await expect(strict.server!.add({ kind: 'url', url: `${base}/flood` }, null)).rejects.toThrow('byline does not read news.test: it leads to this machine itself (a loopback address).');
  });
});
