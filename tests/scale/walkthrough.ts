/**
 * `npm run walkthrough`: what a new member sees, step by step, in a server on the loopback fake of Discord
 * (issue #11's closing walk-through; not part of `npm test`). The bot runs as `npm start` runs it — the real
 * discord.js client on the gateway, the real engine on the articles in data/, per-server libraries in a
 * temporary folder — and a news page is served from 127.0.0.1 (reached through the test-only allowance of
 * the address guard; every other address is judged as in production). Each step prints what the member
 * typed and byline's reply as Discord would show it (content, embed, buttons); the replies are checked for
 * Discord's limits and `allowed_mentions` on the way. It stops by itself.
 */
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBot } from '../../src/discord/bot.ts';
import { publicAddressesOnly } from '../../src/fetch/address.ts';
import { ServerLibraries } from '../../src/guild/libraries.ts';
import { loadLibrary } from '../../src/load/open.ts';
import { createLogger } from '../../src/log.ts';
import { PAGES_DIR } from '../fixtures/pages/make.ts';
import { FakeDiscord, messageBodyProblem, type RecordedRequest, type Sender } from '../e2e/fake-discord.ts';

const MODERATOR: Sender = { permissions: String(2248473465835073n | 32n) };
const MEMBER: Sender = { permissions: String(1 << 11) };

const pages = createServer(async (request, response) => {
  const file = /^\/news\/([\w.-]+\.html)$/.exec(request.url ?? '')?.[1];
  if (!file) return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await readFile(path.join(PAGES_DIR, file)));
});
pages.listen(0, '127.0.0.1');
await once(pages, 'listening');
const site = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/news`;
const dir = await mkdtemp(path.join(tmpdir(), 'byline-walkthrough-'));
const shared = await loadLibrary('data', { persist: false });
const servers = new ServerLibraries({
  dir,
  shared,
  logger: createLogger('silent'),
  fetch: { guard: (address) => (address === '127.0.0.1' ? null : publicAddressesOnly(address)) },
});
const fake = await FakeDiscord.start();
const bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine: shared, engines: (guildId) => servers.engineFor(guildId), logger: createLogger('silent') });

/** The message an interaction ends with (reply, modal, edit of a deferral, or follow-up), as sent. */
async function answer(id: string): Promise<any> {
  const request: RecordedRequest = await fake.waitForRequest(
    (r) => r.interactionId === id && ((r.path.endsWith('/callback') && [4, 7, 8, 9].includes(r.body?.type)) || (r.path.includes('/webhooks/') && (r.method === 'PATCH' || r.method === 'POST'))),
    20_000,
  );
  const type = request.path.endsWith('/callback') ? request.body.type : null;
  const data = type !== null ? request.body.data : request.body;
  if (type === 8) return { choices: data.choices };
  if (type === 9) return { modal: data };
  const problem = messageBodyProblem(data);
  if (problem) throw new Error(`reply breaks Discord's limits: ${problem}`);
  if (JSON.stringify(data.allowed_mentions) !== JSON.stringify({ parse: [] })) throw new Error('reply without allowed_mentions { parse: [] }');
  return data;
}

/** A reply as a member reads it. */
function shown(data: any): string {
  if (data.choices) return data.choices.map((choice: any) => `  ▸ ${choice.name}`).join('\n') || '  (no suggestions)';
  if (data.modal) return `  [a form: ${data.modal.title} — ${data.modal.components.map((row: any) => row.components[0].label).join(', ')}]`;
  const lines: string[] = [];
  if (data.flags === 64) lines.push('  (only you can see this)');
  if (data.content) lines.push(...String(data.content).split('\n').map((line) => `  ${line}`));
  for (const embed of data.embeds ?? []) {
    if (embed.title) lines.push(`  ┃ **${embed.title}**`);
    if (embed.description) lines.push(...String(embed.description).split('\n').map((line) => `  ┃ ${line}`));
    for (const field of embed.fields ?? []) lines.push(`  ┃ ${field.name}: ${String(field.value).replace(/\n/g, ' / ')}`);
    if (embed.footer?.text) lines.push(`  ┃ ${embed.footer.text}`);
  }
  const buttons = (data.components ?? []).flatMap((row: any) => row.components ?? []).map((button: any) => `[${button.label ?? button.emoji?.name ?? '?'}]`);
  if (buttons.length > 0) lines.push(`  ${buttons.join(' ')}`);
  return lines.join('\n');
}

async function step(typed: string, id: string): Promise<any> {
  const data = await answer(id);
  process.stdout.write(`\n> ${typed}\n${shown(data)}\n`);
  return data;
}

try {
  process.stdout.write(`byline walk-through on a fake Discord server (shared library: data/, ${(await shared.articles()).articles.length} article)\n`);
  await step('/who-said quote: diplomacy means also defense', fake.sendCommand('who-said', { quote: 'diplomacy means also defense' }));
  await step('/who-said quote: **tragic** war of choice <@123456789012345678>', fake.sendCommand('who-said', { quote: '**tragic** war of choice <@123456789012345678>' }));
  await step('/who-said quote: the moon is made of cheese', fake.sendCommand('who-said', { quote: 'the moon is made of cheese' }));
  await step('/what-happened topic: Ukraine Kuleba visit', fake.sendCommand('what-happened', { topic: 'Ukraine Kuleba visit' }));
  await step('/library add url: (a member without Manage Server)', fake.sendSubcommand('library', 'add', { url: `${site}/harbour-bridge.news-site.html` }, MEMBER));
  await step(`/library add url: ${site}/harbour-bridge.news-site.html`, fake.sendSubcommand('library', 'add', { url: `${site}/harbour-bridge.news-site.html` }, MODERATOR));
  await step('/library add url: http://169.254.169.254/latest/meta-data', fake.sendSubcommand('library', 'add', { url: 'http://169.254.169.254/latest/meta-data' }, MODERATOR));
  await step('/who-said quote: proud of the crews who worked two winters', fake.sendCommand('who-said', { quote: 'proud of the crews who worked two winters' }));
  await step('/who-said quote: (autocomplete while typing "proud of the cr")', fake.sendAutocomplete('who-said', { quote: 'proud of the cr' }, 'quote'));
  await step('/what-happened topic: harbour bridge', fake.sendCommand('what-happened', { topic: 'harbour bridge' }));
  await step('/articles', fake.sendCommand('articles'));
  await step('Apps ▸ Who said this? (on "> diplomacy means also defense")', fake.sendMessageMenu('Who said this?', { content: 'Did anyone see this?\n> diplomacy means also defense' }));
  await step('/who-said quote: proud of the crews (in another server)', fake.sendCommand('who-said', { quote: 'proud of the crews who worked two winters' }, 0, fake.otherGuildId));
  await step('/library list', fake.sendSubcommand('library', 'list', {}, MODERATOR));
  await step('/library remove article: (autocomplete "Harb")', fake.sendAutocompleteAs('library', { article: 'Harb' }, 'article', MODERATOR, 'remove'));
  await step('/library remove article: Harbour bridge reopens…', fake.sendSubcommand('library', 'remove', { article: 'Harbour bridge' }, MODERATOR));
  await step('/who-said quote: proud of the crews who worked two winters', fake.sendCommand('who-said', { quote: 'proud of the crews who worked two winters' }));
} finally {
  await bot.stop();
  await servers.close();
  await fake.close();
  pages.closeAllConnections();
  await new Promise((resolve) => pages.close(resolve));
  await rm(dir, { recursive: true, force: true });
}
