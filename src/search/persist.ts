/**
 * A MiniSearch index as bytes, for the persisted store, and the views that let MiniSearch search them.
 *
 * MiniSearch's own format is JSON whose postings are objects keyed by document id; loading it means
 * parsing one huge string, enumerating millions of object keys and parsing each back into a number, into
 * maps that cost about 60 bytes a posting. At 800,000 sentences that took 6.8 s, a 104 MB string and
 * 430 MB of heap. Here the same state is written as a small JSON header and flat integer arrays
 * (document ids, field lengths, postings: a posting's short id and term frequency in as few bytes as hold
 * them, 3 as a rule, see `narrowPostings`), and loaded by giving MiniSearch read-only views over those
 * arrays in place of its maps: no string to parse, no map to fill. MiniSearch's own
 * search code (BM25, prefix and fuzzy expansion, boosts, filters) runs unchanged on the views.
 *
 * It reaches into MiniSearch's private state (the fields `loadJS` fills), so it is pinned to the MiniSearch
 * version in the lockfile; tests/persist.test.ts checks that an index loaded from these bytes has exactly
 * the original's state (`toJSON`) and answers the same searches, so an upgrade that changes the internals
 * fails there, not in production.
 */
import MiniSearch, { type Options } from 'minisearch';
import { idfOf, scoreWords, termScore, TopK, WordSums, type Bm25, type Scored, type WordToScore } from './score.ts';

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
  /** 1 as the writers first lay it out (every array Int32), 2 as stored (postings narrowed: `narrowPostings`). */
  version: 1 | 2;
  /** Bytes per posting's short id (2 when every one is below 65,536) and per term frequency (1 when none is above 255): version 2. */
  docBytes?: 2 | 4;
  freqBytes?: 1 | 2 | 4;
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
   * postings, then every posting's short id and every posting's term frequency, these two narrowed
   * (`narrowPostings`).
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
    return narrowPostings(buffer);
  }
}

/**
 * One MiniSearch index as bytes, the very bytes `IndexWriter` writes of it alone (see `IndexWriter.toBytes`),
 * written straight from MiniSearch's maps (two passes over its terms) rather than through the writer's
 * arrays, which held every posting again while a batch was saved. Document ids must be integers (byline's
 * documents are positions in flat arrays) and no field may be stored.
 */
export function indexToBytes(index: MiniSearch<unknown>): Buffer {
  const s = state(index);
  if ([...s._storedFields.values()].some((fields) => fields && Object.keys(fields as object).length > 0)) {
    throw new Error('indexToBytes: stored fields are not supported');
  }
  const fields = Object.keys(s._fieldIds).length;
  const documents = s._documentIds.size;
  const terms: string[] = [];
  let postings = 0;
  for (const [term, data] of s._index) {
    terms.push(term);
    for (const [, freqs] of data) postings += freqs.size;
  }
  const header: Header = {
    format: 'byline-minisearch',
    version: 1,
    documentCount: s._documentCount,
    nextId: s._nextId,
    fieldIds: s._fieldIds,
    averageFieldLength: [...s._avgFieldLength],
    dirtCount: s._dirtCount,
    documents,
    fields,
    terms,
    postings,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const headerEnd = align4(8 + headerBytes.length);
  const ints = documents * 2 + documents * fields + terms.length * fields + postings * 2;
  const buffer = Buffer.alloc(headerEnd + ints * 4);
  buffer.writeUInt32LE(MAGIC, 0);
  buffer.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(buffer, 8);
  const body = new Int32Array(buffer.buffer, buffer.byteOffset + headerEnd, ints);
  let d = 0;
  for (const [shortId, id] of s._documentIds) {
    if (!Number.isInteger(id)) throw new Error(`indexToBytes: document id ${String(id)} is not an integer`);
    body[d] = shortId;
    body[documents + d] = id as number;
    const lengths = s._fieldLength.get(shortId) ?? [];
    for (let field = 0; field < fields; field++) body[documents * 2 + d * fields + field] = lengths[field] ?? 0;
    d++;
  }
  const counts = documents * 2 + documents * fields;
  let posting = counts + terms.length * fields;
  const frequencies = posting + postings;
  let t = 0;
  for (const [, data] of s._index) {
    // Field by field, in field order (as the counts, and as IndexWriter writes them).
    for (let field = 0; field < fields; field++) {
      const freqs = data.get(field);
      if (!freqs) continue;
      body[counts + t * fields + field] = freqs.size;
      // Postings are kept in ascending short id order (the order documents were added in, as a rule).
      let previous = -Infinity;
      let sorted = true;
      for (const shortId of freqs.keys()) {
        if (shortId < previous) sorted = false;
        previous = shortId;
      }
      const entries = sorted ? freqs : [...freqs].sort((a, b) => a[0] - b[0]);
      for (const [shortId, frequency] of entries) {
        body[frequencies + (posting - counts - terms.length * fields)] = frequency;
        body[posting++] = shortId;
      }
    }
    t++;
  }
  return narrowPostings(buffer);
}

/** Short ids as stored: two bytes each when they fit (a batch's segment holds some 40,000 documents). */
type DocIds = Int32Array | Uint16Array;
/** Term frequencies as stored: one byte each when they fit (nearly always: a word rarely recurs 256 times in a sentence). */
type Frequencies = Int32Array | Uint16Array | Uint8Array;

/** The smallest and largest value of a column, 0 included (an empty column is [0, 0]). */
function rangeOf(values: Int32Array): [number, number] {
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value > max) max = value;
    if (value < min) min = value;
  }
  return [min, max];
}

/**
 * An index laid out with Int32 arrays only (version 1, as the writers first lay it out) with its postings
 * narrowed (version 2, as stored and read): the short ids and term frequencies in the fewest bytes that
 * hold every one of them (`docBytes`, `freqBytes` in the header), each padded to 4 bytes: the same
 * values (a posting reads as a number whatever its width) in 3 bytes instead of 8 as a rule, so a start
 * reads, checks and holds less than half the index's bytes.
 */
function narrowPostings(wide: Buffer): Buffer {
  const headerLength = wide.readUInt32LE(4);
  const header = JSON.parse(wide.toString('utf8', 8, 8 + headerLength)) as Header;
  const { documents, fields, terms, postings } = header;
  const ints = documents * 2 + documents * fields + terms.length * fields;
  const body = new Int32Array(wide.buffer, wide.byteOffset + align4(8 + headerLength), ints + postings * 2);
  const docs = body.subarray(ints, ints + postings);
  const freqs = body.subarray(ints + postings, ints + postings * 2);
  const [minDoc, maxDoc] = rangeOf(docs);
  const [minFreq, maxFreq] = rangeOf(freqs);
  const docBytes: 2 | 4 = minDoc >= 0 && maxDoc <= 0xffff ? 2 : 4;
  const freqBytes: 1 | 2 | 4 = minFreq < 0 ? 4 : maxFreq <= 0xff ? 1 : maxFreq <= 0xffff ? 2 : 4;
  const narrowHeader = Buffer.from(JSON.stringify({ ...header, version: 2, docBytes, freqBytes } satisfies Header), 'utf8');
  const headerEnd = align4(8 + narrowHeader.length);
  const docsAt = headerEnd + ints * 4;
  const freqsAt = docsAt + align4(postings * docBytes);
  const buffer = Buffer.alloc(freqsAt + align4(postings * freqBytes));
  buffer.writeUInt32LE(MAGIC, 0);
  buffer.writeUInt32LE(narrowHeader.length, 4);
  narrowHeader.copy(buffer, 8);
  new Int32Array(buffer.buffer, buffer.byteOffset + headerEnd, ints).set(body.subarray(0, ints));
  new (docBytes === 2 ? Uint16Array : Int32Array)(buffer.buffer, buffer.byteOffset + docsAt, postings).set(docs);
  new (freqBytes === 1 ? Uint8Array : freqBytes === 2 ? Uint16Array : Int32Array)(buffer.buffer, buffer.byteOffset + freqsAt, postings).set(freqs);
  return buffer;
}

/**
 * An index from `indexToBytes`, with the same options it was built with. Nothing is copied into maps:
 * MiniSearch's postings and document tables are read-only views over the integer arrays, so loading costs
 * a file read and the header, and memory is 3 bytes a posting (as a rule) instead of a map entry (about 60 bytes).
 * A search reads the postings of the terms it looks up, as MiniSearch's own maps would give them.
 * The index is read-only: byline rebuilds a library rather than editing its index.
 */
export function indexFromBytes<T>(bytes: Uint8Array, options: Options<T>): MiniSearch<T> {
  return indexFromSegments([bytes], options);
}

/** One index segment as written by `IndexWriter.toBytes`: its header and views over its integer arrays. */
interface Segment {
  header: Header;
  shortIds: Int32Array;
  ids: Int32Array;
  /** documents × fields */
  lengths: Int32Array;
  /** terms × fields: how many postings each term has in each field. */
  counts: Int32Array;
  docs: DocIds;
  freqs: Frequencies;
  /** Every short id is its document's id, 0…n-1 (byline's segments always are). */
  dense: boolean;
}

function readSegment(bytes: Uint8Array): Segment {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 8 || view.readUInt32LE(0) !== MAGIC) throw new Error('indexFromBytes: not a byline index');
  const headerLength = view.readUInt32LE(4);
  const header = JSON.parse(view.toString('utf8', 8, 8 + headerLength)) as Header;
  if (header.format !== 'byline-minisearch' || header.version !== 2) throw new Error('indexFromBytes: unknown format');
  const { documents, fields, terms, postings, docBytes, freqBytes } = header;
  if ((docBytes !== 2 && docBytes !== 4) || (freqBytes !== 1 && freqBytes !== 2 && freqBytes !== 4)) throw new Error('indexFromBytes: unknown format');
  const headerEnd = align4(8 + headerLength);
  const ints = documents * 2 + documents * fields + terms.length * fields;
  const docsAt = headerEnd + ints * 4;
  const freqsAt = docsAt + align4(postings * docBytes);
  const end = freqsAt + align4(postings * freqBytes);
  if (view.length < end) throw new Error('indexFromBytes: truncated index');
  // Typed arrays need their alignment; a Buffer from a pool may not have it.
  const bytesOf = view.byteOffset % 4 === 0 ? view : Buffer.from(view.subarray(0, end));
  const at = bytesOf.byteOffset;
  const memory = bytesOf.buffer as ArrayBuffer;
  const body = new Int32Array(memory, at + headerEnd, ints);
  const shortIds = body.subarray(0, documents);
  const ids = body.subarray(documents, documents * 2);
  const counts = documents * 2 + documents * fields;
  return {
    header,
    shortIds,
    ids,
    lengths: body.subarray(documents * 2, counts),
    counts: body.subarray(counts, ints),
    docs: docBytes === 2 ? new Uint16Array(memory, at + docsAt, postings) : new Int32Array(memory, at + docsAt, postings),
    freqs: freqBytes === 1 ? new Uint8Array(memory, at + freqsAt, postings) : freqBytes === 2 ? new Uint16Array(memory, at + freqsAt, postings) : new Int32Array(memory, at + freqsAt, postings),
    dense: isDense(shortIds, ids),
  };
}

/** Whether every short id is its position and its document's id (a loop: a segment holds 40,000 documents). */
function isDense(shortIds: Int32Array, ids: Int32Array): boolean {
  for (let i = 0; i < shortIds.length; i++) if (shortIds[i] !== i || ids[i] !== i) return false;
  return true;
}

/**
 * One index over several segments, in order (a library's batches): the documents of each segment follow
 * those of the one before (a segment's document `i` is document `base + i` of the whole), as if the
 * segments had been written into one index (`IndexWriter`), but without copying a posting. Each term's
 * postings in a field are a list of parts, one per segment that holds the term, each a slice of that
 * segment's arrays; the field lengths are joined into one array, and the average field lengths are those
 * of the whole: the sum of the lengths over the number of documents (one segment keeps MiniSearch's own
 * figure). Terms are added in the order they first appear, segment after segment, as `IndexWriter` writes
 * them. A segment's arrays are never written to, so several indexes can share a segment: a library
 * rebuilt for one changed batch shares every other batch's with the library it replaces.
 *
 * Every segment must have dense ids (document i is short id i), except a lone segment.
 */
export function indexFromSegments<T>(bytes: readonly Uint8Array[], options: Options<T>): MiniSearch<T> {
  const segments = bytes.map(readSegment);
  if (segments.length === 0) throw new Error('indexFromSegments: no segment');
  const first = segments[0]!.header;
  const fields = first.fields;
  for (const segment of segments) {
    if (JSON.stringify(segment.header.fieldIds) !== JSON.stringify(first.fieldIds)) throw new Error('indexFromSegments: segments must have the same fields');
    if (segments.length > 1 && !segment.dense) throw new Error('indexFromSegments: joined segments must have dense ids');
  }
  const documents = segments.reduce((n, segment) => n + segment.header.documents, 0);
  const documentCount = segments.reduce((n, segment) => n + segment.header.documentCount, 0);
  let averageFieldLength = first.averageFieldLength;
  if (segments.length > 1) {
    const totals = new Array<number>(fields).fill(0);
    for (const { lengths } of segments) for (let i = 0; i < lengths.length; i++) totals[i % fields]! += lengths[i]!;
    averageFieldLength = totals.map((total) => total / Math.max(1, documentCount));
  }
  const index = MiniSearch.loadJS<T>(
    {
      documentCount,
      nextId: segments.reduce((n, segment) => n + segment.header.nextId, 0),
      documentIds: {},
      fieldIds: first.fieldIds,
      fieldLength: {},
      averageFieldLength,
      storedFields: {},
      dirtCount: segments.reduce((n, segment) => n + segment.header.dirtCount, 0),
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  const s = state(index as MiniSearch<unknown>);
  const lone = segments.length === 1 ? segments[0]! : null;
  let rows: Map<number, number> | null = null;
  if (lone && !lone.dense) {
    for (let i = 0; i < lone.header.documents; i++) {
      s._documentIds.set(lone.shortIds[i]!, lone.ids[i]!);
      s._idToShortId.set(lone.ids[i]!, lone.shortIds[i]!);
    }
    rows = new Map();
    for (let i = 0; i < lone.header.documents; i++) rows.set(lone.shortIds[i]!, i);
  } else {
    s._documentIds = new DenseIds(documents) as unknown as Map<number, unknown>;
    s._idToShortId = new DenseIds(documents) as unknown as Map<unknown, number>;
  }
  let lengths: Int32Array;
  if (lone) lengths = lone.lengths;
  else {
    lengths = new Int32Array(documents * fields);
    let at = 0;
    for (const segment of segments) {
      lengths.set(segment.lengths, at);
      at += segment.lengths.length;
    }
  }
  s._fieldLength = new FieldLengths(lengths, fields, rows) as unknown as Map<number, number[]>;

  // Each term's parts per field (base, segment, start, count), in the order terms first appear: the terms
  // numbered in that order, the parts counted, then written into one array (no array per term and field).
  const arrays: SegmentArrays = { docs: segments.map((segment) => segment.docs), freqs: segments.map((segment) => segment.freqs) };
  const numbers = new Map<string, number>();
  const order: string[] = [];
  const numbered = segments.map(({ header: { terms } }) => {
    const ofTerm = new Int32Array(terms.length);
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t]!;
      let number = numbers.get(term);
      if (number === undefined) {
        number = order.length;
        numbers.set(term, number);
        order.push(term);
      }
      ofTerm[t] = number;
    }
    return ofTerm;
  });
  // Parts per term and field, then where each one's parts start.
  const partCount = new Int32Array(order.length * fields);
  segments.forEach((segment, n) => {
    const ofTerm = numbered[n]!;
    for (let t = 0; t < ofTerm.length; t++) {
      for (let field = 0; field < fields; field++) if (segment.counts[t * fields + field]! > 0) partCount[ofTerm[t]! * fields + field]!++;
    }
  });
  const partStart = new Int32Array(partCount.length + 1);
  for (let i = 0; i < partCount.length; i++) partStart[i + 1] = partStart[i]! + partCount[i]!;
  const allParts = new Int32Array(4 * partStart[partCount.length]!);
  const filled = partStart.slice(0, partCount.length);
  // In how many documents of the first field each term occurs (the sentence index's term frequencies).
  const frequency = new Int32Array(order.length);
  let base = 0;
  segments.forEach((segment, n) => {
    const ofTerm = numbered[n]!;
    let at = 0;
    for (let t = 0; t < ofTerm.length; t++) {
      for (let field = 0; field < fields; field++) {
        const count = segment.counts[t * fields + field]!;
        if (count === 0) continue;
        const slot = ofTerm[t]! * fields + field;
        const p = 4 * filled[slot]!++;
        allParts[p] = base;
        allParts[p + 1] = n;
        allParts[p + 2] = at;
        allParts[p + 3] = count;
        if (field === 0) frequency[ofTerm[t]!]! += count;
        at += count;
      }
    }
    base += segment.header.documents;
  });
  const counts = new Map<string, number>();
  for (let number = 0; number < order.length; number++) {
    const lists: (Postings | undefined)[] = [];
    for (let field = 0; field < fields; field++) {
      const slot = number * fields + field;
      lists.push(partCount[slot] === 0 ? undefined : new Postings(arrays, allParts.subarray(4 * partStart[slot]!, 4 * partStart[slot + 1]!)));
    }
    s._index.set(order[number]!, new TermData(lists) as unknown as Map<number, Map<number, number>>);
    if (frequency[number]! > 0) counts.set(order[number]!, frequency[number]!);
  }
  termCountsOf.set(index as MiniSearch<unknown>, counts);
  return index;
}

/** The term counts of each index made from segments, counted as it was made (see `termCounts`). */
const termCountsOf = new WeakMap<MiniSearch<unknown>, Map<string, number>>();

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
    readonly lengths: Int32Array,
    readonly fields: number,
    /** Row of each short id, when short ids are not 0…n-1. */
    readonly rows: Map<number, number> | null,
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

/** A term's postings per field id (an array, not a map: a library holds tens of thousands of terms). */
class TermData extends ReadOnlyMap<number, Postings> {
  constructor(readonly lists: readonly (Postings | undefined)[]) {
    super();
  }
  get size(): number {
    let size = 0;
    for (const list of this.lists) if (list) size++;
    return size;
  }
  get(field: number): Postings | undefined {
    return this.lists[field];
  }
  *entries(): IterableIterator<[number, Postings]> {
    for (let field = 0; field < this.lists.length; field++) if (this.lists[field]) yield [field, this.lists[field]!];
  }
}

/** The postings arrays of an index's segments, in order, shared by all its terms. */
interface SegmentArrays {
  docs: readonly DocIds[];
  freqs: readonly Frequencies[];
}

/**
 * One term's postings in one field: short ids in ascending order with their term frequencies, as parts,
 * one per segment that holds the term: `base, segment, start, count` each, the segment's document `i`
 * being document `base + i`. Most terms of a library with few batches, and every term of a lone segment,
 * have one part, kept in fields (no array at all). MiniSearch walks the ids and asks each one's frequency
 * in turn, so `get` first looks where the walk is.
 */
class Postings extends ReadOnlyMap<number, number> {
  private readonly total: number;
  /** The parts when there are several (null: one part, in the four fields below). */
  private readonly parts: Int32Array | null;
  private readonly base: number;
  private readonly segment: number;
  private readonly start: number;
  private readonly count: number;
  /** Where the walk is: the part (its offset in `parts`) and the position in it, from its start. */
  private cursorPart = 0;
  private cursor = 0;

  constructor(
    private readonly arrays: SegmentArrays,
    parts: Int32Array,
  ) {
    super();
    if (parts.length === 4) {
      this.base = parts[0]!;
      this.segment = parts[1]!;
      this.start = parts[2]!;
      this.count = parts[3]!;
      this.parts = null;
      this.total = this.count;
    } else {
      this.parts = parts;
      this.base = this.segment = this.start = this.count = 0;
      let total = 0;
      for (let p = 3; p < parts.length; p += 4) total += parts[p]!;
      this.total = total;
    }
  }

  get size(): number {
    return this.total;
  }

  get(doc: number): number | undefined {
    const { parts } = this;
    if (!parts) return this.getIn(this.arrays.docs[this.segment]!, this.arrays.freqs[this.segment]!, this.start, this.count, doc - this.base, 0);
    // The part whose documents can hold it: the last one starting at or before it (where the walk is, first).
    let p = this.cursorPart;
    if (!(parts[p]! <= doc && (p + 4 >= parts.length || parts[p + 4]! > doc))) {
      p = -4;
      for (let q = 0; q < parts.length && parts[q]! <= doc; q += 4) p = q;
      if (p < 0) return undefined;
    }
    const segment = parts[p + 1]!;
    return this.getIn(this.arrays.docs[segment]!, this.arrays.freqs[segment]!, parts[p + 2]!, parts[p + 3]!, doc - parts[p]!, p);
  }

  /**
   * The frequency of `doc` (numbered in its segment) among `count` postings from `start` of a segment's
   * arrays (the part at `part` in `parts`); the cursor then stands after it.
   */
  private getIn(docs: DocIds, freqs: Frequencies, start: number, count: number, doc: number, part: number): number | undefined {
    let at = this.cursorPart === part ? this.cursor : 0;
    if (docs[start + at] !== doc) {
      let low = 0;
      let high = count - 1;
      at = -1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const value = docs[start + middle]!;
        if (value === doc) {
          at = middle;
          break;
        }
        if (value < doc) low = middle + 1;
        else high = middle - 1;
      }
      if (at < 0) return undefined;
    }
    this.cursorPart = part;
    this.cursor = at + 1 < count ? at + 1 : 0;
    return freqs[start + at];
  }

  /** The parts as `base, segment, start, count`, one after the other. */
  private eachPart(): ArrayLike<number> {
    return this.parts ?? [this.base, this.segment, this.start, this.count];
  }

  /**
   * The ids in order: one part of the first segment walks its typed array with the array's own iterator.
   * While a query's candidate gate holds this term, only the documents the gate lets through (see
   * `skipGated`).
   */
  override keys(): IterableIterator<number> {
    const gate = skipping;
    if (gate && gate.lists.has(this)) return this.passing(gate.counts);
    if (!this.parts && this.base === 0) return this.arrays.docs[this.segment]!.subarray(this.start, this.start + this.count).values();
    return this.ids();
  }

  private *ids(): IterableIterator<number> {
    const parts = this.eachPart();
    for (let p = 0; p < parts.length; p += 4) {
      const base = parts[p]!;
      const docs = this.arrays.docs[parts[p + 1]!]!;
      for (let i = parts[p + 2]!, end = i + parts[p + 3]!; i < end; i++) yield base + docs[i]!;
    }
  }

  private *passing(counts: Uint8Array): IterableIterator<number> {
    const parts = this.eachPart();
    for (let p = 0; p < parts.length; p += 4) {
      const base = parts[p]!;
      const start = parts[p + 2]!;
      const docs = this.arrays.docs[parts[p + 1]!]!;
      for (let i = start, end = start + parts[p + 3]!; i < end; i++) {
        const doc = base + docs[i]!;
        if ((counts[doc] ?? 0) >= 2) {
          // `get` then finds it where the walk is.
          this.cursorPart = p;
          this.cursor = i - start;
          yield doc;
        }
      }
    }
  }

  *entries(): IterableIterator<[number, number]> {
    const parts = this.eachPart();
    for (let p = 0; p < parts.length; p += 4) {
      const base = parts[p]!;
      const docs = this.arrays.docs[parts[p + 1]!]!;
      const freqs = this.arrays.freqs[parts[p + 1]!]!;
      for (let i = parts[p + 2]!, end = i + parts[p + 3]!; i < end; i++) yield [base + docs[i]!, freqs[i]!];
    }
  }

  /** The ids in ascending order as one array: a view of the segment's when one part of the first segment holds them, else a copy. */
  allDocs(): DocIds {
    if (!this.parts && this.base === 0) return this.arrays.docs[this.segment]!.subarray(this.start, this.start + this.count);
    const all = new Int32Array(this.total);
    let at = 0;
    const parts = this.eachPart();
    for (let p = 0; p < parts.length; p += 4) {
      const base = parts[p]!;
      const docs = this.arrays.docs[parts[p + 1]!]!;
      for (let i = parts[p + 2]!, end = i + parts[p + 3]!; i < end; i++) all[at++] = base + docs[i]!;
    }
    return all;
  }

  /**
   * Calls `visit` with each part of the postings, in order: the segment's ids and frequencies, the range
   * of the part in them (`start` to `end`), and the number added to a segment's id to make the index's.
   */
  forEachPart(visit: (docs: DocIds, freqs: Frequencies, start: number, end: number, base: number) => void): void {
    const parts = this.eachPart();
    for (let p = 0; p < parts.length; p += 4) {
      const segment = parts[p + 1]!;
      const start = parts[p + 2]!;
      visit(this.arrays.docs[segment]!, this.arrays.freqs[segment]!, start, start + parts[p + 3]!, parts[p]!);
    }
  }

  /** Calls `visit` with every posting's id and frequency, in order. */
  forEachPosting(visit: (doc: number, frequency: number) => void): void {
    const parts = this.eachPart();
    for (let p = 0; p < parts.length; p += 4) {
      const base = parts[p]!;
      const docs = this.arrays.docs[parts[p + 1]!]!;
      const freqs = this.arrays.freqs[parts[p + 1]!]!;
      for (let i = parts[p + 2]!, end = i + parts[p + 3]!; i < end; i++) visit(base + docs[i]!, freqs[i]!);
    }
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
    if (data instanceof TermData) for (const postings of data.lists) if (postings) lists.add(postings);
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
  if (data instanceof TermData) return data.get(0)?.allDocs() ?? EMPTY;
  const freqs = (data as Map<number, Map<number, number>> | undefined)?.get(0);
  return freqs ? [...freqs.keys()] : EMPTY;
}

const EMPTY = new Int32Array(0);

/** A run of a term's postings: ids of one segment (a view of its array, ascending), each plus `base`. */
export interface PostingPart {
  base: number;
  docs: ArrayLike<number>;
}

/**
 * The postings of a term in an index's first field as their parts, one per segment that holds the term, each
 * a view of the segment's array (nothing copied: at 10,000 articles a common word's postings are spread over
 * twenty segments). Empty for a term the index does not hold.
 */
export function postingParts(index: MiniSearch<unknown>, term: string): PostingPart[] {
  const data = state(index)._index.get(term) as unknown;
  if (data instanceof TermData) {
    const parts: PostingPart[] = [];
    data.get(0)?.forEachPart((docs, _, start, end, base) => parts.push({ base, docs: docs.subarray(start, end) }));
    return parts;
  }
  const freqs = (data as Map<number, Map<number, number>> | undefined)?.get(0);
  return freqs ? [{ base: 0, docs: [...freqs.keys()] }] : [];
}

/** How many postings each term has in an index's first field: for the sentence index, in how many sentences it occurs. */
export function termCounts(index: MiniSearch<unknown>): Map<string, number> {
  const known = termCountsOf.get(index);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const [term, data] of state(index)._index) {
    const size = (data as unknown as ReadOnlyMap<number, ReadOnlyMap<number, number>> | Map<number, Map<number, number>>).get(0)?.size ?? 0;
    if (size > 0) counts.set(term, size);
  }
  return counts;
}

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
  bm25: Bm25,
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
    const idf = idfOf(total, postings.size);
    postings.forEachPart((docs, freqs, start, end, base) => {
      for (let i = start; i < end; i++) {
        const doc = base + docs[i]!;
        heap.offer(doc, termScore(idf, freqs[i]!, lengths.lengthOf(doc), average, bm25));
      }
    });
  }
  return heap.ids();
}

/**
 * What a query word is searched as besides itself, as MiniSearch's search expands it: the terms it starts
 * (`atPrefix`, itself included when the index holds it) while it is being typed, and the terms within its
 * edit distance (`fuzzyGet`: each with its postings and distance) when the index does not know it.
 */
export interface Expansions {
  prefix: [string, unknown][];
  fuzzy: Map<string, [unknown, number]> | null;
}

/** A word's expansions in an index (see `Expansions`): `fuzzy` is the edit distance allowed, or none. */
export function expansionsOf(index: MiniSearch<unknown>, term: string, prefix: boolean, fuzzy: number | false): Expansions {
  const searchable = state(index)._index as unknown as SearchableMapLike;
  let fuzzyMatches: Map<string, [unknown, number]> | null = null;
  if (fuzzy) {
    const maxDistance = fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * fuzzy)) : fuzzy;
    if (maxDistance) fuzzyMatches = searchable.fuzzyGet(term, maxDistance) as Map<string, [unknown, number]>;
  }
  return { prefix: prefix ? [...(searchable.atPrefix(term) as unknown as Iterable<[string, unknown]>)] : [], fuzzy: fuzzyMatches };
}

/** One query word as MiniSearch searches it (its `QuerySpec`): the term, its boost, and how it is expanded. */
export interface TermSpec {
  term: string;
  boost: number;
  /** Also the terms it starts (autocomplete). */
  prefix: boolean;
  /** Also the terms within this edit distance (a whole number), or none. */
  fuzzy: number | false;
  /** Its expansions, when already looked up (`expansionsOf` with `prefix` and `fuzzy`). */
  expansions?: Expansions;
}

/** A gated term's postings are looked up document by document when it has this many times more postings than the gate lets through. */
const FEW_PASSING = 8;

const MAX_FUZZY = 6;

/** Per index, the sums a search adds its scores up in, reused from query to query (every sum back to 0 after). */
const scoreScratch = new WeakMap<MiniSearch<unknown>, WordSums>();

/**
 * MiniSearch's `search(query, options)` for an OR query of `specs` on an index loaded from bytes (its only
 * field, dense ids: byline's indexes), computed on the postings arrays: the same documents, the same scores
 * to the last bit (the same BM25 expression, the same sums in the same order: per query word its own term,
 * then its prefix expansions, then its fuzzy ones, the words one after the other, the sum times the number
 * of words found) and the same order (best first, equal scores in the order MiniSearch meets the
 * documents), without the result objects MiniSearch makes for every document found (about 1,500 a query
 * at 1,000 articles, of which who-said reads 40). `skip` is the candidate gate (src/search/index.ts): the
 * documents of these terms whose count is under 2 are not scored, as MiniSearch skips a document its
 * `boostDocument` gives 0. `accept` is MiniSearch's `filter`, on the document id. `limit`: the best only.
 *
 * Null when the index is not one this can read (built in memory, or with ids not 0…n-1), or the specs are
 * not distinct words: MiniSearch's own search then answers (tests/persist.test.ts holds them equal).
 */
export function scoreTerms(
  index: MiniSearch<unknown>,
  specs: readonly TermSpec[],
  options: {
    bm25: Bm25;
    /** The gate's documents that may be scored, ascending, when it lists them (its counts say the same). */
    skip?: { terms: ReadonlySet<string>; counts: Uint8Array; passing?: Int32Array } | null;
    accept?: ((id: number) => boolean) | null;
    limit?: number;
  },
): Scored[] | null {
  const s = state(index);
  const fieldLengths = s._fieldLength instanceof FieldLengths ? s._fieldLength : null;
  if (!fieldLengths || fieldLengths.rows || fieldLengths.fields !== 1 || !((s._documentIds as unknown) instanceof DenseIds)) return null;
  const distinct = new Set(specs.map((spec) => spec.term));
  if (distinct.size !== specs.length || [...distinct].some((term) => term.length === 0 || term.includes(' '))) return null;
  const documents = s._documentCount;
  const fieldId = Object.values(s._fieldIds)[0]!;
  const average = s._avgFieldLength[fieldId]!;
  const lengths = fieldLengths.lengths;
  const bm25 = options.bm25;
  const skip = options.skip ?? null;
  const accept = options.accept ?? null;

  let sums = scoreScratch.get(index);
  const size = s._documentIds.size;
  if (!sums || sums.slots < size) {
    sums = new WordSums(size);
    scoreScratch.set(index, sums);
  }
  const scratch = sums;

  // One term's postings (the word itself, or one of its expansions) added to the word's scores, by document id.
  const addTerm = (derived: string, data: unknown, weight: number) => {
    if (!(data instanceof TermData)) return;
    const postings = data.get(fieldId);
    if (!postings) return;
    const matching = postings.size;
    const idf = idfOf(documents, matching);
    const gated = skip !== null && skip.terms.has(derived) ? skip.counts : null;
    const score = (doc: number, termFreq: number) => {
      if (accept !== null && !accept(doc)) return;
      scratch.add(doc, weight * termScore(idf, termFreq, lengths[doc] ?? 0, average, bm25));
    };
    const passing = gated !== null ? (skip!.passing ?? null) : null;
    if (passing !== null && passing.length * FEW_PASSING < matching) {
      // A common word the gate holds (tens of thousands of postings at 10,000 articles) of which few
      // documents may be scored: those documents, in order, are looked up in its postings rather than
      // every posting read to skip the rest. The same documents in the same order as the walk below.
      let p = 0;
      postings.forEachPart((docs, freqs, start, end, base) => {
        let i = start;
        for (; p < passing.length && i < end; p++) {
          const target = passing[p]! - base;
          if (target < docs[i]!) continue;
          // The first posting at or after the document: by doubling steps, then halving.
          let step = 1;
          let low = i;
          let high = i + 1;
          while (high < end && docs[high]! < target) {
            low = high;
            step *= 2;
            high = Math.min(end, high + step);
          }
          while (low < high) {
            const middle = (low + high) >>> 1;
            if (docs[middle]! < target) low = middle + 1;
            else high = middle;
          }
          i = low;
          if (i >= end) break;
          if (docs[i] === target) score(passing[p]!, freqs[i]!);
        }
      });
      return;
    }
    postings.forEachPart((docs, freqs, start, end, base) => {
      for (let i = start; i < end; i++) {
        const doc = base + docs[i]!;
        if (gated !== null && (gated[doc] ?? 0) < 2) continue;
        score(doc, freqs[i]!);
      }
    });
  };
  const words = specs.map((spec): WordToScore<unknown> => {
    const { prefix, fuzzy } = spec.expansions ?? expansionsOf(index, spec.term, spec.prefix, spec.fuzzy);
    return { term: spec.term, boost: spec.boost, data: s._index.get(spec.term), prefix, fuzzy };
  });
  return scoreWords(words, scratch, addTerm, { limit: options.limit });
}
