/**
 * Pieces every rendering shares: the source line of an article, the query's words in bold, and filling a
 * description line by line within a budget.
 */
import type { ArticleRef } from '../../answers.ts';
import { normalizeTerm, tokenize } from '../../search/terms.ts';
import { cutText, escapeText, formatDate, linkTarget } from '../markdown.ts';

/** byline's accent colour on every embed. */
export const EMBED_COLOUR = 0x3b6ea5;

/** `[Title](url) · 23 Feb 2022`, or `Title (Publication) · …` when the source is not a URL; title and source escaped. */
export function articleLine(article: ArticleRef, titleMax = 200): string {
  const title = escapeText(cutText(article.title || 'Untitled article', titleMax));
  const url = linkTarget(article.source);
  let line = url ? `[${title}](${url})` : title;
  if (!url && article.source) line += ` (${escapeText(cutText(article.source, 80))})`;
  if (article.date) line += ` · ${formatDate(article.date)}`;
  return line;
}

/** `¶4` — how a paragraph is referred to everywhere in byline. */
export function paragraphRef(paragraph: number): string {
  return `¶${paragraph}`;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/**
 * The index terms of the query's words (see src/search/terms.ts), so a passage's words are bolded exactly
 * when the engine would match them: "sanction" bolds "sanctions", stop words bold nothing.
 */
export function queryTerms(query: string | null): Set<string> {
  const terms = new Set<string>();
  for (const word of tokenize(query ?? '')) {
    const term = normalizeTerm(word);
    if (term !== null) terms.add(term);
  }
  return terms;
}

/**
 * Escapes `text` and puts in **bold** every word that matches one of `terms` (see {@link queryTerms}), so the
 * reader sees why a passage was chosen.
 */
export function highlight(text: string, terms: ReadonlySet<string>): string {
  if (terms.size === 0) return escapeText(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const term = normalizeTerm(word);
    if (term === null || !terms.has(term)) continue;
    out += `${escapeText(text.slice(last, match.index))}**${escapeText(word)}**`;
    last = match.index + word.length;
  }
  return out + escapeText(text.slice(last));
}

/**
 * Joins `lines` with newlines, keeping as many whole lines as fit in `budget` characters; when some are left
 * out (or `hidden` more were never passed), ends with `more(count)` (e.g. "…and 12 more passages"), so nothing
 * is cut mid-line.
 */
export function fillLines(lines: readonly string[], budget: number, more: (count: number) => string, hidden = 0): string {
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    const leftAfter = lines.length - index - 1 + hidden;
    const reserve = leftAfter > 0 ? more(leftAfter).length + 1 : 0;
    if (used + line.length + reserve > budget) {
      kept.push(more(lines.length - index + hidden));
      return kept.join('\n');
    }
    kept.push(line);
    used += line.length + 1;
  }
  if (hidden > 0) kept.push(more(hidden));
  return kept.join('\n');
}

/** `1 quote`, `3 quotes`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** The article's title (escaped, cut to `titleMax` after escaping) and date, without a link: for a line that must be short. */
export function plainArticleLine(article: ArticleRef, titleMax = 60): string {
  const title = cutText(escapeText(article.title || 'Untitled article'), titleMax);
  return article.date ? `${title} · ${cutText(formatDate(article.date), 20)}` : title;
}

/**
 * The first of `variants` (built only when needed, fullest first) that fits in `budget` characters; when
 * none does, the last one cut to it. A page of a list gives each line such a budget, so that every item of
 * the page is shown, whatever its text (long titles, long links, text that escaping doubles).
 */
export function lineWithin(budget: number, ...variants: (() => string | null)[]): string {
  let last = '';
  for (const variant of variants) {
    const line = variant();
    if (line === null) continue;
    if (line.length <= budget) return line;
    last = line;
  }
  return cutText(last, budget);
}

/** `Page 2 of 9`, for a footer; empty when there is one page. */
export function pageFooter(page: { page: number; pages: number }): string {
  return page.pages > 1 ? `Page ${page.page} of ${page.pages}` : '';
}
