/**
 * End to end: the real discord.js client, started through `startBot`, against a loopback fake of Discord.
 * Each test sends an interaction through the gateway and asserts what the bot actually sent back over REST.
 * The engine is a stub whose answers each test builds, so the transport is tested on its own.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/engine.ts';
import type { Passage, SuggestOption } from '../../src/answers.ts';
import type { Scope } from '../../src/engine.ts';
import { startBot, type RunningBot } from '../../src/discord/bot.ts';
import { DEFER_FIRST_WHEN_BUSY } from '../../src/discord/interactions.ts';
import { FAILURE_MESSAGE } from '../../src/discord/render.ts';
import { createLogger } from '../../src/log.ts';
import { logLines } from './endpoint.ts';
import { FakeDiscord, messageBodyProblem, type RecordedRequest } from './fake-discord.ts';
import { AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, EPHEMERAL, StubEngine, answer, article, found, notStubbed, sleep } from './stub-engine.ts';

describe('byline on a fake Discord', () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  const engine = new StubEngine();
  const logs: any[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine, logger: createLogger('debug', logLines(logs)) });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  beforeEach(() => {
    engine.whoSaidAnswer = notStubbed;
    engine.whatHappenedAnswer = notStubbed;
    engine.suggestAnswer = notStubbed;
  });

  /** The first log line that matches, waiting a little: the bot logs after Discord has answered it. */
  async function logLine(match: (entry: any) => boolean): Promise<any> {
    for (let waited = 0; waited < 2000; waited += 20) {
      const line = logs.find(match);
      if (line) return line;
      await sleep(20);
    }
    return undefined;
  }

  /** The first response to an interaction, once it has come. */
  async function callback(id: string): Promise<RecordedRequest> {
    const [first] = await fake.waitForCalls(id, 1);
    expect(first?.path).toMatch(/\/callback$/);
    return first!;
  }

  it('logs in with the Guilds intent only, over plain JSON, and keeps its heartbeat', async () => {
    expect(bot.client.isReady()).toBe(true);
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0].intents).toBe(1);
    expect(fake.gatewayQueries[0]?.get('encoding')).toBe('json');
    expect(fake.gatewayQueries[0]?.get('v')).toBe('10');
    expect(fake.gatewayQueries[0]?.has('compress')).toBe(false);
    expect(fake.requests.find((r) => r.path === '/gateway/bot')?.authorized).toBe(true);
    for (let waited = 0; fake.heartbeats === 0 && waited < 3000; waited += 100) await sleep(100);
    expect(fake.heartbeats).toBeGreaterThan(0);
  });

  it('answers /who-said with an embed, mentions off, within 3 s', async () => {
    const queries: string[] = [];
    engine.whoSaidAnswer = async (query) => {
      queries.push(query);
      return found(query);
    };
    const id = fake.sendCommand('who-said', { quote: 'keep working with allies' });
    const sent = await callback(id);
    expect(queries).toEqual(['keep working with allies']);
    expect(sent.status).toBe(204);
    expect(sent.msAfterInteraction).toBeLessThan(3000);
    expect(sent.body.type).toBe(CHANNEL_MESSAGE);
    expect((sent.body.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(sent.body.data.allowed_mentions).toEqual({ parse: [] });
    const [embed] = sent.body.data.embeds;
    expect(embed.description).toContain('> “We will keep working with our allies”');
    expect(embed.description).toContain('**Defense Secretary Lloyd Austin**');
    expect(embed.description).toContain('[Blinken–Lavrov meeting in doubt](https://example.org/a1) · 23 Feb 2022 · ¶6');

    const line = await logLine((entry) => entry.interactionId === id && entry.msg === 'answered');
    expect(line).toMatchObject({ command: 'who-said', guildId: fake.guildId, interactionId: id, level: 30 });
    expect(typeof line.ms).toBe('number');
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
    const body = JSON.stringify(sent.body);
    expect(body).not.toMatch(/@everyone|<@\d/);
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
    const description: string = sent.body.data.embeds[0].description;
    expect(description).toContain('**sanctions**');
    expect(description).toMatch(/…and \d+ more passages$/);
  });

  it('answers autocomplete with at most 25 choices of at most 100 characters', async () => {
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
    for (const choice of sent.body.data.choices) expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(sent.body.data.choices[0].value).toBe('q0');
    expect(await logLine((entry) => entry.interactionId === id)).toMatchObject({ command: 'who-said', choices: 25 });
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

  it('defers a slow answer (type 5) and then edits the original message', async () => {
    engine.whoSaidAnswer = async (query) => {
      await sleep(2000);
      return found(query);
    };
    const id = fake.sendCommand('who-said', { quote: 'allies', hide: true });
    const [deferral, edit] = await fake.waitForCalls(id, 2, 8000);
    expect(deferral?.body.type).toBe(DEFERRED_CHANNEL_MESSAGE);
    expect(deferral?.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(deferral?.status).toBe(204);
    expect(deferral?.msAfterInteraction).toBeLessThan(3000);
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toMatch(new RegExp(`^/webhooks/${fake.applicationId}/[^/]+/messages/@original$`));
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
    const error = await logLine((entry) => entry.interactionId === id && entry.level === 50);
    expect(error).toMatchObject({ command: 'who-said', err: { message: 'index exploded' } });

    engine.whoSaidAnswer = async (query) => found(query);
    expect((await callback(fake.sendCommand('who-said', { quote: 'allies' }))).body.type).toBe(CHANNEL_MESSAGE);
  });

  it('replaces a public deferral by an ephemeral follow-up when a slow command fails', async () => {
    engine.whoSaidAnswer = async () => {
      await sleep(1800);
      throw new Error('slow failure');
    };
    const id = fake.sendCommand('who-said', { quote: 'allies' });
    const calls = await fake.waitForCalls(id, 3, 8000);
    expect(calls.map((call) => `${call.method} ${call.status}`)).toEqual(['POST 204', 'DELETE 204', 'POST 200']);
    expect(calls[0]?.body.type).toBe(DEFERRED_CHANNEL_MESSAGE);
    expect(calls[2]?.path).toMatch(new RegExp(`^/webhooks/${fake.applicationId}/[^/]+$`));
    expect(calls[2]?.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(calls[2]?.body.content).toBe(FAILURE_MESSAGE);
  });

  it('shows a question the engine cannot answer as an ephemeral notice', async () => {
    engine.whoSaidAnswer = async () => {
      throw new UserInputError('Type a few words of the quote.');
    };
    const sent = await callback(fake.sendCommand('who-said', { quote: '   ' }));
    expect(sent.body.data.content).toBe('Type a few words of the quote.');
    expect(sent.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('logs an interaction that expired before it arrived at warn, without crashing', async () => {
    engine.whoSaidAnswer = async (query) => found(query);
    const id = fake.sendCommand('who-said', { quote: 'allies' }, 3500);
    const sent = await callback(id);
    expect(sent.status).toBe(404);
    await sleep(200);
    expect(fake.callsFor(id)).toHaveLength(1);
    const warning = await logLine((entry) => entry.interactionId === id && entry.level === 40);
    expect(warning?.err).toMatchObject({ code: 10062 });
    expect(logs.some((entry) => entry.interactionId === id && entry.level >= 50)).toBe(false);
    expect((await callback(fake.sendCommand('who-said', { quote: 'allies' }))).status).toBe(204);
  });

  it('never logs a token', () => {
    const text = JSON.stringify(logs);
    expect(logs.length).toBeGreaterThan(10);
    expect(text).not.toContain(fake.token);
    expect(text).not.toContain('interaction-token-');
  });
});

describe('stopping the bot', () => {
  it('answers every interaction in flight before it closes the gateway normally (1000), and stops once', async () => {
    const fake = await FakeDiscord.start();
    const engine = new StubEngine();
    // Slow enough that the stop comes while all of them are still being worked on.
    engine.whoSaidAnswer = async (query) => {
      await sleep(400);
      return found(query);
    };
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine, logger: createLogger('debug', silent) });
    try {
      const ids = Array.from({ length: DEFER_FIRST_WHEN_BUSY }, (_, i) => fake.sendCommand('who-said', { quote: `quote ${i}` }));
      await fake.waitForRequest(() => true, 2000).catch(() => undefined);
      await sleep(100); // they have reached the bot; none is answered yet
      expect(ids.every((id) => fake.callsFor(id).length === 0)).toBe(true);
      const first = bot.stop();
      const second = bot.stop();
      expect(second).toBe(first);
      const late = fake.sendCommand('who-said', { quote: 'after the stop' });
      await first;
      for (const id of ids) {
        const [call] = fake.callsFor(id);
        expect(call?.path).toMatch(/\/callback$/);
        expect(call?.body).toMatchObject({ type: CHANNEL_MESSAGE });
      }
      expect(fake.callsFor(late)).toEqual([]);
      for (let waited = 0; fake.gatewayCloseCodes.length === 0 && waited < 2000; waited += 20) await sleep(20);
      expect(fake.gatewayCloseCodes).toEqual([1000]);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  it('disconnects after its bound when an interaction never finishes', async () => {
    const fake = await FakeDiscord.start();
    const engine = new StubEngine();
    engine.whoSaidAnswer = () => new Promise<never>(() => {});
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine, logger: createLogger('debug', silent), drainMs: 300 });
    try {
      fake.sendCommand('who-said', { quote: 'never answered' });
      await sleep(150);
      const started = Date.now();
      await bot.stop();
      expect(Date.now() - started).toBeLessThan(5000);
      for (let waited = 0; fake.gatewayCloseCodes.length === 0 && waited < 2000; waited += 20) await sleep(20);
      expect(fake.gatewayCloseCodes).toEqual([1000]);
    } finally {
      await fake.close();
    }
  });
});

describe('when busy', () => {
  it('defers a new command at once while four others are still being answered', async () => {
    const fake = await FakeDiscord.start();
    const engine = new StubEngine();
    // Slow, but well under the 1.5 s after which a command is deferred anyway.
    engine.whoSaidAnswer = async (query) => {
      await sleep(700);
      return found(query);
    };
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine, logger: createLogger('warn', silent) });
    try {
      const first = Array.from({ length: 4 }, (_, i) => fake.sendCommand('who-said', { quote: `quote ${i}` }));
      await sleep(100);
      const more = Array.from({ length: 2 }, (_, i) => fake.sendCommand('who-said', { quote: `later ${i}` }));
      for (const id of first) expect((await fake.waitForCalls(id, 1))[0]!.body).toMatchObject({ type: CHANNEL_MESSAGE });
      for (const id of more) {
        const [deferral, edit] = await fake.waitForCalls(id, 2);
        expect(deferral!.body).toMatchObject({ type: DEFERRED_CHANNEL_MESSAGE });
        expect(edit!.method).toBe('PATCH');
      }
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});

describe('the fake Discord', () => {
  it('refuses what Discord refuses, so the tests above can fail', async () => {
    const fake = await FakeDiscord.start();
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${fake.apiUrl}/v10${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const id = fake.sendCommand('who-said', { quote: 'x' });
      const token = `interaction-token-${id}`;
      const long = await post(`/interactions/${id}/${token}/callback`, { type: 4, data: { content: 'x'.repeat(2001) } });
      expect(long.status).toBe(400);
      expect(await long.json()).toMatchObject({ code: 50035 });
      const wide = { type: 4, data: { embeds: [{ description: 'd'.repeat(4000), fields: [{ name: 'n', value: 'v'.repeat(1024) }, { name: 'n', value: 'v'.repeat(1000) }] }] } };
      expect((await post(`/interactions/${id}/${token}/callback`, wide)).status).toBe(400);
      expect((await post(`/interactions/${id}/${token}/callback`, { type: 4, data: { content: 'ok' } })).status).toBe(204);
      expect(await (await post(`/interactions/${id}/${token}/callback`, { type: 4, data: { content: 'again' } })).json()).toMatchObject({ code: 40060 });
      const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` }));
      const auto = fake.sendAutocomplete('who-said', { quote: 'x' }, 'quote');
      expect((await post(`/interactions/${auto}/interaction-token-${auto}/callback`, { type: 8, data: { choices } })).status).toBe(400);
      const late = fake.sendCommand('who-said', { quote: 'x' }, 3100);
      expect(await (await post(`/interactions/${late}/interaction-token-${late}/callback`, { type: 4, data: { content: 'ok' } })).json()).toMatchObject({ code: 10062 });
    } finally {
      await fake.close();
    }
  });
});
