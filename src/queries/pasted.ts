/**
 * Text pasted from Discord carries Discord's own markup around the words a member remembers: quote-block
 * prefixes (`> `, `>>> `), mentions (`<@123>`, `<#123>`, `<@&123>`, `@everyone`), custom emoji and
 * timestamps (`<:name:123>`, `<t:1700000000:R>`), masked links (`[text](url)`), headers and list bullets,
 * and inline markdown (`**bold**`, `*italic*`, `__underline__`, `~~strike~~`, `||spoiler||`, `` `code` ``),
 * with its backslash escapes. None of it is the article's words: it is taken out before a query is
 * matched, so `> **tragic** war of choice <@123>` asks for "tragic war of choice".
 *
 * Word-internal marks stay (`000_4cbc…` article ids, snake_case, `5*3`): emphasis is only taken where it
 * wraps words, as Discord renders it.
 */

/** Discord's angle-bracket tokens: user, role and channel mentions, custom emoji, timestamps, command mentions. */
const TOKENS = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?|\/[\w -]+:\d+)>/g;
/** Paired emphasis marks, longest first, each wrapping non-space text and not inside a word. */
const PAIRED = ['\\*\\*\\*', '\\*\\*', '__', '~~', '\\|\\|', '\\*', '_', '```', '`'].map(
  (mark) => new RegExp(`(^|[^\\p{L}\\p{N}\\\\])${mark}(?=\\S)([\\s\\S]*?\\S)${mark}(?![\\p{L}\\p{N}])`, 'gu'),
);

/** The words of a pasted message without Discord's markup (see the module comment). */
export function withoutDiscordMarkup(text: string): string {
  let out = text
    .replace(TOKENS, ' ')
    .replace(/(^|\s)@(?:everyone|here)\b/g, '$1')
    // Masked links keep their text; bare URLs are no one's words either.
    .replace(/\[([^\]\n]+)\]\(\s*<?https?:\/\/[^)\s]+>?\s*\)/g, '$1')
    .replace(/<?https?:\/\/[^\s>]+>?/g, ' ')
    // Line starts: quote blocks, headers, subtext and list bullets.
    .replace(/^[ \t]*(?:>>>|>)[ \t]?/gm, '')
    .replace(/^[ \t]*(?:#{1,3}|-#)[ \t]+/gm, '')
    .replace(/^[ \t]*[-*+][ \t]+/gm, '');
  for (let pass = 0; pass < 3; pass++) {
    const before = out;
    for (const pattern of PAIRED) out = out.replace(pattern, '$1$2');
    if (out === before) break;
  }
  // Backslash escapes of markdown characters: `\*` is a star.
  return out.replace(/\\([*_~`|>#\\-])/g, '$1');
}
