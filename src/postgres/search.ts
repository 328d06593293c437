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
import { RecentCache } from '../search/recent-cache.ts';
import { bestDocuments, decodePostings, scorePostings, type ScoredSpec, type TermPostings } from './score.ts';

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
  private readonly postings: Record<IndexName, HeldPostings>;
  /** Per index, the documents each common group of terms scores best (the candidate gate's), for the groups searched lately. */
  private readonly best: Record<IndexName, RecentCache<string, Int32Array>>;

  private constructor(
    private readonly db: pg.Pool,
    private readonly collection: number,
    private readonly server: string | null,
    private readonly stats: Record<IndexName, IndexStats>,
  ) {
    this.postings = { sentences: new HeldPostings(POSTINGS_HELD), quotes: new HeldPostings(POSTINGS_HELD), titles: new HeldPostings(POSTINGS_HELD) };
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
    const cached = (term: string) => {
      const list = cache.peek(term);
      if (list) fetched.set(term, list);
      return list !== undefined;
    };
    if (expansion === null) {
      const wanted = [...new Set(specs.map((spec) => spec.term))].filter((term) => stats.frequency.has(term) && !cached(term));
      if (wanted.length > 0) {
        values.push(wanted);
        const { rows } = await this.db.query<{ term: string; postings: string }>({
          // Prepared once per connection (its plan, the primary key, is always the same).
          name: 'byline-postings',
          text: `SELECT term, encode(postings, 'base64') AS postings FROM postings WHERE collection = $1 AND idx = $2 AND term = ANY($3::text[])`,
          values,
        });
        for (const row of rows) fetched.set(row.term, cache.add(row.term, decodePostings(fromBase64(row.postings))));
      }
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
      best: (terms) => best.get(terms.join('\u0000'), () => bestDocuments(terms, fetched, size)),
    });
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

/** A term's postings read lately, at most POSTINGS_HELD documents' worth per index; the least recently used go first. */
class HeldPostings {
  private readonly lists = new Map<string, TermPostings>();
  private held = 0;
  constructor(private readonly limit: number) {}

  peek(term: string): TermPostings | undefined {
    const list = this.lists.get(term);
    if (list) {
      this.lists.delete(term);
      this.lists.set(term, list);
    }
    return list;
  }

  add(term: string, list: TermPostings): TermPostings {
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
