/**
 * The little syntax attribution needs, read off tokens and mentions: the subject of a sentence (for pronouns
 * and partial quotes) and the subject of a verb (for "X said", "X, in Washington for talks, stated").
 */
import { isAdverbWord } from './gazetteer.ts';
import { isRoleNoun, WORD } from './lexicon.ts';
import type { Mention } from './mentions.ts';
import { is, type Token } from './tokens.ts';

/** Words that may stand between a subject and its verb: "Pelosi also mentioned", "he has said". */
const BETWEEN_SUBJECT_AND_VERB = new Set([
  'also', 'later', 'then', 'again', 'previously', 'further', 'first', 'initially', 'reportedly', 'has', 'had',
  'have', 'was', 'were', 'is', 'will', 'would', 'had', 'already', 'once', 'publicly', 'separately', 'recently',
  'subsequently', 'repeatedly', 'quickly', 'earlier', 'still', 'similarly', 'likewise', 'too', 'did', 'does',
  'do', 'can', 'could', 'may', 'might', 'must', 'should', 'not', 'never', 'even', 'since',
]);

/** Lower-case adverbs in -ly between a subject and its verb ("someone audibly says", "he publicly stated"). */
const isLyAdverb = (token: Token) => !token.capitalised && /^[a-z]{3,}ly$/.test(token.lower) && !NOT_ADVERBS.has(token.lower);
const NOT_ADVERBS = new Set(['family', 'reply', 'supply', 'rally', 'ally', 'assembly', 'july', 'italy', 'anomaly', 'monopoly', 'jelly', 'belly', 'bully', 'fly', 'holy', 'only']);

/** Openers of a leading adverbial clause, skipped when looking for the subject ("Speaking at …, Austin stated"). */
const LEADING_CLAUSE = /^(?:[a-z]+ing|in|on|at|after|before|during|following|despite|with|without|since|as|when|while|although|though|because|if|by|for|from|under|over|according|amid|among|speaking|separately|meanwhile|however|earlier|later|yesterday|today|last|this|also|instead|still|now|then|additionally|furthermore|moreover|nevertheless|in|to|upon|throughout|within|unlike|like|besides|once|until|outside|inside|near|beside|behind|beyond|around|across|against|along|alongside|toward|towards|past|through|via|aboard|below|above|between|[a-z]+ly)$/;

/** Index of the mention that ends right before token `end` (exclusive), or -1. */
function mentionEndingAt(mentions: readonly Mention[], end: number): number {
  return mentions.findIndex((mention) => mention.end === end);
}

/** A partitive whose group is a pronoun ("one of them", "two of us"): the apposition after it says who. */
const PARTITIVE_OF_PRONOUN = /(?:^|\s)(?:one|two|three|some|many|several|each|both|either|neither|most|all|none)\s+of\s+(?:them|us|those|these)$/;

/** Reflexive pronouns, which after a subject only emphasise it. */
const REFLEXIVES = new Set(['himself', 'herself', 'themselves', 'itself', 'myself', 'ourselves', 'yourself']);

/** Is the subject of the verb at `verb` the first person ("I said", "we had already told them")? */
export function firstPersonSubject(tokens: readonly Token[], verb: number): boolean {
  let k = verb - 1;
  while (k >= 0) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' || token.quoted || !(BETWEEN_SUBJECT_AND_VERB.has(token.lower) || isLyAdverb(token))) break;
    k--;
  }
  const subject = tokens[k];
  return !!subject && subject.kind === 'word' && !subject.quoted && (subject.lower === 'i' || subject.lower === 'we');
}

/** Is the comma at k the end of a short aside of plain words opened by a comma ("…, 54, …")? */
function isAside(tokens: readonly Token[], k: number): boolean {
  for (let m = k - 1; m >= 0 && m >= k - 6; m--) {
    const token = tokens[m] as Token;
    if (token.text === ',') return m < k - 1;
    if (token.quoted || token.kind !== 'word' && token.text !== '.') return false;
  }
  return false;
}

/**
 * The subject of the verb at token `verb`: the mention right before it, skipping adverbs and auxiliaries and
 * up to two parentheticals between commas or brackets ("Kuleba, in Washington for talks, stated").
 */
export function subjectOfVerb(tokens: readonly Token[], mentions: readonly Mention[], verb: number, subject: Mention | null = null): Mention | null {
  let k = verb - 1;
  let parentheticals = 0;
  while (k >= 0) {
    const token = tokens[k] as Token;
    if (token.kind === 'word' && !token.quoted && (BETWEEN_SUBJECT_AND_VERB.has(token.lower) || isTimeWord(token) || isLyAdverb(token))) {
      k--;
      continue;
    }
    // "The Institution's review that year said": a demonstrative before a time noun is a time adverbial too.
    if (token.lower === 'that' && !token.quoted && k + 1 < verb && TIME_NOUNS.has(tokens[k + 1]?.lower ?? '')) {
      k--;
      continue;
    }
    // "Reports as of Wednesday said": "as of" opens a time adverbial (TimeML's anchoring "as of").
    if (token.lower === 'of' && tokens[k - 1]?.lower === 'as' && !token.quoted && k + 1 < verb && isTimeWord(tokens[k + 1]!)) {
      k -= 2;
      continue;
    }
    // An emphatic reflexive after the subject: "Dr. Lindqvist herself told", "the sheriff himself said".
    if (REFLEXIVES.has(token.lower) && !token.quoted && k > 0 && mentionEndingAt(mentions, k) >= 0) {
      k--;
      continue;
    }
    // The habitual "used to": "my grandmother used to say".
    if (token.lower === 'to' && tokens[k - 1]?.lower === 'used' && !token.quoted) {
      k -= 2;
      continue;
    }
    if ((token.text === ',' || token.text === ')' || token.text === '—') && parentheticals < 2) {
      const opener = token.text === ')' ? '(' : token.text;
      let m = k - 1;
      while (m >= 0 && (tokens[m] as Token).text !== opener && !(opener === ',' && (tokens[m] as Token).text === '(')) {
        if ((tokens[m] as Token).kind === 'open' || (tokens[m] as Token).kind === 'close') break;
        m--;
      }
      if (m < 0 || (tokens[m] as Token).text !== opener) return null;
      parentheticals++;
      // "The city's security chief, Abdullah al-Jahafi, announced": a name in apposition is the speaker.
      // A hedge or a profession may lead into it: "someone, seemingly Honcharuk, says", ", herpetologist David Blackburn,".
      // The name may carry its affiliation: "Another analyst, Priscilla Dunn of Harrow & Lane, said".
      const affiliated = (mention: Mention) => !/^(?:a|an|the)\s/i.test(mention.text) && k > mention.end && affiliationEnd(tokens, mention.end) === k;
      const inside = mentions.find((mention) => mention.start > m && mention.start <= m + 2 && (mention.end === k || affiliated(mention)) && mention.name !== null && mention.type === 'person');
      // Unless it renames a noun inside a supplementive clause before it (Quirk et al. 1985, 15.58): "Governor
      // Leyla Demirtas, speaking in the provincial capital, Sarvan City, said" — the clause is skipped whole.
      const clauseStart = inside ? tokens.slice(0, m).findLastIndex((t) => t.text === ',') : -1;
      const supplementive = clauseStart > 0 && /^[a-z]{3,}ing$/.test(tokens[clauseStart + 1]?.lower ?? '') && tokens.slice(clauseStart + 1, m).every((t) => t.kind === 'word' && !t.quoted);
      if (supplementive && parentheticals < 2) {
        parentheticals++;
        k = clauseStart - 1;
        continue;
      }
      if (inside) return inside;
      // "one voter, a retired teacher named Elsa Brun, said": the apposition's naming formula (a reduced
      // relative, "who is named …", Quirk et al. 1985, 17.29) gives the speaker's name.
      const namedAs = mentions.find((mention) => mention.start > m + 2 && mention.end === k && mention.name !== null && mention.type === 'person' && /^(?:named|called)$/.test(tokens[mention.start - 1]?.lower ?? '') && !tokens[mention.start - 1]!.quoted);
      if (namedAs && tokens.slice(m + 1, namedAs.start).every((t) => t.kind === 'word' && !t.quoted)) return namedAs;
      // "One of them, a sergeant, said": after a partitive of a pronoun the apposition names who it is.
      const described = mentions.find((mention) => mention.start === m + 1 && mention.end === k && mention.type === 'person' && !mention.possessive);
      if (described && PARTITIVE_OF_PRONOUN.test(tokens.slice(Math.max(0, m - 3), m).map((t) => t.lower).join(' '))) return described;
      k = m;
      // "Morgan Ortagus, a spokesperson, indicated": the mention ends before the opening comma — or its
      // attachment does: "Professor Alan Dunstable of the University of Merrow, who …, told".
      const before = mentionEndingAt(mentions, k);
      if (before >= 0) {
        const mention = mentions[before] as Mention;
        const preposition = tokens[mention.start - 1];
        if (preposition && ATTACHMENTS.has(preposition.lower) && !preposition.quoted) return withAttachment(tokens, mentions, k) ?? mention;
        return mention;
      }
      // A second aside right before the first: "Jane Doe, 54, a Democrat from Ohio, said".
      if (token.text === ',' && tokens[k]?.text === ',' && parentheticals < 2 && isAside(tokens, k)) continue;
      k--;
      continue;
    }
    break;
  }
  // A relative clause's verb has its antecedent for subject: "Senator Malcolm Treadway, who told a radio
  // station that …", "the officials who said …".
  if (tokens[k]?.lower === 'who' && !tokens[k]!.quoted) {
    const antecedent = mentionEndingAt(mentions, tokens[k - 1]?.text === ',' ? k - 1 : k);
    if (antecedent >= 0 && (mentions[antecedent] as Mention).type !== 'place' && (mentions[antecedent] as Mention).type !== 'pronoun') return mentions[antecedent] as Mention;
  }
  // A verb coordinated with an earlier one shares its subject: "Austin condemned … however stated …".
  const joiner = tokens[k];
  if (joiner && COORDINATORS.has(joiner.lower)) return subject && subject.end <= k ? subject : null;
  const index = mentionEndingAt(mentions, k + 1);
  const found = index >= 0 ? (mentions[index] as Mention) : withAttachment(tokens, mentions, k + 1);
  // A restrictive relative clause whose last word is no mention: "a steward who asked not to be named said".
  if (!found) return relativeAntecedent(tokens, mentions, k + 1, true);
  // A restrictive relative clause between the subject and its verb (Quirk et al. 1985, 17.10): "A retired
  // postal worker who lives near Linden Street said" — the verb's subject is the relative's antecedent, not the
  // last noun of the relative clause.
  const antecedent = relativeAntecedent(tokens, mentions, found.start);
  if (antecedent) return antecedent;
  // The object of a preposition is no subject ("… of Ukraine stated", "Fire and Rescue said"): the clause's is.
  const before = tokens[found.start - 1];
  // "and" joins two names ("Fire and Rescue said") but also two clauses ("…, and local officials said").
  // A titled name is a subject of its own ("Road Transport and Bridges Minister Obaidul Quader said").
  // A lower-case noun phrase after "and" is no part of a name ("… in Brussels and officials of the Danish
  // Fisheries Agency had criticised"): names join capitals.
  const joinedName = before?.lower === 'and' && tokens[found.start - 2]?.capitalised === true && tokens[found.start]?.capitalised === true && !(found.type === 'person' && found.name !== null && found.role !== null);
  // The object of a participle or a relative clause is no subject either: "Scientists studying patients in
  // Zhuhai said", "The officials who ordered the change claimed".
  const attached = !!before && before.kind === 'word' && !before.quoted && (before.lower === 'who' || (/^[a-z]{3,}ing$/.test(before.lower) && !is(before, WORD.speech)));
  if (attached) return withAttachment(tokens, mentions, found.start) ?? found;
  if (before && (PREPOSITIONS.has(before.lower) || joinedName)) {
    // "One of the officers said": the sentence's subject is the partitive's group itself.
    if (subject === found && before.lower === 'of') return found;
    if (subject && subject.end <= found.start) return subject;
    return withAttachment(tokens, mentions, found.start) ?? null;
  }
  return found;
}

/**
 * Where a name's affiliation ends ("Priscilla Dunn of Harrow & Lane", "John Moss of the University of Leeds"):
 * after "of", "at" or "from" and the capitalised words of an institution's name (with its joiners); `at` itself
 * when no affiliation follows.
 */
export function affiliationEnd(tokens: readonly Token[], at: number): number {
  const first = tokens[at + 1]?.lower === 'the' ? tokens[at + 2] : tokens[at + 1];
  if (!/^(?:of|at|from)$/.test(tokens[at]?.lower ?? '') || !first?.capitalised) return at;
  let m = at + 1;
  while (m < tokens.length && m < at + 9 && ((tokens[m] as Token).kind === 'word' && !(tokens[m] as Token).quoted && ((tokens[m] as Token).capitalised || /^(?:the|of|for|and)$/.test((tokens[m] as Token).lower)) || (tokens[m] as Token).text === '&')) m++;
  return m;
}

/**
 * The antecedent of a restrictive relative clause ending right before `from`: a person or institution mention,
 * then "who" or "that", then a clause of plain words holding a finite verb, no punctuation.
 */
function relativeAntecedent(tokens: readonly Token[], mentions: readonly Mention[], from: number, whoOnly = false): Mention | null {
  for (let k = from - 1; k > 0 && k >= from - 10; k--) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' || token.quoted) return null;
    if (token.lower !== 'who' && (token.lower !== 'that' || whoOnly)) continue;
    const clause = tokens.slice(k + 1, from);
    if (!clause.some((t) => is(t, WORD.finite) && !t.capitalised)) return null;
    const index = mentionEndingAt(mentions, k);
    const antecedent = index >= 0 ? (mentions[index] as Mention) : null;
    if (!antecedent || antecedent.possessive || (antecedent.type !== 'person' && antecedent.type !== 'organisation')) return null;
    return antecedent;
  }
  return null;
}

/**
 * The mention whose attachment ends at token `end`: "Suman Haripriya of the Hajo assembly [said]",
 * "José Ortiz of the island's power authority [said]" — a mention, a preposition, then words without
 * punctuation or a verb up to `end`.
 */
function withAttachment(tokens: readonly Token[], mentions: readonly Mention[], end: number): Mention | null {
  for (let k = end - 1; k >= Math.max(0, end - ATTACHMENT_REACH); k--) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' || token.quoted) return null;
    // A relative clause or a participle also attaches: "The officials who ordered the change [claimed]",
    // "State legislators supporting the law [argued]", and a past participle's passive one (Quirk et al.
    // 1985, ch. 17, non-finite post-modifiers): "A survey of 600 members conducted by the union in May [found]".
    const relative = token.lower === 'who' || (/^[a-z]{3,}(?:ing|ed)$/.test(token.lower) && !is(token, WORD.speech) && k > 0);
    if (!ATTACHMENTS.has(token.lower) && !relative) continue;
    const index = mentionEndingAt(mentions, k);
    if (index >= 0) {
      const mention = mentions[index] as Mention;
      const before = tokens[mention.start - 1];
      if (!before || !PREPOSITIONS.has(before.lower)) return mention;
    }
  }
  return null;
}

const ATTACHMENTS = new Set(['of', 'from', 'at', 'with', 'for']);
/** How many words back an attachment may open ("A survey of 600 members conducted by the union in May"). */
const ATTACHMENT_REACH = 12;

/** Time adverbials between a subject and its verb: "Neil Basu, on Sunday said", "police late on Friday said". */
function isTimeWord(token: Token): boolean {
  return is(token, WORD.date) || /^(?:on|last|this|late|early|yesterday|today|morning|afternoon|evening|night|week|month|year)$/.test(token.lower);
}

/** Nouns of a stretch of time that "that" may point to ("that year", "that morning"). */
const TIME_NOUNS = new Set(['day', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'time', 'summer', 'winter', 'spring', 'autumn']);

const COORDINATORS = new Set(['and', 'but', 'however', 'yet', 'or', 'then', 'while', 'although', 'though']);
/** Prepositions whose object is no subject; the spatial ones of place and position too ("who lives near X said": Quirk et al. 1985, 9.17-9.27). */
const PREPOSITIONS = new Set([
  'of', 'to', 'with', 'in', 'for', 'from', 'by', 'on', 'at', 'about', 'against', 'between', 'among', 'into', 'over', 'under', 'than', 'like',
  'near', 'outside', 'inside', 'across', 'behind', 'beside', 'beneath', 'below', 'above', 'along', 'around', 'beyond', 'through', 'throughout', 'toward', 'towards', 'within', 'upon', 'onto',
]);

/** The mention right after token `verb` ("said Austin", "added the minister"), or null. */
export function mentionAfter(mentions: readonly Mention[], at: number): Mention | null {
  return mentions.find((mention) => mention.start === at) ?? null;
}

/** The speaker of a cue closing the sentence after a comma: "…, X said." / "…, said X." (not in quotes). */
function trailingSpeaker(tokens: readonly Token[], mentions: readonly Mention[], isVerb: (lower: string) => boolean): Mention | null {
  let last = tokens.length - 1;
  while (last >= 0 && (tokens[last] as Token).kind !== 'word') last--;
  if (last < 2 || tokens[last]!.quoted) return null;
  const speaking = (mention: Mention | undefined) => !!mention && mention.type !== 'pronoun' && mention.type !== 'place' && !mention.possessive;
  // "…, X said."
  if (isVerb(tokens[last]!.lower)) {
    const before = mentions.find((mention) => mention.end === last);
    if (speaking(before) && tokens[before!.start - 1]?.text === ',' && !tokens[before!.start - 1]!.quoted) return before!;
  }
  // "…, said X."
  const after = mentions.find((mention) => mention.end === last + 1);
  if (speaking(after) && isVerb(tokens[after!.start - 1]?.lower ?? '') && tokens[after!.start - 2]?.text === ',' && !tokens[after!.start - 1]!.quoted) return after!;
  return null;
}

/**
 * The grammatical subject of a sentence: the mention that opens its main clause, after any leading adverbial
 * clause ("Separately, …", "Speaking at the Pentagon with X, …", "On Sunday, …"). Null when the clause opens
 * with something that is not a mention ("The structure has …"). Quoted words are skipped, so the subject of
 * `“…,” Austin added.` is Austin; for `“…,” said the official.` it is the mention after the verb. For the
 * pronouns that follow, the source of "according to X" and the speaker of a cue closing the sentence ("…,
 * County Clerk Martin Osei said.") stand for the subject.
 */
export function sentenceSubject(tokens: readonly Token[], mentions: readonly Mention[], isVerb: (lower: string) => boolean, from = 0): Mention | null {
  let k = from;
  const skipPunctuation = () => {
    while (k < tokens.length) {
      const token = tokens[k] as Token;
      if (token.quoted || token.kind !== 'word') k++;
      else break;
    }
  };
  skipPunctuation();
  // "According to X, …" / "…, according to X": X is who the sentence reports, for the pronouns that follow.
  for (let n = k; n + 2 < tokens.length; n++) {
    if (tokens[n]?.lower !== 'according' || tokens[n + 1]?.lower !== 'to' || tokens[n]?.quoted) continue;
    const source = mentions.find((candidate) => candidate.start === n + 2);
    if (source && (source.type !== 'pronoun' || source.end - source.start > 1) && source.type !== 'place') return source;
  }
  // "Turnout was 58 percent, County Clerk Martin Osei said.": a cue closing the sentence names whom it
  // reports, and the pronouns that follow mean them.
  const trailing = trailingSpeaker(tokens, mentions, isVerb);
  if (trailing) return trailing;
  for (let round = 0; round < 3 && k < tokens.length; round++) {
    const token = tokens[k] as Token;
    const startsMention = mentions.some((mention) => mention.start === k);
    if (startsMention) break;
    // "A number of Senators", "Some of the residents", "One of the study's authors": the group is the subject.
    const part = partitive(tokens, mentions, k);
    if (part) return part;
    // "My daughter is six, and she …": a first- or second-person possessive determiner opens the subject's
    // noun phrase without being a mention of its own (Quirk et al. 1985, ch. 5, central determiners), so the
    // noun after it is the subject.
    if (FIRST_SECOND_POSSESSIVES.has(token.lower) && !token.quoted && mentions.some((mention) => mention.start === k + 1 && mention.type !== 'pronoun')) {
      k++;
      break;
    }
    // "Watch Manager Leanne Cho put …": capitalised words run into a person's name are its title (Quirk et
    // al. 1985, ch. 17, titles premodifying a name), whether or not the name's reader knew them as such.
    const titled = titledName(tokens, mentions, k);
    if (titled >= 0) {
      k = titled;
      break;
    }
    if (isVerb(token.lower) && k > 0 && tokens[k - 1]?.kind !== 'word') {
      // Inverted cue after a quote: "…,” said the official.
      return mentionAfter(mentions, k + 1);
    }
    if (/^(?:but|and|yet|so|or)$/.test(token.lower)) {
      k++;
      skipPunctuation();
      continue;
    }
    // A sentence adverb with no comma before the subject: "Afterwards she said …", "Then he added …".
    if ((isAdverbWord(token.lower) || isLyAdverb(token)) && mentions.some((mention) => mention.start === k + 1)) {
      k++;
      continue;
    }
    // A leading past participle's clause: "Asked in 2016 how she would like to be remembered, Ms. Merrow said".
    const participle = /^[a-z]{3,}ed$/.test(token.lower) && !is(token, WORD.firstName) && !mentions.some((mention) => mention.start <= k && mention.end > k);
    if (!participle && !LEADING_CLAUSE.test(token.lower) && !/^\d/.test(token.lower) && !is(token, WORD.function) && !is(token, WORD.date)) break;
    // Skip the leading clause up to its comma.
    let comma = k;
    while (comma < tokens.length && (tokens[comma] as Token).text !== ',') comma++;
    if (comma >= tokens.length) break;
    k = comma + 1;
    skipPunctuation();
  }
  let mention = mentions.find((candidate) => candidate.start === k);
  // "His mother came …", "Their manager told …": a possessive determiner opens the subject's noun phrase.
  if (mention?.type === 'pronoun' && !mention.subjectForm) mention = mentions.find((candidate) => candidate.start === mention?.end && candidate.type !== 'pronoun');
  // "Veltria’s Ministry of Transport rejected …": a genitive is the subject's determiner (Quirk et al. 1985,
  // 5.115, the determinative genitive), so what it owns is the subject.
  else if (mention?.possessive) {
    const owned = /^['’]s?$/.test(tokens[mention.end]?.text ?? '') ? mention.end + 1 : mention.end;
    mention = mentions.find((candidate) => candidate.start === owned && candidate.type !== 'pronoun' && !candidate.possessive);
  }
  if (!mention || mention.possessive || (mention.type === 'pronoun' && !mention.subjectForm)) return null;
  return mention;
}

/** Possessive determiners of the speaker and the one addressed ("my", "our", "your"), no mentions themselves. */
const FIRST_SECOND_POSSESSIVES = new Set(['my', 'our', 'your']);

/**
 * The start of a person's name that only capitalised words precede from token `k` (at most three: "Watch
 * Manager Leanne Cho"), or -1.
 */
function titledName(tokens: readonly Token[], mentions: readonly Mention[], k: number): number {
  for (let m = k + 1; m <= k + 3 && m < tokens.length; m++) {
    const before = tokens[m - 1] as Token;
    // A leading clause's opener is no title ("Asked Sam Reed …", "Meeting Sam Reed …", "After Sam Reed …").
    if (before.kind !== 'word' || before.quoted || !before.capitalised || is(before, WORD.function) || LEADING_CLAUSE.test(before.lower) || /^[a-z]{3,}ed$/.test(before.lower)) return -1;
    const mention = mentions.find((candidate) => candidate.start === m);
    // A title ends in a role noun, before the name or as its first word ("Watch Manager Leanne Cho", whose
    // mention may start at "Manager"); "Born Ida Harkins …" opens a clause.
    if (mention) return mention.type === 'person' && mention.name !== null && !mention.possessive && (isRoleNoun(before.lower) || isRoleNoun(tokens[m]?.lower ?? '')) ? m : -1;
  }
  return -1;
}

/** Words that quantify a group: "a number of", "some of", "one of", "dozens of". */
const QUANTIFIERS = new Set(['a', 'number', 'some', 'one', 'many', 'most', 'all', 'several', 'dozens', 'hundreds', 'thousands', 'majority', 'minority', 'group', 'couple', 'few', 'none', 'each', 'both', 'two', 'three', 'four', 'five', 'handful', 'lot', 'lots']);

/** The mention after a quantifier and "of" starting at token k ("A number of Senators"), or null. */
function partitive(tokens: readonly Token[], mentions: readonly Mention[], k: number): Mention | null {
  let m = k;
  while (m < k + 3 && QUANTIFIERS.has((tokens[m] as Token | undefined)?.lower ?? '')) m++;
  if (m === k || tokens[m]?.lower !== 'of') return null;
  const mention = mentions.find((candidate) => candidate.start === m + 1 || (candidate.start === m + 2 && tokens[m + 1]?.lower === 'the'));
  // "One of them, a sergeant, said …": after a partitive of a pronoun the apposition says who the subject is.
  if (mention?.type === 'pronoun' && tokens[mention.end]?.text === ',') {
    const described = mentions.find((candidate) => candidate.start === mention.end + 1 && candidate.type === 'person' && !candidate.possessive);
    if (described && tokens[described.end]?.text === ',') return described;
  }
  return mention && mention.type !== 'place' && mention.type !== 'pronoun' && !mention.possessive ? mention : null;
}
