/**
 * Recognising and logging the errors Discord answers with. A request URL of an interaction or a webhook
 * carries its token, so errors are logged through {@link errorFields}, which keeps the code and route and
 * drops the token.
 */
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from 'discord.js';

/** True when Discord no longer knows the interaction: its 3 s (or 15 min) window passed before byline answered. */
export function isUnknownInteraction(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;
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
