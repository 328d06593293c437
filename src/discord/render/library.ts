/**
 * `/library` as a Discord embed: what byline understood of an article just added (title, date, author,
 * paragraphs, the quotes found with their speakers), what was already there, an article removed, or the
 * server's own articles a page at a time. Every text is escaped and cut within Discord's limits.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { AddedArticle, FoundQuote, LibraryResult } from '../../answers.ts';
import type { PageView } from '../../../commands/paging.ts';
import { UNNAMED, speakerWords } from '../../format/certainty.ts';
import { EMBED_DESCRIPTION_MAX } from '../limits.ts';
import { cutText, escapeText } from '../markdown.ts';
import { EMBED_COLOUR, articleLine, count, fillLines, pageFooter, paragraphRef } from './common.ts';
import { articleSummaryLine } from './listings.ts';

/** Longest quote shown for an article added (characters, before escaping). */
const QUOTE_MAX = 160;

export function renderLibrary(result: LibraryResult, page: PageView | null = null): APIEmbed {
  switch (result.action) {
    case 'add':
      return renderAdded(result);
    case 'remove':
      return {
        color: EMBED_COLOUR,
        title: 'Removed from this server’s library',
        description: result.removed ? articleLine(result.removed) : 'Nothing was removed.',
      };
    case 'list': {
      const total = page?.total ?? result.articles.length;
      const budget = page ? Math.floor((EMBED_DESCRIPTION_MAX - 700) / Math.max(1, page.size)) : Number.POSITIVE_INFINITY;
      const left = page ? Math.max(0, page.total - page.first - result.articles.length) : 0;
      const paged = page ? pageFooter(page) : '';
      return {
        color: EMBED_COLOUR,
        title: 'This server’s articles',
        description:
          total > 0
            ? fillLines(result.articles.map((a) => articleSummaryLine(a, budget)), EMBED_DESCRIPTION_MAX, (n) => `…and ${count(n, 'more article')}`, left)
            : 'No article has been added in this server yet. Add one with /library add url:, file: or text:True.',
        footer: { text: `${count(total, 'article')} added in this server${paged ? ` · ${paged}` : ''}` },
      };
    }
    case 'form':
      return { color: EMBED_COLOUR, title: 'Add an article', description: 'Fill in the form to add the article.' };
  }
}

function renderAdded(result: LibraryResult): APIEmbed {
  const blocks = result.added.map(addedBlock);
  for (const { article, reason } of result.duplicates) {
    blocks.push(`Already in the library (${reason === 'url' ? 'the same link' : 'the same text'}), not added again: ${articleLine(article, 150)}`);
  }
  for (const { source, reason } of result.refused) blocks.push(`Not added: ${escapeText(cutText(source, 200))} — ${escapeText(cutText(reason, 300))}`);
  const title =
    result.added.length > 0
      ? result.added.length === 1
        ? 'Added to this server’s library'
        : `${result.added.length} articles added to this server’s library`
      : 'Nothing new was added';
  const footer = result.added.length > 0 ? 'Ask about it now: /who-said, /what-happened, /quotes, /who-is' : undefined;
  return {
    color: EMBED_COLOUR,
    title,
    description: fillLines(blocks, EMBED_DESCRIPTION_MAX, (n) => `…and ${count(n, 'more')}`) || 'Nothing was added.',
    ...(footer ? { footer: { text: footer } } : {}),
  };
}

/** One article added: where it comes from, its size, the quotes found and who said them. */
function addedBlock(added: AddedArticle): string {
  const lines = [`**${articleLine(added.article, 200)}**`];
  const facts = [
    added.article.date ? null : 'no date found',
    added.author ? `by ${escapeText(cutText(added.author, 100))}` : null,
    count(added.paragraphs, 'paragraph'),
    count(added.quoteCount, 'quote or statement', 'quotes and statements'),
  ].filter((fact): fact is string => fact !== null);
  lines.push(facts.join(' · '));
  for (const quote of added.quotes) lines.push(quoteLine(quote));
  if (added.quoteCount > added.quotes.length) lines.push(`…and ${count(added.quoteCount - added.quotes.length, 'more')}`);
  if (added.speakers.length > 0) {
    lines.push(`Quoted: ${added.speakers.slice(0, 8).map((s) => escapeText(cutText(s, 80))).join(', ')}${added.speakers.length > 8 ? ` and ${added.speakers.length - 8} more` : ''}`);
  } else if (added.quoteCount === 0) {
    lines.push('byline found no quotes in it; /what-happened can still tell what it says.');
  }
  return cutText(lines.join('\n'), 1800);
}

/** A quote found: the article's words in quote marks, reported speech labelled, the speaker as sure as byline is. */
function quoteLine(quote: FoundQuote): string {
  const text = escapeText(cutText(quote.quote, QUOTE_MAX));
  const who = speakerWords(quote.speaker ?? UNNAMED, quote.speaker ? quote.confidence : 0, (name) => escapeText(cutText(name, 80)));
  return `• ${quote.kind === 'indirect' ? `${text} *(reported)*` : `“${text}”`} — ${who} · ${paragraphRef(quote.paragraph)}`;
}
