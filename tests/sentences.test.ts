import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/article/sentences.ts';

/** The sentences' texts, the way most assertions read them. */
function sentences(text: string): string[] {
  return splitSentences(text).map((span) => span.text);
}

describe('splitSentences: spans', () => {
  it('returns trimmed spans whose offsets point into the paragraph', () => {
    const text = '  First one.   Second one?\u00a0Third!  ';
    const spans = splitSentences(text);
    expect(spans.map((span) => span.text)).toEqual(['First one.', 'Second one?', 'Third!']);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(spans[0]?.start).toBe(2);
    expect(spans[2]?.end).toBe(text.length - 2);
  });

  it('returns nothing for an empty or blank paragraph', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \u00a0\t ')).toEqual([]);
  });

  it('keeps a paragraph without final punctuation as one sentence', () => {
    expect(sentences('Sunday, October 18, 2020')).toEqual(['Sunday, October 18, 2020']);
  });

  it('treats double spaces, non-breaking spaces and line breaks as plain whitespace', () => {
    expect(sentences('It rained.  Roads closed.\u00a0 Schools shut.\nTrains ran late. ')).toEqual([
      'It rained.',
      'Roads closed.',
      'Schools shut.',
      'Trains ran late.',
    ]);
  });
});

describe('splitSentences: abbreviations and initials', () => {
  it('never ends a sentence after a title before a name', () => {
    expect(sentences('Mr. Smith met Dr. Jones, Gov. Newsom and Sen. Warren. Lt. Col. Vindman testified.')).toEqual([
      'Mr. Smith met Dr. Jones, Gov. Newsom and Sen. Warren.',
      'Lt. Col. Vindman testified.',
    ]);
  });

  it('keeps U.S. and U.K. inside a sentence before a name, and ends there before a sentence opener', () => {
    expect(sentences('The U.S. Army and U.K. officials met. They talked in the U.S. The talks ended.')).toEqual([
      'The U.S. Army and U.K. officials met.',
      'They talked in the U.S.',
      'The talks ended.',
    ]);
  });

  it('keeps month abbreviations with their day, and a number after its abbreviation', () => {
    const text = 'It ran from Jan. 5 to Feb. 3. Sept. 11 was different. He was ranked No. 1 in the world.';
    expect(sentences(text)).toEqual([
      'It ran from Jan. 5 to Feb. 3.',
      'Sept. 11 was different.',
      'He was ranked No. 1 in the world.',
    ]);
  });

  it('lets a company abbreviation end a sentence only before a sentence opener', () => {
    const text = 'Acme Inc. Chairman Bob Ray and Smith & Co. agreed. He works for Acme Inc. The firm grew.';
    expect(sentences(text)).toEqual([
      'Acme Inc. Chairman Bob Ray and Smith & Co. agreed.',
      'He works for Acme Inc.',
      'The firm grew.',
    ]);
  });

  it('ends a sentence after a state abbreviation or a unit followed by a capital', () => {
    const text = 'It happened in Boston, Mass. Police said little. Rates rose 0.5 pct. Analysts shrugged.';
    expect(sentences(text)).toEqual([
      'It happened in Boston, Mass.',
      'Police said little.',
      'Rates rose 0.5 pct.',
      'Analysts shrugged.',
    ]);
  });

  it('keeps St. and Mt. with the name they introduce', () => {
    expect(sentences('They met in St. Louis near Mt. Rainier. It snowed.')).toEqual([
      'They met in St. Louis near Mt. Rainier.',
      'It snowed.',
    ]);
  });

  it('keeps initials with the name', () => {
    expect(sentences('J. R. R. Tolkien wrote it. George W. Bush read it.')).toEqual([
      'J. R. R. Tolkien wrote it.',
      'George W. Bush read it.',
    ]);
  });

  it('ends a sentence after a pronoun or numeral letter when a sentence opener follows', () => {
    const text = 'It was you and I. Did you see Albert I. Jones? It ended with World War I. The peace came.';
    expect(sentences(text)).toEqual([
      'It was you and I.',
      'Did you see Albert I. Jones?',
      'It ended with World War I.',
      'The peace came.',
    ]);
  });

  it('ends a sentence after a.m. or p.m. before a new subject, not before a zone or weekday', () => {
    const text = 'It starts at 3 p.m. Eastern time on Monday. It ended at 6 p.m. Police then left.';
    expect(sentences(text)).toEqual([
      'It starts at 3 p.m. Eastern time on Monday.',
      'It ended at 6 p.m.',
      'Police then left.',
    ]);
    expect(sentences('The vote is at 10 a.m. Monday and results by 9 p.m. EST. Polls close early.')).toEqual([
      'The vote is at 10 a.m. Monday and results by 9 p.m. EST.',
      'Polls close early.',
    ]);
  });

  it('keeps a clock time that opens the sentence with what follows', () => {
    expect(sentences('At 5 a.m. Mr. Smith woke. He left at 6 p.m. Mr. Jones stayed.')).toEqual([
      'At 5 a.m. Mr. Smith woke.',
      'He left at 6 p.m.',
      'Mr. Jones stayed.',
    ]);
  });

  it('ends a sentence at a word’s period whatever follows, when the word is no abbreviation', () => {
    expect(sentences('He was killed in the airstrike. al-Muhandis was the deputy. Smith left.')).toEqual([
      'He was killed in the airstrike.',
      'al-Muhandis was the deputy.',
      'Smith left.',
    ]);
  });
});

describe('splitSentences: numbers and ellipses', () => {
  it('keeps decimals and amounts inside the sentence', () => {
    const text = 'The deal is worth $1.5 billion, or 3.14 times more. She has $100.00. It is in her bag.';
    expect(sentences(text)).toEqual([
      'The deal is worth $1.5 billion, or 3.14 times more.',
      'She has $100.00.',
      'It is in her bag.',
    ]);
  });

  it('ends a sentence before a number after a plain word or a year', () => {
    expect(sentences('He joined the club in 1996. 15 players left. Nobody won.')).toEqual([
      'He joined the club in 1996.',
      '15 players left.',
      'Nobody won.',
    ]);
  });

  it('ends a sentence at an ellipsis that trails a word, but not at one that marks an omission', () => {
    expect(sentences('I never meant that... She left. It was over… Then it began again.')).toEqual([
      'I never meant that...',
      'She left.',
      'It was over…',
      'Then it began again.',
    ]);
    expect(sentences('We are ready … to fight, and ready . . . I think.')).toEqual([
      'We are ready … to fight, and ready . . . I think.',
    ]);
  });

  it('reads a bracketed omission as a sentence end only before a sentence opener', () => {
    expect(sentences('“It is difficult [...] I have always believed in it. [...] Today I endorse him.”')).toEqual([
      '“It is difficult [...]',
      'I have always believed in it.',
      '[...] Today I endorse him.”',
    ]);
    expect(sentences('They want more say in the governing of [...] Australia.')).toEqual([
      'They want more say in the governing of [...] Australia.',
    ]);
  });
});

describe('splitSentences: quotations', () => {
  it('keeps a quotation that ends with a comma with its attribution', () => {
    expect(sentences('“Diplomacy cannot succeed unless Russia changes course,” the official stated.')).toEqual([
      '“Diplomacy cannot succeed unless Russia changes course,” the official stated.',
    ]);
  });

  it('ends a sentence inside a quotation when the next word opens a new one', () => {
    expect(sentences('“We will go. We will win,” he said.')).toEqual(['“We will go.', 'We will win,” he said.']);
    expect(sentences('"We will go. We will win," he said.')).toEqual(['"We will go.', 'We will win," he said.']);
  });

  it('ends a sentence after the closing mark when a new sentence follows', () => {
    expect(sentences('He said: “It is over.” Then he left.')).toEqual(['He said: “It is over.”', 'Then he left.']);
    expect(sentences('She wrote: ‘It is over.’ Nobody answered.')).toEqual([
      'She wrote: ‘It is over.’',
      'Nobody answered.',
    ]);
  });

  it('keeps a question or exclamation with a lowercase attribution', () => {
    expect(sentences('“Why?” she asked. “Stop!” he shouted. "Really?" they wondered.')).toEqual([
      '“Why?” she asked.',
      '“Stop!” he shouted.',
      '"Really?" they wondered.',
    ]);
  });

  it('keeps a quotation with an attribution that names the speaker', () => {
    const text = '“Why now?” Police Chief Ann Lee asked reporters. “The people deserve a trial.” Pelosi said.';
    expect(sentences(text)).toEqual([
      '“Why now?” Police Chief Ann Lee asked reporters.',
      '“The people deserve a trial.” Pelosi said.',
    ]);
  });

  it('does not take a new sentence about the speaker for an attribution', () => {
    expect(sentences('He called it an “idea.” Trump continued his claims. “It is over.” He left.')).toEqual([
      'He called it an “idea.”',
      'Trump continued his claims.',
      '“It is over.”',
      'He left.',
    ]);
  });

  it('ends a sentence at a period placed after the closing mark', () => {
    expect(sentences('He called it “a serious violation”. The ministry agreed.')).toEqual([
      'He called it “a serious violation”.',
      'The ministry agreed.',
    ]);
  });

  it('reads apostrophes as part of words', () => {
    expect(sentences('Putin’s aides don’t agree. ’90s hits were played. Rock ’n’ roll won.')).toEqual([
      'Putin’s aides don’t agree.',
      '’90s hits were played.',
      'Rock ’n’ roll won.',
    ]);
  });

  it('ends a sentence at punctuation an editor supplied in brackets', () => {
    expect(sentences('They are the victims[.]" She went on. Why[?] Nobody knew.')).toEqual([
      'They are the victims[.]"',
      'She went on.',
      'Why[?]',
      'Nobody knew.',
    ]);
  });
});

describe('splitSentences: dashes, parentheses and lists', () => {
  it('keeps hyphenated and dashed words inside the sentence', () => {
    expect(sentences('The U.S.-led coalition — and its allies — struck. Then it stopped.')).toEqual([
      'The U.S.-led coalition — and its allies — struck.',
      'Then it stopped.',
    ]);
  });

  it('keeps a parenthesis that ends with a period inside the sentence when lowercase follows', () => {
    expect(sentences('He teaches science (He was an engineer.) at the school. (It was late.) They left.')).toEqual([
      'He teaches science (He was an engineer.) at the school.',
      '(It was late.)',
      'They left.',
    ]);
  });

  it('splits an inline enumerated list into its items', () => {
    expect(sentences('1. The first item 2. The second item')).toEqual(['1. The first item', '2. The second item']);
    expect(sentences('a) Taxes b) Jobs c) Health')).toEqual(['a) Taxes', 'b) Jobs', 'c) Health']);
    expect(sentences('• Taxes rose • Jobs fell')).toEqual(['• Taxes rose', '• Jobs fell']);
  });

  it('does not take a number inside a sentence for a list marker', () => {
    const text = 'He listed 2. reasons and 3. of them held.';
    expect(sentences(text)).toEqual([text]);
  });
});

describe('splitSentences: the seed article', () => {
  const seed = readFileSync(new URL('../data/000_4cbc08951dad2f3b.txt', import.meta.url), 'utf8');
  const paragraphs = seed
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');

  it('splits each of its 11 paragraphs the way a careful reader would', () => {
    expect(paragraphs).toHaveLength(11);
    expect(paragraphs.map((paragraph) => splitSentences(paragraph).length)).toEqual([1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('keeps every quotation with its attribution', () => {
    const all = paragraphs.flatMap(sentences);
    // Every quotation closed by a comma stands in one sentence with the speech verb that follows it.
    const closedByComma = all.filter((sentence) => sentence.includes(',”'));
    expect(closedByComma).toHaveLength(4);
    for (const sentence of closedByComma) expect(sentence).toMatch(/,” .*\b(advised|stated|added)\b/);
    expect(all).toContain('Putin “can still avoid a full-blown, tragic war of choice,” Austin added.');
    expect(all.every((sentence) => /[.?!…][”"’)]*$/.test(sentence))).toBe(true);
  });

  it('ends the sentence inside the long quotation and leaves the attribution on the last sentence', () => {
    const quote = paragraphs.find((paragraph) => paragraph.startsWith('“We will continue'));
    expect(quote).toBeDefined();
    const split = sentences(quote ?? '');
    expect(split).toHaveLength(2);
    expect(split[0]).toMatch(/^“We will continue .* on the way forward\.$/);
    expect(split[1]).toMatch(/^As we have said, .* changes course,” the State Department official stated\.$/);
  });

  it('ends a sentence after a quotation closed by its period', () => {
    const paragraph = paragraphs.find((text) => text.startsWith('Speaking on the Pentagon'));
    expect(sentences(paragraph ?? '')).toEqual([paragraph]);
    expect(paragraph?.endsWith('conflict.”')).toBe(true);
  });

  it('splits two narrative sentences apart', () => {
    const paragraph = paragraphs.find((text) => text.startsWith('US President Joe Biden'));
    const split = sentences(paragraph ?? '');
    expect(split).toHaveLength(2);
    expect(split[1]).toMatch(/^But the US stated .* invading Ukraine\.$/);
  });
});
