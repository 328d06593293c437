import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveDates } from '../src/article/dates.ts';

const seed = readFileSync(new URL('../data/000_4cbc08951dad2f3b.txt', import.meta.url), 'utf8');
/** The seed's date header and its paragraphs. */
const seedDate = /\bdate (\d{4}-\d{2}-\d{2})\b/.exec(seed)![1]!;
const seedParagraphs = seed.replace(/^\s*date \S+\s*/, '').split(/\n\s*\n/);
const sentenceWith = (words: string) => seedParagraphs.find((paragraph) => paragraph.includes(words))!;

const dates = (text: string, articleDate: string | null) => resolveDates(text, articleDate).map((found) => found.date);

describe('resolveDates on the seed (dated Wednesday 2022-02-23)', () => {
  it('reads the article date from its header', () => {
    expect(seedDate).toBe('2022-02-23');
  });

  it('resolves "yesterday" to the day before the article', () => {
    expect(resolveDates(sentenceWith('actions yesterday'), seedDate)).toEqual([{ text: 'yesterday', date: '2022-02-22' }]);
  });

  it('resolves "scheduled for Thursday" to the next day', () => {
    expect(dates(sentenceWith('scheduled for Thursday'), seedDate)).toEqual(['2022-02-24']);
  });

  it('resolves "meet him on Friday" to the Friday after, despite the past-tense verbs earlier in the sentence', () => {
    const found = resolveDates(sentenceWith('on Friday'), seedDate);
    expect(found).toEqual([{ text: 'on Friday', date: '2022-02-25' }]);
  });

  it('finds nothing in sentences without dates', () => {
    expect(resolveDates(sentenceWith('measured response'), seedDate)).toEqual([]);
  });
});

describe('resolveDates', () => {
  it('passes absolute dates through, taking the year nearest the article when none is written', () => {
    expect(dates('The emergency begun on November 15 ended; a rate reported on December 24.', '2020-01-01')).toEqual([
      '2019-11-15',
      '2019-12-24',
    ]);
    expect(dates('The summit was first held on March 3, 2020.', '2022-02-23')).toEqual(['2020-03-03']);
  });

  it('moves a weekday back when the words around it are in the past', () => {
    // Nearest Thursday to Wednesday the 23rd is the 24th; "said" makes it the 17th.
    expect(dates('He said on Thursday that the talks had failed.', '2022-02-23')).toEqual(['2022-02-17']);
    expect(dates('The cabinet unanimously voted to lift it on Saturday afternoon.', '2020-01-01')).toEqual(['2019-12-28']);
  });

  it('moves a weekday forward when the words around it are in the future', () => {
    // Nearest Monday to Wednesday the 23rd is the 21st; "will" makes it the 28th.
    expect(dates('The ministers will meet again on Monday.', '2022-02-23')).toEqual(['2022-02-28']);
  });

  it('keeps the nearest weekday when nothing says which way', () => {
    expect(dates('On Sunday, the state of emergency over a measles outbreak ended in Samoa.', '2020-01-01')).toEqual([
      '2019-12-29',
    ]);
    expect(dates('Talks on Tuesday.', '2022-02-23')).toEqual(['2022-02-22']);
  });

  it('respects "last" and "next"', () => {
    expect(dates('They met last Friday.', '2022-02-23')).toEqual(['2022-02-18']);
    expect(dates('They meet next Tuesday.', '2022-02-23')).toEqual(['2022-03-01']);
  });

  it('resolves relative days and ignores vague or partial mentions', () => {
    expect(dates('Two days ago the mayor resigned, and tonight he speaks.', '2022-02-23')).toEqual(['2022-02-21', '2022-02-23']);
    expect(dates('Last week prices rose at 3pm; in March, maybe in 2019, they may fall. It is now clear.', '2022-02-23')).toEqual([]);
  });

  it('without an article date, resolves only dates written with their year', () => {
    expect(dates('The vote held on March 3, 2020 was repeated yesterday and on Friday.', null)).toEqual(['2020-03-03']);
  });
});
