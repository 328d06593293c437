/**
 * `/library` as plain text, for the local console and `ask` without --json: what byline understood of an
 * article added, what was already there, an article removed, or the server's own articles.
 */
import type { LibraryResult } from '../answers.ts';
import type { PageView } from '../../commands/paging.ts';
import { UNNAMED, speakerWords } from './certainty.ts';
import { count, source } from './common.ts';
import { articlesText } from './listings.ts';

export function libraryText(result: LibraryResult, page: PageView | null): string {
  switch (result.action) {
    case 'add': {
      const lines: string[] = [];
      for (const added of result.added) {
        lines.push(`Added to this server's library: ${source(added.article)}  [${added.article.id}]`);
        const facts = [
          added.article.date ? null : 'no date found',
          added.author ? `by ${added.author}` : null,
          added.article.source ? `from ${added.article.source}` : null,
          count(added.paragraphs, 'paragraph'),
          count(added.quoteCount, 'quote or statement', 'quotes and statements'),
        ].filter((fact): fact is string => fact !== null);
        lines.push(`  ${facts.join(' · ')}`);
        for (const quote of added.quotes) {
          const who = speakerWords(quote.speaker ?? UNNAMED, quote.speaker ? quote.confidence : 0);
          lines.push(`  • ${quote.kind === 'indirect' ? `(reported speech) ${quote.quote}` : `“${quote.quote}”`} — ${who} (¶${quote.paragraph})`);
        }
        if (added.quoteCount > added.quotes.length) lines.push(`  …and ${count(added.quoteCount - added.quotes.length, 'more')}`);
        if (added.speakers.length > 0) lines.push(`  Quoted: ${added.speakers.join(', ')}`);
      }
      for (const { article, reason } of result.duplicates) {
        lines.push(`Already in the library (${reason === 'url' ? 'the same link' : 'the same text'}), not added again: ${source(article)}  [${article.id}]`);
      }
      for (const { source: link, reason } of result.refused) lines.push(`Not added: ${link} — ${reason}`);
      return lines.length > 0 ? lines.join('\n') : 'Nothing was added.';
    }
    case 'remove':
      return result.removed ? `Removed from this server's library: ${source(result.removed)}  [${result.removed.id}]` : 'Nothing was removed.';
    case 'list':
      if (result.articles.length === 0 && (page === null || page.total === 0)) return 'No article has been added in this server yet.';
      return articlesText({ articles: result.articles, ms: result.ms }, page).replace(/^(\d[\d,]* articles?)/, '$1 added in this server');
    case 'form':
      return 'In Discord, this opens a form to type or paste an article. Here, add a file instead: /library add file:PATH (a .txt, .md, .html or .csv file), or a link: /library add url:https://…';
  }
}
