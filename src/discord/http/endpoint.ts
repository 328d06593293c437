/**
 * Discord's HTTP interactions endpoint (`BYLINE_TRANSPORT=http`): Discord POSTs each interaction to
 * `/interactions` on the service port, signed; byline answers in the HTTP response (or defers there, and
 * edits the response later through the interaction's webhook). No gateway connection and no bot token: any
 * number of these processes can stand behind a load balancer, each answering whatever reaches it.
 *
 * Per request: only POST; a body limit ({@link MAX_BODY_BYTES}, 413 beyond it); the Ed25519 signature and
 * its timestamp checked before anything is read (401 otherwise, and nothing runs); PING answered PONG;
 * commands, autocomplete and components answered by the same answerer, commands and renderers as the
 * gateway's. node:http alone (see the README for the measurement against a framework).
 */
import { INTERACTION_REST_OPTIONS } from '../limits.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { REST } from 'discord.js';
import type { Logger } from 'pino';
import { DEFAULT_DISCORD_API_URL } from '../../config.ts';
import { createAnswerer, type AnswererOptions } from '../answering.ts';
import { errorFields, logUnhandledRejections } from '../errors.ts';
import { PayloadError, readInteraction } from './payload.ts';
import { CallbackType, HttpResponder, sendJson } from './responder.ts';
import { discordPublicKey, signatureProblem } from './verify.ts';

/**
 * Largest request body accepted (256 KiB). An interaction is a few kilobytes; the largest, a component on a
 * message, carries that message (at most 2,000 characters of content and 6,000 of embeds, each character up
 * to 12 bytes as escaped JSON) and the resolved users and roles: far below this.
 */
export const MAX_BODY_BYTES = 256 * 1024;

/** Default bound on the wait for interactions in flight when the endpoint stops (as the gateway's). */
export const DRAIN_MS = 10_000;

/**
 * Age of a signed request (by its signature's timestamp) from which it is not answered at all (10 s):
 * Discord stopped waiting after 3 s, so under overload the engine's time goes to interactions that can still
 * be answered. The margin over 3 s is for the timestamp's whole seconds and clocks a few seconds apart.
 */
export const TOO_LATE_S = 10;

export interface InteractionsEndpointOptions extends AnswererOptions {
  /** The application's public key, hex, from the developer portal (`DISCORD_PUBLIC_KEY`). */
  publicKey: string;
  /** Base of Discord's REST API for the webhook calls (default `https://discord.com/api`). */
  apiUrl?: string;
  /** Largest body accepted (default {@link MAX_BODY_BYTES}). */
  maxBodyBytes?: number;
  /** How long `stop()` waits for the interactions in flight (default {@link DRAIN_MS}). */
  drainMs?: number;
}

export interface InteractionsEndpoint {
  /** The request listener of `/interactions` (mounted on the service port). */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** True until `stop()` (for /healthz). */
  accepting(): boolean;
  /**
   * Stops taking interactions (503 from then on) and waits, at most `drainMs`, for those in flight to be
   * answered, edits included. Calling it again returns the same promise.
   */
  stop(): Promise<void>;
}

function plain(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(`${text}\n`);
}

/** The request's body, or null as soon as it is longer than `max` bytes (the rest is not read). */
function readBody(request: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > max) {
        request.off('data', onData);
        request.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks, length)));
    request.once('error', reject);
  });
}

export function createInteractionsEndpoint(options: InteractionsEndpointOptions): InteractionsEndpoint {
  const key: KeyObject = discordPublicKey(options.publicKey);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const logger: Logger = options.logger.child({ transport: 'http' });
  logUnhandledRejections(logger);
  // The webhook calls carry the interaction's token in their route: no bot token is ever set on this client.
  const rest = new REST({ ...INTERACTION_REST_OPTIONS, api: options.apiUrl ?? DEFAULT_DISCORD_API_URL, version: '10' });
  rest.on('rateLimited', (limit) =>
    logger.warn({ route: limit.route, method: limit.method, retryAfterMs: limit.retryAfter, global: limit.global }, 'rate limited'),
  );
  const answerer = createAnswerer({ ...options, logger });
  const inFlight = new Set<Promise<void>>();
  let stopping: Promise<void> | null = null;

  /** Answers one verified interaction; the HTTP response is always ended, whatever happens. */
  async function answer(request: Buffer, signedAt: number, response: ServerResponse): Promise<void> {
    let incoming;
    try {
      incoming = readInteraction(JSON.parse(request.toString('utf8')));
    } catch (error) {
      logger.warn({ err: errorFields(error) }, 'interaction refused: unreadable payload');
      plain(response, 400, error instanceof PayloadError ? error.message : 'the body is not JSON');
      return;
    }
    if (incoming.kind === 'ping') {
      await sendJson(response, 200, { type: CallbackType.Pong });
      logger.debug('answered PING');
      return;
    }
    if (incoming.kind === 'other') {
      logger.warn({ interactionId: incoming.id, kind: incoming.type }, 'interaction kind not handled');
      plain(response, 400, 'byline does not handle this kind of interaction');
      return;
    }
    // Discord no longer waits for it (the request was closed, or signed long ago): nothing is run for it.
    const ageS = Date.now() / 1000 - signedAt;
    if (response.destroyed || response.socket?.destroyed || ageS >= TOO_LATE_S) {
      const command = incoming.kind === 'component' ? 'component' : incoming.data.commandName;
      const kind = incoming.kind === 'component' ? (incoming.data.source === 'modal' ? 'modal' : 'button') : incoming.kind === 'menu' ? 'command' : incoming.kind;
      logger.warn({ command, guildId: incoming.data.guildId, interactionId: incoming.data.id, ageS: Math.round(ageS) }, 'interaction arrived after Discord stopped waiting: not answered');
      try {
        options.observe?.({ command, kind, outcome: 'expired', ms: 0 });
      } catch {
        // metrics never break an answer
      }
      plain(response, 408, 'too late');
      return;
    }
    const responder = new HttpResponder(response, rest, incoming);
    try {
      if (incoming.kind === 'command') await answerer.command(incoming.data, responder);
      else if (incoming.kind === 'menu') await answerer.menu(incoming.data, responder);
      else if (incoming.kind === 'autocomplete') await answerer.autocomplete(incoming.data, responder);
      else await answerer.component(incoming.data, responder);
    } finally {
      // The answerer always responds; should it ever not, the request still ends rather than hanging.
      if (!responder.responded) plain(response, 500, 'not answered');
    }
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return plain(response, 405, 'method not allowed', { allow: 'POST' });
    if (stopping) return plain(response, 503, 'byline is stopping', { connection: 'close' });
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return plain(response, 413, 'body too large', { connection: 'close' });
    const body = await readBody(request, maxBodyBytes);
    if (body === null) return plain(response, 413, 'body too large', { connection: 'close' });
    const problem = signatureProblem(
      key,
      { signature: request.headers['x-signature-ed25519'], timestamp: request.headers['x-signature-timestamp'] },
      body,
    );
    if (problem) {
      // Discord sends these on purpose to check the endpoint: refused quietly.
      logger.debug({ problem }, 'interaction refused: not signed by Discord');
      return plain(response, 401, 'invalid request signature');
    }
    await answer(body, Number(request.headers['x-signature-timestamp']), response);
  }

  return {
    handle(request, response) {
      const running = serve(request, response)
        .catch((error: unknown) => {
          logger.error({ err: errorFields(error) }, 'interactions endpoint failed');
          plain(response, 500, 'internal error');
        })
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
    },
    accepting: () => stopping === null,
    stop() {
      stopping ??= (async () => {
        if (inFlight.size > 0) {
          logger.info({ inFlight: inFlight.size }, 'stopping: answering the interactions in flight');
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.drainMs ?? DRAIN_MS)));
          const outcome = await Promise.race([Promise.allSettled([...inFlight]).then(() => 'done' as const), timeout]);
          clearTimeout(timer);
          if (outcome === 'timeout') logger.warn({ unanswered: inFlight.size }, 'stopping: gave up waiting for interactions in flight');
        }
        logger.info('stopped taking interactions');
      })();
      return stopping;
    },
  };
}
