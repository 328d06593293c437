/**
 * Keeping embeds within Discord's limits. Renderers budget their text as they build it; these functions are
 * the last line of defence, applied to every embed before it is sent, so a message is never refused (50035).
 */
import type { APIEmbed } from 'discord.js';
import { cutText } from './markdown.ts';
import {
  EMBEDS_PER_MESSAGE_MAX,
  EMBED_AUTHOR_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
} from './limits.ts';

/** The characters of an embed that count towards Discord's 6000-character total. */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Cuts an optional text part; an empty result is dropped, since Discord refuses empty strings. */
function cutPart(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const cut = cutText(text, max);
  return cut === '' ? undefined : cut;
}

/**
 * Returns a copy of `embed` that keeps every Discord limit: each part cut cleanly to its own limit (title 256,
 * description 4096, 25 fields of 256/1024, footer 2048, author 256), then the whole within `budget`
 * (default 6000) by dropping fields from the end, then cutting the description, footer, author and title.
 */
export function truncateEmbed(embed: APIEmbed, budget: number = EMBED_TOTAL_MAX): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  const title = cutPart(embed.title, EMBED_TITLE_MAX);
  const description = cutPart(embed.description, EMBED_DESCRIPTION_MAX);
  if (title === undefined) delete fitted.title;
  else fitted.title = title;
  if (description === undefined) delete fitted.description;
  else fitted.description = description;
  if (embed.fields) {
    fitted.fields = embed.fields.slice(0, EMBED_FIELDS_MAX).map((field) => ({
      ...field,
      name: cutText(field.name, EMBED_FIELD_NAME_MAX) || '\u200b',
      value: cutText(field.value, EMBED_FIELD_VALUE_MAX) || '\u200b',
    }));
  }
  if (embed.footer) fitted.footer = { ...embed.footer, text: cutText(embed.footer.text, EMBED_FOOTER_MAX) || '\u200b' };
  if (embed.author) fitted.author = { ...embed.author, name: cutText(embed.author.name, EMBED_AUTHOR_MAX) || '\u200b' };

  while (embedLength(fitted) > budget && fitted.fields && fitted.fields.length > 0) fitted.fields = fitted.fields.slice(0, -1);
  if (fitted.fields?.length === 0) delete fitted.fields;
  const shrink = (text: string): string => cutText(text, Math.max(0, text.length - (embedLength(fitted) - budget)));
  if (embedLength(fitted) > budget && fitted.description) {
    const description = shrink(fitted.description);
    if (description === '') delete fitted.description;
    else fitted.description = description;
  }
  if (embedLength(fitted) > budget && fitted.footer) fitted.footer = { ...fitted.footer, text: shrink(fitted.footer.text) || '\u200b' };
  if (embedLength(fitted) > budget && fitted.author) fitted.author = { ...fitted.author, name: shrink(fitted.author.name) || '\u200b' };
  if (embedLength(fitted) > budget && fitted.title) fitted.title = shrink(fitted.title) || '\u200b';
  return fitted;
}

/**
 * Fits the embeds of one message: at most 10, each truncated, and together within 6000 characters
 * (later embeds get what the earlier ones leave; one that would get nothing is dropped).
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted: APIEmbed[] = [];
  let left = EMBED_TOTAL_MAX;
  for (const embed of embeds.slice(0, EMBEDS_PER_MESSAGE_MAX)) {
    if (left <= 0) break;
    const one = truncateEmbed(embed, left);
    left -= embedLength(one);
    fitted.push(one);
  }
  return fitted;
}
