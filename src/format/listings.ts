/**
 * `/quotes`, `/articles` and `/who-is` as plain text. Without a page asked for, the whole list (a terminal
 * scrolls); with one (`page:2`, `--page 2`), that page, where it stands, and how to see the next.
 */
import type { ArticlesResult, PersonProfile, QuotesResult, WhoIsResult } from '../answers.ts';
import type { PageView } from '../../commands/paging.ts';
import { attributionNote } from './certainty.ts';
import { count, quoted, source } from './common.ts';

/** `page 2 of 9, quotes 9–16 of 72`: where a page stands in its list. */
function pagePlace(page: PageView, shown: number, noun: string, plural = `${noun}s`): string {
  const range = shown > 0 ? `${(page.first + 1).toLocaleString('en-US')}–${(page.first + shown).toLocaleString('en-US')}` : 'none';
  return `page ${page.page} of ${page.pages}, ${page.total === 1 ? noun : plural} ${range} of ${page.total.toLocaleString('en-US')}`;
}

/** The line after a page: how to see the next one, or that this is the last. */
function nextLine(page: PageView): string {
  return page.page < page.pages ? `(page:${page.page + 1} for the next page)` : '(the last page)';
}

export function quotesText(result: QuotesResult, page: PageView | null): string {
  const { speaker, quotes, speakers } = result;
  if (speaker === null) {
    if (speakers.length === 0 && (page === null || page.total === 0)) return 'Nobody is quoted in the library yet.';
    const header = page ? `Quoted in the library (${pagePlace(page, speakers.length, 'speaker')}):` : 'Quoted in the library:';
    const lines = [header, ...speakers.map((s) => `  ${s.speaker} — ${count(s.quotes, 'quote')}`)];
    if (page) lines.push(nextLine(page));
    return lines.join('\n');
  }
  if (quotes.length === 0 && (page === null || page.total === 0)) return `No quotes from ${speaker}.`;
  const header = page ? `Quotes from ${speaker} (${pagePlace(page, quotes.length, 'quote')}):` : `Quotes from ${speaker}:`;
  const lines = [header, ...quotes.map((q) => `  • ${quoted(q)}${attributionNote(q.confidence)} (${source(q.article, q.paragraph)})`)];
  if (page) lines.push(nextLine(page));
  return lines.join('\n');
}

export function articlesText(result: ArticlesResult, page: PageView | null): string {
  const { articles } = result;
  if (articles.length === 0 && (page === null || page.total === 0)) return 'The library has no articles yet.';
  const header = page ? `${count(page.total, 'article')} (${pagePlace(page, articles.length, 'article')}):` : `${count(articles.length, 'article')}:`;
  const lines = [
    header,
    ...articles.map((a) => `  ${a.date ?? 'undated'}  ${a.title} — ${count(a.paragraphs, 'paragraph')}, ${count(a.quotes, 'quote')}, ${count(a.speakers, 'speaker')}${a.server ? ' (this server’s)' : ''}  [${a.id}]`),
  ];
  if (page) lines.push(nextLine(page));
  return lines.join('\n');
}

/**
 * `/who-is`: page 1 (or no page) is every matching person; the next pages go through where the first of them
 * appears, article by article (what they said there, the paragraphs that mention them).
 */
export function whoIsText(result: WhoIsResult, page: PageView | null): string {
  const { people, query } = result;
  if (people.length === 0) return `Nobody called “${query}” appears in the library.`;
  if (page && page.page > 1) return appearancesText(people[0]!, page);
  const text = people.map(personText).join('\n\n');
  if (page && page.pages > 1) return `${text}\n(page:2 for every article ${people[0]!.display} appears in)`;
  return text;
}

function personText(p: PersonProfile): string {
  const where = p.mentions ? p.mentions : `mentioned in ¶ ${p.mentionedIn.join(', ')}`;
  const lines = [`${p.display}${p.role && !p.display.includes(p.role) ? ` (${p.role})` : ''}`, `  in ${source(p.article)}, ${where}`];
  const others = (p.articles ?? []).slice(1);
  if (others.length > 0) lines.push(`  also in: ${others.slice(0, 4).map((o) => source(o.article)).join('; ')}${others.length > 4 ? `; and ${others.length - 4} more` : ''}`);
  for (const s of p.statements) lines.push(`  • ${s.kind === 'indirect' ? `(reported) ${s.text}` : `“${s.text}”`}${attributionNote(s.confidence)} (¶${s.paragraph})`);
  return lines.join('\n');
}

function appearancesText(person: PersonProfile, page: PageView): string {
  const appearances = person.articles ?? [];
  const lines = [`Where ${person.display} appears (${pagePlace(page, appearances.length, 'article')}):`];
  for (const appearance of appearances) {
    const mentioned = appearance.mentionedIn.length > 0 ? `, mentioned in ¶ ${appearance.mentionedIn.join(', ')}` : '';
    lines.push('', `  in ${source(appearance.article)}${mentioned}`);
    for (const s of appearance.statements) lines.push(`  • ${s.kind === 'indirect' ? `(reported) ${s.text}` : `“${s.text}”`}${attributionNote(s.confidence)} (¶${s.paragraph})`);
  }
  lines.push(nextLine(page));
  return lines.join('\n');
}
