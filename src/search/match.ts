/**
 * How well a query, typed as a person remembers it, matches a passage of an article: the re-ranking step
 * after MiniSearch has found candidates. MiniSearch scores bags of words; here the order and nearness of
 * the words count too, each query word is matched exactly, by a synonym, or within a few typos, and words
 * are weighted by how informative they are (stop words count little, negations count fully).
 */
import { diffArrays } from 'diff';
import type { WordChange } from '../answers.ts';
import { foldText, normalizeTerm } from './terms.ts';

export { RecentCache } from './recent-cache.ts';

/** One word of a text, as written and as the index sees it (shared: never changed once made). */
export interface Word {
  /** As written. */
  readonly text: string;
  /** Lowercased, quotes and accents folded: compared for typos. */
  readonly folded: string;
  /** The index term (stemmed), or null for a stop word. */
  readonly term: string | null;
}

/**
 * Words as the index sees them (src/search/terms.ts), found in the original text so they can be shown as
 * written: initialisms with dots (U.S.), numbers with separators (1,000 / 3.5), and runs of letters and
 * digits with inner apostrophes, straight or curly (Putin’s). Dashes separate words (full-blown).
 */
const WORD = /(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)+(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’‘`][\p{L}\p{N}]+)*/gu;
/**
 * WORD for a text whose letters and digits are all ASCII (most news text: its other characters are curly
 * quotes, dashes, ellipses, which the General Punctuation block holds, and which hold no letter or digit):
 * the same words, found twice as fast without Unicode's classes.
 */
const ASCII_WORD = /(?:[A-Za-z]\.){2,}|[0-9]+(?:[.,][0-9]+)+(?![A-Za-z0-9])|[A-Za-z0-9]+(?:['’‘`][A-Za-z0-9]+)*/g;
/** A character that may be a letter or a digit beyond ASCII: WORD is needed. */
const BEYOND_ASCII = /[^\x00-\x7f\u2000-\u206f]/;

/**
 * The words seen lately, as written: a word's folded form and term are worked out once, and its `Word`
 * shared by every text that holds it (re-ranking reads the same words in candidate after candidate).
 */
const wordCache = new Map<string, Word>();
const WORD_CACHE_LIMIT = 100_000;

/** Splits a text into words, keeping each word as written. */
export function words(text: string): Word[] {
  const found = text.match(BEYOND_ASCII.test(text) ? WORD : ASCII_WORD);
  if (found === null) return [];
  const out: Word[] = [];
  for (let i = 0; i < found.length; i++) {
    const raw = found[i]!;
    let word = wordCache.get(raw);
    if (word === undefined) {
      word = { text: raw, folded: fold(raw), term: normalizeTerm(raw) };
      if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
      wordCache.set(raw, word);
    }
    out.push(word);
  }
  return out;
}

/** Lowercase, NFKD without combining marks, curly apostrophes straightened. */
export function fold(word: string): string {
  return foldText(word).toLowerCase();
}

/** Gives a query term's informativeness (inverse document frequency). */
export type TermWeight = (term: string) => number;

/** Gives the index terms that count as synonyms of a term. */
export type SynonymLookup = (term: string) => ReadonlySet<string>;

/** How much a word matched by each route counts. */
const EXACT = 1;
const TYPO = 0.85;
const SYNONYM = 0.7;
/** Weight of a stop word relative to an average content word: it never decides a match. */
const STOP_WEIGHT = 0.15;

export interface Alignment {
  /** Share of the query's (weighted) words found in the passage, 0–1. */
  coverage: number;
  /** Share of the matched words that stand in the query's order, 0–1. */
  order: number;
  /** The combined score, 0–1: coverage, discounted when the words are reordered or scattered far apart. */
  score: number;
  /** For each query word, the passage word it matched (index), or -1. */
  matches: number[];
  /** For each query word, whether it matched as typed or with a typo (not through a synonym). */
  literal: boolean[];
}

/**
 * Aligns the query's words with a passage's words. Every query word is matched to the best passage word
 * (the nearest to the previous match when several are as good), so the order can be measured.
 */
export function align(
  query: Word[],
  passage: Word[],
  weight: TermWeight,
  synonyms: SynonymLookup,
  options: { synonymCredit?: number } = {},
): Alignment {
  const synonymCredit = options.synonymCredit ?? SYNONYM;
  const matches: number[] = [];
  const literal: boolean[] = [];
  let total = 0;
  let got = 0;
  let previous = -1;
  // The order and the span of the matches, as they are found (no arrays made for them).
  let matchedCount = 0;
  let increasing = 0;
  let contentCount = 0;
  let contentMin = Infinity;
  let contentMax = -Infinity;
  if (tails.length < query.length) tails = new Int32Array(2 * query.length);
  for (let i = 0; i < query.length; i++) {
    const q = query[i]!;
    const w = q.term ? weight(q.term) : STOP_WEIGHT;
    total += w;
    // Exact matches first (the common case, and cheap); typos and synonyms only for a word not found as is.
    // Each scan keeps the passage word nearest after the previous match (the first of equally near ones).
    let bestAt = -1;
    let bestDistance = Infinity;
    for (let j = 0; j < passage.length; j++) {
      const p = passage[j]!;
      if (!(q.folded === p.folded || (q.term !== null && q.term === p.term))) continue;
      const distance = Math.abs(j - previous - 1);
      if (distance < bestDistance) {
        bestDistance = distance;
        bestAt = j;
      }
    }
    let best = bestAt >= 0 ? EXACT : 0;
    let typedAsIs = bestAt >= 0;
    if (bestAt < 0 && q.term !== null) {
      for (let j = 0; j < passage.length; j++) {
        const p = passage[j]!;
        if (!(p.term !== null && isTypo(q.folded, p.folded))) continue;
        const distance = Math.abs(j - previous - 1);
        if (distance < bestDistance) {
          bestDistance = distance;
          bestAt = j;
        }
      }
      if (bestAt >= 0) best = TYPO;
      typedAsIs = bestAt >= 0;
    }
    if (bestAt < 0 && q.term !== null && synonymCredit > 0) {
      const related = synonyms(q.term);
      if (related.size > 0) {
        for (let j = 0; j < passage.length; j++) {
          const p = passage[j]!;
          if (!(p.term !== null && related.has(p.term))) continue;
          const distance = Math.abs(j - previous - 1);
          if (distance < bestDistance) {
            bestDistance = distance;
            bestAt = j;
          }
        }
        if (bestAt >= 0) best = synonymCredit;
      }
    }
    matches.push(bestAt);
    literal.push(typedAsIs);
    if (bestAt >= 0) {
      previous = bestAt;
      matchedCount++;
      increasing = extendIncreasing(increasing, bestAt);
      if (q.term !== null) {
        contentCount++;
        if (bestAt < contentMin) contentMin = bestAt;
        if (bestAt > contentMax) contentMax = bestAt;
      }
    }
    got += w * best;
  }
  const coverage = total > 0 ? got / total : 0;
  const order = matchedCount > 1 ? increasing / matchedCount : matchedCount;
  // How close together the matched content words stand: remembered words come from one stretch of text.
  const span = contentCount > 0 ? contentMax - contentMin + 1 : 1;
  const compactness = Math.min(1, (contentCount + 2) / span);
  return { coverage, order, score: coverage * (0.85 + 0.15 * order) * (0.75 + 0.25 * compactness), matches, literal };
}

/**
 * The longest strictly increasing subsequence of the matches so far, one match at a time (patience
 * sorting): `tails[k]` is the least last value of an increasing run of k + 1 matches, `length` runs long.
 * Returns the new length.
 */
let tails = new Int32Array(64);

function extendIncreasing(length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tails[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  tails[lo] = value;
  return lo === length ? length + 1 : length;
}

/** Whether two words differ by a typo: one edit (two for long words), including a swap of neighbours. */
export function isTypo(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  const limit = shorter >= 8 ? 2 : 1;
  if (Math.abs(a.length - b.length) > limit) return false;
  return limit === 1 ? withinOneEdit(a, b) : editDistance(a, b, limit) <= limit;
}

/**
 * Whether two words whose lengths differ by at most one are at most one edit apart (optimal string
 * alignment: a letter changed, added or dropped, or two neighbours swapped), in one pass and without
 * allocating: `isTypo` asks it of nearly every word of every candidate a query word does not match as is.
 */
function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  const common = la < lb ? la : lb;
  let i = 0;
  while (i < common && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // The same, or the last letter changed.
    if (i >= la - 1) return true;
    // One letter changed: the rest is the same.
    if (sameFrom(a, i + 1, b, i + 1)) return true;
    // Two neighbours swapped.
    return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, i + 2, b, i + 2);
  }
  // One letter added: the longer word without its letter at the first difference is the shorter.
  return la > lb ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
}

/** Whether `a` from `i` and `b` from `j` are the same to their ends (of the same length). */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** Three rows of the edit distance table, reused from call to call (grown for a longer word). */
let table = new Int32Array(3 * 32);

/** Optimal string alignment distance, stopping early once it exceeds `limit` (then `limit + 1`). */
function editDistance(a: string, b: string, limit: number): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  if (table.length < 3 * cols) table = new Int32Array(6 * cols);
  const t = table;
  // Where each row starts in `t`, taken in turn: the one before the previous (for swaps), the previous, the current.
  let before = 0;
  let previous = cols;
  let row = 2 * cols;
  for (let j = 0; j < cols; j++) {
    t[before + j] = 0;
    t[previous + j] = j;
  }
  for (let i = 1; i < rows; i++) {
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    t[row] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = t[previous + j]! + 1;
      const added = t[row + j - 1]! + 1;
      if (added < value) value = added;
      const changed = t[previous + j - 1]! + (ai === bj ? 0 : 1);
      if (changed < value) value = changed;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) {
        const swapped = t[before + j - 2]! + 1;
        if (swapped < value) value = swapped;
      }
      t[row + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = row;
    row = spare;
  }
  return t[previous + cols - 1]!;
}

/**
 * The article's exact words set against what the user typed, word by word: the stretch of the passage the
 * query covers, with the words the user dropped, added or changed. Empty when typed exactly.
 */
export function wordDifferences(query: Word[], passage: Word[], alignment: Alignment): WordChange[] {
  const matched = alignment.matches.filter((j) => j >= 0);
  if (matched.length === 0) return [];
  const from = Math.min(...matched);
  const to = Math.max(...matched);
  const window = passage.slice(from, to + 1);
  const same = (a: Word, b: Word) => a.folded === b.folded || (a.term !== null && a.term === b.term);
  const parts = diffArrays(window, query, { comparator: same });
  const changes: WordChange[] = [];
  let anyDifference = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.added && !part.removed) {
      for (const word of part.value) changes.push({ op: 'same', text: word.text });
      continue;
    }
    anyDifference = true;
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      // A run dropped and a run typed in its place: pair them up as changes, the rest as dropped/added.
      const dropped = part.value;
      const typed = next.value;
      const paired = Math.min(dropped.length, typed.length);
      for (let k = 0; k < paired; k++) changes.push({ op: 'changed', text: dropped[k]!.text, typed: typed[k]!.text });
      for (const word of dropped.slice(paired)) changes.push({ op: 'dropped', text: word.text });
      for (const word of typed.slice(paired)) changes.push({ op: 'added', text: word.text });
      i++;
    } else if (part.removed) {
      for (const word of part.value) changes.push({ op: 'dropped', text: word.text });
    } else {
      for (const word of part.value) changes.push({ op: 'added', text: word.text });
    }
  }
  return anyDifference ? changes : [];
}
