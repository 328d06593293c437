/**
 * Whether byline's speaker is the labelled one. Labels give the fullest name the article gives, or the
 * description for an unnamed speaker; byline gives the person as introduced (role and name). They match
 * when the label's surname (its last capitalised word) is among byline's words, or, for a description
 * without a name, when its head noun (last word) is.
 */
const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'for', 'to', "'s"]);

function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘]/g, "'")
    .replace(/'s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP.has(w.toLowerCase()));
}

export function speakerMatches(predicted: string | null | undefined, label: string): boolean {
  if (!predicted) return false;
  const got = new Set(wordsOf(predicted).map((w) => w.toLowerCase()));
  const labelWords = wordsOf(label);
  const names = labelWords.filter((w) => /^\p{Lu}/u.test(w));
  const key = (names.length > 0 ? names : labelWords).at(-1);
  return key !== undefined && got.has(key.toLowerCase());
}
