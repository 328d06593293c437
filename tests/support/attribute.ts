/**
 * Attribution of made-up paragraphs, for the tests that pin its rules (`attribution.test.ts`,
 * `pronouns.test.ts`): the quotes, the people, and who said the quote starting with some words.
 */
import { sentencesOf } from '../../src/understand.ts';
import { attribute } from '../../src/attribution/index.ts';
import type { ArticleText, Person, Quote } from '../../src/model.ts';

export function attributeParagraphs(paragraphs: string[], source: string | null = null) {
  const article: ArticleText = { id: 't', title: 't', date: null, source, file: 't.txt', paragraphs };
  const { quotes, people } = attribute(article, sentencesOf(article));
  const speaker = (quote: Quote | undefined): Person | undefined => people.find((person) => person.id === quote?.speaker);
  /** The quote whose text starts with (or, for indirect speech, contains) the given words. */
  const quote = (words: string, kind?: Quote['kind']) =>
    quotes.find((q) => (kind === undefined || q.kind === kind) && (q.text.startsWith(words) || (q.kind === 'indirect' && q.text.includes(words))));
  const saidBy = (words: string, kind?: Quote['kind']) => speaker(quote(words, kind));
  return { quotes, people, quote, saidBy };
}
