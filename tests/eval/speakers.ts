/**
 * Whether byline's speaker is the labelled one. Labels give the fullest name the article gives, or the
 * description for an unnamed speaker; byline gives the person as introduced (role and name). They match
 * when the label's surname (its last capitalised word) is among byline's words, or, for a description
 * without a name, when its head noun is. The head of a description stands before its post-modifier (a
 * relative clause, a participle or a prepositional phrase: "scientists studying patients in Zhuhai",
 * "a spokesperson for the regional transport authority"), not at its end, unless the words before are a
 * quantity ("a number of Senators", "one of the organisers"); a company's legal suffix ("ABS-CBN
 * Corporation") is not its name.
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

/** Words that open a noun phrase's post-modifier. */
const POST_MODIFIER = new Set(['who', 'whom', 'whose', 'which', 'that', 'of', 'in', 'at', 'from', 'with', 'on', 'for', 'within', 'near', 'behind', 'across']);
/** Nouns of quantity whose "of" phrase is the head: "a number of Senators", "one of the organisers". */
const QUANTITY = new Set(['number', 'group', 'couple', 'handful', 'majority', 'minority', 'dozens', 'hundreds', 'thousands', 'one', 'two', 'three', 'some', 'many', 'most', 'several', 'all', 'each', 'none', 'both', 'few', 'rest', 'team', 'panel', 'pair']);
/** Determiners, after which no post-modifier can start. */
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'some', 'any', 'each', 'every']);
/** Legal suffixes of company names. */
const LEGAL_SUFFIX = new Set(['corporation', 'corp', 'inc', 'incorporated', 'ltd', 'limited', 'plc', 'llc', 'co', 'gmbh', 'ag']);

/** A description without its post-modifier ("scientists studying …" → "scientists"); names stay whole. */
function headPhrase(label: string): string {
  const raw = label.split(/\s+/);
  // A post-modifier opens with a lower-case word: "WHO" is an institution, not "who".
  const opener = (word: string) => /^\p{Ll}/u.test(word) && POST_MODIFIER.has(word);
  for (let n = 1; n < raw.length; n++) {
    const before = raw[n - 1]!;
    // The phrase before must end in a lower-case word (a common noun): "Secretary of State Mike Pompeo" keeps its name.
    if (!/^\p{Ll}/u.test(before) || QUANTITY.has(before.toLowerCase())) continue;
    // After a determiner a word in -ing modifies the noun that follows ("the sailing club", "a ruling party").
    if (DETERMINERS.has(before.toLowerCase()) && !opener(raw[n]!)) continue;
    if (opener(raw[n]!) || /^\p{Ll}+ing$/u.test(raw[n]!)) return raw.slice(0, n).join(' ');
  }
  return label;
}

/** The initials of a name's capitalised words ("World Health Organization" → "WHO"). */
function initials(words: readonly string[]): string {
  return words.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
}

export function speakerMatches(predicted: string | null | undefined, label: string): boolean {
  if (!predicted) return false;
  const predictedWords = wordsOf(predicted);
  const got = new Set(predictedWords.map((w) => w.toLowerCase()));
  const labelWords = wordsOf(headPhrase(label));
  let names = labelWords.filter((w) => /^\p{Lu}/u.test(w));
  if (names.length > 1 && LEGAL_SUFFIX.has(names.at(-1)!.toLowerCase())) names = names.slice(0, -1);
  const key = (names.length > 0 ? names : labelWords).at(-1);
  if (key !== undefined && got.has(key.toLowerCase())) return true;
  // An institution's initials are its name, either way round: "the WHO guidelines" ↔ "World Health
  // Organization", "National Basketball Association" ↔ "NBA".
  const acronym = (word: string | undefined, words: readonly string[]) => !!word && /^\p{Lu}{2,}$/u.test(word) && initials(words) === word;
  return acronym(key, predictedWords) || predictedWords.some((word) => acronym(word, names));
}
