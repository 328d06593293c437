/**
 * `/what-happened` retrieval. For each labelled topic query:
 *
 * - **by score** (the figures kept from the first retrieval labels, dev only): where the first relevant
 *   sentence ranks among the passages byline returns, sorted by their score: hit@1, hit@3, MRR;
 * - **as shown** (issue #9): the passages in the order a member reads them (grouped by article, as the
 *   answer gives them): whether the first one is on a right article (one the topic is about: a test
 *   label's `articles`, or for a dev label without them the articles of its relevant sentences), hit@1,
 *   hit@3 and MRR of the first relevant sentence, and of the first five passages, the share that come from
 *   a right article or are themselves a labelled answer (pooled over the queries).
 *
 * A passage answers when it holds a labelled relevant opening of the same article (a passage may be a
 * sentence with the one before it).
 */
import type { Passage } from '../../src/answers.ts';
import { FULL_RANKING, type Ranking } from '../../src/library.ts';
import type { EvalLibrary } from './corpus.ts';
import { articleFor, foldText } from './corpus.ts';

export interface RetrievalLabel {
  query: string;
  /** The article(s) the topic is about (test labels; dev labels give only the relevant sentences). */
  articles?: string[];
  relevant: { url: string; opening: string }[];
}

export interface RetrievalFigures {
  queries: number;
  hit1: number;
  hit3: number;
  mrr: number;
  shown: { firstOnRight: number; hit1: number; hit3: number; mrr: number; top5Share: number };
  misses: { query: string; got: string[] }[];
}

export async function evaluateRetrieval(library: EvalLibrary, labels: RetrievalLabel[], ranking: Readonly<Ranking> = FULL_RANKING): Promise<RetrievalFigures> {
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  const shown = { firstOnRight: 0, hit1: 0, hit3: 0, reciprocal: 0, onTopic: 0, passages: 0 };
  const misses: RetrievalFigures['misses'] = [];
  for (const label of labels) {
    const { passages } = await library.whatHappened(label.query, {}, ranking);
    const relevant = label.relevant.map((r) => ({ id: articleFor(library.collection, r.url)?.id, opening: foldText(r.opening) }));
    const right = new Set((label.articles ?? label.relevant.map((r) => r.url)).map((url) => articleFor(library.collection, url)?.id));
    const answers = (p: Passage) => relevant.some((r) => r.id === p.article.id && foldText(p.text).includes(r.opening));

    const ranked = [...passages].sort((a, b) => b.score - a.score);
    const rank = ranked.findIndex(answers);
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);

    const at = passages.findIndex(answers);
    if (at === 0) shown.hit1++;
    if (at >= 0 && at < 3) shown.hit3++;
    if (at >= 0) shown.reciprocal += 1 / (at + 1);
    const first = passages[0];
    if (first && right.has(first.article.id)) shown.firstOnRight++;
    for (const p of passages.slice(0, 5)) {
      shown.passages++;
      if (right.has(p.article.id) || answers(p)) shown.onTopic++;
    }
    if (at !== 0 || !(first && right.has(first.article.id))) {
      misses.push({
        query: label.query,
        got: passages.slice(0, 5).map((p) => `${right.has(p.article.id) ? '✓' : '✗'}${answers(p) ? '✓' : ' '} ${p.article.title.slice(0, 50)} ¶${p.paragraph}: ${p.text.slice(0, 90)}`),
      });
    }
  }
  const n = labels.length;
  return {
    queries: n,
    hit1: hit1 / n,
    hit3: hit3 / n,
    mrr: reciprocal / n,
    shown: {
      firstOnRight: shown.firstOnRight / n,
      hit1: shown.hit1 / n,
      hit3: shown.hit3 / n,
      mrr: shown.reciprocal / n,
      top5Share: shown.passages === 0 ? 0 : shown.onTopic / shown.passages,
    },
    misses,
  };
}
