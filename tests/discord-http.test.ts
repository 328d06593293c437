import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayloadError, readInteraction } from '../src/discord/http/payload.ts';
import { messageData } from '../src/discord/http/responder.ts';
import type { ReplyMessage } from '../src/discord/render.ts';
import { discordPublicKey, signatureProblem, SIGNATURE_MAX_AGE_S } from '../src/discord/http/verify.ts';

const envelope = { id: '1100000000000000101', application_id: '1100000000000000001', token: 'tok' };

describe('reading an interaction posted to the endpoint', () => {
  it('reads a command’s options through the same rules as the gateway (blank is null, wrong type is null)', () => {
    const incoming = readInteraction({
      ...envelope,
      type: 2,
      guild_id: '1100000000000000002',
      data: { name: 'who-said', type: 1, options: [{ name: 'quote', type: 3, value: 'we will' }, { name: 'article', type: 3, value: '   ' }, { name: 'hide', type: 5, value: true }] },
    });
    expect(incoming).toMatchObject({ kind: 'command', applicationId: envelope.application_id, token: 'tok', data: { id: envelope.id, guildId: '1100000000000000002', commandName: 'who-said' } });
    if (incoming.kind !== 'command') throw new Error('not a command');
    expect(incoming.data.options.getString('quote')).toBe('we will');
    expect(incoming.data.options.getString('article')).toBeNull();
    expect(incoming.data.options.getBoolean('hide')).toBe(true);
    expect(incoming.data.options.getString('hide')).toBeNull();
    expect(incoming.data.options.getBoolean('quote')).toBeNull();
  });

  it('reads sub-commands’ options, the focused option of autocomplete, and a direct message (no guild)', () => {
    const incoming = readInteraction({
      ...envelope,
      type: 4,
      data: { name: 'quotes', type: 1, options: [{ name: 'by', type: 1, options: [{ name: 'speaker', type: 3, value: 'Aus', focused: true }] }] },
    });
    expect(incoming).toMatchObject({ kind: 'autocomplete', data: { guildId: null, focused: { name: 'speaker', value: 'Aus' } } });
    expect(() => readInteraction({ ...envelope, type: 4, data: { name: 'quotes', type: 1, options: [] } })).toThrow(PayloadError);
  });

  it('reads a button, a select menu and a modal’s text inputs', () => {
    expect(readInteraction({ ...envelope, type: 3, message: {}, data: { custom_id: 'page:2', component_type: 2 } })).toMatchObject({
      kind: 'component',
      data: { customId: 'page:2', values: [], fields: {}, source: 'message' },
    });
    expect(readInteraction({ ...envelope, type: 3, data: { custom_id: 'pick', component_type: 3, values: ['a', 7, 'b'] } })).toMatchObject({
      data: { values: ['a', 'b'] },
    });
    const modal = readInteraction({
      ...envelope,
      type: 5,
      data: { custom_id: 'find', components: [{ type: 1, components: [{ type: 4, custom_id: 'title', value: 'Lavrov' }] }, { type: 18, component: { type: 4, custom_id: 'year', value: '2022' } }] },
    });
    expect(modal).toMatchObject({ kind: 'component', data: { customId: 'find', fields: { title: 'Lavrov', year: '2022' }, source: 'modal' } });
  });

  it('refuses what is not an interaction, and sets aside kinds byline does not answer', () => {
    expect(readInteraction({ type: 1 })).toEqual({ kind: 'ping' });
    for (const body of [null, [], 'x', { type: '2' }, { type: 2, id: 'x', application_id: '1', token: 't' }, { type: 2, id: '1', application_id: '1', token: '' }]) {
      expect(() => readInteraction(body)).toThrow(PayloadError);
    }
    expect(() => readInteraction({ ...envelope, type: 2, data: { name: 'who-said', type: 1, options: [{ value: 'no name' }] } })).toThrow(PayloadError);
    expect(readInteraction({ ...envelope, type: 2, data: { name: 'Quote this', type: 3 } })).toMatchObject({ kind: 'other', type: 2 });
    expect(readInteraction({ ...envelope, type: 42 })).toMatchObject({ kind: 'other', type: 42 });
  });

  it('reads a message context menu with its message, a subcommand with an attachment, and the member’s permissions (issue #11)', () => {
    const member = { user: { id: '1100000000000000004' }, permissions: '32' };
    const menu = readInteraction({
      ...envelope,
      type: 2,
      guild_id: '1100000000000000002',
      member,
      data: { name: 'Who said this?', type: 3, target_id: '77', resolved: { messages: { '77': { id: '77', content: '> diplomacy means also defense', embeds: [{ url: 'https://news.example/a' }, {}] } } } },
    });
    expect(menu).toMatchObject({
      kind: 'menu',
      data: { commandName: 'Who said this?', message: { id: '77', content: '> diplomacy means also defense', embedUrls: ['https://news.example/a'] }, caller: { guildId: '1100000000000000002', userId: '1100000000000000004', permissions: '32' } },
    });
    const add = readInteraction({
      ...envelope,
      type: 2,
      guild_id: '1100000000000000002',
      member: { ...member, permissions: 'all of them' },
      data: {
        name: 'library',
        type: 1,
        options: [{ name: 'add', type: 1, options: [{ name: 'file', type: 11, value: '88' }, { name: 'hide', type: 5, value: true }] }],
        resolved: { attachments: { '88': { id: '88', filename: 'story.md', size: 120, url: 'https://cdn.example/88/story.md', content_type: 'text/markdown' } } },
      },
    });
    if (add.kind !== 'command') throw new Error(`read as ${add.kind}`);
    expect(add.data.options.getSubcommand?.()).toBe('add');
    expect(add.data.options.getAttachment?.('file')).toEqual({ url: 'https://cdn.example/88/story.md', name: 'story.md', size: 120, contentType: 'text/markdown' });
    expect(add.data.options.getBoolean('hide')).toBe(true);
    // Permissions that are not Discord's bitfield are no permissions at all.
    expect(add.data.caller).toEqual({ guildId: '1100000000000000002', userId: '1100000000000000004', permissions: null });
    const dm = readInteraction({ ...envelope, type: 2, user: { id: '5' }, data: { name: 'articles', type: 1 } });
    expect(dm).toMatchObject({ kind: 'command', data: { guildId: null, caller: { guildId: null, userId: '5', permissions: null } } });
  });
});

describe('Discord’s request signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  const key = discordPublicKey(hex);
  const body = Buffer.from('{"type":1}');
  const now = 1_750_000_000_000;
  const timestamp = String(now / 1000);
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');

  it('accepts the application’s signature over timestamp + body, and says why anything else is refused', () => {
    expect(signatureProblem(key, { signature, timestamp }, body, now)).toBeNull();
    expect(signatureProblem(key, { signature: signature.toUpperCase(), timestamp }, body, now)).toBeNull();
    expect(signatureProblem(key, { signature: undefined, timestamp }, body, now)).toBe('missing headers');
    expect(signatureProblem(key, { signature: [signature, signature], timestamp }, body, now)).toBe('missing headers');
    expect(signatureProblem(key, { signature: `${signature.slice(0, -1)}g`, timestamp }, body, now)).toBe('malformed signature');
    expect(signatureProblem(key, { signature, timestamp: '1.5e9' }, body, now)).toBe('malformed timestamp');
    expect(signatureProblem(key, { signature, timestamp }, body, now + (SIGNATURE_MAX_AGE_S + 1) * 1000)).toBe('stale timestamp');
    expect(signatureProblem(key, { signature, timestamp }, body, now - (SIGNATURE_MAX_AGE_S + 1) * 1000)).toBe('stale timestamp');
    expect(signatureProblem(key, { signature, timestamp }, body, now + (SIGNATURE_MAX_AGE_S - 1) * 1000)).toBeNull();
    expect(signatureProblem(key, { signature, timestamp }, Buffer.from('{"type":2}'), now)).toBe('bad signature');
  });

  it('takes the public key as the portal shows it, 64 hex characters', () => {
    expect(() => discordPublicKey(hex.slice(2))).toThrow(TypeError);
    expect(() => discordPublicKey(`${hex.slice(2)}zz`)).toThrow(TypeError);
  });
});

describe('messages as API JSON', () => {
  it('keeps everything the renderer wrote, switches mentions off, and marks a new ephemeral message with flag 64', () => {
    const row = { type: 1, components: [{ type: 2, style: 2, label: 'Next ▶', custom_id: 'p1;quotes;abcdef;;2' }] };
    const message: ReplyMessage = { content: 'hi', embeds: [{ description: 'd' }], allowed_mentions: { parse: [] }, ephemeral: true, components: [row as any] };
    expect(messageData(message, { flags: true })).toEqual({ content: 'hi', embeds: [{ description: 'd' }], components: [row], allowed_mentions: { parse: [] }, flags: 64 });
    expect(messageData(message, { flags: false })).not.toHaveProperty('flags');
    expect(messageData({ ...message, ephemeral: false }, { flags: true })).not.toHaveProperty('flags');
  });
});
