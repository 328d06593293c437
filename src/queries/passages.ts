/**
 * A passage of `/what-happened` that reads on its own (issue #9):
 *
 * - a sentence that carries on from the one before (it opens with a pronoun, a demonstrative or a
 *   connective: "He said …", "This follows …", "However, …") keeps that sentence before it, unless that
 *   one is shown anyway;
 * - a sentence inside a quotation that opened in an earlier sentence is shown with the quotation's opening
 *   mark and an ellipsis (`“… As we have said, …,” the official stated.`), and a passage that leaves a
 *   quotation open which the paragraph closes later ends with an ellipsis and its closing mark: what stands
 *   between the marks is always the article's exact words, the ellipsis saying where some are left out;
 * - its dates are those of its sentences (src/article/dates.ts).
 */
import type { Passage, ResolvedDate } from '../answers.ts';
import { sentenceDates } from '../article/dates.ts';
import type { LibraryView } from '../seam.ts';
import type { Article, Sentence } from '../model.ts';
import { isAdverbWord } from '../attribution/gazetteer.ts';

/**
 * Words at the start of a sentence that lean on the sentence before for what they speak of: personal and
 * possessive pronouns, demonstratives, and connectives (the English conjunctive adverbs and coordinating
 * conjunctions that open a sentence).
 */
const CARRIES_ON =
  /^[“"‘']?(?:he|she|they|it|him|them|this|that|these|those|his|her|their|its|such|there|however|but|and|also|yet|still|instead|meanwhile|nevertheless|nonetheless|moreover|furthermore|besides|therefore|thus|hence|consequently|otherwise|then|later|afterwards?|likewise|similarly|so)\b/i;

/** Opening and closing quotation marks (a straight double mark is both). */
const OPENING = new Set(['“', '„', '«']);
const CLOSING = new Set(['”', '»']);

/**
 * Simple subordinating conjunctions of English (from the list in Quirk et al., *A Comprehensive Grammar of the English
 * Language*): a clause they open, when its subject is a pronoun ("As they tried to storm
 * parliament, …"), leans on the sentence before for what the pronoun stands for.
 */
const SUBORDINATORS = new Set(['after', 'although', 'as', 'because', 'before', 'if', 'once', 'since', 'though', 'unless', 'until', 'when', 'whenever', 'where', 'whereas', 'while']);
/** A sentence opening with one word, then a third-person pronoun as the subject or its possessive. */
const OPENER_THEN_PRONOUN = /^[“"‘']?(\p{L}+),?\s+(?:he|she|they|it|his|her|their|its)\b/iu;

/**
 * Whether a sentence carries on from the one before: it opens with a pronoun, a demonstrative or a
 * connective, or with a subordinating conjunction or an adverb (a word most often an adverb: "Reportedly",
 * "Eventually") before a pronoun subject ("Reportedly he injured …").
 */
export function carriesOn(text: string): boolean {
  if (CARRIES_ON.test(text)) return true;
  const opener = OPENER_THEN_PRONOUN.exec(text)?.[1]?.toLowerCase();
  return opener !== undefined && (SUBORDINATORS.has(opener) || isAdverbWord(opener));
}

/**
 * The quotation mark open at a position of a paragraph (the mark that opened it), or null when no
 * quotation is open there. A straight double mark opens when none is open and closes otherwise.
 */
export function openQuoteAt(paragraph: string, at: number): string | null {
  let open: string | null = null;
  for (let i = 0; i < at && i < paragraph.length; i++) {
    const ch = paragraph[i]!;
    if (OPENING.has(ch)) open = ch;
    else if (CLOSING.has(ch)) open = null;
    else if (ch === '"') open = open === null ? '"' : null;
  }
  return open;
}

const CLOSER: Record<string, string> = { '“': '”', '„': '“', '«': '»', '"': '"' };

/** Builds a passage: the sentence, with the one before when it only carries on from it, and its quotation marks made whole. */
export function buildPassage(view: LibraryView, article: number, sentence: Sentence, score: number, shown = new Set<string>()): Passage {
  const a = view.article(article);
  const before = a.sentences[sentence.index - 1];
  const needsContext =
    before !== undefined &&
    !shown.has(`${article}:${before.index}`) &&
    (before.paragraph === sentence.paragraph || sentence.paragraph - before.paragraph === 1) &&
    carriesOn(sentence.text);
  const first = needsContext ? before : sentence;
  const parts = needsContext ? [before, sentence] : [sentence];
  let text = parts.map((s) => s.text).join(' ');
  const opened = startsInsideQuote(a, first);
  if (opened) text = `${opened}… ${text}`;
  const open = endsInsideQuote(a, sentence);
  if (open) text = `${text} …${CLOSER[open] ?? '”'}`;
  const found = parts.flatMap((s) => datesOf(a, s.index));
  return {
    text,
    article: view.ref(article),
    paragraph: first.paragraph,
    score: Math.round(score * 1000) / 1000,
    dates: found.filter((d) => d.date.length === 10),
    periods: found.filter((d) => d.date.length < 10),
  };
}

/** The mark of the quotation a sentence stands inside of, opened before it in its paragraph, or null. */
function startsInsideQuote(article: Article, sentence: Sentence): string | null {
  const paragraph = article.paragraphs[sentence.paragraph - 1];
  if (paragraph === undefined) return null;
  // The sentence's own opening mark, if it has one, is part of its text.
  return openQuoteAt(paragraph, sentence.start);
}

/** The mark of a quotation left open at the end of a sentence and closed later in its paragraph, or null. */
function endsInsideQuote(article: Article, sentence: Sentence): string | null {
  const paragraph = article.paragraphs[sentence.paragraph - 1];
  if (paragraph === undefined) return null;
  const open = openQuoteAt(paragraph, sentence.end);
  if (open === null) return null;
  const rest = paragraph.slice(sentence.end);
  const closes = open === '"' ? rest.includes('"') : [...rest].some((ch) => CLOSING.has(ch) || (open === '„' && ch === '“'));
  return closes ? open : null;
}

/**
 * The dates of the sentences shown lately, per article (the article's object: an article changed is a new
 * one), so that a passage shown again is not parsed again (resolving a sentence's dates parses it, and the
 * sentences before it, with chrono). At most DATES_KEPT sentences; each caller gets its own copies.
 */
let datesKept = new WeakMap<Article, Map<number, readonly ResolvedDate[]>>();
let datesCount = 0;
const DATES_KEPT = 20_000;

function datesOf(article: Article, index: number): ResolvedDate[] {
  let byIndex = datesKept.get(article);
  let dates = byIndex?.get(index);
  if (!dates) {
    dates = sentenceDates(article, index);
    if (datesCount >= DATES_KEPT) {
      datesKept = new WeakMap();
      datesCount = 0;
      byIndex = undefined;
    }
    if (!byIndex) datesKept.set(article, (byIndex = new Map()));
    byIndex.set(index, dates);
    datesCount++;
  }
  return dates.map((date) => ({ ...date }));
}
