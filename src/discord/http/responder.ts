/**
 * The HTTP transport's {@link Responder}: the first response to an interaction is the body of the HTTP
 * response to Discord's POST (an interaction callback); everything after it goes through the interaction's
 * webhook (`/webhooks/{application_id}/{token}`), over Discord's REST API with the interaction token and no
 * bot token. Messages are sent in the API's own field names, mentions off.
 */
import type { ServerResponse } from 'node:http';
import { Routes, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { REST } from 'discord.js';
import type { Choice } from '../../answers.ts';
import { InteractionClosedError, type Responder } from '../answering.ts';
import type { ReplyMessage } from '../render.ts';
import type { Envelope } from './payload.ts';

/** Discord's interaction callback types. */
export const CallbackType = {
  Pong: 1,
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

/** The message flag that makes it ephemeral. */
const EPHEMERAL = 64;

/**
 * A rendered message as API JSON: whatever the renderer put in it (content, embeds, components…) except its
 * `ephemeral` mark, which becomes flag 64 for a new message; mentions are switched off whatever it says.
 */
export function messageData(message: ReplyMessage, options: { flags: boolean }): Record<string, unknown> {
  const { ephemeral, ...data } = message;
  return { ...data, allowed_mentions: { parse: [] }, ...(options.flags && ephemeral ? { flags: EPHEMERAL } : {}) };
}

/** Writes a JSON body as the whole HTTP response; resolves once it is handed to the socket. */
export function sendJson(response: ServerResponse, status: number, body: unknown): Promise<void> {
  if (response.headersSent || response.destroyed || response.socket?.destroyed) {
    return Promise.reject(new InteractionClosedError('the request was closed before byline answered'));
  }
  const json = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const closed = () => reject(new InteractionClosedError('the request was closed before byline answered'));
    response.once('close', closed);
    response
      .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), 'cache-control': 'no-store' })
      .end(json, () => {
        response.off('close', closed);
        resolve();
      });
  });
}

export class HttpResponder implements Responder {
  constructor(
    private readonly response: ServerResponse,
    private readonly rest: REST,
    private readonly envelope: Envelope,
  ) {}

  /** True once the HTTP response has been sent (or the request closed). */
  get responded(): boolean {
    return this.response.headersSent || this.response.destroyed;
  }

  private callback(type: number, data?: unknown): Promise<void> {
    return sendJson(this.response, 200, data === undefined ? { type } : { type, data });
  }

  reply(message: ReplyMessage): Promise<void> {
    return this.callback(CallbackType.ChannelMessage, messageData(message, { flags: true }));
  }

  deferReply(ephemeral: boolean): Promise<void> {
    return this.callback(CallbackType.DeferredChannelMessage, ephemeral ? { flags: EPHEMERAL } : {});
  }

  update(message: ReplyMessage): Promise<void> {
    return this.callback(CallbackType.UpdateMessage, messageData(message, { flags: false }));
  }

  deferUpdate(): Promise<void> {
    return this.callback(CallbackType.DeferredUpdateMessage);
  }

  autocomplete(choices: Choice[]): Promise<void> {
    return this.callback(CallbackType.AutocompleteResult, { choices });
  }

  modal(modal: APIModalInteractionResponseCallbackData): Promise<void> {
    return this.callback(CallbackType.Modal, modal);
  }

  async editOriginal(message: ReplyMessage): Promise<void> {
    const { applicationId, token } = this.envelope;
    await this.rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body: messageData(message, { flags: false }), auth: false });
  }

  async deleteOriginal(): Promise<void> {
    const { applicationId, token } = this.envelope;
    await this.rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
  }

  async followUp(message: ReplyMessage): Promise<void> {
    const { applicationId, token } = this.envelope;
    await this.rest.post(Routes.webhook(applicationId, token), { body: messageData(message, { flags: true }), auth: false });
  }
}
