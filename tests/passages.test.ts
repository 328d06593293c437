import { describe, expect, it } from 'vitest';
import { Library } from '../src/library.ts';
import { carriesOn, openQuoteAt } from '../src/queries/passages.ts';
import { readingOrder } from '../src/queries/what-happened.ts';

describe('passages that read on their own', () => {
  it('knows when a position stands inside a quotation', () => {
    const paragraph = '“We will rebuild. As we have said, nothing changes,” the official stated.';
    expect(openQuoteAt(paragraph, 0)).toBeNull();
    expect(openQuoteAt(paragraph, paragraph.indexOf('As we'))).toBe('“');
    expect(openQuoteAt(paragraph, paragraph.indexOf('the official'))).toBeNull();
    expect(openQuoteAt('He said "no. Never." Then left.', 'He said "no. '.length)).toBe('"');
  });

  it('a sentence inside a multi-sentence quote is shown with its opening mark and an ellipsis', async () => {
    const library = await Library.fromTexts([
      {
        id: 'a', title: 'Harbour reopens', date: '2020-05-05', source: null, file: 'a.txt',
        paragraphs: [
          'The harbour of Elm reopened on Monday after the storm.',
          '“The damage was severe. As we have said, the quays of Elm are safe again,” the harbour master stated.',
        ],
      },
    ]);
    const { passages } = await library.whatHappened('quays safe again');
    const quay = passages.find((p) => p.text.includes('quays'));
    expect(quay?.text).toBe('“… As we have said, the quays of Elm are safe again,” the harbour master stated.');
  });

  it('a sentence that carries on from the one before keeps it, and no passage is shown twice', async () => {
    const library = await Library.fromTexts([
      {
        id: 'a', title: 'Mayor resigns', date: '2020-05-05', source: null, file: 'a.txt',
        paragraphs: ['Mayor Ann Oak of Elm resigned on Monday. She cited the flood inquiry as her reason.', 'The council meets next week.'],
      },
    ]);
    const { passages } = await library.whatHappened('flood inquiry reason resigned');
    const texts = passages.map((p) => p.text);
    expect(texts.some((t) => t.startsWith('Mayor Ann Oak of Elm resigned on Monday. She cited'))).toBe(true);
    // The sentence naming her is read before "She cited …", not after it.
    expect(texts[0]).toMatch(/^Mayor Ann Oak of Elm resigned on Monday\. She cited/);
    const sentences = texts.flatMap((t) => t.split(/(?<=\.) /));
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('a sentence that carries on from one shown after it keeps it, in reading order, and that one is not shown again', async () => {
    const library = await Library.fromTexts([
      {
        id: 'a', title: 'Mayor resigns', date: '2020-05-05', source: null, file: 'a.txt',
        paragraphs: ['Mayor Ann Oak of Elm resigned on Monday after the flood inquiry.', 'She cited the flood inquiry report as her reason for resigning.'],
      },
    ]);
    const { passages } = await library.whatHappened('flood inquiry reason resigned');
    // "She cited …" ranks first: it is shown after the sentence naming her, not above it.
    expect(passages.map((p) => p.text)).toEqual(['Mayor Ann Oak of Elm resigned on Monday after the flood inquiry. She cited the flood inquiry report as her reason for resigning.']);
  });
});

describe('the order passages are read in', () => {
  it('groups by article; within one, the opening lead, then strong passages, then weak ones, each best first', () => {
    const p = (article: number, id: string, score: number, strong: boolean) => ({ article, id, score, strong });
    const passages = [p(2, 'b-strong', 0.9, true), p(1, 'a-weak-high', 0.8, false), p(1, 'a-lead', 0.3, true), p(1, 'a-strong', 0.6, true), p(1, 'a-weak-low', 0.2, false)];
    const ordered = readingOrder(passages, [1, 2], (x) => x.id === 'a-lead', (x) => x.strong).map((x) => x.id);
    // A weak passage (under the leading floors) follows the strong ones though it scores higher.
    expect(ordered).toEqual(['a-lead', 'a-strong', 'a-weak-high', 'a-weak-low', 'b-strong']);
  });

  it('a pronoun subject after a subordinating conjunction or an adverb carries on from the sentence before', async () => {
    expect(carriesOn('As they tried to storm the hall, police fired tear gas.')).toBe(true);
    expect(carriesOn('Reportedly he injured two people on the high road.')).toBe(true);
    expect(carriesOn('Eventually, she left the building.')).toBe(true);
    // A name or a noun opening the sentence is no adverb or conjunction.
    expect(carriesOn('Italy, it seems, is next.')).toBe(false);
    expect(carriesOn('Police said they fired tear gas.')).toBe(false);
    expect(carriesOn('As the crowd grew, police fired tear gas.')).toBe(false);
    const library = await Library.fromTexts([
      {
        id: 'a', title: 'Spring in Elm', date: '2020-05-05', source: null, file: 'a.txt',
        paragraphs: ['The town of Elm held its spring fair on Sunday.', 'Farmers marched to the town hall on Monday. As they tried to storm the hall, police fired tear gas.'],
      },
    ]);
    const { passages } = await library.whatHappened('tried to storm the hall tear gas');
    const storm = passages.find((p) => p.text.includes('storm'));
    expect(storm?.text).toBe('Farmers marched to the town hall on Monday. As they tried to storm the hall, police fired tear gas.');
  });
});
