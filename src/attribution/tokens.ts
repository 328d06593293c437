/**
 * Words and marks of a sentence, with their offsets in the paragraph. Attribution works on these tokens: each
 * knows whether it stands inside a quotation (the speaker's words, never a cue or an antecedent) and whether
 * it is one of the quote marks found by `findQuoteSpans`.
 */

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
}

/** Abbreviations whose final period belongs to the word. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'sgt', 'prof',
  'rev', 'inc', 'co', 'corp', 'ltd', 'no', 'vs', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'mt', 'ft', 'gov',
]);

const WORD_CHAR = /[\p{L}\p{N}]/u;
const CONNECTOR = /[-'’.&]/;

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
  let i = from;
  const inQuote = (offset: number) => quoted.some(([s, e]) => offset >= s && offset < e);
  const push = (start: number, end: number, kind: Token['kind']) => {
    const raw = text.slice(start, end);
    tokens.push({
      text: raw,
      lower: raw.toLowerCase().replace(/’/g, "'"),
      start,
      end,
      kind,
      quoted: kind === 'open' || kind === 'close' ? false : inQuote(start),
      capitalised: /^\p{Lu}/u.test(raw),
    });
  };
  while (i < to) {
    const ch = text[i] as string;
    const mark = marks.get(i);
    if (mark) {
      push(i, i + 1, mark);
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else if (WORD_CHAR.test(ch)) {
      let j = i + 1;
      while (j < to) {
        const c = text[j] as string;
        if (WORD_CHAR.test(c)) j++;
        else if (CONNECTOR.test(c) && !marks.has(j) && j + 1 < to && WORD_CHAR.test(text[j + 1] as string)) j += 2;
        else break;
      }
      let word = text.slice(i, j);
      // Possessive 's is its own token: "Russia’s" → "Russia" + "’s".
      const possessive = /['’]s$/i.exec(word);
      if (possessive && word.length > 2) {
        push(i, j - 2, 'word');
        push(j - 2, j, 'word');
        i = j;
        continue;
      }
      // The period of an abbreviation or an initial belongs to the word ("U.S.", "Mr.", "J.").
      if (text[j] === '.' && j < to && (/^(?:\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(word) || ABBREVIATIONS.has(word.toLowerCase()))) {
        j++;
        word = text.slice(i, j);
      }
      push(i, j, 'word');
      i = j;
    } else {
      let j = i + 1;
      if (ch === '.') while (j < to && text[j] === '.') j++;
      push(i, j, 'punct');
      i = j;
    }
  }
  return tokens;
}
