import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createAnswerer, type Responder } from '../src/discord/answering.ts';
import { errorFields, isUnknownInteraction, isUnknownWebhook, withoutTokens } from '../src/discord/errors.ts';
import { commandOptionsOf } from '../src/discord/options.ts';
import { createLogger } from '../src/log.ts';
import type { InteractionOutcome } from '../src/service/metrics.ts';
import { logLines } from './e2e/endpoint.ts';
import { StubEngine, found, sleep } from './e2e/stub-engine.ts';

describe('commandOptionsOf', () => {
  const options = commandOptionsOf({
    get: (name) => ({ quote: { value: 'we will' }, hide: { value: true }, blank: { value: '  ' }, count: { value: 3 } })[name] ?? null,
  });

  it('reads strings and booleans by name, null when absent', () => {
    expect(options.getString('quote')).toBe('we will');
    expect(options.getBoolean('hide')).toBe(true);
    expect(options.getString('article')).toBeNull();
    expect(options.getBoolean('article')).toBeNull();
  });

  it('reads whole numbers (the page option), null when absent or of another type', () => {
    expect(options.getInteger('count')).toBe(3);
    expect(options.getInteger('quote')).toBeNull();
    expect(options.getInteger('page')).toBeNull();
  });

  it('reads a value of another type, or a blank string, as null instead of throwing', () => {
    expect(options.getString('hide')).toBeNull();
    expect(options.getBoolean('quote')).toBeNull();
    expect(options.getString('count')).toBeNull();
    expect(options.getString('blank')).toBeNull();
  });
});

describe('Discord errors', () => {
  const unknown = new DiscordAPIError(
    { code: 10062, message: 'Unknown interaction' },
    10062,
    404,
    'POST',
    'https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb246c2VjcmV0/callback?with_response=false',
    { body: { type: 4 } },
  );

  it('recognises an expired interaction', () => {
    expect(isUnknownInteraction(unknown)).toBe(true);
    expect(isUnknownInteraction(new Error('Unknown interaction'))).toBe(false);
  });

  it('logs the code and route of a Discord error, never the token in its URL', () => {
    const fields = errorFields(unknown);
    expect(fields).toMatchObject({ code: 10062, status: 404, method: 'POST' });
    expect(JSON.stringify(fields)).not.toContain('aW50ZXJhY3Rpb246c2VjcmV0');
    expect(withoutTokens('/api/v10/webhooks/1/tok-en/messages/@original')).toBe('/api/v10/webhooks/1/:token/messages/@original');
  });

  it('describes anything thrown, even a non-error', () => {
    expect(errorFields('boom')).toEqual({ type: 'string', message: 'boom' });
    expect(errorFields(new TypeError('bad'))).toMatchObject({ type: 'TypeError', message: 'bad' });
  });
});

describe('the answerer, when Discord no longer knows the interaction', () => {
  const unknownWebhook = new DiscordAPIError(
    { code: 10015, message: 'Unknown Webhook' },
    10015,
    404,
    'PATCH',
    'http://127.0.0.1/api/v10/webhooks/1100000000000000001/aW50ZXJhY3Rpb246c2VjcmV0/messages/@original',
    { body: {} },
  );

  it('recognises an unknown webhook', () => {
    expect(isUnknownWebhook(unknownWebhook)).toBe(true);
    expect(isUnknownWebhook(new Error('Unknown Webhook'))).toBe(false);
    expect(isUnknownWebhook(new DiscordAPIError({ code: 50035, message: 'Invalid Form Body' }, 50035, 400, 'PATCH', 'http://127.0.0.1/api/v10/webhooks/1/t', { body: {} }))).toBe(false);
  });

  it('counts an edit refused with Unknown Webhook (its deferral never taken in) as expired, at warn, and sends nothing more', async () => {
    // Over HTTP, a deferral that leaves byline as Discord stops waiting is lost; the edit then meets 10015.
    const engine = new StubEngine();
    engine.whoSaidAnswer = async (query) => {
      await sleep(50);
      return found(query);
    };
    const logs: any[] = [];
    const stream = logLines(logs);
    const outcomes: InteractionOutcome[] = [];
    const answerer = createAnswerer({ engine, logger: createLogger('info', stream), deferAfterMs: 10, observe: (outcome) => outcomes.push(outcome) });
    const calls: string[] = [];
    const called = (name: string) => async () => void calls.push(name);
    const responder: Responder = {
      reply: called('reply'),
      deferReply: called('deferReply'),
      update: called('update'),
      deferUpdate: called('deferUpdate'),
      autocomplete: called('autocomplete'),
      editOriginal: async () => {
        calls.push('editOriginal');
        throw unknownWebhook;
      },
      deleteOriginal: called('deleteOriginal'),
      followUp: called('followUp'),
    };
    const options = commandOptionsOf({ get: (name) => (name === 'quote' ? { value: 'our allies' } : null) });
    await answerer.command({ id: '1100000000000000900', guildId: null, commandName: 'who-said', options }, responder);

    // No failure message after it: a deletion and a follow-up on the same token would meet the same answer.
    expect(calls).toEqual(['deferReply', 'editOriginal']);
    expect(outcomes).toEqual([{ command: 'who-said', kind: 'command', outcome: 'expired', ms: expect.any(Number) }]);
    expect(logs.filter((line) => line.level >= 40).map((line) => [line.level, line.msg, line.err?.code])).toEqual([[40, 'interaction could not be answered any more', 10015]]);
    expect(JSON.stringify(logs)).not.toContain('aW50ZXJhY3Rpb246c2VjcmV0');
  });
});
