/**
 * The library: every article in the data folder, understood (sentences, quotes, speakers) and indexed.
 * It implements the `Engine` every command talks to; each question is answered by a module of
 * src/queries/, which this class only routes to, through the seam (src/seam.ts): its `view` (the articles,
 * sentences, quotes and people) and its `index` (the MiniSearch indexes, src/search/embedded.ts).
 */
import type { ArticleRef } from './answers.ts';
import { ArticleListView } from './articles-view.ts';
import { warmDates } from './article/dates.ts';
import type { Engine } from './engine.ts';
import type { Article, ArticleText, LoadProblem } from './model.ts';
import { AskingCollection } from './queries/ask.ts';
import type { LibraryView, LoadRequest, PeopleRequest, PersonFound } from './seam.ts';
import { EmbeddedIndex } from './search/embedded.ts';
import { buildIndexes, type Indexes, type SentenceEntry } from './search/index.ts';
import type { QuoteTable } from './search/quote-table.ts';
import type { LoadedBatch } from './load/store.ts';

export { FULL_RANKING, type Ranking } from './seam.ts';

/** The articles held in memory (or read from the store's files when first asked), as the queries see them. */
export class EmbeddedView extends ArticleListView implements LibraryView {
  readonly quotes: QuoteTable;

  constructor(
    private readonly collection: readonly Article[],
    private readonly indexes: Indexes,
    readonly server: string | null = null,
  ) {
    super(collection);
    this.quotes = indexes.quoteEntries;
  }

  sentence(id: number): SentenceEntry | undefined {
    return this.indexes.sentenceEntries.at(id);
  }

  sentenceArticle(id: number): number {
    return this.indexes.sentenceEntries.articleOf(id);
  }

  firstSentence(article: number): number {
    return this.indexes.sentenceEntries.first(article);
  }

  /** Everything is at hand: a paragraph's text not read yet is read when first asked for. */
  async load(_request: LoadRequest): Promise<void> {}

  /** Everyone in scope (the caller matches the names): every article's people are at hand. */
  async people(request: PeopleRequest): Promise<PersonFound[]> {
    const found: PersonFound[] = [];
    const limit = request.words.length === 0 ? (request.limit ?? Infinity) : Infinity;
    for (let i = 0; i < this.size && found.length < limit; i++) {
      if (request.article !== undefined && request.article !== null && i !== request.article) continue;
      for (const person of this.collection[i]!.people) {
        if (found.length >= limit) break;
        found.push({ article: i, person });
      }
    }
    return found;
  }
}

export class Library extends AskingCollection implements Engine {
  /** Every article, in library order; indexes into it identify articles everywhere. */
  readonly collection: Article[];
  readonly indexes: Indexes;
  readonly problems: LoadProblem[];
  /** Hash of the files the library was built from (null when built from texts in memory). */
  readonly hash: string | null;
  /** A file of its store was found damaged when read after loading: the next load rebuilds the store. */
  damaged = false;
  /**
   * Its batches as loaded from the store (none for a library built in memory): a library rebuilt for a
   * changed file takes over the others as they are.
   */
  readonly batches: readonly LoadedBatch[];
  /** The library as the queries see it (src/seam.ts). */
  readonly view: EmbeddedView;
  readonly index: EmbeddedIndex;

  constructor(articles: Article[], options: { problems?: LoadProblem[]; hash?: string | null; indexes?: Indexes; batches?: LoadedBatch[] } = {}) {
    super();
    this.collection = articles;
    this.problems = options.problems ?? [];
    this.hash = options.hash ?? null;
    this.batches = options.batches ?? [];
    this.indexes = options.indexes ?? buildIndexes(articles);
    this.view = new EmbeddedView(articles, this.indexes);
    this.index = new EmbeddedIndex(this.indexes);
  }

  /** Builds a library from article texts held in memory (tests, benchmarks). */
  static async fromTexts(texts: ArticleText[]): Promise<Library> {
    const { understandArticle } = await import('./understand.ts');
    return new Library(texts.map(understandArticle));
  }

  // ---- what the callers share (the view's) ---------------------------------------------------------

  ref(article: number): ArticleRef {
    return this.view.ref(article);
  }

  /** Whether an article of this id is in the library (ids only: no title, no short reference). */
  hasId(id: string): boolean {
    return this.view.hasId(id);
  }

  /** Resolves an `article` option: an id, an autocomplete value, or (for people typing) a title. */
  resolveArticle(value: string | null | undefined): number | null | 'unknown' {
    return this.view.resolveArticle(value);
  }

  /** Every article, newest first (undated last), ties in library order; computed once. */
  get byRecency(): readonly number[] {
    return this.view.byRecency;
  }

  /** Articles newest first (undated last), ties in library order. */
  newestFirst(indexes: number[]): number[] {
    return this.view.newestFirst(indexes);
  }

  // ---- the Engine (its questions: AskingCollection in src/queries/ask.ts) ---------------------------


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
}

/** Articles whose text the warm-up reads in one turn of the event loop (a batch of the store). */
const WARM_TURN = 1_000;
