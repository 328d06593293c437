/**
 * Finding the mentions of people and institutions in a sentence: names with their titles ("Defense Secretary
 * Lloyd Austin"), descriptions ("a State Department official", "France’s high diplomat", "the ministry"),
 * institutions and places ("the State Department", "the US") and pronouns. Quoted words are skipped: what a
 * speaker says is never a cue nor an antecedent.
 *
 * A small noun-phrase chunker over the tokens does it: a run of a determiner or possessor, capitalised words
 * (joined by "of", "de", "bin"… inside institution names and titles), lower-case modifiers and a role or
 * institution noun. Reading the run from its end tells what it is: capitalised words after the last role noun
 * are the name, the words up to it the role; a run ending on a role noun is a description; on an institution
 * word, an institution.
 */
import {
  OTHER_PRONOUNS,
  SUBJECT_PRONOUNS,
  firstNameGender,
  honorificGender,
  isDemonym,
  isDocumentNoun,
  isFirstName,
  isHonorific,
  isIrregularVerbForm,
  isOrganisationHead,
  isPlace,
  isCommonWord,
  ADJECTIVE_ENDING,
  roleGender,
  singularOf,
  classOf,
  tagsOf,
  WORD,
} from './lexicon.ts';
import { happeningClass, isAdverbWord, isDemonymName, isPartyMember, isPlaceName, isWeatherNoun, speakingNounClass } from './gazetteer.ts';
import { is, type Token } from './tokens.ts';

export type MentionType = 'person' | 'organisation' | 'place' | 'pronoun';

export interface Mention {
  /** Token indexes [start, end) in the sentence. */
  start: number;
  end: number;
  /** The words as written. */
  text: string;
  type: MentionType;
  /** The proper name ("Lloyd Austin"), or null for descriptions and pronouns. */
  name: string | null;
  /** Role words from the text ("Defense Secretary"), or null. */
  role: string | null;
  /** Lower-cased head noun of the role or institution ("secretary", "official", "ministry"), or null. */
  head: string | null;
  /** "the …" or a bare title: refers back to someone introduced earlier. */
  definite: boolean;
  gender: 'male' | 'female' | null;
  plural: boolean;
  /** For pronouns: what they may stand for. */
  pronoun: 'male' | 'female' | 'group' | 'thing' | null;
  /** Subject pronouns (he, she, they) can be speakers; possessive and object forms cannot. */
  subjectForm: boolean;
  /** Followed by 's: a possessor, not the subject of its sentence. */
  possessive: boolean;
  /** A short form given in brackets right after the name: "World Health Organization (WHO)". */
  alias?: string;
  /**
   * For a document ("the WHO's website", "the official WHO report", "the government statement"): the
   * institution or person it speaks for, who is the speaker when the document "says" something.
   */
  owner?: Mention;
}

/** Possessive pronouns and what they may stand for, for the documents they own ("its statement"). */
const POSSESSIVE_PRONOUNS = new Map<string, 'male' | 'female' | 'group' | 'thing'>([['its', 'thing'], ['their', 'group'], ['his', 'male'], ['her', 'female']]);
const DETERMINERS = new Set(['the', 'a', 'an', 'one', 'another', 'two', 'three', 'four', 'several', 'some', 'many', 'its', 'his', 'her', 'their', 'our', 'this', 'that', 'these', 'those', 'both', 'other']);
const INDEFINITE = new Set(['a', 'an', 'one', 'another', 'two', 'three', 'four', 'several', 'some', 'many', 'other', 'both']);
/** Joiners inside a capitalised name ("Ministry of Health", "Bank of England", "Ali bin Said", "Le Drian"). */
const NAME_JOINERS = new Set(['of', 'de', 'del', 'della', 'da', 'di', 'du', 'von', 'van', 'der', 'den', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'bint', '&', 'for', 'and', 'on']);
/** Joiners allowed only after an institution or title word ("Ministry of", "Centre for", "President of"). */
const INSTITUTION_JOINERS = new Set(['of', 'for', 'and', 'on', '&']);
/** A surname of the lexicon (its LastName tag) that is no common word, first name nor place ("munoz", not "hall" or "rose"). */
const isSurnameOnly = (lower: string) => tagsOf(lower).includes('LastName') && classOf(lower) === 0;
/** Endings of common nouns, adverbs and adjectives, which names rarely have. */
const COMMON_SHAPE = /(?:ness|ment|tion|sion|ity|ance|ence|ism|ship|ing|ly|ful|less|ous|ive|ical|ies|wards)$/;
/** No names known: the default for a sentence read alone. */
const NO_NAMES: ReadonlySet<string> = new Set();
/** Capitalised words that are not names even mid-sentence. */
const NOT_NAMES = new Set(['i', 'god', 'covid-19', 'covid', 'internet']);

/** Finds the mentions in one sentence's tokens, in order. */
export function findMentions(tokens: readonly Token[], known: ReadonlySet<string> = NO_NAMES): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (token.quoted || token.kind !== 'word') {
      i++;
      continue;
    }
    // "its press release", "their statement": a document owned by whoever the pronoun stands for speaks for them.
    const document = POSSESSIVE_PRONOUNS.has(token.lower) ? nounPhrase(tokens, i + 1, true, known) : null;
    if (document && document.type === 'organisation' && document.name === null && document.head && isDocumentNoun(document.head)) {
      const kind = POSSESSIVE_PRONOUNS.get(token.lower) as 'male' | 'female' | 'group' | 'thing';
      mentions.push({
        start: i,
        end: document.end,
        text: joinTokens(tokens.slice(i, document.end)),
        type: 'pronoun',
        name: null,
        role: null,
        head: null,
        definite: true,
        gender: kind === 'male' || kind === 'female' ? kind : null,
        plural: kind === 'group',
        pronoun: kind,
        subjectForm: true,
        possessive: document.possessive,
        alias: undefined,
        owner: undefined,
      });
      i = document.end;
      continue;
    }
    const source = anonymousSource(tokens, i);
    if (source) {
      mentions.push(source);
      i = source.end;
      continue;
    }
    const pronoun = pronounMention(tokens, i);
    if (pronoun) {
      mentions.push(pronoun);
      i++;
      continue;
    }
    // Only a capital, a determiner or a role noun can open a mention.
    if (!token.capitalised && !DETERMINERS.has(token.lower) && !is(token, WORD.role) && !is(token, WORD.organisationNoun) && !beforeRoleNoun(tokens, i) && !speakingNounAt(tokens, i) && !titleBeforeName(tokens, i)) {
      i++;
      continue;
    }
    const phrase = nounPhrase(tokens, i, false, known);
    if (phrase) {
      // A possessor continues into the phrase it owns: "France’s high diplomat", "Russia’s President Putin".
      const owned = phrase.possessive ? nounPhrase(tokens, phrase.end + 1, true, known) : null;
      if (owned && (owned.type === 'organisation' && (owned.name === null || phrase.type !== 'person') || owned.type === 'person' && (phrase.type !== 'person' || owned.name === null))) {
        const text = joinTokens(tokens.slice(i, owned.end));
        const role = owned.role ? `${joinTokens(tokens.slice(i, phrase.end + 1))} ${owned.role}` : owned.role;
        const mention = mentionOf(i, owned.end, text, owned.possessive, { ...owned, role });
        if (owned.head && isDocumentNoun(owned.head) && phrase.type !== 'pronoun') mention.owner = mentionOf(phrase.start, phrase.end, phrase.text, false, phrase);
        mentions.push(mention);
        i = owned.end;
        continue;
      }
      if (phrase.type === 'organisation' && phrase.name === null && phrase.head && isDocumentNoun(phrase.head)) {
        const owner = ownerInside(tokens, phrase);
        if (owner) phrase.owner = owner;
      }
      // "the U.S. embassy in Beijing", "The United States Embassy in Iraq": an institution's place is part
      // of who it is (the embassy in Beijing is not the one in Iraq), so it stays in the mention.
      if (phrase.type === 'organisation' && !phrase.possessive && /^(?:in|at)$/.test(tokens[phrase.end]?.lower ?? '')) {
        const place = nounPhrase(tokens, phrase.end + 1, true, known);
        if (place && place.type === 'place' && !place.possessive) {
          // "in Munich, Germany": the country after the city belongs to the same place.
          const wider = tokens[place.end]?.text === ',' ? nounPhrase(tokens, place.end + 1, true, known) : null;
          if (wider && wider.type === 'place' && !wider.possessive) place.end = wider.end;
          phrase.end = place.end;
          phrase.text = joinTokens(tokens.slice(phrase.start, place.end));
          if (phrase.name) phrase.name = joinTokens(tokens.slice(DETERMINERS.has((tokens[phrase.start] as Token).lower) ? phrase.start + 1 : phrase.start, place.end));
        }
      }
      mentions.push(phrase);
      i = phrase.end;
      // "World Health Organization (WHO)": the bracketed short form is another name of the same.
      const alias = tokens[i + 1];
      if (tokens[i]?.text === '(' && alias?.capitalised && tokens[i + 2]?.text === ')' && phrase.name) {
        phrase.alias = alias.text;
        i += 3;
      }
      continue;
    }
    i++;
  }
  return mentions;
}

/**
 * The owner named inside a document's phrase: the capitalised words of "the official WHO report", "the
 * Supreme Court decision", or the institution noun of "the government statement".
 */
function ownerInside(tokens: readonly Token[], document: Mention): Mention | undefined {
  let from = document.start;
  if (DETERMINERS.has((tokens[from] as Token).lower)) from++;
  const last = document.end - 1;
  for (let k = from; k < last; k++) {
    const token = tokens[k] as Token;
    // At the start of a sentence a capital may be just a capital: "Local reports said" (an adjective
    // before a lower-case noun) names no owner, where "Reuters reports said" does.
    const openingAdjective = k === 0 && tokens[k + 1]?.capitalised === false && (tagsOf(token.lower).includes('Adjective') || ADJECTIVE_ENDING.test(token.lower));
    if (token.capitalised && !(k === 0 && is(token, WORD.common)) && !openingAdjective) {
      let end = k + 1;
      while (end < last && ((tokens[end] as Token).capitalised || NAME_JOINERS.has((tokens[end] as Token).lower) && tokens[end + 1]?.capitalised)) end++;
      const words = tokens.slice(k, end);
      const owner = interpret(tokens, k, end, words, words.map((word) => (word.capitalised ? 'cap' : 'joiner')), null, false);
      if (owner && owner.type !== 'place') return owner;
      return undefined;
    }
    if (is(token, WORD.organisationNoun) && !is(token, WORD.document)) {
      return mentionOf(k, k + 1, token.text, false, { type: 'organisation', name: null, role: token.text, head: token.lower, definite: true, gender: null, plural: false });
    }
  }
  return undefined;
}

/** What distinguishes one mention from another; `mentionOf` adds the rest. */
type MentionFields = Pick<Mention, 'type' | 'name' | 'role' | 'head' | 'definite' | 'gender' | 'plural'>;

/**
 * A mention with every field in one order, so all mentions share one shape (the readers that go over them
 * stay fast); the pronoun fields are those of a noun phrase.
 */
/** A plural whose singular's first WordNet sense is a person or a group ("protectors", "growers"): no surname. */
function pluralOfPersons(lower: string): boolean {
  // Not a surname made of a first name ("Roberts", "Williams").
  return /^[a-z]{4,}s$/.test(lower) && !/ss$/.test(lower) && !isFirstName(lower.slice(0, -1)) && speakingNounClass(lower.slice(0, -1)) !== null;
}

/** Heads of an anonymous source (the AP Stylebook's "anonymous sources": "a person familiar with the talks"). */
const SOURCE_HEADS = new Set(['person', 'people', 'source', 'sources', 'official', 'officials']);
/** What follows the head of an anonymous source: "familiar with", "close to", "briefed on", "involved in", "with knowledge of". */
const SOURCE_MODIFIERS = new Set(['familiar', 'close', 'briefed', 'knowledgeable', 'involved']);
/** Determiners and numbers before an anonymous source. */
const SOURCE_DETERMINERS = new Set([...INDEFINITE, 'five', 'six', 'multiple', 'numerous', 'other', 'two']);

/**
 * An anonymous source, as news describes one: a determiner or a number, up to two modifiers, a person or
 * official, then what qualifies them to speak ("two people familiar with the matter", "a senior official
 * with knowledge of the plans", "people close to the family"), up to eight words and before a comma, a
 * relative pronoun or a verb. The whole phrase is the description ("person familiar with the negotiations").
 */
function anonymousSource(tokens: readonly Token[], i: number): Mention | null {
  const first = tokens[i] as Token;
  // A bare plural needs no determiner: "people close to the family", "sources familiar with the plan".
  const bare = /^(?:people|sources|officials)$/.test(first.lower);
  if (first.quoted || !(bare || SOURCE_DETERMINERS.has(first.lower) || /^\d+$/.test(first.lower))) return null;
  let head = bare ? i : i + 1;
  while (head < i + 3 && tokens[head] && !SOURCE_HEADS.has((tokens[head] as Token).lower) && (tokens[head] as Token).kind === 'word' && !(tokens[head] as Token).capitalised && !is(tokens[head] as Token, WORD.function)) head++;
  const headWord = tokens[head];
  if (!headWord || headWord.quoted || !SOURCE_HEADS.has(headWord.lower)) return null;
  const next = tokens[head + 1];
  const qualified = !!next && !next.quoted && (SOURCE_MODIFIERS.has(next.lower) || (next.lower === 'with' && /^(?:knowledge|direct|firsthand|first-hand)$/.test(tokens[head + 2]?.lower ?? '')));
  if (!qualified) return null;
  let end = head + 2;
  while (end < tokens.length && end < head + 10) {
    const token = tokens[end] as Token;
    if (token.quoted || token.kind !== 'word' || /^(?:who|that|which|whom)$/.test(token.lower) || is(token, WORD.speech)) break;
    // A verb ends it, but after a determiner or a preposition the word is a noun ("familiar with the talks").
    if (is(token, WORD.finite) && !is(tokens[end - 1] as Token, WORD.function)) break;
    end++;
  }
  const text = joinTokens(tokens.slice(i, end));
  return mentionOf(i, end, text, false, {
    type: 'person',
    name: null,
    role: joinTokens(tokens.slice(bare ? i : i + 1, end)),
    head: headWord.lower,
    definite: false,
    gender: null,
    plural: headWord.lower === 'people' || /s$/.test(headWord.lower),
  });
}

function mentionOf(start: number, end: number, text: string, possessive: boolean, fields: MentionFields): Mention {
  return {
    start,
    end,
    text,
    type: fields.type,
    name: fields.name,
    role: fields.role,
    head: fields.head,
    definite: fields.definite,
    gender: fields.gender,
    plural: fields.plural,
    pronoun: null,
    subjectForm: false,
    possessive,
    alias: undefined,
    owner: undefined,
  };
}

function pronounMention(tokens: readonly Token[], i: number): Mention | null {
  const token = tokens[i] as Token;
  const lower = token.lower;
  let reference = SUBJECT_PRONOUNS.get(lower) ?? null;
  let subjectForm = reference !== null;
  if (!reference) {
    reference = OTHER_PRONOUNS.get(lower) ?? null;
    subjectForm = false;
  }
  if (!reference) return null;
  // "it" stands for an institution only as the subject of a speech verb ("it said"); otherwise it is expletive.
  if (lower === 'it') {
    const next = tokens[i + 1];
    if (!next || !is(next, WORD.speech)) return null;
  }
  return {
    start: i,
    end: i + 1,
    text: token.text,
    type: 'pronoun',
    name: null,
    role: null,
    head: null,
    definite: true,
    gender: reference === 'male' || reference === 'female' ? reference : null,
    plural: reference === 'group',
    pronoun: reference,
    subjectForm,
    possessive: false,
    alias: undefined,
    owner: undefined,
  };
}

type Slot = 'det' | 'cap' | 'joiner' | 'mod' | 'role' | 'org';

/** Reads the noun phrase starting at token i, when it names a person, an institution or a place. */
function nounPhrase(tokens: readonly Token[], i: number, owned: boolean, known: ReadonlySet<string> = NO_NAMES): Mention | null {
  const slots: Slot[] = [];
  let j = i;
  const first = tokens[i];
  if (!first) return null;
  let determiner: string | null = null;
  if (owned) slots.push('det');
  else if (DETERMINERS.has(first.lower)) {
    determiner = first.lower;
    slots.push('det');
    j++;
  }
  for (; j < tokens.length; j++) {
    const token = tokens[j] as Token;
    // "Fenwick & Rhys", "Procter & Gamble": an ampersand between capitals joins a firm's name.
    if (token.text === '&' && !token.quoted && slots.at(-1) === 'cap' && tokens[j + 1]?.capitalised && tokens[j + 1]?.kind === 'word' && !tokens[j + 1]?.quoted) {
      slots.push('joiner');
      continue;
    }
    if (token.quoted || token.kind !== 'word') break;
    const slot = classify(tokens, j, i, slots, known);
    if (!slot) break;
    slots.push(slot);
  }
  // Trim to the last name, role or institution word.
  const offset = owned ? 1 : 0;
  let end = i + slots.length - offset;
  while (end > i && !['cap', 'role', 'org'].includes(slots[end - i - 1 + offset] as Slot)) end--;
  if (end === i) return null;
  const words = tokens.slice(i, end);
  const kinds = slots.slice(offset, end - i + offset);
  if (!kinds.some((k) => k === 'cap' || k === 'role' || k === 'org')) return null;
  // A lone sentence-initial common word ("Separately", "The") or a lone demonym is no mention.
  const after = tokens[end];
  if (after?.capitalised && is(after, WORD.date) && slots.every((slot) => slot === 'cap')) return null;
  const possessive = after?.lower === "'s" || after?.lower === "'";
  return interpret(tokens, i, end, words, kinds, owned ? 'poss' : determiner, possessive);
}

/** A modifier right before a role noun or a plural institution noun: "government officials", "opposition parties", "initial reports". */
function beforeRoleNoun(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i] as Token;
  const next = tokens[i + 1];
  if (!next || next.capitalised || next.quoted || next.kind !== 'word') return false;
  // "retired machinist Walter Fry", "former striker Neil Prentice": a participle may modify a title before a name.
  if (titleBeforeName(tokens, i + 1)) return !is(token, WORD.function) && !is(token, WORD.speech) && !/(?:ly|ing)$/.test(token.lower);
  if (!is(next, WORD.role) && !(is(next, WORD.organisationNoun) && is(next, WORD.plural))) return false;
  // An institution noun that is also a verb modifies the role all the same: "state officials", "police
  // officers" (a noun premodifier, Quirk et al. 1985, 17.108).
  const institution = is(token, WORD.organisationNoun) && !is(token, WORD.document) && !is(token, WORD.plural);
  return !is(token, WORD.function) && (institution || !is(token, WORD.finite) && !is(token, WORD.speech)) && !/(?:ly|ing)$/.test(token.lower);
}

/**
 * A lower-case noun whose first WordNet sense is a person, right before a first name or an honorific, is a
 * title: "machinist Walter Fry", "striker Neil Prentice", "glaciologist Dr. Miriam Solberg".
 */
function titleBeforeName(tokens: readonly Token[], j: number): boolean {
  const token = tokens[j];
  const next = tokens[j + 1];
  if (!token || !next || token.capitalised || token.quoted || token.kind !== 'word' || next.quoted || next.kind !== 'word' || !next.capitalised) return false;
  if (is(token, WORD.role) || is(token, WORD.function) || is(token, WORD.finite) || is(token, WORD.speech)) return false;
  return speakingNounClass(token.lower) === 'person' && (is(next, WORD.firstName) || isHonorific(next.lower.replace(/\.$/, '')));
}

/** A party initial and a state, as AP style writes them after a US legislator's name: "R-Texas", "D-Minn.". */
const PARTY_STATE = /^[RDI]-[A-Z][A-Za-z.]*$/;

/** The slot a token can fill in a noun phrase that began at `from`, or null when it ends the phrase. */
function classify(tokens: readonly Token[], j: number, from: number, slots: readonly Slot[], known: ReadonlySet<string> = NO_NAMES): Slot | null {
  const token = tokens[j] as Token;
  const lower = token.lower;
  const prev = slots[slots.length - 1];
  if (lower === "'s") return null;
  if (token.capitalised) {
    if (NOT_NAMES.has(lower)) return null;
    // "the Kentucky-born songwriter", "a London-based firm": a place made an adjective names no one.
    if (/-(?:born|based|bred|raised|led|backed|owned|made)$/.test(lower)) return 'mod';
    // A US legislator's party and state after the name ("R-Texas", "D-N.Y.", "I-Vt.", AP style) names no one.
    if (PARTY_STATE.test(token.text)) return null;
    // A lower-case plural institution takes no name after it: "reports Trump hid" is two phrases.
    const previous = tokens[j - 1];
    if ((prev === 'org' || prev === 'role') && previous && !previous.capitalised && is(previous, WORD.plural)) return null;
    // An acronym is a name even where its letters spell a function word ("WHO said", "US officials").
    if (/^[A-Z][A-Z.&]+$/.test(token.text) && token.text.length > 1) {
      // "CEO Andy Vesey", "MP Jo Cox": an acronym of a role is a title.
      if (is(token, WORD.role)) return 'role';
      return is(token, WORD.organisationHead) && slots.some((slot) => slot !== 'det') ? 'org' : 'cap';
    }
    if (is(token, WORD.date) && !is(token, WORD.firstName)) return null;
    if (lower.startsWith("i'") || /'(?:re|ve|ll|d|m)$/.test(lower)) return null;
    // At the start of the sentence a capitalised common word is just a capital ("Separately", "But", "In"),
    // and so is a word shaped like a common noun or adverb ("Fitness", "Recently", "Funding").
    if (j === 0 || tokens[j - 1]?.kind === 'open' || (j === from && isSentenceStart(tokens, j))) {
      if (is(token, WORD.function)) return null;
      // A capitalised common word before a lower-case role or institution noun modifies it: "Aid agencies",
      // "Initial reports", "Health officials".
      if (j === from && beforeRoleNoun(tokens, j)) return 'mod';
      // "Progressive Party of …", "Conservative Party": a common word naming an institution with the word after it.
      const next = tokens[j + 1];
      if (j === from && next?.capitalised && !next.quoted && is(next, WORD.organisationHead) && !is(next, WORD.function)) return 'cap';
      // "Reports said", "Authorities stated": a plural institution noun opening the sentence.
      if (j === from && is(token, WORD.organisationNoun) && is(token, WORD.plural) && !tokens[j + 1]?.capitalised) return 'org';
      // A word the article has already used inside a person's name is that name ("Kettering told reporters").
      if (known.has(lower) && !is(token, WORD.function)) return 'cap';
      if (COMMON_SHAPE.test(lower) && !is(token, WORD.firstName) && !is(token, WORD.place) && !is(token, WORD.role) && !is(token, WORD.organisationNoun) && !is(token, WORD.organisationHead)) return null;
      // A capitalised common word right before a surname of the lexicon, one that is no common word, is a given
      // name ("Crystal Munoz was convicted", "Amber Nguyen said").
      const surname = tokens[j + 1];
      // A title is no given name ("Senator Rogers Smith").
      if (j === from && !is(token, WORD.role) && !is(token, WORD.titleModifier) && surname?.capitalised && surname.kind === 'word' && !surname.quoted && isSurnameOnly(surname.text.toLowerCase())) return 'cap';
      if (is(token, WORD.common) && !is(token, WORD.role) && !is(token, WORD.organisationHead) && !is(token, WORD.titleModifier) && !is(token, WORD.place) && !is(token, WORD.demonym)) return null;
    }
    // "Martin How", "Nancy Else": after a first name, a capitalised word mid-sentence is a surname even when
    // the word is also a function word.
    const afterFirstName = prev === 'cap' && j > from && is(tokens[j - 1] as Token, WORD.firstName) && !NAME_JOINERS.has(lower);
    // A surname's particle written capitalised between two capitalised words ("Jacqueline De León",
    // "Martin Van Buren"): part of the name, as "de" is in lower case.
    if (prev === 'cap' && NAME_JOINERS.has(lower) && !INSTITUTION_JOINERS.has(lower) && tokens[j + 1]?.capitalised && !tokens[j + 1]!.quoted && tokens[j + 1]!.kind === 'word') return 'cap';
    if (is(token, WORD.function) && !is(token, WORD.role) && lower !== 'us' && !is(token, WORD.organisationHead) && !afterFirstName) return null;
    // "Tim Cook", "Sarah Smith", "Mark Taylor": a capitalised role noun right after a first name is a surname
    // (occupational surnames are among the commonest English ones; Reaney & Wilson, A Dictionary of English
    // Surnames), not a title.
    if (is(token, WORD.role) && !is(token, WORD.firstName) && !(prev === 'cap' && is(token, WORD.function)) && !afterFirstName) return 'role';
    if (is(token, WORD.organisationHead) && slots.length > 0 && slots.some((s) => s === 'cap' || s === 'mod' || s === 'det')) return 'org';
    return 'cap';
  }
  // Joiners inside names: only between capitalised words, and "of/for/and" only after a title or institution.
  if (NAME_JOINERS.has(lower) && (prev === 'cap' || prev === 'role' || prev === 'org')) {
    const next = tokens[j + 1];
    const afterNext = next?.lower === 'the' ? tokens[j + 2] : next;
    if (!afterNext || afterNext.quoted || afterNext.kind !== 'word') return null;
    // "speaker of the parliament Ali Larijani", "head of the agency": a title's lower-case institution.
    const lowerInstitution = !afterNext.capitalised && (lower === 'of' || lower === 'for') && prev === 'role' && is(afterNext, WORD.organisationNoun);
    if (!afterNext.capitalised && !lowerInstitution) return null;
    if (INSTITUTION_JOINERS.has(lower)) {
      const before = tokens[j - 1] as Token;
      if (lower === 'and' || lower === '&') {
        // "Fire and Rescue", "Food and Agriculture Organization" inside an institution's name; but
        // "Ministry of Health and the Ministry of Foreign Affairs" are two, and "Warren and Bloomberg" two people.
        if (next?.lower === 'the' || !slots.includes('org') && !is(afterNext, WORD.organisationHead) && !tokens.slice(j + 1, j + 5).some((t) => t.capitalised && is(t, WORD.organisationHead))) return null;
        if (is(afterNext, WORD.firstName)) return null;
      } else if (prev !== 'role' && prev !== 'org' && !is(before, WORD.organisationHead)) {
        // An institution's name runs on through a second joiner once it holds its institution word: "Court of
        // Appeals for the D.C. Circuit", "International Committee on Taxonomy of Viruses" (not "… on Monday").
        if (!slots.includes('org') || is(afterNext, WORD.date) || lower === 'and') return null;
      }
    }
    return 'joiner';
  }
  if (lower === 'the' && prev === 'joiner') return 'joiner';
  // "representatives from Iran", "researchers at Imperial College London": a description's origin.
  if ((lower === 'from' || lower === 'at' || lower === 'in') && prev === 'role') {
    // "researchers at the Kestrel Bay Marine Station": the institution may take its article.
    const next = tokens[j + 1]?.lower === 'the' ? tokens[j + 2] : tokens[j + 1];
    if (next && next.capitalised && !next.quoted && next.kind === 'word') return 'joiner';
  }
  // An age standing for a person, as news writes one: "The 47-year-old said" (before a noun it modifies it).
  if (/^\d+-year-old$/.test(lower) && (prev === 'det' || prev === 'mod')) {
    const next = tokens[j + 1];
    return next && next.kind === 'word' && !next.quoted && (is(next, WORD.role) || speakingNounClass(next.lower) !== null) ? 'mod' : 'role';
  }
  // Lower-case words: role and institution nouns, and the modifiers before them.
  const speaking = speakingNounAt(tokens, j);
  if (speaking && (prev === 'det' || prev === 'mod' || slots.length === 0)) return speaking;
  if ((slots.length === 0 || prev === 'det' || prev === 'mod' || prev === 'cap') && titleBeforeName(tokens, j)) return 'role';
  // A title of two nouns of persons: "chief executive", "the company's chief operating officer".
  if (prev === 'role' && !token.quoted && !is(token, WORD.function) && !is(token, WORD.speech) && !is(token, WORD.finite) && speakingNounClass(lower) === 'person') return 'role';
  if (is(token, WORD.role) && lower !== 'people' && lower !== 'person' || lower === 'police') {
    if (slots.length === 0 || prev === 'det' || prev === 'mod' || prev === 'cap' || prev === 'role' || prev === 'org' || prev === 'joiner') return 'role';
  }
  // "The 14th Amendment states": after a name, a word that is also a speech verb is the verb.
  if (prev === 'cap' && is(token, WORD.speech)) return null;
  // "Estimates by the government state …": a speech verb after an institution is its verb, not its head.
  if ((prev === 'org' || prev === 'role') && is(token, WORD.speech) && !is(token, WORD.document)) return null;
  // "The study estimates that …": a document noun that is also a speech verb is the verb before "that".
  if ((prev === 'org' || prev === 'role') && is(token, WORD.speech) && tokens[j + 1]?.lower === 'that') return null;
  if (is(token, WORD.organisationNoun) && (prev === 'det' || prev === 'mod' || prev === 'cap' || prev === 'org' || prev === 'joiner')) return 'org';
  // "official statements", "Stardom's official statement": a document after a role word.
  if (prev === 'role' && is(token, WORD.document) && is(token, WORD.organisationNoun) && !/s$/.test(tokens[j - 1]?.lower ?? '')) return 'org';
  // Bare plural institutions: "reports stated", "authorities said".
  if (slots.length === 0 && is(token, WORD.organisationNoun) && is(token, WORD.plural)) return 'org';
  if (slots.length === 0 && beforeRoleNoun(tokens, j)) return 'mod';
  // After an institution noun too: "the city transport department", "the county health office" (a noun
  // compound of nouns premodifying the head, Quirk et al. 1985, 17.108).
  if (prev === 'det' || prev === 'mod' || prev === 'cap' || prev === 'role' || prev === 'org') {
    // A plural noun premodifying an institution noun (Quirk et al. 1985, 17.109: "a human rights group", "the
    // workers' union", "a parents association"), though the lexicon also knows it as a verb ("rights").
    const next = tokens[j + 1];
    if (/[^s']s$/.test(lower) && !is(token, WORD.function) && !is(token, WORD.reporting) && !token.quoted && next && next.kind === 'word' && !next.quoted && !next.capitalised && is(next, WORD.organisationNoun) && !is(next, WORD.document)) return 'mod';
    if (is(token, WORD.function) || is(token, WORD.speech) || is(token, WORD.finite) || /ly$/.test(lower)) return null;
    // After a role noun only a title goes on ("chief financial officer"); a participle opens a clause ("scientists studying").
    if (prev === 'role' && /ing$/.test(lower)) return null;
    // A modifier must lead to a role or institution noun within a few words ("high diplomat").
    for (let k = j + 1; k < Math.min(tokens.length, j + 4); k++) {
      const ahead = tokens[k] as Token;
      if (ahead.quoted || ahead.kind !== 'word' || is(ahead, WORD.function)) break;
      if ((is(ahead, WORD.role) || is(ahead, WORD.organisationNoun) || speakingNounAt(tokens, k)) && !ahead.capitalised) return 'mod';
      if (ahead.capitalised) break;
    }
    return null;
  }
  return null;
}

/** Prepositions opening a noun's post-modifier of place or affiliation. */
const POST_MODIFYING = new Set(['in', 'at', 'from', 'on']);

/** Auxiliaries and negation that may stand between a subject and its speech verb ("the insurer had told us"). */
const BEFORE_SPEECH_VERB = new Set(['has', 'have', 'had', 'would', 'will', 'could', 'can', 'may', 'might', 'must', 'should', 'did', 'does', 'do', 'not', 'never', 'once']);

/**
 * A lower-case noun whose first WordNet sense is a person or a group (gazetteer.ts), heading a speech verb's
 * subject, is a description: "The physio said", "the insurer had told us that", "His publisher, Fenwick
 * Books, said". Elsewhere such nouns stay common nouns (too many name a person only now and then).
 */
function speakingNounAt(tokens: readonly Token[], j: number): Slot | null {
  const token = tokens[j] as Token;
  if (token.capitalised || token.quoted || token.kind !== 'word') return null;
  // "people" and "person" are no role anywhere (too many name a crowd or a count), but a speech verb's
  // subject all the same: "Some people said", "Many people online have accused".
  const crowd = token.lower === 'people' || token.lower === 'person';
  if ((is(token, WORD.role) && !crowd) || is(token, WORD.organisationNoun) || is(token, WORD.function) || is(token, WORD.speech) || is(token, WORD.finite)) return null;
  const lower = token.lower;
  const kind = speakingNounClass(lower) ?? (/[a-z]men$/.test(lower) ? speakingNounClass(`${lower.slice(0, -3)}man`) : null);
  if (!kind) return null;
  let k = j + 1;
  // A possessor of an institution heading the subject: "The auditor's office said" (the office speaks).
  if (/^['’]s$/.test(tokens[k]?.text ?? '') && tokens[k + 1] && is(tokens[k + 1]!, WORD.organisationNoun) && !tokens[k + 1]!.quoted) k += 2;
  // A prepositional phrase after the noun, the head's post-modifier (Quirk et al., "A Comprehensive Grammar
  // of the English Language", 17.37): "The fishermen in the village have said", "a nurse at the clinic told".
  else if (POST_MODIFYING.has(tokens[k]?.lower ?? '')) {
    let m = k + 1;
    while (m < tokens.length && m < k + 5 && (tokens[m] as Token).kind === 'word' && !(tokens[m] as Token).quoted && !is(tokens[m] as Token, WORD.speech) && !is(tokens[m] as Token, WORD.finite) && !BEFORE_SPEECH_VERB.has((tokens[m] as Token).lower)) m++;
    if (m > k + 1) k = m;
  }
  // An apposition naming the speaker: "Her publisher, Fenwick & Rhys, said"; or a non-restrictive
  // postmodifier set off by commas (Quirk et al. 1985, 17.3 and 17.22): a relative clause ("The jury, which
  // met for three days, said") or a participle clause ("The panel, chaired by Judge Mary Cole, said").
  if (tokens[k]?.text === ',') {
    let m = k + 1;
    while (m < tokens.length && m < k + 6 && ((tokens[m] as Token).text === '&' || (tokens[m] as Token).kind === 'word' && (tokens[m] as Token).capitalised)) m++;
    if (m === k + 1 || tokens[m]?.text !== ',') {
      const opener = tokens[k + 1];
      // Or a supplementive -ing clause ("A signaller at the station, speaking on condition of anonymity, told").
      const postmodifier = !!opener && opener.kind === 'word' && !opener.quoted && !opener.capitalised && (/^(?:which|who|whose)$/.test(opener.lower) || /^[a-z]{3,}ing$/.test(opener.lower) || (/(?:ed|en)$/.test(opener.lower) || isIrregularVerbForm(opener.lower)) && /^(?:by|in|at|from|with)$/.test(tokens[k + 2]?.lower ?? ''));
      if (!postmodifier) return null;
      m = k + 2;
      while (m < tokens.length && m < k + 16 && (tokens[m] as Token).kind === 'word' && !(tokens[m] as Token).quoted) m++;
      if (tokens[m]?.text !== ',') return null;
    }
    k = m + 1;
  }
  // A restrictive relative clause between the noun and its verb (Quirk et al. 1985, 17.10): "a steward who
  // asked not to be named said". The verb is the first speech verb after a clause holding a finite verb.
  if (tokens[k]?.lower === 'who' && !tokens[k]!.quoted) {
    for (let m = k + 2; m < tokens.length && m < k + 12; m++) {
      const word = tokens[m] as Token;
      if (word.kind !== 'word' || word.quoted) return null;
      if (is(word, WORD.speech) && tokens.slice(k + 1, m).some((t) => is(t, WORD.finite) && !t.capitalised)) {
        k = m;
        break;
      }
    }
  }
  while (k < tokens.length && k < j + 5 && (tokens[k] as Token).kind === 'word' && (BEFORE_SPEECH_VERB.has((tokens[k] as Token).lower) || isAdverbWord((tokens[k] as Token).lower))) k++;
  let verb = tokens[k];
  // A first verb coordinated with the speech verb: "The distributor rang me in June and said …".
  if (verb && verb.kind === 'word' && !verb.quoted && !is(verb, WORD.speech) && is(verb, WORD.cue)) {
    let m = k + 1;
    while (m < tokens.length && m < k + 10 && !tokens[m]!.quoted && (tokens[m]!.kind === 'word' && tokens[m]!.lower !== 'and' && tokens[m]!.lower !== 'that' || tokens[m]!.text === ',')) m++;
    verb = tokens[m]?.lower === 'and' ? tokens[m + 1] : undefined;
  }
  if (!verb || verb.kind !== 'word' || verb.quoted || !is(verb, WORD.speech)) return null;
  return kind === 'person' ? 'role' : 'org';
}

function isSentenceStart(tokens: readonly Token[], j: number): boolean {
  for (let k = j - 1; k >= 0; k--) {
    const token = tokens[k] as Token;
    if (token.kind === 'open') return true;
    if (token.kind === 'punct' && /[.!?:;—–-]/.test(token.text)) return true;
    return false;
  }
  return true;
}

function joinTokens(tokens: readonly Token[]): string {
  let text = '';
  tokens.forEach((token, n) => {
    const prev = tokens[n - 1];
    text += prev && prev.end < token.start ? ' ' : '';
    text += token.text;
  });
  return text;
}

/** Turns a chunk into a mention by reading it from its end. */
function interpret(
  tokens: readonly Token[],
  start: number,
  end: number,
  words: readonly Token[],
  kinds: readonly Slot[],
  determiner: string | null,
  possessive: boolean,
): Mention | null {
  const text = joinTokens(words);
  let lastHead = -1;
  kinds.forEach((kind, n) => {
    if (kind === 'role' || kind === 'org') lastHead = n;
  });
  // Skip an "of …" extension of a title ("Secretary of State", "President of Ukraine").
  let nameFrom = lastHead + 1;
  if (lastHead >= 0 && kinds[nameFrom] === 'joiner') {
    let k = nameFrom;
    while (kinds[k] === 'joiner') k++;
    const rest = kinds.slice(k).filter((kind) => kind === 'cap').length;
    // "a spokeswoman for the Red Willow Water Protectors": capitals after "the" name an institution, never a
    // person (English puts no article before a personal name), whatever first names they hold.
    // A first name there starts a person's name only when nothing after it is an institution's word or a
    // plural ("the Secretary of the Treasury Janet Yellen" is one).
    let firstNameAt = words.findIndex((word, n) => n >= k && kinds[n] === 'cap' && is(word, WORD.firstName) && n > k);
    const institution = words[k - 1]?.lower === 'the' && (firstNameAt < 0 || words.slice(firstNameAt).some((w) => is(w, WORD.organisationHead) || is(w, WORD.plural) || pluralOfPersons(w.lower)));
    if (institution) firstNameAt = -1;
    if (institution) nameFrom = end - start;
    else if (firstNameAt > 0) nameFrom = firstNameAt;
    else if (rest >= 3) nameFrom = end - start - 2;
    else nameFrom = end - start; // the whole tail is the title's extension
  }
  const nameWords = words.slice(nameFrom).filter((_, n) => kinds[nameFrom + n] === 'cap' || kinds[nameFrom + n] === 'joiner');
  const headWord = lastHead >= 0 ? (words[lastHead] as Token) : null;
  const roleStart = determiner && determiner !== 'poss' ? 1 : 0;
  const roleWords = lastHead >= 0 ? words.slice(roleStart, nameFrom) : [];
  const definite = determiner === null || !INDEFINITE.has(determiner);

  const personLike = nameWords.length > 0 && (isFirstName(nameWords[0]?.lower ?? '') || nameWords.length >= 2 && !nameWords.some((w) => is(w, WORD.organisationHead) || is(w, WORD.place)));
  // A capitalised person noun inside an institution's name is no title: "the Syrian Observatory for Human
  // Rights" (after the name's joiner), "Human Rights Watch" (a plural common noun where a first name or
  // surname would stand). The whole run is the institution's name.
  if (headWord && kinds[lastHead] === 'role' && headWord.capitalised && nameWords.length > 0 && !nameWords.some((w) => is(w, WORD.firstName))) {
    // The run before the joiner is capitalised, as an institution's name is ("Observatory for …"), not a
    // lower-case relation of a titled person ("sister of Grand Ayatollah Mousa …").
    const joiner = kinds.indexOf('joiner');
    const afterJoiner = joiner >= 0 && joiner < lastHead && kinds.slice(0, joiner).includes('cap') && !kinds.slice(0, joiner).includes('role');
    const pluralFirst = nameWords.length >= 2 && (is(nameWords[0]!, WORD.plural) || singularOf(nameWords[0]!.lower) !== nameWords[0]!.lower && isCommonWord(singularOf(nameWords[0]!.lower))) && isCommonWord(nameWords[0]!.lower);
    if (afterJoiner || pluralFirst) {
      const own = words.slice(roleStart);
      return mentionOf(start, end, text, possessive, { type: 'organisation', name: joinTokens(own), role: null, head: (words[end - start - 1] as Token).lower, definite: true, gender: null, plural: false });
    }
  }
  if (headWord && nameWords.length > 0 && (kinds[lastHead] === 'role' || personLike && !headWord.capitalised)) {
    const name = joinTokens(stripHonorific(nameWords));
    const honorific = nameWords[0] && isHonorific(nameWords[0].lower.replace(/\.$/, '')) ? nameWords[0].lower : null;
    return mentionOf(start, end, text, possessive, {
      type: 'person',
      name,
      role: joinTokens(roleWords) || null,
      head: headWord.lower,
      definite: false,
      gender: nameGender(nameWords) ?? (honorific ? honorificGender(honorific) : null) ?? roleGender(headWord.lower),
      plural: false,
    });
  }
  if (headWord && nameWords.length === 0) {
    // "the deputy leader of the council", "a spokesperson for the ministry": a person's title with the
    // institution it serves; the title is the head, the phrase a person.
    const joinerAt = kinds.indexOf('joiner');
    // "a professor at the University of Tromvik", "researchers from the institute": the place of work
    // postmodifies the title (Quirk et al. 1985, 17.37), which stays the head.
    const titleAt = joinerAt > 0 && /^(?:of|for|at|from|in)$/.test(words[joinerAt]!.lower) ? kinds.slice(0, joinerAt).lastIndexOf('role') : -1;
    // The title is a role noun, or a noun whose first WordNet sense is a person ("a signaller at the station").
    const titleWord = titleAt >= 0 ? words[titleAt]! : null;
    const title = titleWord && !titleWord.capitalised && (is(titleWord, WORD.role) || speakingNounClass(titleWord.lower) === 'person') && !is(titleWord, WORD.organisationNoun) ? titleWord : null;
    if (title) {
      return mentionOf(start, end, text, possessive, {
        type: 'person',
        name: null,
        role: joinTokens(words.slice(roleStart)) || null,
        head: title.lower,
        definite: definite && determiner !== null,
        gender: roleGender(title.lower),
        plural: is(title, WORD.plural),
      });
    }
    // An institution's name running on after "of" is an institution whatever its last word ("Progressive Party
    // of Working People"); a title after an institution word is not ("the Senate Majority Leader").
    const organisation = kinds[lastHead] === 'org' || is(headWord, WORD.organisationNoun) && !is(headWord, WORD.role) || headWord.capitalised && kinds.indexOf('joiner') > kinds.indexOf('org') && kinds.includes('org');
    if (headWord.lower === 'people' && determiner === null && !organisation) return null;
    // "the World Health Organization", "the National Transportation Safety Board": an institution's proper
    // name, every word capitalised, is a name (with its bracketed short form) rather than a description.
    const own = words.slice(roleStart);
    const proper = organisation && headWord.capitalised && own.filter((word) => word.capitalised).length >= 2 && own.every((word) => word.capitalised || NAME_JOINERS.has(word.lower));
    return mentionOf(start, end, text, possessive, {
      type: organisation ? 'organisation' : 'person',
      name: proper ? joinTokens(own) : null,
      role: proper ? null : joinTokens(words.slice(roleStart)) || null,
      head: headWord.lower,
      definite: organisation ? true : definite && (determiner !== null || headWord.capitalised),
      gender: roleGender(headWord.lower),
      plural: is(headWord, WORD.plural),
    });
  }
  // A run of capitalised words without a title: a person's name, an institution or a place.
  const caps = words.filter((_, n) => kinds[n] !== 'det');
  if (caps.length === 0) return null;
  const lowers = caps.map((word) => word.lower.replace(/\.$/, ''));
  const last = lowers[lowers.length - 1] as string;
  if (caps.length === 1 && isDemonym(last) && !isPlace(last)) return null;
  // "… and neither had I.": the pronoun closing a sentence, its period read into the word.
  if (caps.length === 1 && last === 'i') return null;
  const joined = lowers.join(' ');
  // A nationality of several words ("South African") names no one; nor does a heading in capitals ("FULL TEXT").
  if (caps.length > 1 && isDemonymName(joined)) return null;
  if (caps.length > 1 && caps.every((word) => /^[A-Z]{2,}$/.test(word.text) && isCommonWord(word.lower))) return null;
  // An acronym has two letters or more: "I." closing a sentence is the pronoun.
  const acronym = caps.length === 1 && /^[A-Z][A-Z0-9&.-]+$/.test(caps[0]?.text ?? '') && (caps[0]?.text ?? '').replace(/[^A-Z0-9]/g, '').length >= 2;
  const institution =
    lowers.includes('&') ||
    lowers.some((lower) => isOrganisationHead(lower)) ||
    lowers.some((lower) => tagsOf(lower).includes('Organization')) ||
    (acronym && !isPlace(last));
  if (institution) {
    return mentionOf(start, end, text, possessive, { type: 'organisation', name: joinTokens(caps), role: null, head: last, definite: true, gender: null, plural: false });
  }
  const place = lowers.every((lower) => isPlace(lower) || isDemonym(lower) || lower === 'the' || NAME_JOINERS.has(lower)) && !isFirstName(lowers[0] as string);
  // Something that happens ("World War II", "the Olympics", "Hurricane Laura" read from its head word), or a
  // place of several words the lexicon does not know whole ("South Africa", "Kuala Lumpur"): not a person.
  if (place || (caps.length > 1 && isPlaceName(joined)) || happens(lowers, determiner === 'the')) {
    return mentionOf(start, end, text, possessive, { type: 'place', name: joinTokens(caps), role: null, head: null, definite: true, gender: null, plural: false });
  }
  if (determiner === 'the') {
    return mentionOf(start, end, text, possessive, { type: 'organisation', name: joinTokens(caps), role: null, head: last, definite: true, gender: null, plural: false });
  }
  // A party or nationality noun in apposition before a name of two words or more describes its bearer, as
  // a title does (a premodifying appositive, Quirk et al. 1985, 17.93): "Democrat Rod Blagojevich", "Tory
  // Ann Oak", "Russian Oleg Petrov" are Rod Blagojevich, Ann Oak and Oleg Petrov. A party member's noun by
  // WordNet's gloss; a demonym only before a given name ("Irish Rail Workers" is no one's name).
  const describing = caps.length >= 3 && !isFirstName(lowers[0] as string) && (isPartyMember(lowers[0] as string) || ((isDemonym(lowers[0] as string) || isDemonymName(lowers[0] as string)) && isFirstName(lowers[1] as string)));
  const honorific = describing ? null : isHonorific(lowers[0] as string) ? (lowers[0] as string) : null;
  const nameTokens = describing ? stripHonorific(caps.slice(1)) : stripHonorific(caps);
  if (nameTokens.length === 0) return null;
  return mentionOf(start, end, text, possessive, {
    type: 'person',
    name: joinTokens(nameTokens),
    role: honorific || describing ? (caps[0] as Token).text : null,
    head: null,
    definite: false,
    gender: nameGender(nameTokens) ?? (honorific ? honorificGender(honorific) : null),
    plural: false,
  });
}

/**
 * True when a run of capitalised words names something that happens: its head word (the last, numbers and
 * roman numerals aside: "World War II") or, for "Hurricane Laura", its first word is an act, event, time or
 * natural phenomenon by its first WordNet sense, or it is a single word of time (a holiday) — unless the run
 * starts with a first name.
 */
function happens(lowers: readonly string[], definite: boolean): boolean {
  if (isFirstName(lowers[0] as string)) return false;
  const words = lowers.filter((lower) => !/^(?:\d+|[ivx]+)$/.test(lower));
  const head = words.at(-1);
  if (head === undefined) return false;
  const kind = happeningClass(head) ?? happeningClass(singularOf(head));
  if (kind && kind !== 'time') return true;
  // A time is a name's head in "The Sunday Times" ("the Times" too), but a lone word of time ("Christmas",
  // "Easter") names a day.
  if (kind === 'time' && words.length === 1 && lowers.length === 1 && !definite) return true;
  const first = words[0] as string;
  // "Hurricane Laura", "Storm Ciara": a storm's name opens with the weather it is ("Ray Dunleavy" does not).
  return words.length > 1 && isWeatherNoun(first);
}

function stripHonorific(words: readonly Token[]): readonly Token[] {
  const first = words[0];
  return first && words.length > 1 && isHonorific(first.lower.replace(/\.$/, '')) ? words.slice(1) : words;
}

/**
 * Gender from the first name, when the lexicon knows it ("Lloyd Austin" → male). A name may open with a
 * word that describes its bearer, a party or nationality noun in apposition before the name ("Democrat
 * Simon Keane", "Republican Audra Marlow": a premodifying appositive, Quirk et al. 1985, 17.93); the given
 * name is then the word after it, when a surname still follows.
 */
function nameGender(words: readonly Token[]): 'male' | 'female' | null {
  const first = words[0];
  if (!first || words.length < 2) return null;
  const gender = firstNameGender(first.lower);
  if (gender || words.length < 3 || isFirstName(first.lower)) return gender;
  return firstNameGender((words[1] as Token).lower);
}
