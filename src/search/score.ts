/**
 * byline's one scorer of a query's candidates, for both layouts of the postings: the embedded index's
 * (MiniSearch's postings arrays, src/search/persist.ts `scoreTerms`) and PostgreSQL's (the `postings`
 * table's rows, src/postgres/score.ts `scorePostings`). Where the postings come from and how they are walked
 * (segments, the candidate gate's look-ups, document ids or slots) is each layout's; what a candidate scores
 * given the terms' statistics is here, once: BM25 as MiniSearch computes it, the terms a query word is
 * searched as and their weights (itself, then its prefix expansions, then its fuzzy ones), the words' scores
 * joined as MiniSearch's OR joins them, and the best kept in order (equal scores in the order the documents
 * were first found). So the two layouts cannot drift apart: tests/persist.test.ts holds the embedded
 * scorer equal to MiniSearch's own search, tests/postgres.test.ts PostgreSQL's candidates equal to the
 * embedded index's, ids and scores to the last bit.
 */

/** BM25's parameters (src/search/index.ts `BM25`). */
export interface Bm25 {
  k: number;
  b: number;
  d: number;
}

/** MiniSearch's default weights of a prefix and a fuzzy expansion (byline's options leave them as they are). */
export const PREFIX_WEIGHT = 0.375;
export const FUZZY_WEIGHT = 0.45;

/** A term's inverse document frequency in an index of `documents` documents, `matching` of which hold it (MiniSearch's). */
export function idfOf(documents: number, matching: number): number {
  return Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
}

/** BM25 of a term in a document, as MiniSearch computes it (the expression as it is written there). */
export function termScore(idf: number, termFreq: number, fieldLength: number, average: number, bm25: Bm25): number {
  const { k, b, d } = bm25;
  return idf * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / average)));
}

/** A document found and its score, as MiniSearch's search gives them (`id`, `score`). */
export interface Scored {
  id: number;
  score: number;
}

/**
 * One query word to score: its term, its boost, and the terms it is also searched as — those it starts
 * (itself included when the index holds it) while it is typed, those within its edit distance (with the
 * distance) when the index does not know it — each with what the layout needs to walk its postings (`D`).
 */
export interface WordToScore<D> {
  term: string;
  boost: number;
  data: D;
  prefix: Iterable<readonly [string, D]>;
  fuzzy: Iterable<readonly [string, readonly [D, number]]> | null;
}

/**
 * The sums a query's scores are added up in, by slot (a document id, or a slot a layout gives each
 * document): per word, then joined to the query's. Reusable from query to query (`results` leaves every
 * sum back at 0).
 */
export class WordSums {
  private readonly total: Float64Array;
  private readonly word: Float64Array;
  private readonly words: Uint16Array;
  private readonly stamp: Uint32Array;
  private readonly found: Int32Array;
  private readonly wordFound: Int32Array;
  private round = 0;
  private foundCount = 0;
  private wordCount = 0;

  /** `slots`: how many slots; `listed`: how many documents a query may find (at most `slots`). */
  constructor(
    readonly slots: number,
    listed: number = slots,
  ) {
    this.total = new Float64Array(slots);
    this.word = new Float64Array(slots);
    this.words = new Uint16Array(slots);
    this.stamp = new Uint32Array(slots);
    this.found = new Int32Array(listed);
    this.wordFound = new Int32Array(listed);
  }

  /** A term's weighted score in a slot's document, added to the word's. */
  add(at: number, weighted: number): void {
    const { stamp, word } = this;
    if (stamp[at] !== this.round) {
      stamp[at] = this.round;
      word[at] = weighted;
      this.wordFound[this.wordCount++] = at;
    } else word[at] = word[at]! + weighted;
  }

  startWord(): void {
    this.round++;
    this.wordCount = 0;
  }

  /** The word's scores joined to the query's, as MiniSearch's OR joins one word's results to the others'. */
  endWord(): void {
    const { total, word, words, found, wordFound } = this;
    for (let i = 0; i < this.wordCount; i++) {
      const at = wordFound[i]!;
      if (words[at] === 0) {
        total[at] = word[at]!;
        found[this.foundCount++] = at;
      } else total[at] = total[at]! + word[at]!;
      words[at] = words[at]! + 1;
    }
  }

  /**
   * The query's `limit` best documents, best first, each the sum of its words' scores times the number of
   * its words found; equal scores in the order the documents were first found (MiniSearch's sort is
   * stable). `idOf` gives a slot's document. Every sum is 0 again after.
   */
  results(limit: number | undefined, idOf: ((at: number) => number) | null): Scored[] {
    const { total, words, found } = this;
    const foundCount = this.foundCount;
    const scores = new Float64Array(foundCount);
    for (let i = 0; i < foundCount; i++) {
      const at = found[i]!;
      scores[i] = total[at]! * (words[at] || 1);
      total[at] = 0;
      words[at] = 0;
    }
    this.foundCount = 0;
    if (this.round > 0xfff0_0000) {
      this.round = 0;
      this.stamp.fill(0);
    }
    const order = bestPositions(scores, limit ?? foundCount);
    const results: Scored[] = [];
    for (let i = 0; i < order.length; i++) {
      const at = found[order[i]!]!;
      results.push({ id: idOf === null ? at : idOf(at), score: scores[order[i]!]! });
    }
    return results;
  }
}

/**
 * The candidates of an OR query of `words`, best first (the `limit` best): for each word, its own term,
 * then the terms it starts (a prefix expansion weighs PREFIX_WEIGHT, less the longer it is), then those
 * within its edit distance that it does not start (FUZZY_WEIGHT, less the farther), as MiniSearch's search
 * orders and weighs them; `addTerm` walks one term's postings in the layout's own way, adding each
 * document's `weight` × BM25 (`termScore`) to `sums`.
 */
export function scoreWords<D>(
  words: readonly WordToScore<D>[],
  sums: WordSums,
  addTerm: (term: string, data: D, weight: number) => void,
  options: { limit?: number | undefined; idOf?: ((at: number) => number) | null } = {},
): Scored[] {
  for (const word of words) {
    sums.startWord();
    // The term's weight times the word's boost (times MiniSearch's field and document boosts, both 1).
    const weight = (termWeight: number) => termWeight * word.boost * 1 * 1;
    addTerm(word.term, word.data, weight(1));
    // A term both started by the word and within its distance counts as a prefix match (as in MiniSearch).
    const prefixed = new Set<string>();
    for (const [term, data] of word.prefix) {
      const distance = term.length - word.term.length;
      if (!distance) continue;
      prefixed.add(term);
      addTerm(term, data, weight((PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance)));
    }
    if (word.fuzzy) {
      for (const [term, [data, distance]] of word.fuzzy) {
        if (!distance || prefixed.has(term)) continue;
        addTerm(term, data, weight((FUZZY_WEIGHT * term.length) / (term.length + distance)));
      }
    }
    sums.endWord();
  }
  return sums.results(options.limit, options.idOf ?? null);
}

/** When a query's words have more postings than this together, the candidate gate decides what is scored. */
export const GATE_POSTINGS = 3_000;
/** Of each word's documents, this many that it alone scores best always pass the gate. */
export const GATE_BEST = 200;

/**
 * The candidate gate's decision for a query whose words (each with its expansions: a group) have these
 * many postings: null when it has no more than GATE_POSTINGS together (no gate), else which groups are
 * common (more than GATE_BEST documents: those score only the documents another group holds, those of a
 * group that is not common, and the GATE_BEST the group alone scores best; a document in two common groups
 * passes too).
 */
export function commonGroups(sizes: readonly number[]): boolean[] | null {
  if (sizes.reduce((sum, n) => sum + n, 0) <= GATE_POSTINGS) return null;
  return sizes.map((n) => n > GATE_BEST);
}

/** The k best (id, score) pairs seen, in a min-heap: the weakest kept one is replaced by a better newcomer. */
export class TopK {
  private readonly idsHeap: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;
  constructor(private readonly k: number) {
    this.idsHeap = new Int32Array(k);
    this.scores = new Float64Array(k);
  }
  offer(id: number, score: number): void {
    const { idsHeap, scores } = this;
    if (this.size < this.k) {
      let at = this.size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (scores[parent]! <= score) break;
        idsHeap[at] = idsHeap[parent]!;
        scores[at] = scores[parent]!;
        at = parent;
      }
      idsHeap[at] = id;
      scores[at] = score;
      return;
    }
    if (this.k === 0 || score <= scores[0]!) return;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && scores[right]! < scores[left]! ? right : left;
      if (scores[child]! >= score) break;
      idsHeap[at] = idsHeap[child]!;
      scores[at] = scores[child]!;
      at = child;
    }
    idsHeap[at] = id;
    scores[at] = score;
  }
  ids(): Int32Array {
    return this.idsHeap.slice(0, this.size);
  }
}

/**
 * The positions of the `limit` best scores, best first, equal scores by position: a sort of every position
 * when most are kept, else a heap of the best `limit` (who-said keeps 40 of some 1,300).
 */
export function bestPositions(scores: Float64Array, limit: number): Int32Array {
  const n = scores.length;
  const before = (x: number, y: number) => scores[y]! - scores[x]! || x - y;
  if (limit >= n / 4) {
    const order = sortedPositions(scores);
    return limit < n ? order.subarray(0, limit) : order;
  }
  if (limit <= 0) return new Int32Array(0);
  // A heap whose root is the worst kept: a position better than it takes its place.
  const heap = new Int32Array(limit);
  let size = 0;
  for (let p = 0; p < n; p++) {
    if (size < limit) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (before(heap[parent]!, p) > 0) break;
        heap[at] = heap[parent]!;
        at = parent;
      }
      heap[at] = p;
      continue;
    }
    if (before(p, heap[0]!) >= 0) continue;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && before(heap[left]!, heap[right]!) < 0 ? right : left;
      if (before(heap[child]!, p) < 0) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = p;
  }
  return heap.subarray(0, size).sort(before);
}

/** Runs of this many positions are put in order by insertion before they are merged. */
const RUN = 16;

/**
 * Every position of `scores`, best score first, equal scores by position: a merge sort with the comparison
 * written out (a sort with a comparison function calls it some 20,000 times for a topic's 1,700 sentences).
 */
function sortedPositions(scores: Float64Array): Int32Array {
  const n = scores.length;
  let from = new Int32Array(n);
  let to = new Int32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const p = from[i]!;
      const score = scores[p]!;
      let j = i - 1;
      // Positions enter in ascending order, so an equal score stays after the one before it.
      while (j >= lo && scores[from[j]!]! < score) {
        from[j + 1] = from[j]!;
        j--;
      }
      from[j + 1] = p;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const middle = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = middle;
      let k = lo;
      while (i < middle && j < hi) {
        const x = from[i]!;
        const y = from[j]!;
        // The left run holds the earlier positions: it goes first on equal scores.
        if (scores[y]! > scores[x]!) {
          to[k++] = y;
          j++;
        } else {
          to[k++] = x;
          i++;
        }
      }
      while (i < middle) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
    }
    const spare = from;
    from = to;
    to = spare;
  }
  return from;
}
