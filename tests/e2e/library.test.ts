/**
 * End to end (issue #11), over both transports: the real discord.js client on the gateway of the loopback
 * fake of Discord, and the HTTP interactions endpoint the fake posts signed interactions to; the real
 * engine with per-server libraries. Articles added in a server — from a link (a page served from 127.0.0.1, reached
 * through an address guard injected for the test: nothing else allows the loopback), an attachment (the
 * fake serves it as Discord's CDN), the text form (a modal), a message's "Add article to byline" — are
 * answered there at once, and never in a second server nor in a direct message. Members without Manage
 * Server are refused kindly, only to them.
 */
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/bot.ts';
import { publicAddressesOnly } from '../../src/fetch/address.ts';
import { ServerLibraries } from '../../src/guild/libraries.ts';
import { loadLibrary } from '../../src/load/open.ts';
import { createLogger } from '../../src/log.ts';
import { PAGES_DIR } from '../fixtures/pages/make.ts';
import { mountEndpoint } from './endpoint.ts';
import { FakeDiscord, messageBodyProblem, type RecordedRequest } from './fake-discord.ts';

const EPHEMERAL = 64;
const OTHER_SERVER = '1100000000000000777';
const MANAGE_SERVER = String(1 << 5);
const SEND_MESSAGES = String(1 << 11);
/** A moderator: the fake's usual member permissions and Manage Server. */
const MODERATOR = { permissions: String(2248473465835073n | 32n) };

describe.each(['gateway', 'http'] as const)('server libraries on a fake Discord, over the %s', (transport) => {
  let fake: FakeDiscord;
  /** Stops what answers the fake (the bot, or the endpoint and its server). */
  let stop: () => Promise<void>;
  let pages: Server;
  let site: string;
  let dir: string;
  let servers: ServerLibraries;

  beforeAll(async () => {
    pages = createServer(async (request, response) => {
      const file = /^\/news\/([\w.-]+\.html)$/.exec(request.url ?? '')?.[1];
      if (!file) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await readFile(path.join(PAGES_DIR, file)));
    });
    pages.listen(0, '127.0.0.1');
    await once(pages, 'listening');
    site = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/news`;
    dir = await mkdtemp(path.join(tmpdir(), 'byline-e2e-servers-'));
    const shared = await loadLibrary('data', { persist: false });
    servers = new ServerLibraries({
      dir,
      shared,
      logger: createLogger('silent'),
      // The test-only allowance: the page server and the fake's CDN are on 127.0.0.1; every other address is judged as in production.
      fetch: { guard: (address) => (address === '127.0.0.1' ? null : publicAddressesOnly(address)) },
    });
    fake = await FakeDiscord.start();
    const engines = (guildId: string | null) => servers.engineFor(guildId);
    if (transport === 'gateway') {
      const bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine: shared, engines, logger: createLogger('silent') });
      stop = () => bot.stop();
    } else {
      const mounted = await mountEndpoint(fake, { engine: shared, engines, logger: createLogger('silent') });
      stop = () => mounted.stop();
    }
  });

  afterAll(async () => {
    await stop?.();
    await servers?.close();
    await fake?.close();
    pages?.closeAllConnections();
    await new Promise((resolve) => pages?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  /** The answer an interaction ends with: its reply, modal, edit of the deferral or follow-up (as sent). */
  async function answer(id: string): Promise<{ request: RecordedRequest; data: any }> {
    const request = await fake.waitForRequest(
      (r) =>
        r.interactionId === id &&
        ((r.path.endsWith('/callback') && [4, 7, 9].includes(r.body?.type)) || (r.path.includes('/webhooks/') && (r.method === 'PATCH' || r.method === 'POST'))),
      15_000,
    );
    expect(request.status).toBeLessThan(300);
    const data = request.path.endsWith('/callback') ? request.body.data : request.body;
    if (request.body?.type !== 9) {
      expect(messageBodyProblem(data)).toBeNull();
      expect(data.allowed_mentions).toEqual({ parse: [] });
    }
    return { request, data };
  }
  const text = (data: any) => JSON.stringify([data.content ?? '', data.embeds ?? []]);

  it('adds a page from a link, says what it understood, and answers about it at once in that server', async () => {
    const { data } = await answer(fake.sendSubcommand('library', 'add', { url: `${site}/harbour-bridge.news-site.html` }, MODERATOR));
    const embed = data.embeds[0];
    expect(embed.title).toBe('Added to this server’s library');
    expect(embed.description).toContain('Harbour bridge reopens after two years of repairs');
    expect(embed.description).toContain('2 May 2024');
    expect(embed.description).toContain('by Lena Ortiz · 5 paragraphs');
    expect(embed.description).toContain('“We are proud of the crews who worked through two winters to get this done” — Mayor Ana Ruiz · ¶2');
    const { data: said } = await answer(fake.sendCommand('who-said', { quote: 'proud of the crews through two winters' }));
    expect(text(said)).toContain('Mayor Ana Ruiz');
  });

  it('adds an attachment the fake serves as Discord’s CDN', async () => {
    const file = fake.addFile('museum.md', `---\ntitle: Gold coins stolen from town museum\ndate: 2021-12-02\n---\n“These coins belong to everyone in Harwick, and we want them back,” museum director Felix Braun said.\n`, 'text/markdown; charset=utf-8');
    const { data } = await answer(fake.sendSubcommand('library', 'add', {}, { ...MODERATOR, attachments: { file } }));
    expect(fake.fileRequests).toContain(new URL(file.url).pathname);
    expect(data.embeds[0].description).toContain('Gold coins stolen from town museum');
    expect(data.embeds[0].description).toContain('museum director Felix Braun');
    const binary = fake.addFile('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]), 'text/plain');
    const { data: refused } = await answer(fake.sendSubcommand('library', 'add', {}, { ...MODERATOR, attachments: { file: binary } }));
    expect(refused.flags).toBe(EPHEMERAL);
    expect(refused.content).toContain('photo.txt is not a text file');
  });

  it('opens the form for text at once, and adds what the member submits', async () => {
    const opened = fake.sendSubcommand('library', 'add', { text: true }, MODERATOR);
    const { request, data: modal } = await answer(opened);
    expect(request.body.type).toBe(9);
    expect(fake.callsFor(opened)).toHaveLength(1);
    expect(modal.custom_id).toBe('form;library;text');
    const submitted = fake.submitModal(
      fake.modalOf(opened),
      {
        title: 'Zoo celebrates its first panda cub',
        date: '2023-08-05',
        text: 'A giant panda cub was born at the Ashford zoo on Thursday night.\n\n“We have waited six years for this, and the whole team was in tears,” head keeper Rosa Delgado said.',
      },
      MODERATOR,
    );
    const { data } = await answer(submitted);
    expect(data.embeds[0].description).toContain('Zoo celebrates its first panda cub');
    expect(data.embeds[0].description).toContain('“We have waited six years for this, and the whole team was in tears” — head keeper Rosa Delgado · ¶2');
    const { data: said } = await answer(fake.sendCommand('who-said', { quote: 'waited six years whole team in tears' }));
    expect(text(said)).toContain('Rosa Delgado');
  });

  it('answers “Who said this?” on a message’s quoted part, and “Add article to byline” adds its links', async () => {
    const { data: said } = await answer(
      fake.sendMessageMenu('Who said this?', { content: 'Did anyone see this?\n> diplomacy means also defense\nwild' }),
    );
    expect(text(said)).toContain('Dmytro Kuleba');
    const { data: added } = await answer(
      fake.sendMessageMenu('Add article to byline', { content: `Big news today: <${site}/marathon-record.blog.html> what a run` }, MODERATOR),
    );
    expect(added.embeds[0].description).toContain('Local runner breaks the city marathon record');
    const { data: noLink } = await answer(fake.sendMessageMenu('Add article to byline', { content: 'no link here' }, MODERATOR));
    expect(noLink).toMatchObject({ flags: EPHEMERAL, content: 'That message has no link (http or https) to add.' });
  });

  it('refuses members without Manage Server, kindly and only to them, for the command, the form and the menu', async () => {
    const member = { permissions: SEND_MESSAGES };
    const refusal = /^Only members who may manage this server \(the Manage Server permission\) can change its library/;
    const viaCommand = await answer(fake.sendSubcommand('library', 'add', { url: `${site}/factory-closure.news-site.html` }, member));
    expect(viaCommand.data.flags).toBe(EPHEMERAL);
    expect(viaCommand.data.content).toMatch(refusal);
    // The form is not even shown.
    const viaForm = await answer(fake.sendSubcommand('library', 'add', {}, member));
    expect(viaForm.request.body.type).toBe(4);
    expect(viaForm.data.content).toMatch(refusal);
    // A form submitted by a member whose permission was taken away meanwhile is refused too.
    const opened = fake.sendSubcommand('library', 'add', { text: true }, { permissions: MANAGE_SERVER });
    await answer(opened);
    const submitted = await answer(fake.submitModal(fake.modalOf(opened), { title: 'T', date: '', text: 'Some words said by nobody.' }, member));
    expect(submitted.data.content).toMatch(refusal);
    const viaMenu = await answer(fake.sendMessageMenu('Add article to byline', { content: `${site}/factory-closure.news-site.html` }, member));
    expect(viaMenu.data.content).toMatch(refusal);
    const viaRemove = await answer(fake.sendSubcommand('library', 'remove', { article: 'Harbour' }, member));
    expect(viaRemove.data.content).toMatch(refusal);
    const { data: listed } = await answer(fake.sendSubcommand('library', 'list', {}, MODERATOR));
    expect(text(listed)).not.toContain('Textile factory');
  });

  it('keeps a server’s articles out of a second server’s and direct messages’ answers and autocomplete', async () => {
    const ours = ['Harbour bridge', 'Ana Ruiz', 'Gold coins', 'Felix Braun', 'panda', 'Rosa Delgado', 'marathon', 'Amira Salem'];
    /** The marks of the first server's articles found in an answer, except what the question itself typed (a notice may echo it). */
    const leaks = (data: unknown, typed: object = {}) =>
      ours.filter((mark) => JSON.stringify(data).includes(mark) && !Object.values(typed).some((value) => String(value).includes(mark)));
    // In the first server they are there (the check below would pass vacuously otherwise).
    const { data: home } = await answer(fake.sendCommand('articles', {}));
    expect(leaks(home).length).toBeGreaterThanOrEqual(4);
    for (const sender of [{ guildId: OTHER_SERVER }, { guildId: null }]) {
      for (const [command, options] of [
        ['who-said', { quote: 'proud of the crews through two winters' }],
        ['who-said', { quote: 'waited six years whole team in tears' }],
        ['what-happened', { topic: 'harbour bridge repairs' }],
        ['what-happened', {}],
        ['quotes', {}],
        ['quotes', { speaker: 'Rosa Delgado' }],
        ['who-is', { person: 'Ana Ruiz' }],
        ['articles', {}],
      ] as const) {
        const { data } = await answer(fake.sendCommandAs(command, options, sender));
        expect(leaks(data, options), `${command} ${JSON.stringify(options)} ${sender.guildId}`).toEqual([]);
      }
      for (const [command, option, typed] of [
        ['who-said', 'quote', 'proud'],
        ['who-said', 'article', ''],
        ['what-happened', 'topic', 'Harb'],
        ['quotes', 'speaker', 'Ruiz'],
        ['who-is', 'person', 'Delgado'],
      ] as const) {
        const id = fake.sendAutocompleteAs(command, { [option]: typed }, option, sender);
        const [sent] = await fake.waitForCalls(id, 1);
        expect(sent?.body.type).toBe(8);
        expect(leaks(sent?.body.data.choices), `${command} ${option} ${typed}`).toEqual([]);
      }
    }
    // The second server's /library list is empty; removal autocomplete offers the first server's articles in the first server only.
    const { data: otherList } = await answer(fake.sendSubcommand('library', 'list', {}, { ...MODERATOR, guildId: OTHER_SERVER }));
    expect(otherList.embeds[0].description).toMatch(/^No article has been added in this server yet/);
    const [here] = await fake.waitForCalls(fake.sendAutocompleteAs('library', { article: '' }, 'article', MODERATOR, 'remove'), 1);
    expect(here?.body.data.choices.length).toBeGreaterThanOrEqual(4);
    const [there] = await fake.waitForCalls(fake.sendAutocompleteAs('library', { article: '' }, 'article', { guildId: OTHER_SERVER }, 'remove'), 1);
    expect(there?.body.data.choices).toEqual([]);
  });
});
