/**
 * Reading an interaction as Discord posts it to the endpoint (raw API JSON) into the plain data of
 * answering.ts, with its options behind the same {@link CommandOptions} seam as the gateway's
 * (commandOptionsOf, so both transports read options with one set of rules). The body is signed by Discord,
 * but what members typed inside it is not trusted: every field is checked for its type, and anything
 * unexpected makes the payload unreadable (400) rather than a crash.
 */
import type { CommandOptions } from '../../../commands/index.ts';
import type { AutocompleteInteractionData, CommandInteractionData, ComponentInteractionData } from '../answering.ts';
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

/** A slash command's options flattened by name (sub-commands' options included), and the focused one. */
function readOptions(options: unknown): { values: Map<string, string | number | boolean>; focused: { name: string; value: string } | null } {
  const values = new Map<string, string | number | boolean>();
  let focused: { name: string; value: string } | null = null;
  const visit = (list: unknown, depth: number) => {
    if (list === undefined) return;
    if (!Array.isArray(list) || depth > 3) throw new PayloadError('options are not a list');
    for (const option of list) {
      if (!isObject(option) || !isText(option.name)) throw new PayloadError('an option has no name');
      if (option.options !== undefined) visit(option.options, depth + 1);
      const value = option.value;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        values.set(option.name, value);
        if (option.focused === true) focused = { name: option.name, value: String(value) };
      }
    }
  };
  visit(options, 0);
  return { values, focused };
}

/** The raw options as {@link CommandOptions}, read by the same adapter as the gateway's. */
function commandOptions(values: Map<string, string | number | boolean>): CommandOptions {
  return commandOptionsOf({ get: (name) => (values.has(name) ? { value: values.get(name)! } : null) });
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
  const base = { id: body.id, guildId: isId(body.guild_id) ? body.guild_id : null };
  const data = isObject(body.data) ? body.data : null;

  if ((body.type === InteractionKind.ApplicationCommand || body.type === InteractionKind.Autocomplete) && data) {
    // Only chat-input commands (data.type 1, or absent in older payloads) are byline's; context menus are not.
    if (!isText(data.name) || (data.type !== undefined && data.type !== 1)) return { kind: 'other', id: base.id, type: body.type, ...envelope };
    const { values, focused } = readOptions(data.options);
    const command = { ...base, commandName: data.name, options: commandOptions(values) };
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
