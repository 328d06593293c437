/**
 * The library: every article in the data folder, understood (sentences, quotes, speakers) and indexed.
 * It implements the `Engine` every command talks to; each question is answered by a module of
 * src/queries/, which this class only routes to.
 */
import type { Logger } from 'pino';
import type {
  ArticleRef,
  ArticlesResult,
  Choice,
  QuotesResult,
  SuggestOption,
  WhatHappenedResult,
  WhoIsResult,
  WhoSaidResult,
} from './answers.ts';
import { warmDates } from './article/dates.ts';
import { parseArticleFiles, readArticleFiles, scanArticleFiles } from './article/load.ts';
import { SHORT_ARTICLE_REF, UserInputError, shortArticleRef, type Engine, type Scope } from './engine.ts';
import type { Article, ArticleText, LoadProblem } from './model.ts';
import { listArticles } from './queries/articles.ts';
import { listQuotes, whoIs } from './queries/people.ts';
import { suggest } from './queries/suggest.ts';
import { whatHappened } from './queries/what-happened.ts';
import { whoSaid } from './queries/who-said.ts';
import { buildIndexes, planQuery, type Indexes, type PlannedQuery } from './search/index.ts';
import { synonymsOf } from './search/synonyms.ts';
import type { BuildStats } from './build.ts';
import { rebuildInWorker } from './rebuild.ts';
import { loadStore, type LoadedBatch } from './store.ts';

/**
 * The ranking stages byline adds on top of MiniSearch, each of which can be turned off to measure what it
 * buys (`npm run eval -- --ablation`). All are on in normal use.
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

export const FULL_RANKING: Readonly<Ranking> = { synonyms: true, fuzzy: true, rerank: true, newsPriors: true };

export class Library implements Engine {
  /** Which ranking stages are on (all, except when measuring them). */
  ranking: Ranking = { ...FULL_RANKING };
  /** Every article, in library order; indexes into it identify articles everywhere. */
  readonly collection: Article[];
  readonly indexes: Indexes;
  readonly problems: LoadProblem[];
  /** Hash of the files the library was built from (null when built from texts in memory). */
  readonly hash: string | null;
  /**
   * Its batches as loaded from the store (none for a library built in memory): a library rebuilt for a
   * changed file takes over the others as they are.
   */
  readonly batches: readonly LoadedBatch[];
  private readonly byId: Map<string, number>;
  private readonly sentenceCount: number;
  private readonly synonymCache = new Map<string, ReadonlySet<string>>();

  constructor(articles: Article[], options: { problems?: LoadProblem[]; hash?: string | null; indexes?: Indexes; batches?: LoadedBatch[] } = {}) {
    this.collection = articles;
    this.problems = options.problems ?? [];
    this.hash = options.hash ?? null;
    this.batches = options.batches ?? [];
    this.indexes = options.indexes ?? buildIndexes(articles);
    this.byId = new Map(articles.map((article, i) => [article.id, i]));
    this.sentenceCount = this.indexes.sentenceEntries.length;
  }

  /** Builds a library from article texts held in memory (tests, benchmarks). */
  static async fromTexts(texts: ArticleText[]): Promise<Library> {
    const { understandArticle } = await import('./understand.ts');
    return new Library(texts.map(understandArticle));
  }

  // ---- what the queries share ---------------------------------------------------------------------

  ref(article: number): ArticleRef {
    const a = this.collection[article]!;
    return { id: a.id, title: a.title, date: a.date, source: a.source };
  }

  /** Whether an article of this id is in the library (ids only: no title, no short reference). */
  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  /** Resolves an `article` option: an id, an autocomplete value, or (for people typing) a title. */
  resolveArticle(value: string | null | undefined): number | null | 'unknown' {
    const wanted = value?.trim();
    if (!wanted) return null;
    const byId = this.byId.get(wanted);
    if (byId !== undefined) return byId;
    if (SHORT_ARTICLE_REF.test(wanted)) {
      const byRef = this.byShortRef().get(wanted);
      if (byRef !== undefined) return byRef;
    }
    const lower = wanted.toLowerCase();
    const exact = this.collection.findIndex((a) => a.title.toLowerCase() === lower || a.id.toLowerCase() === lower);
    if (exact >= 0) return exact;
    const prefix = this.collection.findIndex((a) => a.title.toLowerCase().startsWith(lower));
    return prefix >= 0 ? prefix : 'unknown';
  }

  private shortRefs: Map<string, number> | null = null;
  /** Every article by its short reference, computed when one is first asked for (a page button's). */
  private byShortRef(): Map<string, number> {
    this.shortRefs ??= new Map(this.collection.map((article, i) => [shortArticleRef(article.id), i]));
    return this.shortRefs;
  }

  /** How informative a term is: inverse sentence frequency, about 1 for a typical word. */
  weight = (term: string): number =>
    Math.max(0.3, Math.log((this.sentenceCount + 1) / (this.frequency(term) + 0.5)) / Math.log(50));

  /** In how many sentences a term occurs. */
  frequency = (term: string): number => this.indexes.documentFrequency.get(term) ?? 0;

  /** Plans a query against this library's vocabulary (see search/index.ts). */
  plan(text: string): PlannedQuery {
    return planQuery(text, { frequency: this.frequency, size: this.sentenceCount }, this.ranking);
  }

  synonyms = (term: string): ReadonlySet<string> => {
    if (!this.ranking.synonyms) return NO_SYNONYMS;
    let set = this.synonymCache.get(term);
    if (!set) {
      set = new Set(synonymsOf(term));
      this.synonymCache.set(term, set);
    }
    return set;
  };

  private recency: number[] | null = null;
  /** Every article, newest first (undated last), ties in library order; computed once. */
  get byRecency(): readonly number[] {
    this.recency ??= this.newestFirst(this.collection.map((_, i) => i));
    return this.recency;
  }

  /** Articles newest first (undated last), ties in library order. */
  newestFirst(indexes: number[]): number[] {
    return [...indexes].sort((x, y) => {
      const dx = this.collection[x]!.date ?? '';
      const dy = this.collection[y]!.date ?? '';
      return dx === dy ? x - y : dx < dy ? 1 : -1;
    });
  }

  // ---- the Engine -----------------------------------------------------------------------------------

  async whoSaid(query: string, scope: Scope = {}): Promise<WhoSaidResult> {
    return timed(() => whoSaid(this, query, this.scoped(scope)));
  }

  async whatHappened(topic: string | null, scope: Scope = {}): Promise<WhatHappenedResult> {
    return timed(() => whatHappened(this, topic, this.scoped(scope)));
  }

  async quotes(speaker: string | null, scope: Scope = {}): Promise<QuotesResult> {
    return timed(() => listQuotes(this, speaker, this.scoped(scope)));
  }

  async articles(): Promise<ArticlesResult> {
    return timed(() => listArticles(this));
  }

  async whoIs(person: string, scope: Scope = {}): Promise<WhoIsResult> {
    return timed(() => whoIs(this, person, this.scoped(scope)));
  }

  async suggest(option: SuggestOption, typed: string, scope: Scope = {}): Promise<Choice[]> {
    const article = this.resolveArticle(scope.article);
    return suggest(this, option, typed, typeof article === 'number' ? article : null);
  }

  /**
   * Prepares, just after start-up, what the first answers would otherwise pay for: the date parser compiles
   * its patterns when a text first calls on them (up to 200 ms), and the articles' text, which a library
   * loaded from the store decodes a batch at a time when first needed (30–60 ms for 1,000 news articles),
   * is decoded now, 1,000 articles per turn of the event loop so that questions asked meanwhile are answered. The
   * people no quote is attributed to are left to be read when /who-is or a person list first asks (about
   * 1 s at 10,000 articles): read ahead, they would hold 180 MB more and lengthen every garbage collection,
   * for a command most servers rarely use.
   */
  async warm(): Promise<void> {
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await turn();
    warmDates();
    for (let i = 0; i < this.collection.length; i++) {
      try {
        void this.collection[i]!.paragraphs;
      } catch {
        // A store file found damaged when first read: the store has told (and marked it for rebuilding);
        // a question that needs it is answered with a failure, the others as usual.
      }
      if (i % WARM_TURN === WARM_TURN - 1) await turn();
    }
  }

  async inspect(): Promise<Article[]> {
    return this.collection;
  }

  /** The article a scope names; an article nobody can find is a kind error, not a silent "everything". */
  private scoped(scope: Scope): number | null {
    const article = this.resolveArticle(scope.article);
    if (article === 'unknown') {
      throw new UserInputError(`No article matches "${scope.article}". Try /articles to see the library.`);
    }
    return article;
  }
}

const NO_SYNONYMS: ReadonlySet<string> = new Set();
/** Articles whose text the warm-up reads in one turn of the event loop (a batch of the store). */
const WARM_TURN = 1_000;

function timed<T extends { ms: number }>(answer: () => Omit<T, 'ms'> & { ms?: number }): T {
  const start = performance.now();
  const result = answer();
  return { ...result, ms: Math.round((performance.now() - start) * 100) / 100 } as T;
}

export interface LoadOptions {
  logger?: Logger;
  /** Keep the understood articles and the indexes in `<dir>/.byline-index/` (default true). */
  persist?: boolean;
  /** Build a missing index in a worker thread: by default, when the articles come to 8 MB or more. */
  worker?: boolean;
  /**
   * The library loaded before (a live reload): returned as it is when the files have not changed, and
   * otherwise the batches of it the new store keeps as they were are taken over, not read again.
   */
  previous?: Library;
  /** Told what a build did, how long it took and how long loading its result took (the benchmark). */
  onBuild?: (build: { stats: BuildStats | null; inWorker: boolean; buildMs: number; loadMs: number }) => void;
}

/**
 * Reads, understands and indexes every article of a folder. Problems are logged with file and line.
 * With `persist`, a saved index built from exactly these files is loaded instead; when there is none, the
 * index is built into the store (src/build.ts: only the batches whose files changed, when there is a store
 * from before) and then loaded from it, so a first start holds no more in memory than a later one.
 * Without `persist`, or when the index cannot be written anywhere, the library is built in memory.
 */
export async function loadLibrary(dir: string, options: LoadOptions = {}): Promise<Library> {
  const { logger, persist = true, previous } = options;
  // The files are hashed, not kept: whether the store matches (or which of its batches do) is all a start needs.
  const scan = await scanArticleFiles(dir);
  const { hash, problems: readProblems } = scan;
  if (previous && previous.hash === hash) return previous;
  const report = (problems: LoadProblem[]) => {
    for (const problem of problems) logger?.warn({ file: problem.file, line: problem.line }, problem.message);
  };
  const fromStore = async (): Promise<Library | null> => {
    const stored = await loadStore(
      dir,
      hash,
      (damage) => logger?.warn({ file: damage.file }, `the persisted index is damaged (${damage.message}); rebuilding it`),
      previous?.batches,
    );
    if (!stored) return null;
    const problems = [...readProblems, ...stored.problems];
    report(problems);
    if (previous) logger?.debug({ dir, batches: stored.batches.length, kept: stored.reused }, 'took over the unchanged batches of the library before');
    return new Library(stored.articles, { problems, hash, indexes: stored.indexes, batches: stored.batches });
  };

  const timedLoad = async (stats: BuildStats | null, inWorker: boolean, buildMs: number): Promise<Library | null> => {
    const start = performance.now();
    const built = await fromStore();
    const loadMs = performance.now() - start;
    if (built) {
      logger?.info(
        {
          dir,
          articles: built.collection.length,
          inWorker,
          buildMs: Math.round(buildMs),
          loadMs: Math.round(loadMs),
          ...(stats ? { batchesBuilt: stats.batches.built, batchesKept: stats.batches.kept, understood: stats.articles } : {}),
        },
        'built the index',
      );
      options.onBuild?.({ stats, inWorker, buildMs, loadMs });
    }
    return built;
  };

  // The persisted index is checked first: when it matches, the files need not even be parsed.
  if (persist && scan.files.length > 0) {
    const stored = await fromStore();
    if (stored) {
      logger?.debug({ dir }, 'loaded the persisted index');
      return stored;
    }
    if (options.worker ?? scan.bytes >= WORKER_BUILD_BYTES) {
      // A large library is built in a worker thread with a heap of its own, capped near what the build
      // needs: the garbage of understanding thousands of articles is collected early and returned when the
      // worker ends, instead of swelling this process. The worker only writes the store; it is loaded here.
      try {
        const start = performance.now();
        const stats = await rebuildInWorker(dir, { maxHeapMb: workerHeapMb(scan.bytes), force: true });
        const built = await timedLoad(stats, true, performance.now() - start);
        if (built) return built;
      } catch (error) {
        logger?.warn({ err: error, dir }, 'could not build the index in a worker thread; building it here');
      }
    }
    try {
      const start = performance.now();
      // Loaded only when articles must be understood anew: a persisted library starts without the NLP code.
      const { ensureStore } = await import('./build.ts');
      const stats = await ensureStore(dir, { force: true });
      const built = await timedLoad(stats, false, performance.now() - start);
      if (built) return built;
    } catch (error) {
      logger?.warn({ err: error, dir }, 'could not save the index; building in memory, rebuilt at the next start');
    }
  }
  const { files, problems: readAgain } = await readArticleFiles(dir);
  const { articles, problems: parseProblems } = parseArticleFiles(files);
  report([...readAgain, ...parseProblems]);
  const { understandArticle } = await import('./understand.ts');
  return new Library(articles.map(understandArticle), { problems: [...readAgain, ...parseProblems], hash });
}

/** From this much article text (about 1,000 articles), the first build runs in a worker thread. */
const WORKER_BUILD_BYTES = 8_000_000;

/**
 * The worker's heap limit: room for one batch of articles being understood and for the index's arrays,
 * which grow with the library (about 600 MB for 85 MB of articles, 10,000 of them).
 */
function workerHeapMb(bytes: number): number {
  return Math.min(8_192, Math.max(512, Math.round(256 + (4 * bytes) / 1_000_000)));
}
