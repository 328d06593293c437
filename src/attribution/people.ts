/**
 * One identity per person in an article. Mentions are read in text order and each is linked to the person it
 * refers to, or introduces a new one:
 *
 * - a name links to the latest person whose name it matches whole or by one of its words ("Austin" → "Lloyd
 *   Austin"), so "Defense Secretary Lloyd Austin", "Austin" and "the Defense Secretary" are one person;
 * - a definite description ("the official", "the State Department official", "the ministry") links to the
 *   latest person introduced with that role noun, whose other role words agree; an indefinite one ("a State
 *   Department official") introduces someone;
 * - a pronoun links by salience (see `resolvePronoun`): the subject of its own clause or of the nearest earlier
 *   sentence, then the nearest compatible mention, never past a nearer compatible one; gender must agree where
 *   the text gives it (first names, titles, earlier he/she).
 */
import type { Person } from '../model.ts';
import { isCommonWord, isDocumentNoun, isFirstName, isRoleNoun } from './lexicon.ts';
import { personSynonyms } from './gazetteer.ts';
import type { Mention } from './mentions.ts';

/** A person, institution or place being tracked, with what resolution needs beyond the public `Person`. */
export interface Entity extends Person {
  place: boolean;
  plural: boolean;
  /** Has a proper name (rather than a description). */
  named: boolean;
  /** Lower-cased words of the name. */
  nameWords: readonly string[];
  /** Other names given in brackets ("WHO" for the World Health Organization), lower-cased. */
  aliases: Set<string>;
  /** Lower-cased role and institution nouns it was introduced or described with. */
  heads: Set<string>;
  /** Lower-cased words of its role and display, to check a description's modifiers. */
  roleWords: Set<string>;
  /** Set when it speaks: places are people only when they speak ("the US stated"). */
  speaks: boolean;
}

/** A mention where it stands: which sentence, which position, what it resolved to. */
export interface PlacedMention {
  mention: Mention;
  sentence: number;
  paragraph: number;
  entity: Entity | null;
}

/** Nouns by which news refers back to an institution it has named ("PG&E … The company said"); "society" and "guild" are WordNet's synonyms of "club" ("a formal association of people with similar interests"). */
const GENERIC_INSTITUTIONS = new Set(['company', 'office', 'firm', 'network', 'agency', 'organisation', 'organization', 'group', 'airline', 'broadcaster', 'carrier', 'club', 'team', 'operator', 'manufacturer', 'retailer', 'bank', 'charity', 'union', 'society', 'guild']);

/** Nouns of news media (WordNet's hyponyms of "newspaper", "medium" and "broadcasting" in news use). */
const MEDIA_NOUNS = new Set(['newspaper', 'paper', 'daily', 'weekly', 'tabloid', 'website', 'outlet', 'magazine', 'broadcaster', 'channel', 'publication']);
/** Words of news mastheads and stations ("The Kestrel Herald", "Pravetz Online", "Channel 4 News"). */
const MASTHEAD_WORDS = new Set(['times', 'post', 'herald', 'news', 'journal', 'tribune', 'gazette', 'guardian', 'telegraph', 'chronicle', 'observer', 'express', 'mirror', 'globe', 'online', 'radio', 'tv', 'television', 'press', 'daily', 'courier', 'inquirer', 'ledger', 'bulletin', 'dispatch', 'standard', 'examiner']);

/**
 * Nouns of a business (WordNet: "company", "firm" … are kinds of business organisation), which never go back
 * to a public body: "The company said" after a fire service and a utility means the utility.
 */
const BUSINESS_NOUNS = new Set(['company', 'firm', 'airline', 'carrier', 'operator', 'manufacturer', 'retailer', 'bank']);
/** Head words of public bodies' names (WordNet's administrative units and government bodies). */
const PUBLIC_BODY_WORDS = new Set([
  'department', 'ministry', 'agency', 'bureau', 'office', 'commission', 'council', 'authority', 'court', 'police',
  'army', 'navy', 'parliament', 'senate', 'congress', 'government', 'administration', 'secretariat', 'directorate',
]);

/**
 * Titles abbreviated before a name (AP Stylebook, "abbreviations and acronyms", "military titles"), with the
 * nouns by which news refers back to their holder: "Gov. Harlan Brisco … The governor said".
 */
const TITLE_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  gov: ['governor'], sen: ['senator'], rep: ['representative', 'congressman', 'congresswoman'], gen: ['general'],
  lt: ['lieutenant'], col: ['colonel'], maj: ['major'], capt: ['captain'], cmdr: ['commander'], adm: ['admiral'],
  sgt: ['sergeant'], cpl: ['corporal'], supt: ['superintendent'], det: ['detective'], insp: ['inspector'],
  prof: ['professor'], atty: ['attorney'], pres: ['president'],
};

/**
 * The head nouns an entity takes from a mention: its head, or the last word of an abbreviated title read as an
 * honorific ("Gov." of "Gov. Harlan Brisco"), with the full nouns an abbreviated title stands for.
 */
function headsOf(mention: Mention): string[] {
  const last = mention.role?.split(/\s+/).at(-1)?.toLowerCase().replace(/\.$/, '');
  const head = mention.head ?? (last && TITLE_ABBREVIATIONS[last] ? last : null);
  if (!head) return [];
  const full = TITLE_ABBREVIATIONS[head.replace(/\.$/, '')];
  return full ? [head, ...full] : [head];
}

const DROP_FROM_WORDS = new Set(['the', 'a', 'an', "'s", 'of', 'for', 'and']);

/** The sentence of an entity's latest mention so far. */
const lastSentence = (entity: Entity): number => entity.mentions.at(-1)?.sentence ?? -1;

/** The lower-cased content words of a name or role; cached, as the same few names are split again and again. */
const wordCache = new Map<string, readonly string[]>();
function words(text: string): readonly string[] {
  let cached = wordCache.get(text);
  if (cached === undefined) {
    cached = text
      .toLowerCase()
      .replace(/’/g, "'")
      .split(/[\s,]+/)
      .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, ''))
      .filter((word) => word && !DROP_FROM_WORDS.has(word));
    if (wordCache.size > 50_000) wordCache.clear();
    wordCache.set(text, cached);
  }
  return cached;
}

/** Keeps the people of one article and links mentions to them. */
export class PeopleRegistry {
  readonly entities: Entity[] = [];

  /**
   * `publication`: the name of the article's own publisher, from its source (src/attribution/transcript.ts
   * `publicationOf`: "Wikinews" for en.wikinews.org). Named in its own article ("told Wikinews"), it is an
   * institution, never a "he" or a "she" (issue #8: the publisher is no speaker of its article's quotes).
   */
  constructor(private readonly publication: string | null = null) {}

  /** Entities merged away by an apposition, and the one they became. */
  private readonly mergedInto = new Map<Entity, Entity>();
  /** Entities mentioned at least once other than as a preposition's object ("wrote on Twitter", "a profile in The Tennessean"). */
  private readonly direct = new Set<Entity>();
  /** Institutions named only inside a title ("a spokesperson for X"): what "the company" may mean, not "the union". */
  private readonly served = new Set<Entity>();

  /** The entity an entity became after merges (itself when never merged). */
  canonical(entity: Entity): Entity {
    let current = entity;
    for (let next = this.mergedInto.get(current); next; next = this.mergedInto.get(current)) current = next;
    return current;
  }

  /** Links a name or description to its person, creating one when it introduces someone. Pronouns are not handled here. */
  link(mention: Mention, sentence: number, paragraph: number, oblique = false): Entity | null {
    if (mention.type === 'pronoun') return null;
    let entity = mention.name ? this.byName(mention) : this.byDescription(mention);
    if (!entity) entity = this.create(mention);
    else this.enrich(entity, mention);
    this.record(entity, mention.text, sentence, paragraph);
    if (!oblique) this.direct.add(entity);
    return entity;
  }

  /**
   * The institution a title serves, named inside it ("a spokesperson for Seaward Partners", "chief executive of
   * Hollis & Crane"): known from there on as an institution the article has named, for "the company" later.
   * A name the article gives a person already stays theirs.
   */
  servedInstitution(name: string, sentence: number, paragraph: number): Entity | null {
    const entity = this.named(name, true);
    if (!entity.organisation) return null;
    this.record(entity, name, sentence, paragraph);
    this.direct.add(entity);
    this.served.add(entity);
    return entity;
  }

  /** The named person or institution whose name (or a word of it, for a surname) is `name`, if any. */
  find(name: string): Entity | null {
    const mine = words(name);
    if (mine.length === 0) return null;
    // A person's fullest name wins ("SMITH" is "Jane Smith", not the capitals read as an acronym).
    let best: Entity | null = null;
    for (const entity of this.entities) {
      if (!entity.named || entity.place) continue;
      const theirs = entity.nameWords;
      const same = mine.length === theirs.length && mine.every((word, k) => word === theirs[k]);
      const surname = !entity.organisation && mine.length === 1 && (theirs.at(-1) === mine[0] || theirs[0] === mine[0]);
      if (!same && !surname) continue;
      const better = !best || (best.organisation && !entity.organisation) || (best.organisation === entity.organisation && theirs.length > best.nameWords.length);
      if (better) best = entity;
    }
    return best;
  }

  /** The entity named `name`, created when the article has none by that name (a transcript's label, a publication). */
  named(name: string, organisation: boolean): Entity {
    const known = this.find(name);
    if (known) return known;
    return this.create({
      start: 0, end: 0, text: name, type: organisation ? 'organisation' : 'person', name, role: null, head: null,
      definite: true, gender: null, plural: false, pronoun: null, subjectForm: false, possessive: false,
    });
  }

  /** Records a mention (a resolved pronoun, say) of an entity. */
  record(entity: Entity, text: string, sentence: number, paragraph: number): void {
    entity.mentions.push({ text, paragraph, sentence });
  }

  /** Takes back a mention recorded for an entity (a pronoun resolved again to someone else). */
  unrecord(entity: Entity, text: string, sentence: number): void {
    const at = entity.mentions.findIndex((mention) => mention.sentence === sentence && mention.text === text);
    if (at >= 0) entity.mentions.splice(at, 1);
  }

  /** Two mentions in apposition are one person: "a State Department spokesperson, Morgan Ortagus". */
  merge(keep: Entity, other: Entity): Entity {
    if (keep === other) return keep;
    const [named, described] = keep.named || !other.named ? [keep, other] : [other, keep];
    named.role ??= described.role ?? (described.named ? null : described.name);
    for (const head of described.heads) named.heads.add(head);
    for (const word of described.roleWords) named.roleWords.add(word);
    named.gender ??= described.gender;
    named.mentions = [...described.mentions, ...named.mentions].sort((a, b) => a.sentence - b.sentence);
    named.speaks ||= described.speaks;
    if (!described.named && named.role) named.display = displayOf(named.role.replace(/^(?:the|a|an) /i, ''), named.name);
    const index = this.entities.indexOf(described);
    if (index >= 0) this.entities.splice(index, 1);
    this.mergedInto.set(described, named);
    return named;
  }

  /** The people of the article: persons and institutions, and places that speak. Ids are renumbered in order. */
  people(): { people: Person[]; ids: Map<Entity, string> } {
    const ids = new Map<Entity, string>();
    const people: Person[] = [];
    for (const entity of this.entities) {
      if (entity.place && !entity.speaks) continue;
      const id = `p${people.length + 1}`;
      ids.set(entity, id);
      people.push({
        id,
        name: entity.name,
        role: entity.role,
        display: entity.display,
        gender: entity.gender,
        organisation: entity.organisation || entity.place,
        mentions: entity.mentions,
      });
    }
    return { people, ids };
  }

  private byName(mention: Mention): Entity | null {
    const mine = words(mention.name ?? '');
    if (mine.length === 0) return null;
    for (let n = this.entities.length - 1; n >= 0; n--) {
      const entity = this.entities[n] as Entity;
      if (!entity.named) continue;
      if (mention.type === 'person' && (entity.organisation || entity.place) && mine.length > 1) continue;
      // "Ms. Merrow" is not her husband Tom Merrow: a gender the mention carries (its honorific) must agree.
      if (mention.type === 'person' && mention.gender && entity.gender && mention.gender !== entity.gender) continue;
      const theirs = entity.nameWords;
      if (mine.length === 1 && entity.aliases.has(mine[0] as string)) return entity;
      // An institution's initials stand for it, either way round: "NBA" ↔ "National Basketball Association".
      if (entity.organisation && mention.type === 'organisation' && (mine.length === 1 || theirs.length === 1) && (sameInitials(mention.name ?? '', entity.name) || sameInitials(entity.name, mention.name ?? ''))) return entity;
      const same = mine.length === theirs.length && mine.every((word, k) => word === theirs[k]);
      if (same) return entity;
      // One word of a person's name stands for them ("Austin", "Mitsotakis"); a shorter name inside a longer one too.
      if (mention.type === 'person' && !entity.organisation && !entity.place) {
        if (mine.length === 1 && (theirs[theirs.length - 1] === mine[0] || theirs[0] === mine[0])) return entity;
        if (mine.length < theirs.length && mine.every((word) => theirs.includes(word)) && mine.at(-1) === theirs.at(-1)) return entity;
        if (theirs.length < mine.length && theirs.every((word) => mine.includes(word)) && mine.at(-1) === theirs.at(-1)) return entity;
        // Known first by a first name alone ("research fellow Martin"), named in full later ("Martin How").
        if (theirs.length === 1 && mine.length > 1 && theirs[0] === mine[0] && isFirstName(mine[0] as string)) return entity;
      }
      // A place first met as a place may later be named as a person's surname ("Austin"): names win.
      if (mention.type === 'place' && entity.place === false && !entity.organisation && mine.length === 1 && theirs.includes(mine[0] as string)) return entity;
    }
    return null;
  }

  private byDescription(mention: Mention): Entity | null {
    if (!mention.definite || !mention.head) return null;
    // "The 47-year-old said": news names someone by their age only once they are named; the person named
    // last is meant.
    if (/^\d+-year-old$/.test(mention.head)) {
      let latest: Entity | null = null;
      for (const entity of this.entities) {
        if (entity.organisation || entity.place || entity.plural || !entity.named) continue;
        if (!latest || lastSentence(entity) >= lastSentence(latest)) latest = entity;
      }
      if (latest) return latest;
    }
    const modifiers = words(mention.role ?? mention.text).filter((word) => word !== mention.head);
    let described: Entity | null = null;
    for (let n = this.entities.length - 1; n >= 0 && !described; n--) {
      const entity = this.entities[n] as Entity;
      if (mention.type === 'organisation' ? !entity.organisation : entity.organisation || entity.place) continue;
      if (!entity.heads.has(mention.head)) continue;
      if (modifiers.every((word) => entity.roleWords.has(word))) described = entity;
    }
    // "Justice Miriam Okafor … The judge said": no one described by the noun itself, but someone by a noun of
    // the same kind of person (WordNet's noun.person synsets), the one mentioned last.
    if (!described && mention.type === 'person' && modifiers.length === 0) {
      const kin = new Set(personSynonyms(mention.head));
      for (let n = this.entities.length - 1; n >= 0 && !described && kin.size > 0; n--) {
        const entity = this.entities[n] as Entity;
        if (entity.organisation || entity.place || entity.plural !== (mention.plural ?? false)) continue;
        if ([...entity.heads].some((head) => kin.has(head))) described = entity;
      }
    }
    // "the newspaper", "the website": a news medium refers back to the medium the article named last (one
    // described as such, "the Kestrel Herald, a Dornach daily", or named with a masthead word, "… Online").
    // "This newspaper", "our website" are the article's own publication, never another one it named.
    if (MEDIA_NOUNS.has(mention.head) && /^(?:this|our)\s/i.test(mention.text)) return null;
    if (mention.type === 'organisation' && modifiers.length === 0 && MEDIA_NOUNS.has(mention.head)) {
      let medium: Entity | null = null;
      for (const entity of this.entities) {
        if (!entity.named || entity.place) continue;
        const asMedium = [...entity.heads].some((head) => MEDIA_NOUNS.has(head));
        if (!asMedium && !(entity.organisation && entity.nameWords.some((word) => MASTHEAD_WORDS.has(word)))) continue;
        if (!medium || lastSentence(entity) >= lastSentence(medium)) medium = entity;
      }
      if (medium) return medium;
    }
    // "the company", "the office": a generic noun for an institution refers back to the institution mentioned
    // last, unless one described by that very noun was mentioned more recently.
    if (mention.type === 'organisation' && modifiers.length === 0 && GENERIC_INSTITUTIONS.has(mention.head)) {
      // An institution only ever named as a preposition's object is a medium or a place of publication
      // ("wrote on Twitter", "a profile in The Tennessean"), not what "the company" goes back to.
      let latest: Entity | null = null;
      for (const entity of this.entities) {
        if (!entity.organisation || !entity.named || entity.place || !this.direct.has(entity)) continue;
        // Known only as the institution a title serves, it is what a business noun goes back to, and only that.
        if (this.served.has(entity) && !BUSINESS_NOUNS.has(mention.head)) continue;
        // One a business noun went back to is a business, never "the union" or "the charity".
        if (!BUSINESS_NOUNS.has(mention.head) && [...entity.heads].some((head) => BUSINESS_NOUNS.has(head))) continue;
        if (BUSINESS_NOUNS.has(mention.head) && entity.nameWords.some((word) => PUBLIC_BODY_WORDS.has(word.toLowerCase()))) continue;
        if (!latest || lastSentence(entity) >= lastSentence(latest)) latest = entity;
      }
      if (latest && (!described || described.named || lastSentence(latest) > lastSentence(described))) return latest;
    }
    return described;
  }

  private create(mention: Mention): Entity {
    const described = mention.name === null;
    const display = mention.text.replace(/^(?:the|a|an|one)\s+/i, '').replace(/^\S/, (c) => (mention.type === 'person' ? c : c));
    const name = mention.name ?? display;
    const entity: Entity = {
      id: `e${this.entities.length + 1}`,
      name,
      role: mention.role && !described ? mention.role : null,
      display: described ? mention.text.replace(/^(?:the|a|an)\s+/i, '') : mention.role ? displayOf(mention.role, name) : name,
      gender: mention.gender,
      organisation: mention.type === 'organisation' || (this.publication !== null && name === this.publication),
      place: mention.type === 'place',
      plural: mention.plural,
      named: !described,
      nameWords: words(name),
      aliases: new Set(mention.alias ? [mention.alias.toLowerCase()] : []),
      heads: new Set(headsOf(mention)),
      roleWords: new Set(words(`${mention.role ?? ''} ${mention.text}`)),
      mentions: [],
      speaks: false,
    };
    for (const word of entity.roleWords) if (/^(?:ministry|department|office|agency)$/.test(word)) entity.heads.add(word);
    this.entities.push(entity);
    return entity;
  }

  private enrich(entity: Entity, mention: Mention): void {
    // A role that only repeats the name ("the WHO" for the WHO) adds nothing.
    const roleRepeatsName = words(mention.role ?? '').every((word) => entity.nameWords.includes(word) || entity.aliases.has(word));
    // An institution referred back to by a generic noun ("the company") takes no role from it.
    if (mention.role && !entity.role && entity.named && !roleRepeatsName && !(entity.organisation && mention.name === null)) {
      entity.role = mention.role;
      if (entity.display === entity.name) entity.display = displayOf(mention.role, entity.name);
    }
    for (const head of headsOf(mention)) entity.heads.add(head);
    if (mention.alias) entity.aliases.add(mention.alias.toLowerCase());
    for (const word of words(mention.role ?? '')) entity.roleWords.add(word);
    entity.gender ??= mention.gender;
    // The fullest form of a name is kept ("Austin" first, "Lloyd Austin" later).
    if (mention.name && entity.named && words(mention.name).length > entity.nameWords.length && !entity.organisation) {
      entity.name = mention.name;
      entity.nameWords = words(mention.name);
      entity.display = entity.role ? displayOf(entity.role, entity.name) : entity.name;
    }
  }
}

/**
 * True when `acronym` is one capitalised word made of the initials of `name`'s capitalised words ("WHO" and
 * "World Health Organization", "NTSB" and "National Transportation Safety Board"); joiners are skipped.
 */
export function sameInitials(acronym: string, name: string): boolean {
  if (acronym.length < 2 || acronym.length > 6 || !/^[A-Z]+$/.test(acronym)) return false;
  const initials = name
    .split(/\s+/)
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word[0])
    .join('');
  return initials.length >= 2 && initials === acronym;
}

/** Words a role may have before its name: "Defense Secretary Lloyd Austin", "Senator from Vermont Bernie Sanders". */
const SHORT_ROLE = 4;
/** Words a role may have after the name before its prepositional tail is cut. */
const LONG_ROLE = 6;

/**
 * How a person is shown: role then name while the role is short ("Defense Secretary Lloyd Austin"); a longer
 * role goes after the name ("Joe Biden, Vice President of the United States"), and a very long one loses
 * the phrase after its title ("Democratic Party's presumptive nominee for President of the United States" →
 * "Joe Biden, Democratic Party's presumptive nominee").
 */
export function displayOf(role: string, name: string): string {
  const words = role.split(/\s+/).filter(Boolean);
  if (words.length <= SHORT_ROLE) return `${role} ${name}`;
  if (words.length <= LONG_ROLE) return `${name}, ${role}`;
  const cut = words.findIndex((word, n) => n > 0 && /^(?:of|for|from|in|at|with|to|on)$/i.test(word) && isRoleNoun((words[n - 1] as string).toLowerCase()));
  return `${name}, ${(cut > 0 ? words.slice(0, cut) : words).join(' ')}`;
}

/** A document known only by its noun ("the report", "a statement"): it may say something, but is no "they". */
function isDocument(entity: Entity): boolean {
  return !entity.named && [...entity.heads].some((head) => isDocumentNoun(head));
}

/** Can an entity be what a pronoun stands for? */
export function agrees(entity: Entity, pronoun: 'male' | 'female' | 'group' | 'thing'): boolean {
  switch (pronoun) {
    case 'male':
    case 'female':
      if (entity.organisation || entity.place || entity.plural) return false;
      if (entity.gender !== null) return entity.gender === pronoun;
      // A lone capitalised common word ("Super", "Persian") is too weak a name to take a pronoun.
      return !(entity.named && entity.nameWords.length === 1 && entity.role === null && isCommonWord(entity.nameWords[0] as string));
    case 'group':
      // "They" stands for a group or an institution; a country is "it" (a place speaks through its
      // government, but is one thing), so a singular place is no antecedent of "they".
      return (entity.organisation && !isDocument(entity)) || (entity.plural && !isDocument(entity));
    case 'thing':
      return entity.organisation || entity.place;
  }
}
