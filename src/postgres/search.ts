/**
 * The PostgreSQL search index behind the seam (src/seam.ts). Each term's postings per index are one row of
 * the `postings` table (the documents holding it, with the term's frequency and the document's length),
 * read by its key; a word being typed is expanded to the terms it starts (a `text_pattern_ops` index on the
 * vocabulary) and a word the library does not know to the terms within its edit distance (`fuzzystrmatch`),
 * in the same round trip. The postings are then scored exactly as the embedded index scores its own
 * (src/postgres/score.ts: the candidate gate, MiniSearch's BM25 with byline's parameters, prefix and fuzzy
 * weights, synonym boosts), so byline's re-ranking on top sees the same candidates in the same order.
 *
 * The vocabulary (in how many sentences, quotes and titles each term occurs) is read once when the index is
 * opened: planning a query is synchronous and needs it for every word. The postings of the terms searched
 * lately are kept (POSTINGS_HELD per index): a generation's rows never change, and common words come back.
 */
import type pg from 'pg';
import type { QuoteKind } from '../model.ts';
import type { Candidate, CandidateFilter, CandidateRequest, IndexName, SearchIndex } from '../seam.ts';
import { fuzziness, searchedTerms, type PlannedQuery, type Vocabulary } from '../search/index.ts';
import { commonGroups } from '../search/score.ts';
import { RecentCache } from '../search/recent-cache.ts';
import { bestDocuments, decodeDocuments, decodePostings, scorePostings, type ScoredSpec, type TermPostings } from './score.ts';

/** Groups whose best documents are kept per index (200 ids each), as the embedded index keeps them. */
const BEST_CACHED = 1_000;

/** Per index: how many documents, their average length, and each term's document frequency. */
interface IndexStats {
  documents: number;
  averageLength: number;
  frequency: Map<string, number>;
}

/** The vocabulary's column of each index (`terms`). */
const TABLE: Record<IndexName, { column: 'sentences' | 'quotes' | 'titles' }> = {
  quotes: { column: 'quotes' },
  sentences: { column: 'sentences' },
  titles: { column: 'titles' },
};

export class PostgresIndex implements SearchIndex {
  readonly vocabulary: Vocabulary;
  /** Per index, the postings of the terms searched lately (a generation's postings never change). */
  private readonly postings: Record<IndexName, Held<TermPostings>>;
  /** Per index, the documents each common group of terms scores best (the candidate gate's), for the groups searched lately. */
  private readonly best: Record<IndexName, RecentCache<string, Int32Array>>;
  /** Per index, the documents and best documents of the common terms read apart from their rows lately. */
  private readonly documents: Record<IndexName, Held<HeldDocuments>>;
  /**
   * Rows read since the index was opened: whole (a term's every posting) and apart (a common term's
   * documents and best documents, then its postings of the documents the candidate gate lets it score).
   */
  readonly rowsRead = { whole: 0, apart: 0 };

  private constructor(
    private readonly db: pg.Pool,
    private readonly collection: number,
    private readonly server: string | null,
    private readonly stats: Record<IndexName, IndexStats>,
  ) {
    this.postings = { sentences: new Held(POSTINGS_HELD), quotes: new Held(POSTINGS_HELD), titles: new Held(POSTINGS_HELD) };
    this.documents = { sentences: new Held(DOCUMENTS_HELD), quotes: new Held(DOCUMENTS_HELD), titles: new Held(DOCUMENTS_HELD) };
    this.best = { sentences: new RecentCache(BEST_CACHED), quotes: new RecentCache(BEST_CACHED), titles: new RecentCache(BEST_CACHED) };
    const sentences = stats.sentences.frequency;
    this.vocabulary = { frequency: (term) => sentences.get(term) ?? 0, size: stats.sentences.documents };
  }

  /** Reads a collection's vocabulary and index sizes. */
  static async open(db: pg.Pool, collection: number, server: string | null): Promise<PostgresIndex> {
    const [counts, terms] = await Promise.all([
      db.query<{ articles: number; sentences: number; quotes: number; sentence_length: string; quote_length: string; title_length: string; sentence_average: number | null; quote_average: number | null; title_average: number | null }>(
        'SELECT articles, sentences, quotes, sentence_length, quote_length, title_length, sentence_average, quote_average, title_average FROM collections WHERE id = $1',
        [collection],
      ),
      db.query<{ term: string; sentences: number; quotes: number; titles: number }>('SELECT term, sentences, quotes, titles FROM terms WHERE collection = $1', [collection]),
    ]);
    const row = counts.rows[0];
    if (!row) throw new Error(`no collection ${collection} in the database`);
    const stats = (documents: number, length: string, average: number | null): IndexStats => ({
      documents,
      averageLength: average ?? Number(length) / Math.max(1, documents),
      frequency: new Map(),
    });
    const all: Record<IndexName, IndexStats> = {
      sentences: stats(row.sentences, row.sentence_length, row.sentence_average),
      quotes: stats(row.quotes, row.quote_length, row.quote_average),
      titles: stats(row.articles, row.title_length, row.title_average),
    };
    for (const { term, sentences, quotes, titles } of terms.rows) {
      if (sentences > 0) all.sentences.frequency.set(term, sentences);
      if (quotes > 0) all.quotes.frequency.set(term, quotes);
      if (titles > 0) all.titles.frequency.set(term, titles);
    }
    return new PostgresIndex(db, collection, server, all);
  }

  /**
   * What the filters need of the library: the ids of an article's quotes and sentences (each article's are
   * consecutive) and a quote's kind; given by the view once both are open (PostgresLibrary.open).
   */
  private scope: IndexScope | null = null;

  useScope(scope: IndexScope): void {
    this.scope = scope;
  }

  async candidates(index: IndexName, plan: PlannedQuery, request: CandidateRequest = {}): Promise<Candidate[]> {
    const { filter = {}, prefix = false, limit } = request;
    if (filter.server !== undefined && filter.server !== this.server) return [];
    if (filter.kind !== undefined && filter.kind !== null && index !== 'quotes') return [];
    const { last, searched } = searchedTerms(plan, prefix);
    const specs = [
      ...searched.map((term) => ({ term, boost: 1, prefix: term === last, fuzzy: plan.unknown.has(term) ? fuzziness(term) : false })),
      ...[...plan.expansions].map(([term, boost]) => ({ term, boost, prefix: false, fuzzy: false as const })),
    ];
    if (specs.length === 0) return [];
    const stats = this.stats[index];
    const { column } = TABLE[index];
    const cache = this.postings[index];
    // The postings of the words and of what they expand to (the terms they start while typed, the terms
    // within their edit distance when unknown), in one round trip; the terms read lately are at hand.
    const values: unknown[] = [this.collection, INDEX_NUMBER[index]];
    const expansion = expansionQuery(column, specs, values);
    let expanded = specs.map(noExpansion);
    const fetched = new Map<string, TermPostings>();
    // The common words read apart from their rows, with their documents and best documents.
    let stored = new Map<string, HeldDocuments>();
    const cached = (term: string) => {
      const list = cache.peek(term);
      if (list) fetched.set(term, list);
      return list !== undefined;
    };
    if (expansion === null) {
      // No word is expanded: the candidate gate's decision is known from the vocabulary before any row is
      // read, and a common word's whole row is not read when the gate decides (readApart).
      const gate = this.gatedApart(specs, stats, cached);
      const apart = gate?.apart ?? new Map<string, HeldDocuments | null>();
      const wanted = [...new Set(specs.map((spec) => spec.term))].filter((term) => stats.frequency.has(term) && !apart.has(term) && !cached(term));
      const unheld = [...apart].filter(([, held]) => held === null).map(([term]) => term);
      if (wanted.length > 0 || unheld.length > 0) {
        values.push(wanted, unheld);
        const { rows } = await this.db.query<{ term: string; postings: string | null; docs: string | null; best: string | null }>({
          // Prepared once per connection (its plan, the primary key, is always the same).
          name: 'byline-postings',
          text: `SELECT term, encode(postings, 'base64') AS postings, NULL AS docs, NULL AS best FROM postings WHERE collection = $1 AND idx = $2 AND term = ANY($3::text[])
                 UNION ALL
                 SELECT term, NULL, encode(docs, 'base64'), encode(best, 'base64') FROM postings WHERE collection = $1 AND idx = $2 AND term = ANY($4::text[])`,
          values,
        });
        for (const row of rows) {
          if (row.postings !== null) {
            this.rowsRead.whole++;
            fetched.set(row.term, cache.add(row.term, decodePostings(fromBase64(row.postings))));
            continue;
          }
          if (row.docs === null || row.best === null) throw new Error(`the common term "${row.term}" has no documents kept apart from its row: ingest the library again`);
          this.rowsRead.apart++;
          const held = { docs: decodeDocuments(fromBase64(row.docs), stats.frequency.get(row.term) ?? 0), best: decodeIds(fromBase64(row.best)) };
          apart.set(row.term, this.documents[index].add(row.term, held));
        }
      }
      if (gate !== null && apart.size > 0) await this.readApart(index, specs, gate.common, apart as Map<string, HeldDocuments>, fetched);
      stored = apart as Map<string, HeldDocuments>;
    } else {
      // The expansions are looked up in the vocabulary; the words whose postings the process holds are not sent again.
      values.push(specs.map((spec) => spec.term).filter((term) => !cached(term)));
      const words = `$${values.length}`;
      const { rows } = await this.db.query<{ part: number; s: number | null; how: 'p' | 'f' | null; term: string; distance: number | null; ord: number | null; postings: string | null }>(
        `WITH x AS (${expansion})
         SELECT 0 AS part, x.s, x.how, x.term, x.distance, x.ord, NULL::text AS postings FROM x
         UNION ALL
         SELECT 1, NULL, NULL, p.term, NULL, NULL, encode(p.postings, 'base64') FROM postings p
          WHERE p.collection = $1 AND p.idx = $2 AND p.term IN (SELECT unnest(${words}::text[]) UNION SELECT term FROM x)`,
        values,
      );
      const found = rows.filter((row) => row.part === 0).sort((x, y) => x.ord! - y.ord!);
      expanded = collectExpansions(specs, found as { s: number; how: 'p' | 'f'; term: string; distance: number }[]);
      for (const row of rows) if (row.part === 1 && !fetched.has(row.term)) fetched.set(row.term, cache.add(row.term, decodePostings(fromBase64(row.postings!))));
    }
    const scored: ScoredSpec[] = specs.map((spec, s) => ({
      term: spec.term,
      boost: spec.boost,
      prefix: spec.prefix ? expanded[s]!.prefixAll : [],
      fuzzy: spec.fuzzy ? expanded[s]!.fuzzy : null,
    }));
    const size = { documents: stats.documents, averageLength: stats.averageLength };
    const best = this.best[index];
    return scorePostings(scored, fetched, size, {
      accept: this.acceptOf(index, filter),
      ...(limit !== undefined ? { limit } : {}),
      // A common word read apart: the best documents the ingest found over its whole row.
      best: (terms) => (terms.length === 1 && stored.get(terms[0]!)?.best) || best.get(terms.join('\u0000'), () => bestDocuments(terms, fetched, size)),
    });
  }

  /**
   * When no word is expanded and the candidate gate decides (src/search/score.ts `commonGroups`, from the
   * vocabulary's document frequencies): the common words to read apart from their whole rows, each with
   * what the process holds of it (null: to be read), and which words are common; null when there is no
   * gate. A common word whose whole row is held is not read apart, nor one that is two of the query's words
   * (every document of it passes the gate).
   */
  private gatedApart(
    specs: readonly { term: string }[],
    stats: IndexStats,
    cached: (term: string) => boolean,
  ): { apart: Map<string, HeldDocuments | null>; common: boolean[] } | null {
    const common = commonGroups(specs.map((spec) => stats.frequency.get(spec.term) ?? 0));
    if (common === null) return null;
    const words = new Map<string, number>();
    for (const spec of specs) words.set(spec.term, (words.get(spec.term) ?? 0) + 1);
    const apart = new Map<string, HeldDocuments | null>();
    specs.forEach((spec, g) => {
      if (!common[g] || words.get(spec.term) !== 1 || cached(spec.term)) return;
      apart.set(spec.term, this.documents[this.indexOf(stats)].peek(spec.term) ?? null);
    });
    return { apart, common };
  }

  private indexOf(stats: IndexStats): IndexName {
    return stats === this.stats.sentences ? 'sentences' : stats === this.stats.quotes ? 'quotes' : 'titles';
  }

  /**
   * The postings of the common words read apart that the candidate gate lets them score: those of the
   * documents that pass it (the documents of the words that are not common, each common word's best, the
   * documents of two common words), read from their rows by position in PostgreSQL (`byline_postings_at`)
   * and put in `fetched` as the postings of only those documents. (Not only those a filter lets through:
   * the scorer gives a slot to every document of the gate, and sizes its table by the postings given.)
   */
  private async readApart(
    index: IndexName,
    specs: readonly { term: string }[],
    common: readonly boolean[],
    apart: ReadonlyMap<string, HeldDocuments>,
    fetched: Map<string, TermPostings>,
  ): Promise<void> {
    const stats = this.stats[index];
    const size = { documents: stats.documents, averageLength: stats.averageLength };
    const passing: Int32Array[] = [];
    let seen: Int32Array = new Int32Array(0);
    let twice: Int32Array = new Int32Array(0);
    specs.forEach((spec, g) => {
      const held = apart.get(spec.term);
      const docs = held?.docs ?? fetched.get(spec.term)?.docs;
      if (!docs) return;
      if (!common[g]) {
        passing.push(docs);
        return;
      }
      passing.push(Int32Array.from(held?.best ?? this.best[index].get(spec.term, () => bestDocuments([spec.term], fetched, size))).sort());
      twice = union(twice, intersection(seen, docs));
      seen = union(seen, docs);
    });
    passing.push(twice);
    let passes: Int32Array = new Int32Array(0);
    for (const docs of passing) passes = union(passes, docs);
    const terms: string[] = [];
    const positions: string[] = [];
    const wanted: Int32Array[] = [];
    for (const [term, held] of apart) {
      const at: number[] = [];
      const docs = held.docs;
      for (let i = 0, j = 0; i < docs.length && j < passes.length; ) {
        if (docs[i]! < passes[j]!) i++;
        else if (docs[i]! > passes[j]!) j++;
        else {
          at.push(i);
          i++;
          j++;
        }
      }
      if (at.length === 0) {
        fetched.set(term, { docs: new Int32Array(0), frequencies: new Int32Array(0), lengths: new Int32Array(0), documents: docs.length });
        continue;
      }
      terms.push(term);
      positions.push(at.join(','));
      wanted.push(Int32Array.from(at, (i) => docs[i]!));
    }
    if (terms.length === 0) return;
    const { rows } = await this.db.query<{ term: string; postings: string }>({
      name: 'byline-postings-at',
      text: `SELECT p.term, encode(byline_postings_at(p.postings, string_to_array(w.positions, ',')::int[]), 'base64') AS postings
               FROM unnest($3::text[], $4::text[]) AS w(term, positions)
               JOIN postings p ON p.collection = $1 AND p.idx = $2 AND p.term = w.term`,
      values: [this.collection, INDEX_NUMBER[index], terms, positions],
    });
    for (const row of rows) {
      const t = terms.indexOf(row.term);
      const list = decodePostings(fromBase64(row.postings));
      const expected = wanted[t]!;
      if (list.docs.length !== expected.length || list.docs.some((doc, i) => doc !== expected[i])) {
        throw new Error(`the postings of "${row.term}" read by position are not its documents': ingest the library again`);
      }
      fetched.set(row.term, { ...list, documents: apart.get(row.term)!.docs.length });
    }
  }

  /** A filter's data as a test on document ids (the embedded index's), or null when it lets every document through. */
  private acceptOf(index: IndexName, filter: CandidateFilter): ((id: number) => boolean) | null {
    const { article, kind } = filter;
    const tests: ((id: number) => boolean)[] = [];
    if (article !== undefined && article !== null) {
      if (index === 'titles') tests.push((id) => id === article);
      else {
        const { first, end } = this.scopeOf().range(index, article);
        tests.push((id) => id >= first && id < end);
      }
    }
    if (kind !== undefined && kind !== null) {
      const scope = this.scopeOf();
      tests.push((id) => scope.kind(id) === kind);
    }
    if (tests.length === 0) return null;
    if (tests.length === 1) return tests[0]!;
    return (id) => tests.every((test) => test(id));
  }

  private scopeOf(): IndexScope {
    if (!this.scope) throw new Error('the PostgreSQL index was asked for an article or a kind before its view was given');
    return this.scope;
  }
}

/** What the index's filters read of the library (the view holds it). */
export interface IndexScope {
  /** The ids of an article's quotes or sentences: from `first` to `end` (excluded). */
  range(index: 'quotes' | 'sentences', article: number): { first: number; end: number };
  /** A quote's kind. */
  kind(id: number): QuoteKind;
}

/**
 * A postings row as the statements send it: base64 (`encode(postings, 'base64')`), 1.35 times its bytes,
 * where node-postgres would read a `bytea` as hexadecimal text, twice its bytes (a common word's row is
 * over a megabyte), then decode it. node-postgres cannot read binary rows: its protocol parser reads every
 * value as UTF-8 text ("binary mode not supported yet"). PostgreSQL breaks base64 into lines; Node's
 * decoder skips the line breaks.
 */
function fromBase64(text: string): Buffer {
  return Buffer.from(text, 'base64');
}

/** The index numbers of the `postings` table. */
const INDEX_NUMBER: Record<IndexName, number> = { sentences: 0, quotes: 1, titles: 2 };

/** Postings held per index, at most (as documents): the terms searched lately, decoded. About 12 bytes each. */
export const POSTINGS_HELD = 500_000;

/** Documents of the common terms' lists held per index, at most (4 bytes each): the terms read apart lately. */
export const DOCUMENTS_HELD = 1_000_000;

/** A common term's documents (ascending) and the GATE_BEST it alone scores best, as the ingest wrote them. */
interface HeldDocuments {
  docs: Int32Array;
  best: Int32Array;
}

/** What was read lately of terms, at most `limit` documents' worth per index; the least recently used go first. */
class Held<V extends { docs: ArrayLike<number> }> {
  private readonly lists = new Map<string, V>();
  private held = 0;
  constructor(private readonly limit: number) {}

  peek(term: string): V | undefined {
    const list = this.lists.get(term);
    if (list) {
      this.lists.delete(term);
      this.lists.set(term, list);
    }
    return list;
  }

  add(term: string, list: V): V {
    if (this.lists.has(term) || list.docs.length > this.limit) return list;
    this.lists.set(term, list);
    this.held += list.docs.length;
    for (const [old, oldList] of this.lists) {
      if (this.held <= this.limit) break;
      this.lists.delete(old);
      this.held -= oldList.docs.length;
    }
    return list;
  }
}

/** 32-bit little-endian integers as the `postings.best` column holds them. */
function decodeIds(bytes: Buffer): Int32Array {
  const ids = new Int32Array(bytes.length >> 2);
  for (let i = 0; i < ids.length; i++) ids[i] = bytes.readInt32LE(i * 4);
  return ids;
}

/** The ids in either of two ascending lists, ascending, once each. */
function union(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Int32Array(a.length + b.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) (out[n++] = x), i++;
    else if (x > y) (out[n++] = y), j++;
    else (out[n++] = x), i++, j++;
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}

/** The ids in both of two ascending lists, ascending. */
function intersection(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else (out[n++] = a[i]!), i++, j++;
  }
  return out.subarray(0, n);
}

type Expansion = { prefix: string[]; prefixAll: string[]; fuzzy: [string, number][]; fuzzyAll: string[] };

const noExpansion = (): Expansion => ({ prefix: [], prefixAll: [], fuzzy: [], fuzzyAll: [] });

/**
 * Per query word: the terms it starts (while typed; the word itself included in `prefixAll`) and the terms
 * within its edit distance (when the library does not know it), as one query (its parameters added to
 * `values`), each row numbered `ord` in the order of the terms; null when no word is expanded.
 */
function expansionQuery(column: string, specs: { term: string; prefix: boolean; fuzzy: number | false }[], values: unknown[]): string | null {
  const wanted = specs.map((spec, s) => ({ ...spec, s })).filter((spec) => spec.prefix || spec.fuzzy);
  if (wanted.length === 0) return null;
  const parts: string[] = [];
  for (const spec of wanted) {
    if (spec.prefix) {
      values.push(spec.term.replace(/[\\%_]/g, (c) => `\\${c}`) + '%');
      parts.push(`SELECT ${spec.s} AS s, 'p' AS how, term, 0 AS distance FROM terms WHERE collection = $1 AND ${column} > 0 AND term LIKE $${values.length}`);
    }
    if (spec.fuzzy) {
      values.push(spec.term);
      const t = `$${values.length}`;
      parts.push(
        `SELECT ${spec.s} AS s, 'f' AS how, term, levenshtein(term, ${t}) AS distance FROM terms
          WHERE collection = $1 AND ${column} > 0 AND length(term) BETWEEN length(${t}) - ${spec.fuzzy} AND length(${t}) + ${spec.fuzzy}
            AND levenshtein_less_equal(term, ${t}, ${spec.fuzzy}) <= ${spec.fuzzy}`,
      );
    }
  }
  return `SELECT e.*, (row_number() OVER (ORDER BY e.term))::int AS ord FROM (${parts.join(' UNION ALL ')}) e`;
}

/** The expansions of each query word, from the rows of `expansionQuery` in their order. */
function collectExpansions(specs: readonly unknown[], rows: { s: number; how: 'p' | 'f'; term: string; distance: number }[]): Expansion[] {
  const out = specs.map(noExpansion);
  for (const row of rows) {
    const entry = out[row.s]!;
    if (row.how === 'p') {
      entry.prefixAll.push(row.term);
      entry.prefix.push(row.term);
    } else {
      entry.fuzzyAll.push(row.term);
      entry.fuzzy.push([row.term, row.distance]);
    }
  }
  return out;
}
