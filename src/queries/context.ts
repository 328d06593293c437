/**
 * What every question shares: the library it is asked of, through the seam (src/seam.ts), the ranking
 * stages it runs with, and what follows from the library's vocabulary (term weights, query plans) and from
 * the ranking (synonyms or none).
 */
import { FULL_RANKING, type Collection, type LibraryView, type Ranking, type SearchIndex } from '../seam.ts';
import { planQuery, type PlannedQuery } from '../search/index.ts';
import { synonymsOf } from '../search/synonyms.ts';

export interface Asked {
  readonly view: LibraryView;
  readonly index: SearchIndex;
  readonly ranking: Readonly<Ranking>;
  /** How informative a term is: inverse sentence frequency, about 1 for a typical word. */
  weight(term: string): number;
  /** A term's synonyms (none when the ranking leaves them out). */
  synonyms(term: string): ReadonlySet<string>;
  /** Plans a query against the library's vocabulary (see search/index.ts). */
  plan(text: string): PlannedQuery;
}

const NO_SYNONYMS: ReadonlySet<string> = new Set();
/** Each index's synonyms looked up so far (a term's synonyms depend on the term alone). */
const synonymCaches = new WeakMap<SearchIndex, Map<string, ReadonlySet<string>>>();

export function asking(collection: Collection, ranking: Readonly<Ranking> = FULL_RANKING): Asked {
  const { view, index } = collection;
  const vocabulary = index.vocabulary;
  let cache = synonymCaches.get(index);
  if (!cache) synonymCaches.set(index, (cache = new Map()));
  const synonymCache = cache;
  const weights = new Map<string, number>();
  return {
    view,
    index,
    ranking,
    weight: (term) => {
      // Asked for every word of the query against every candidate: worked out once per question.
      let value = weights.get(term);
      if (value === undefined) {
        value = Math.max(0.3, Math.log((vocabulary.size + 1) / (vocabulary.frequency(term) + 0.5)) / Math.log(50));
        weights.set(term, value);
      }
      return value;
    },
    synonyms: (term) => {
      if (!ranking.synonyms) return NO_SYNONYMS;
      let set = synonymCache.get(term);
      if (!set) {
        set = new Set(synonymsOf(term));
        synonymCache.set(term, set);
      }
      return set;
    },
    plan: (text) => planQuery(text, vocabulary, ranking),
  };
}
