/**
 * Words and marks of a sentence, with their offsets in the paragraph. Attribution works on these tokens: each
 * knows whether it stands inside a quotation (the speaker's words, never a cue or an antecedent) and whether
 * it is one of the quote marks found by `findQuoteSpans`.
 */
import { classOf } from './lexicon.ts';

export interface Token {
  /** As written. */
  text: string;
  /** Lower-cased, curly apostrophe made straight. */
  lower: string;
  /** Offsets in the paragraph. */
  start: number;
  end: number;
  kind: 'word' | 'punct' | 'open' | 'close';
  /** Inside a quotation (marks excluded). */
  quoted: boolean;
  /** Starts with an upper-case letter. */
  capitalised: boolean;
  /** The word's class bits (`WORD` in lexicon.ts); 0 for marks. */
  cls: number;
}

/** Does the token's word belong to the class `bit` (a `WORD` constant)? */
export function is(token: Token | undefined, bit: number): boolean {
  return token !== undefined && (token.cls & bit) !== 0;
}

/** Abbreviations whose final period belongs to the word. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'sgt', 'prof',
  'rev', 'inc', 'co', 'corp', 'ltd', 'no', 'vs', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'mt', 'ft', 'gov',
]);

/** A word (letters and digits, joined inside by - ' ’ . &), a run of periods, or any other single mark. */
const TOKEN = /[\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*|\.+|\S/gu;
const WORD_START = /^[\p{L}\p{N}]/u;
const UPPER = /^\p{Lu}/u;
const POSSESSIVE = /['’]s$/i;
const INITIALS = /^(?:\p{L}\.)+\p{L}$/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
const PARTICLE_NAME = /^(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu|abd|ul)-\p{Lu}/u;

/**
 * Splits `text.slice(from, to)` into tokens. `marks` maps the offsets of quote marks to their role;
 * `quoted` lists the [start, end) ranges inside quotations.
 */
export function tokenize(
  text: string,
  from: number,
  to: number,
  marks: ReadonlyMap<number, 'open' | 'close'>,
  quoted: ReadonlyArray<readonly [number, number]>,
): Token[] {
  const tokens: Token[] = [];
  const push = (start: number, end: number, kind: Token['kind']) => {
    const raw = text.slice(start, end);
    let quotedHere = false;
    if (kind !== 'open' && kind !== 'close') for (const [s, e] of quoted) if (start >= s && start < e) quotedHere = true;
    const folded = raw.toLowerCase();
    const lower = folded.includes('’') ? folded.replace(/’/g, "'") : folded;
    const first = raw.charCodeAt(0);
    tokens.push({
      text: raw,
      lower,
      cls: kind === 'word' ? classOf(lower) : 0,
      start,
      end,
      kind,
      quoted: quotedHere,
      // ASCII capitals answered directly; the Unicode test only for other letters.
      // Arabic name particles joined to a capitalised name count as capitalised ("al-Jahafi", "bin-Salman").
      capitalised: first < 128 ? (first >= 65 && first <= 90) || (first >= 97 && PARTICLE_NAME.test(raw)) : UPPER.test(raw),
    });
  };
  TOKEN.lastIndex = from;
  for (let match = TOKEN.exec(text); match && match.index < to; match = TOKEN.exec(text)) {
    const i = match.index;
    let j = Math.min(i + match[0].length, to);
    if (marks.has(i)) {
      push(i, i + 1, marks.get(i) as 'open' | 'close');
      TOKEN.lastIndex = i + 1;
      continue;
    }
    const code = match[0].charCodeAt(0);
    const wordStart = code < 128 ? (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) : WORD_START.test(match[0]);
    if (!wordStart) {
      push(i, j, 'punct');
      continue;
    }
    // A quote mark inside the match (an apostrophe that closes a quotation) ends the word there.
    for (let k = i + 1; k < j; k++) {
      if (marks.has(k)) {
        j = k;
        TOKEN.lastIndex = k;
        break;
      }
    }
    let word = text.slice(i, j);
    // Possessive 's is its own token: "Russia’s" → "Russia" + "’s".
    if (word.length > 2 && (word.endsWith('s') || word.endsWith('S')) && POSSESSIVE.test(word)) {
      push(i, j - 2, 'word');
      push(j - 2, j, 'word');
      continue;
    }
    // The period of an abbreviation or an initial belongs to the word ("U.S.", "Mr.", "J.").
    if (text[j] === '.' && j < to && (INITIALS.test(word) || SINGLE_CAPITAL.test(word) || ABBREVIATIONS.has(word.toLowerCase()))) {
      j++;
      word = text.slice(i, j);
      TOKEN.lastIndex = j;
    }
    push(i, j, 'word');
  }
  return tokens;
}
