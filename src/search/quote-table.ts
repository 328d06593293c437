/**
 * The library's quotes as a table of columns rather than an object per quote.
 *
 * At 10,000 articles the benchmark's libraries hold 571,066 quotes. Unpacked from JSON into a `Quote` and an
 * entry object each, they took 266 MB of live heap instead of 130 and a third of the start-up went to
 * garbage collection. Here each field is a typed array indexed by the quote's document id (its position
 * across the library, as in the quote index): article, paragraph, kind, speaker, confidence… The quote's
 * words are where they stand in their paragraph (offsets; the paragraphs are already in memory as slices
 * of one string per batch), cut only when asked for; the few that are not a slice of their paragraph, and
 * the short strings (quote ids, speaker mentions, cues), are in a string table, each held once.
 *
 * Hot loops read the columns (`article`, `confidence`, `text(id)`, `speakerOf(id)`); `quote(id)` builds a
 * `Quote` object for code that wants one, and `get(id)` a small view with the entry's old shape.
 *
 * The persisted form (`encodeQuotes`, `decodeQuotes`) is one file per batch of articles in the store
 * (`quotes-N.bin`): a header with a magic number, the format, the counts, the body's length and a checksum
 * of the body, then the columns. A truncated or damaged file is refused (the store is then rebuilt). A
 * library built in memory goes through the same encoding, so both answer from the same code.
 */
import type { Article, Person, Quote, QuoteKind, SpeakerReference } from '../model.ts';
import { quotedPeopleOf, sentenceTextOf } from '../load/store-format.ts';
import type { QuoteView } from '../seam.ts';

const KINDS: readonly QuoteKind[] = ['direct', 'partial', 'indirect'];
const REFERENCES: readonly SpeakerReference[] = ['name', 'pronoun', 'description', 'none'];

const MAGIC = 0x51594c42; // "BLYQ"
const FORMAT = 1;
/** magic, format, quotes, sentence numbers, strings, string characters, body bytes, checksum. */
const HEADER_BYTES = 32;

/** Int32 columns, in the order they are written. */
const INT_COLUMNS = ['article', 'paragraph', 'speaker', 'id', 'textStart', 'textEnd', 'mention', 'cue'] as const;
type IntColumn = (typeof INT_COLUMNS)[number];

/**
 * The columns of a run of quotes: one batch of articles as written, or the whole library once loaded.
 *
 * - `article`: the article's position (in the batch as written; in the library once loaded);
 * - `speaker`: -1 for none; from 0, the speaker among the people quotes are attributed to (in the article's
 *   list, `quotedPeopleOf`, as written; in the library's `people` once loaded); from -2 down, a speaker id
 *   that names no person of the article, kept as it was (`strings[-2 - speaker]`);
 * - `textStart`, `textEnd`: where the words stand in the quote's paragraph, or -1 and the string's number;
 * - `id`, `mention`, `cue`: numbers in `strings` (-1: null);
 * - `sentences`: the article-wide sentence numbers of each quote, from `sentenceStart[i]` to
 *   `sentenceStart[i + 1]`.
 */
export interface QuoteColumns {
  count: number;
  confidence: Float64Array;
  article: Int32Array;
  paragraph: Int32Array;
  speaker: Int32Array;
  id: Int32Array;
  textStart: Int32Array;
  textEnd: Int32Array;
  mention: Int32Array;
  cue: Int32Array;
  sentenceStart: Int32Array;
  sentences: Int32Array;
  kind: Uint8Array;
  reference: Uint8Array;
  strings: string[];
}

/** Interns strings into a table, numbering each distinct one once. */
class StringTable {
  readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();
  of(text: string | null): number {
    if (text === null) return -1;
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.list.length;
      this.list.push(text);
      this.numbers.set(text, number);
    }
    return number;
  }
}

/** What the quote table reads of an article: its quotes, its paragraphs, its people (the quoted ones at least). */
export type QuotedArticle = Pick<Article, 'id' | 'paragraphs' | 'quotes' | 'people'>;

/** A run of articles' quotes as columns (the articles numbered from 0). */
export function quoteColumns(articles: readonly QuotedArticle[]): QuoteColumns {
  const count = articles.reduce((n, article) => n + article.quotes.length, 0);
  const columns = emptyColumns(count, articles.reduce((n, article) => n + article.quotes.reduce((m, q) => m + q.sentences.length, 0), 0));
  const strings = new StringTable();
  let at = 0;
  let sentence = 0;
  articles.forEach((article, a) => {
    // The speaker's place among the people quotes are attributed to: as speakersOf finds them, the last
    // person with the id.
    const place = new Map<string, number>();
    quotedPeopleOf(article).forEach((person, i) => place.set(person.id, i));
    for (const quote of article.quotes) {
      const kind = KINDS.indexOf(quote.kind);
      const reference = REFERENCES.indexOf(quote.reference);
      if (kind < 0 || reference < 0) throw new Error(`quote ${quote.id} of ${article.id}: unknown kind or reference`);
      columns.kind[at] = kind;
      columns.reference[at] = reference;
      columns.confidence[at] = quote.confidence;
      columns.article[at] = a;
      columns.paragraph[at] = quote.paragraph;
      const speaker = quote.speaker === null ? undefined : place.get(quote.speaker);
      columns.speaker[at] = quote.speaker === null ? -1 : speaker !== undefined ? speaker : -2 - strings.of(quote.speaker);
      columns.id[at] = strings.of(quote.id);
      const paragraph = article.paragraphs[quote.paragraph - 1] ?? '';
      const start = quote.text ? paragraph.indexOf(quote.text) : -1;
      columns.textStart[at] = start;
      columns.textEnd[at] = start >= 0 ? start + quote.text.length : strings.of(quote.text);
      columns.mention[at] = strings.of(quote.speakerMention);
      columns.cue[at] = strings.of(quote.cue);
      columns.sentenceStart[at] = sentence;
      for (const s of quote.sentences) columns.sentences[sentence++] = s;
      at++;
    }
  });
  columns.sentenceStart[count] = sentence;
  columns.strings = strings.list;
  return columns;
}

function emptyColumns(count: number, sentences: number): QuoteColumns {
  const ints = Object.fromEntries(INT_COLUMNS.map((name) => [name, new Int32Array(count)])) as Record<IntColumn, Int32Array>;
  return {
    count,
    confidence: new Float64Array(count),
    ...ints,
    sentenceStart: new Int32Array(count + 1),
    sentences: new Int32Array(sentences),
    kind: new Uint8Array(count),
    reference: new Uint8Array(count),
    strings: [],
  };
}

/**
 * The quotes of a batch of articles as the store's bytes. After the header: confidences (Float64), the
 * Int32 columns, the sentence offsets and numbers, the strings' lengths, kinds and references (a byte
 * each), padding to an even length, and the strings as UTF-16LE. Little-endian, as on every platform Node
 * runs on here.
 */
export function encodeQuotes(articles: readonly QuotedArticle[]): Buffer {
  const columns = quoteColumns(articles);
  const { count, strings } = columns;
  const text = strings.join('');
  const intBytes = 4 * (INT_COLUMNS.length * count + count + 1 + columns.sentences.length + strings.length);
  const byteBytes = 2 * count;
  const bodyBytes = 8 * count + intBytes + byteBytes + ((intBytes + byteBytes) % 2) + 2 * text.length;
  const buffer = Buffer.alloc(HEADER_BYTES + bodyBytes);
  const header = new Uint32Array(buffer.buffer, buffer.byteOffset, HEADER_BYTES / 4);
  header.set([MAGIC, FORMAT, count, columns.sentences.length, strings.length, text.length, bodyBytes, 0]);
  let at = HEADER_BYTES;
  const put = (array: Float64Array | Int32Array | Uint8Array) => {
    buffer.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  };
  put(columns.confidence);
  for (const name of INT_COLUMNS) put(columns[name]);
  put(columns.sentenceStart);
  put(columns.sentences);
  put(Int32Array.from(strings, (s) => s.length));
  put(columns.kind);
  put(columns.reference);
  at += at % 2;
  buffer.write(text, at, 'utf16le');
  header[7] = checksum(buffer.subarray(HEADER_BYTES));
  return buffer;
}

/** Reads a batch's quotes back from the store's bytes; throws when they are truncated or damaged. */
export function decodeQuotes(bytes: Uint8Array): QuoteColumns {
  if (bytes.byteLength < HEADER_BYTES) throw new Error('quote table: truncated');
  // Float64Array needs 8-byte alignment; a Buffer from a pool may not have it.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : Uint8Array.from(bytes);
  const header = new Uint32Array(aligned.buffer, aligned.byteOffset, HEADER_BYTES / 4);
  const [magic, format, count, sentenceCount, stringCount, textLength, bodyBytes, sum] = header as unknown as number[];
  if (magic !== MAGIC || format !== FORMAT) throw new Error('quote table: not a byline quote table');
  if (aligned.byteLength !== HEADER_BYTES + bodyBytes!) throw new Error('quote table: truncated or too long');
  const intBytes = 4 * (INT_COLUMNS.length * count! + count! + 1 + sentenceCount! + stringCount!);
  const expected = 8 * count! + intBytes + 2 * count! + ((intBytes + 2 * count!) % 2) + 2 * textLength!;
  if (expected !== bodyBytes) throw new Error('quote table: inconsistent header');
  if (checksum(aligned.subarray(HEADER_BYTES)) !== sum) throw new Error('quote table: checksum mismatch');
  let at = aligned.byteOffset + HEADER_BYTES;
  // Views on the bytes: the library's table copies them into its own columns (QuoteTable.assemble).
  const take = <T extends Float64Array | Int32Array | Uint8Array>(Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T }, length: number): T => {
    const view = new Type(aligned.buffer, at, length);
    at += view.byteLength;
    return view;
  };
  const confidence = take(Float64Array, count!);
  const ints = Object.fromEntries(INT_COLUMNS.map((name) => [name, take(Int32Array, count!)])) as Record<IntColumn, Int32Array>;
  const sentenceStart = take(Int32Array, count! + 1);
  const sentences = take(Int32Array, sentenceCount!);
  const lengths = new Int32Array(aligned.buffer, at, stringCount!);
  at += lengths.byteLength;
  const kind = take(Uint8Array, count!);
  const reference = take(Uint8Array, count!);
  at += (at - aligned.byteOffset) % 2;
  const text = Buffer.from(aligned.buffer, at, 2 * textLength!).toString('utf16le');
  const strings: string[] = [];
  let from = 0;
  for (const length of lengths) strings.push(text.slice(from, (from += length)));
  if (from !== text.length) throw new Error('quote table: inconsistent strings');
  return { count: count!, confidence, ...ints, sentenceStart, sentences, kind, reference, strings };
}

/**
 * How many quotes and sentence numbers a quote table holds, from its header alone (the first HEADER_BYTES
 * bytes), so that a library's table can be made at its size before its batches are read; the whole file is
 * checked when it is decoded.
 */
export function quoteTableCounts(header: Uint8Array): { count: number; sentences: number } {
  if (header.byteLength < HEADER_BYTES) throw new Error('quote table: truncated');
  const view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== FORMAT) throw new Error('quote table: not a byline quote table');
  return { count: view.getUint32(8, true), sentences: view.getUint32(12, true) };
}

/** The bytes of a quote table's header: what `quoteTableCounts` reads. */
export const QUOTE_HEADER_BYTES = HEADER_BYTES;

/**
 * A 32-bit checksum of bytes (FNV-1a over 32-bit words, then the bytes left over): a truncated or altered
 * file is caught, at about 1 ms per 2 MB. Not a defence against tampering, which the store does not face.
 */
export function checksum(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  const words = bytes.byteLength >>> 2;
  if (bytes.byteOffset % 4 === 0) {
    const view = new Int32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) hash = Math.imul(hash ^ view[i]!, 0x01000193);
  } else {
    const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < words; i++) hash = Math.imul(hash ^ data.getInt32(4 * i, true), 0x01000193);
  }
  for (let i = words * 4; i < bytes.byteLength; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

/** A quote of the library with the shape its entries had: built on demand, holding nothing of its own. */
export interface QuoteEntry {
  readonly id: number;
  readonly article: number;
  readonly quote: Quote;
  readonly speaker: Person | null;
  /** The sentence(s) the quote stands in, joined. */
  readonly context: string;
}

/**
 * The library's quotes by document id (their position across all articles, in article order, as in the
 * quote index), as columns. `people` holds the speakers (the same objects as in the articles' people).
 */
/**
 * What every quote view holds of every quote, as columns by quote id — the article and paragraph it stands
 * in, its kind, how sure its attribution is — and each article's first quote: the embedded table below and
 * PostgreSQL's view (src/postgres/view.ts) answer these alike, from here.
 */
export abstract class QuoteRows {
  constructor(
    readonly length: number,
    readonly article: Int32Array,
    readonly paragraph: Int32Array,
    private readonly kinds: Uint8Array,
    readonly confidence: Float64Array,
    /** The first quote id of each article, and the total after the last. */
    private readonly starts: Int32Array,
  ) {}

  /** The quote ids of an article: from `first` to `end`, excluded (none for an article not in the library). */
  range(article: number): { first: number; end: number } {
    if (!(article >= 0 && article < this.starts.length - 1)) return { first: 0, end: 0 };
    return { first: this.starts[article]!, end: this.starts[article + 1]! };
  }

  /** The article a quote stands in. */
  articleOf(id: number): number {
    return this.article[id]!;
  }

  /** The paragraph a quote starts in (from 1). */
  paragraphOf(id: number): number {
    return this.paragraph[id]!;
  }

  /** How sure the quote's attribution is, in [0, 1]. */
  confidenceOf(id: number): number {
    return this.confidence[id]!;
  }

  kind(id: number): QuoteKind {
    return KINDS[this.kinds[id]!]!;
  }
}

/** The first quote id of each of `articles` articles, and the total after the last, from each quote's article (ascending). */
function articleStarts(article: Int32Array, count: number, articles: number): Int32Array {
  const starts = new Int32Array(articles + 1);
  for (let id = 0, a = 0; a <= articles; a++) {
    while (id < count && article[id]! < a) id++;
    starts[a] = id;
  }
  return starts;
}

/**
 * The library's quotes by document id (their position across all articles, in article order, as in the
 * quote index), as columns. `people` holds the speakers (the same objects as in the articles' people).
 */
export class QuoteTable extends QuoteRows implements QuoteView {
  /** -1: no speaker; from 0, a speaker in `people`; from -2 down, a speaker id that names no one. */
  readonly speaker: Int32Array;
  readonly people: readonly Person[];
  private readonly columns: QuoteColumns;

  private constructor(
    private readonly articles: readonly Article[],
    columns: QuoteColumns,
    people: Person[],
  ) {
    super(columns.count, columns.article, columns.paragraph, columns.kind, columns.confidence, articleStarts(columns.article, columns.count, articles.length));
    this.columns = columns;
    this.speaker = columns.speaker;
    this.people = people;
  }

  /** The table of articles held in memory (a library built without the store). */
  static fromArticles(articles: readonly Article[]): QuoteTable {
    return QuoteTable.assemble(articles, [{ articles: articles.length, columns: quoteColumns(articles) }]);
  }

  /**
   * The library's table from its batches' columns, in library order (each batch's articles numbered from
   * 0, as written). The batches' strings are merged into one table; speakers are the articles' own people.
   */
  static assemble(articles: readonly Article[], batches: readonly { articles: number; columns: QuoteColumns }[]): QuoteTable {
    const assembler = new QuoteTableAssembler(
      batches.reduce((n, b) => n + b.columns.count, 0),
      batches.reduce((n, b) => n + b.columns.sentences.length, 0),
    );
    let firstArticle = 0;
    for (const { articles: batchArticles, columns } of batches) {
      assembler.add(articles.slice(firstArticle, (firstArticle += batchArticles)), columns);
    }
    return assembler.finish(articles);
  }

  /** The table made by an assembler (QuoteTableAssembler.finish). */
  static assembled(articles: readonly Article[], columns: QuoteColumns, people: Person[]): QuoteTable {
    return new QuoteTable(articles, columns, people);
  }

  /** The quote's words. */
  text(id: number): string {
    const { textStart, textEnd, strings } = this.columns;
    const start = textStart[id]!;
    if (start < 0) return strings[textEnd[id]!]!;
    return (this.articles[this.article[id]!]!.paragraphs[this.paragraph[id]! - 1] ?? '').slice(start, textEnd[id]);
  }

  /** The sentence(s) the quote stands in, joined; an article's sentences are not all cut for it. */
  context(id: number): string {
    const { sentenceStart, sentences } = this.columns;
    const article = this.articles[this.article[id]!]!;
    const parts: string[] = [];
    for (let i = sentenceStart[id]!; i < sentenceStart[id + 1]!; i++) parts.push(sentenceTextOf(article, sentences[i]!));
    return parts.join(' ');
  }

  /** The quote's id in its article (`q3`). */
  quoteId(id: number): string {
    return this.columns.strings[this.columns.id[id]!]!;
  }

  /** The person the quote is attributed to, or null. */
  speakerOf(id: number): Person | null {
    const speaker = this.speaker[id]!;
    return speaker >= 0 ? this.people[speaker]! : null;
  }

  /** The quote's speaker id in its article, as `Quote.speaker` has it. */
  speakerId(id: number): string | null {
    const speaker = this.speaker[id]!;
    return speaker >= 0 ? this.people[speaker]!.id : speaker === -1 ? null : this.columns.strings[-2 - speaker]!;
  }

  /** The quote as an object (a new one at each call). */
  quote(id: number): Quote {
    const { reference, mention, cue, sentenceStart, sentences, strings } = this.columns;
    return {
      id: this.quoteId(id),
      kind: this.kind(id),
      text: this.text(id),
      paragraph: this.paragraph[id]!,
      sentences: Array.from(sentences.subarray(sentenceStart[id]!, sentenceStart[id + 1]!)),
      speaker: this.speakerId(id),
      reference: REFERENCES[reference[id]!]!,
      speakerMention: mention[id]! < 0 ? null : strings[mention[id]!]!,
      cue: cue[id]! < 0 ? null : strings[cue[id]!]!,
      confidence: this.confidence[id]!,
    };
  }

  /** The quotes of an article, as objects. */
  quotesOf(article: number): Quote[] {
    const { first, end } = this.range(article);
    const quotes: Quote[] = [];
    for (let id = first; id < end; id++) quotes.push(this.quote(id));
    return quotes;
  }

  /** A quote with the shape of the library's entries: a view, built on demand. */
  get(id: number): QuoteEntry | undefined {
    if (!(id >= 0 && id < this.length)) return undefined;
    const table = this;
    return {
      id,
      article: this.article[id]!,
      speaker: this.speakerOf(id),
      get quote() {
        return table.quote(id);
      },
      get context() {
        return table.context(id);
      },
    };
  }
}

/**
 * The library's quote table assembled a batch at a time, in library order (each batch's articles numbered
 * from 0, as written): its columns are made once at the library's size, and each batch's columns are
 * copied in as the batch is read, so that a batch's bytes need not outlive it (the store reads each batch's
 * quote file into a buffer it reuses for the next). The batches' strings are merged into one table;
 * speakers are the articles' own people.
 */
export class QuoteTableAssembler {
  private readonly all: QuoteColumns;
  private readonly strings = new StringTable();
  private readonly people: Person[] = [];
  private at = 0;
  private sentences = 0;
  private firstArticle = 0;

  /** `count` quotes in all, holding `sentenceCount` sentence numbers in all. */
  constructor(count: number, sentenceCount: number) {
    if (!(Number.isInteger(count) && count >= 0 && Number.isInteger(sentenceCount) && sentenceCount >= 0)) throw new Error('quote table: bad counts');
    this.all = emptyColumns(count, sentenceCount);
  }

  /** The next batch: its articles (in order) and its columns; the columns are copied, not kept. */
  add(batchArticles: readonly Article[], columns: QuoteColumns): void {
    const { all, strings, people, at, sentences, firstArticle } = this;
    const n = columns.count;
    if (at + n > all.count || sentences + columns.sentences.length > all.sentences.length) throw new Error('quote table: more quotes than counted');
    const articleCount = batchArticles.length;
    // The columns as locals: the loop below runs once per quote of the library.
    const { article, speaker, id, textEnd, mention, cue, sentenceStart } = all;
    const number = Int32Array.from(columns.strings, (s) => strings.of(s));
    const string = (i: number) => (i < 0 ? i : number[i]!);
    const [batchArticle, batchSpeaker, batchId, batchStart, batchEnd, batchMention, batchCue, batchSentence] = [
      columns.article,
      columns.speaker,
      columns.id,
      columns.textStart,
      columns.textEnd,
      columns.mention,
      columns.cue,
      columns.sentenceStart,
    ];
    // Where each article's speakers begin in the library's list.
    const base = new Int32Array(articleCount);
    for (let a = 0; a < articleCount; a++) {
      base[a] = people.length;
      for (const person of quotedPeopleOf(batchArticles[a]!)) people.push(person);
    }
    all.confidence.set(columns.confidence, at);
    all.kind.set(columns.kind, at);
    all.reference.set(columns.reference, at);
    all.paragraph.set(columns.paragraph, at);
    all.textStart.set(columns.textStart, at);
    for (let i = 0; i < n; i++) {
      const a = batchArticle[i]!;
      if (!(a >= 0 && a < articleCount)) throw new Error('quote table: a quote of no article');
      article[at + i] = firstArticle + a;
      const who = batchSpeaker[i]!;
      speaker[at + i] = who >= 0 ? base[a]! + who : who === -1 ? -1 : -2 - string(-2 - who);
      id[at + i] = string(batchId[i]!);
      textEnd[at + i] = batchStart[i]! >= 0 ? batchEnd[i]! : string(batchEnd[i]!);
      mention[at + i] = string(batchMention[i]!);
      cue[at + i] = string(batchCue[i]!);
      sentenceStart[at + i] = sentences + batchSentence[i]!;
    }
    all.sentences.set(columns.sentences, sentences);
    this.at += n;
    this.sentences += columns.sentences.length;
    this.firstArticle += articleCount;
  }

  /** The table of the library's articles (every batch added, in order). */
  finish(articles: readonly Article[]): QuoteTable {
    const { all } = this;
    if (this.at !== all.count || this.sentences !== all.sentences.length) throw new Error('quote table: fewer quotes than counted');
    if (this.firstArticle !== articles.length) throw new Error('quote table: the batches do not hold the library\'s articles');
    all.sentenceStart[all.count] = this.sentences;
    all.strings = this.strings.list;
    return QuoteTable.assembled(articles, all, this.people);
  }
}
