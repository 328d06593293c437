/**
 * The dates a sentence speaks of, resolved against its article's date with chrono-node: in an article of
 * Wednesday 2022-02-23, "yesterday" is 2022-02-22, "scheduled for Thursday" 2022-02-24 and "on Friday"
 * 2022-02-25; "November 15" takes the year that puts it nearest the article, "March 3, 2020" stays as
 * written. Only mentions precise to the day count: bare times, months, years and "last week" are left out.
 *
 * A bare weekday is read as news uses it, for a day within the week around the article: chrono's nearest
 * such day (at most three days away), unless the words next to it say otherwise. Future words ("will",
 * "scheduled", "expected", "next") move it forward, past ones ("was", "ago", a past-tense verb such as
 * "voted" or "said") move it back, and when both or neither appear it stays the nearest, except that a
 * day three ahead with no future word is taken as four back: news reports more than it announces.
 *
 * chrono costs a fraction of a millisecond a sentence, so sentences with no date-like word skip it; byline
 * resolves dates lazily, for the passages an answer shows.
 */
import * as chrono from 'chrono-node';
import type { ResolvedDate } from '../answers.ts';

/** Words without which a sentence cannot hold a date that chrono would resolve to a day. */
const DATE_LIKE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*\b|\b(?:yesterday|today|tomorrow|tonight|ago|morning|afternoon|evening|night)\b/i;

/** Spans too vague for a day, even when chrono computes one. */
const VAGUE = /\b(?:now|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)|recently|soon|lately)\b/i;

/** Words that name a day relative to the article's, with or without a time of day. */
const DAY_WORDS = /\b(?:this|tonight|today|tomorrow|yesterday|last night)\b/i;

/** A weekday with a word that fixes its direction ("last Friday", "next Tuesday", "this Monday"). */
const MODIFIED_WEEKDAY = /\b(?:last|next|this|coming|past|previous|following)\s+\w+day\b/i;

const FUTURE_WORDS =
  /^(?:will|'ll|shall|won't|scheduled|due|expected|plans?|planned|planning|upcoming|next|going|tomorrow|intends?|slated|set)$/i;
const PAST_WORDS = /^(?:was|were|had|did|ago|last|said|told|earlier|previously|yesterday)$/i;
/** How many words either side of a weekday may tell its direction. */
const TENSE_WINDOW = 6;

/**
 * The dates in a sentence, as `{ text, date }` with `date` in ISO `YYYY-MM-DD`, in the order they appear.
 * Relative words need the article's date; without one (null), only fully written dates are resolved.
 */
export function resolveDates(sentenceText: string, articleDate: string | null): ResolvedDate[] {
  if (!DATE_LIKE.test(sentenceText)) return [];
  const reference = articleDate ? referenceDate(articleDate) : null;
  const results = chrono.parse(sentenceText, reference ?? new Date(2000, 0, 1, 12));
  const dates: ResolvedDate[] = [];
  for (const result of results) {
    const start = result.start;
    const text = result.text.replace(/[\s,.;:]+$/u, '');
    if (VAGUE.test(text)) continue;
    if (!reference) {
      // Nothing to resolve relative words against: only dates written out with their year.
      if (/\d{4}/.test(text) && start.isCertain('month') && start.isCertain('day')) {
        dates.push({ text, date: isoOf(start.get('year'), start.get('month'), start.get('day')) });
      }
      continue;
    }
    const weekdayOnly = start.isCertain('weekday') && !start.isCertain('day');
    // "this morning", "tonight", "last night" are the article's day (or the one before); a bare "night" is not.
    const casualDay = DAY_WORDS.test(text);
    if (!(start.isCertain('day') && start.isCertain('month')) && !weekdayOnly && !casualDay) continue;
    let date = new Date(start.get('year') ?? 0, (start.get('month') ?? 1) - 1, start.get('day') ?? 1, 12);
    if (weekdayOnly && !MODIFIED_WEEKDAY.test(result.text)) {
      date = weekdayByTense(sentenceText, result.index, result.text.length, date, reference);
    }
    dates.push({ text, date: isoOf(date.getFullYear(), date.getMonth() + 1, date.getDate()) });
  }
  return dates;
}

/**
 * Moves a weekday chrono placed nearest the article to the other side of it when the words around it say
 * so: forward for future words, back for past ones (including any past-tense "-ed" verb before it).
 */
function weekdayByTense(text: string, at: number, length: number, nearest: Date, reference: Date): Date {
  const before = text.slice(0, at).split(/\s+/).filter(Boolean).slice(-TENSE_WINDOW);
  const after = text.slice(at + length).split(/\s+/).filter(Boolean).slice(0, TENSE_WINDOW + 2);
  const words = [...before, ...after].map((word) => word.replace(/’/g, "'").replace(/[^\p{L}']/gu, ''));
  const future = words.some((word) => FUTURE_WORDS.test(word));
  const past =
    words.some((word) => PAST_WORDS.test(word)) ||
    words.some((word) => /^\p{Ll}{3,}ed$/u.test(word) && !FUTURE_WORDS.test(word));
  const daysAhead = Math.round((nearest.getTime() - reference.getTime()) / 86_400_000);
  if (future && !past && daysAhead < 0) return addDays(nearest, 7);
  if (past && !future && daysAhead > 0) return addDays(nearest, -7);
  // News reports more than it announces: three days ahead, with no future word, is four days back.
  if (!future && daysAhead === 3) return addDays(nearest, -7);
  return nearest;
}

/**
 * chrono compiles each of its parsers' patterns the first time a text calls on it, up to 200 ms for month
 * names: paid by whichever answer first shows such a date, unless paid here, in the background after
 * start-up (Library.warm). One text per kind of date byline resolves.
 */
export function warmDates(): void {
  for (const text of [
    'On Friday, March 3, 2020, at 5 pm, officials said.',
    'He arrived yesterday morning and leaves tomorrow night, two weeks ago, on 2020-03-05 and 5/3/2020.',
    'Last Tuesday, next Monday, this afternoon, 3 Jan 2021, Sept. 12 and December 1st.',
  ]) {
    resolveDates(text, '2022-02-23');
    resolveDates(text, null);
  }
}

function referenceDate(iso: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, 12);
}

function isoOf(year: number | null, month: number | null, day: number | null): string {
  const pad = (n: number | null, width: number) => String(n ?? 0).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The dates one sentence of an article speaks of (what a passage made of that sentence shows). */
export function sentenceDates(article: { date: string | null; sentences: readonly { text: string }[] }, index: number): ResolvedDate[] {
  const sentence = article.sentences[index];
  return sentence ? resolveDates(sentence.text, article.date) : [];
}
