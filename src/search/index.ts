/**
 * The library's search indexes, built on MiniSearch:
 *
 * - **quotes**: one document per quote (direct, partial or indirect), so `/who-said` ranks whole quotes,
 *   including quotes spanning sentences;
 * - **sentences**: one document per sentence, for `/what-happened`;
 * - **titles**: one document per article title, which lifts the sentences of an article whose title
 *   matches the topic.
 *
 * Documents are identified by their position across the library (`QuoteTable`, `SentenceTable`), so the
 * index stores no fields at all and stays small. Terms are byline's own (src/search/terms.ts): folded,
 * stemmed, stop words dropped. Indexes are built a segment of articles at a time and searched as read-only
 * views over flat arrays (src/search/persist.ts), the same whether built or loaded; queries are planned
 * (`planQuery`) and common words gated (`runQuery`) so that MiniSearch scores only what can rank.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { Article, Sentence } from '../model.ts';
import { expandQuery } from './synonyms.ts';
import { bestPostings, expansionsOf, indexFromSegments, indexToBytes, postingParts, scoreTerms, skipGated, termCounts, type PostingPart, type TermSpec } from './persist.ts';
import { batchSizesOf } from '../load/batches.ts';
import { sentenceCount, sentenceOf } from '../load/store-format.ts';
import { QuoteTable } from './quote-table.ts';

export type { QuoteEntry } from './quote-table.ts';
export { QuoteTable } from './quote-table.ts';
import { normalizeTerm, tokenize } from './terms.ts';
import { RecentCache } from './recent-cache.ts';
import { commonGroups, GATE_BEST, GATE_POSTINGS } from './score.ts';

export interface SentenceEntry {
  article: number;
  sentence: Sentence;
}

export interface Doc {
  id: number;
  text: string;
}



/** BM25 as MiniSearch's defaults (k 1.2, b 0.7) but a lighter length penalty: sentences are short. */
export const BM25 = { k: 1.2, b: 0.5, d: 0.5 };

/**
 * Quotes are indexed by their own words only; the words of their sentence still count when candidates are
 * re-ranked (src/queries/who-said.ts), so indexing them again would only cost memory.
 */
export const QUOTE_FIELDS = ['text'];
export const SENTENCE_FIELDS = ['text'];

/** The options every index is built and loaded with (a persisted index must be loaded with the same). */
export function indexOptions(fields: string[]): Options<Doc> {
  return {
    fields,
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => normalizeTerm(term),
    searchOptions: { bm25: BM25 },
  };
}

export interface Indexes {
  quotes: MiniSearch<Doc>;
  sentences: MiniSearch<Doc>;
  titles: MiniSearch<Doc>;
  /** The quote a quote document id stands for, as columns (src/search/quote-table.ts). */
  quoteEntries: QuoteTable;
  /** The sentence a sentence document id stands for. */
  sentenceEntries: SentenceTable;
  /** Number of sentences each term occurs in: the basis of term weights. */
  documentFrequency: Map<string, number>;
}

/**
 * The library's sentences by document id (their position across all articles), found through each
 * article's first id: no object is kept per sentence, and a sentence of an article loaded from the store
 * is cut alone when asked for (the article's own list is cut only when something reads it).
 */
export class SentenceTable {
  /** The first sentence id of each article, and the total after the last. */
  private readonly starts: Int32Array;

  constructor(private readonly articles: readonly Article[]) {
    this.starts = new Int32Array(articles.length + 1);
    articles.forEach((article, a) => (this.starts[a + 1] = this.starts[a]! + sentenceCount(article)));
  }

  get length(): number {
    return this.starts[this.articles.length]!;
  }

  /** The id of an article's first sentence. */
  first(article: number): number {
    return this.starts[article]!;
  }

  /** The article a sentence id belongs to. */
  articleOf(id: number): number {
    let low = 0;
    let high = this.articles.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.starts[middle]! <= id) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  at(id: number): SentenceEntry | undefined {
    if (!(id >= 0 && id < this.length)) return undefined;
    const article = this.articleOf(id);
    const sentence = sentenceOf(this.articles[article]!, id - this.starts[article]!);
    return sentence ? { article, sentence } : undefined;
  }
}

/**
 * A batch's part of the library's three indexes, each a MiniSearch index as bytes (src/search/persist.ts),
 * its documents numbered from 0: a batch's segment. The library searches its batches' segments joined
 * (`indexFromSegments`), so a batch rebuilt changes its own segment and no other.
 */
export interface IndexSegment {
  quotes: Uint8Array;
  sentences: Uint8Array;
  titles: Uint8Array;
}

/**
 * Indexes one batch of articles, an article at a time (the build lets each go once added): its quotes,
 * sentences and titles, each as one MiniSearch segment whose documents are numbered from 0 in the batch
 * (the library's number is the batch's first plus that).
 */
export class SegmentBuilder {
  private readonly sentences = new MiniSearch<Doc>(indexOptions(SENTENCE_FIELDS));
  private readonly quotes = new MiniSearch<Doc>(indexOptions(QUOTE_FIELDS));
  private readonly titles = new MiniSearch<Doc>(indexOptions(SENTENCE_FIELDS));
  private articleCount = 0;
  private sentenceCount = 0;
  private quoteCount = 0;

  add(article: Article): void {
    this.titles.add({ id: this.articleCount++, text: article.title });
    for (const sentence of article.sentences) this.sentences.add({ id: this.sentenceCount++, text: sentence.text });
    for (const quote of article.quotes) this.quotes.add({ id: this.quoteCount++, text: quote.text });
  }

  finish(): IndexSegment {
    return {
      quotes: indexToBytes(this.quotes as MiniSearch<unknown>),
      sentences: indexToBytes(this.sentences as MiniSearch<unknown>),
      titles: indexToBytes(this.titles as MiniSearch<unknown>),
    };
  }
}

/** One batch's segment of the indexes (see `SegmentBuilder`). */
export function indexSegment(articles: readonly Article[]): IndexSegment {
  const builder = new SegmentBuilder();
  for (const article of articles) builder.add(article);
  return builder.finish();
}

/** A library's indexes built in memory: its articles cut into batches as the store cuts them, a segment each. */
export function buildIndexes(articles: Article[]): Indexes {
  const segments: IndexSegment[] = [];
  let from = 0;
  for (const size of batchSizesOf(articles)) {
    segments.push(indexSegment(articles.slice(from, from + size)));
    from += size;
  }
  // An empty library still gets indexes with their fields, to be searched (and found empty).
  if (segments.length === 0) segments.push(indexSegment([]));
  return indexesFromSegments(segments, articles);
}

/**
 * A library's indexes from its batches' segments, in library order: read-only MiniSearch indexes over the
 * segments' arrays (nothing is copied: see `indexFromSegments`), the quote table (the store's, or one made
 * from the articles held in memory), and the term frequencies, which are the sentence index's: in how
 * many sentences each term occurs is the number of its postings there.
 */
export function indexesFromSegments(segments: readonly IndexSegment[], articles: Article[], quotes: QuoteTable = QuoteTable.fromArticles(articles)): Indexes {
  const sentences = indexFromSegments(
    segments.map((segment) => segment.sentences),
    indexOptions(SENTENCE_FIELDS),
  );
  return {
    quoteEntries: quotes,
    sentenceEntries: new SentenceTable(articles),
    quotes: indexFromSegments(
      segments.map((segment) => segment.quotes),
      indexOptions(QUOTE_FIELDS),
    ),
    sentences,
    titles: indexFromSegments(
      segments.map((segment) => segment.titles),
      indexOptions(SENTENCE_FIELDS),
    ),
    documentFrequency: termCounts(sentences as MiniSearch<unknown>),
  };
}

/** The index terms of a text, in order (stop words dropped). */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = normalizeTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

/** Synonyms added to a search per query term: enough for paraphrases, few enough to stay precise and fast. */
const SYNONYMS_PER_TERM = 6;

export interface PlannedQuery {
  /** The informative terms of the query, in order: what re-ranking compares. */
  terms: string[];
  /** The terms the index is searched for: the query's terms less those too common to tell documents apart. */
  searched: string[];
  /** Terms the index does not know: only these are looked up fuzzily. */
  unknown: Set<string>;
  /** Synonyms added to the search, with their weight (< 1). */
  expansions: Map<string, number>;
}

/** What a plan needs to know of the library's vocabulary. */
export interface Vocabulary {
  /** In how many sentences a term occurs (0: unknown to the index). */
  frequency(term: string): number;
  /** How many sentences there are. */
  size: number;
}

/**
 * A term in more than this share of the sentences (and more than COMMON_FLOOR of them) is too common to
 * generate candidates: MiniSearch would score every sentence holding it, which at 10,000 articles means
 * hundreds of thousands. It still counts in the re-ranking, like a stop word does.
 */
const COMMON_SHARE = 0.01;
const COMMON_FLOOR = 500;
/** The rarest terms always search, however common, so a query of common words still finds something. */
const ALWAYS_SEARCHED = 2;
/**
 * At most this many sentence postings are searched per query (beyond the two rarest terms): the rest of
 * the query's words count in the re-ranking only. In a library of a few hundred articles every word fits.
 */
const POSTINGS_BUDGET = 8_000;
/** Synonyms are added only if they are rarer still: an expansion must not cost more than the query. */
const EXPANSION_SHARE = 0.0025;

/**
 * Plans a query instead of sending the raw text to MiniSearch: stop words never decide a match, very
 * common words do not generate candidates, typo tolerance is spent only on words the index does not
 * know, and synonyms are added at a lower weight.
 */
export function planQuery(
  text: string,
  vocabulary: Vocabulary,
  options: { synonyms?: boolean; fuzzy?: boolean } = {},
): PlannedQuery {
  const terms = termsOf(text);
  const known = (term: string) => vocabulary.frequency(term) > 0;
  const common = Math.max(COMMON_FLOOR, vocabulary.size * COMMON_SHARE);
  const rarest = [...new Set(terms)].sort((a, b) => vocabulary.frequency(a) - vocabulary.frequency(b));
  // The rarest terms first, while the sentences they would have MiniSearch score stay within budget.
  const searched: string[] = [];
  let postings = 0;
  for (const term of rarest) {
    const frequency = vocabulary.frequency(term);
    const affordable = frequency <= common && postings + frequency <= POSTINGS_BUDGET;
    if (searched.length < ALWAYS_SEARCHED || affordable) {
      searched.push(term);
      postings += frequency;
    }
  }
  const unknown = new Set(options.fuzzy === false ? [] : terms.filter((term) => !known(term)));
  const expansions = new Map<string, number>();
  if (options.synonyms !== false) {
    const cheap = (term: string) => known(term) && vocabulary.frequency(term) <= Math.max(COMMON_FLOOR, vocabulary.size * EXPANSION_SHARE);
    for (const { term, weight } of expandQuery(searched, { limit: SYNONYMS_PER_TERM, known: cheap })) {
      if (terms.includes(term) || postings + vocabulary.frequency(term) > POSTINGS_BUDGET) continue;
      expansions.set(term, weight);
      postings += vocabulary.frequency(term);
    }
  }
  return { terms, searched, unknown, expansions };
}

/**
 * The terms a planned query searches an index for, and the one searched as a prefix (autocomplete), if
 * any. Shared by every search index (embedded and PostgreSQL), so that both search the same terms.
 */
export function searchedTerms(plan: PlannedQuery, prefix: boolean): { last: string | undefined; searched: string[] } {
  // The word being typed is searched as a prefix, even when common: it is what the person is completing.
  // One or two letters would expand to thousands of terms, so it waits for a third.
  const typing = plan.terms[plan.terms.length - 1];
  // Once two words are complete they find the quote; expanding the third as a prefix would only cost time.
  const complete = plan.searched.filter((term) => term !== typing).length;
  const last = prefix && typing && typing.length >= MIN_PREFIX && complete < 2 ? typing : undefined;
  const searched = (last && !plan.searched.includes(last) ? [...plan.searched, last] : plan.searched).filter(
    (term) => !prefix || term !== typing || term === last,
  );
  return { last, searched };
}

/** A document a query found: its id in the index and its score (MiniSearch's). */
export interface Hit {
  id: number;
  score: number;
}

/**
 * Runs a planned query against one index, best first. `prefix` lets the last word be incomplete
 * (autocomplete); `limit` keeps the best only. An index loaded from bytes (every index of a library) is
 * scored on its postings arrays (`scoreTerms`, src/search/persist.ts): MiniSearch's own scores and order,
 * without a result object per document found. `viaMiniSearch` asks MiniSearch's search itself, which
 * answers for any other index: the tests hold the two equal.
 */
export function runQuery(
  index: MiniSearch<Doc>,
  plan: PlannedQuery,
  options: { prefix?: boolean; boost?: Record<string, number>; filter?: (id: number) => boolean; limit?: number; viaMiniSearch?: boolean } = {},
): Hit[] {
  const { last, searched } = searchedTerms(plan, options.prefix === true);
  const all = [...searched, ...plan.expansions.keys()];
  if (all.length === 0) return [];
  const fuzzy = (term: string) => (plan.unknown.has(term) ? fuzziness(term) : false);
  const prefix = (term: string) => options.prefix === true && term === last;
  const boostTerm = (term: string) => plan.expansions.get(term) ?? 1;
  // Each query word as MiniSearch will search it: itself, its prefix expansions, its fuzzy matches.
  const specs: TermSpec[] = all.map((term) => {
    const spec: TermSpec = { term, boost: boostTerm(term), prefix: prefix(term), fuzzy: fuzzy(term) };
    return spec.prefix || spec.fuzzy ? { ...spec, expansions: expansionsOf(index as MiniSearch<unknown>, term, spec.prefix, spec.fuzzy) } : spec;
  });
  const groups: string[][] = specs.map((spec) =>
    spec.expansions ? [...new Set([spec.term, ...spec.expansions.prefix.map(([term]) => term), ...(spec.expansions.fuzzy?.keys() ?? [])])] : [spec.term],
  );
  const gate = candidateGate(index as MiniSearch<unknown>, groups);
  try {
    if (!options.boost && !options.viaMiniSearch) {
      const scored = scoreTerms(index as MiniSearch<unknown>, specs, {
        bm25: BM25,
        skip: gate ? { terms: gate.gated, counts: gate.counts, passing: gate.passing } : null,
        accept: options.filter ?? null,
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
      });
      if (scored) return scored;
    }
    const search: SearchOptions = {
      combineWith: 'OR',
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      fuzzy,
      prefix,
      boostTerm,
      bm25: BM25,
      ...(options.boost ? { boost: options.boost } : {}),
      ...(options.filter ? { filter: (result) => options.filter!(result.id as number) } : {}),
      ...(gate ? { boostDocument: gate.boost } : {}),
    };
    gate?.start();
    const found = index.search(all.join(' '), search);
    const hits = options.limit === undefined ? found : found.slice(0, options.limit);
    return hits.map((hit) => ({ id: hit.id as number, score: hit.score }));
  } finally {
    gate?.release();
  }
}

export { GATE_BEST, GATE_POSTINGS };

/** Per index, the counts the gate keeps per document, reused from query to query. */
const gateCounts = new WeakMap<MiniSearch<unknown>, { counts: Uint8Array; seen: Uint32Array; group: number }>();

/**
 * MiniSearch scores every document of every term it searches, and at 10,000 articles a common word ("people",
 * "state") is in tens of thousands of sentences: a topic made of common words took 100 ms and more. When
 * the query's words have more than GATE_POSTINGS postings together, the gate lets each word score only the
 * documents that can rank: those holding another word of the query, and the GATE_BEST documents the word
 * alone scores best (what a search for that word alone would rank first; all of a rare word's). The rest
 * are skipped before they are scored (`scoreTerms` looks the few that pass up in a common word's postings;
 * MiniSearch's own search, where it answers, gets the gate as a `boostDocument` returning 0), so no result
 * is built, kept or sorted for them.
 *
 * Each group is one query word as MiniSearch searches it: the word, its prefix expansions while it is being
 * typed, its fuzzy matches when the index does not know it. Below GATE_POSTINGS (a library of a few
 * hundred articles, or rare words) there is no gate and every document found is scored.
 */
function candidateGate(
  index: MiniSearch<unknown>,
  groups: string[][],
): {
  boost: (id: unknown, term: string) => number;
  gated: ReadonlySet<string>;
  counts: Uint8Array;
  /** The documents whose count is 2, ascending. */
  passing: Int32Array;
  start: () => void;
  release: () => void;
} | null {
  const postings = groups.map((terms) => terms.flatMap((term) => postingParts(index, term)));
  const size = (parts: PostingPart[]) => parts.reduce((n, part) => n + part.docs.length, 0);
  // A word with no more documents than GATE_BEST may pass anyway lets them all through.
  const common = commonGroups(postings.map(size));
  if (common === null) return null;
  const commonCount = common.filter(Boolean).length;
  let scratch = gateCounts.get(index);
  if (!scratch || scratch.counts.length < index.documentCount) {
    scratch = { counts: new Uint8Array(index.documentCount), seen: new Uint32Array(index.documentCount), group: 0 };
    gateCounts.set(index, scratch);
  }
  const { counts, seen } = scratch;
  const touched: PostingPart[] = postings.flat();
  // The documents let through, as they are (for scoring to look up rather than walk a common word's postings).
  const passing: number[] = [];
  const pass = ({ base, docs }: PostingPart) => {
    for (let i = 0; i < docs.length; i++) {
      const doc = base + docs[i]!;
      if (doc >= counts.length) continue;
      if (counts[doc]! < 2) passing.push(doc);
      counts[doc] = 2;
    }
  };
  postings.forEach((parts, g) => {
    if (!common[g]) {
      parts.forEach(pass);
      return;
    }
    const best: PostingPart = { base: 0, docs: bestOf(index, groups[g]!) };
    pass(best);
    touched.push(best);
    // A document passes by being in two common words; with one common word, counting its documents (all
    // of a prefix's while it is typed: a hundred thousand at 10,000 articles) lets none more through.
    if (commonCount < 2) return;
    const group = ++scratch.group;
    for (const { base, docs } of parts) {
      for (let i = 0; i < docs.length; i++) {
        const doc = base + docs[i]!;
        if (doc >= counts.length || seen[doc] === group) continue;
        seen[doc] = group;
        if (counts[doc]! < 2 && ++counts[doc]! === 2) passing.push(doc);
      }
    }
  });
  const gated = new Set(groups.filter((_, g) => common[g]).flat());
  let stopSkipping = () => {};
  return {
    boost: (id, term) => (gated.has(term) && (counts[id as number] ?? 0) < 2 ? 0 : 1),
    gated,
    counts,
    passing: Int32Array.from(passing).sort(),
    // While MiniSearch searches, it walks only the documents that pass (the same results, without a call
    // per posting).
    start: () => {
      stopSkipping = skipGated(index, gated, counts);
    },
    release: () => {
      stopSkipping();
      for (const { base, docs } of touched) {
        for (let i = 0; i < docs.length; i++) {
          const doc = base + docs[i]!;
          if (doc < counts.length) counts[doc] = 0;
        }
      }
    },
  };
}

/**
 * The documents a group of terms scores best on its own, per index, for the groups searched recently: the
 * common words that need the gate ("not", "people", a prefix being typed) come back query after query,
 * and scoring all their postings is most of a gated search. The same for the same terms: a cache only.
 */
const bestCaches = new WeakMap<MiniSearch<unknown>, RecentCache<string, ArrayLike<number>>>();

function bestOf(index: MiniSearch<unknown>, terms: string[]): ArrayLike<number> {
  let cache = bestCaches.get(index);
  if (!cache) {
    cache = new RecentCache(BEST_CACHED);
    bestCaches.set(index, cache);
  }
  return cache.get(terms.join('\u0000'), () => bestPostings(index, terms, GATE_BEST, BM25));
}

/** Groups whose best documents are kept per index (200 ids each). */
const BEST_CACHED = 1_000;

/** Shortest word searched as a prefix while typing. */
export const MIN_PREFIX = 3;

/** Edit distance allowed for an unknown word: none for short words, 1 from 4 letters, 2 from 8. */
export function fuzziness(term: string): number | false {
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return false;
}

