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
  /** Right of all by the label's kind of value: no date, a day, a month, a year. */
  byValue: Record<string, { n: number; right: number }>;
  /** Right of all by the expression's shape (weekday, "yesterday", month and day, …). */
  byShape: Record<string, { n: number; right: number }>;
}

/** The kind of value a label holds: `null` (no date of its own), a day, a month or a year. */
export function valueClass(date: string | null): 'null' | 'day' | 'month' | 'year' {
  if (date === null) return 'null';
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'day';
  if (/^\d{4}-\d{2}$/.test(date)) return 'month';
  return 'year';
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** Holidays and named days (religious, national and observance days, election day), as calendars list them. */
const HOLIDAY =
  /\b(?:christmas|easter|new\s+year['’]s|thanksgiving|halloween|ramadan|eid|hanukkah|diwali|passover|lent|valentine['’]s|boxing\s+day|good\s+friday|super\s+tuesday|election\s+(?:day|night)|independence\s+day|labou?r\s+day|memorial\s+day|veterans\s+day|remembrance\s+day|anzac\s+day|australia\s+day|canada\s+day|bastille\s+day|may\s+day|mother['’]s\s+day|father['’]s\s+day)\b/iu;
/** A day named with a capital "Day" ("Australia Day", "World Health Day"). */
const NAMED_DAY = /\b\p{Lu}\p{Ll}+\s+Day\b/u;
const SHAPES: [string, { test(expression: string): boolean }][] = [
  ['holiday/named day', { test: (expression) => HOLIDAY.test(expression) || NAMED_DAY.test(expression) }],
  ['yesterday/today/tomorrow/tonight', /\b(?:yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b/i],
  ['month + day', new RegExp(`\\b${MONTH}\\s+\\d{1,2}\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?![a-z])|\\d{4}-\\d{2}-\\d{2}|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b`, 'i')],
  ['weekday', /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i],
  ['last/next/this + unit', /\b(?:last|next|this|coming|past|previous|following|that)\s+(?:\w+\s+)?(?:week(?:end)?|month|year|season|decade|century|spring|summer|autumn|fall|winter|day|night|morning|evening)s?\b/i],
  ['that day, the day after (anchored)', /\b(?:the\s+(?:following|next|previous|preceding|same)\s+(?:day|night|morning|evening|week)|the\s+day\s+(?:before|after)|(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening)|(?:earlier|later)\s+(?:that|in\s+the)\s+\w+)\b/i],
  ['duration, ago, before/after', /\b(?:ago|later|earlier|before|after|since|for|over|within|during|past)\b.*\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b|\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+(?:ago|later|earlier|before|after)\b/i],
  ['month', new RegExp(`\\b${MONTH}(?![a-z])`, 'i')],
  ['year', /\b(?:1[6-9]|20)\d{2}\b/],
];

/** The shape of a labelled expression: the first of the classes above it fits, else "other". */
export function shapeClass(expression: string): string {
  return SHAPES.find(([, pattern]) => pattern.test(expression))?.[0] ?? 'other';
}

/** One line of counts per class: "day 30/33 (90.9%) · …". */
export function classLine(classes: Record<string, { n: number; right: number }>): string {
  return Object.entries(classes)
    .sort((a, b) => b[1].n - a[1].n)
    .map(([name, c]) => `${name} ${c.right}/${c.n} (${((100 * c.right) / c.n).toFixed(1)}%)`)
    .join(' · ');
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
  const byValue: DateFigures['byValue'] = {};
  const byShape: DateFigures['byShape'] = {};
  const count = (classes: DateFigures['byValue'], name: string, ok: boolean) => {
    const c = (classes[name] ??= { n: 0, right: 0 });
    c.n++;
    if (ok) c.right++;
  };
  for (const label of labels) {
    const article = articleFor(articles, label.url);
    const index = article ? sentenceOf(article, label) : -1;
    const given = article && index >= 0 ? sentenceDates(article, index) : [];
    const matching = given.filter((d) => overlaps(d.text, label.expression));
    const ok = label.date === null ? matching.length === 0 : matching.some((d) => d.date === label.date);
    count(byValue, valueClass(label.date), ok);
    count(byShape, shapeClass(label.expression), ok);
    if (ok) right++;
    else misses.push(`"${label.expression}" → ${matching.map((d) => `${d.text} = ${d.date}`).join('; ') || 'no date'} (expected ${label.date ?? 'no date'}) in: ${label.sentence.slice(0, 100)}`);
  }
  return { n: labels.length, right, misses, byValue, byShape };
}

/** Adds the counts of one breakdown into another. */
export function mergeClasses(into: DateFigures['byValue'], from: DateFigures['byValue']): void {
  for (const [name, c] of Object.entries(from)) {
    const target = (into[name] ??= { n: 0, right: 0 });
    target.n += c.n;
    target.right += c.right;
  }
}
