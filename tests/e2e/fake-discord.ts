/**
 * A small fake of Discord on 127.0.0.1, enough for the real discord.js client to log in, receive
 * interactions and answer them: the REST routes the bot uses (under `/api/v10`) and a JSON gateway speaking
 * Discord's protocol (HELLO, IDENTIFY, heartbeats, READY, GUILD_CREATE, INTERACTION_CREATE).
 *
 * It keeps the messages the bot's answers make (with their buttons), so a test can click a button of one as a
 * member would: a component interaction carrying that message, answered by UPDATE_MESSAGE (or a deferred
 * update, then an edit), which changes the message in place.
 *
 * It records every request and refuses what Discord refuses: a first response more than 3 s after the
 * interaction (10062), a second acknowledgement (40060), an update callback for an interaction that is not
 * a component's, a click on a button a message does not have (or has disabled), and bodies beyond Discord's
 * limits, components included (50035). The limits
 * are written out here on purpose, not imported from src/discord/limits.ts, so the tests check the bot
 * against Discord's numbers rather than against its own.
 *
 * It can also deliver interactions as Discord does to an HTTP interactions endpoint ({@link FakeDiscord.deliverOverHttp}):
 * POSTed, signed with Ed25519 over timestamp + body, given up after 3 s; the endpoint's HTTP response is
 * then recorded as the interaction's callback, judged by the very rules a callback request is. And it can
 * recommend several gateway shards, routing each guild's events to its shard as Discord does.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One REST request the fake received, with what it answered. */
export interface RecordedRequest {
  method: string;
  /** Path under `/api/v10`, e.g. `/interactions/123/abc/callback`. */
  path: string;
  query: URLSearchParams;
  body: any;
  /** True when an `Authorization` header was sent. */
  authorized: boolean;
  status: number;
  /** The interaction the request belongs to, when it is a callback or a webhook call for one. */
  interactionId: string | null;
  /** Milliseconds since that interaction was dispatched. */
  msAfterInteraction: number | null;
  /**
   * For an interaction delivered over HTTP, the status byline's endpoint answered the POST with (0 when it
   * did not answer within the window); the record is then the endpoint's response, judged as a callback.
   */
  endpointStatus?: number;
}

/** An application's Ed25519 key pair, as the developer portal has it: the public key in hex for byline. */
export interface InteractionKeys {
  privateKey: KeyObject;
  publicKeyHex: string;
}

/** A fresh key pair to sign interactions with. */
export function generateInteractionKeys(): InteractionKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { privateKey, publicKeyHex: Buffer.from(x, 'base64url').toString('hex') };
}

/** The headers Discord signs a request with: Ed25519 over the timestamp (seconds) followed by the body. */
export function signatureHeaders(privateKey: KeyObject, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = sign(null, Buffer.from(`${timestamp}${body}`, 'utf8'), privateKey).toString('hex');
  return { 'x-signature-ed25519': signature, 'x-signature-timestamp': String(timestamp) };
}

export interface FakeDiscordOptions {
  /** The token the bot must log in with. */
  token?: string;
  /** Heartbeat interval announced in HELLO (ms); short by default, so heartbeats are exercised. */
  heartbeatIntervalMs?: number;
  /** How long after dispatch an interaction still accepts its first response (ms); Discord's is 3000. */
  responseWindowMs?: number;
  /** Shards `GET /gateway/bot` recommends (default 1). */
  shards?: number;
  /** Shards that may identify at once (`session_start_limit.max_concurrency`, default 1). */
  maxConcurrency?: number;
}

/** The shard a guild's events go to: (guild_id >> 22) % shard count, as Discord routes them. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Option values of a slash command as a test writes them. */
export type OptionValues = Record<string, string | number | boolean>;

/** A file the fake serves, as a member's attachment: Discord uploads it to its CDN, the bot fetches it from there. */
export interface FakeFile {
  id: string;
  filename: string;
  size: number;
  url: string;
  contentType: string;
}

/**
 * Who sends an interaction, and from where: a server (default: the fake's own), `null` for a direct
 * message; the member's permissions in the channel (default: everything a server's owner has); the files
 * attached to ATTACHMENT options, by option name.
 */
export interface Sender {
  guildId?: string | null;
  permissions?: string;
  attachments?: Record<string, FakeFile>;
}

/** A message a context menu is used on, as the interaction carries it. */
export interface TargetMessageData {
  content: string;
  embeds?: { url?: string; title?: string }[];
}

interface PendingInteraction {
  id: string;
  token: string;
  /** 2: slash command (or context menu), 3: component, 4: autocomplete, 5: modal submit. */
  type: number;
  dispatchedAt: number;
  acknowledged: boolean;
  /** The message its answer made (or, for a component, the message the component is on). */
  messageId: string | null;
  /** While an HTTP delivery waits for the endpoint's response: webhook calls wait for it, as Discord's do. */
  delivery?: Promise<void>;
}

/** A message as the fake keeps it: what the bot's answers and edits made of it. */
export interface FakeMessage {
  id: string;
  content: string;
  embeds: any[];
  components: any[];
  flags: number;
}

const API_PREFIX = '/api/v10';

/** Discord's limits, as its documentation states them. */
const DISCORD = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
};

/** Why a message's components would be refused with 50035, or null. */
export function componentsProblem(components: any): string | null {
  if (components === undefined) return null;
  if (!Array.isArray(components)) return 'components is not a list';
  if (components.length > DISCORD.actionRows) return `${components.length} action rows`;
  const ids = new Set<string>();
  for (const row of components) {
    if (row?.type !== 1) return 'a top-level component is not an action row';
    const inner: any[] = row.components ?? [];
    if (inner.length < 1 || inner.length > DISCORD.rowComponents) return `an action row of ${inner.length} components`;
    for (const button of inner) {
      if (button?.type !== 2) return 'a component of an action row is not a button';
      if (![1, 2, 3, 4, 5].includes(button.style)) return `button style ${button.style}`;
      if (typeof button.label === 'string' && button.label.length > DISCORD.buttonLabel) return `button label of ${button.label.length} characters`;
      if (!button.label && !button.emoji) return 'a button with neither label nor emoji';
      if (button.style === 5) continue;
      const id = button.custom_id;
      if (typeof id !== 'string' || id.length < 1 || id.length > DISCORD.customId) return `custom_id of ${String(id ?? '').length} characters`;
      if (ids.has(id)) return `custom_id "${id}" used twice`;
      ids.add(id);
    }
  }
  return null;
}

/** Why a message body would be refused with 50035, or null when Discord would accept it. */
export function messageBodyProblem(body: any): string | null {
  if (typeof body?.content === 'string' && body.content.length > DISCORD.content) return `content is ${body.content.length} characters`;
  const embeds: any[] = body?.embeds ?? [];
  if (embeds.length > DISCORD.embeds) return `${embeds.length} embeds`;
  let total = 0;
  for (const embed of embeds) {
    const title = embed.title ?? '';
    const description = embed.description ?? '';
    const footer = embed.footer?.text ?? '';
    const author = embed.author?.name ?? '';
    const fields: any[] = embed.fields ?? [];
    if (title.length > DISCORD.title) return `embed title is ${title.length} characters`;
    if (description.length > DISCORD.description) return `embed description is ${description.length} characters`;
    if (embed.description === '') return 'embed description is empty';
    if (footer.length > DISCORD.footer) return `embed footer is ${footer.length} characters`;
    if (author.length > DISCORD.author) return `embed author is ${author.length} characters`;
    if (fields.length > DISCORD.fields) return `${fields.length} embed fields`;
    total += title.length + description.length + footer.length + author.length;
    for (const field of fields) {
      if (!field.name || field.name.length > DISCORD.fieldName) return `field name of ${field.name?.length ?? 0} characters`;
      if (!field.value || field.value.length > DISCORD.fieldValue) return `field value of ${field.value?.length ?? 0} characters`;
      total += field.name.length + field.value.length;
    }
  }
  if (total > DISCORD.embedTotal) return `embeds total ${total} characters`;
  return componentsProblem(body?.components);
}

/** Why an autocomplete answer would be refused, or null. */
function choicesProblem(choices: any[]): string | null {
  if (choices.length > DISCORD.choices) return `${choices.length} choices`;
  for (const choice of choices) {
    const name = String(choice.name ?? '');
    const value = String(choice.value ?? '');
    if (name.length < 1 || name.length > DISCORD.choiceName) return `choice name of ${name.length} characters`;
    if (value.length > DISCORD.choiceValue) return `choice value of ${value.length} characters`;
  }
  return null;
}

/** Why a modal would be refused with 50035, or null. */
function modalProblem(modal: any): string | null {
  if (typeof modal?.custom_id !== 'string' || modal.custom_id.length < 1 || modal.custom_id.length > 100) return 'modal custom_id';
  if (typeof modal.title !== 'string' || modal.title.length < 1 || modal.title.length > 45) return `modal title of ${String(modal?.title ?? '').length} characters`;
  const rows: any[] = modal.components ?? [];
  if (rows.length < 1 || rows.length > 5) return `${rows.length} modal rows`;
  for (const row of rows) {
    const input = row?.components?.[0];
    if (row?.type !== 1 || row.components.length !== 1 || input?.type !== 4) return 'a modal row is not one text input';
    if (typeof input.label !== 'string' || input.label.length < 1 || input.label.length > 45) return `text input label of ${String(input?.label ?? '').length} characters`;
    if (input.max_length !== undefined && (input.max_length < 1 || input.max_length > 4000)) return `text input max_length ${input.max_length}`;
    if (input.placeholder !== undefined && input.placeholder.length > 100) return 'text input placeholder over 100 characters';
  }
  return null;
}

/** Discord's option types for the values a test gives. */
function optionType(value: string | number | boolean): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly applicationId = '1100000000000000001';
  readonly botUserId = '1100000000000000001';
  readonly guildId = '1100000000000000002';
  /** A second guild, on the other shard from the first when there are two: (id >> 22) differs in parity. */
  readonly otherGuildId = '1100000000004194306';
  readonly channelId = '1100000000000000003';
  readonly otherChannelId = '1100000000000000005';
  readonly userId = '1100000000000000004';
  readonly requests: RecordedRequest[] = [];
  /** IDENTIFY payloads received, in order. */
  readonly identifies: any[] = [];
  /** Query strings of gateway connections (encoding, version, compression). */
  readonly gatewayQueries: URLSearchParams[] = [];
  /** The close code of every gateway connection the bot closed (1000 for a normal close). */
  readonly gatewayCloseCodes: number[] = [];
  heartbeats = 0;

  private readonly interactions = new Map<string, PendingInteraction>();
  private readonly interactionsByToken = new Map<string, PendingInteraction>();
  /** The modals shown, by the interaction they answered. */
  private readonly modals = new Map<string, any>();
  /** The files members attached, served as Discord's CDN would. */
  private readonly files = new Map<string, { file: FakeFile; body: Buffer }>();
  private readonly messages = new Map<string, FakeMessage>();
  private readonly sockets = new Set<WebSocket>();
  private readonly heartbeatIntervalMs: number;
  private readonly responseWindowMs: number;
  private readonly shardCount: number;
  private readonly maxConcurrency: number;
  /** The shard [id, count] each identified (or resumed) gateway connection is. */
  private readonly shardOf = new Map<WebSocket, [number, number]>();
  private nextId = 1100000000000000100n;
  private port = 0;
  private httpEndpoint: { url: string; privateKey: KeyObject } | null = null;
  /** Connections to the HTTP endpoint, kept alive between interactions as Discord's are. */
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly server: Server,
    private readonly gateway: WebSocketServer,
    options: FakeDiscordOptions,
  ) {
    super();
    this.token = options.token ?? 'fake-bot-token';
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1000;
    this.responseWindowMs = options.responseWindowMs ?? 3000;
    this.shardCount = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
  }

  /** Starts the fake on a free port of 127.0.0.1. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    const gateway = new WebSocketServer({ server });
    const fake = new FakeDiscord(server, gateway, options);
    server.on('request', (request, response) => void fake.onRequest(request, response));
    gateway.on('connection', (socket, request) => fake.onGatewayConnection(socket, request));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  /** What the bot's `apiUrl` should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /**
   * Dispatches a slash command as a guild member would send it; returns its id. `ageMs` makes it arrive
   * that late (as after a gateway hiccup): its 3 s window is already that much used up.
   */
  sendCommand(name: string, options: OptionValues = {}, ageMs = 0, guildId = this.guildId): string {
    return this.dispatchInteraction(2, name, options, null, ageMs, undefined, guildId);
  }

  /** The shards with an open, identified (or resumed) gateway connection, in order. */
  connectedShards(): number[] {
    return [...this.shardOf.values()].map(([id]) => id).sort((a, b) => a - b);
  }

  /**
   * Closes one shard's gateway connection from Discord's side, as when Discord restarts a gateway node:
   * `code` 4000 ("unknown error") lets the bot resume; the other shards are not touched.
   */
  closeShard(shardId: number, code = 4000): void {
    for (const [socket, [id]] of this.shardOf) if (id === shardId) socket.close(code, 'closed by the test');
  }

  /** Dispatches an autocomplete request: `focused` is the option being typed, with what has been typed so far. */
  sendAutocomplete(name: string, options: OptionValues, focused: string): string {
    return this.dispatchInteraction(4, name, options, focused);
  }

  /** Paths of the attachments the bot fetched from the fake's CDN, in order. */
  readonly fileRequests: string[] = [];

  /** Uploads a file as a member attaching it would: the fake serves it under /attachments/ (Discord's CDN). */
  addFile(filename: string, content: string | Buffer, contentType: string): FakeFile {
    const id = this.snowflake();
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const file: FakeFile = { id, filename, size: body.byteLength, url: `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(filename)}`, contentType };
    this.files.set(id, { file, body });
    return file;
  }

  /**
   * Dispatches a slash command of subcommands (`/library add url:…`), from `sender` (another server, a direct
   * message, a member without some permission, files attached); returns its id.
   */
  sendSubcommand(name: string, subcommand: string, options: OptionValues = {}, sender: Sender = {}): string {
    const attachments = sender.attachments ?? {};
    const data = {
      id: '1100000000000000051',
      name,
      type: 1,
      options: [
        {
          name: subcommand,
          type: 1,
          options: [
            ...Object.entries(options).map(([optionName, value]) => ({ name: optionName, type: optionType(value), value })),
            ...Object.entries(attachments).map(([optionName, file]) => ({ name: optionName, type: 11, value: file.id })),
          ],
        },
      ],
      ...(Object.keys(attachments).length > 0
        ? {
            resolved: {
              attachments: Object.fromEntries(
                Object.values(attachments).map((file) => [file.id, { id: file.id, filename: file.filename, size: file.size, url: file.url, proxy_url: file.url, content_type: file.contentType }]),
              ),
            },
          }
        : {}),
    };
    return this.dispatchInteraction(2, name, {}, null, 0, undefined, this.guildOf(sender), sender, data);
  }

  /** Dispatches a slash command from `sender` (another server, a direct message, other permissions). */
  sendCommandAs(name: string, options: OptionValues, sender: Sender): string {
    return this.dispatchInteraction(2, name, options, null, 0, undefined, this.guildOf(sender), sender);
  }

  /** Dispatches autocomplete from `sender`; `subcommand` when the option belongs to one. */
  sendAutocompleteAs(name: string, options: OptionValues, focused: string, sender: Sender, subcommand?: string): string {
    const list = Object.entries(options).map(([optionName, value]) => ({ name: optionName, type: optionType(value), value, ...(optionName === focused ? { focused: true } : {}) }));
    const data = { id: '1100000000000000050', name, type: 1, options: subcommand ? [{ name: subcommand, type: 1, options: list }] : list };
    return this.dispatchInteraction(4, name, {}, null, 0, undefined, this.guildOf(sender), sender, data);
  }

  /** Uses a message context menu ("Apps" on a message) on a message with this text; returns the interaction's id. */
  sendMessageMenu(name: string, message: TargetMessageData, sender: Sender = {}): string {
    const messageId = this.snowflake();
    const author = { id: '1100000000000000009', username: 'member', discriminator: '0', global_name: 'Member', avatar: null };
    const target = {
      id: messageId,
      type: 0,
      channel_id: this.channelId,
      content: message.content,
      embeds: (message.embeds ?? []).map((embed) => ({ type: 'link', ...embed })),
      attachments: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      author,
    };
    const data = { id: '1100000000000000052', name, type: 3, target_id: messageId, resolved: { messages: { [messageId]: target } } };
    return this.dispatchInteraction(2, name, {}, null, 0, undefined, this.guildOf(sender), sender, data);
  }

  /** The modal an interaction was answered with (callback type 9), or undefined. */
  modalOf(interactionId: string): any {
    return this.modals.get(interactionId);
  }

  /** Submits a modal the bot showed, its text inputs filled in as given; returns the modal submit interaction's id. */
  submitModal(modal: any, values: Record<string, string>, sender: Sender = {}): string {
    const components = (modal?.components ?? []).map((row: any) => ({
      type: 1,
      components: row.components.map((input: any) => ({ type: 4, custom_id: input.custom_id, value: values[input.custom_id] ?? '' })),
    }));
    return this.dispatchInteraction(5, '', {}, null, 0, undefined, this.guildOf(sender), sender, { custom_id: modal.custom_id, components });
  }

  /** The server a sender is in: the fake's own unless they say another, or none (`null`: a direct message). */
  private guildOf(sender: Sender): string | null {
    return sender.guildId === undefined ? this.guildId : sender.guildId;
  }

  /** The message an interaction's answer made (for a component interaction: the message it changed), as it is now. */
  messageOf(interactionId: string): FakeMessage | undefined {
    const messageId = this.interactions.get(interactionId)?.messageId;
    return messageId ? this.messages.get(messageId) : undefined;
  }

  /**
   * Clicks a button of a message as a member would; returns the component interaction's id. Like Discord, it
   * refuses a button the message does not have, or has disabled.
   */
  clickButton(message: FakeMessage, customId: string): string {
    const current = this.messages.get(message.id);
    const button = current?.components.flatMap((row: any) => row.components ?? []).find((b: any) => b.custom_id === customId);
    if (!current || !button) throw new Error(`fake Discord: message ${message.id} has no button "${customId}"`);
    if (button.disabled) throw new Error(`fake Discord: the button "${customId}" is disabled`);
    return this.dispatchInteraction(3, '', {}, null, 0, { customId, message: current });
  }

  /**
   * Clicks a button with any custom_id, as on a message of the bot's from before (an old answer, another
   * version of byline): the message is made with that one button, then clicked.
   */
  sendButton(customId: string): string {
    const message = this.newMessage({
      content: 'an earlier answer',
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Next ▶', custom_id: customId }] }],
    });
    return this.clickButton(message, customId);
  }

  /**
   * From now on, delivers interactions to an HTTP interactions endpoint instead of the gateway, signed with
   * `privateKey`, as Discord does once an Interactions Endpoint URL is set.
   */
  deliverOverHttp(url: string, privateKey: KeyObject): void {
    this.httpEndpoint = { url, privateKey };
  }

  /** Sends a PING to the HTTP endpoint, as Discord does when its URL is saved; the status and body answered. */
  async ping(): Promise<{ status: number; body: any }> {
    if (!this.httpEndpoint) throw new Error('fake Discord: no HTTP endpoint to ping');
    const body = JSON.stringify({ id: this.snowflake(), application_id: this.applicationId, type: 1, token: 'ping-token', version: 1 });
    const response = await fetch(this.httpEndpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signatureHeaders(this.httpEndpoint.privateKey, body) },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** The requests made for one interaction (callback, edits, follow-ups), in order. */
  callsFor(interactionId: string): RecordedRequest[] {
    return this.requests.filter((request) => request.interactionId === interactionId);
  }

  /** Resolves with the first request (already made or to come) that matches, or rejects after `timeoutMs`. */
  waitForRequest(match: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const found = this.requests.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('request', listener);
        reject(new Error(`fake Discord: no matching request within ${timeoutMs} ms; got ${this.describeRequests()}`));
      }, timeoutMs);
      const listener = (request: RecordedRequest) => {
        if (!match(request)) return;
        clearTimeout(timer);
        this.off('request', listener);
        resolve(request);
      };
      this.on('request', listener);
    });
  }

  /** Waits until an interaction has received `count` requests (its callback, then edits or follow-ups). */
  async waitForCalls(interactionId: string, count: number, timeoutMs = 5000): Promise<RecordedRequest[]> {
    let seen = 0;
    await this.waitForRequest((request) => request.interactionId === interactionId && ++seen >= count, timeoutMs).catch(
      (error: Error) => {
        if (this.callsFor(interactionId).length < count) throw error;
      },
    );
    return this.callsFor(interactionId);
  }

  /** Closes every gateway connection and the server. Stop the bot first: a closed gateway makes it reconnect. */
  async close(): Promise<void> {
    this.agent.destroy();
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private describeRequests(): string {
    return this.requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ') || 'nothing';
  }

  private snowflake(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  private dispatchInteraction(
    type: 2 | 3 | 4 | 5,
    name: string,
    options: OptionValues,
    focused: string | null,
    ageMs = 0,
    component?: { customId: string; message: FakeMessage },
    guildId: string | null = this.guildId,
    sender: Omit<Sender, 'guildId' | 'attachments'> = {},
    rawData?: unknown,
  ): string {
    const id = this.snowflake();
    const token = `interaction-token-${id}`;
    const user = { id: this.userId, username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };
    const permissions = sender.permissions ?? '2248473465835073';
    // In a server: the member and their permissions; in a direct message (no server): the user alone.
    const where = guildId
      ? {
          guild_id: guildId,
          channel_id: this.channelOf(guildId),
          channel: { id: this.channelOf(guildId), type: 0, guild_id: guildId, name: 'news', position: 0, permission_overwrites: [] },
          member: { user, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions },
          guild_locale: 'en-US',
          authorizing_integration_owners: { '0': guildId },
          context: 0,
        }
      : { channel_id: this.channelId, channel: { id: this.channelId, type: 1, recipients: [user] }, user, authorizing_integration_owners: { '1': this.userId }, context: 1 };
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      ...where,
      app_permissions: '2248473465835073',
      locale: 'en-US',
      entitlements: [],
      attachment_size_limit: 8388608,
      data: rawData ?? (component
        ? { custom_id: component.customId, component_type: 2 }
        : {
            id: '1100000000000000050',
            name,
            type: 1,
            options: Object.entries(options).map(([optionName, value]) => ({
              name: optionName,
              type: optionType(value),
              value,
              ...(optionName === focused ? { focused: true } : {}),
            })),
          }),
      ...(component ? { message: this.messagePayload(component.message) } : {}),
    };
    const pending: PendingInteraction = { id, token, type, dispatchedAt: Date.now() - ageMs, acknowledged: false, messageId: component?.message.id ?? null };
    this.interactions.set(id, pending);
    this.interactionsByToken.set(token, pending);
    if (this.httpEndpoint) pending.delivery = this.postInteraction(pending, payload, this.httpEndpoint);
    // A direct message reaches shard 0, as Discord sends it.
    else for (const socket of this.socketsOfGuild(guildId ?? '0')) this.dispatch('INTERACTION_CREATE', payload, socket);
    return id;
  }
  /**
   * Delivers an interaction to the HTTP endpoint and records its response as the interaction's callback.
   * Discord waits 3 s (less the time the interaction is already late) and then gives up on the request.
   */
  private async postInteraction(pending: PendingInteraction, payload: unknown, endpoint: { url: string; privateKey: KeyObject }): Promise<void> {
    const body = JSON.stringify(payload);
    const record: RecordedRequest = {
      method: 'POST',
      path: `/interactions/${pending.id}/${pending.token}/callback`,
      query: new URLSearchParams(),
      body: null,
      authorized: false,
      status: 0,
      interactionId: null,
      msAfterInteraction: null,
      endpointStatus: 0,
    };
    try {
      // Signed when it happened (a late interaction's timestamp is as old as it is); given up on after 3 s.
      const remaining = Math.max(1, this.responseWindowMs - (Date.now() - pending.dispatchedAt));
      const headers = {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
        ...signatureHeaders(endpoint.privateKey, body, Math.floor(pending.dispatchedAt / 1000)),
      };
      const answer = await new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
        const request = httpRequest(endpoint.url, { method: 'POST', headers, agent: this.agent }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        });
        const timer = setTimeout(() => request.destroy(new Error('Discord stopped waiting')), remaining);
        request.on('close', () => clearTimeout(timer));
        request.on('error', reject);
        request.end(body);
      });
      record.endpointStatus = answer.status;
      record.body = answer.type.startsWith('application/json') && answer.text ? JSON.parse(answer.text) : answer.text;
    } catch {
      // no answer in time (or the connection failed): Discord shows the member that the application did not respond
    }
    if (record.endpointStatus === 200 && typeof record.body === 'object' && record.body !== null) {
      [record.status] = this.onCallback(record, pending.id, pending.token);
    } else {
      record.interactionId = pending.id;
      record.msAfterInteraction = Date.now() - pending.dispatchedAt;
      record.status = record.endpointStatus === 0 ? 404 : 502;
    }
    this.requests.push(record);
    this.emit('request', record);
  }


  // ---- gateway ----

  private readonly sequences = new WeakMap<WebSocket, number>();

  private channelOf(guildId: string): string {
    return guildId === this.otherGuildId ? this.otherChannelId : this.channelId;
  }

  /** The open connections of the shard a guild's events go to. */
  private socketsOfGuild(guildId: string): WebSocket[] {
    return [...this.shardOf].filter(([, [id, count]]) => id === shardOfGuild(guildId, count)).map(([socket]) => socket);
  }

  private dispatch(event: string, data: unknown, only?: WebSocket): void {
    for (const socket of only ? [only] : this.sockets) {
      const s = (this.sequences.get(socket) ?? 0) + 1;
      this.sequences.set(socket, s);
      socket.send(JSON.stringify({ op: 0, t: event, s, d: data }));
    }
  }

  private onGatewayConnection(socket: WebSocket, request: IncomingMessage): void {
    this.gatewayQueries.push(new URL(request.url ?? '/', this.gatewayUrl).searchParams);
    this.sockets.add(socket);
    socket.on('close', (code) => {
      this.sockets.delete(socket);
      this.shardOf.delete(socket);
      this.gatewayCloseCodes.push(code);
    });
    socket.on('message', (raw) => this.onGatewayMessage(socket, JSON.parse(raw.toString())));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private onGatewayMessage(socket: WebSocket, message: { op: number; d: any }): void {
    switch (message.op) {
      case 1:
        this.heartbeats++;
        socket.send(JSON.stringify({ op: 11 }));
        break;
      case 2: {
        this.identifies.push(message.d);
        if (message.d?.token !== this.token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        const shard: [number, number] = Array.isArray(message.d?.shard) ? [Number(message.d.shard[0]), Number(message.d.shard[1])] : [0, 1];
        const [shardId, count] = shard;
        if (!(count >= 1 && shardId >= 0 && shardId < count)) {
          socket.close(4010, 'Invalid shard.');
          return;
        }
        this.shardOf.set(socket, shard);
        const guilds = [this.guildId, this.otherGuildId].filter((id) => shardOfGuild(id, count) === shardId);
        this.dispatch(
          'READY',
          {
            v: 10,
            user: { id: this.botUserId, username: 'byline', discriminator: '0', global_name: null, avatar: null, bot: true },
            guilds: guilds.map((id) => ({ id, unavailable: true })),
            session_id: `fake-session-${shardId}-${count}`,
            resume_gateway_url: this.gatewayUrl,
            shard,
            application: { id: this.applicationId, flags: 0 },
          },
          socket,
        );
        for (const id of guilds) this.dispatch('GUILD_CREATE', this.guild(id), socket);
        break;
      }
      case 6: {
        // A resumed session is the shard it was: its id and count are in the session id the fake gave it.
        const [, id, count] = /^fake-session-(\d+)-(\d+)$/.exec(String(message.d?.session_id)) ?? [];
        if (id === undefined || message.d?.token !== this.token) {
          socket.close(4009, 'Session timed out.');
          return;
        }
        this.shardOf.set(socket, [Number(id), Number(count)]);
        this.dispatch('RESUMED', null, socket);
        break;
      }
      default:
        break;
    }
  }

  private guild(id: string) {
    return {
      id,
      name: id === this.guildId ? 'Newsroom' : 'Second newsroom',
      icon: null,
      owner_id: this.userId,
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: '2024-01-01T00:00:00.000Z',
      features: [],
      roles: [{ id, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false }],
      emojis: [],
      stickers: [],
      members: [],
      channels: [{ id: this.channelOf(id), type: 0, name: 'news', position: 0, permission_overwrites: [] }],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---- REST ----

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${this.port}`);
    const attachment = /^\/attachments\/(\d+)\/[^/]+$/.exec(url.pathname);
    if (attachment && request.method === 'GET') {
      const served = this.files.get(attachment[1] ?? '');
      this.fileRequests.push(url.pathname);
      if (!served) response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': served.file.contentType, 'content-length': served.body.byteLength }).end(served.body);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : null;
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
    // A webhook call for an interaction whose HTTP response is still on its way waits for it, as at Discord,
    // where the response has been taken in before a request that depends on it can be answered.
    const webhookToken = /^\/webhooks\/\d+\/([^/]+)/.exec(path)?.[1];
    if (webhookToken) await this.findByToken(webhookToken)?.delivery;
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      query: url.searchParams,
      body,
      authorized: request.headers.authorization !== undefined,
      status: 0,
      interactionId: null,
      msAfterInteraction: null,
    };
    const [status, answer] = this.route(record, request.headers.authorization);
    record.status = status;
    this.requests.push(record);
    this.emit('request', record);
    if (answer === null) {
      response.writeHead(status).end();
    } else {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    }
  }

  /** The status and JSON body Discord would answer with. */
  private route(record: RecordedRequest, authorization: string | undefined): [number, unknown] {
    const { method, path, body } = record;
    const botAuthorized = authorization === `Bot ${this.token}`;
    const unauthorized: [number, unknown] = [401, { code: 0, message: '401: Unauthorized' }];
    let match: RegExpExecArray | null;

    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      if (path === '/gateway/bot' && !botAuthorized) return unauthorized;
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: this.shardCount,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.maxConcurrency },
        },
      ];
    }
    if (method === 'GET' && path === '/oauth2/applications/@me') {
      if (!botAuthorized) return unauthorized;
      return [200, { id: this.applicationId, name: 'byline', bot_public: false, bot_require_code_grant: false, flags: 0 }];
    }
    if ((match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      if (!botAuthorized) return unauthorized;
      if (match[1] !== this.applicationId) return [403, { code: 50001, message: 'Missing Access' }];
      const commands = (body as any[]).map((command) => ({
        ...command,
        id: this.snowflake(),
        application_id: this.applicationId,
        ...(match?.[2] ? { guild_id: match[2] } : {}),
        version: '1',
      }));
      return [200, commands];
    }
    if ((match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      return this.onCallback(record, match[1] ?? '', match[2] ?? '');
    }
    if ((match = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path))) {
      return this.onWebhook(record, match[1] ?? '', match[2] ?? '', Boolean(match[3]));
    }
    return [404, { code: 0, message: '404: Not Found' }];
  }

  private findByToken(token: string): PendingInteraction | undefined {
    return this.interactionsByToken.get(token);
  }

  private onCallback(record: RecordedRequest, id: string, token: string): [number, unknown] {
    const interaction = this.interactions.get(id);
    if (!interaction || interaction.token !== token) return [404, { code: 10062, message: 'Unknown interaction' }];
    record.interactionId = id;
    record.msAfterInteraction = Date.now() - interaction.dispatchedAt;
    if (interaction.acknowledged) return [400, { code: 40060, message: 'Interaction has already been acknowledged.' }];
    if (record.msAfterInteraction > this.responseWindowMs) return [404, { code: 10062, message: 'Unknown interaction' }];
    const callbackType = record.body?.type;
    if ((callbackType === 6 || callbackType === 7) && interaction.type !== 3) {
      return [400, { code: 50035, message: 'Invalid Form Body', errors: { type: 'update callbacks are for component interactions only' } }];
    }
    if (callbackType === 9 && interaction.type !== 2) {
      return [400, { code: 50035, message: 'Invalid Form Body', errors: { type: 'a modal answers a command or a component only' } }];
    }
    const problem = callbackType === 8 ? choicesProblem(record.body?.data?.choices ?? []) : callbackType === 9 ? modalProblem(record.body?.data) : messageBodyProblem(record.body?.data);
    if (problem) return [400, { code: 50035, message: 'Invalid Form Body', errors: { data: problem } }];
    interaction.acknowledged = true;
    if (callbackType === 9) {
      this.modals.set(id, record.body.data);
      return [204, null];
    }
    if (callbackType === 4 || callbackType === 5) {
      // A new message: the answer (4), or the "thinking…" one a deferral (5) shows until it is edited.
      const message = this.newMessage(callbackType === 4 ? record.body?.data : { flags: record.body?.data?.flags });
      interaction.messageId = message.id;
    } else if (callbackType === 7 && interaction.messageId) {
      this.editMessage(interaction.messageId, record.body?.data);
    }
    return [204, null];
  }

  private newMessage(body: any): FakeMessage {
    const message: FakeMessage = { id: this.snowflake(), content: '', embeds: [], components: [], flags: 0 };
    this.messages.set(message.id, message);
    this.editMessage(message.id, body);
    message.flags = body?.flags ?? 0;
    return message;
  }

  /** Applies an edit as Discord does: the fields sent replace the message's, the others stay. */
  private editMessage(id: string, body: any): void {
    const message = this.messages.get(id);
    if (!message || !body) return;
    if (body.content !== undefined) message.content = body.content ?? '';
    if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
    if (body.components !== undefined) message.components = body.components ?? [];
  }

  private onWebhook(record: RecordedRequest, applicationId: string, token: string, original: boolean): [number, unknown] {
    const interaction = this.findByToken(token);
    if (!interaction || applicationId !== this.applicationId) return [404, { code: 10015, message: 'Unknown Webhook' }];
    record.interactionId = interaction.id;
    record.msAfterInteraction = Date.now() - interaction.dispatchedAt;
    if (!interaction.acknowledged) return [404, { code: 10015, message: 'Unknown Webhook' }];
    if (original && record.method === 'DELETE') {
      if (interaction.messageId) this.messages.delete(interaction.messageId);
      return [204, null];
    }
    if (record.method !== (original ? 'PATCH' : 'POST')) return [405, { code: 0, message: '405: Method Not Allowed' }];
    const problem = messageBodyProblem(record.body);
    if (problem) return [400, { code: 50035, message: 'Invalid Form Body', errors: { data: problem } }];
    if (original && interaction.messageId) {
      this.editMessage(interaction.messageId, record.body);
      return [200, this.messagePayload(this.messages.get(interaction.messageId)!)];
    }
    return [200, this.messagePayload(this.newMessage(record.body))];
  }

  /** A message object as Discord returns it after an edit or a follow-up, and sends it with a component interaction. */
  private messagePayload(message: FakeMessage) {
    return {
      id: message.id,
      type: 20,
      channel_id: this.channelId,
      content: message.content,
      embeds: message.embeds,
      attachments: [],
      components: message.components,
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: message.flags,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      author: { id: this.botUserId, username: 'byline', discriminator: '0', global_name: null, avatar: null, bot: true },
    };
  }
}
