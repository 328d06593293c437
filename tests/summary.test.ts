import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { selectPassages, summarize, type SummarySentence } from '../src/search/summary.ts';

/** Sentences of a text written as one sentence per line, paragraphs split by blank lines. */
function sentencesOf(text: string): SummarySentence[] {
  const sentences: SummarySentence[] = [];
  text
    .trim()
    .split(/\n\s*\n/)
    .forEach((paragraph, p) => {
      for (const line of paragraph.split('\n')) {
        if (line.trim()) sentences.push({ text: line.trim(), paragraph: p + 1, index: sentences.length });
      }
    });
  return sentences;
}

const flood = sentencesOf(`
Residents of the river town were told on Monday to leave their homes.

The weather was mild in the capital, where a football match went ahead.
A local bakery celebrated its centenary with free bread.

Floodwater from the river reached the town centre as the river burst its banks.
The river flood forced hundreds of residents to leave homes in the town.
Emergency crews said the flood on the river was the worst in the town for decades.

Officials expect the river to fall by the weekend, allowing residents to return to the flooded town.
The mayor thanked volunteers.
`);

describe('summarize', () => {
  it('keeps the lead and picks the central sentences, not simply the first ones', () => {
    const chosen = summarize(flood, 3);
    expect(chosen).toHaveLength(3);
    expect(chosen[0]).toBe(0);
    expect(chosen).not.toEqual([0, 1, 2]);
    // The off-topic sentences about the weather and the bakery are left out.
    expect(chosen).not.toContain(1);
    expect(chosen).not.toContain(2);
  });

  it('returns indexes in article order', () => {
    const chosen = summarize(flood, 4);
    expect(chosen).toEqual([...chosen].sort((x, y) => x - y));
  });

  it('avoids repeating the same fact twice', () => {
    const repeated = sentencesOf(`
The council approved the new budget for schools on Tuesday.
The new budget gives schools more money for teachers and books.
The new budget gives schools more money for teachers and books.
Teachers unions welcomed the extra money for schools.
Parents said the schools budget was long overdue.
`);
    const chosen = summarize(repeated, 3);
    expect(chosen.includes(1) && chosen.includes(2)).toBe(false);
  });

  it('uses the sentences’ own indexes, even when they do not start at 0', () => {
    const shifted = flood.map((sentence) => ({ ...sentence, index: sentence.index + 100 }));
    expect(summarize(shifted, 3)).toEqual(summarize(flood, 3).map((index) => index + 100));
  });

  it('returns everything for short articles, nothing for k = 0', () => {
    expect(summarize(flood.slice(0, 2), 4)).toEqual([0, 1]);
    expect(summarize(flood, 0)).toEqual([]);
    expect(summarize([], 4)).toEqual([]);
  });

  it('summarises the seed article from its lead', () => {
    const seed = readFileSync(new URL('../data/000_4cbc08951dad2f3b.txt', import.meta.url), 'utf8');
    const sentences = sentencesOf(seed.replace(/^\s*date \S+\s*/, '').replace(/([.”])\s+(?=[“A-Z])/g, '$1\n'));
    const chosen = summarize(sentences, 4);
    expect(chosen).toHaveLength(4);
    expect(chosen[0]).toBe(0);
    expect(chosen).not.toEqual([0, 1, 2, 3]);
  });
});

describe('selectPassages', () => {
  const candidates = [
    { index: 10, score: 3, text: 'Austin stated the US would proceed to work carefully with Kyiv and allies.' },
    { index: 11, score: 2.9, text: 'Austin stated the US would proceed to work carefully with Kyiv and allies.' },
    { index: 12, score: 2.5, text: 'Kuleba stated he was on a diplomatic mission in Washington.' },
    { index: 13, score: 1, text: 'France canceled its invitation for Lavrov to visit Paris.' },
  ];

  it('drops near-duplicates and keeps the best first', () => {
    expect(selectPassages(candidates, 3, 0.7)).toEqual([10, 12, 13]);
  });

  it('respects k', () => {
    expect(selectPassages(candidates, 1, 0.7)).toEqual([10]);
    expect(selectPassages(candidates, 0, 0.7)).toEqual([]);
    expect(selectPassages([], 3, 0.7)).toEqual([]);
  });

  it('with a low lambda prefers a novel passage over a close paraphrase of the first', () => {
    const paraphrases = [
      { index: 1, score: 1, text: 'The minister said the new budget gives schools more money.' },
      { index: 2, score: 0.95, text: 'Teachers welcomed the new budget and more money for schools.' },
      { index: 3, score: 0.6, text: 'Parents protested outside the town hall.' },
    ];
    expect(selectPassages(paraphrases, 2, 0.3)).toEqual([1, 3]);
    expect(selectPassages(paraphrases, 2, 1)).toEqual([1, 2]);
  });
});
