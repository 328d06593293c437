/**
 * The embedded index's scoring (src/search/index.ts `runQuery`: the candidate gate, then
 * src/search/persist.ts `scoreTerms`: BM25 with byline's parameters, MiniSearch's prefix and fuzzy weights,
 * synonym boosts) on postings read from PostgreSQL's `postings` table: the same documents, the same scores to
 * the last bit (the same expressions, the same sums in the same order) and the same order (best first, equal
 * scores in the order the documents were first met). Pure: the caller fetches the postings.
 *
 * The embedded index walks MiniSearch's postings arrays; here a term's postings are the (document,
 * frequency, length) triples the ingest wrote, in document order, which are the same documents with the
 * same frequencies and lengths (tests/postgres.test.ts holds the candidates of both equal, id and score).
 */
import { BM25 } from '../search/index.ts';
import { commonGroups, GATE_BEST, idfOf, scoreWords, termScore, TopK, WordSums, type Scored, type WordToScore } from '../search/score.ts';

/**
 * One term's postings in one index, in document order: all of them, or (`documents` given) only those of
 * the documents the candidate gate lets it score (src/postgres/search.ts), `documents` then saying how many
 * documents hold the term (its BM25 and the gate read it).
 */
export interface TermPostings {
  docs: Int32Array;
  frequencies: Int32Array;
  lengths: Int32Array;
  documents?: number;
}

/** How many documents hold the term of these postings (all of them, or only some given). */
export function documentsOf(list: TermPostings): number {
  return list.documents ?? list.docs.length;
}

/**
 * Sorted document ids as the `postings.docs` column holds a common term's: each id's gap from the one
 * before (the first from -1) as a variable-length integer, seven bits a byte, low bits first (a common word's
 * documents are close together: a byte or two each, where its whole row takes twelve).
 */
export function encodeDocuments(docs: ArrayLike<number>): Buffer {
  const bytes: number[] = [];
  let last = -1;
  for (let i = 0; i < docs.length; i++) {
    let gap = docs[i]! - last;
    last = docs[i]!;
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap);
  }
  return Buffer.from(bytes);
}

/** The document ids of `encodeDocuments`, `count` of them. */
export function decodeDocuments(bytes: Uint8Array, count: number): Int32Array {
  const docs = new Int32Array(count);
  let last = -1;
  let at = 0;
  for (let i = 0; i < count; i++) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++]!;
      gap += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    last += gap;
    docs[i] = last;
  }
  return docs;
}

const NO_POSTINGS: TermPostings = { docs: new Int32Array(0), frequencies: new Int32Array(0), lengths: new Int32Array(0) };

/** The triples of the `postings` column (32-bit little-endian integers) as arrays. */
export function decodePostings(bytes: Buffer): TermPostings {
  const n = Math.floor(bytes.length / 12);
  const docs = new Int32Array(n);
  const frequencies = new Int32Array(n);
  const lengths = new Int32Array(n);
  for (let i = 0, at = 0; i < n; i++, at += 12) {
    docs[i] = bytes.readInt32LE(at);
    frequencies[i] = bytes.readInt32LE(at + 4);
    lengths[i] = bytes.readInt32LE(at + 8);
  }
  return { docs, frequencies, lengths };
}

/** One query word as the embedded index searches it, with the terms it was expanded to. */
export interface ScoredSpec {
  term: string;
  boost: number;
  /** The terms it starts (itself included when the index holds it), in the order the expansion gave them; empty when not typed. */
  prefix: readonly string[];
  /** The terms within its edit distance, with the distance, when the index does not know it; null when not looked up. */
  fuzzy: readonly (readonly [string, number])[] | null;
}

/** What the index's BM25 needs: how many documents and their average length. */
export interface IndexSize {
  documents: number;
  averageLength: number;
}

export type { Scored };

/**
 * The documents of one query's postings, each given a slot in an open-addressing table sized to the
 * postings: a search adds its scores up in typed arrays by slot, as the embedded index adds them up in
 * arrays by document, without a Map entry (and a boxed number) per posting or arrays as long as the index.
 */
class DocumentSlots {
  readonly keys: Int32Array;
  private readonly mask: number;
  size = 0;
  constructor(postings: number) {
    let capacity = 16;
    while (capacity < postings * 2) capacity *= 2;
    this.keys = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }
  /** The document's slot, given one when it has none. */
  slot(doc: number): number {
    const { keys, mask } = this;
    let at = Math.imul(doc, 0x9e3779b1) & mask;
    for (;;) {
      const key = keys[at]!;
      if (key === doc) return at;
      if (key === -1) {
        keys[at] = doc;
        this.size++;
        return at;
      }
      at = (at + 1) & mask;
    }
  }
}

/**
 * The candidates of an OR query of `specs` over the postings given (a term absent from `postings` has none),
 * with the candidate gate, `accept` as the embedded index's filter, and `limit` the best only.
 */
export function scorePostings(
  specs: readonly ScoredSpec[],
  postings: ReadonlyMap<string, TermPostings>,
  size: IndexSize,
  options: { accept?: ((id: number) => boolean) | null; limit?: number; best?: (terms: readonly string[]) => ArrayLike<number> } = {},
): Scored[] {
  const { documents, averageLength: average } = size;
  const accept = options.accept ?? null;
  const groups = specs.map((spec) =>
    spec.prefix.length > 0 || spec.fuzzy !== null ? [...new Set([spec.term, ...spec.prefix, ...(spec.fuzzy ?? []).map(([term]) => term)])] : [spec.term],
  );
  // Every posting of the query may get a slot (the gate's bests are documents of the group's postings).
  let count = 0;
  const terms = new Set<string>();
  for (const group of groups) for (const term of group) terms.add(term);
  for (const spec of specs) terms.add(spec.term);
  for (const term of terms) count += postings.get(term)?.docs.length ?? 0;
  const slots = new DocumentSlots(count);
  const bestOf = options.best ?? ((group: readonly string[]) => bestDocuments(group, postings, size));
  const pass = candidateGate(groups, postings, bestOf, slots);

  const sums = new WordSums(slots.keys.length, count);
  // One term's postings added to the word's scores, by the documents' slots.
  const addTerm = (term: string, _: null, weight: number) => {
    const list = postings.get(term);
    if (!list) return;
    const idf = idfOf(documents, documentsOf(list));
    const gated = pass !== null && pass.gated.has(term) ? pass.passes : null;
    const { docs, frequencies, lengths } = list;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      const at = slots.slot(doc);
      if (gated !== null && gated[at] !== 1) continue;
      if (accept !== null && !accept(doc)) continue;
      sums.add(at, weight * termScore(idf, frequencies[i]!, lengths[i]!, average, BM25));
    }
  };
  const words = specs.map(
    (spec): WordToScore<null> => ({
      term: spec.term,
      boost: spec.boost,
      data: null,
      prefix: spec.prefix.map((term) => [term, null] as const),
      fuzzy: spec.fuzzy === null ? null : spec.fuzzy.map(([term, distance]) => [term, [null, distance]] as const),
    }),
  );
  return scoreWords(words, sums, addTerm, { limit: options.limit, idOf: (at) => slots.keys[at]! });
}

/**
 * runQuery's candidate gate: when the query's words (each with its expansions: a group) have more than
 * GATE_POSTINGS postings together, a common group (more than GATE_BEST documents) scores only the
 * documents that another group holds too, those of a group that is not common, and the GATE_BEST it alone
 * scores best; null when there is no gate. `passes` is by slot: 1 when the document may be scored.
 */
function candidateGate(
  groups: readonly (readonly string[])[],
  postings: ReadonlyMap<string, TermPostings>,
  bestOf: (terms: readonly string[]) => ArrayLike<number>,
  slots: DocumentSlots,
): { gated: ReadonlySet<string>; passes: Uint8Array } | null {
  const common = commonGroups(groups.map((terms) => terms.reduce((n, term) => n + documentsOf(postings.get(term) ?? NO_POSTINGS), 0)));
  if (common === null) return null;
  const commonCount = common.filter(Boolean).length;
  const capacity = slots.keys.length;
  const passes = new Uint8Array(capacity);
  const counts = commonCount >= 2 ? new Uint8Array(capacity) : null;
  const seen = commonCount >= 2 ? new Int32Array(capacity) : null;
  groups.forEach((terms, g) => {
    if (!common[g]) {
      for (const term of terms) {
        const docs = postings.get(term)?.docs;
        if (docs) for (let i = 0; i < docs.length; i++) passes[slots.slot(docs[i]!)] = 1;
      }
      return;
    }
    const best = bestOf(terms);
    for (let i = 0; i < best.length; i++) passes[slots.slot(best[i]!)] = 1;
    // A document passes by being in two common groups (counted once per group).
    if (counts === null || seen === null) return;
    for (const term of terms) {
      const docs = postings.get(term)?.docs;
      if (!docs) continue;
      for (let i = 0; i < docs.length; i++) {
        const at = slots.slot(docs[i]!);
        if (seen[at] === g + 1) continue;
        seen[at] = g + 1;
        if (++counts[at]! >= 2) passes[at] = 1;
      }
    }
  });
  const gated = new Set(groups.filter((_, g) => common[g]).flat());
  return { gated, passes };
}

/**
 * The GATE_BEST documents a group of terms scores best on its own (BM25, no weights), as the embedded
 * index's `bestPostings` finds them: each term's postings offered in turn, in document order, to a heap
 * of the best, which keeps the same documents among equal scores.
 */
export function bestDocuments(terms: readonly string[], postings: ReadonlyMap<string, TermPostings>, size: IndexSize, k = GATE_BEST): Int32Array {
  const heap = new TopK(k);
  const { documents, averageLength: average } = size;
  for (const term of terms) {
    const list = postings.get(term);
    if (!list) continue;
    if (list.documents !== undefined) throw new Error(`the best documents of "${term}" asked of only some of its postings`);
    const idf = idfOf(documents, list.docs.length);
    const { docs, frequencies, lengths } = list;
    for (let i = 0; i < docs.length; i++) heap.offer(docs[i]!, termScore(idf, frequencies[i]!, lengths[i]!, average, BM25));
  }
  return heap.ids();
}
