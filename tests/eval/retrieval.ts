/**
 * `/what-happened` retrieval: for each labelled topic query, where the first relevant sentence ranks
 * among the passages byline returns (by score). Reports hit@1, hit@3 and MRR.
 */
import type { Library } from '../../src/library.ts';
import { articleFor, foldText } from './corpus.ts';

export interface RetrievalLabel {
  query: string;
  relevant: { url: string; opening: string }[];
}

export interface RetrievalFigures {
  queries: number;
  hit1: number;
  hit3: number;
  mrr: number;
  misses: { query: string; got: string[] }[];
}

export async function evaluateRetrieval(library: Library, labels: RetrievalLabel[]): Promise<RetrievalFigures> {
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  const misses: RetrievalFigures['misses'] = [];
  for (const label of labels) {
    const { passages } = await library.whatHappened(label.query);
    const ranked = [...passages].sort((a, b) => b.score - a.score);
    const relevant = label.relevant.map((r) => ({ id: articleFor(library.collection, r.url)?.id, opening: foldText(r.opening) }));
    const rank = ranked.findIndex((p) => relevant.some((r) => r.id === p.article.id && foldText(p.text).includes(r.opening)));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if (rank !== 0) misses.push({ query: label.query, got: ranked.slice(0, 3).map((p) => `${p.article.id.slice(0, 40)} ¶${p.paragraph}: ${p.text.slice(0, 90)}`) });
  }
  const n = labels.length;
  return { queries: n, hit1: hit1 / n, hit3: hit3 / n, mrr: reciprocal / n, misses };
}
