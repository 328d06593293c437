import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../src/understand.ts';
import { attribute } from '../src/attribution/index.ts';
import { labelOf, publicationOf } from '../src/attribution/transcript.ts';
import type { ArticleText, Person, Quote } from '../src/model.ts';

function run(paragraphs: string[], source: string | null = 'https://en.example-news.org/wiki/Interview') {
  const article: ArticleText = { id: 't', title: 'An interview', date: null, source, file: 't.txt', paragraphs };
  const { quotes, people } = attribute(article, sentencesOf(article));
  const saidBy = (words: string): Person | undefined => {
    const quote: Quote | undefined = quotes.find((q) => q.text.startsWith(words));
    return people.find((person) => person.id === quote?.speaker);
  };
  const quoteOf = (words: string) => quotes.find((q) => q.text.startsWith(words));
  return { quotes, people, saidBy, quoteOf };
}

describe('transcript labels', () => {
  it('reads the labels that open a turn, and nothing that merely holds a colon', () => {
    expect(labelOf('SMITH: We will not stop.')?.label).toBe('SMITH');
    expect(labelOf('Q: Why now?')?.label).toBe('Q');
    expect(labelOf('((WN))  What interested you in chess?')?.label).toBe('((WN))');
    expect(labelOf('((Dorsa Derakhshani))  I got interested because of my dad.')?.label).toBe('((Dorsa Derakhshani))');
    expect(labelOf('Richard Stallman: Free software is a matter of liberty.')?.label).toBe('Richard Stallman');
    expect(labelOf('Blankenship concurred: "We need to stop."')).toBeNull();
    expect(labelOf('Note: the figures are provisional.')).toBeNull();
    expect(labelOf('Update: the road has reopened.')).toBeNull();
  });

  it('names the publication from its source', () => {
    expect(publicationOf({ id: 'x', title: 'x', date: null, source: 'https://en.wikinews.org/wiki/X', file: 'x', paragraphs: [] })).toBe('Wikinews');
    expect(publicationOf({ id: 'x', title: 'x', date: null, source: null, file: 'x', paragraphs: [] })).toBeNull();
  });

  it('gives a labelled turn to the person of that label, and the question to the publication', () => {
    const { saidBy } = run([
      'The council heard from residents and from the mayor, Jane Smith, on Tuesday.',
      'Q: Why did the council close the library?',
      'SMITH: We had no money left to keep it open. We tried everything.',
    ]);
    expect(saidBy('We had no money')?.name).toBe('Jane Smith');
    expect(saidBy('We tried everything')?.name).toBe('Jane Smith');
    expect(saidBy('Why did the council')?.name).toBe('Example-news');
  });

  it('gives unlabelled answers after a question to the person interviewed, and stops at narrative', () => {
    const { saidBy, quoteOf } = run([
      'Chess player Dorsa Derakhshani spoke to us about her career. Derakhshani studies in the United States.',
      '((WN))  What interested you in chess?',
      'I got interested in chess because of my dad.',
      'My mother taught me the rules when I was two.',
      '((WN))  Who inspires you?',
      'Judit Polgár, because she never stopped.',
      'The federation did not answer a request for comment.',
    ]);
    expect(saidBy('I got interested')?.name).toBe('Dorsa Derakhshani');
    expect(saidBy('My mother taught')?.name).toBe('Dorsa Derakhshani');
    expect(saidBy('Judit Polgár, because')?.name).toBe('Dorsa Derakhshani');
    expect(saidBy('What interested you')?.organisation).toBe(true);
    expect(quoteOf('The federation did not')).toBeUndefined();
  });

  it('reads every paragraph between two questions as the answer, and joins very short sentences to the next', () => {
    const { saidBy, quoteOf } = run([
      'Wikinews spoke to candidate Sandra Jephcott about the election. Jephcott is a veterinarian.',
      '((WN)) : Why are you running?',
      'Oh. Well. Water security matters most to this region.',
      'Farms need reliable water, and towns do too.',
      '((WN)) : What about housing?',
      'Housing must stay affordable for young families.',
    ]);
    expect(quoteOf('Oh. Well. Water security')?.text).toBe('Oh. Well. Water security matters most to this region');
    expect(saidBy('Farms need reliable water')?.name).toBe('Sandra Jephcott');
    expect(saidBy('Housing must stay affordable')?.name).toBe('Sandra Jephcott');
  });

  it('gives a bracketed name label to that person', () => {
    const { saidBy, quoteOf } = run([
      'Dorsa Derakhshani, a chess player, was banned by the federation.',
      '((WN))  How did you train?',
      '((Dorsa Derakhshani))  I always wanted to be the best at everything.',
    ]);
    expect(saidBy('I always wanted')?.name).toBe('Dorsa Derakhshani');
    expect(quoteOf('I always wanted')?.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('quote marks of wire copy', () => {
  it("reads two apostrophes ('') as a double quote mark, with the speaker after it", () => {
    const { saidBy, quoteOf } = run(["''We will rebuild the bridge before winter,'' Mayor Ana Ruiz said on Monday."], null);
    expect(quoteOf('We will rebuild the bridge')?.text).toBe('We will rebuild the bridge before winter');
    expect(saidBy('We will rebuild the bridge')?.name).toBe('Ana Ruiz');
  });
});
