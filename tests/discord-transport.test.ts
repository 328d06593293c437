import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { errorFields, isUnknownInteraction, withoutTokens } from '../src/discord/errors.ts';
import { commandOptionsOf } from '../src/discord/options.ts';

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
