/**
 * Reading an interaction as Discord posts it to the endpoint (raw API JSON) into the plain data of
 * answering.ts, with its options behind the same {@link CommandOptions} seam as the gateway's
 * (commandOptionsOf, so both transports read options with one set of rules). The body is signed by Discord,
 * but what members typed inside it is not trusted: every field is checked for its type, and anything
 * unexpected makes the payload unreadable (400) rather than a crash.
 */
import type { AttachmentRef, Caller, CommandOptions } from '../../../commands/index.ts';
import type { AutocompleteInteractionData, CommandInteractionData, ComponentInteractionData, MessageMenuInteractionData } from '../answering.ts';
import { commandOptionsOf } from '../options.ts';

/** Discord's interaction types (InteractionType). */
export const InteractionKind = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

/** What answering an interaction over HTTP needs besides its data: where its webhook is. */
export interface Envelope {
  applicationId: string;
  token: string;
}

export type Incoming =
  | { kind: 'ping' }
  | ({ kind: 'command'; data: CommandInteractionData } & Envelope)
  | ({ kind: 'autocomplete'; data: AutocompleteInteractionData } & Envelope)
  | ({ kind: 'component'; data: ComponentInteractionData } & Envelope)
  /** A message context menu ("Who said this?", "Add article to byline"). */
  | ({ kind: 'menu'; data: MessageMenuInteractionData } & Envelope)
  /** A kind byline does not answer (a context-menu command, a type Discord adds later). */
  | ({ kind: 'other'; id: string; type: number } & Envelope);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isId = (value: unknown): value is string => typeof value === 'string' && /^\d{1,20}$/.test(value);

/** Thrown for a payload that is not an interaction byline can read. */
export class PayloadError extends Error {
  override name = 'PayloadError';
}

/** Discord's option types that carry no value of their own: a subcommand (1) and a group of them (2); an attachment (11) carries a file's id. */
const SUBCOMMAND = 1;
const ATTACHMENT = 11;

/**
 * A slash command's options flattened by name (sub-commands' options included), the subcommand chosen, the
 * attachments (their ids resolved to the files the payload describes), and the focused option.
 */
function readOptions(
  options: unknown,
  resolved: unknown,
): { values: Map<string, string | number | boolean>; subcommand: string | null; attachments: Map<string, AttachmentRef>; focused: { name: string; value: string } | null } {
  const values = new Map<string, string | number | boolean>();
  const attachments = new Map<string, AttachmentRef>();
  const files = isObject(resolved) && isObject(resolved.attachments) ? resolved.attachments : {};
  let subcommand: string | null = null;
  let focused: { name: string; value: string } | null = null;
  const visit = (list: unknown, depth: number) => {
    if (list === undefined) return;
    if (!Array.isArray(list) || depth > 3) throw new PayloadError('options are not a list');
    for (const option of list) {
      if (!isObject(option) || !isText(option.name)) throw new PayloadError('an option has no name');
      if (option.type === SUBCOMMAND) subcommand = option.name;
      if (option.type === ATTACHMENT && isText(option.value)) {
        const file = files[option.value];
        if (isObject(file) && isText(file.url) && isText(file.filename)) {
          attachments.set(option.name, { url: file.url, name: file.filename, size: typeof file.size === 'number' ? file.size : null, contentType: isText(file.content_type) ? file.content_type : null });
        }
        continue;
      }
      if (option.options !== undefined) visit(option.options, depth + 1);
      const value = option.value;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        values.set(option.name, value);
        if (option.focused === true) focused = { name: option.name, value: String(value) };
      }
    }
  };
  visit(options, 0);
  return { values, subcommand, attachments, focused };
}

/** The raw options as {@link CommandOptions}, read by the same adapter as the gateway's. */
function commandOptions(read: ReturnType<typeof readOptions>): CommandOptions {
  const { values, attachments, subcommand } = read;
  return commandOptionsOf({
    get: (name) => {
      const attachment = attachments.get(name);
      if (attachment) return { attachment: { url: attachment.url, name: attachment.name, size: attachment.size ?? 0, contentType: attachment.contentType } };
      return values.has(name) ? { value: values.get(name)! } : null;
    },
    getSubcommand: () => subcommand,
  });
}

/** Who asks: the member (and their permissions in the channel) in a server, the user in a direct message. */
function callerOf(body: Json, guildId: string | null): Caller {
  const member = isObject(body.member) ? body.member : null;
  const user = isObject(member?.user) ? member.user : isObject(body.user) ? body.user : null;
  return {
    guildId,
    userId: user && isId(user.id) ? user.id : null,
    permissions: member && isText(member.permissions) && /^\d{1,40}$/.test(member.permissions) ? member.permissions : null,
  };
}

/** The message a context menu was used on, from the payload's resolved messages. */
function targetMessage(data: Json): MessageMenuInteractionData['message'] | null {
  const messages = isObject(data.resolved) && isObject(data.resolved.messages) ? data.resolved.messages : null;
  const message = messages && isId(data.target_id) ? messages[data.target_id] : null;
  if (!isObject(message) || !isId(message.id)) return null;
  const embeds = Array.isArray(message.embeds) ? message.embeds : [];
  return {
    id: message.id,
    content: isText(message.content) ? message.content : '',
    embedUrls: embeds.flatMap((embed) => (isObject(embed) && isText(embed.url) ? [embed.url] : [])),
  };
}

/** A modal's text inputs by custom_id, wherever they sit in its rows or labels. */
function modalFields(components: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  const visit = (node: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(node)) for (const child of node) visit(child, depth + 1);
    else if (isObject(node)) {
      if (isText(node.custom_id) && isText(node.value)) fields[node.custom_id] = node.value;
      visit(node.components, depth + 1);
      visit(node.component, depth + 1);
    }
  };
  visit(components, 0);
  return fields;
}

/** Reads a parsed request body; throws {@link PayloadError} when it is not an interaction. */
export function readInteraction(body: unknown): Incoming {
  if (!isObject(body) || typeof body.type !== 'number') throw new PayloadError('not an interaction');
  if (body.type === InteractionKind.Ping) return { kind: 'ping' };
  if (!isId(body.id) || !isId(body.application_id) || !isText(body.token) || body.token === '') {
    throw new PayloadError('an interaction without id, application_id or token');
  }
  const envelope = { applicationId: body.application_id, token: body.token };
  const guildId = isId(body.guild_id) ? body.guild_id : null;
  const base = { id: body.id, guildId, caller: callerOf(body, guildId) };
  const data = isObject(body.data) ? body.data : null;

  if ((body.type === InteractionKind.ApplicationCommand || body.type === InteractionKind.Autocomplete) && data) {
    // Message context menus (data.type 3) carry the message they were used on; one without it (or a user
    // menu, type 2) is not byline's.
    const message = body.type === InteractionKind.ApplicationCommand && data.type === 3 && isText(data.name) ? targetMessage(data) : null;
    if (message && isText(data.name)) return { kind: 'menu', data: { ...base, commandName: data.name, message }, ...envelope };
    // Otherwise only chat-input commands (data.type 1, or absent in older payloads) are byline's.
    if (!isText(data.name) || (data.type !== undefined && data.type !== 1)) return { kind: 'other', id: base.id, type: body.type, ...envelope };
    const read = readOptions(data.options, data.resolved);
    const { focused } = read;
    const command = { ...base, commandName: data.name, options: commandOptions(read) };
    if (body.type === InteractionKind.ApplicationCommand) return { kind: 'command', data: command, ...envelope };
    if (!focused) throw new PayloadError('an autocomplete request without a focused option');
    return { kind: 'autocomplete', data: { ...command, focused }, ...envelope };
  }
  if ((body.type === InteractionKind.MessageComponent || body.type === InteractionKind.ModalSubmit) && data && isText(data.custom_id)) {
    const component = body.type === InteractionKind.MessageComponent;
    const values = component && Array.isArray(data.values) ? data.values.filter(isText) : [];
    return {
      kind: 'component',
      data: {
        ...base,
        customId: data.custom_id,
        values,
        fields: component ? {} : modalFields(data.components),
        source: component || isObject(body.message) ? 'message' : 'modal',
      },
      ...envelope,
    };
  }
  return { kind: 'other', id: base.id, type: body.type, ...envelope };
}
