/**
 * Pieces the plain-text renderings share (the console and `ask` without --json).
 */
import type { ArticleRef, WhoSaidAnswer } from '../answers.ts';
import { clip } from '../queries/suggest.ts';

/** A quote as shown: in quote marks when they are the article's words, labelled when it is reported speech. */
export function quoted(answer: Pick<WhoSaidAnswer, 'quote' | 'kind'>, max?: number): string {
  const text = max === undefined ? answer.quote : clip(answer.quote, max);
  return answer.kind === 'indirect' ? `(reported speech) ${text}` : `“${text}”`;
}

/** `Title, 2022-02-23, ¶4`. */
export function source(article: ArticleRef, paragraph?: number): string {
  const parts = [article.title];
  if (article.date) parts.push(article.date);
  if (paragraph !== undefined) parts.push(`¶${paragraph}`);
  return parts.join(', ');
}

/** "1 quote", "2 quotes", "1,234 articles". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
