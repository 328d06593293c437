/**
 * Dates (issue #9): each labelled date expression `{url, paragraph, sentence, expression, date}` is looked
 * up in the sentence of its article that holds it, and the dates byline gives that sentence are checked:
 * a label with a date (a day `YYYY-MM-DD`, a month `YYYY-MM` or a year `YYYY`) is right when byline gives
 * that very value for words that overlap the expression; a label with `date: null` (no date of its own:
 * "a few hours before the crash", "for 20 years") is right when byline gives no date for those words.
 */
import { sentenceDates } from '../../src/article/dates.ts';
import type { Article } from '../../src/model.ts';
import { articleFor, foldText } from './corpus.ts';

export interface DateLabel {
  url: string;
  paragraph: number;
  sentence: string;
  expression: string;
  date: string | null;
}

export interface DateFigures {
  n: number;
  right: number;
  misses: string[];
}

/** Where the label's sentence stands: the article's sentence index (or -1 when it cannot be found). */
function sentenceOf(article: Article, label: DateLabel): number {
  const wanted = foldText(label.sentence);
  const expression = foldText(label.expression);
  const inParagraph = article.sentences.filter((s) => s.paragraph === label.paragraph);
  const found =
    inParagraph.find((s) => foldText(s.text).includes(wanted)) ??
    inParagraph.find((s) => wanted.includes(foldText(s.text)) && foldText(s.text).includes(expression)) ??
    inParagraph.find((s) => foldText(s.text).includes(expression)) ??
    article.sentences.find((s) => foldText(s.text).includes(wanted));
  return found?.index ?? -1;
}

/** Whether two stretches of words overlap (one holds the other, or they share a word of 3+ letters at the same start). */
function overlaps(a: string, b: string): boolean {
  const x = foldText(a).replace(/['’]s\b/g, '');
  const y = foldText(b).replace(/['’]s\b/g, '');
  if (x.includes(y) || y.includes(x)) return true;
  const words = (s: string) => new Set(s.match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const wx = words(x);
  return [...words(y)].some((w) => wx.has(w) && !/^(?:the|on|in|and|last|this|next)$/.test(w));
}

export function evaluateDates(articles: readonly Article[], labels: DateLabel[]): DateFigures {
  let right = 0;
  const misses: string[] = [];
  for (const label of labels) {
    const article = articleFor(articles, label.url);
    const index = article ? sentenceOf(article, label) : -1;
    const given = article && index >= 0 ? sentenceDates(article, index) : [];
    const matching = given.filter((d) => overlaps(d.text, label.expression));
    const ok = label.date === null ? matching.length === 0 : matching.some((d) => d.date === label.date);
    if (ok) right++;
    else misses.push(`"${label.expression}" → ${matching.map((d) => `${d.text} = ${d.date}`).join('; ') || 'no date'} (expected ${label.date ?? 'no date'}) in: ${label.sentence.slice(0, 100)}`);
  }
  return { n: labels.length, right, misses };
}
