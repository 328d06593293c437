/**
 * The seam between the questions (src/queries/) and the library they are asked of (issue #13). The queries
 * know the library only through two small interfaces:
 *
 * - a **search index** (`SearchIndex`): the candidates of a planned query in one of three indexes (quotes,
 *   sentences, titles), best first, with filters given as data (an article, a server's own articles, a
 *   kind of quote), never as closures, so a database can turn them into a `WHERE`;
 * - a **library view** (`LibraryView`): articles, sentences, quotes and people by their number in the
 *   library, the newest articles first, and a batch `load` that a query awaits once it knows which rows it
 *   will read.
 *
 * Both are asynchronous exactly where a database would make a round trip (`candidates`, `load`); the rows
 * loaded are then read synchronously. The embedded library (src/library.ts: MiniSearch over the store's
 * arrays, src/search/embedded.ts) answers both at once. Which stages of ranking run (`Ranking`, turned off
 * one at a time only to measure them) is passed with each question, not held by the library.
 */
import type { ArticleRef } from './answers.ts';
import type { Article, Person, QuoteKind } from './model.ts';
import type { PlannedQuery, SentenceEntry, Vocabulary } from './search/index.ts';

/** The three indexes: one document per quote, per sentence, per article title. */
export type IndexName = 'quotes' | 'sentences' | 'titles';

/** Which documents a search may return: every field set narrows it (all are optional). */
export interface CandidateFilter {
  /** Only documents of this article (its number in the library view). */
  article?: number | null;
  /**
   * Only documents of this collection: a server's own articles (its Discord id), or `null` for the shared
   * library's. An index holding one collection returns nothing for another.
   */
  server?: string | null;
  /** Only quotes of this kind (the quote index only). */
  kind?: QuoteKind | null;
}

export interface CandidateRequest {
  /** The query's last word may be incomplete (autocomplete): it is also searched as a prefix. */
  prefix?: boolean;
  filter?: CandidateFilter;
  /** At most this many candidates, the best. */
  limit?: number;
}

/** A document found: its number in its index (a quote id, a sentence id, an article number) and its score. */
export interface Candidate {
  id: number;
  score: number;
}

export interface SearchIndex {
  /** What planning a query needs: in how many sentences a term occurs, and how many sentences there are. */
  readonly vocabulary: Vocabulary;
  /** The documents of one index a planned query finds, best first (BM25 with byline's gating). */
  candidates(index: IndexName, plan: PlannedQuery, request?: CandidateRequest): Promise<Candidate[]>;
}

/** The library's quotes by id (ids are those of the quote index), as columns. */
export interface QuoteView {
  readonly length: number;
  articleOf(id: number): number;
  paragraphOf(id: number): number;
  /** How sure the attribution is, in [0, 1]. */
  confidenceOf(id: number): number;
  kind(id: number): QuoteKind;
  /** The quote's words. */
  text(id: number): string;
  /** The sentence(s) the quote stands in. */
  context(id: number): string;
  /** The quote's id in its article (`q3`). */
  quoteId(id: number): string;
  speakerOf(id: number): Person | null;
  speakerId(id: number): string | null;
  /** The quote ids of an article, from `first` to `end` (excluded). */
  range(article: number): { first: number; end: number };
}

/** What a query may ask to have at hand before it reads it. */
export interface LoadRequest {
  articles?: readonly number[];
  sentences?: readonly number[];
  quotes?: readonly number[];
  /** Articles whose people (`article.people`) are read; loading an article whole loads its people too. */
  people?: readonly number[];
}

/**
 * People looked up by the words of their name (src/queries/people.ts `findPeople`, `/who-is`, `/quotes`):
 * the words as `speakerKey` gives them.
 */
export interface PeopleRequest {
  /**
   * A person is found when a word of their name, role or introduction (`display`) is one of these, within a
   * typo of one (`isTypo`), or starts with the last of them (of two letters or more). No words: everyone.
   */
  words: readonly string[];
  /** Only this article's people. */
  article?: number | null;
  /** With no words: at most this many, the first in library order. */
  limit?: number;
}

/** A person of an article. */
export interface PersonFound {
  article: number;
  person: Person;
}

export interface LibraryView {
  /** The collection the view holds: a server's id for a server's own articles, null for the shared library. */
  readonly server: string | null;
  /** How many articles; articles are numbered from 0 in library order. */
  readonly size: number;
  article(index: number): Article;
  ref(index: number): ArticleRef;
  /** Whether an article of this id is in the library (ids only). */
  hasId(id: string): boolean;
  /** How many paragraphs and sentences an article has, readable without loading it. */
  counts(article: number): { paragraphs: number; sentences: number };
  /** An `article` option (an id, a short reference, a title or its start) to its number, null for none given. */
  resolveArticle(value: string | null | undefined): number | null | 'unknown';
  /** Every article, newest first (undated last), ties in library order. */
  readonly byRecency: readonly number[];
  /** Articles newest first (undated last), ties in library order. */
  newestFirst(indexes: number[]): number[];
  readonly quotes: QuoteView;
  /** A sentence by id (ids are those of the sentence index), with its article. */
  sentence(id: number): SentenceEntry | undefined;
  /** The article a sentence id belongs to. */
  sentenceArticle(id: number): number;
  /** The id of an article's first sentence. */
  firstSentence(article: number): number;
  /**
   * Makes the rows asked for readable (a database fetches them in one round trip); the embedded library
   * holds them already. A query calls it once it knows what it will read: its candidates.
   */
  load(request: LoadRequest): Promise<void>;
  /**
   * At least every person the request finds (a backend may return more: the embedded library, holding
   * everyone, returns everyone in scope), in library order (by article, then as the article lists them),
   * each the one object of that person (found twice, the same). The caller matches names exactly on what it
   * gets. Where a person is mentioned (`mentions`) may be read only once their article, or its people, is
   * loaded (`load`): a database does not send it for every person a name finds.
   */
  people(request: PeopleRequest): Promise<PersonFound[]>;
}

/** A library as the queries see it: its view and its search index. */
export interface Collection {
  readonly view: LibraryView;
  readonly index: SearchIndex;
}

/**
 * The ranking stages byline adds on top of the candidates, each of which can be turned off to measure what it
 * buys (`npm run eval -- --ablation`). All are on in normal use; a question carries the ones it runs with.
 */
export interface Ranking {
  /** Query terms expanded with WordNet synonyms ("top diplomat" finds "high diplomat"). */
  synonyms: boolean;
  /** Typo tolerance for query words the index does not know. */
  fuzzy: boolean;
  /** Candidates re-ranked by word alignment (coverage, order, nearness) with a calibrated "no match" threshold. */
  rerank: boolean;
  /** /what-happened lifts an article's lead and the articles whose title matches the topic. */
  newsPriors: boolean;
}

export const FULL_RANKING: Readonly<Ranking> = Object.freeze({ synonyms: true, fuzzy: true, rerank: true, newsPriors: true });
