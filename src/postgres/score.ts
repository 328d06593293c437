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
import { BM25, GATE_BEST, GATE_POSTINGS } from '../search/index.ts';
// The embedded index's own weights of a prefix and a fuzzy match (MiniSearch's defaults).
import { bestPositions, FUZZY_WEIGHT, PREFIX_WEIGHT, TopK } from '../search/persist.ts';

/** One term's postings in one index, in document order. */
export interface TermPostings {
  docs: Int32Array;
  frequencies: Int32Array;
  lengths: Int32Array;
}

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

export interface Scored {
  id: number;
  score: number;
}

/** BM25 of a term in a document, as MiniSearch computes it (the expression as it is written there). */
function idfOf(documents: number, matching: number): number {
  return Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
}

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
  const { k, b, d } = BM25;
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

  const capacity = slots.keys.length;
  const total = new Float64Array(capacity);
  const word = new Float64Array(capacity);
  const words = new Uint16Array(capacity);
  const stamp = new Uint32Array(capacity);
  const found = new Int32Array(count);
  const wordFound = new Int32Array(count);
  let foundCount = 0;
  let round = 0;
  for (const spec of specs) {
    round++;
    let wordCount = 0;
    const add = (term: string, termWeight: number) => {
      const list = postings.get(term);
      if (!list) return;
      const matching = list.docs.length;
      const idf = idfOf(documents, matching);
      const gated = pass !== null && pass.gated.has(term) ? pass.passes : null;
      const weight = termWeight * spec.boost * 1 * 1;
      const { docs, frequencies, lengths } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const at = slots.slot(doc);
        if (gated !== null && gated[at] !== 1) continue;
        if (accept !== null && !accept(doc)) continue;
        const termFreq = frequencies[i]!;
        const fieldLength = lengths[i]!;
        const rawScore = idf * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / average)));
        const weighted = weight * rawScore;
        if (stamp[at] !== round) {
          stamp[at] = round;
          word[at] = weighted;
          wordFound[wordCount++] = at;
        } else word[at] = word[at]! + weighted;
      }
    };
    add(spec.term, 1);
    // A term both started by the word and within its distance counts as a prefix match (as in MiniSearch).
    const prefixed = new Set<string>();
    for (const term of spec.prefix) {
      const distance = term.length - spec.term.length;
      if (!distance) continue;
      prefixed.add(term);
      add(term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance));
    }
    for (const [term, distance] of spec.fuzzy ?? []) {
      if (!distance || prefixed.has(term)) continue;
      add(term, (FUZZY_WEIGHT * term.length) / (term.length + distance));
    }
    // The word's scores joined to the query's, as MiniSearch's OR joins one word's results to the others'.
    for (let i = 0; i < wordCount; i++) {
      const at = wordFound[i]!;
      if (words[at] === 0) {
        total[at] = word[at]!;
        found[foundCount++] = at;
      } else total[at] = total[at]! + word[at]!;
      words[at] = words[at]! + 1;
    }
  }
  // Best first; equal scores in the order the documents were first found (MiniSearch's sort is stable).
  const scores = new Float64Array(foundCount);
  for (let i = 0; i < foundCount; i++) {
    const at = found[i]!;
    scores[i] = total[at]! * (words[at] || 1);
  }
  const order = bestPositions(scores, options.limit ?? foundCount);
  const results: Scored[] = [];
  for (let i = 0; i < order.length; i++) results.push({ id: slots.keys[found[order[i]!]!]!, score: scores[order[i]!]! });
  return results;
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
  const sizes = groups.map((terms) => terms.reduce((n, term) => n + (postings.get(term)?.docs.length ?? 0), 0));
  if (sizes.reduce((sum, n) => sum + n, 0) <= GATE_POSTINGS) return null;
  const common = sizes.map((n) => n > GATE_BEST);
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
    const idf = idfOf(documents, list.docs.length);
    const { docs, frequencies, lengths } = list;
    for (let i = 0; i < docs.length; i++) {
      const tf = frequencies[i]!;
      const length = lengths[i]!;
      heap.offer(docs[i]!, idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / average))));
    }
  }
  return heap.ids();
}
