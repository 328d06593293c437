/**
 * End to end: the HTTP interactions endpoint, mounted on the service port as `npm start` mounts it, against
 * the loopback fake of Discord, which POSTs interactions to it signed with a generated Ed25519 key pair and
 * serves the webhook routes the deferred answers are edited through. The engine is a stub each test sets.
 */
import { Writable } from 'node:stream';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Choice, Passage, SuggestOption } from '../../src/answers.ts';
import type { Scope } from '../../src/engine.ts';
import { UNKNOWN_COMPONENT_MESSAGE } from '../../src/discord/answering.ts';
import type { ComponentContext, ComponentRoute } from '../../src/discord/components.ts';
import { createInteractionsEndpoint, MAX_BODY_BYTES, TOO_LATE_S, type InteractionsEndpoint } from '../../src/discord/http/endpoint.ts';
import { SIGNATURE_MAX_AGE_S } from '../../src/discord/http/verify.ts';
import { FAILURE_MESSAGE } from '../../src/discord/render.ts';
import { createLogger } from '../../src/log.ts';
import { createMetrics } from '../../src/service/metrics.ts';
import { startServiceServer, type ServiceServer } from '../../src/service/http.ts';
import { Library } from '../../src/library.ts';
import { logLines, mountEndpoint } from './endpoint.ts';
import { FakeDiscord, generateInteractionKeys, messageBodyProblem, signatureHeaders, type FakeMessage, type RecordedRequest } from './fake-discord.ts';
import {
  AUTOCOMPLETE_RESULT,
  CHANNEL_MESSAGE,
  DEFERRED_CHANNEL_MESSAGE,
  DEFERRED_UPDATE_MESSAGE,
  EPHEMERAL,
  PONG,
  StubEngine,
  UPDATE_MESSAGE,
  article,
  found,
  sleep,
} from './stub-engine.ts';

describe('the HTTP interactions endpoint on a fake Discord', () => {
  const keys = generateInteractionKeys();
  const engine = new StubEngine();
  const logs: any[] = [];
  let fake: FakeDiscord;
  let endpoint: InteractionsEndpoint;
  let service: ServiceServer;
  let url: string;
  /** What the test's component route was asked, and how it answers. */
  const pressed: ComponentContext[] = [];
  let pageAnswer: (context: ComponentContext) => Promise<any> = async () => {
    throw new Error('not stubbed');
  };
  const pages: ComponentRoute = { name: 'page', handle: (context) => (pressed.push(context), pageAnswer(context)) };

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    ({ endpoint, service, url } = await mountEndpoint(
      fake,
      { engine, logger: createLogger('debug', logLines(logs)), components: (customId) => (customId.startsWith('page:') ? pages : undefined) },
      keys,
    ));
  });

  afterAll(async () => {
    await endpoint?.stop();
    await service?.close();
    await fake?.close();
  });

  beforeEach(() => {
    engine.reset();
    pressed.length = 0;
  });

  async function logLine(match: (entry: any) => boolean): Promise<any> {
    for (let waited = 0; waited < 2000; waited += 20) {
      const line = logs.find(match);
      if (line) return line;
      await sleep(20);
    }
    return undefined;
  }

  /** The endpoint's response to an interaction (recorded by the fake as its callback), once it has come. */
  async function callback(id: string): Promise<RecordedRequest> {
    const [first] = await fake.waitForCalls(id, 1);
    expect(first?.path).toMatch(/\/callback$/);
    return first!;
  }

  /** A slash command's payload as Discord posts it. */
  function commandBody(id = '1100000000000009999'): string {
    return JSON.stringify({
      id,
      application_id: fake.applicationId,
      type: 2,
      token: `interaction-token-${id}`,
      version: 1,
      guild_id: fake.guildId,
      data: { id: '1100000000000000050', name: 'who-said', type: 1, options: [{ name: 'quote', type: 3, value: 'allies' }] },
    });
  }

  const post = (body: string | Buffer, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers a PING with a PONG', async () => {
    const pong = await fake.ping();
    expect(pong).toEqual({ status: 200, body: { type: PONG } });
  });

  it('answers /who-said in the HTTP response, mentions off, without a gateway or a bot token', async () => {
    const queries: string[] = [];
    engine.whoSaidAnswer = async (query) => {
      queries.push(query);
      return found(query);
    };
    const id = fake.sendCommand('who-said', { quote: 'keep working with allies' });
    const sent = await callback(id);
    expect(queries).toEqual(['keep working with allies']);
    expect(sent.endpointStatus).toBe(200);
    expect(sent.status).toBe(204);
    expect(sent.msAfterInteraction).toBeLessThan(3000);
    expect(sent.body.type).toBe(CHANNEL_MESSAGE);
    expect((sent.body.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(sent.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(messageBodyProblem(sent.body.data)).toBeNull();
    const [embed] = sent.body.data.embeds;
    expect(embed.description).toContain('> “We will keep working with our allies”');
    expect(embed.description).toContain('[Blinken–Lavrov meeting in doubt](https://example.org/a1) · 23 Feb 2022 · ¶6');
    const line = await logLine((entry) => entry.interactionId === id && entry.msg === 'answered');
    expect(line).toMatchObject({ command: 'who-said', guildId: fake.guildId, transport: 'http', deferred: false });
    expect(typeof line.ms).toBe('number');
    // Nothing went to the gateway, and nothing carried a bot token.
    expect(fake.gatewayQueries).toEqual([]);
    expect(fake.requests.some((request) => request.authorized || request.path.startsWith('/gateway'))).toBe(false);
  });

  it('passes the article option to the engine and hides the answer when asked (flags 64)', async () => {
    const scopes: (Scope | undefined)[] = [];
    engine.whoSaidAnswer = async (query, scope) => {
      scopes.push(scope);
      return found(query);
    };
    const sent = await callback(fake.sendCommand('who-said', { quote: 'allies', article: 'a1', hide: true }));
    expect(scopes).toEqual([{ article: 'a1' }]);
    expect(sent.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('echoes a query with @everyone and ** harmlessly', async () => {
    engine.whoSaidAnswer = async (query) => ({ query, answers: [], suggestions: [], ms: 1 });
    const sent = await callback(fake.sendCommand('who-said', { quote: '@everyone **look** <@1100000000000000004>' }));
    expect(sent.status).toBe(204);
    expect(JSON.stringify(sent.body)).not.toMatch(/@everyone|<@\d/);
    expect(sent.body.data.embeds[0].description).toContain('“@\u200beveryone \\*\\*look\\*\\* <\u200b@1100000000000000004>”');
    expect(sent.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers /what-happened with 40 passages within every limit', async () => {
    const passages: Passage[] = Array.from({ length: 40 }, (_, i) => ({
      text: `In paragraph ${i + 1} the talks about sanctions went on for hours and hours, officials said. `.repeat(3),
      article,
      paragraph: i + 1,
      score: 1,
      dates: [],
    }));
    engine.whatHappenedAnswer = async (topic) => ({ query: topic, passages, timeline: [], ms: 2 });
    const sent = await callback(fake.sendCommand('what-happened', { topic: 'sanctions' }));
    expect(sent.status).toBe(204);
    expect(messageBodyProblem(sent.body.data)).toBeNull();
    expect(sent.body.data.embeds[0].description).toMatch(/…and \d+ more passages$/);
  });

  describe('refuses what Discord did not sign, with 401, and runs nothing', () => {
    const other = generateInteractionKeys();
    let asked = 0;
    beforeEach(() => {
      asked = 0;
      engine.whoSaidAnswer = async (query) => {
        asked++;
        return found(query);
      };
    });

    /** Sends a request and checks it was refused with 401 and that no command ran and no webhook was called. */
    async function refused(body: string, headers: Record<string, string>) {
      const before = fake.requests.length;
      const response = await post(body, headers);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('type');
      await sleep(50);
      expect(asked).toBe(0);
      expect(fake.requests.length).toBe(before);
    }

    it('answers a correctly signed request (so the refusals below are about the signature)', async () => {
      const response = await post(commandBody(), signatureHeaders(keys.privateKey, commandBody()));
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).type).toBe(CHANNEL_MESSAGE);
      expect(asked).toBe(1);
    });

    it('missing headers', async () => {
      const body = commandBody();
      const { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } = signatureHeaders(keys.privateKey, body);
      await refused(body, {});
      await refused(body, { 'x-signature-timestamp': timestamp! });
      await refused(body, { 'x-signature-ed25519': signature! });
    });

    it('a bad or malformed signature', async () => {
      const body = commandBody();
      const headers = signatureHeaders(keys.privateKey, body);
      const flipped = headers['x-signature-ed25519']!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      await refused(body, { ...headers, 'x-signature-ed25519': flipped });
      await refused(body, { ...headers, 'x-signature-ed25519': '00'.repeat(64) });
      await refused(body, { ...headers, 'x-signature-ed25519': 'zz'.repeat(64) });
      await refused(body, { ...headers, 'x-signature-ed25519': headers['x-signature-ed25519']!.slice(0, 64) });
      await refused(body, { ...headers, 'x-signature-ed25519': '' });
    });

    it('a signature made with another key', async () => {
      const body = commandBody();
      await refused(body, signatureHeaders(other.privateKey, body));
    });

    it('a tampered body or timestamp', async () => {
      const body = commandBody();
      const headers = signatureHeaders(keys.privateKey, body);
      await refused(body.replace('allies', 'allied'), headers);
      await refused(`${body} `, headers);
      await refused(body, { ...headers, 'x-signature-timestamp': String(Number(headers['x-signature-timestamp']) + 1) });
    });

    it(`a stale or future timestamp (more than ${SIGNATURE_MAX_AGE_S} s away), even correctly signed`, async () => {
      const body = commandBody();
      const now = Math.floor(Date.now() / 1000);
      await refused(body, signatureHeaders(keys.privateKey, body, now - SIGNATURE_MAX_AGE_S - 5));
      await refused(body, signatureHeaders(keys.privateKey, body, now + SIGNATURE_MAX_AGE_S + 5));
      await refused(body, signatureHeaders(keys.privateKey, body, 0));
      // Inside the window the signature is accepted: 30 s late is not a 401 (only too late to run), 5 s is answered.
      expect((await post(body, signatureHeaders(keys.privateKey, body, now - 30))).status).toBe(408);
      const response = await post(body, signatureHeaders(keys.privateKey, body, now - 5));
      expect(response.status).toBe(200);
      expect(asked).toBe(1);
    });
  });

  describe('the request itself', () => {
    it('only POST: other methods are 405', async () => {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const response = await fetch(url, { method });
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('POST');
      }
    });

    it(`refuses a body over ${MAX_BODY_BYTES / 1024} KiB with 413, declared or streamed, before checking anything`, async () => {
      let asked = 0;
      engine.whoSaidAnswer = async (query) => {
        asked++;
        return found(query);
      };
      const big = commandBody().replace('allies', 'a'.repeat(MAX_BODY_BYTES));
      expect((await post(big, signatureHeaders(keys.privateKey, big))).status).toBe(413);
      // Sent in chunks without a length: cut off once it is too long.
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signatureHeaders(keys.privateKey, big) } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        for (let at = 0; at < big.length; at += 16 * 1024) request.write(big.slice(at, at + 16 * 1024));
        request.end();
      });
      expect(status).toBe(413);
      expect(asked).toBe(0);
      // Just under the limit is read (and then refused for its signature, not its size).
      expect((await post('x'.repeat(MAX_BODY_BYTES - 1), {})).status).toBe(401);
    });

    it('answers a signed body that is not an interaction with 400, and keeps answering', async () => {
      for (const body of ['{not json', '[]', '{"type":"2"}', JSON.stringify({ type: 2, id: '1', application_id: '2' }), JSON.stringify({ type: 99, id: '1', application_id: '2', token: 't' })]) {
        const response = await post(body, signatureHeaders(keys.privateKey, body));
        expect(response.status).toBe(400);
      }
      const options = JSON.parse(commandBody());
      options.data.options = 'not a list';
      const weird = JSON.stringify(options);
      expect((await post(weird, signatureHeaders(keys.privateKey, weird))).status).toBe(400);
      engine.whoSaidAnswer = async (query) => found(query);
      expect((await callback(fake.sendCommand('who-said', { quote: 'allies' }))).status).toBe(204);
    });

    it('still serves /healthz and /metrics on the same port', async () => {
      const base = url.replace('/interactions', '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/metrics`)).status).toBe(200);
      expect((await fetch(`${base}/interactions/other`, { method: 'POST' })).status).toBe(404);
    });
  });

  it('answers autocomplete inline with at most 25 choices of at most 100 characters', async () => {
    const asked: [SuggestOption, string][] = [];
    engine.suggestAnswer = async (option, typed) => {
      asked.push([option, typed]);
      return Array.from({ length: 40 }, (_, i) => ({ name: `Choice ${i} ${'with many words '.repeat(10)}`, value: `q${i}` }));
    };
    const id = fake.sendAutocomplete('who-said', { quote: 'we will ke' }, 'quote');
    const sent = await callback(id);
    expect(asked).toEqual([['quote', 'we will ke']]);
    expect(sent.status).toBe(204);
    expect(sent.body.type).toBe(AUTOCOMPLETE_RESULT);
    expect(sent.body.data.choices).toHaveLength(25);
    for (const choice of sent.body.data.choices as Choice[]) expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(sent.body.data.choices[0].value).toBe('q0');
    expect(await logLine((entry) => entry.interactionId === id && entry.msg === 'autocomplete answered')).toMatchObject({ command: 'who-said', choices: 25 });
  });

  it('answers autocomplete empty, in time, when the engine is too slow', async () => {
    engine.suggestAnswer = async () => {
      await sleep(3500);
      return [{ name: 'too late', value: 'x' }];
    };
    const sent = await callback(fake.sendAutocomplete('what-happened', { topic: 'sanc' }, 'topic'));
    expect(sent.status).toBe(204);
    expect(sent.msAfterInteraction).toBeLessThan(3000);
    expect(sent.body.data.choices).toEqual([]);
  });

  it('defers a slow answer (type 5) in the HTTP response and then edits the original message through the webhook', async () => {
    engine.whoSaidAnswer = async (query) => {
      await sleep(2000);
      return found(query);
    };
    const id = fake.sendCommand('who-said', { quote: 'allies', hide: true });
    const [deferral, edit] = await fake.waitForCalls(id, 2, 8000);
    expect(deferral?.endpointStatus).toBe(200);
    expect(deferral?.body.type).toBe(DEFERRED_CHANNEL_MESSAGE);
    expect(deferral?.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(deferral?.status).toBe(204);
    expect(deferral?.msAfterInteraction).toBeLessThan(3000);
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toBe(`/webhooks/${fake.applicationId}/interaction-token-${id}/messages/@original`);
    expect(edit?.authorized).toBe(false);
    expect(edit?.status).toBe(200);
    expect(edit?.body.embeds[0].description).toContain('We will keep working with our allies');
    expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
    expect(await logLine((entry) => entry.interactionId === id && entry.msg === 'answered')).toMatchObject({ deferred: true });
  });

  it('answers an engine error with a kind ephemeral message, logs it, and stays up', async () => {
    engine.whoSaidAnswer = async () => {
      throw new Error('index exploded');
    };
    const id = fake.sendCommand('who-said', { quote: 'allies' });
    const sent = await callback(id);
    expect(sent.body.type).toBe(CHANNEL_MESSAGE);
    expect(sent.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(sent.body.data.content).toBe(FAILURE_MESSAGE);
    expect(JSON.stringify(sent.body)).not.toContain('exploded');
    expect(await logLine((entry) => entry.interactionId === id && entry.level === 50)).toMatchObject({ command: 'who-said', err: { message: 'index exploded' } });
    engine.whoSaidAnswer = async (query) => found(query);
    expect((await callback(fake.sendCommand('who-said', { quote: 'allies' }))).body.type).toBe(CHANNEL_MESSAGE);
  });

  it('replaces a public deferral by an ephemeral follow-up through the webhook when a slow command fails', async () => {
    engine.whoSaidAnswer = async () => {
      await sleep(1800);
      throw new Error('slow failure');
    };
    const id = fake.sendCommand('who-said', { quote: 'allies' });
    const calls = await fake.waitForCalls(id, 3, 8000);
    expect(calls.map((call) => `${call.method} ${call.status}`)).toEqual(['POST 204', 'DELETE 204', 'POST 200']);
    expect(calls[0]?.body.type).toBe(DEFERRED_CHANNEL_MESSAGE);
    expect(calls[2]?.path).toBe(`/webhooks/${fake.applicationId}/interaction-token-${id}`);
    expect(calls[2]?.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(calls[2]?.body.content).toBe(FAILURE_MESSAGE);
  });

  it('logs an interaction that Discord gave up on at warn, without crashing, and keeps answering', async () => {
    engine.whoSaidAnswer = async (query) => {
      await sleep(100);
      return found(query);
    };
    const id = fake.sendCommand('who-said', { quote: 'allies' }, 2990);
    const sent = await callback(id);
    expect(sent.endpointStatus).toBe(0);
    expect(sent.status).toBe(404);
    // Either byline found the request closed before it began, or its answer found it closed.
    const warning = await logLine((entry) => entry.interactionId === id && entry.level === 40);
    expect(['interaction arrived after Discord stopped waiting: not answered', 'interaction could not be answered any more']).toContain(warning?.msg);
    expect(logs.some((entry) => entry.interactionId === id && entry.level >= 50)).toBe(false);
    expect((await callback(fake.sendCommand('who-said', { quote: 'allies' }))).status).toBe(204);
  });

  it(`runs nothing for an interaction signed ${TOO_LATE_S} s ago or more: Discord no longer waits for it`, async () => {
    let asked = 0;
    engine.whoSaidAnswer = async (query) => {
      asked++;
      return found(query);
    };
    const id = '1100000000000008888';
    const body = commandBody(id);
    const response = await post(body, signatureHeaders(keys.privateKey, body, Math.floor(Date.now() / 1000) - TOO_LATE_S - 2));
    expect(response.status).toBe(408);
    expect(asked).toBe(0);
    expect(await logLine((entry) => entry.interactionId === id)).toMatchObject({ level: 40, command: 'who-said', msg: 'interaction arrived after Discord stopped waiting: not answered' });
    // A few seconds late is still answered: clocks may differ by that much.
    const recent = commandBody('1100000000000008889');
    expect((await post(recent, signatureHeaders(keys.privateKey, recent, Math.floor(Date.now() / 1000) - 4))).status).toBe(200);
    expect(asked).toBe(1);
  });

  describe('components, through the one routing place', () => {
    it('a button replaces the message it is on (type 7) with its route’s answer', async () => {
      pageAnswer = async () => ({ type: 'who-said', result: found('allies'), hide: false });
      const id = fake.sendButton('page:who-said:2');
      const sent = await callback(id);
      expect(pressed.map((context) => context.customId)).toEqual(['page:who-said:2']);
      expect(sent.status).toBe(204);
      expect(sent.body.type).toBe(UPDATE_MESSAGE);
      expect(sent.body.data.flags).toBeUndefined();
      expect(sent.body.data.allowed_mentions).toEqual({ parse: [] });
      expect(sent.body.data.embeds[0].description).toContain('We will keep working with our allies');
      expect(await logLine((entry) => entry.interactionId === id && entry.msg === 'answered')).toMatchObject({ command: 'page' });
    });

    it('a slow button is acknowledged (type 6), then its message edited through the webhook', async () => {
      pageAnswer = async () => {
        await sleep(1800);
        return { type: 'who-said', result: found('allies'), hide: false };
      };
      const id = fake.sendButton('page:who-said:3');
      const [deferral, edit] = await fake.waitForCalls(id, 2, 8000);
      expect(deferral?.body).toEqual({ type: DEFERRED_UPDATE_MESSAGE });
      expect(deferral?.status).toBe(204);
      expect(edit?.method).toBe('PATCH');
      expect(edit?.path).toBe(`/webhooks/${fake.applicationId}/interaction-token-${id}/messages/@original`);
      expect(edit?.body.embeds[0].description).toContain('We will keep working with our allies');
    });

    it('a button byline no longer knows gets a kind ephemeral message', async () => {
      const sent = await callback(fake.sendButton('something-old'));
      expect(pressed).toEqual([]);
      expect(sent.body.type).toBe(CHANNEL_MESSAGE);
      expect(sent.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(sent.body.data.content).toBe(UNKNOWN_COMPONENT_MESSAGE);
    });
  });

  it('never logs a token', () => {
    const text = JSON.stringify(logs);
    expect(logs.length).toBeGreaterThan(10);
    expect(text).not.toContain('interaction-token-');
  });
});

describe('stopping the HTTP endpoint', () => {
  it('answers what is in flight, edits included, and refuses what comes after with 503', async () => {
    const keys = generateInteractionKeys();
    const fake = await FakeDiscord.start();
    const engine = new StubEngine();
    engine.whoSaidAnswer = async (query) => {
      await sleep(query === 'slow' ? 1700 : 300);
      return found(query);
    };
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const { endpoint, service } = await mountEndpoint(fake, { engine, logger: createLogger('debug', silent) });
    try {
      const quick = fake.sendCommand('who-said', { quote: 'quick' });
      const slow = fake.sendCommand('who-said', { quote: 'slow' });
      await sleep(100);
      const stopped = endpoint.stop();
      expect(endpoint.stop()).toBe(stopped);
      expect(endpoint.accepting()).toBe(false);
      expect((await fetch(`http://127.0.0.1:${service.port}/healthz`)).status).toBe(503);
      const late = fake.sendCommand('who-said', { quote: 'after the stop' });
      await stopped;
      expect(fake.callsFor(quick).map((call) => call.body?.type)).toEqual([CHANNEL_MESSAGE]);
      expect(fake.callsFor(slow).map((call) => `${call.method} ${call.status}`)).toEqual(['POST 204', 'PATCH 200']);
      const [refused] = await fake.waitForCalls(late, 1);
      expect(refused?.endpointStatus).toBe(503);
    } finally {
      await service.close();
      await fake.close();
    }
  });
});

describe('page buttons over HTTP, on the real library', () => {
  it('pages /quotes through the real buttons, and any endpoint process can turn the page (no state kept)', async () => {
    const paragraphs = ['Mayor Jane Smith spoke to reporters in the town hall on Monday.'];
    for (let i = 1; i <= 72; i++) paragraphs.push(`“The plan number ${i} will be ready before the winter,” Smith said.`);
    const texts = [{ id: 'town-hall', title: 'Mayor answers questions', date: '2024-03-04', source: null, file: 'town-hall.txt', paragraphs }];
    const keys = generateInteractionKeys();
    const fake = await FakeDiscord.start();
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    // Two endpoint processes' worth: each its own library and server, as behind a load balancer.
    const started = await Promise.all(
      [0, 1].map(async () => {
        const endpoint = createInteractionsEndpoint({ publicKey: keys.publicKeyHex, apiUrl: fake.apiUrl, engine: await Library.fromTexts(texts), logger: createLogger('silent', silent) });
        const service = await startServiceServer({ port: 0, host: '127.0.0.1', ready: () => true, registry: createMetrics(() => ({ articles: 1, quotes: 72 })).registry, routes: { '/interactions': endpoint.handle } });
        return { endpoint, service, url: `http://127.0.0.1:${service.port}/interactions` };
      }),
    );
    const plans = (message: FakeMessage) => [...(message.embeds[0]?.description ?? '').matchAll(/plan number (\d+) will/g)].map((m) => Number(m[1]));
    const next = (message: FakeMessage) => message.components.flatMap((row) => row.components).find((b: { label: string }) => /Next/.test(b.label));
    try {
      fake.deliverOverHttp(started[0]!.url, keys.privateKey);
      const command = fake.sendCommand('quotes', { speaker: 'Jane Smith' });
      const [sent] = await fake.waitForCalls(command, 1);
      expect(sent?.status).toBe(204);
      expect(sent?.body.type).toBe(CHANNEL_MESSAGE);
      const message = fake.messageOf(command)!;
      const first = plans(message);
      expect(first.length).toBeGreaterThan(0);
      expect(message.components).toHaveLength(1);

      // The click reaches the other process, which has never seen this list.
      fake.deliverOverHttp(started[1]!.url, keys.privateKey);
      const click = fake.clickButton(message, next(message).custom_id);
      const [update] = await fake.waitForCalls(click, 1);
      expect(update?.status).toBe(204);
      expect(update?.body.type).toBe(UPDATE_MESSAGE);
      expect(update?.body.data.allowed_mentions).toEqual({ parse: [] });
      const second = plans(message);
      expect(second.length).toBeGreaterThan(0);
      expect(second[0]).toBe(first.at(-1)! + 1);
      expect(message.embeds[0].footer.text).toMatch(/^Page 2 of \d+/);
    } finally {
      for (const { endpoint, service } of started) {
        await endpoint.stop();
        await service.close();
      }
      await fake.close();
    }
  });
});
