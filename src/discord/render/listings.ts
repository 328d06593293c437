/**
 * The listing commands as Discord embeds: `/quotes` (a speaker's quotes, or everyone quoted), `/articles`
 * (the library) and `/who-is` (people with their roles, statements and mentions, then where the first of
 * them appears). Long lists are paged (commands/paging.ts): each renderer gets the page's items and where
 * the page stands, and gives every line of a page its share of the description, so no item of a page is
 * ever cut away; the page buttons take the reader to the others.
 */
import { attributionNote } from '../../format/certainty.ts';
import type { APIEmbed } from 'discord-api-types/v10';
import type { ArticleSummary, ArticlesResult, PersonProfile, PersonStatement, QuotesResult, SpeakerCount, WhoIsResult, WhoSaidAnswer } from '../../answers.ts';
import type { PageView } from '../../../commands/paging.ts';
import { EMBED_DESCRIPTION_MAX } from '../limits.ts';
import { cutText, escapeText } from '../markdown.ts';
import { EMBED_COLOUR, articleLine, count, fillLines, lineWithin, pageFooter, paragraphRef, plainArticleLine } from './common.ts';

/** Longest quote or statement in a list (characters, before escaping). */
const LISTED_TEXT_MAX = 300;
/** People shown for one `/who-is`, and statements shown for each. */
const PEOPLE_SHOWN = 5;
const STATEMENTS_SHOWN = 3;
/**
 * Characters of the description kept for what is not an item of the page: its heading, the "…and N more"
 * line, and the note the page buttons add when the library changed between two pages.
 */
const PAGE_FRAME = 700;

const more = (noun: string, plural: string) => (left: number) => `…and ${count(left, noun, plural)}`;

/** What each line of a page may take: its share of the description. */
function lineBudget(page: PageView): number {
  return Math.floor((EMBED_DESCRIPTION_MAX - PAGE_FRAME) / Math.max(1, page.size));
}

/** Items of the list after this page. */
function leftAfter(page: PageView, shown: number): number {
  return Math.max(0, page.total - page.first - shown);
}

/** A quote of a speaker's list: its words (quote marks only for the article's own words), where it stands. */
function quoteLine(quote: WhoSaidAnswer, budget: number): string {
  const note = attributionNote(quote.confidence);
  const line = (where: string) => {
    const room = budget - where.length - note.length - (quote.kind === 'indirect' ? 15 : 4);
    if (room < 40) return null;
    const text = cutText(escapeText(cutText(quote.quote, LISTED_TEXT_MAX)), room);
    return `• ${quote.kind === 'indirect' ? `${text} *(reported)*` : `“${text}”`}${note}${where}`;
  };
  return lineWithin(
    budget,
    () => line(` — ${articleLine(quote.article, 80)} · ${paragraphRef(quote.paragraph)}`),
    () => line(` — ${plainArticleLine(quote.article)} · ${paragraphRef(quote.paragraph)}`),
    () => line(` · ${paragraphRef(quote.paragraph)}`) ?? `• ${paragraphRef(quote.paragraph)}`,
  );
}

/** A speaker of the list of everyone quoted: how often, and where (the newest article, and how many more). */
function speakerLine(speaker: SpeakerCount, budget: number): string {
  const [first, ...others] = speaker.articles;
  const also = others.length > 0 ? ` and ${count(others.length, 'more article')}` : '';
  const name = (max?: number) => {
    const escaped = escapeText(speaker.speaker);
    return `• **${max === undefined ? escaped : cutText(escaped, max)}** — ${count(speaker.quotes, 'quote')}`;
  };
  return lineWithin(
    budget,
    () => `${name()}${first ? ` · ${articleLine(first, 80)}${also}` : ''}`,
    () => `${name(80)}${first ? ` · ${plainArticleLine(first)}${also}` : ''}`,
    () => `${name(80)}${also}`,
  );
}

/** An article of the library: its title, date, and how much byline found in it. */
export function articleSummaryLine(article: ArticleSummary, budget: number): string {
  const counts = ` — ${count(article.paragraphs, 'paragraph')}, ${count(article.quotes, 'quote')}, ${count(article.speakers, 'speaker')}${article.server ? ' · *this server’s*' : ''}`;
  return lineWithin(
    budget,
    () => `• **${articleLine(article)}**${counts}`,
    () => `• **${plainArticleLine(article, 150)}**${counts}`,
  );
}

/** The embed for `/quotes`: with a speaker, their quotes in article order; without, the speakers, most quoted first. */
export function renderQuotes(result: QuotesResult, page: PageView | null = null): APIEmbed {
  const lines: string[] = [];
  const budget = page ? lineBudget(page) : Number.POSITIVE_INFINITY;
  const total = (shown: number) => page?.total ?? shown;
  if (result.speaker !== null) {
    const speaker = escapeText(cutText(result.speaker, 200));
    if (total(result.quotes.length) === 0) lines.push(`No quotes by **${speaker}** in the library.`);
    else {
      const first = result.quotes[0];
      lines.push(`**${escapeText(cutText(first?.speaker ?? result.speaker, 200))}** · ${count(total(result.quotes.length), 'quote')}`);
      for (const quote of result.quotes) lines.push(quoteLine(quote, budget));
    }
  } else if (total(result.speakers.length) === 0) {
    lines.push('Nobody is quoted in the library yet.');
  } else {
    for (const speaker of result.speakers) lines.push(speakerLine(speaker, budget));
  }
  const noun = result.speaker !== null ? more('more quote', 'more quotes') : more('more speaker', 'more speakers');
  const shown = result.speaker !== null ? result.quotes.length : result.speakers.length;
  const footer = page ? pageFooter(page) : '';
  return {
    color: EMBED_COLOUR,
    title: result.speaker !== null ? 'Quotes' : 'Who is quoted',
    description: fillLines(lines, EMBED_DESCRIPTION_MAX, noun, page ? leftAfter(page, shown) : 0),
    ...(footer ? { footer: { text: footer } } : {}),
  };
}

/** The embed for `/articles`: every article (of the page) with its date and how much byline found in it. */
export function renderArticles(result: ArticlesResult, page: PageView | null = null): APIEmbed {
  const budget = page ? lineBudget(page) : Number.POSITIVE_INFINITY;
  const lines = result.articles.map((article) => articleSummaryLine(article, budget));
  const total = page?.total ?? result.articles.length;
  const left = page ? leftAfter(page, lines.length) : 0;
  const paged = page ? pageFooter(page) : '';
  return {
    color: EMBED_COLOUR,
    title: 'Articles',
    description: total > 0 ? fillLines(lines, EMBED_DESCRIPTION_MAX, more('more article', 'more articles'), left) : 'The library has no articles yet.',
    footer: { text: `${count(total, 'article')}${paged ? ` · ${paged}` : ''}` },
  };
}

/** One person of `/who-is`: who they are, where they appear, and what they said. */
function personBlock(person: PersonProfile): string {
  const lines = [`**${escapeText(person.display)}**`];
  const role = person.role && !person.display.includes(person.role) ? ` · ${escapeText(person.role)}` : '';
  const mentioned = person.mentions
    ? ` · ${escapeText(person.mentions)}`
    : person.mentionedIn.length > 0
      ? ` · mentioned in ${person.mentionedIn.map(paragraphRef).join(', ')}`
      : '';
  lines.push(`${articleLine(person.article, 80)}${role}${mentioned}`);
  const others = (person.articles ?? []).slice(1);
  if (others.length > 0) lines.push(`also in ${others.slice(0, 3).map((o) => escapeText(cutText(o.article.title, 60))).join(' · ')}${others.length > 3 ? ` · and ${others.length - 3} more` : ''}`);
  for (const statement of person.statements.slice(0, STATEMENTS_SHOWN)) lines.push(statementLine(statement, Number.POSITIVE_INFINITY));
  if (person.statements.length > STATEMENTS_SHOWN) {
    lines.push(`…and ${count(person.statements.length - STATEMENTS_SHOWN, 'more statement', 'more statements')}`);
  }
  return lines.join('\n');
}

/** A statement as a block-quote line, its text cut to `max` once escaped: quote marks only for the person's own words. */
function statementLine(statement: PersonStatement, max: number): string {
  const text = cutText(escapeText(cutText(statement.text, LISTED_TEXT_MAX)), max);
  return `> ${statement.kind === 'indirect' ? `${text} *(reported)*` : `“${text}”`}${attributionNote(statement.confidence)} (${paragraphRef(statement.paragraph)})`;
}

/**
 * The embed for `/who-is`. Page 1 (or no page): up to five matching people, each with role, mentions and
 * first statements. The next pages: every article the first of them appears in, a few a page, each with
 * the paragraphs that mention them and what they said there.
 */
export function renderWhoIs(result: WhoIsResult, page: PageView | null = null): APIEmbed {
  const [first] = result.people;
  if (page && page.page > 1 && first) return renderAppearances(first, page);
  const shown = result.people.slice(0, PEOPLE_SHOWN).map((person) => `${personBlock(person)}\n`);
  const hidden = result.people.length - shown.length;
  const description =
    shown.length > 0
      ? fillLines(shown, EMBED_DESCRIPTION_MAX, more('more person', 'more people'), hidden)
      : `Nobody called **${escapeText(cutText(result.query, 200))}** in the library.`;
  const footer = page && page.pages > 1 && first ? `${pageFooter(page)} · next: every article where ${cutText(first.display, 200)} appears` : '';
  return {
    color: EMBED_COLOUR,
    title: 'Who is',
    description,
    ...(footer ? { footer: { text: footer } } : {}),
  };
}

/** A page of where a person appears: an article a block, within its share of the description. */
function renderAppearances(person: PersonProfile, page: PageView): APIEmbed {
  const appearances = person.articles ?? [];
  const budget = lineBudget(page);
  const blocks = appearances.map((appearance) => {
    const mentioned = appearance.mentionedIn.length > 0 ? ` — mentioned in ${cutText(appearance.mentionedIn.map(paragraphRef).join(', '), 200)}` : '';
    const statements = appearance.statements.slice(0, STATEMENTS_SHOWN);
    const hiddenStatements = appearance.statements.length - statements.length;
    const tail = hiddenStatements > 0 ? `\n…and ${count(hiddenStatements, 'more statement', 'more statements')}` : '';
    const block = (heading: string) => {
      const room = Math.floor((budget - heading.length - tail.length - 2) / Math.max(1, statements.length)) - 60;
      if (statements.length > 0 && room < 40) return null;
      return [heading, ...statements.map((statement) => statementLine(statement, room))].join('\n') + tail;
    };
    return `${lineWithin(
      budget - 1,
      () => block(`**${articleLine(appearance.article, 80)}**${mentioned}`),
      () => block(`**${plainArticleLine(appearance.article)}**${mentioned}`),
      () => `**${plainArticleLine(appearance.article)}**${mentioned}`,
    )}\n`;
  });
  const heading = `**${escapeText(cutText(person.display, 200))}** · where they appear`;
  const body = fillLines(blocks, EMBED_DESCRIPTION_MAX - heading.length - 2, more('more article', 'more articles'), leftAfter(page, blocks.length));
  return {
    color: EMBED_COLOUR,
    title: 'Who is',
    description: `${heading}\n\n${body}`,
    footer: { text: `${pageFooter(page)} · ${count(page.total, 'article')}` },
  };
}
