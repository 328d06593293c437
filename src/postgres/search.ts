/**
 * The PostgreSQL search index behind the seam (src/seam.ts). Candidates come from PostgreSQL's full-text
 * search: the documents whose `terms` tsvector matches any searched term (a GIN index), each with how
 * often it holds each term; a word being typed is expanded to the terms it starts (a `text_pattern_ops`
 * index) and a word the library does not know to the terms within its edit distance (`fuzzystrmatch`).
 * The documents found are then scored exactly as the embedded index scores them (src/search/index.ts:
 * MiniSearch's BM25 with byline's parameters, prefix and fuzzy weights, synonym boosts, the candidate gate),
 * so byline's re-ranking on top sees the same candidates in the same order.
 *
 * The vocabulary (in how many sentences, quotes and titles each term occurs) is read once when the index is
 * opened: planning a query is synchronous and needs it for every word.
 */
import type pg from 'pg';
import type { Candidate, CandidateRequest, IndexName, SearchIndex } from '../seam.ts';
import { BM25, fuzziness, GATE_BEST, GATE_POSTINGS, searchedTerms, type PlannedQuery, type Vocabulary } from '../search/index.ts';

/** MiniSearch's default weights of a prefix and a fuzzy match (what the embedded index searches with). */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** Per index: how many documents, their average length, and each term's document frequency. */
interface IndexStats {
  documents: number;
  averageLength: number;
  frequency: Map<string, number>;
}

const TABLE: Record<IndexName, { table: string; id: string; article: string; column: 'sentences' | 'quotes' | 'titles' }> = {
  quotes: { table: 'quotes', id: 'id', article: 'article', column: 'quotes' },
  sentences: { table: 'sentences', id: 'id', article: 'article', column: 'sentences' },
  titles: { table: 'articles', id: 'num', article: 'num', column: 'titles' },
};

export class PostgresIndex implements SearchIndex {
  readonly vocabulary: Vocabulary;

  private constructor(
    private readonly db: pg.Pool,
    private readonly collection: number,
    private readonly server: string | null,
    private readonly stats: Record<IndexName, IndexStats>,
  ) {
    const sentences = stats.sentences.frequency;
    this.vocabulary = { frequency: (term) => sentences.get(term) ?? 0, size: stats.sentences.documents };
  }

  /** Reads a collection's vocabulary and index sizes. */
  static async open(db: pg.Pool, collection: number, server: string | null): Promise<PostgresIndex> {
    const [counts, terms] = await Promise.all([
      db.query<{ articles: number; sentences: number; quotes: number; sentence_length: string; quote_length: string; title_length: string }>(
        'SELECT articles, sentences, quotes, sentence_length, quote_length, title_length FROM collections WHERE id = $1',
        [collection],
      ),
      db.query<{ term: string; sentences: number; quotes: number; titles: number }>('SELECT term, sentences, quotes, titles FROM terms WHERE collection = $1', [collection]),
    ]);
    const row = counts.rows[0];
    if (!row) throw new Error(`no collection ${collection} in the database`);
    const stats = (documents: number, length: string): IndexStats => ({
      documents,
      averageLength: Number(length) / Math.max(1, documents),
      frequency: new Map(),
    });
    const all: Record<IndexName, IndexStats> = {
      sentences: stats(row.sentences, row.sentence_length),
      quotes: stats(row.quotes, row.quote_length),
      titles: stats(row.articles, row.title_length),
    };
    for (const { term, sentences, quotes, titles } of terms.rows) {
      if (sentences > 0) all.sentences.frequency.set(term, sentences);
      if (quotes > 0) all.quotes.frequency.set(term, quotes);
      if (titles > 0) all.titles.frequency.set(term, titles);
    }
    return new PostgresIndex(db, collection, server, all);
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
    const { table, id, article, column } = TABLE[index];
    // What each query word is searched as: itself, the terms it starts while typed, the terms within its edit distance.
    const byArticle = filter.article !== undefined && filter.article !== null;
    const postingsOf = (query: string, terms: string) =>
      `SELECT d.${id} AS id, d.length, u.lexeme, coalesce(array_length(u.positions, 1), 1) AS tf, ${index === 'quotes' ? 'd.kind' : 'NULL'} AS kind
         FROM ${table} d, unnest(d.terms) u
        WHERE d.collection = $1 AND d.terms @@ ${query} AND u.lexeme = ANY(${terms})${byArticle ? ` AND d.${article} = $2` : ''}`;
    const values: unknown[] = [this.collection, ...(byArticle ? [filter.article] : [])];
    const expansion = expansionQuery(column, specs, values);
    let expanded = specs.map(noExpansion);
    let rows: { id: number; length: number; lexeme: string; tf: number; kind: string | null }[];
    if (expansion === null) {
      const terms = [...new Set(specs.map((spec) => spec.term))].filter((term) => stats.frequency.has(term));
      if (terms.length === 0) return [];
      values.push(terms.map(lexeme).join(' | '), terms);
      ({ rows } = await this.db.query(postingsOf(`$${values.length - 1}::tsquery`, `$${values.length}::text[]`), values));
    } else {
      // One round trip: the expansions, and the postings of the words with their expansions the library
      // holds (as the vocabulary read at start has them: the terms of this index).
      values.push(specs.map((spec) => spec.term));
      const all = await this.db.query<{ part: number; s: number | null; how: 'p' | 'f' | null; term: string; distance: number | null; id: number; length: number; tf: number; kind: string | null }>(
        `WITH x AS (${expansion}),
              t AS (SELECT DISTINCT a.term FROM (SELECT unnest($${values.length}::text[]) AS term UNION ALL SELECT term FROM x) a
                     WHERE EXISTS (SELECT 1 FROM terms v WHERE v.collection = $1 AND v.term = a.term AND v.${column} > 0)),
              q AS (SELECT string_agg('''' || replace(replace(term, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery AS query, array_agg(term) AS terms FROM t)
         SELECT 0 AS part, x.s, x.how, x.term, x.distance, x.ord AS id, NULL::int AS length, NULL::int AS tf, NULL::text AS kind FROM x
         UNION ALL
         SELECT 1, NULL, NULL, p.lexeme, NULL, p.id, p.length, p.tf, p.kind FROM q, LATERAL (${postingsOf('q.query', 'q.terms')}) p`,
        values,
      );
      const found = all.rows.filter((row) => row.part === 0).sort((x, y) => x.id - y.id);
      expanded = collectExpansions(specs, found as { s: number; how: 'p' | 'f'; term: string; distance: number }[]);
      rows = all.rows.filter((row) => row.part === 1).map((row) => ({ id: row.id, length: row.length, lexeme: row.term, tf: row.tf, kind: row.kind }));
    }
    // Postings per term, in document order (as MiniSearch walks them).
    rows.sort((x, y) => x.id - y.id);
    const postings = new Map<string, { id: number; tf: number; length: number }[]>();
    const kinds = new Map<number, string | null>();
    for (const row of rows) {
      let list = postings.get(row.lexeme);
      if (!list) postings.set(row.lexeme, (list = []));
      list.push({ id: row.id, tf: row.tf, length: row.length });
      kinds.set(row.id, row.kind);
    }
    const bm25 = (term: string, tf: number, length: number) => {
      const df = stats.frequency.get(term) ?? 0;
      const idf = Math.log(1 + (stats.documents - df + 0.5) / (df + 0.5));
      return idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / stats.averageLength)));
    };
    // The gate (as runQuery's): each searched word with its expansions is a group; the synonyms one each.
    const groups = specs.map((spec, s) =>
      s < searched.length ? [...new Set([spec.term, ...(spec.prefix ? expanded[s]!.prefixAll : []), ...(spec.fuzzy ? expanded[s]!.fuzzyAll : [])])] : [spec.term],
    );
    // Filtered by article, the documents found are all the article's: every one is scored (the gate is for
    // a whole library's common words), which can only add candidates to the embedded engine's.
    const pass = byArticle ? null : gate(groups, stats, postings, bm25);
    // Scored as MiniSearch scores an OR query: per query word, its own term, then its prefix and fuzzy terms.
    const results = new Map<number, { score: number; words: number; lastWord: number }>();
    specs.forEach((spec, s) => {
      const add = (term: string, weight: number) => {
        for (const posting of postings.get(term) ?? []) {
          if (pass && pass.gated.has(term) && !pass.passes.has(posting.id)) continue;
          const score = weight * spec.boost * bm25(term, posting.tf, posting.length);
          const result = results.get(posting.id);
          if (!result) results.set(posting.id, { score, words: 1, lastWord: s });
          else {
            result.score += score;
            if (result.lastWord !== s) {
              result.words++;
              result.lastWord = s;
            }
          }
        }
      };
      add(spec.term, 1);
      const prefixed = new Set<string>();
      if (spec.prefix) {
        for (const term of expanded[s]!.prefix) {
          const distance = term.length - spec.term.length;
          if (!distance) continue;
          prefixed.add(term);
          add(term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance));
        }
      }
      if (spec.fuzzy) {
        for (const [term, distance] of expanded[s]!.fuzzy) {
          if (!distance || prefixed.has(term)) continue;
          add(term, (FUZZY_WEIGHT * term.length) / (term.length + distance));
        }
      }
    });
    const kind = filter.kind ?? null;
    const found: Candidate[] = [];
    for (const [doc, result] of results) {
      if (kind !== null && kinds.get(doc) !== kind) continue;
      found.push({ id: doc, score: result.score * result.words });
    }
    // Best first; equal scores in the order MiniSearch meets them.
    const order = new Map([...results.keys()].map((doc, i) => [doc, i]));
    found.sort((x, y) => y.score - x.score || order.get(x.id)! - order.get(y.id)!);
    return limit === undefined ? found : found.slice(0, limit);
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

/** A term as a tsquery operand: quoted, so that it is taken as it is (no parsing, no stemming). */
function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * runQuery's candidate gate (src/search/index.ts), on the postings fetched: when the query's words have
 * more than GATE_POSTINGS postings together, a common word (more than GATE_BEST documents) scores only the
 * documents holding another word of the query and the GATE_BEST it alone scores best.
 */
function gate(
  groups: string[][],
  stats: IndexStats,
  postings: Map<string, { id: number; tf: number; length: number }[]>,
  bm25: (term: string, tf: number, length: number) => number,
): { gated: Set<string>; passes: Set<number> } | null {
  const sizes = groups.map((terms) => terms.reduce((n, term) => n + (stats.frequency.get(term) ?? 0), 0));
  if (sizes.reduce((sum, n) => sum + n, 0) <= GATE_POSTINGS) return null;
  const passes = new Set<number>();
  const counts = new Map<number, number>();
  const gated = new Set<string>();
  groups.forEach((terms, g) => {
    if (sizes[g]! <= GATE_BEST) {
      for (const term of terms) for (const posting of postings.get(term) ?? []) passes.add(posting.id);
      return;
    }
    for (const term of terms) gated.add(term);
    // The GATE_BEST documents the word alone scores best (each term's postings offered in turn, as bestPostings does).
    const offered: { id: number; score: number; order: number }[] = [];
    for (const term of terms) for (const posting of postings.get(term) ?? []) offered.push({ id: posting.id, score: bm25(term, posting.tf, posting.length), order: offered.length });
    offered.sort((x, y) => y.score - x.score || x.order - y.order);
    for (const best of offered.slice(0, GATE_BEST)) passes.add(best.id);
    const seen = new Set<number>();
    for (const term of terms) {
      for (const posting of postings.get(term) ?? []) {
        if (seen.has(posting.id)) continue;
        seen.add(posting.id);
        counts.set(posting.id, (counts.get(posting.id) ?? 0) + 1);
      }
    }
  });
  for (const [doc, count] of counts) if (count >= 2) passes.add(doc);
  return { gated, passes };
}
