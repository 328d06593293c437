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
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*\b|\b(?:yesterday|today|tomorrow|tonight|ago|morning|afternoon|evening|night|christmas|thanksgiving|halloween|new\s+year['’]s|boxing\s+day|valentine['’]s|election\s+day)\b/i;

/** Spans too vague for a day, even when chrono computes one. */
const VAGUE = /\b(?:now|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)|recently|soon|lately)\b/i;

/** Words that name a day relative to the article's, with or without a time of day. */
const DAY_WORDS = /\b(?:this|tonight|today|tomorrow|yesterday|last night)\b/i;

/** The words that name a day by the day they are said ("today", "last night", "this morning"). */
const SPEECH_DAY_WORDS = /\b(?:tonight|today|tomorrow|yesterday|last\s+night|this\s+(?:morning|afternoon|evening|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b/i;

/** A weekday with a word that fixes its direction ("last Friday", "next Tuesday", "this Monday"). */
const MODIFIED_WEEKDAY = /\b(?:last|next|this|coming|past|previous|following)\s+\w+day\b/i;

/**
 * Words that put a weekday ahead of the article. "would" is the future in the past of reported speech
 * (Quirk et al.: "said its members would vote on Friday" is a Friday to come when the report was written).
 */
const FUTURE_WORDS =
  /^(?:will|would|'ll|shall|won't|scheduled|due|expected|plans?|planned|planning|upcoming|coming|next|going|tomorrow|intends?|slated|set)$/i;
const PAST_WORDS = /^(?:was|were|had|did|ago|last|said|told|earlier|previously|yesterday)$/i;
/** How many words either side of a weekday may tell its direction. */
const TENSE_WINDOW = 6;

/**
 * The dates in a sentence, as `{ text, date }` with `date` in ISO `YYYY-MM-DD`, in the order they appear.
 * Relative words need the article's date; without one (null), only fully written dates are resolved.
 */
export function resolveDates(sentenceText: string, articleDate: string | null, context: DateContext = {}): ResolvedDate[] {
  return datesOf(sentenceText, articleDate, context, true);
}

/** The dates of a sentence; with `counting` false, "two days after January 7" is January 7 (an anchor for "the previous day"). */
function datesOf(sentenceText: string, articleDate: string | null, context: DateContext, counting: boolean): ResolvedDate[] {
  const anchored = anchoredDays(sentenceText, context.anchor ?? null);
  if (!DATE_LIKE.test(sentenceText)) return counting ? [...anchored, ...timesOfDay(sentenceText, context.anchor ?? null, []), ...daysLater(sentenceText, [], context.anchor ?? null)] : anchored;
  const reference = articleDate ? referenceDate(articleDate) : null;
  // "a quarter before 11 a.m.", "half past 9" are times of the clock (Quirk: clock time), not a quarter of a
  // year counted back: blanked (keeping every offset) so that chrono reads the hour and the day after it.
  const clock = sentenceText.replace(CLOCK_FRACTION, (m) => ' '.repeat(m.length));
  const results = chrono.parse(clock, reference ?? new Date(2000, 0, 1, 12));
  const dates: ResolvedDate[] = [];
  for (const result of results) {
    const start = result.start;
    const text = result.text.replace(/[\s,.;:]+$/u, '');
    if (VAGUE.test(text)) continue;
    // "after 11 minutes", "within a day of her announcement": a duration, no date (TimeML: a TIMEX3 of type DURATION).
    if (DURATION.test(text)) continue;
    // "every Saturday", "on a Sunday night", "each January": a recurring or unnamed day, no date (TimeML: a SET, or a date left unspecified).
    // An indefinite article before a month with its day ("a July 25 meeting") determines the noun the date
    // premodifies, not the date: a day with its number is specific (Quirk: a premodifier inside a noun phrase).
    const article = /\b(?:an?)\s+$/i.test(sentenceText.slice(0, result.index)) || /^an?\s/i.test(text);
    const numbered = start.isCertain('day') && start.isCertain('month');
    if ((QUANTIFIED.test(sentenceText.slice(0, result.index)) || /^(?:every|each|an?)\s/i.test(text)) && !(article && numbered && !/\b(?:every|each|any)\s+(?:other\s+)?$/i.test(sentenceText.slice(0, result.index)))) continue;
    // "the next ten days", "the past two hours": a counted span, no date (TimeML: a DURATION).
    if (COUNTED_SPAN.test(text)) continue;
    // "the end of April" is a part of a month, no day of its own (TimeML: the month, with mod END); the month is read as a period.
    if (PART_OF_PERIOD.test(text) || PART_OF_PERIOD.test(sentenceText.slice(Math.max(0, result.index - 16), result.index + text.length))) continue;
    // "A few hours before the crash", "two days after the quake": a time relative to another event is no date of its own.
    if (RELATIVE_TO_EVENT.test(text) || RELATIVE_TO_EVENT.test(`${text} ${sentenceText.slice(result.index + result.text.length, result.index + result.text.length + 12)}`.replace(/^(\S+\s+\S+).*$/, '$1'))) continue;
    if (DURATION_BEFORE_AFTER.test(text)) continue;
    if (!reference) {
      // Nothing to resolve relative words against: only dates written out with their year.
      if (/\d{4}/.test(text) && start.isCertain('month') && start.isCertain('day')) {
        dates.push({ text, date: isoOf(start.get('year'), start.get('month'), start.get('day')) });
      }
      continue;
    }
    // "the women of today", "the world of today": "of today" after a noun is the present age, no day
    // (Merriam-Webster, "today", noun 2: the present time or age); "as of today" is a day.
    if (/^today$/i.test(text) && /\b(?<!as\s)of\s+$/i.test(sentenceText.slice(Math.max(0, result.index - 8), result.index)) && !/^['’]s\b/.test(sentenceText.slice(result.index + text.length))) continue;
    const weekdayOnly = start.isCertain('weekday') && !start.isCertain('day');
    // "this morning", "tonight", "last night" are the article's day (or the one before); a bare "night" is not.
    const casualDay = DAY_WORDS.test(text);
    if (!(start.isCertain('day') && start.isCertain('month')) && !weekdayOnly && !casualDay) continue;
    // An explicit year written elsewhere in the sentence wins over the article's ("In 2019, … on February 6").
    const written = !start.isCertain('year') && !weekdayOnly && !casualDay ? yearWritten(sentenceText, result.index) : null;
    let date = new Date(written ?? start.get('year') ?? 0, (start.get('month') ?? 1) - 1, start.get('day') ?? 1, 12);
    if (weekdayOnly && !MODIFIED_WEEKDAY.test(result.text)) {
      date = weekdayByTense(sentenceText, result.index, result.text.length, date, reference);
    }
    // "this coming Saturday", "the coming Saturday": the next such day after the article's, whatever the tense
    // of the sentence around it (chrono reads the weekday alone).
    const coming = weekdayOnly && /\bcoming\s+$/i.test(sentenceText.slice(Math.max(0, result.index - 12), result.index));
    if (coming && date <= reference) date = addDays(date, 7);
    // "last Thursday" is the Thursday of the week before the article's (weeks from Monday, ISO 8601), not
    // one of its own week, which the bare weekday ("on Thursday") or "yesterday" names (Grice's maxim of
    // quantity: "last" says more than the bare day, so it names another): in a Friday article, eight days back.
    if (weekdayOnly && /\blast\s+\w+day\b/i.test(result.text)) {
      const weekStart = addDays(reference, -((reference.getDay() + 6) % 7));
      const previousWeek = addDays(weekStart, -7);
      date = addDays(previousWeek, (date.getDay() + 6) % 7);
    }
    // A past event is never dated after the article: a day without its year goes back a year, a weekday a week.
    if (date > reference && !coming && written === null && !start.isCertain('year') && isPast(sentenceText, result.index, result.text.length)) {
      date = weekdayOnly ? addDays(date, -7) : casualDay ? date : new Date(date.getFullYear() - 1, date.getMonth(), date.getDate(), 12);
    }
    // "two days after the January 7 quake": a day counted from the date written just after.
    const offset = OFFSET_BEFORE_DATE.exec(sentenceText.slice(Math.max(0, result.index - 40), result.index));
    if (counting && offset && !weekdayOnly && start.isCertain('day')) {
      const count = countOf(offset[1]!);
      if (count !== null) {
        const days = count * (/^weeks?$/i.test(offset[2]!) ? 7 : 1) * (/^before$/i.test(offset[3]!) ? -1 : 1);
        date = addDays(date, days);
        const shifted = date;
        dates.push({ text: `${offset[0].trim()} ${text}`, date: isoOf(shifted.getFullYear(), shifted.getMonth() + 1, shifted.getDate()) });
        continue;
      }
    }
    // "today", "yesterday" inside a quotation are said on the day of the statement: the day told last before it.
    // In the turns of a transcript every word is speech, said on the day the conversation took place.
    const quoted = casualDay && (context.transcript === true || insideQuote(sentenceText, result.index, context.quoted ?? false));
    const toldBefore = quoted ? (context.transcript ? (context.speechDay ?? null) : (dates.at(-1)?.date ?? context.anchor ?? context.speechDay ?? null)) : null;
    // A statement is reported after it was made: a day told before that is after the article's (a meeting
    // "scheduled for Thursday") is no day of the statement.
    const spokenOn = toldBefore && toldBefore <= isoOf(reference.getFullYear(), reference.getMonth() + 1, reference.getDate()) ? referenceDate(toldBefore) : null;
    if (spokenOn) date = addDays(spokenOn, Math.round((date.getTime() - reference.getTime()) / 86_400_000));
    dates.push({ text, date: isoOf(date.getFullYear(), date.getMonth() + 1, date.getDate()) });
  }
  if (reference) dates.push(...holidays(sentenceText, reference));
  if (counting) dates.push(...daysLater(sentenceText, dates, context.anchor ?? null));
  const times = counting ? timesOfDay(sentenceText, context.anchor ?? null, dates) : [];
  return [...anchored, ...times, ...dates];
}

/**
 * Whether a position of a sentence stands inside a quotation: after an opening mark not closed before it,
 * or (a later sentence of a quotation) before a closing mark with no opening mark before it.
 */
function insideQuote(text: string, at: number, openAtStart = false): boolean {
  let open = openAtStart;
  for (let i = 0; i < at; i++) {
    const ch = text[i]!;
    if (ch === '“') open = true;
    else if (ch === '”') open = false;
    else if (ch === '"') open = !open;
  }
  if (open) return true;
  if (openAtStart) return false;
  const before = text.slice(0, at);
  const after = text.slice(at);
  // The first straight mark after the position opens a quotation when it stands after a space and before a
  // word (`statement yesterday read "Stardom fans, …`): a closing mark follows a word (typographic convention).
  const firstStraight = /^[^"]*?(\s)"(?=\S)/.exec(after);
  const opensAfter = firstStraight !== null && !/[“”]/.test(after.slice(0, firstStraight[0].length));
  return !/[“"]/.test(before) && (/^[^“]*”/.test(after) || (!opensAfter && (after.match(/"/g)?.length ?? 0) % 2 === 1));
}

/**
 * Holidays named as times, each the day its calendar rule gives (US federal holidays, 5 U.S.C. 6103:
 * Thanksgiving the fourth Thursday of November; US Election Day, 2 U.S.C. 7: the Tuesday after the first
 * Monday of November; the fixed days of the Western calendar). A holiday without its year is its occurrence
 * nearest the article, as a month and day without a year is; a past event's is never after the article
 * (the year before), but "for Christmas" names the occasion an act is meant for, whatever the tense of the
 * act ("booked a trip for Thanksgiving"). None when recurring ("every Christmas") or counted from
 * ("three weeks before Election Day": a time relative to it, as "a few hours before the crash").
 */
const HOLIDAY = /\b(Christmas\s+(?:Day|Eve)|Christmas|New\s+Year['’]s\s+(?:Day|Eve)|Boxing\s+Day|Halloween|Valentine['’]s\s+Day|Thanksgiving(?:\s+Day)?|Election\s+Day)\b/g;
const HOLIDAY_DAY: Record<string, (year: number) => Date> = {
  'christmas day': (y) => new Date(y, 11, 25, 12),
  christmas: (y) => new Date(y, 11, 25, 12),
  'christmas eve': (y) => new Date(y, 11, 24, 12),
  "new year's day": (y) => new Date(y, 0, 1, 12),
  "new year's eve": (y) => new Date(y, 11, 31, 12),
  'boxing day': (y) => new Date(y, 11, 26, 12),
  halloween: (y) => new Date(y, 9, 31, 12),
  "valentine's day": (y) => new Date(y, 1, 14, 12),
  thanksgiving: (y) => nthWeekday(y, 10, 4, 4),
  'thanksgiving day': (y) => nthWeekday(y, 10, 4, 4),
  'election day': (y) => addDays(nthWeekday(y, 10, 1, 1), 1),
};
/** A holiday as a time: after a preposition of time, or opening its clause; not a modifier ("Christmas tree", "the Christmas period"). */
const HOLIDAY_TIME = /(?:\b(?:on|at|for|by|before|after|until|till|to|over|since|around|through|from|of|until|ahead\s+of)\s+$|^\s*$|[,;]\s*$)/i;
/** The n-th given weekday (0 Sunday … 6 Saturday) of a month (0-based) of a year. */
function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  const first = new Date(year, month, 1, 12);
  return new Date(year, month, 1 + ((weekday - first.getDay() + 7) % 7) + 7 * (n - 1), 12);
}

function holidays(text: string, reference: Date): ResolvedDate[] {
  const found: ResolvedDate[] = [];
  for (const match of text.matchAll(HOLIDAY)) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index! + match[0].length);
    if (!HOLIDAY_TIME.test(before) || /^\s+\p{Ll}/u.test(after) && !/^\s+(?:and|or|but|when|as|to|with|in|at|on|for|before|after|while|that|which|is|was|were|will|would|this|last|next)\b/i.test(after)) continue;
    if (QUANTIFIED.test(before) || /\b(?:every|each)\s+$/i.test(before)) continue;
    if (/\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|\d+)\s+(?:hours?|days?|weeks?|months?)\s+(?:before|after|ahead\s+of|prior\s+to)\s+$/i.test(before)) continue;
    const rule = HOLIDAY_DAY[match[1]!.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ')];
    if (!rule) continue;
    const year = reference.getFullYear();
    const candidates = [rule(year - 1), rule(year), rule(year + 1)];
    let date = candidates.reduce((best, d) => (Math.abs(d.getTime() - reference.getTime()) < Math.abs(best.getTime() - reference.getTime()) ? d : best));
    const occasion = /\bfor\s+$/i.test(before);
    if (date > reference && !occasion && isPast(text, match.index!, match[0].length)) date = rule(date.getFullYear() - 1);
    found.push({ text: match[0], date: isoOf(date.getFullYear(), date.getMonth() + 1, date.getDate()) });
  }
  return found;
}

/** A fraction of an hour before a clock hour: "a quarter before 11", "quarter to 5", "half past 9". */
const CLOCK_FRACTION = /\b(?:(?:a\s+)?quarter|half)\s+(?:before|to|after|past)\s+(?=\d{1,2}\b)/gi;

/** "two days after (the)", "a week before", "3 days after" just before a written date. */
const OFFSET_BEFORE_DATE = /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(days?|weeks?)\s+(after|before)\s+(?:the\s+)?$/i;
/**
 * "discovered on May 25 … and died two days later": days counted from the day told last before them, in the
 * sentence or (the anchor) in the ones before (TimeML: a DATE anchored to another time expression); with no
 * such day, no date.
 */
function daysLater(text: string, told: readonly ResolvedDate[], anchor: string | null): ResolvedDate[] {
  const found: ResolvedDate[] = [];
  for (const match of text.matchAll(DAYS_LATER)) {
    const count = countOf(match[1]!);
    const before = told.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date) && text.indexOf(d.text) >= 0 && text.indexOf(d.text) < match.index!).at(-1)?.date ?? anchor;
    const from = before ? referenceDate(before) : null;
    if (count === null || !from) continue;
    const day = addDays(from, count * (match[3]!.toLowerCase() === 'later' ? 1 : -1));
    found.push({ text: match[0], date: isoOf(day.getFullYear(), day.getMonth() + 1, day.getDate()) });
  }
  return found;
}

/** "two days later", "a day earlier": days counted from a day told before them. */
const DAYS_LATER = /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(days?)\s+(later|earlier)\b/gi;
const COUNT_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

function countOf(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return COUNT_WORDS[word.toLowerCase()] ?? null;
}

/** What a sentence's dates may lean on besides the article's date. */
export interface DateContext {
  /** The last day told before the sentence ("the following day" is the day after it), ISO. */
  anchor?: string | null;
  /** The last year written before the sentence ("that year"). */
  year?: number | null;
  /** The sentence begins inside a quotation opened in an earlier sentence of its paragraph. */
  quoted?: boolean;
  /** The sentence stands in the turns of a transcript (an interview, a press conference): all of it is speech. */
  transcript?: boolean;
  /**
   * The day its speech was spoken when nothing near it tells: for a transcript, the day the article says the
   * conversation took place; for a quotation, the day of the event the article's lead reports. ISO.
   */
  speechDay?: string | null;
}

/** A span of time counted ("after 11 minutes", "within a day", "for two hours", "in 90 seconds"). */
const DURATION = /^(?:after|within|in|for|over|under|about|some)\s+(?:(?:about|around|nearly|almost|just|only|less\s+than|more\s+than)\s+)?(?:a|an|one|a\s+few|several|\d+|[a-z]+)\s+(?:seconds?|minutes?|hours?|days?)\b/i;

/** A number of units counted from now ("next ten days", "the past two hours"): a span. */
const COUNTED_SPAN = /^(?:the\s+)?(?:next|last|past|coming|following|previous)\s+(?:\w+\s+)?(?:days|hours|minutes|nights)\b/i;

/** A quantifier or an indefinite article right before a day or month ("every", "each", "on a", "any"). */
const QUANTIFIED = /\b(?:every|each|any|an?)\s+(?:other\s+)?$/i;

/** The end, start or middle of a period ("the end of April", "end of the year"): the period, not a day. */
const PART_OF_PERIOD = /\b(?:end|start|beginning|middle|rest|remainder)\s+of\s+(?:the\s+)?\S+$/i;

/** A time measured from another event ("a few hours before the crash", "days after"): not a date. */
const RELATIVE_TO_EVENT = /\b(?:hours?|minutes?|days?|weeks?|months?|years?|moments?)\s+(?:before|after|earlier|later|prior)\b/i;
const DURATION_BEFORE_AFTER = /^(?:(?:a few|several|some|\w+)\s+(?:hours?|days?|minutes?)\s+(?:before|after)|(?:a few|several|some)\s+\w+\s+(?:back|ago))\b/i;

/** "the following day", "the previous day", "the same day": a day counted from the day told just before. */
const ANCHORED_DAY = /\bthe\s+(following|next|previous|preceding|same)\s+day\b|\bthe\s+day\s+(before|after)\b/gi;
/**
 * A time of day with no day of its own ("in the evening", "later that night", "that morning"): a time of the
 * day told just before ("Yesterday, the order was issued. Later in the evening, the network signed off").
 */
const TIME_OF_ANCHORED_DAY = /\b(?:(?:later|earlier)\s+)?(?:(?:in|during)\s+the|that)\s+(?:same\s+)?(?:morning|afternoon|evening|night)\b|\b(?:later|earlier)\s+that\s+day\b/gi;
/**
 * A time of day told with no day of its own: a clock time after "at" ("at about 3 a.m.", "at 8:30", "at 7
 * o'clock", "at noon") or a point of the sun ("shortly after dawn", "before daybreak", "at dusk"). TimeML
 * values such a TIME on the date in focus: the day told just before it, else the day the lead reports.
 */
const TIME_OF_DAY = /\b(?:(?:shortly|just|soon|long|well)\s+)?(?:before|after|at|by|until|till)\s+(?:dawn|daybreak|sunrise|dusk|sunset|nightfall|first\s+light)\b|\bat\s+(?:(?:about|around|roughly|approximately|precisely|exactly|just\s+(?:before|after))\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock\b)|\d{1,2}:\d{2}\b|noon\b|midday\b)/gi;
/** Words that make a time of day recurring ("every day at dawn", "usually at 6 a.m."): no date. */
const HABITUAL = /\b(?:every|each|daily|nightly|usually|often|always|typically|normally|routinely)\b/i;
/** Where a sentence leans on a day told before it: the first of these expressions. */
const LEANS_ON_DAY = new RegExp(`${ANCHORED_DAY.source}|${TIME_OF_ANCHORED_DAY.source}|${DAYS_LATER.source}|${TIME_OF_DAY.source}`, 'i');

/** The times of day with no day of their own, on the anchor's day; none that a day of the sentence holds ("on Monday at 4 p.m."). */
function timesOfDay(text: string, anchor: string | null, told: readonly ResolvedDate[]): ResolvedDate[] {
  if (!anchor || HABITUAL.test(text)) return [];
  const found: ResolvedDate[] = [];
  for (const match of text.matchAll(TIME_OF_DAY)) {
    const words = match[0].replace(/^(?:shortly|just|soon|long|well)\s+/i, '').replace(/\.$/, '');
    if (told.some((d) => d.text.includes(words) || words.includes(d.text))) continue;
    found.push({ text: match[0], date: anchor });
  }
  return found;
}

function anchoredDays(text: string, anchor: string | null): ResolvedDate[] {
  const reference = anchor ? referenceDate(anchor) : null;
  if (!reference) return [];
  const found: ResolvedDate[] = [];
  for (const match of text.matchAll(ANCHORED_DAY)) {
    const word = (match[1] ?? match[2] ?? '').toLowerCase();
    const shift = word === 'same' ? 0 : word === 'following' || word === 'next' || word === 'after' ? 1 : -1;
    const date = addDays(reference, shift);
    found.push({ text: match[0], date: isoOf(date.getFullYear(), date.getMonth() + 1, date.getDate()) });
  }
  for (const match of text.matchAll(TIME_OF_ANCHORED_DAY)) {
    found.push({ text: match[0], date: isoOf(reference.getFullYear(), reference.getMonth() + 1, reference.getDate()) });
  }
  return found;
}

/**
 * The year written in the sentence that governs a day or month written without one: the nearest year before
 * it that frames the sentence's time, as an adjunct ("In 2019, … on February 6", "since 2016", "October
 * 2016", "March 3, 2020, and April 5"), not a year modifying a noun ("its 2020 measurements in January", "the
 * 2016 season"); else a year after it that completes a coordinated date ("March and April 2021", "November 3
 * and 4, 2020"), not one of another phrase ("in November that the flow had risen since 2010", "the November
 * 3 election … first elected in 2008"). Null if none (Quirk: an adjunct of time governs its clause; a
 * premodifier belongs to its noun phrase).
 */
function yearWritten(text: string, at: number): number | null {
  let before: number | null = null;
  let after: number | null = null;
  for (const match of text.matchAll(/(?<![\d,.$])\b(19\d{2}|20\d{2})\b(?!,?\d|-\p{L}|\s*(?:UTC|GMT|hours|local))/gu)) {
    const index = match.index!;
    if (index < at) {
      const lead = text.slice(Math.max(0, index - 24), index);
      // A year of another clause ("became president in 2005 and was due to stand down in August"): a
      // coordinator followed by a verb of its own opens a new clause, which the adjunct does not govern (Quirk).
      if (CLAUSE_BETWEEN.test(text.slice(index + 4, at))) continue;
      if (YEAR_ADJUNCT.test(index === 0 ? '' : lead)) before = Number(match[1]);
      // A year premodifying the noun of a fronted adjunct that opens the sentence ("In the 2016 election,
      // Sanders … until June"): the adjunct frames the whole clause after its comma (Quirk: a fronted
      // adjunct of time-position), so its year is the clause's.
      else if (FRONTED_ADJUNCT.test(text.slice(0, index)) && /^[^,;]*,/.test(text.slice(index, at))) before = Number(match[1]);
    } else if (after === null) {
      const between = text.slice(at, index);
      const words = between.split(/[\s,]+/).filter(Boolean);
      const coordinated = words.some((w) => /^(?:and|or|to|through|until|[-–—])$/i.test(w)) &&
        words.every((w) => /^(?:and|or|to|through|until|of|early|mid|late|[-–—]|\d{1,2}(?:st|nd|rd|th)?)$/i.test(w) || MONTH_WORD.test(w) || /^(?:in|on|from|between)$/i.test(w));
      after = coordinated ? Number(match[1]) : 0;
    }
  }
  return before ?? (after || null);
}

/** The opening of a sentence-initial prepositional adjunct of time, up to a determiner ("In the", "During its"). */
const FRONTED_ADJUNCT = /^\s*(?:In|During|After|Before|Since|Throughout|Following|Ahead\s+of)\s+(?:the|its|his|her|their)\s+$/;

/** A coordinated clause with a verb of its own, or a clause after a semicolon, between two phrases. */
const CLAUSE_BETWEEN = /(?:\b(?:and|but|while|whereas)\s+(?:(?:then|later|also|now|still)\s+)?(?:was|were|is|are|will|would|had|has|have|did|could|may|might|\p{Ll}{3,}ed)\b|;)/u;

/** Whether the clause of a date speaks of the past: its nearest word of tense is a past one. */
function isPast(text: string, at: number, length: number): boolean {
  return tenseAt(text, at, length) === 'past';
}

type Tense = 'past' | 'future' | null;
/** Words after "to" that make it a preposition ("to the", "to his") or a passive infinitive ("to be"), not the mark of an infinitive clause. */
const INFINITIVE_NOT = /^(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those|be|early|mid|late)$/;
/** Forms of "be" that make a participle after them no past tense of its own ("is released", "will be held"). */
const BE_AUXILIARY = /^(?:is|are|am|be|been|being)$/i;
/** Words that say "to come" only as "is expected to", "scheduled for": after a form of "be", or before "to"/"for". */
const FUTURE_PARTICIPLE = /^(?:scheduled|due|expected|planned|planning|plans?|slated|set|intends?|going)$/i;

/**
 * The tense of the clause a date stands in, from the word of tense nearest to it (Reichenbach: an adverbial
 * of time locates the event of its own clause, whose tense its verb carries). The clause runs to the nearest
 * comma, semicolon, colon, dash or bracket on either side ("from July 1, its trade ministry said": "said" is
 * another clause's); the nearest word wins, the one before on a tie ("said in August could be cut": the
 * adjunct follows its verb). A participle after a form of "be" is no past tense ("is released on October 2",
 * "will be collected from May"); "expected", "scheduled", "due", "set" mean "to come" only after "be" or before
 * "to"/"for", and after "was"/"were" ("were due to check") they are a future seen from the past, no tense of
 * the date's; "since" is always past; "to"/"until"/"by" mark a limit ahead, never past. A to-infinitive before
 * the date ("to go to Paris and meet him on Friday") makes a non-finite clause, with no tense of its own.
 * A date opening its sentence with no tense in its clause takes the sentence's.
 */
function tenseAt(text: string, at: number, length: number): Tense {
  const before = text.slice(0, at);
  if (/\bsince\s+(?:(?:early|mid|late)\s+|the\s+(?:end|start|middle)\s+of\s+)?$/i.test(before) || /^since\b/i.test(text.slice(at))) return 'past';
  const limit = /\b(?:to|until|till|through|into|by)\s+(?:early\s+|mid\s+|late\s+)?$/i.test(before) || /^(?:to|until|till|through|into|by)\b/i.test(text.slice(at));
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ raw: m[0], word: m[0].replace(/’/g, "'").replace(/[^\p{L}']/gu, '').toLowerCase(), start: m.index! }));
  const first = tokens.findIndex((t) => t.start + t.raw.length > at);
  if (first < 0) return null;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.start < at + length) last++;
  const ends = (i: number) => /[,;:—–)]["”’]?$/.test(tokens[i]!.raw) || /^[—–]$/.test(tokens[i]!.raw);
  let lo = first;
  while (lo > 0 && !ends(lo - 1) && !/^[(—–]/.test(tokens[lo]!.raw)) lo--;
  let hi = last;
  while (hi + 1 < tokens.length && !ends(hi)) hi++;
  const tenseOf = (i: number): Tense | 'stop' => {
    const word = tokens[i]!.word;
    const previous = tokens[i - 1]?.word ?? '';
    const next = tokens[i + 1]?.word ?? '';
    if (/^(?:will|shall|won't|would|wouldn't|may|might|could|tomorrow|upcoming|next)$|'ll$/.test(word)) return 'future';
    if (word === 'going' && next === 'to') return /^(?:was|were)$/.test(previous) ? 'stop' : 'future';
    // A verb of planning looks ahead of itself ("planned the autumn around three releases"), a future seen
    // from the past after "was"/"were": no tense of the date's.
    if (FUTURE_PARTICIPLE.test(word) && word !== 'going') {
      if (/^(?:was|were)$/.test(previous)) return 'stop';
      return BE_AUXILIARY.test(previous) || /^(?:to|for)$/.test(next) ? 'future' : 'stop';
    }
    if (word === 'to' && /^\p{Ll}/u.test(tokens[i + 1]?.raw ?? '') && !INFINITIVE_NOT.test(next) && i < first) return 'stop';
    // A complementiser opens a reported clause of its own tense ("announced that from June 15, wearing a
    // mask would become compulsory"): the reporting verb before it is another clause's (Quirk: a that-clause).
    if (word === 'that' && i < first && i === first - 1 - (/^(?:on|in|from|by|until|since|as|at|of)$/.test(tokens[first - 1]?.word ?? '') ? 1 : 0) && /^\p{Ll}{3,}/u.test(previous) && !/^(?:of|in|on|at|for|by|with|from|to|and|or)$/.test(previous)) return 'stop';
    if (/^(?:was|were|had|did|ago|earlier|previously|yesterday|last|said|told)$/.test(word)) return 'past';
    // A coordinator before a finite verb opens a clause of its own ("would begin checking bridges on Friday
    // and asked people to stay off the roads"): the tense of a coordinated clause is its own verb's, not the
    // date's (Quirk: clausal coordination; as CLAUSE_BETWEEN for a year).
    if (/^(?:and|but|or)$/.test(word) && (pastTense(next) || /^(?:was|were|is|are|will|would|had|has|have|did|could|may|might|shall|can)$/.test(next))) return 'stop';
    // A present tense ("are running in the November 3 election") is the clause's: neither past nor future.
    if (/^(?:is|are|am)$/.test(word) && tokens[i + 1]?.word !== 'expected') return 'stop';
    if (BE_AUXILIARY.test(previous)) return null;
    // A participle after a determiner is an adjective ("their rescheduled tour"), no verb.
    if (/^(?:the|a|an|his|her|its|their|our|my|your|this|that)$/.test(previous)) return null;
    return pastTense(word) ? 'past' : null;
  };
  let stopped = false;
  const nearest = (from: number, to: number): Tense => {
    let leftOpen = true;
    let rightOpen = true;
    for (let distance = 1; first - distance >= from || last + distance <= to; distance++) {
      if (leftOpen && first - distance >= from) {
        const tense = tenseOf(first - distance);
        if (tense === 'stop') (leftOpen = false), (stopped = true);
        else if (tense) return tense;
      }
      if (rightOpen && last + distance <= to) {
        const tense = tenseOf(last + distance);
        if (tense === 'stop') (rightOpen = false), (stopped = true);
        else if (tense) return tense;
      }
    }
    return null;
  };
  let tense = nearest(lo, hi);
  if (tense === null && !stopped) tense = nearest(0, tokens.length - 1);
  return limit && tense === 'past' ? null : tense;
}

/** A regular past-tense form ("died", "voted"), or an irregular one of the common news verbs. */
function pastTense(word: string): boolean {
  if (/^\p{Ll}{2,}ed$/u.test(word) && !/eed$/.test(word)) return true;
  return IRREGULAR_PAST.has(word.toLowerCase());
}
const IRREGULAR_PAST = new Set(['began', 'came', 'went', 'took', 'gave', 'made', 'held', 'met', 'won', 'lost', 'left', 'fell', 'rose', 'saw', 'struck', 'broke', 'hit', 'led', 'ran', 'sent', 'spoke', 'stood', 'told', 'thought', 'wrote', 'became', 'brought', 'caught', 'found', 'got', 'kept', 'paid', 'put', 'quit', 'set', 'shot', 'sold', 'spent', 'threw', 'withdrew']);

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAME = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
/** What stands before a year that is a time adjunct: a preposition of time, a month and day, or the text's start. */
const YEAR_ADJUNCT = new RegExp(`(?:^\\s*|\\b(?:in|during|since|of|by|until|till|from|through|throughout|early|late|mid|before|after)\\s+|${MONTH_NAME}\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?|\\d{1,2},\\s+)$`, 'i');
/** A month's name alone. */
const MONTH_WORD = new RegExp(`^${MONTH_NAME}$`, 'i');
/** A month without a day: "in December", "early February", "October 2016", "August last year". */
const MONTH_ONLY = new RegExp(
  `\\b((?:[Ii]n\\s+|[Ss]ince\\s+|[Uu]ntil\\s+|[Bb]y\\s+|[Ii]nto\\s+|[Ff]rom\\s+|[Oo]f\\s+)?(?:(?:early|mid|late|the\\s+end\\s+of|the\\s+start\\s+of)[\\s-]+)?${MONTH_NAME}(?:\\s+(?:of\\s+)?(19\\d{2}|20\\d{2})|\\s+(last|next|this)\\s+year)?)(?!\\s*\\d)`,
  'g',
);
/** A year on its own after a preposition ("since 2017", "in 2019"), or counted from the article's ("next year", "this year's", "that year"). */
const YEAR_ONLY = /\b((?:in|since|until|till|through|throughout|by|from|during|of|before|after|early|late|mid)[\s-]+(19\d{2}|20\d{2}))\b(?!,?\d)(?!-[A-Za-z])|\b((this|next|last|that)\s+year(?:'s|’s)?)\b/gi;
/** A count of years or months back from now: "two years ago", "3 months ago". */
const UNITS_AGO = /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(years?|months?)\s+ago\b/gi;
/** Words that make a count approximate ("about two years ago", "nearly", "some", "more than"). */
const APPROXIMATE = /\b(?:about|around|almost|nearly|some|roughly|approximately|over|under|more\s+than|less\s+than|at\s+least|just\s+over|just\s+under)\s+$/i;

/** Years coordinated after a preposition of time: "in 2014 and 2018", "in 2010, 2012 and 2015" (not "between 2016 and 2018": a span). */
const COORDINATED_YEARS = /\b(?:in|since|during|by|until|till|through)\s+(?:19|20)\d{2}(?:\s*,\s*(?:19|20)\d{2})*,?\s+(?:and|or)\s+(?:19|20)\d{2}\b(?![,.]?\d)(?!-\p{L})/giu;
/** "the year" on its own or as the period of a part ("the end of the year"), not "the year before", "the year it was found", "the year's", "the year 2000". */
const THE_YEAR = /\b((?:(?:at|by|before|until|till|for|through|throughout|in|during|survive)\s+)?(?:the\s+(?:end|rest|start|beginning|middle|remainder)\s+of\s+)?the\s+year)\b(?!['’]s|\s+(?:before|after|earlier|later|to|of|in|that|when|which|it|they|he|she|we|since|ending|ended|ago|\d))/gi;
const RELATIVE_MONTH = /\b((last|next|this)\s+month(?:'s|’s)?)\b/gi;
/**
 * A year written bare, without a preposition: as a premodifier after a determiner or a possessive ("the
 * 2012 flood", "a 2015 winner", "his 1962 album", "its 2019 law"), unless the next word is a plural
 * noun it would count ("the 2000 soldiers"); or closing a clause after a comma or a preposition of time
 * ("built to 1880, …", "first seen, 2018."). A number of that size within a clause ("2000 arrests",
 * "arrested 2000") is a count, not a year.
 */
const BARE_YEAR = /(?:\b(?:the|a|an|its|his|her|their|our|whose)|['’]s)\s+(1[6-9]\d{2}|20\d{2})\b(?![,.]?\d)(?!-\p{L})(?!\s+(?:\p{Ll}+[^s\s,.;:]s|people|men|women|children|km|kilomet(?:re|er)s?|miles?|metres?|meters?|m|ft|feet|kg|kilograms?|tonnes?|tons?|MW|GW|kW|kWh|mm|cm|barrels?|litres?|liters?|gallons?|hectares?|acres?)\b)|(?<=(?:,|\b(?:to|from|until|circa))\s)(1[6-9]\d{2}|20\d{2})(?=\s*(?:[,.;:!?)]|$))(?![,.]\d)/giu;

/**
 * A bare year the plural-noun test above would miss: before a name, which it dates rather than counts ("the
 * 2016 Olympics", "the 2018 Winter Games": a capitalised word is a name, not a counted plural), or alone in
 * brackets after a title ("“Kitchen Table Hymns” (1981)": the year of a work, as style guides write it).
 */
const NAMED_YEAR = /(?:\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Ww]hose)|['’]s)\s+(1[6-9]\d{2}|20\d{2})\s+(?=\p{Lu})(?!(?:MW|GW|kW|kWh)\b)|\((1[6-9]\d{2}|20\d{2})\)/gu;

/**
 * The months and years a sentence speaks of (a month `YYYY-MM`, a year `YYYY`), resolved against the
 * article's date: a month without its year is the nearest one, before the article for an event told in
 * the past and after it for one to come; an explicit year in the sentence wins.
 */
export function resolvePeriods(text: string, articleDate: string | null, context: DateContext = {}): ResolvedDate[] {
  const reference = articleDate ? referenceDate(articleDate) : null;
  const found: ResolvedDate[] = [];
  for (const match of text.matchAll(MONTH_ONLY)) {
    const name = match[2]!.toLowerCase().replace(/\.$/, '');
    const month = MONTHS.findIndex((m) => m.startsWith(name.slice(0, 3))) + 1;
    if (month === 0) continue;
    if (QUANTIFIED.test(text.slice(0, match.index))) continue;
    // A bare month before a capitalised word, with no preposition nor year, is part of a name ("March
    // Madness", "the October Revolution"): a proper noun, not a time.
    if (!/^(?:in|since|until|by|into|from|of)\s/i.test(match[1]!) && !match[3] && !match[4] && /^\s+\p{Lu}\p{Ll}/u.test(text.slice(match.index! + match[0].length))) continue;
    // "May" is also a verb: only as a month after a preposition or with a year.
    if (name === 'may' && !/^(?:in|since|until|by|into|from|of)\s/i.test(match[1]!) && !match[3]) continue;
    // A day right before the month ("6 February") makes it a day, which chrono reads; a number before its
    // preposition ("fined $85,000 in February") is no day.
    if (!/^(?:in|since|until|by|into|from|of)\s/i.test(match[1]!) && /\d\s*(?:st|nd|rd|th)?\s*(?:of\s+)?$/i.test(text.slice(0, match.index))) continue;
    let year: number | null = match[3] ? Number(match[3]) : null;
    if (year === null && match[4] && reference) year = reference.getFullYear() + (match[4].toLowerCase() === 'last' ? -1 : match[4].toLowerCase() === 'next' ? 1 : 0);
    // "last August", "next March", "this June": a month counted from the article's (TimeML: a deictic DATE,
    // valued from the document's date), whatever year the sentence writes elsewhere ("built in 1971, was
    // shut last August"): "last" the latest such month before the article's, "next" the first after it.
    const deictic = match[1]!.startsWith(match[2]!) ? /(?<!\bthe\s+)\b(last|next|this)\s+$/i.exec(text.slice(Math.max(0, match.index! - 10), match.index)) : null;
    if (year === null && deictic && reference) {
      const articleMonth = reference.getMonth() + 1;
      const word = deictic[1]!.toLowerCase();
      year = reference.getFullYear() + (word === 'last' ? (month < articleMonth ? 0 : -1) : word === 'next' ? (month > articleMonth ? 0 : 1) : 0);
    }
    year ??= yearWritten(text, match.index!);
    if (year === null && reference) {
      const tense = tenseAt(text, match.index!, match[0].length);
      const past = tense === 'past';
      const future = tense === 'future';
      const articleMonth = reference.getMonth() + 1;
      year = reference.getFullYear();
      if (past && month > articleMonth) year--;
      else if (future && month < articleMonth) year++;
      else if (!past && !future && month - articleMonth > 6) year--;
      else if (!past && !future && articleMonth - month > 6) year++;
    }
    if (year === null) continue;
    found.push({ text: match[1]!.trim(), date: `${year}-${String(month).padStart(2, '0')}` });
  }
  // "the year", "for the rest of the year", "by the end of the year": the article's year (TimeML: a definite
  // "the year" is the document's, a part of it is the year with a mod), or the year written before it in the sentence.
  for (const match of text.matchAll(THE_YEAR)) {
    const written = [...text.slice(0, match.index).matchAll(/\b(1[6-9]\d{2}|20\d{2})\b(?!,?\d)/g)].at(-1);
    const year = written ? Number(written[1]) : reference?.getFullYear();
    if (year !== undefined) found.push({ text: match[1]!, date: String(year) });
  }
  for (const match of text.matchAll(RELATIVE_MONTH)) {
    if (!reference) continue;
    const shift = match[2]!.toLowerCase() === 'last' ? -1 : match[2]!.toLowerCase() === 'next' ? 1 : 0;
    const date = new Date(reference.getFullYear(), reference.getMonth() + shift, 1, 12);
    found.push({ text: match[1]!, date: `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}` });
  }
  for (const match of text.matchAll(YEAR_ONLY)) {
    if (match[2]) {
      // Part of a month or a day already read ("October 2016", "March 3, 2020") is not a year of its own.
      if (found.some((f) => f.text.includes(match[2]!)) || new RegExp(`${MONTH_NAME}\\s+\\d{1,2},?\\s+${match[2]}`, 'i').test(text)) continue;
      found.push({ text: match[1]!, date: match[2] });
      continue;
    }
    const word = match[4]!.toLowerCase();
    // "August last year" was read as a month.
    if (found.some((f) => f.text.toLowerCase().includes(`${word} year`))) continue;
    if (word === 'that') {
      if (context.year) found.push({ text: match[3]!, date: String(context.year) });
      continue;
    }
    if (!reference) continue;
    found.push({ text: match[3]!, date: String(reference.getFullYear() + (word === 'last' ? -1 : word === 'next' ? 1 : 0)) });
  }
  // "two years ago", "three months ago": a year or month counted back from the article (TimeML values such a
  // DATE at the granularity of its unit); approximate ("about", "nearly", "some") or vague ("years ago") is none.
  for (const match of text.matchAll(UNITS_AGO)) {
    if (!reference || APPROXIMATE.test(text.slice(Math.max(0, match.index! - 16), match.index))) continue;
    const count = countOf(match[1]!);
    if (count === null) continue;
    if (/^years?$/i.test(match[2]!)) found.push({ text: match[0], date: String(reference.getFullYear() - count) });
    else {
      const month = new Date(reference.getFullYear(), reference.getMonth() - count, 1, 12);
      found.push({ text: match[0], date: `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}` });
    }
  }
  // A year coordinated with a year read with its preposition shares it ("in 2014 and 2018", "in 2014, 2016
  // and 2018"): coordination repeats the head of the phrase (Quirk: coordination of prepositional complements).
  for (const match of text.matchAll(COORDINATED_YEARS)) {
    for (const year of match[0].match(/\b(?:19|20)\d{2}\b/g)!.slice(1)) {
      if (!found.some((f) => f.text.includes(year))) found.push({ text: year, date: year });
    }
  }
  // A season with its year ("the summer of 2019") holds the year already read with its preposition.
  for (const season of seasonYears(text, reference)) {
    const same = found.findIndex((f) => season.text.includes(f.text.replace(/^\w+\s+/, '')) && f.date === season.date);
    if (same >= 0) found.splice(same, 1);
    found.push(season);
  }
  for (const match of [...text.matchAll(BARE_YEAR), ...text.matchAll(NAMED_YEAR)]) {
    const year = match[1] ?? match[2]!;
    // A year already read with its month, day or preposition ("in 2019", "October 2016", "March 3, 2020").
    if (found.some((f) => f.text.includes(year)) || new RegExp(`${MONTH_NAME}\\s+(?:\\d{1,2},?\\s+)?${year}`, 'i').test(text)) continue;
    found.push({ text: year, date: year });
  }
  return found;
}

/**
 * A season named as a time ("in the summer", "last autumn", "next fall", "the spring of 2009"): after a
 * determiner that makes it one season (the, last, next, this), and standing as a time of its own (the end of
 * a clause, or before a function word), not a modifier ("the summer fete", "the fall in prices", "the fall
 * of the wall"). "Fall" only as a clause's last word or with last/next/this. Winter is left out: it spans
 * two years, and the schema of dates has no finer unit than the year for a season.
 */
const SEASON = /\b((?:(?:in|during|since|until|till|by|into|from|through|over|to|for)\s+)?(?:the\s+|(last|next|this|that)\s+)(spring|summer|autumn|fall))\b(?:\s+(?:of\s+)?(1[6-9]\d{2}|20\d{2})\b)?/gi;
const AFTER_SEASON = /^(?:\s*(?:[,.;:!?)\u201d"]|$)|\s+(?:and|or|but|when|as|of|to|with|in|at|on|for|before|after|around|while|that|which|who|had|has|was|were|is|are|would|will|i|we|he|she|they|it|you)\b)/i;
/** The months a season spans (meteorological seasons of the northern hemisphere). */
const SEASON_MONTHS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11] };

/**
 * The year of a season, as TimeML's TIMEX3 values a season (2021-SU) at the only granularity the dates here
 * have, the year: "last" is the latest such season ended before the article, "next" the first begun after
 * it, "this" the article's; "the summer" the latest begun for an event told in the past, the first not yet
 * ended for one to come, else the article's year. A year written with it ("the spring of 2009") wins.
 */
function seasonYears(text: string, reference: Date | null): ResolvedDate[] {
  const found: ResolvedDate[] = [];
  for (const match of text.matchAll(SEASON)) {
    const season = match[3]!.toLowerCase();
    const modifier = match[2]?.toLowerCase();
    const rest = text.slice(match.index! + match[1]!.length);
    if (!match[4] && !AFTER_SEASON.test(rest)) continue;
    if (season === 'fall' && !match[4] && !modifier && !/^\s*(?:[,.;:!?)\u201d"]|$)/.test(rest)) continue;
    if (modifier === 'that') continue;
    let year: number | null = match[4] ? Number(match[4]) : null;
    if (year === null && reference) {
      const [first, last] = SEASON_MONTHS[season]!;
      const month = reference.getMonth() + 1;
      year = reference.getFullYear();
      if (modifier === 'last') year -= last < month ? 0 : 1;
      else if (modifier === 'next') year += first > month ? 0 : 1;
      else if (modifier !== 'this') {
        const tense = tenseAt(text, match.index!, match[0].length);
        const past = tense === 'past';
        const future = tense === 'future';
        if (past && first > month) year--;
        else if (future && last < month) year++;
      }
    }
    if (year === null) continue;
    found.push({ text: match[0].trim(), date: String(year) });
  }
  return found;
}

/**
 * Moves a weekday chrono placed nearest the article to the other side of it when the words around it say
 * so: forward for future words, back for past ones (including any past-tense "-ed" verb before it).
 */
function weekdayByTense(text: string, at: number, length: number, nearest: Date, reference: Date): Date {
  let before = text.slice(0, at).split(/\s+/).filter(Boolean).slice(-TENSE_WINDOW);
  // A to-infinitive before the day makes a non-finite clause, with no tense of its own ("was unlikely to
  // reverse course before Friday's vote"): the words before its "to" are another clause's (as in tenseAt).
  // After a past verb "to" is most often a preposition ("returned to normal on Friday"), which it keeps.
  const infinitive = before.findLastIndex((word, i) => word === 'to' && /^\p{Ll}/u.test(before[i + 1] ?? '') && !INFINITIVE_NOT.test(before[i + 1]!) && !pastTense(before[i - 1] ?? ''));
  if (infinitive >= 0) before = before.slice(infinitive + 1);
  const after = text.slice(at + length).split(/\s+/).filter(Boolean).slice(0, TENSE_WINDOW + 2);
  const clean = (list: string[]) => list.map((word) => word.replace(/’/g, "'").replace(/[^\p{L}']/gu, ''));
  // A verb of planning says "to come" only after a form of "be" or before "to"/"for" ("is scheduled for",
  // "planned to"); as a modifier ("the originally planned launch") it is no tense of the clause's (as in
  // tenseAt), nor after a verb, where "due to" is a preposition ("was scrubbed due to the weather").
  const planning = (list: string[], i: number) =>
    FUTURE_PARTICIPLE.test(list[i]!) && list[i] !== 'going' && !BE_AUXILIARY.test(list[i - 1] ?? '') && (!/^(?:to|for)$/i.test(list[i + 1] ?? '') || pastTense(list[i - 1] ?? ''));
  const tenseOf = (list: string[]) => ({
    future: list.some((word, i) => FUTURE_WORDS.test(word) && !planning(list, i)),
    past: list.some((word) => PAST_WORDS.test(word)) || list.some((word) => /^\p{Ll}{3,}ed$/u.test(word) && !FUTURE_WORDS.test(word)),
  });
  let { future, past } = tenseOf(clean([...before, ...after]));
  // A day opening the sentence ("On Sunday and Saturday evening, Australian store chains Woolworths and Coles
  // lowered …") takes the tense of its clause's verb, which a long subject may put past the window: read on
  // to the first word of tense (an adjunct of time opening a sentence modifies its whole clause).
  if (!future && !past && before.length === 0) {
    const rest = clean(text.slice(at + length).split(/\s+/).filter(Boolean).slice(TENSE_WINDOW + 2, TENSE_WINDOW + 14));
    const first = rest.findIndex((word) => FUTURE_WORDS.test(word) || PAST_WORDS.test(word) || (/^\p{Ll}{3,}ed$/u.test(word) && !FUTURE_WORDS.test(word)));
    if (first >= 0) ({ future, past } = tenseOf([rest[first]!]));
  }
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

/**
 * The dates one sentence of an article speaks of, days (`YYYY-MM-DD`) then months (`YYYY-MM`) and years
 * (`YYYY`): what a passage made of that sentence shows. "The following day" counts from the last day told
 * before it in the article (in the sentence, or in the two before), "that year" from the last year written.
 */
export function sentenceDates(article: DatedArticle, index: number): ResolvedDate[] {
  const sentence = article.sentences[index];
  if (!sentence) return [];
  const context = contextOf(article, index);
  const days = resolveDates(sentence.text, article.date, context);
  const periods = resolvePeriods(sentence.text, article.date, context).filter(
    (p) => !days.some((d) => d.text.toLowerCase().includes(p.text.toLowerCase()) || p.text.toLowerCase().includes(d.text.toLowerCase())),
  );
  return [...days, ...periods];
}

/**
 * The days a text tells, as anchors for what follows: a "today" or "yesterday" inside a quotation is the
 * speaker's, counted from the day they spoke, not a day the article tells (without its own context it would
 * be counted from the article's date), so it anchors nothing ("Wednesday, Bloomberg endorsed Biden.
 * “Today, I am leaving the race …” … “After yesterday's vote …”": the vote is the day before Wednesday).
 */
function toldDays(text: string, articleDate: string | null, quoted = false): ResolvedDate[] {
  return datesOf(text, articleDate, {}, false).filter((d) => !(DAY_WORDS.test(d.text) && insideQuote(text, text.indexOf(d.text), quoted)));
}

/** An article as dates are read from it: its date, its sentences, and (to tell quotations) its paragraphs. */
type DatedArticle = {
  date: string | null;
  paragraphs?: readonly string[];
  sentences: readonly { text: string; paragraph?: number; start?: number }[];
  /** The article's quotations, to tell the turns of a transcript. */
  quotes?: readonly { kind: string; paragraph: number; cue: string | null; reference: string }[];
};

/**
 * The paragraphs of an article's transcript, first and last: from the first paragraph holding a turn (a
 * direct quotation given by a label or a layout, with no speaker named beside it: "MAHONEY: …", "Q: …", an
 * unlabelled answer) to the last, when there are at least three turns; null for an article without one.
 */
function transcriptOf(article: DatedArticle): [number, number] | null {
  const turns = (article.quotes ?? []).filter((q) => q.kind === 'direct' && q.reference === 'none' && (q.cue === ':' || q.cue === null));
  if (turns.length < 3) return null;
  return [Math.min(...turns.map((q) => q.paragraph)), Math.max(...turns.map((q) => q.paragraph))];
}

/** The last day (not after the article's) the narrative tells in the paragraphs before a given one: when a conversation took place. */
function dayBefore(article: DatedArticle, paragraph: number): string | null {
  let day: string | null = null;
  for (const sentence of article.sentences) {
    if (sentence.paragraph === undefined || sentence.paragraph >= paragraph) break;
    if (!DATE_LIKE.test(sentence.text)) continue;
    for (const told of toldDays(sentence.text, article.date, startsQuoted(article, sentence))) if (article.date === null || told.date <= article.date) day = told.date;
  }
  return day;
}

/** The first day (not after the article's) the lead tells: the day of the event the article reports. */
function leadDay(article: DatedArticle): string | null {
  for (const sentence of article.sentences) {
    if (sentence.paragraph !== 1) break;
    if (!DATE_LIKE.test(sentence.text)) continue;
    const told = toldDays(sentence.text, article.date, startsQuoted(article, sentence)).find((d) => article.date === null || d.date <= article.date);
    if (told) return told.date;
  }
  return null;
}

/**
 * Whether a sentence begins inside a quotation opened earlier in its paragraph (a later sentence of a
 * quotation: `“Three months ago,” he said, “I entered the race. Today, I am leaving it …”`).
 */
function startsQuoted(article: DatedArticle, sentence: DatedArticle['sentences'][number]): boolean {
  const paragraph = sentence.paragraph !== undefined ? article.paragraphs?.[sentence.paragraph - 1] : undefined;
  if (paragraph === undefined || sentence.start === undefined) return false;
  let open = false;
  for (let i = 0; i < sentence.start && i < paragraph.length; i++) {
    const ch = paragraph[i]!;
    if (ch === '“' || ch === '„' || ch === '«') open = true;
    else if (ch === '”' || ch === '»') open = false;
    else if (ch === '"') open = !open;
  }
  return open;
}

/** The day and year told last before a sentence: earlier in it, or in its paragraph or the one before. */
function contextOf(article: DatedArticle, index: number): DateContext {
  const own = article.sentences[index]!;
  const quoted = startsQuoted(article, own);
  // Only what the sentence can lean on is looked for (each earlier sentence read costs a parse): a day for
  // "the following day" or a time of that day, or for a day word inside a quotation; a year for "that year".
  const wantsAnchor = LEANS_ON_DAY.test(own.text) || ((quoted || /[“"]/.test(own.text)) && DAY_WORDS.test(own.text));
  const wantsYear = THAT_YEAR.test(own.text);
  let anchor: string | null = null;
  let year: number | null = null;
  const firstAnchor = wantsAnchor ? own.text.search(LEANS_ON_DAY) : -1;
  if (firstAnchor > 0 && DATE_LIKE.test(own.text.slice(0, firstAnchor))) anchor = toldDays(own.text.slice(0, firstAnchor), article.date, quoted).at(-1)?.date ?? null;
  for (let i = index - 1; i >= 0 && ((wantsAnchor && anchor === null) || (wantsYear && year === null)); i--) {
    const sentence = article.sentences[i]!;
    if (own.paragraph !== undefined && sentence.paragraph !== undefined && sentence.paragraph < own.paragraph - 1) break;
    if (wantsAnchor && anchor === null && DATE_LIKE.test(sentence.text)) anchor = toldDays(sentence.text, article.date, startsQuoted(article, sentence)).at(-1)?.date ?? null;
    if (wantsYear && year === null) {
      const years = [...sentence.text.matchAll(/\b(19\d{2}|20\d{2})\b(?!,?\d)/g)];
      if (years.length > 0) year = Number(years.at(-1)![1]);
    }
  }
  // Speech with no day told near it: a transcript's turns were spoken on the day of the conversation (the
  // last day its introduction tells), a quotation on the day of the event the lead reports.
  // (Looked for only when the sentence holds such a word: each earlier sentence read costs a parse.)
  const region = own.paragraph !== undefined && SPEECH_DAY_WORDS.test(own.text) ? transcriptOf(article) : null;
  const transcript = region !== null && own.paragraph! >= region[0] && own.paragraph! <= region[1];
  let speechDay: string | null = null;
  if (transcript) speechDay = dayBefore(article, region[0]);
  else if (anchor === null && (quoted || /[“"]/.test(own.text)) && SPEECH_DAY_WORDS.test(own.text)) speechDay = leadDay(article);
  // A time of day with no day told before it near it is a time of the day the lead reports (TimeML: the date in focus).
  if (anchor === null && wantsAnchor && new RegExp(TIME_OF_DAY.source, 'i').test(own.text)) anchor = leadDay(article);
  return { anchor, year, quoted, transcript, speechDay };
}

/** "that year": the year told last before the sentence. */
const THAT_YEAR = /\bthat\s+year\b/i;
