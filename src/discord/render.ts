/**
 * Turns a command's {@link Reply} into a Discord message body, through the Discord renderer its command file
 * declares. The result is plain API JSON (not a discord.js class), so the gateway transport (interactions.ts)
 * and an HTTP-interactions endpoint can send the very same thing. Every message switches mentions off and
 * keeps Discord's limits; a paged answer gets its Previous/Next buttons.
 */
import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { Choice, FormSpec } from '../answers.ts';
import { commandOf, type Reply } from '../../commands/index.ts';
import { pageButtonId, pagingOf, type Paging } from '../../commands/paging.ts';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, CHOICE_VALUE_MAX, EMBED_FOOTER_MAX, MESSAGE_CONTENT_MAX } from './limits.ts';
import { cutText, escapeText } from './markdown.ts';
import { fitEmbeds } from './truncate.ts';

export { truncateEmbed, fitEmbeds, embedLength } from './truncate.ts';

/** A message as byline sends it, in Discord's own field names. */
export interface ReplyMessage {
  content?: string;
  embeds: APIEmbed[];
  /** The page buttons of a paged answer (an empty list takes earlier buttons away when a message is updated). */
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Always `{ parse: [] }`: nothing byline echoes may ping anyone. */
  allowed_mentions: { parse: [] };
  /** Only the user who asked sees it (message flag 64). */
  ephemeral: boolean;
  /**
   * A form to show instead of a message (a modal: Discord's callback type 9, which must be the first
   * response to the interaction); the message fields are then unused.
   */
  modal?: APIModalInteractionResponseCallbackData;
}

/** What the user sees when answering failed; kind, short, and with nothing internal in it. */
export const FAILURE_MESSAGE = 'Something went wrong while answering; please try again.';

/** Said above a page when the list changed since the page before it was shown. */
export const LIST_CHANGED = 'The library has changed since the previous page: this page is of the list as it is now.';

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
  if (reply.type === 'notice') return textMessage(reply.message, true);
  const command = commandOf(reply);
  const form = command.render.form?.(reply.result) ?? null;
  if (form) return { embeds: [], allowed_mentions: { parse: [] }, ephemeral: true, modal: renderForm(form) };
  const message = (embed: APIEmbed): ReplyMessage => ({ embeds: fitEmbeds([embed]), allowed_mentions: { parse: [] }, ephemeral: reply.hide });
  if (!command.pages) return message(command.render.discord(reply.result, null));
  // A message shows one page: the one asked for, else the first.
  const paging: Paging = reply.paging ?? { ...pagingOf(command.pages, reply.result, null), resume: null };
  const embed = withPageNotes(command.render.discord(command.pages.page(reply.result, paging.page), paging), paging, command.definition.name);
  return { ...message(embed), components: pageButtons(paging) };
}

/** What a page says besides its items: that the list changed, that the page asked for is past the end, how to go on without buttons. */
function withPageNotes(embed: APIEmbed, paging: Paging, command: string): APIEmbed {
  const notes: string[] = [];
  if (paging.changed) notes.push(`_${LIST_CHANGED}_`);
  if (paging.asked !== null && paging.asked > paging.pages) {
    notes.push(`_There ${paging.pages === 1 ? 'is only one page' : `are only ${paging.pages} pages`}; this is the last._`);
  }
  const description = notes.length > 0 ? `${notes.join('\n')}\n\n${embed.description ?? ''}` : embed.description;
  let footer = embed.footer?.text ?? '';
  if (paging.resume === null && paging.page < paging.pages) footer = `${footer ? `${footer} · ` : ''}/${command} page:${paging.page + 1} for the next page`;
  return {
    ...embed,
    ...(description ? { description } : {}),
    ...(footer ? { footer: { ...embed.footer, text: cutText(footer, EMBED_FOOTER_MAX) } } : {}),
  };
}

/**
 * Previous and Next, when the answer has more than one page and its arguments fit in a custom_id; a button
 * that leads nowhere (Previous on page 1, Next on the last) is shown disabled.
 */
function pageButtons(paging: Paging): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  if (paging.pages <= 1 || paging.resume === null) return [];
  const button = (label: string, page: number, disabled: boolean): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: pageButtonId(paging.resume!, page),
    disabled,
  });
  return [
    {
      type: ComponentType.ActionRow,
      components: [button('◀ Previous', paging.page - 1, paging.page <= 1), button('Next ▶', paging.page + 1, paging.page >= paging.pages)],
    },
  ];
}

/** A form as a Discord modal: one text input per row, labels within 45 characters, the title within 45. */
export function renderForm(form: FormSpec): APIModalInteractionResponseCallbackData {
  return {
    custom_id: form.id.slice(0, 100),
    title: cutText(form.title, 45),
    components: form.inputs.slice(0, 5).map((input) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: input.id,
          label: cutText(input.label, 45),
          style: input.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: input.required,
          max_length: Math.min(4000, input.maxLength),
          ...(input.placeholder ? { placeholder: cutText(input.placeholder, 100) } : {}),
        },
      ],
    })),
  };
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
