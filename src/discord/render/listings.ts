/**
 * The browsing commands as Discord embeds: `/quotes` (a speaker's quotes, or who is quoted), `/articles`
 * (what the library holds) and `/who-is` (a person's role, statements and mentions).
 */
import { attributionNote } from '../../format/certainty.ts';
import type { APIEmbed } from 'discord.js';
import type { ArticlesResult, PersonProfile, QuotesResult, WhoIsResult } from '../../answers.ts';
import { EMBED_DESCRIPTION_MAX } from '../limits.ts';
import { cutText, escapeText } from '../markdown.ts';
import { EMBED_COLOUR, articleLine, count, fillLines, paragraphRef } from './common.ts';

/** Longest quote or statement in a list (characters, before escaping). */
const LISTED_TEXT_MAX = 300;
/** People shown for one `/who-is`, and statements shown for each. */
const PEOPLE_SHOWN = 5;
const STATEMENTS_SHOWN = 3;

const more = (noun: string, plural: string) => (left: number) => `…and ${count(left, noun, plural)}`;

/** The embed for `/quotes`: with a speaker, their quotes in article order; without, the speakers, most quoted first. */
export function renderQuotes(result: QuotesResult): APIEmbed {
  const lines: string[] = [];
  if (result.speaker !== null) {
    const speaker = escapeText(cutText(result.speaker, 200));
    if (result.quotes.length === 0) lines.push(`No quotes by **${speaker}** in the library.`);
    else {
      const first = result.quotes[0];
      lines.push(`**${escapeText(first?.speaker ?? result.speaker)}** · ${count(result.quotes.length, 'quote')}`);
      for (const quote of result.quotes) {
        const text = escapeText(cutText(quote.quote, LISTED_TEXT_MAX));
        const words = quote.kind === 'indirect' ? `${text} *(reported)*` : `“${text}”`;
        lines.push(`• ${words}${attributionNote(quote.confidence)} — ${articleLine(quote.article, 80)} · ${paragraphRef(quote.paragraph)}`);
      }
    }
  } else if (result.speakers.length === 0) {
    lines.push('Nobody is quoted in the library yet.');
  } else {
    for (const speaker of result.speakers) {
      const [first, ...others] = speaker.articles;
      const where = first ? ` · ${articleLine(first, 80)}${others.length > 0 ? ` and ${count(others.length, 'more article')}` : ''}` : '';
      lines.push(`• **${escapeText(speaker.speaker)}** — ${count(speaker.quotes, 'quote')}${where}`);
    }
  }
  const noun = result.speaker !== null ? more('more quote', 'more quotes') : more('more speaker', 'more speakers');
  return {
    color: EMBED_COLOUR,
    title: result.speaker !== null ? 'Quotes' : 'Who is quoted',
    description: fillLines(lines, EMBED_DESCRIPTION_MAX, noun),
  };
}

/** The embed for `/articles`: every article with its date and how much byline found in it. */
export function renderArticles(result: ArticlesResult): APIEmbed {
  const lines = result.articles.map(
    (article) =>
      `• **${articleLine(article)}** — ${count(article.paragraphs, 'paragraph')}, ${count(article.quotes, 'quote')}, ${count(article.speakers, 'speaker')}`,
  );
  return {
    color: EMBED_COLOUR,
    title: 'Articles',
    description:
      lines.length > 0 ? fillLines(lines, EMBED_DESCRIPTION_MAX, more('more article', 'more articles')) : 'The library has no articles yet.',
    footer: { text: `${count(result.articles.length, 'article')}` },
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
  for (const statement of person.statements.slice(0, STATEMENTS_SHOWN)) {
    const text = escapeText(cutText(statement.text, LISTED_TEXT_MAX));
    lines.push(`> ${statement.kind === 'indirect' ? `${text} *(reported)*` : `“${text}”`}${attributionNote(statement.confidence)} (${paragraphRef(statement.paragraph)})`);
  }
  if (person.statements.length > STATEMENTS_SHOWN) {
    lines.push(`…and ${count(person.statements.length - STATEMENTS_SHOWN, 'more statement', 'more statements')}`);
  }
  return lines.join('\n');
}

/** The embed for `/who-is`: up to five matching people, each with role, mentions and first statements. */
export function renderWhoIs(result: WhoIsResult): APIEmbed {
  const shown = result.people.slice(0, PEOPLE_SHOWN).map((person) => `${personBlock(person)}\n`);
  const hidden = result.people.length - shown.length;
  const description =
    shown.length > 0
      ? fillLines(shown, EMBED_DESCRIPTION_MAX, more('more person', 'more people'), hidden)
      : `Nobody called **${escapeText(cutText(result.query, 200))}** in the library.`;
  return {
    color: EMBED_COLOUR,
    title: 'Who is',
    description,
  };
}
