/**
 * Quoted spans that are no utterance: names and titles ("the “Kiss & Fly” section", a film title), terms
 * after a naming word (so-called "…", dubbed "…", known as "…"). Real partial quotes, even one word long
 * ("martyred", "measured response"), are kept.
 */
import { NAMING_MARKERS } from './lexicon.ts';
import type { Token } from './tokens.ts';

/** Verbs that give a name, whatever stands between them and the quoted name. */
const STRICT_NAMING = new Set(['named', 'dubbed', 'nicknamed', 'renamed', 'codenamed', 'code-named', 'titled', 'entitled', 'termed']);

const SMALL_WORDS = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'for', 'to', 'at', 'by', 'with', '&', 'de', 'la', 'or', 'from']);

/**
 * True when the quoted text reads as a name or title: at most five words, every word that matters
 * capitalised, and no clause punctuation inside.
 */
export function looksLikeTitle(text: string): boolean {
  const trimmed = text.trim();
  if (/[,.!?;:]\s*\S/.test(trimmed) || /[.!?]$/.test(trimmed)) return false;
  const words = trimmed.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 5) return false;
  const content = words.filter((word) => !SMALL_WORDS.has(word.toLowerCase()));
  if (content.length === 0) return false;
  // A lone capitalised word that is a common English word at a sentence start ("Yes") would pass; such
  // one-word utterances are rare in news and are mostly names ("Kiss", "Brexit").
  return content.every((word) => /^[\p{Lu}\p{N}#@]/u.test(word));
}

/** True when the words right before the opening mark name what follows ("so-called", "dubbed", "known as"). */
export function afterNamingMarker(before: readonly Token[]): boolean {
  const words = before.filter((token) => token.kind === 'word' && !token.quoted);
  const last = words[words.length - 1];
  if (!last) return false;
  if (last.end < (before[before.length - 1]?.start ?? 0) && before[before.length - 1]?.kind === 'punct') return false;
  if (NAMING_MARKERS.has(last.lower)) return true;
  // A verb that names its object, a few words back with nothing but the object between: "named the virus
  // that causes it "…"", "dubbed the new strain "…"". ("called it "…"" is a characterisation, a quote.)
  for (let k = words.length - 2; k >= Math.max(0, words.length - 7); k--) {
    const word = words[k] as Token;
    if (STRICT_NAMING.has(word.lower)) return before.slice(before.indexOf(word)).every((token) => token.kind === 'word');
  }
  const previous = words[words.length - 2];
  return last.lower === 'as' && previous !== undefined && /^(?:known|referred|billed|designated|listed)$/.test(previous.lower);
}

/**
 * A short capitalised span inside a noun phrase names something: the 2013 "Bridgegate scandal", the
 * "Kiss & Fly" section. At most three words, the first capitalised, right after a determiner or a number.
 */
export function namedInNounPhrase(text: string, before: readonly Token[]): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length > 3 || !/^\p{Lu}/u.test(words[0] ?? '') || /[,.!?;:]/.test(text)) return false;
  const last = before[before.length - 1];
  return last !== undefined && last.kind === 'word' && (/^(?:the|a|an|this|that|its|their|his|her)$/.test(last.lower) || /^\d+$/.test(last.lower));
}

/** Is this quoted span a name, title or term rather than something somebody said? */
export function isNonQuote(text: string, before: readonly Token[]): boolean {
  if (!/\p{L}/u.test(text)) return true;
  return looksLikeTitle(text) || afterNamingMarker(before) || namedInNounPhrase(text, before);
}
