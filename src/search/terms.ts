/**
 * byline's term pipeline: how a text becomes the terms MiniSearch indexes and queries with. The same
 * two functions serve both sides (MiniSearch's `tokenize` and `processTerm`), so a query typed from
 * memory and an article's own words meet on the same terms:
 *
 * - {@link tokenize} splits a text into words, after folding what differs only in typography: Unicode
 *   compatibility forms (NFKC), diacritics ("café" = "cafe"), curly apostrophes, dashes;
 * - {@link normalizeTerm} turns one word into its index term: lowercased, possessive and apostrophes
 *   dropped, British spelling folded to American ("defence" = "defense"), stemmed with Porter2; stop
 *   words give null, but negations never do ("seeking war, not diplomacy" ≠ "seeking diplomacy, not war").
 *
 * Sources: the stop list is the Snowball English list (`@orama/stopwords`), less its negations; the
 * spelling pairs come from `american-british-english-translator` (1,700+ word forms); the stemmer is
 * Porter2 (`wink-porter2-stemmer`), chosen over Porter (`stemmer`) because it conflates more word
 * families and wrongly merges fewer (news/new, general/generate): see tests/terms.test.ts.
 */
import { createRequire } from 'node:module';
import { stopwords as snowballStopWords } from '@orama/stopwords/english';

const require = createRequire(import.meta.url);
const porter2 = require('wink-porter2-stemmer') as (word: string) => string;
/** British spelling → American, for every inflected form the list has ("defences" → "defenses"). */
const britishToAmerican = new Map(
  Object.entries(require('american-british-english-translator/data/british_spellings.json') as Record<string, string>),
);

/**
 * Changes whenever normalizeTerm would give different terms for the same words: anything derived from
 * terms and kept on disk (the synonym map) is keyed by it.
 */
export const TERMS_VERSION = 'porter2-abet-snowball-1';

/**
 * Negations, never stop words: they reverse what a quote says. "n't" contractions and "cannot" fold to
 * "not", so "do not", "don't" and "dont" all leave the one term "not".
 */
const NEGATIONS = new Set([
  'not', 'no', 'never', 'nor', 'without', 'cannot', "n't",
  'none', 'neither', 'nobody', 'nothing', 'nowhere',
]);

/** The Snowball English stop list (which misses "a") without its negations. */
const STOP_WORDS = new Set(['a', ...snowballStopWords].filter((word) => !isNegationForm(word)));

/** Letters that NFKD does not decompose but a reader takes for plain Latin ones. */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd',
  Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i',
};
const LETTER_FOLD = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

/**
 * One token: an initialism with dots (U.S., e.g.), a number with thousands or decimal separators
 * (1,000 / 3.5), or a run of letters and digits with inner apostrophes (Putin's, don't, O'Brien).
 * Everything else (spaces, punctuation, dashes, quote marks) separates tokens.
 */
const TOKEN = /(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)+(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Anything but plain printable ASCII (less the backtick, an apostrophe-like mark) needs folding. */
const NEEDS_FOLDING = /[^\t\n\r\x20-\x5f\x61-\x7e]/;

/**
 * Folds what differs only in typography: compatibility forms (ligatures, full-width letters), diacritics
 * (é → e, ø → o), and every apostrophe-like mark to `'`. Case is kept: normalizeTerm needs it to tell
 * "US" from "us".
 */
export function foldText(text: string): string {
  if (!NEEDS_FOLDING.test(text)) return text;
  return text
    .replace(/[\u2018\u2019\u201B\u02BC\u02B9\u0060\u00B4\u2032]/g, "'")
    .normalize('NFKC')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(LETTER_FOLD, (letter) => LETTER_FOLDS[letter] ?? letter)
    .normalize('NFC');
}

/**
 * Splits a text into words for the index (MiniSearch's `tokenize`). Dashes split compounds
 * ("full-blown" → full, blown), initialisms lose their dots ("U.S." → US), numbers keep their decimals and
 * lose their thousands separators ("1,000" → 1000). Words keep their case and inner apostrophes; quote
 * marks around words are dropped.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of foldText(text).matchAll(TOKEN)) {
    const token = match[0];
    if (/^\p{N}/u.test(token) && /[.,]/.test(token)) tokens.push(token.replace(/,/g, ''));
    else if (token.endsWith('.')) tokens.push(token.replace(/\./g, ''));
    else tokens.push(token);
  }
  return tokens;
}

const termCache = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 200_000;

/**
 * The index term of one word (MiniSearch's `processTerm`), or null for a stop word. Lowercased, possessive
 * and apostrophes removed (Putin's, Putin’s and Putins all give "putin"), British spelling folded to
 * American, then stemmed with Porter2 ("stated" → "state"). Negations are kept, and "n't" forms give "not".
 * A short all-capitals word is an initialism, not a stop word ("US" → "us", "WHO" → "who"). Numbers are
 * kept as written (without thousands separators).
 *
 * Meant for single tokens as {@link tokenize} gives them; a word with inner dashes or dots is read as the
 * concatenation of its parts. Results are memoised: the index calls this for every word of every article.
 */
export function normalizeTerm(word: string): string | null {
  const cached = termCache.get(word);
  if (cached !== undefined || termCache.has(word)) return cached ?? null;
  const term = computeTerm(word);
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(word, term);
  return term;
}

function computeTerm(word: string): string | null {
  const folded = foldText(word).replace(/[^\p{L}\p{N}'.,]/gu, '');
  if (/\p{N}/u.test(folded)) {
    const number = folded.replace(/,/g, '').replace(/^[.']+|[.']+$/g, '').toLowerCase();
    return number.length > 0 ? number : null;
  }
  const letters = folded.replace(/[.,]/g, '').replace(/^'+|'+$/g, '');
  if (letters.length === 0) return null;
  const lower = letters.toLowerCase();
  if (isNegationForm(lower)) return NOT_FORMS.test(lower) ? 'not' : lower;
  // "US", "IT", "WHO": capitals make a short word an initialism, which is no stop word.
  const initialism = letters.length >= 2 && letters.length <= 3 && /^\p{Lu}+$/u.test(letters);
  if (STOP_WORDS.has(lower) && !initialism) return null;
  const bare = lower.replace(/'s$/, '').replace(/'/g, '');
  if (bare.length === 0 || (STOP_WORDS.has(bare) && !initialism)) return null;
  return porter2(britishToAmerican.get(bare) ?? bare);
}

/** The negations that mean plain "not": "n't" contractions and their apostrophe-less spellings. */
const NOT_FORMS = /^(?:not|cannot|dont|cant|wont)$|n't$/;

/** True for a negation in any form ("not", "no", "never", "without", "don't", "cannot", "n't"). */
export function isNegation(word: string): boolean {
  return isNegationForm(foldText(word).toLowerCase());
}

function isNegationForm(lower: string): boolean {
  return NEGATIONS.has(lower) || lower.endsWith("n't") || lower === 'dont' || lower === 'cant' || lower === 'wont';
}

/** True for a word the index ignores (function words such as "the", "of", "would"); never a negation. */
export function isStopWord(word: string): boolean {
  const lower = foldText(word).toLowerCase();
  if (isNegationForm(lower)) return false;
  return STOP_WORDS.has(lower) || STOP_WORDS.has(lower.replace(/'s$/, '').replace(/'/g, ''));
}
