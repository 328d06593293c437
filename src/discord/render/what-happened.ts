/**
 * `/what-happened` as a Discord embed: the chosen passages as a short list grouped by article, each with its
 * paragraph and date, the query's words in bold.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Passage, WhatHappenedResult } from '../../answers.ts';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX } from '../limits.ts';
import { cutText, escapeText, formatDate } from '../markdown.ts';
import { SEVERAL } from '../../format/what-happened.ts';
import { EMBED_COLOUR, articleLine, count, fillLines, highlight, paragraphRef, queryTerms } from './common.ts';

/** Longest passage shown (characters, before escaping); a passage is a sentence or two, so this rarely cuts. */
const PASSAGE_MAX = 600;

/** `(¶3 · 22 Feb 2022)`: the date the passage speaks of when the engine resolved one, else the article's. */
function passageRef(passage: Passage): string {
  const date = passage.dates[0]?.date ?? passage.article.date;
  return date ? `(${paragraphRef(passage.paragraph)} · ${formatDate(date)})` : `(${paragraphRef(passage.paragraph)})`;
}

/** The embed for a `/what-happened` result. Passages keep the engine's order; a new article starts a new group; a line says when several articles match. */
export function renderWhatHappened(result: WhatHappenedResult): APIEmbed {
  const terms = queryTerms(result.query);
  const topic = result.query ? escapeText(cutText(result.query, 200)) : null;
  const header = `${topic ? `About **${topic}**` : 'In the latest article'}${result.several ? `\n_${SEVERAL}_` : ''}`;
  if (result.passages.length === 0) {
    return {
      color: EMBED_COLOUR,
      title: 'What happened',
      description: topic ? `Nothing in the library speaks of **${topic}**.` : 'The library has no articles yet.',
      };
  }
  const lines: string[] = [];
  let lastArticle: string | null = null;
  for (const passage of result.passages) {
    const heading = passage.article.id !== lastArticle ? `\n**${articleLine(passage.article)}**\n` : '';
    lastArticle = passage.article.id;
    lines.push(`${heading}• ${highlight(cutText(passage.text, PASSAGE_MAX), terms)} ${passageRef(passage)}`);
  }
  const budget = EMBED_DESCRIPTION_MAX - header.length - 1;
  const body = fillLines(lines, budget, (left) => `\n…and ${count(left, 'more passage', 'more passages')}`);
  const timeline = timelineField(result);
  return {
    color: EMBED_COLOUR,
    title: 'What happened',
    description: `${header}\n${body}`,
    ...(timeline ? { fields: [timeline] } : {}),
    footer: { text: `${count(result.passages.length, 'passage')}` },
  };
}

/** Longest event line of the timeline (characters, before escaping). */
const TIMELINE_EVENT_MAX = 90;

/** The dated events in date order, one short line each, when the passages span several days. */
function timelineField(result: WhatHappenedResult): APIEmbedField | null {
  if (result.timeline.length === 0) return null;
  const lines = result.timeline.map(
    (t) => `**${formatDate(t.date)}** ${paragraphRef(t.paragraph)} ${escapeText(cutText(t.text, TIMELINE_EVENT_MAX))}`,
  );
  return { name: 'Timeline', value: fillLines(lines, EMBED_FIELD_VALUE_MAX, (left) => `\n…and ${count(left, 'more date', 'more dates')}`) };
}
