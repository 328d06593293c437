/**
 * Reported speech without quote marks: "Kuleba stated he was on a diplomatic mission", "X said that …",
 * "X told reporters the talks had failed", "According to X, …" and "…, according to X". After a reporting
 * verb the reported clause must look like a clause (an optional "that", then a subject and a finite verb).
 * Without a clause, a speech act's object is what was said only for the acts that carry content in their
 * object (see OBJECT_SPEECH_ACTS and ASSERTIVES): "praised the firefighters for their courage",
 * "confirmed two new deaths" and "announced the decision that night" are statements.
 */
import { firstPersonSubject, subjectOfVerb } from './clauses.ts';
import { happeningClass, isAdjectiveWord, isAdverbWord, isAttitudeNoun } from './gazetteer.ts';
import { ADJECTIVE_ENDING, FINITE_AUXILIARIES, isDocumentNoun, isIrregularPastTense, isIrregularVerbForm, isReportingBase, lemma, tagsOf, WORD } from './lexicon.ts';
import type { Mention } from './mentions.ts';
import type { Entity } from './people.ts';
import type { SentenceView } from './reading.ts';
import type { SpeakerFinding } from './speakers.ts';
import { accordingTo } from './speakers.ts';
import { is, type Token } from './tokens.ts';

export interface IndirectStatement extends Omit<SpeakerFinding, 'view'> {
  /** Offsets of the reported clause in the paragraph. */
  start: number;
  end: number;
  /** Read from a speech act's object ("praised X for …") rather than a reported clause. */
  act?: boolean;
  /** Sourced by a closing "according to" (kept only while no reporting verb inside its clause has a speaker of its own). */
  accordingTo?: boolean;
}

/** Participles that report what the clause's subject said: "issued a statement saying …", "…, adding that …". */
/** Determiners opening an object noun phrase of a tell-verb ("told the village …", "told a reporter …"). */
const OBJECT_DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your']);

/** Forms of "be" before a progressive -ing form, contractions included ("you're", "she's"). */
function isBeForm(token: Token | undefined): boolean {
  if (!token || token.kind !== 'word' || token.quoted) return false;
  return /^(?:am|is|are|was|were|be|been|being)$/.test(token.lower) || /^[a-z]+['’](?:re|s|m)$/.test(token.lower);
}
export const REPORTING_GERUNDS = new Set(['saying', 'stating', 'adding', 'claiming', 'noting', 'arguing', 'warning', 'explaining', 'insisting', 'announcing', 'confirming', 'alleging']);

/** Verbs after which the reported clause's verb may be a bare subjunctive ("recommended the troops withdraw"). */
const MANDATIVE = new Set(['recommend', 'urge', 'demand', 'insist', 'propose', 'suggest', 'ask', 'request']);

/** Verbs whose object comes before the reported clause: "told reporters …", "assured the public that …". */
const OBJECT_FIRST = new Set(['tell', 'inform', 'assure', 'remind', 'warn', 'advise', 'promise', 'reassure', 'brief']);
/** Cardinal numbers in words, which open a subject as digits do ("one warm summer proves nothing"). */
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'hundreds', 'thousands', 'millions', 'dozens'];
// With the determiners of a noun phrase (Quirk et al. 1985, 5.13-5.20: central "another", "either", "neither",
// "enough", "such"; predeterminer "half"; postdeterminers "few", "much", "other", "fewer", "less").
const CLAUSE_SUBJECT_STARTERS = new Set([...NUMBER_WORDS, 'around', 'about', 'nearly', 'almost', 'over', 'only', 'just', 'roughly', 'approximately', 'up', 'at', 'he', 'she', 'they', 'it', 'we', 'i', 'you', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'there', 'his', 'her', 'their', 'its', 'our', 'some', 'many', 'no', 'all', 'more', 'most', 'several', 'both', 'each', 'every', 'any', 'none', 'another', 'either', 'neither', 'enough', 'such', 'half', 'few', 'fewer', 'much', 'less', 'other']);

/**
 * Words inside a clause's subject: "Greece and Cyprus", "the rate of infections", "the drilling on Cypriot waters",
 * and the other prepositions of place and direction that post-modify a noun (Quirk et al. 1985, ch. 9): "the songs
 * of whales off the coast changed".
 */
const NOUN_PHRASE_LINKS = new Set([
  'of', 'and', 'on', 'in', 'for', 'from', 'at', 'with', 'the', 'a', 'an', 'only', 'than', 'more', 'about', 'some',
  'all', 'to', 'due', 'least', 'most', 'alongside', 'within', 'across', 'near', 'under', 'over', 'between', 'among',
  'against', 'without', 'through', 'including', 'per', 'by', 'into', 'after', 'before', 'during', 'outside', 'inside',
  'off', 'beyond', 'behind', 'beneath', 'above', 'below', 'along', 'around', 'beside', 'towards', 'toward', 'throughout',
]);

/** A pronoun with its verb contracted onto it ("they'd", "he's", "we're"): a clause starts there. */
const CONTRACTED_SUBJECT = /^(?:i|you|he|she|it|we|they|there|that)'(?:d|ll|ve|re|s|m)$/;
/**
 * Words after which a split-off "'s" is "is" or "has", never a possessive: the personal and demonstrative
 * pronouns, "there", "here" and the question words have no possessive in "'s" ("it's", "that's", "there's").
 */
const NO_POSSESSIVE = new Set(['he', 'she', 'it', 'that', 'there', 'here', 'what', 'who', 'where', 'how', 'this']);
/**
 * Words after a noun's "'s" that make it the verb ("the boat's been sold", "the plan's not working", "the
 * town's a different place"): a determiner, a negation, a participle of "be", "go" or "get", or an adverb
 * (wink-lexicon's most frequent tag) — a possessive is followed by what it owns, a noun or its modifiers.
 */
const AFTER_CONTRACTED_VERB = new Set(['a', 'an', 'the', 'no', 'not', 'never', 'been', 'going', 'got', 'gone', 'getting']);

/** Is the "'s" at k the contracted "is" or "has" (see NO_POSSESSIVE and AFTER_CONTRACTED_VERB)? */
function isContractedVerb(tokens: readonly Token[], k: number): boolean {
  const before = tokens[k - 1];
  const after = tokens[k + 1];
  if (!before || before.kind !== 'word') return false;
  if (NO_POSSESSIVE.has(before.lower)) return true;
  if (!after || after.kind !== 'word' || after.capitalised) return false;
  return AFTER_CONTRACTED_VERB.has(after.lower) || (isAdverbWord(after.lower) && !is(after, WORD.function));
}

/** Personal pronouns in the subject case: the word after one is its verb or an adverb. */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i']);
/** Words after a subject pronoun that show it is no clause's subject ("he and his wife", "she of all people"). */
const NOT_AFTER_SUBJECT = new Set(['and', 'or', 'of', 'alone', 'himself', 'herself', 'themselves', 'ourselves', 'myself', 'too', 'who', 'whom']);

/** Subjects after which a verb's base form is its present tense ("the stores fill", "they make"). */
const isPluralSubject = (token: Token | undefined) =>
  !!token &&
  token.kind === 'word' &&
  (/^(?:they|we|i|you)$/.test(token.lower) ||
    (!token.capitalised && (is(token, WORD.plural) || (/^[a-z]{3,}[^siu]s$/.test(token.lower) && !is(token, WORD.finite) && !is(token, WORD.function)))));

/** Finds the reported statements of one sentence. */
export function findIndirect(view: SentenceView, firstPerson: Entity | null = null): IndirectStatement[] {
  const { tokens, mentions } = view;
  const found: IndirectStatement[] = [];
  // A question reports nothing: "What books would they suggest others read?"
  if (tokens.at(-1)?.text === '?') return found;
  const lastWord = lastWordIndex(tokens);
  // "According to X, …" / "…, according to X."
  const according = accordingTo(view, 0, tokens.length);
  if (according && according.mention) {
    // The phrase's first word ("According", "in accordance"); a viewpoint adjunct opens the sentence.
    const phraseStart = Math.max(0, tokens.findIndex((token) => token.lower === 'according' || token.lower === 'accordance') - (tokens.some((t) => t.lower === 'accordance') ? 1 : 0));
    const phraseEnd = according.mention.end;
    // "According to the U.S. embassy in Beijing, …": the source's attachments run to the comma.
    const comma = tokens.findIndex((token, n) => n >= phraseEnd && n < phraseEnd + 12 && token.text === ',');
    let opening = phraseStart <= 1 && comma >= 0 && !tokens.slice(phraseEnd, comma).some((token) => token.kind !== 'word' && token.kind !== 'punct') ? comma + 1 : phraseEnd;
    // "According to the district's transportation director, Sam Delacroix, no student …": a name in
    // apposition to the source is the source, and the clause begins after it.
    const apposed = opening === comma + 1 ? view.mentions.find((mention) => mention.start === opening && mention.type === 'person' && mention.name !== null && !mention.possessive) : undefined;
    if (apposed && tokens[apposed.end]?.text === ',' && according.mention.name === null && according.mention.type === 'person') {
      opening = apposed.end + 1;
      according.mention = apposed;
      according.entity = view.entities[view.mentions.indexOf(apposed)] ?? according.entity;
    }
    // "In that time, according to the Institution, the crews launched 1,140 times": a phrase between commas
    // after an opening adverbial sources the clause after it.
    const between =
      phraseStart > 1 && tokens[phraseStart - 1]?.text === ',' && comma >= 0 && tokens[comma + 1] !== undefined &&
      !tokens.slice(phraseEnd, comma).some((token) => token.kind !== 'word' && token.text !== '.') && looksLikeClause(tokens, comma + 1);
    const clause = between ? tokens.slice(comma + 1) : phraseStart <= 1 ? tokens.slice(opening) : tokens.slice(0, phraseStart);
    const words = clause.filter((token) => token.kind === 'word');
    if (words.length >= 3 && clause.find((token) => token.kind === 'word' || token.kind === 'open')?.kind === 'word') {
      const span = trimSpan(clause);
      // "…, according to X" closing the sentence (not "According to X, …", whose clause is X's report).
      if (span) found.push({ ...according, ...span, ...(phraseStart > 1 && !between ? { accordingTo: true } : {}) });
    }
  }
  const trailing = trailingCue(view) ?? asideCue(view) ?? passiveCue(view) ?? asCue(view);
  if (trailing) found.push(trailing);
  for (let k = 0; k <= lastWord; k++) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' || token.quoted) continue;
    // "…, pointing out (that) …": the particle's verb reports; its clause starts after "out".
    // "He pointed out that …", "…, pointing out (that) …": the phrasal verb reports (Quirk et al. 1985, 16.3:
    // a prepositional particle verb taking a that-clause); its clause starts after "out".
    const pointsOut = /^point(?:s|ed|ing)?$/.test(token.lower) && tokens[k + 1]?.lower === 'out' && !tokens[k + 1]!.quoted;
    const pointingOut = pointsOut && token.lower === 'pointing';
    const gerund = REPORTING_GERUNDS.has(token.lower) || pointingOut;
    // "filed a petition, accusing the network of …": a speech act's participle, said by the sentence's subject.
    // After a determiner the participle modifies a noun instead ("the defending champion", "a promising start").
    // After an adjective the -ing form is a noun too ("ordered three days of public mourning").
    const actGerund = !gerund && GERUND_ACTS.has(token.lower) && !MODIFIED_BY.has(tokens[k - 1]?.lower ?? '') && !afterAdjective(tokens, k);
    // "scientists report …": a base form reports after a plural subject, or after a plural's attachment
    // ("Researchers at the Kestrel Bay Marine Station say …").
    const base = !gerund && !is(token, WORD.reporting) && isReportingBase(token.lower) && (isPluralSubject(tokens[k - 1]) || pluralSubjectOf(view, k) || afterDoSupport(tokens, k));
    // "named the victim as …": the one verb of characterising that is no speech verb elsewhere (lexicon.ts).
    const naming = !gerund && !base && /^(?:named|names)$/.test(token.lower);
    // A speech act's base form after a plural subject is its present tense: "The guidelines cite …".
    const presentAct = !is(token, WORD.speech) && isPluralSubject(tokens[k - 1]) && (OBJECT_SPEECH_ACTS.has(token.lower) || ASSERTIVES.has(token.lower));
    const speechAct = naming || (!gerund && !base && (is(token, WORD.speech) || presentAct) && (OBJECT_SPEECH_ACTS.has(lemma(token.lower)) || ASSERTIVES.has(lemma(token.lower))));
    // "raised concerns about …", "offered his condolences", "issued a warning": a light verb whose object is a
    // message, a feeling or a thought carries that object as what was said.
    const light = !gerund && !base && lightVerbObject(tokens, k);
    // "shown" reports only after a perfect auxiliary ("has shown that …"); after a noun it is a reduced
    // relative clause ("figures shown to investors", Quirk et al. 1985, 17.30).
    const finding = !gerund && !base && FINDINGS.has(token.lower) && (token.lower !== 'shown' || /^(?:has|have|had)$/.test(tokens[k - 1]?.lower ?? ''));
    if (!gerund && !actGerund && !base && !speechAct && !finding && !light && !pointsOut && !is(token, WORD.reporting)) continue;
    const sentenceSubject = view.mentions[view.subject] ?? null;
    const participle = gerund || actGerund;
    // In a turn of an interview or transcript, "I" and "we" are the one speaking.
    const spoken = !participle && firstPerson !== null && firstPersonSubject(tokens, k);
    // After a form of "be" the -ing form is a progressive verb with a subject of its own ("So you're saying …",
    // "he was saying that …"; Quirk et al. 1985, ch. 4, the progressive), not a participle clause of the
    // sentence's subject.
    const progressive = participle && isBeForm(tokens[k - 1]);
    const subject = spoken ? null : participle && !progressive ? (quotedAsSaying(tokens, mentions, k) ?? (sentenceSubject && sentenceSubject.end <= k ? sentenceSubject : null)) : subjectOfVerb(tokens, mentions, k, sentenceSubject);
    if (!spoken && (!subject || subject.possessive || (subject.type === 'pronoun' && !subject.subjectForm))) continue;
    // A finding is a statement only of a document or of those who research: "the audit found that …".
    if (finding && !is(token, WORD.reporting) && !(subject && findsAsStatement(subject, view.entities[mentions.indexOf(subject)] ?? null))) continue;
    // A statement not made ("declined to say", "will announce", "did not deny", "was told") reports nothing.
    if (!participle && !madeHere(tokens, k)) continue;
    // "an audience that the orchestra says reached 180,000", "which Bridenstine has said may be ready":
    // a relative clause's gap is the reported clause's subject, and the clause opens with its verb.
    const relative = is(token, WORD.reporting) && subject ? relativeReport(tokens, subject, k) : null;
    // "vowed to scrap the tax", "promised to build a school that …": a commissive's content is
    // its to-infinitive, not a clause further on.
    const commitment = !participle && committedInfinitive(tokens, k);
    const clause = commitment || light ? -1 : relative ? relative.start : is(token, WORD.reporting) || gerund || base || finding || pointsOut ? reportedClauseStart(tokens, mentions, pointsOut ? k + 1 : k) : -1;
    const clauseStart = clause >= 0 ? clause : commitment || light ? k + 1 : (speechAct && !gerund) || actGerund ? objectStart(tokens, k, naming ? 'name' : GERUND_ACTS.get(token.lower)) : -1;
    if (clauseStart < 0) continue;
    const span = trimSpan(tokens.slice(clauseStart, relative ? relative.end : clause >= 0 ? clauseEnd(tokens, mentions, clauseStart) : statementEnd(tokens, mentions, clauseStart)));
    if (!span) continue;
    const entity = subject ? (view.entities[mentions.indexOf(subject)] ?? null) : firstPerson;
    found.push({ entity, mention: subject, cue: token.text, ...span, ...(clause < 0 ? { act: true } : {}) });
  }
  // "The government of Ostravia said it was sending a team, according to a statement from its foreign
  // ministry": the clause "according to" sources holds a reporting verb whose subject is named inside it, and
  // what that subject said is theirs; the "according to" statement would only repeat it under another name.
  const sourced = found.find((statement) => statement.accordingTo);
  if (sourced) {
    const inner = found.some((statement) => statement !== sourced && !statement.act && statement.mention !== null && statement.start > sourced.start && statement.start < sourced.end &&
      (tokens[statement.mention.start]?.start ?? -1) >= sourced.start);
    if (inner) found.splice(found.indexOf(sourced), 1);
  }
  return found;
}

/**
 * "TNA quoted an unnamed ministry official as saying that …", "The paper cited a police source as saying …":
 * the object of "quote"/"cite" is who says it, not the subject that reports it.
 */
function quotedAsSaying(tokens: readonly Token[], mentions: readonly Mention[], k: number): Mention | null {
  if (tokens[k - 1]?.lower !== 'as') return null;
  for (let m = k - 2; m >= 0 && m >= k - 14; m--) {
    const token = tokens[m] as Token;
    if (token.quoted || token.kind !== 'word') return null;
    if (/^(?:quoted|quotes|quoting|cited|cites|citing)$/.test(token.lower)) {
      // The mention may leave out its determiner and adjectives ("an unnamed ministry official").
      const quoted = mentions.find((mention) => mention.start > m && mention.start <= m + 3 && mention.end < k && tokens.slice(m + 1, mention.start).every((t) => t.kind === 'word' && !t.capitalised));
      return quoted && !quoted.possessive ? quoted : null;
    }
  }
  return null;
}

/**
 * A reporting verb inside a relative clause whose gap is the reported clause's subject (Quirk et al.
 * 17.12, the "which he said was …" relative): "an audience that the orchestra says reached 180,000",
 * "the mission, which Bridenstine has said may be ready by August, …". The relative pronoun stands right
 * before the verb's subject and a finite verb right after the verb. A relative clause set off by a comma
 * ends at the next comma.
 */
function relativeReport(tokens: readonly Token[], subject: Mention, verb: number): { start: number; end: number } | null {
  const pronoun = tokens[subject.start - 1];
  if (!pronoun || pronoun.quoted || !/^(?:which|that)$/.test(pronoun.lower)) return null;
  // Only auxiliaries or adverbs between the subject and the verb ("has said", "later said").
  for (let m = subject.end; m < verb; m++) {
    const between = tokens[m] as Token;
    if (between.kind !== 'word' || !(FINITE_AUXILIARIES.has(between.lower) || isAdverbWord(between.lower) || /ly$/.test(between.lower))) return null;
  }
  const finite = (token: Token | undefined) =>
    !!token && token.kind === 'word' && !token.quoted && !token.capitalised && (FINITE_AUXILIARIES.has(token.lower) || isIrregularPastTense(token.lower) || /[a-z]ed$/.test(token.lower));
  // A short adverbial may come first: "which the authority said in August could be cut".
  let start = verb + 1;
  if (!finite(tokens[start]) && tagsOf(tokens[start]?.lower ?? '').includes('Preposition')) {
    let m = start + 1;
    // Of time words only ("in August", "last week"): a subject after them opens a clause of its own.
    while (m < start + 4 && tokens[m]?.kind === 'word' && !tokens[m]!.quoted && (is(tokens[m]!, WORD.date) || happeningClass(tokens[m]!.lower) === 'time' || /^(?:the|a|an|this|last|next|early|late)$/.test(tokens[m]!.lower))) m++;
    start = m;
  }
  if (!finite(tokens[start])) return null;
  const comma = tokens[subject.start - 2]?.text === ',' ? tokens.findIndex((token, n) => n > verb && token.text === ',' && !token.quoted) : -1;
  return { start, end: comma > 0 ? comma : tokens.length };
}

/**
 * A base form after an emphatic "do" (do-support, Quirk et al. 1985, 3.37) is the finite verb: "She did,
 * however, disclose that …", "They do acknowledge that …". Adverbs may stand between, and one adverb between
 * commas; a negation may not ("did not say that …" reports nothing said).
 */
function afterDoSupport(tokens: readonly Token[], k: number): boolean {
  let m = k - 1;
  if (tokens[m]?.text === ',' && tokens[m - 2]?.text === ',' && tokens[m - 1]?.kind === 'word' && isAdverbWord(tokens[m - 1]!.lower)) m -= 3;
  while (m > 0 && tokens[m]?.kind === 'word' && !tokens[m]!.quoted && (isAdverbWord(tokens[m]!.lower) || /^[a-z]{3,}ly$/.test(tokens[m]!.lower)) && !/^(?:not|never)$/.test(tokens[m]!.lower)) m--;
  const aux = tokens[m];
  return !!aux && aux.kind === 'word' && !aux.quoted && /^(?:did|does|do)$/.test(aux.lower);
}

/** Is the subject of the verb at k a plural person or group named by a description ("Researchers at X")? */
function pluralSubjectOf(view: SentenceView, k: number): boolean {
  const previous = view.tokens[k - 1];
  if (!previous || previous.kind !== 'word' || previous.quoted || !previous.capitalised) return false;
  const subject = subjectOfVerb(view.tokens, view.mentions, k, view.mentions[view.subject] ?? null);
  return !!subject && subject.plural && subject.type === 'person' && subject.name === null && subject.end < k;
}

/** Verbs of finding: a statement with a clause when a document or researchers find ("the study found that …"). */
const FINDINGS = new Set(['found', 'finds', 'showed', 'shows', 'shown']);
/** Those whose findings news reports as statements, beside documents (lexicon.ts's document nouns). */
const FINDERS = new Set(['researcher', 'researchers', 'scientist', 'scientists', 'author', 'authors', 'investigator', 'investigators', 'auditor', 'auditors', 'inspector', 'inspectors']);

/** Is the subject a document (without a named owner, it speaks itself) or someone who researches? */
function findsAsStatement(subject: Mention, entity: Entity | null): boolean {
  // "They found that …": a pronoun finds as what it stands for does (the researchers, the report).
  if (subject.type === 'pronoun') return !!entity && !entity.named && [...entity.heads].some((head) => FINDERS.has(head) || isDocumentNoun(head));
  if (subject.head === null) return false;
  if (subject.type === 'organisation' && subject.name === null && isDocumentNoun(subject.head)) return true;
  return subject.type === 'person' && subject.name === null && FINDERS.has(subject.head);
}

/**
 * Directives that are speech only with an infinitive after their object ("advised citizens to leave",
 * "asked the court to delay", "invited the countries to open dialogue"; not "asked about the plan").
 */
const INFINITIVE_DIRECTIVES = new Set(['advise', 'ask', 'instruct', 'order', 'command', 'invite', 'encourage', 'implore', 'beg', 'appeal']);
/**
 * Directives whose noun object is itself what was directed (Searle's directives of authority): "ordered three
 * days of mourning", "ordered a new trial", "commanded a retreat" — as well as "ordered the troops to withdraw".
 */
const COMMANDS = new Set(['order', 'command']);

/**
 * Refusals (commissives, like "reject"): "declined the offer", "refused the request" — not "declined to
 * comment", whose object is an infinitive.
 */
const REFUSALS = new Set(['decline', 'refuse']);

/**
 * Verbs of characterising (Levin 1993, class 29.2 "characterize verbs") that are WordNet verbs of
 * communication: a statement only with their "as" complement ("named him as the suspect", "identified the
 * victim as a local man", "listed it as an undesirable name"; not "named a new coach").
 */
const CHARACTERISING = new Set(['name', 'identify', 'label', 'brand', 'characterise', 'characterize', 'portray', 'list', 'dub', 'cite', 'designate']);

/**
 * Speech acts whose object is what was said, when no clause follows: assessing ("praised the firefighters
 * for their courage", "accused the company of hiding the risks", "condemned the attack", "described it as
 * …"), directing ("urged residents to stay home", "called for calm", "demanded an apology", "warned against
 * travel") and committing ("promised a review", "vowed revenge"). They are the speech verbs of the lexicon
 * (lexicon.ts) of Searle's expressive, directive and commissive acts, whose object carries the speaker's
 * judgement or demand. Assertives with a noun object are read apart (ASSERTIVES below).
 */
const OBJECT_SPEECH_ACTS = new Set([
  'praise', 'criticise', 'criticize', 'accuse', 'blame', 'condemn', 'denounce', 'commend', 'applaud', 'thank',
  'congratulate', 'urge', 'warn', 'promise', 'pledge', 'vow', 'reject', 'dismiss', 'demand', 'propose',
  'recommend', 'welcome', 'hail', 'slam', 'blast', 'defend', 'apologise', 'apologize', 'describe', 'call',
  'express', 'decry', 'deplore', 'laud', 'rebuke', 'threaten', 'appreciate', 'regret', 'lament', 'mourn', 'speak',
  'endorse', 'justify', 'request', 'credit', 'comment', 'voice', 'convey', ...INFINITIVE_DIRECTIVES, ...REFUSALS, ...CHARACTERISING,
]);

/**
 * After an adjective of WordNet's, what shows it is a verdict ("called it unlikely that …", "called them
 * reckless.") rather than a manner ("called him early in the morning"): the clause's end, "that", "and", "to".
 */
function verdictEnds(token: Token | undefined): boolean {
  return !token || token.kind !== 'word' || /^(?:that|and|to|but)$/.test(token.lower);
}

/** Particles of phrasal verbs, adjectives too in WordNet: "called them back", "called it off". */
const PARTICLES = new Set(['back', 'off', 'out', 'up', 'down', 'in', 'on', 'over', 'away', 'home']);

/** Object pronouns of "called it a disgrace", "called them reckless" ("her" is too often a possessive). */
const OBJECT_PRONOUNS = new Set(['it', 'them', 'him', 'this', 'that', 'these', 'those']);

/** Words before a verb that make it no statement made: an infinitive, a modal, a negation, a passive. */
const NOT_MADE = new Set(['to', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must', 'shall', 'not', "n't", 'never', 'was', 'were', 'been', 'being', 'be', 'is', 'are']);

/** False when the verb at `verb` was not itself said: `to announce`, `will confirm`, `did not deny`, `was praised`. */
function madeHere(tokens: readonly Token[], verb: number): boolean {
  let b = verb - 1;
  // Adverbs between: "was widely praised", "is also credited with".
  while (b > 0 && (/ly$/.test((tokens[b] as Token).lower) || (isAdverbWord((tokens[b] as Token).lower) && !NOT_MADE.has((tokens[b] as Token).lower)))) b--;
  const before = tokens[b];
  // A capitalised "May" after the sentence's first word is the month ("conducted in May found"), no modal.
  if (before && b > 0 && before.capitalised && before.lower === 'may') return true;
  return !before || !NOT_MADE.has(before.lower);
}

/**
 * Where the object of a speech act begins (the token after the verb), or -1: not for "call" outside
 * "call for", "call on" and "call out", and only when at least two words follow ("condemned the attack").
 */
function objectStart(tokens: readonly Token[], verb: number, verbLemma = lemma((tokens[verb] as Token).lower)): number {
  const next = tokens[verb + 1];
  if (!next || next.kind !== 'word' || next.quoted) return -1;
  // "called for calm", "called on Turkey to …", "called it a disgrace"; not "called the police".
  const after = tokens[verb + 2];
  const complement = !!after && (after.kind === 'open' || /^(?:a|an)$/.test(after.lower) || tagsOf(after.lower).includes('Adjective') || (!after.quoted && after.kind === 'word' && isAdjectiveWord(after.lower) && !is(after, WORD.function) && !PARTICLES.has(after.lower) && verdictEnds(tokens[verb + 3])));
  if (verbLemma === 'call' && !/^(?:for|on|upon|out)$/.test(next.lower) && !(OBJECT_PRONOUNS.has(next.lower) && complement) && !ownedObjectWithComplement(tokens, verb + 1) && !namedObjectWithComplement(tokens, verb + 1)) return -1;
  // "spoke out against the attack", "spoke about affordable education"; not "spoke at the rally". A talk
  // verb's topic is its "about"/"on" phrase (Levin 1993, 37.5–37.6): "commented on the agreement".
  if (verbLemma === 'speak' && next.lower !== 'out' && next.lower !== 'about') return -1;
  if (verbLemma === 'comment' && next.lower !== 'on') return -1;
  if (INFINITIVE_DIRECTIVES.has(verbLemma) && !COMMANDS.has(verbLemma) && !hasInfinitive(tokens, verb + 2, verb + 10)) return -1;
  if (REFUSALS.has(verbLemma) && next.lower === 'to') return -1;
  if (CHARACTERISING.has(verbLemma) && !ASSERTIVES.has(verbLemma) && !asComplement(tokens, verb + 2, verb + 10)) return -1;
  // Quoted words count: "called it “unexpected”" is a verdict of two words.
  const words = tokens.slice(verb + 1, statementEnd(tokens, null, verb + 1)).filter((token) => token.kind === 'word');
  return words.length >= 2 ? verb + 1 : -1;
}

/**
 * Commissive speech acts (Searle 1976: the speaker commits to a future course of action), whose content is
 * the to-infinitive after the verb (Quirk et al. 1985, 16.38: "promised to resign", "vowed to fight on").
 */
const COMMISSIVES = new Set(['promise', 'vow', 'pledge', 'threaten', 'swear', 'undertake', 'guarantee', 'agree', 'offer', 'volunteer']);

/**
 * Is the commissive verb at `verb` followed by its to-infinitive ("vowed to scrap …")? The word after "to"
 * must be able to be a verb's base form: lower case, no function word, no plural ("promised to voters that …").
 */
function committedInfinitive(tokens: readonly Token[], verb: number): boolean {
  const verbLemma = lemma((tokens[verb] as Token).lower);
  if (!COMMISSIVES.has(verbLemma) || tokens[verb + 1]?.lower !== 'to') return false;
  const next = tokens[verb + 2];
  if (!next || next.kind !== 'word' || next.quoted) return false;
  const words = tokens.slice(verb + 2, statementEnd(tokens, null, verb + 2)).filter((token) => token.kind === 'word').length;
  // "agreed to a ceasefire", "agreed to the terms": agreeing commits to a noun phrase's act as well.
  if (verbLemma === 'agree' && OBJECT_DETERMINERS.has(next.lower)) return words >= 3;
  return !next.capitalised && /^[a-z-]+$/.test(next.lower) && !is(next, WORD.function) && !tagsOf(next.lower).includes('Plural') && words >= 2;
}

/**
 * "called Biden a “decent man”", "called Smith “reckless”": a name (up to three capitalised words) and then a
 * complement — "a"/"an" or a quotation; not "called Smith on Tuesday".
 */
function namedObjectWithComplement(tokens: readonly Token[], from: number): boolean {
  let k = from;
  while (k < from + 3 && tokens[k]?.kind === 'word' && tokens[k]!.capitalised && !tokens[k]!.quoted && !is(tokens[k]!, WORD.function)) k++;
  if (k === from) return false;
  const after = tokens[k];
  return !!after && (after.kind === 'open' || (/^(?:a|an)$/.test(after.lower) && !after.quoted));
}

/**
 * Light verbs (Jespersen's "light" verbs with a noun of saying or feeling: Quirk et al. 1985, 2.29, "have a
 * look") that state their object: "raised concerns", "offered condolences", "extended sympathy", "issued a
 * warning", "paid tribute", "lodged an objection", "registered its disapproval". Their finite forms.
 */
const LIGHT_VERB_FORMS = new Set(
  ['raise', 'offer', 'extend', 'issue', 'lodge', 'register'].flatMap((verb) => [verb.endsWith('e') ? `${verb}d` : `${verb}ed`, `${verb}s`]).concat(['paid', 'pays']),
);

/**
 * Is the verb at k a light verb stating its object ("raised concerns about …")? "Pay" only in its idiom
 * without an article ("paid tribute", "paid their respects"; not "paid the bill").
 */
function lightVerbObject(tokens: readonly Token[], k: number): boolean {
  const verb = tokens[k] as Token;
  if (!LIGHT_VERB_FORMS.has(verb.lower)) return false;
  if (/^pa(?:id|ys)$/.test(verb.lower) && /^(?:the|a|an)$/.test(tokens[k + 1]?.lower ?? '')) return false;
  return attitudeObject(tokens, k + 1);
}
/** Words that end the object's noun phrase of a light verb ("concerns about", "a warning that", "tribute to"). */
const OBJECT_PHRASE_END = new Set(['about', 'over', 'for', 'to', 'with', 'on', 'at', 'in', 'against', 'regarding', 'that', 'of', 'from', 'after', 'as', 'and', 'but', 'when', 'while', 'because']);
/**
 * Is the noun phrase from `from` one whose head is a message, a feeling or a thought of WordNet's (see
 * gazetteer.ts's `isAttitudeNoun`), and no document ("issued a statement saying …" states what follows)?
 */
function attitudeObject(tokens: readonly Token[], from: number): boolean {
  let head: Token | null = null;
  for (let k = from; k < Math.min(tokens.length, from + 5); k++) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' || token.quoted || OBJECT_PHRASE_END.has(token.lower)) break;
    // A participle or a finite verb ends the phrase: "a statement saying …", "concerns were raised".
    // After a determiner the -ing form is the noun itself ("a warning").
    if (k > from && !MODIFIED_BY.has((tokens[k - 1] as Token).lower) && (/[a-z]ing$/.test(token.lower) || is(token, WORD.finite) || is(token, WORD.speech))) break;
    head = token;
  }
  if (!head || head.capitalised || is(head, WORD.function) || isDocumentNoun(head.lower)) return false;
  return isAttitudeNoun(head.lower);
}

/** Determiners of an object judged: "called the demand “unprecedented”", "called this decision a mistake". */
const DEMONSTRATIVES = new Set(['the', 'this', 'that', 'these', 'those']);
/** Possessive determiners that open an owned object: "called its actions defensive", "called their plan a failure". */
const POSSESSIVE_DETERMINERS = new Set(['its', 'his', 'her', 'their', 'our', 'my', 'your']);
/** An adjective's shape: a derivational ending, or a past participle used as one ("justified"). */
const ADJECTIVE_SHAPE = (lower: string): boolean => ADJECTIVE_ENDING.test(lower) || /ed$/.test(lower);

/**
 * "called its actions defensive in nature", "called Trump's order swift, forceful and decisive": a verdict
 * on an owned object (a possessive determiner, or a name with 's, then at most three words), followed by
 * its complement — an adjective (the lexicon's, or an adjective's ending) or "a"/"an". "called his
 * brother" and "called the police" have no complement and are no statement.
 */
function ownedObjectWithComplement(tokens: readonly Token[], from: number): boolean {
  let k = from;
  const first = tokens[k];
  if (!first || first.kind !== 'word') return false;
  if (POSSESSIVE_DETERMINERS.has(first.lower) || DEMONSTRATIVES.has(first.lower)) k++;
  else if (first.capitalised && /^['’]s$/.test(tokens[k + 1]?.text ?? '')) k += 2;
  else if (first.capitalised && /['’]s$/.test(first.text)) k++;
  else return false;
  for (let n = 0; n < 4 && k + n < tokens.length; n++) {
    const word = tokens[k + n] as Token;
    // A quoted verdict: "called the demand “unprecedented”".
    if (n > 0 && word.kind === 'open') return true;
    if (word.kind !== 'word' || word.quoted) return false;
    if (n === 0) continue; // the owned noun itself
    if (/^(?:a|an)$/.test(word.lower) || tagsOf(word.lower).includes('Adjective') || (ADJECTIVE_SHAPE(word.lower) && !is(word, WORD.function) && !word.capitalised)) return true;
  }
  return false;
}

/**
 * Assertives and declaratives with a noun object ("announced a 14-day lockdown", "declared a state of
 * emergency", "confirmed two new deaths", "denied the allegations"): the object is the content asserted.
 * Even a shell noun (Schmid 2000: "announced the decision", "confirmed the plan") is: readers and the
 * labels take "X announced the decision that night" as X's statement, and a member may ask who said it.
 */
const ASSERTIVES = new Set([
  'announce', 'declare', 'confirm', 'deny', 'report', 'reveal', 'acknowledge', 'admit', 'claim', 'note',
  'mention', 'estimate', 'predict', 'forecast', 'reaffirm', 'reiterate', 'cite', 'disclose', 'allege', 'concede',
  // Assertives of emphasis: "stressed the importance of …", "underlined the call for cooperation".
  'stress', 'emphasise', 'emphasize', 'underline', 'highlight', 'reassert',
]);

/** Is the word before k a lower-case adjective of WordNet's that is no adverb ("public mourning"; not "strongly condemning")? */
function afterAdjective(tokens: readonly Token[], k: number): boolean {
  const before = tokens[k - 1];
  return !!before && before.kind === 'word' && !before.quoted && !before.capitalised && isAdjectiveWord(before.lower) && !isAdverbWord(before.lower) && !/ly$/.test(before.lower) && !is(before, WORD.function) && !is(before, WORD.speech);
}

/** Words before which an -ing form modifies a noun rather than reporting: determiners and possessives. */
const MODIFIED_BY = new Set([...POSSESSIVE_DETERMINERS, 'a', 'an', 'the', 'this', 'that', 'these', 'those', 'no', 'any', 'some', 'every', 'each']);

/** The -ing form of a verb: accuse → accusing, admit → admitting, deny → denying, criticise → criticising. */
function gerundOf(verb: string): string {
  if (/ie$/.test(verb)) return `${verb.slice(0, -2)}ying`;
  if (/[^e]e$/.test(verb)) return `${verb.slice(0, -1)}ing`;
  // A stressed final syllable doubles its consonant (admit, commit, regret); the lists' other verbs do not.
  if (/^(?:admit|regret|commit|omit|submit)$/.test(verb)) return `${verb}${verb.slice(-1)}ing`;
  return `${verb}ing`;
}

/**
 * Participles of the speech acts above ("accusing", "praising", "urging", "confirming"), each to its verb.
 * Not "calling" nor "speaking" (calling someone, speaking at an event), nor "naming", "listing", "declining"
 * (a noun's subject as often: "naming the virus after Wuhan would …"), nor those already in
 * REPORTING_GERUNDS, which take a clause.
 */
const GERUND_ACTS = new Map(
  [...OBJECT_SPEECH_ACTS, ...ASSERTIVES]
    .filter((verb) => verb !== 'call' && verb !== 'speak' && !(CHARACTERISING.has(verb) && !ASSERTIVES.has(verb)) && !REFUSALS.has(verb))
    .map((verb) => [gerundOf(verb), verb] as const)
    .filter(([form]) => !REPORTING_GERUNDS.has(form)),
);

/** "as" after the object, before any punctuation: "named him on Sunday as …". */
function asComplement(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < Math.min(to, tokens.length - 1); k++) {
    const token = tokens[k] as Token;
    // A quoted name or verdict is the complement too: "named the virus “SARS-CoV-2”".
    if (token.kind === 'open' && k > from) return true;
    if (token.kind !== 'word' || token.quoted) return false;
    if (token.lower === 'as') return true;
  }
  return false;
}

/** "to" and a verb's base form between two token indexes: "… the countries to open dialogue". */
function hasInfinitive(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < Math.min(to, tokens.length - 1); k++) {
    const next = tokens[k + 1] as Token;
    if ((tokens[k] as Token).lower === 'to' && next.kind === 'word' && !next.capitalised && !is(next, WORD.function)) return true;
  }
  return false;
}

/** A speech act's object ends at a semicolon (a direct quotation inside is cut later, partial ones stay). */
/** Where a speech act's object ends: at a semicolon or, given the sentence's mentions, before a second reporting verb. */
function statementEnd(tokens: readonly Token[], mentions: readonly Mention[] | null, from: number): number {
  const end = tokens.findIndex((token, n) => {
    if (n < from || token.quoted) return false;
    if (token.text === ';') return true;
    // "noted that the House rejected the demarcation, and that the two might end up in court": a second
    // that-clause coordinated after a comma belongs to the verb that reported the first one, not to a speech
    // act inside it.
    if (token.text === ',' && /^(?:and|but)$/.test(tokens[n + 1]?.lower ?? '') && tokens[n + 2]?.lower === 'that' && !tokens[n + 2]!.quoted) return true;
    // ", while ALDI, in a post, called it …": a contrasting clause with a subject of its own (a speaker
    // named right after the conjunction) is no part of the object; it is read as its own statement.
    if (mentions !== null && token.text === ',' && CONTRASTING.has(tokens[n + 1]?.lower ?? '') &&
      mentions.some((mention) => mention.start === n + 2 && !mention.possessive && mention.type !== 'pronoun' && mention.type !== 'place')) return true;
    // "condemned Russia's invasion however stated Washington was …": a second verb of the same subject that
    // reports a clause of its own (found as its own statement) ends the object.
    if (mentions === null || n <= from + 1 || !STATEMENT_JOINERS.has(token.lower)) return false;
    return [n + 1, n + 2].some((v) => {
      const next = tokens[v];
      return !!next && next.kind === 'word' && !next.quoted && is(next, WORD.reporting) && (reportedClauseStart(tokens, mentions, v) >= 0 || committedInfinitive(tokens, v));
    });
  });
  return end < 0 ? tokens.length : end;
}

/**
 * Where a reported clause ends: at the sentence's end, or before ", and" / ", but" that opens a clause
 * of saying of its own ("said officers were checking cameras, and she asked anyone who saw …": what she
 * asked is hers, found from its own verb).
 */
function clauseEnd(tokens: readonly Token[], mentions: readonly Mention[], from: number): number {
  for (let n = from + 2; n + 2 < tokens.length; n++) {
    const token = tokens[n] as Token;
    if (token.text !== ',' || token.quoted || !/^(?:and|but|while|whereas|whilst)$/.test(tokens[n + 1]?.lower ?? '')) continue;
    const start = n + 2;
    const subject = mentions.find((mention) => mention.start === start && !mention.possessive && (mention.type !== 'pronoun' || mention.subjectForm));
    const firstPerson = /^(?:i|we)$/.test(tokens[start]?.lower ?? '');
    if (!subject && !firstPerson) continue;
    let v = subject ? subject.end : start + 1;
    while (v < tokens.length && v < (subject ? subject.end : start + 1) + 3 && (tokens[v] as Token).kind === 'word' && (isAdverbWord((tokens[v] as Token).lower) || /ly$/.test((tokens[v] as Token).lower))) v++;
    const verb = tokens[v];
    if (verb && verb.kind === 'word' && !verb.quoted && (is(verb, WORD.reporting) || is(verb, WORD.speech))) return n;
  }
  return tokens.length;
}

/** Words that join a second verb to a speech act's: its object ends before them. */
const STATEMENT_JOINERS = new Set(['and', 'but', 'however', 'yet', 'while', 'though']);
/** Conjunctions after a comma that open a clause contrasting with the one before ("…, while ALDI called it …"). */
const CONTRASTING = new Set(['while', 'whereas', 'whilst', 'but']);

function lastWordIndex(tokens: readonly Token[]): number {
  for (let k = tokens.length - 1; k >= 0; k--) if ((tokens[k] as Token).kind === 'word') return k;
  return -1;
}

/** Where the clause reported by the verb at `verb` begins, or -1 when no clause follows it. */
function reportedClauseStart(tokens: readonly Token[], mentions: readonly Mention[], verb: number): number {
  let k = verb + 1;
  const verbLemma = lemma((tokens[verb] as Token).lower);
  // The object of tell-verbs: "told reporters", "told Al Arabiya English", "told the press last week".
  if (OBJECT_FIRST.has(verbLemma)) {
    const object = mentions.find((mention) => mention.start === k);
    if (object) {
      k = object.end;
      if (tokens[k]?.text === ',') {
        const close = tokens.findIndex((token, n) => n > k && n < k + 10 && token.text === ',');
        if (close > 0 && tokens[close + 1]?.lower === 'that') k = close + 1;
      }
    }
    else {
      // "told a farmers' meeting in Millbrook last autumn that …": an object of a few words, then "that".
      let m = k;
      while (m < tokens.length && m - k < 9 && ((tokens[m] as Token).kind === 'word' || (tokens[m] as Token).text === "'") && !/^(?:that)$/.test((tokens[m] as Token).lower)) m++;
      if (m > k && tokens[m]?.lower === 'that') k = m;
      // "told the village the station would stay open": a determiner and a noun no mention stands for, then
      // the clause without "that".
      else if (OBJECT_DETERMINERS.has(tokens[k]?.lower ?? '') && tokens[k + 1]?.kind === 'word' && !tokens[k + 1]!.quoted && !is(tokens[k + 1]!, WORD.function) && looksLikeClause(tokens, k + 2)) k = k + 2;
      else if (m > k) k = k + 1;
    }
  }
  // "asked me if …", "asked the minister why …": a question's addressee before the question.
  if (QUESTIONING.has(verbLemma) && !QUESTION_OPENERS.has(tokens[k]?.lower ?? '')) {
    const object = mentions.find((mention) => mention.start === k);
    const after = object ? object.end : /^(?:me|us|him|her|them|you)$/.test(tokens[k]?.lower ?? '') ? k + 1 : -1;
    if (after > 0 && QUESTION_OPENERS.has(tokens[after]?.lower ?? '')) k = after;
  }
  // "said, very politely, that …": an aside between commas before the clause.
  if (tokens[k]?.text === ',') {
    const close = tokens.findIndex((token, n) => n > k + 1 && n < k + 8 && token.text === ',');
    if (close > 0 && tokens[close + 1]?.lower === 'that' && tokens.slice(k + 1, close).every((token) => token.kind === 'word' && !token.quoted)) k = close + 1;
  }
  // Adverbials between the verb and the clause: "late on Tuesday", "on Twitter", "in a statement", "last week".
  const token = tokens[k];
  if (!token || token.quoted || token.kind !== 'word') return -1;
  // "she said that didn't matter": "that" straight before an auxiliary is the clause's subject, not "that".
  if (token.lower === 'that' && tokens[k + 1]?.kind === 'word' && FINITE_AUXILIARIES.has(tokens[k + 1]!.lower)) return k;
  if (token.lower === 'that') return tokens[k + 1] && !tokens[k + 1]?.quoted ? k + 1 : -1;
  // A reported question: "asked whether schools should close", "asked me if I needed …", "asked me why it was …".
  // The question word stays in what is shown ("asked me whether the audience was …"), as it was asked.
  if (QUESTIONING.has(verbLemma) && QUESTION_OPENERS.has(token.lower) && tokens[k + 1] && looksLikeClause(tokens, k + 1)) return k;
  // "said Monday that …", "said Tuesday night the …": a bare day name (or "yesterday") is a time adjunct
  // of the reporting clause, as news writes it (AP Stylebook, "days of the week"), not the clause's subject.
  if (is(token, WORD.date) && !is(token, WORD.function) && !/^(?:may|march)$/.test(token.lower)) {
    let m = k + 1;
    while (m < k + 3 && tokens[m]?.kind === 'word' && !tokens[m]!.quoted && happeningClass(tokens[m]!.lower) === 'time' && !is(tokens[m]!, WORD.finite)) m++;
    if (tokens[m]?.lower === 'that' && tokens[m + 1] && !tokens[m + 1]!.quoted) return m + 1;
    if (tokens[m]?.kind === 'word' && !tokens[m]!.quoted && !tokens[m]!.capitalised && looksLikeClause(tokens, m, MANDATIVE.has(verbLemma))) return m;
  }
  // "said this week that …", "said last Friday that …": a time adverbial before "that", which "this" or "last"
  // would otherwise open as a clause's subject ("this week that the bridge would …").
  if (ADVERBIAL_OPENERS.has(token.lower)) {
    let m = k + 1;
    // "late on Tuesday", "early this morning", "on Friday night": a preposition may join the time words.
    while (m < k + 5 && tokens[m]?.kind === 'word' && !tokens[m]!.quoted && (is(tokens[m]!, WORD.date) || happeningClass(tokens[m]!.lower) === 'time' || (/^(?:on|in|at|this|last)$/.test(tokens[m]!.lower) && m === k + 1))) m++;
    if (m > k + 1 && tokens[m]?.lower === 'that' && tokens[m + 1] && !tokens[m + 1]!.quoted) return m + 1;
  }
  // "told me afterwards that …", "said privately that …": a lone adverb before "that" is an adjunct of the
  // reporting clause, not the reported clause's first word.
  if (!token.capitalised && (isAdverbWord(token.lower) || /^[a-z]{3,}ly$/.test(token.lower)) && tokens[k + 1]?.lower === 'that' && !tokens[k + 1]!.quoted && tokens[k + 2] && !tokens[k + 2]!.quoted) return k + 2;
  if (looksLikeClause(tokens, k, MANDATIVE.has(verbLemma))) return k;
  const opener = ADVERBIAL_OPENERS.has(token.lower);
  if (!opener && !tagsOf(token.lower).includes('Preposition')) return -1;
  // "told reporters after the vote that …": an adverbial of plain words, then "that" (whose clause a noun
  // and "that" inside the adverbial must not be taken for: "the vote that she had …").
  for (let m = k + 1; m < Math.min(tokens.length, k + 10); m++) {
    const word = tokens[m] as Token;
    if (word.kind !== 'word' || word.quoted || FINITE_AUXILIARIES.has(word.lower) || is(word, WORD.finite) && !is(word, WORD.date)) break;
    if (word.lower === 'that') {
      if (tokens[m + 1] && !tokens[m + 1]!.quoted && looksLikeClause(tokens, m + 1)) return m + 1;
      break;
    }
  }
  // Other prepositions open an adverbial only before "that" ("argued throughout the race that …").
  if (!opener) return -1;
  for (let m = k + 1; m < Math.min(tokens.length, k + 10); m++) {
    const word = tokens[m] as Token;
    // A name in apposition inside the adverbial: "told reporters in the capital, Noa, that …".
    if (word.text === ',' && !word.quoted) {
      let n = m + 1;
      while (n < m + 5 && tokens[n]?.kind === 'word' && tokens[n]!.capitalised && !tokens[n]!.quoted) n++;
      if (n > m + 1 && tokens[n]?.text === ',' && tokens[n + 1]?.lower === 'that') {
        m = n;
        continue;
      }
    }
    if (word.kind !== 'word' || word.quoted) return -1;
    if (word.lower === 'that') return m + 1;
    // The object of the adverbial's preposition is no subject ("on Facebook", "in Washington"); a clause may
    // follow a date ("on last Wednesday they'd run out").
    const previous = tokens[m - 1] as Token;
    if (ADVERBIAL_OPENERS.has(previous.lower) && word.capitalised && !is(word, WORD.date)) continue;
    // Nor does the preposition's noun phrase open a clause: "said in a statement posted on Twitter" (the
    // participle postmodifies "statement"); "said in a statement the company would …" opens at "the company".
    const objectStart = (n: number) => /^(?:on|in|at|during|via|through|after|before|over|to)$/.test(tokens[n - 1]?.lower ?? '') && NOUN_DETERMINER.test(tokens[n]?.lower ?? '');
    if (objectStart(m) || objectStart(m - 1)) continue;
    if (previous.capitalised && !is(previous, WORD.date) && word.capitalised) continue;
    // "last year", "this week", "that morning": a time noun ends the adverbial, it opens no clause.
    if (is(word, WORD.date) || happeningClass(word.lower) === 'time') continue;
    // "the ferry, which the authority said in August could be cut": after a relative pronoun the reported
    // clause's subject is the pronoun's antecedent, and the clause opens with its verb.
    if (FINITE_AUXILIARIES.has(word.lower) && tokens.slice(Math.max(0, verb - 8), verb).some((t) => t.lower === 'which' && !t.quoted)) return m;
    if (!ADVERBIAL_OPENERS.has(word.lower) && looksLikeClause(tokens, m)) return m;
  }
  return -1;
}

/** Speech verbs that report a question with "whether", "if" or a question word. */
const QUESTIONING = new Set(['ask', 'wonder', 'question', 'inquire', 'enquire']);
const QUESTION_OPENERS = new Set(['whether', 'if', 'why', 'how', 'what', 'when', 'where', 'who']);

/** Words that open an adverbial between a speech verb and its clause. */
const ADVERBIAL_OPENERS = new Set(['on', 'in', 'at', 'during', 'via', 'through', 'late', 'early', 'earlier', 'later', 'last', 'this', 'yesterday', 'today', 'tonight', 'recently', 'previously', 'publicly', 'privately', 'separately', 'again', 'also', 'repeatedly', 'then', 'after', 'before', 'over', 'to']);

/**
 * Does a clause (subject then finite verb) start at token k? The subject's noun phrase may hold prepositional
 * phrases and one or two stretches between commas (an apposition or a relative clause: "a police constable,
 * reportedly one Vijayaragavan, saw", "the plant, which was damaged by the quake, may take").
 */
function looksLikeClause(tokens: readonly Token[], k: number, subjunctive = false): boolean {
  const first = tokens[k] as Token;
  if (first.quoted || first.kind !== 'word' || FINITE_AUXILIARIES.has(first.lower)) return false;
  if (CONTRACTED_SUBJECT.test(first.lower)) return true;
  if (NO_POSSESSIVE.has(first.lower) && tokens[k + 1]?.lower === "'s") return true;
  // A subject pronoun is followed by its verb (or an adverb before it), whatever the lexicon knows of that
  // word: "she woke up", "they reckon".
  const second = tokens[k + 1];
  if (SUBJECT_PRONOUNS.has(first.lower) && second?.kind === 'word' && !second.quoted && !second.capitalised && !NOT_AFTER_SUBJECT.has(second.lower)) return true;
  const strong = CLAUSE_SUBJECT_STARTERS.has(first.lower) || first.capitalised || /^\d/.test(first.lower);
  // A bare noun or a gerund may open a clause too ("toilet paper is", "fixing the plant may take"), but then
  // only an auxiliary or copula proves it is one.
  if (!strong && is(first, WORD.function)) return false;
  // The subject's noun phrase, then a finite verb: "the assembly can be", "Washington was", "he canceled".
  let length = 0;
  let asides = 0;
  for (let m = k + 1; m < tokens.length && length < 10; m++) {
    const token = tokens[m] as Token;
    if (!token.capitalised) length++;
    if (token.kind === 'word' && /ly$/.test(token.lower) && !FINITE_AUXILIARIES.has(token.lower)) continue;
    if (token.kind === 'word' && token.lower === "'s") {
      if (isContractedVerb(tokens, m)) return true;
      continue;
    }
    if (token.kind === 'punct' && /^[%$€£'-]$/.test(token.text)) continue;
    if (token.text === ',' && asides < 2) {
      const close = tokens.findIndex((t, n) => n > m + 1 && n < m + 14 && (t.text === ',' || t.kind !== 'word' && t.kind !== 'punct'));
      if (close > 0 && tokens[close]?.text === ',') {
        asides++;
        m = close;
        continue;
      }
    }
    if (token.kind !== 'word') return false;
    if (FINITE_AUXILIARIES.has(token.lower)) return true;
    if (token.capitalised) continue;
    if (strong && is(token, WORD.finite)) return true;
    // An irregular past tense after the subject's noun ("the water rose", "the company lost"): WordNet's
    // verb forms, which the lexicon often tags as nouns or adjectives only. Not right after a determiner or
    // an adjective, where the word is the noun itself ("the left", "a little bit").
    if (strong && m > k && isIrregularPastTense(token.lower) && isNounLike(tokens[m - 1] as Token)) return true;
    // After "recommended", "urged", "demanded" the verb may be a bare subjunctive: "… recommended the troops withdraw".
    if (subjunctive && strong && tagsOf(token.lower).includes('Infinitive')) return true;
    // "the stores fill the stock", "the spikes make it dangerous": a base form after a plural subject.
    if (isPluralSubject(tokens[m - 1]) && (tagsOf(token.lower).includes('Infinitive') || /^[a-z]{3,}ed$/.test(token.lower) || tagsOf(token.lower).includes('PastTense') || isIrregularVerbForm(token.lower)) && !is(token, WORD.plural)) return true;
    // Adverbs inside the subject's phrase ("unrelated frogs otherwise") or before the verb ("he still buys") do not end it.
    if ((tagsOf(token.lower).includes('Adverb') || isAdverbWord(token.lower)) && !FINITE_AUXILIARIES.has(token.lower)) continue;
    if (is(token, WORD.function) && !CLAUSE_SUBJECT_STARTERS.has(token.lower) && !NOUN_PHRASE_LINKS.has(token.lower)) return false;
  }
  return false;
}

/** A word that can end a subject's noun phrase: no function word, no adjective only ("little", "new"). */
function isNounLike(token: Token): boolean {
  if (token.kind !== 'word' || token.quoted || is(token, WORD.function)) return false;
  if (token.capitalised) return true;
  const tags = tagsOf(token.lower);
  return !(tags.includes('Adjective') && !tags.some((tag) => /Noun|Singular|Plural/.test(tag)));
}

/** The offsets of a clause's tokens, without the sentence's final punctuation. */
function trimSpan(clause: readonly Token[]): { start: number; end: number } | null {
  let from = 0;
  let to = clause.length;
  while (from < to && (clause[from] as Token).kind === 'punct') from++;
  while (to > from && (clause[to - 1] as Token).kind === 'punct') to--;
  if (to - from < 2) return null;
  return { start: (clause[from] as Token).start, end: (clause[to - 1] as Token).end };
}

/** Auxiliaries of a passive: "was denied by", "has been confirmed by", "were first reported by". */
const PASSIVE_AUXILIARIES = new Set(['was', 'were', 'been', 'is', 'are']);

/**
 * An assertion in the passive with its agent: "The charge was denied by Irma Tchkadua, his lawyer.", "The
 * outbreak was first confirmed by the government on October 16." The sentence is the agent's statement.
 * Assertives and reporting verbs only (an expressive's passive, "were praised by the mayor", reports an act
 * on its subject, not content), and only in sentences without quotations.
 */
function passiveCue(view: SentenceView): IndirectStatement | null {
  const { tokens, mentions } = view;
  if (tokens.some((token) => token.kind === 'open' || token.quoted)) return null;
  for (let k = 1; k < tokens.length - 2; k++) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' || !/ed$|^told$/.test(token.lower) || !is(token, WORD.speech)) continue;
    const verb = lemma(token.lower);
    if (!ASSERTIVES.has(verb) && !(is(token, WORD.reporting) && !OBJECT_FIRST.has(verb))) continue;
    let a = k - 1;
    while (a > 0 && isAdverbLike(tokens[a] as Token)) a--;
    if (!PASSIVE_AUXILIARIES.has((tokens[a] as Token).lower) || tokens[k + 1]?.lower !== 'by') continue;
    const agent = mentions.find((mention) => mention.start === k + 2);
    if (!agent || agent.type === 'pronoun' || agent.type === 'place') return null;
    const span = trimSpan(tokens);
    return span ? { entity: view.entities[mentions.indexOf(agent)] ?? null, mention: agent, cue: token.text, ...span } : null;
  }
  return null;
}

const isAdverbLike = (token: Token): boolean => token.kind === 'word' && (/ly$/.test(token.lower) || /^(?:first|also|later|earlier|then|since|already)$/.test(token.lower));

/** An -ing participle opening a clause ("escalating", "citing"), not quoted. */
const participleAt = (token: Token | undefined): boolean => !!token && token.kind === 'word' && !token.quoted && /^\p{Ll}{3,}ing$/u.test(token.text);

/** Words of time that may close a trailing cue: "…, the government announced yesterday", "…, it said on Thursday". */
const TRAILING_TIME = /^(?:yesterday|today|later|earlier|tonight|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/**
 * "The man has been isolated, the report said." / "…, Tehran Times reported.": a clause, a comma, then the
 * speaker and a speech verb closing the sentence. Only in sentences without quotations (those are quotes).
 */
function trailingCue(view: SentenceView): IndirectStatement | null {
  const { tokens } = view;
  let end = tokens.length;
  // A supplementive clause of an -ing participle (Quirk et al., ch. 15) may follow the cue: "…, its trade
  // ministry said on Thursday, escalating a months-long dispute.": the cue ends at its comma.
  const supplement = tokens.findIndex((token, k) => k > 3 && token.text === ',' && !token.quoted && participleAt(tokens[k + 1]) && tokens.slice(k - 4, k).some((t) => is(t, WORD.reporting)));
  // Not after a subordinate clause, where the -ing form opens the reported clause ("If these findings are
  // accurate, scientists say, containing COVID-19 may require …": an aside, read by asideCue).
  const opensSubordinate = SUBORDINATORS.has(tokens.find((token) => token.kind === 'word')?.lower ?? '');
  if (supplement > 0 && !opensSubordinate) end = supplement;
  // Only a statement that is no quotation itself (a quotation is a quote, with its own cue); a partial
  // quotation inside reported words stays theirs: "The border issue is the “main difference” between Greece
  // and Turkey, he added." A quotation in the supplement is its own.
  const first = tokens.find((token) => token.kind !== 'punct');
  const words = tokens.slice(0, end).filter((token) => token.kind === 'word');
  if (!first || first.kind === 'open' || first.quoted || words.filter((token) => token.quoted).length * 2 > words.length) return null;
  const found = closingCueEndingAt(view, end);
  if (found || opensSubordinate) return found;
  // The reporting clause may be followed by a coordinated clause or a verbless appendix (Quirk et al. 1985,
  // 13.3 and 17.65): "…, officials said late on Monday, and supplies were being flown in", "…, the commission
  // said, the highest since 1994." The cue ends at the comma after it.
  for (let k = end - 2; k > 4; k--) {
    const token = tokens[k] as Token;
    if (token.text !== ',' || token.quoted) continue;
    const rest = tokens.slice(k + 1, end).filter((t) => t.kind === 'word');
    const coordinated = rest.length >= 3 && COORDINATORS_OF_CLAUSES.has(rest[0]!.lower) && !rest[0]!.quoted;
    const appendix = rest.length > 0 && rest.length <= 8 && !rest.some((t) => t.quoted || is(t, WORD.finite) && !t.capitalised && !is(t, WORD.date) && !/^\d/.test(t.text));
    if (!coordinated && !appendix) continue;
    // The words before it must not report on their own ("The study estimates that …, the authors note, but …").
    if (tokens.slice(0, k).some((t, n) => is(t, WORD.reporting) && !t.quoted && tokens[n + 1]?.lower === 'that')) continue;
    const statement = closingCueEndingAt(view, k);
    if (statement) return statement;
  }
  return null;
}

/** Conjunctions that join a clause to a reporting clause: "…, officials said, and supplies were flown in". */
const COORDINATORS_OF_CLAUSES = new Set(['and', 'but']);

/** The statement of a closing cue ending at token `end` (exclusive): "…, the agency said in a statement". */
function closingCueEndingAt(view: SentenceView, endAt: number): IndirectStatement | null {
  const { tokens, mentions } = view;
  let end = endAt;
  while (end > 0 && (tokens[end - 1] as Token).kind === 'punct') end--;
  // "…, he added." / "…, the government announced yesterday." / "…, said the official."
  let verb = end - 1;
  while (verb > 0 && TRAILING_TIME.test((tokens[verb] as Token).lower)) verb--;
  // "…, the office said in a statement." / "…, she told reporters.": adjuncts after the verb.
  if (!is(tokens[verb], WORD.reporting)) verb = verbBeforeAdjuncts(tokens, end) ?? verb;
  const verbToken = tokens[verb];
  if (!verbToken || !is(verbToken, WORD.reporting)) {
    // inverted: "…, said the official."
    const comma = tokens.slice(0, end).findLastIndex((token) => token.text === ',');
    const said = tokens[comma + 1];
    const speaker = mentions.find((mention) => mention.start === comma + 2 && mention.end === end);
    if (comma > 2 && said && is(said, WORD.reporting) && speaker && speaker.type !== 'pronoun') {
      const span = trimSpan(tokens.slice(0, comma));
      if (span) return { entity: view.entities[mentions.indexOf(speaker)] ?? null, mention: speaker, cue: said.text, ...span };
    }
    return null;
  }
  const speaker = mentions.find((mention) => mention.end === verb);
  if (speaker && !speaker.possessive && !(speaker.type === 'pronoun' && !speaker.subjectForm)) {
    // "…, his lawyer said.": a possessive determiner before the speaker's noun.
    const owned = POSSESSIVE_DETERMINERS.has(tokens[speaker.start - 1]?.lower ?? '') && speaker.type !== 'pronoun';
    const comma = speaker.start - (owned ? 2 : 1);
    if (tokens[comma]?.text === ',' && comma >= 3) {
      const span = trimSpan(tokens.slice(0, comma));
      return span ? { entity: view.entities[mentions.indexOf(speaker)] ?? null, mention: speaker, cue: verbToken.text, ...span } : null;
    }
  }
  // The speaker's noun phrase may run on after its head: an attachment, a restrictive relative clause, an
  // apposition (Quirk et al. 1985, 17.2–17.3): "…, engineers at the mission control centre said", "…, a steward
  // who asked not to be named said", "…, the operator, Nordrail, said". The verb's subject is read as for a
  // cue before the words (subjectOfVerb), and the statement ends at the comma that opens its noun phrase.
  // Not a verb after an auxiliary ("…, and that 2,300 people had responded"): the closing cue is a simple form.
  if (FINITE_AUXILIARIES.has(tokens[verb - 1]?.lower ?? '')) return null;
  const subject = subjectOfVerb(tokens, mentions, verb, null);
  if (!subject || subject.possessive || subject.type === 'place' || subject.type === 'pronoun') return null;
  let comma = subject.start - 1;
  // An apposition: the name between commas, the noun phrase it renames before it ("the operator, Nordrail,").
  const apposed = tokens[comma]?.text === ',' && tokens[subject.end]?.text === ',' && subject.end + 1 === verb;
  if (apposed) {
    let m = comma - 1;
    while (m >= 0 && ((tokens[m] as Token).kind === 'word' || /^['’]s$/.test((tokens[m] as Token).text)) && !(tokens[m] as Token).quoted && comma - m <= 7) m--;
    const described = tokens.slice(m + 1, comma);
    if (tokens[m]?.text !== ',' || described.length === 0 || described.some((t) => is(t, WORD.finite) && !t.capitalised && !/^['’]s$/.test(t.text))) return null;
    comma = m;
  }
  if (tokens[comma]?.text !== ',' || comma < 3) return null;
  // Between the speaker and the verb: its attachment or relative clause, plain words without a comma.
  if (!apposed && tokens.slice(subject.end, verb).some((t) => t.kind !== 'word' || t.quoted)) return null;
  const span = trimSpan(tokens.slice(0, comma));
  return span ? { entity: view.entities[mentions.indexOf(subject)] ?? null, mention: subject, cue: verbToken.text, ...span } : null;
}

/** Determiners: the word after one is a noun ("in a note to clients", "said in a statement the company …"). */
const NOUN_DETERMINER = /^(?:a|an|the|its|his|her|their|our)$/;

/** Prepositions that open an adjunct of a reporting clause: "said in a statement", "wrote on Twitter", "told reporters at a briefing". */
const ADJUNCT_PREPOSITIONS = new Set(['in', 'on', 'to', 'at', 'during', 'via', 'through', 'from', 'after', 'before', 'with', 'by', 'for', 'late', 'early', 'last', 'this']);
/** Words that open a clause or a verb phrase: no adjunct of a reporting clause holds one. */
const CLAUSE_WORDS = new Set(['that', 'who', 'whom', 'which', 'whose', 'if', 'whether', 'because', 'but', 'and', 'or', 'while', 'when', 'not', "n't"]);

/**
 * The reporting verb of a closing cue followed by adjuncts only (Quirk et al. 1985, 14.29 and 8.1: a reporting
 * clause takes adverbials of place, time and medium, and "tell" its indirect object): "…, the office said in a
 * statement", "…, he told reporters on Monday", "…, the mayor wrote on Twitter". The adjuncts are at most eight
 * plain words: a preposition (or, after "tell" and its kind, an object) then noun-phrase words, no finite verb,
 * no clause opener, no quotation.
 */
function verbBeforeAdjuncts(tokens: readonly Token[], end: number): number | null {
  for (let k = end - 2; k > 0 && k >= end - 9; k--) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' || token.quoted) return null;
    if (!is(token, WORD.reporting)) continue;
    // "in a statement posted on Twitter": a participle postmodifying the adjunct's noun, not the cue's verb.
    if (/[a-z]ed$/.test(token.lower) && ADJUNCT_PREPOSITIONS.has(tokens[k - 3]?.lower ?? '') && NOUN_DETERMINER.test(tokens[k - 2]?.lower ?? '')) continue;
    // "said in a note to clients": after a determiner the word is the adjunct's noun.
    if (NOUN_DETERMINER.test(tokens[k - 1]?.lower ?? '')) continue;
    const tail = tokens.slice(k + 1, end);
    const first = tail[0] as Token;
    const objectFirst = OBJECT_FIRST.has(lemma(token.lower)) || lemma(token.lower) === 'tell';
    if (!ADJUNCT_PREPOSITIONS.has(first.lower) && !objectFirst) return null;
    const plain = tail.every((word, n) =>
      word.kind === 'word' && !word.quoted && !CLAUSE_WORDS.has(word.lower) &&
      ((n > 0 && nounPhraseWord(tail, n)) || !is(word, WORD.reporting) && (n === 0 || !is(word, WORD.finite) || is(word, WORD.date) || word.capitalised || /^\d/.test(word.text))),
    );
    return plain ? k : null;
  }
  return null;
}

/**
 * A word of an adjunct's noun phrase, whatever else the lexicon knows it as: the noun after a determiner ("in
 * a note to clients"), or an -ed participle right after a noun, which postmodifies it (a reduced relative
 * clause, Quirk et al. 1985, 17.29: "said in a statement posted on Twitter").
 */
function nounPhraseWord(tail: readonly Token[], n: number): boolean {
  const word = tail[n] as Token;
  const before = tail[n - 1];
  if (!before || before.kind !== 'word' || before.quoted) return false;
  if (NOUN_DETERMINER.test(before.lower)) return true;
  return /[a-z]ed$/.test(word.lower) && !is(before, WORD.function) && !is(before, WORD.finite);
}

/** A lower-case noun describing the name after it ("newspaper", "wrestling promotion"). */
const isDescriptor = (token: Token | undefined) =>
  !!token && token.kind === 'word' && !token.quoted && !token.capitalised && !is(token, WORD.function) && !is(token, WORD.finite) && !is(token, WORD.reporting);

/** Words that open a subordinate clause: a prefix opening with one is a clause of its own. */
const SUBORDINATORS = new Set(['if', 'when', 'while', 'although', 'though', 'because', 'as', 'after', 'before', 'since', 'unless', 'once', 'until', 'whether']);

/** Words of a time adverbial that may follow a trailing cue: "police reported Friday morning, local time". */
const TIME_TAIL = /^(?:on|at|in|late|early|last|this|yesterday|today|tonight|morning|afternoon|evening|night|local|time|week|month|year|earlier|later|overnight)$/;

/**
 * A cue set off by commas inside or at the end of the sentence: "If these findings are accurate, scientists
 * say, containing COVID-19 may require …", "Many cultures, the complaint pointed out, have …", "… was found
 * dead, police reported Friday morning, local time". The reported clause is the sentence around the cue: the
 * part after it when the part before is a clause of its own, else the whole sentence.
 */
function asideCue(view: SentenceView): IndirectStatement | null {
  const { tokens, mentions } = view;
  for (let n = 0; n < mentions.length; n++) {
    const mention = mentions[n] as Mention;
    // A lower-case descriptor may lead into the name: "…, newspaper The Hindu reported".
    let comma = mention.start - 1;
    while (comma > mention.start - 3 && isDescriptor(tokens[comma])) comma--;
    // A lone conjunct before the aside opens no clause of its own: "Still, he argued, the team had …" (Quirk
    // et al. 1985, 8.134-8.137: conjuncts such as "still", "however", "indeed").
    const conjunct = comma === 1 && tokens[0]?.kind === 'word' && !tokens[0]!.quoted && (isAdverbWord(tokens[0]!.lower) || /^(?:but|yet|and|so)$/.test(tokens[0]!.lower));
    if ((comma < 2 && !conjunct) || tokens[comma]?.text !== ',' || mention.possessive || (mention.type === 'pronoun' && !mention.subjectForm)) continue;
    let v = mention.end;
    if (tokens[v]?.text === '(' && tokens[v + 2]?.text === ')') v += 3;
    const verb = tokens[v];
    if (!verb || verb.kind !== 'word' || verb.quoted) continue;
    const base = isReportingBase(verb.lower) && (mention.plural || mention.pronoun === 'group');
    if (!is(verb, WORD.reporting) && !base) continue;
    let after = v + 1;
    if (tokens[after]?.lower === 'out') after++;
    const prefix = tokens.slice(0, comma);
    if (prefix.some((token) => token.kind === 'open' || token.kind === 'close')) continue;
    const prefixIsClause =
      SUBORDINATORS.has(prefix[0]?.lower ?? '') || prefix.some((token) => token.kind === 'word' && !token.capitalised && is(token, WORD.finite));
    const rest = tokens.slice(after).filter((token) => token.kind !== 'punct');
    const tail = rest.every((token) => token.kind === 'word' && (TIME_TAIL.test(token.lower) || is(token, WORD.date) || token.capitalised || /^\d/.test(token.lower)) || token.kind === 'punct');
    let span: { start: number; end: number } | null = null;
    if (tail && prefixIsClause) {
      span = trimSpan(prefix);
    } else if (tokens[after]?.text === ',' && tokens[after + 1]) {
      const next = tokens[after + 1] as Token;
      const continues = looksLikeClause(tokens, after + 1) || (!prefixIsClause && next.kind === 'word' && is(next, WORD.finite));
      if (!continues || tokens.slice(after).some((token) => token.kind === 'open')) continue;
      // "If these findings hold, scientists say, the vaccine …": the condition is part of what is said.
      span = (prefixIsClause && !SUBORDINATORS.has(prefix[0]?.lower ?? "")) || conjunct ? trimSpan(tokens.slice(after + 1)) : trimSpan(tokens);
    }
    if (!span) continue;
    return { entity: view.entities[n] ?? null, mention, cue: verb.text, ...span };
  }
  return null;
}

/** Words that may stand between a comparative "As X" and its reporting verb ("as my grandmother used to say"), and the idiom "put it". */
const AS_CUE_LINKS = new Set(['has', 'had', 'have', 'once', 'always', 'often', 'rightly', 'used', 'to', 'likes', 'would', 'put', 'it']);

/**
 * A comparative clause of saying before the sentence's own: "As Dara said, the whole town is in that song"
 * reports the clause after the comma, said by Dara (the speaker endorses it, but the words are Dara's).
 */
function asCue(view: SentenceView): IndirectStatement | null {
  const { tokens, mentions } = view;
  let k = 0;
  while (k < tokens.length && (tokens[k] as Token).kind !== 'word') k++;
  if (tokens[k]?.lower === 'and' || tokens[k]?.lower === 'but' || tokens[k]?.lower === 'so') k++;
  if (tokens[k]?.lower !== 'as' || tokens[k]?.quoted) return null;
  let n = mentions.findIndex((mention) => mention.start === k + 1);
  // "As my grandmother …": the owned noun, after its possessive determiner.
  if (n >= 0 && (mentions[n] as Mention).type === 'pronoun' && !(mentions[n] as Mention).subjectForm && mentions[n + 1]?.start === (mentions[n] as Mention).end) n++;
  const mention = mentions[n];
  if (!mention || mention.possessive || mention.type === 'place' || (mention.type === 'pronoun' && !mention.subjectForm)) return null;
  let v = mention.end;
  while (v < tokens.length && v < mention.end + 3 && AS_CUE_LINKS.has((tokens[v] as Token).lower) && !is(tokens[v] as Token, WORD.reporting)) v++;
  // "As one resident put it, …": the idiom reports as "said" does.
  const putIt = tokens[v - 2]?.lower === 'put' && tokens[v - 1]?.lower === 'it' && tokens[v]?.text === ',';
  if (putIt) v -= 2;
  const verb = tokens[v];
  if (!verb || verb.kind !== 'word' || verb.quoted || !(putIt || is(verb, WORD.reporting) || isReportingBase(verb.lower))) return null;
  let comma = putIt ? v + 2 : v + 1;
  while (comma < tokens.length && comma < v + 6 && (tokens[comma] as Token).text !== ',') comma++;
  if (tokens[comma]?.text !== ',' || !tokens[comma + 1] || tokens[comma + 1]?.kind !== 'word' || !looksLikeClause(tokens, comma + 1)) return null;
  const span = trimSpan(tokens.slice(comma + 1));
  return span ? { entity: view.entities[n] ?? null, mention, cue: verb.text, ...span } : null;
}
