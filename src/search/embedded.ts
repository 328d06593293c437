/**
 * The embedded search index behind the seam (src/seam.ts): the library's three MiniSearch indexes, read
 * as views over the store's arrays (src/search/persist.ts), searched with byline's planning and gating
 * (`runQuery`). Filters arrive as data and are turned into MiniSearch's filter here; nothing outside
 * src/search/ touches a MiniSearch object.
 */
import type { Candidate, CandidateFilter, CandidateRequest, IndexName, SearchIndex } from '../seam.ts';
import { runQuery, type Indexes, type PlannedQuery, type Vocabulary } from './index.ts';

export class EmbeddedIndex implements SearchIndex {
  readonly vocabulary: Vocabulary;

  constructor(
    private readonly indexes: Indexes,
    /** The collection it holds: a server's id, or null for the shared library. */
    private readonly server: string | null = null,
  ) {
    const frequency = indexes.documentFrequency;
    this.vocabulary = { frequency: (term) => frequency.get(term) ?? 0, size: indexes.sentenceEntries.length };
  }

  async candidates(index: IndexName, plan: PlannedQuery, request: CandidateRequest = {}): Promise<Candidate[]> {
    return this.search(index, plan, request);
  }

  /** The same search, answered at once (the embedded library has no round trip to wait for). */
  search(index: IndexName, plan: PlannedQuery, request: CandidateRequest = {}): Candidate[] {
    const { filter = {}, prefix, limit } = request;
    if (filter.server !== undefined && filter.server !== this.server) return [];
    const accept = this.filterOf(index, filter);
    return runQuery(this.indexes[index], plan, {
      ...(prefix ? { prefix } : {}),
      ...(accept ? { filter: accept } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
  }

  /** A filter's data as a test on document ids, or null when it lets every document through. */
  private filterOf(index: IndexName, filter: CandidateFilter): ((id: number) => boolean) | null {
    const { article, kind } = filter;
    const tests: ((id: number) => boolean)[] = [];
    if (article !== undefined && article !== null) {
      if (index === 'quotes') {
        const quoteArticle = this.indexes.quoteEntries.article;
        tests.push((id) => quoteArticle[id] === article);
      } else if (index === 'sentences') {
        const entries = this.indexes.sentenceEntries;
        tests.push((id) => entries.articleOf(id) === article);
      } else {
        tests.push((id) => id === article);
      }
    }
    if (kind !== undefined && kind !== null) {
      // Only quotes have a kind: no sentence or title is a quote of that kind.
      if (index !== 'quotes') return () => false;
      const quotes = this.indexes.quoteEntries;
      tests.push((id) => quotes.kind(id) === kind);
    }
    if (tests.length === 0) return null;
    if (tests.length === 1) return tests[0]!;
    return (id) => tests.every((test) => test(id));
  }
}
