/**
 * Recognising and logging the errors Discord answers with. A request URL of an interaction or a webhook
 * carries its token, so errors are logged through {@link errorFields}, which keeps the code and route and
 * drops the token.
 */
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from 'discord.js';
import type { Logger } from 'pino';

/** True when Discord no longer knows the interaction: its 3 s (or 15 min) window passed before byline answered. */
export function isUnknownInteraction(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;
}

/**
 * True when Discord does not know the interaction's webhook: a call on the interaction's token (an edit, a
 * deletion, a follow-up) for an interaction whose first response Discord never took in — over HTTP, the
 * response left byline just as Discord stopped waiting for it — or whose 15 minutes are over. The
 * interaction can no longer be answered, as with {@link isUnknownInteraction}.
 */
export function isUnknownWebhook(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownWebhook;
}

/** True when the interaction had already been answered (by another instance of the bot, or a retry). */
export function isAlreadyAcknowledged(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged;
}

/** A request URL with the tokens of interaction and webhook routes replaced by `:token`. */
export function withoutTokens(url: string): string {
  return url
    .replace(/(\/interactions\/\d+\/)[^/?#]+/g, '$1:token')
    .replace(/(\/webhooks\/\d+\/)[^/?#]+/g, '$1:token');
}

/** What is worth logging of an error, as plain fields pino can print; never a token. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return {
      type: error.name,
      message: error.message,
      status: error.status,
      method: error.method,
      url: withoutTokens(error.url),
      ...(error instanceof DiscordAPIError ? { code: error.code } : {}),
    };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error, message: String(error) };
}

/** The logger process-level handlers write to: the latest transport's. */
let processLogger: Logger | null = null;

/**
 * Makes an unhandled promise rejection a logged error instead of the end of the process (Node's default).
 * Installed once per process however many bots or endpoints start; it logs through the latest one's logger.
 */
export function logUnhandledRejections(logger: Logger): void {
  const first = processLogger === null;
  processLogger = logger;
  if (!first) return;
  process.on('unhandledRejection', (reason) => {
    processLogger?.error({ err: errorFields(reason) }, 'unhandled promise rejection');
  });
}
