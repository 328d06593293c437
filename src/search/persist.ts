/**
 * A MiniSearch index as bytes, for the persisted store, and the views that let MiniSearch search them.
 *
 * MiniSearch's own format is JSON whose postings are objects keyed by document id; loading it means
 * parsing one huge string, enumerating millions of object keys and parsing each back into a number, into
 * maps that cost about 60 bytes a posting. At 800,000 sentences that took 6.8 s, a 104 MB string and
 * 430 MB of heap. Here the same state is written as a small JSON header and flat 32-bit integer arrays
 * (document ids, field lengths, postings), and loaded by giving MiniSearch read-only views over those
 * arrays in place of its maps: no string to parse, no map to fill, 8 bytes a posting. MiniSearch's own
 * search code (BM25, prefix and fuzzy expansion, boosts, filters) runs unchanged on the views.
 *
 * It reaches into MiniSearch's private state (the fields `loadJS` fills), so it is pinned to the MiniSearch
 * version in the lockfile; tests/persist.test.ts checks that an index loaded from these bytes has exactly
 * the original's state (`toJSON`) and answers the same searches, so an upgrade that changes the internals
 * fails there, not in production.
 */
import MiniSearch, { type Options } from 'minisearch';

/** The parts of MiniSearch's state that `loadJS` fills (MiniSearch 7). */
interface MiniSearchState {
  _documentCount: number;
  _nextId: number;
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _dirtCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, unknown>;
  _index: Map<string, Map<number, Map<number, number>>> & Iterable<[string, Map<number, Map<number, number>>]>;
}

interface Header {
  format: 'byline-minisearch';
  version: 1;
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  documents: number;
  fields: number;
  terms: string[];
  postings: number;
}

const MAGIC = 0x42594c4e; // "BYLN"

function state(index: MiniSearch<unknown>): MiniSearchState {
  return index as unknown as MiniSearchState;
}

/**
 * Writes one index from one or several MiniSearch segments built with the same options: a large library
 * is indexed a batch of articles at a time, each batch's MiniSearch folded into flat arrays and dropped, so
 * the whole library never sits in MiniSearch's maps at once. Segments are added in order; their documents
 * follow each other (short ids continue from the previous segment), and the statistics BM25 needs
 * (document count, average field length) are those of the whole.
 */
export class IndexWriter {
  private fieldIds: Record<string, number> | null = null;
  private fields = 0;
  private readonly shortIds: number[] = [];
  private readonly ids: number[] = [];
  private readonly lengths: number[] = [];
  private readonly terms = new Map<string, { docs: number[]; freqs: number[] }[]>();
  private postings = 0;
  private documentCount = 0;
  private averages: number[] = [];
  private segments = 0;
  private nextId = 0;
  private dirtCount = 0;

  add(index: MiniSearch<unknown>): this {
    const s = state(index);
    if ([...s._storedFields.values()].some((fields) => fields && Object.keys(fields as object).length > 0)) {
      throw new Error('indexToBytes: stored fields are not supported');
    }
    if (this.fieldIds && JSON.stringify(this.fieldIds) !== JSON.stringify(s._fieldIds)) {
      throw new Error('IndexWriter: segments must have the same fields');
    }
    this.fieldIds ??= s._fieldIds;
    this.fields = Object.keys(s._fieldIds).length;
    const base = this.nextId;
    for (const [shortId, id] of s._documentIds) {
      if (!Number.isInteger(id)) throw new Error(`indexToBytes: document id ${String(id)} is not an integer`);
      this.shortIds.push(base + shortId);
      this.ids.push(id as number);
      const lengths = s._fieldLength.get(shortId) ?? [];
      for (let field = 0; field < this.fields; field++) this.lengths.push(lengths[field] ?? 0);
    }
    for (const [term, data] of s._index) {
      let perField = this.terms.get(term);
      if (!perField) {
        perField = Array.from({ length: this.fields }, () => ({ docs: [], freqs: [] }));
        this.terms.set(term, perField);
      }
      for (const [field, freqs] of data) {
        const postings = perField[field]!;
        // Postings are kept in ascending short id order (the order documents were added in, as a rule).
        let entries = [...freqs];
        if (entries.some(([shortId], i) => i > 0 && shortId < entries[i - 1]![0])) entries = entries.sort((a, b) => a[0] - b[0]);
        for (const [shortId, frequency] of entries) {
          postings.docs.push(base + shortId);
          postings.freqs.push(frequency);
        }
        this.postings += entries.length;
      }
    }
    // Weighted by document count; one segment keeps MiniSearch's own figures exactly.
    this.averages =
      this.segments === 0
        ? [...s._avgFieldLength]
        : this.averages.map(
            (average, field) =>
              (average * this.documentCount + (s._avgFieldLength[field] ?? 0) * s._documentCount) /
              Math.max(1, this.documentCount + s._documentCount),
          );
    this.documentCount += s._documentCount;
    this.dirtCount += s._dirtCount;
    this.nextId = base + s._nextId;
    this.segments++;
    return this;
  }

  /**
   * The index as bytes: `MAGIC`, the header's length, the header (JSON), padding to 4 bytes, then Int32
   * arrays: short ids, document ids, field lengths (documents × fields), per term and field the number of
   * postings, then every posting's short id and every posting's term frequency.
   */
  toBytes(): Buffer {
    const { fields } = this;
    const documents = this.ids.length;
    const terms = [...this.terms.keys()];
    const header: Header = {
      format: 'byline-minisearch',
      version: 1,
      documentCount: this.documentCount,
      nextId: this.nextId,
      fieldIds: this.fieldIds ?? {},
      averageFieldLength: this.averages,
      dirtCount: this.dirtCount,
      documents,
      fields,
      terms,
      postings: this.postings,
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const headerEnd = align4(8 + headerBytes.length);
    const ints = documents * 2 + documents * fields + terms.length * fields + this.postings * 2;
    const buffer = Buffer.alloc(headerEnd + ints * 4);
    buffer.writeUInt32LE(MAGIC, 0);
    buffer.writeUInt32LE(headerBytes.length, 4);
    headerBytes.copy(buffer, 8);
    const body = new Int32Array(buffer.buffer, buffer.byteOffset + headerEnd, ints);
    body.set(this.shortIds, 0);
    body.set(this.ids, documents);
    body.set(this.lengths, documents * 2);
    const counts = documents * 2 + documents * fields;
    let posting = counts + terms.length * fields;
    const frequencies = posting + this.postings;
    let term = 0;
    for (const perField of this.terms.values()) {
      for (let field = 0; field < fields; field++) {
        const { docs, freqs } = perField[field]!;
        body[counts + term * fields + field] = docs.length;
        body.set(freqs, frequencies + (posting - counts - terms.length * fields));
        body.set(docs, posting);
        posting += docs.length;
      }
      term++;
    }
    return buffer;
  }
}

/**
 * One MiniSearch index as bytes (see `IndexWriter.toBytes`). Document ids must be integers (byline's
 * documents are positions in flat arrays) and no field may be stored.
 */
export function indexToBytes(index: MiniSearch<unknown>): Buffer {
  return new IndexWriter().add(index).toBytes();
}

/**
 * An index from `indexToBytes`, with the same options it was built with. Nothing is copied into maps:
 * MiniSearch's postings and document tables are read-only views over the integer arrays, so loading costs
 * a file read and the header, and memory is 4 bytes a posting instead of a map entry (about 60 bytes).
 * A search reads the postings of the terms it looks up, as MiniSearch's own maps would give them.
 * The index is read-only: byline rebuilds a library rather than editing its index.
 */
export function indexFromBytes<T>(bytes: Uint8Array, options: Options<T>): MiniSearch<T> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 8 || view.readUInt32LE(0) !== MAGIC) throw new Error('indexFromBytes: not a byline index');
  const headerLength = view.readUInt32LE(4);
  const header = JSON.parse(view.toString('utf8', 8, 8 + headerLength)) as Header;
  if (header.format !== 'byline-minisearch' || header.version !== 1) throw new Error('indexFromBytes: unknown format');
  const { documents, fields, terms, postings } = header;
  const headerEnd = align4(8 + headerLength);
  const ints = documents * 2 + documents * fields + terms.length * fields + postings * 2;
  if (view.length < headerEnd + ints * 4) throw new Error('indexFromBytes: truncated index');
  // Int32Array needs 4-byte alignment; a Buffer from a pool may not have it.
  const start = view.byteOffset + headerEnd;
  const body =
    start % 4 === 0 ? new Int32Array(view.buffer, start, ints) : new Int32Array(view.buffer.slice(start, start + ints * 4));

  const index = MiniSearch.loadJS<T>(
    {
      documentCount: header.documentCount,
      nextId: header.nextId,
      documentIds: {},
      fieldIds: header.fieldIds,
      fieldLength: {},
      averageFieldLength: header.averageFieldLength,
      storedFields: {},
      dirtCount: header.dirtCount,
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  const s = state(index as MiniSearch<unknown>);
  const shortIds = body.subarray(0, documents);
  const ids = body.subarray(documents, documents * 2);
  const dense = shortIds.every((shortId, i) => shortId === i && ids[i] === i);
  if (dense) {
    s._documentIds = new DenseIds(documents) as unknown as Map<number, unknown>;
    s._idToShortId = new DenseIds(documents) as unknown as Map<unknown, number>;
  } else {
    for (let i = 0; i < documents; i++) {
      s._documentIds.set(shortIds[i]!, ids[i]!);
      s._idToShortId.set(ids[i]!, shortIds[i]!);
    }
  }
  const lengths = body.subarray(documents * 2, documents * 2 + documents * fields);
  let rows: Map<number, number> | null = null;
  if (!dense) {
    rows = new Map();
    for (let i = 0; i < documents; i++) rows.set(shortIds[i]!, i);
  }
  s._fieldLength = new FieldLengths(lengths, fields, rows) as unknown as Map<number, number[]>;

  const counts = documents * 2 + documents * fields;
  const postingStart = counts + terms.length * fields;
  const postingDocs = body.subarray(postingStart, postingStart + postings);
  const postingFreqs = body.subarray(postingStart + postings, postingStart + postings * 2);
  let at = 0;
  terms.forEach((term, t) => {
    const data = new TermData();
    for (let field = 0; field < fields; field++) {
      const count = body[counts + t * fields + field]!;
      if (count === 0) continue;
      data.fields.set(field, new Postings(postingDocs.subarray(at, at + count), postingFreqs.subarray(at, at + count)));
      at += count;
    }
    s._index.set(term, data as unknown as Map<number, Map<number, number>>);
  });
  return index;
}

function readOnly(): never {
  throw new Error('a persisted MiniSearch index is read-only: rebuild the library instead');
}

/** Read-only map behaviour shared by the views. */
abstract class ReadOnlyMap<K, V> {
  abstract get size(): number;
  abstract get(key: K): V | undefined;
  abstract entries(): IterableIterator<[K, V]>;
  has(key: K): boolean {
    return this.get(key) !== undefined;
  }
  *keys(): IterableIterator<K> {
    for (const [key] of this.entries()) yield key;
  }
  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
  forEach(callback: (value: V, key: K) => void): void {
    for (const [key, value] of this.entries()) callback(value, key);
  }
  set(): never {
    return readOnly();
  }
  delete(): never {
    return readOnly();
  }
  clear(): never {
    return readOnly();
  }
}

/** Document ids when every short id is its document's id, 0…n-1 (byline's documents are array positions). */
class DenseIds extends ReadOnlyMap<number, number> {
  constructor(private readonly count: number) {
    super();
  }
  get size(): number {
    return this.count;
  }
  get(id: number): number | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.count ? id : undefined;
  }
  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.count; i++) yield [i, i];
  }
}

/** Field lengths per short id, from a documents × fields array. */
class FieldLengths extends ReadOnlyMap<number, number[]> {
  constructor(
    private readonly lengths: Int32Array,
    private readonly fields: number,
    /** Row of each short id, when short ids are not 0…n-1. */
    private readonly rows: Map<number, number> | null,
  ) {
    super();
  }
  get size(): number {
    return this.lengths.length / this.fields;
  }
  /** The first field's length of a document (0 when unknown). */
  lengthOf(shortId: number): number {
    const row = this.rows ? this.rows.get(shortId) : shortId;
    return row === undefined ? 0 : (this.lengths[row * this.fields] ?? 0);
  }
  get(shortId: number): number[] | undefined {
    const row = this.rows ? this.rows.get(shortId) : shortId;
    if (row === undefined || !(row >= 0 && row < this.size)) return undefined;
    if (this.fields === 1) return [this.lengths[row]!];
    return Array.from(this.lengths.subarray(row * this.fields, (row + 1) * this.fields));
  }
  *entries(): IterableIterator<[number, number[]]> {
    if (this.rows) {
      for (const shortId of this.rows.keys()) yield [shortId, this.get(shortId)!];
    } else {
      for (let i = 0; i < this.size; i++) yield [i, this.get(i)!];
    }
  }
}

/** A term's postings per field id. */
class TermData extends ReadOnlyMap<number, Postings> {
  readonly fields = new Map<number, Postings>();
  get size(): number {
    return this.fields.size;
  }
  get(field: number): Postings | undefined {
    return this.fields.get(field);
  }
  entries(): IterableIterator<[number, Postings]> {
    return this.fields.entries();
  }
}

/**
 * One term's postings in one field: short ids in ascending order with their term frequencies. MiniSearch
 * walks the ids and asks each one's frequency in turn, so `get` first looks where the walk is.
 */
class Postings extends ReadOnlyMap<number, number> {
  private cursor = 0;
  constructor(
    readonly docs: Int32Array,
    readonly freqs: Int32Array,
  ) {
    super();
  }
  get size(): number {
    return this.docs.length;
  }
  get(doc: number): number | undefined {
    const { docs } = this;
    let at = this.cursor;
    if (docs[at] !== doc) {
      let low = 0;
      let high = docs.length - 1;
      at = -1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const value = docs[middle]!;
        if (value === doc) {
          at = middle;
          break;
        }
        if (value < doc) low = middle + 1;
        else high = middle - 1;
      }
      if (at < 0) return undefined;
    }
    this.cursor = at + 1 < docs.length ? at + 1 : 0;
    return this.freqs[at];
  }
  /**
   * The typed array's own iterator: MiniSearch walks every posting of a term through it. While a query's
   * candidate gate holds this term, only the documents the gate lets through (see `skipGated`).
   */
  override keys(): IterableIterator<number> {
    const gate = skipping;
    if (gate && gate.lists.has(this)) return this.passing(gate.counts);
    return this.docs.values();
  }
  private *passing(counts: Uint8Array): IterableIterator<number> {
    const { docs } = this;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      if ((counts[doc] ?? 0) >= 2) {
        // `get` then finds it where the walk is.
        this.cursor = i;
        yield doc;
      }
    }
  }
  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.docs.length; i++) yield [this.docs[i]!, this.freqs[i]!];
  }
}

/** The postings a candidate gate holds during one search, and its counts (2: the document may be scored). */
let skipping: { lists: Set<Postings>; counts: Uint8Array } | null = null;

/**
 * For the search about to run, the postings of `terms` list only the documents whose count is 2 or more.
 * The candidate gate (src/search/index.ts) gives every other document of these terms a boost of 0, which
 * MiniSearch skips before scoring: skipping them while walking the postings gives the same results
 * without a call per posting (a common word's prefix expansions hold hundreds of thousands). The postings'
 * sizes, which BM25's weights use, are unchanged. Returns the function that ends it.
 */
export function skipGated(index: MiniSearch<unknown>, terms: Iterable<string>, counts: Uint8Array): () => void {
  const lists = new Set<Postings>();
  for (const term of terms) {
    const data = state(index)._index.get(term) as unknown;
    if (data instanceof TermData) for (const postings of data.fields.values()) lists.add(postings);
  }
  skipping = { lists, counts };
  return () => {
    skipping = null;
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * The postings (short ids, ascending) of a term in an index's first field, without copying when the index
 * was loaded from bytes. Empty for a term the index does not hold.
 */
export function termPostings(index: MiniSearch<unknown>, term: string): ArrayLike<number> {
  const data = state(index)._index.get(term) as unknown;
  if (data instanceof TermData) return data.get(0)?.docs ?? EMPTY;
  const freqs = (data as Map<number, Map<number, number>> | undefined)?.get(0);
  return freqs ? [...freqs.keys()] : EMPTY;
}

const EMPTY = new Int32Array(0);

/** The index's terms that start with a prefix (the prefix itself included), as MiniSearch expands them. */
export function prefixTerms(index: MiniSearch<unknown>, prefix: string): string[] {
  return [...(state(index)._index as unknown as SearchableMapLike).atPrefix(prefix).keys()];
}

/** The index's terms within an edit distance of a term, as MiniSearch's fuzzy search finds them. */
export function fuzzyTerms(index: MiniSearch<unknown>, term: string, distance: number): string[] {
  return [...(state(index)._index as unknown as SearchableMapLike).fuzzyGet(term, distance).keys()];
}

interface SearchableMapLike {
  atPrefix(prefix: string): { keys(): IterableIterator<string> };
  fuzzyGet(term: string, distance: number): Map<string, unknown>;
}

/**
 * The `k` documents a group of terms (a word and its prefix or fuzzy expansions) scores best on its own,
 * by MiniSearch's BM25 on the first field: what a search for that word alone would rank first. Computed on
 * the postings arrays of an index loaded from bytes; for any other index, every document of the terms.
 */
export function bestPostings(
  index: MiniSearch<unknown>,
  terms: string[],
  k: number,
  bm25: { k: number; b: number; d: number },
): ArrayLike<number> {
  const s = state(index);
  const lengths = s._fieldLength instanceof FieldLengths ? s._fieldLength : null;
  if (!lengths) return terms.flatMap((term) => Array.from(termPostings(index, term)));
  const lists = terms.map((term) => s._index.get(term) as unknown).filter((data): data is TermData => data instanceof TermData);
  const average = s._avgFieldLength[0] ?? 1;
  const total = s._documentCount;
  const heap = new TopK(k);
  for (const data of lists) {
    const postings = data.get(0);
    if (!postings) continue;
    const { docs, freqs } = postings;
    const idf = Math.log(1 + (total - docs.length + 0.5) / (docs.length + 0.5));
    for (let i = 0; i < docs.length; i++) {
      const tf = freqs[i]!;
      const length = lengths.lengthOf(docs[i]!);
      heap.offer(docs[i]!, idf * (bm25.d + (tf * (bm25.k + 1)) / (tf + bm25.k * (1 - bm25.b + (bm25.b * length) / average))));
    }
  }
  return heap.ids();
}

/** The k best (id, score) pairs seen, in a min-heap: the weakest kept one is replaced by a better newcomer. */
class TopK {
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
