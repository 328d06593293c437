/**
 * Turns a command's {@link Reply} into a Discord message body. The result is plain API JSON (not a discord.js
 * class), so the gateway transport (interactions.ts) and a future HTTP-interactions endpoint can send the very
 * same thing. Every message switches mentions off and keeps Discord's limits.
 */
import type { APIEmbed } from 'discord.js';
import type { Choice } from '../answers.ts';
import type { Reply } from '../../commands/index.ts';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, CHOICE_VALUE_MAX, MESSAGE_CONTENT_MAX } from './limits.ts';
import { cutText, escapeText } from './markdown.ts';
import { renderArticles, renderQuotes, renderWhoIs } from './render/listings.ts';
import { renderWhatHappened } from './render/what-happened.ts';
import { renderWhoSaid } from './render/who-said.ts';
import { fitEmbeds } from './truncate.ts';

export { truncateEmbed, fitEmbeds, embedLength } from './truncate.ts';

/** A message as byline sends it, in Discord's own field names. */
export interface ReplyMessage {
  content?: string;
  embeds: APIEmbed[];
  /** Always `{ parse: [] }`: nothing byline echoes may ping anyone. */
  allowed_mentions: { parse: [] };
  /** Only the user who asked sees it (message flag 64). */
  ephemeral: boolean;
}

/** What the user sees when answering failed; kind, short, and with nothing internal in it. */
export const FAILURE_MESSAGE = 'Something went wrong while answering; please try again.';

/** A plain-text message, escaped and cut to Discord's 2000 characters. */
export function textMessage(text: string, ephemeral: boolean): ReplyMessage {
  return { content: cutText(escapeText(text), MESSAGE_CONTENT_MAX), embeds: [], allowed_mentions: { parse: [] }, ephemeral };
}

/** The ephemeral message sent when a command failed. */
export function renderFailure(): ReplyMessage {
  return textMessage(FAILURE_MESSAGE, true);
}

/** Renders any reply into a message that Discord accepts: escaped, mentions off, within every limit. */
export function renderReply(reply: Reply): ReplyMessage {
  const embed = (one: APIEmbed): ReplyMessage => ({
    embeds: fitEmbeds([one]),
    allowed_mentions: { parse: [] },
    ephemeral: reply.hide,
  });
  switch (reply.type) {
    case 'who-said':
      return embed(renderWhoSaid(reply.result));
    case 'what-happened':
      return embed(renderWhatHappened(reply.result));
    case 'quotes':
      return embed(renderQuotes(reply.result));
    case 'articles':
      return embed(renderArticles(reply.result));
    case 'who-is':
      return embed(renderWhoIs(reply.result));
    case 'notice':
      return textMessage(reply.message, true);
  }
}

/**
 * Autocomplete choices as Discord accepts them: at most 25, names and values cut to 100 characters, none
 * empty. Values are compact ids and are cut hard (no `…`), names cleanly on a word.
 */
export function fitChoices(choices: readonly Choice[]): Choice[] {
  return choices
    .filter((choice) => choice.name.trim() !== '' && choice.value !== '')
    .slice(0, AUTOCOMPLETE_CHOICES_MAX)
    .map((choice) => ({ name: cutText(choice.name, CHOICE_NAME_MAX), value: choice.value.slice(0, CHOICE_VALUE_MAX) }));
}
