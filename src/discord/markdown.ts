/**
 * Making text safe to echo in a Discord message: anything that comes from a user or an article is shown as
 * written, never interpreted as Discord markdown or as a mention. (Mentions are also switched off per message
 * with `allowed_mentions: { parse: [] }`; this makes them look harmless as well as be harmless.)
 */
// From @discordjs/formatters, the package discord.js itself re-exports it from: the same function, without
// loading discord.js (1.2 s), so the console and `ask` can render through the commands' renderers too.
import { escapeMarkdown } from '@discordjs/formatters';

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Breaks mention syntax so it shows as plain text: `@everyone`/`@here` get a zero-width space after the `@`,
 * and `<@123>`, `<@!123>`, `<@&123>`, `<#123>`, `</cmd:1>` one after the `<`.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)\b/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(@[!&]?|#|\/)/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/** A character that any of the escapes below acts on, wherever it stands. */
const MARKDOWN_ANYWHERE = /[\\`*_~|[\]<@]/;
/** What they act on only at the start of a line: headings, lists, block quotes. */
const MARKDOWN_LINE_START = /^\s*(?:[-#>]|\d+\.)/m;

/**
 * Escapes `text` for a markdown context (a message's content, an embed's description or field value): bold,
 * italics, underline, strikethrough, spoilers, code, headings, lists, masked links and block quotes all show
 * literally, and mentions are neutralised. Text with nothing to escape (most names, titles and quotes) is
 * returned as it is, without the dozen regular expressions of {@link escapeTextFully} (about 0.2 ms of an
 * interaction's 8 ms of CPU in a profile of `npm run loadtest`).
 */
export function escapeText(text: string): string {
  return MARKDOWN_ANYWHERE.test(text) || MARKDOWN_LINE_START.test(text) ? escapeTextFully(text) : text;
}

/** {@link escapeText} without its shortcut: every escape applied. */
export function escapeTextFully(text: string): string {
  // discord.js escapes only the first bracket of a masked link (`[a] [b](url)` stays a link), so every
  // bracket is escaped here instead; `>` only matters at the start of a line (a block quote).
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true });
  return neutraliseMentions(escaped)
    .replace(/[[\]]/g, '\\$&')
    .replace(/^(\s*)>/gm, '$1\\>');
}

/**
 * Cuts `text` to at most `max` characters, cleanly: on a word boundary when one is reasonably close, with `…`
 * at the end, never leaving half an escape (`\`) or half a surrogate pair behind. Text that fits is returned as is.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const room = max - 1;
  let cut = text.slice(0, room);
  const lastBreak = cut.search(/\s\S*$/);
  const endsInsideWord = /\S/.test(text.charAt(room));
  if (endsInsideWord && lastBreak >= room * 0.6) cut = cut.slice(0, lastBreak);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/[\s\\]+$/, '');
  return `${cut}…`;
}

/** An http(s) URL that can safely stand in a masked link, or null when `source` is not one (e.g. a publication name). */
export function linkTarget(source: string | null): string | null {
  if (!source || !/^https?:\/\//i.test(source)) return null;
  try {
    // Parentheses and spaces would end a masked link early; URL percent-encodes spaces, we do the rest.
    return new URL(source).href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return null;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2022-02-23` → `23 Feb 2022`: unambiguous in every locale, and short. Anything else is returned escaped. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return escapeText(iso);
  return `${Number(match[3])} ${month} ${match[1]}`;
}
