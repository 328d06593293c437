/**
 * `/what-happened` as plain text: the passages grouped by article with their paragraphs and resolved dates,
 * and the timeline when the events span several days.
 */
import type { Passage, WhatHappenedResult } from '../answers.ts';
import { clip } from '../queries/suggest.ts';

/** Said when a topic fits several articles about equally (the same words in Discord). */
export const SEVERAL = 'Several articles match this topic; the best of them are shown, each with its lead.';

export function whatHappenedText(result: WhatHappenedResult): string {
  const { passages, query } = result;
  if (passages.length === 0) {
    return query ? `Nothing in the library is about “${query}”.` : 'The library has no articles yet.';
  }
  const lines = passagesText(passages, query);
  if (result.several) lines.splice(1, 0, SEVERAL);
  if (result.timeline.length > 0) {
    lines.push('', 'Timeline:');
    for (const t of result.timeline) lines.push(`  ${t.date}  (${t.when}, ¶${t.paragraph})  ${clip(t.text, 120)}`);
  }
  return lines.join('\n');
}

function passagesText(passages: Passage[], query: string | null): string[] {
  const lines: string[] = [query ? `What happened — ${query}:` : `Summary of ${passages[0]!.article.title}:`];
  let current = '';
  for (const p of passages) {
    if (p.article.id !== current) {
      current = p.article.id;
      lines.push('', `${p.article.title}${p.article.date ? ` (${p.article.date})` : ''}`);
    }
    const dates = p.dates.length > 0 ? `  [${p.dates.map((d) => `${d.text} = ${d.date}`).join('; ')}]` : '';
    lines.push(`  ¶${p.paragraph}  ${p.text}${dates}`);
  }
  return lines;
}
