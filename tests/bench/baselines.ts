/**
 * What byline's latencies are compared with. Neither baseline does byline's work (no attribution, no
 * re-ranking, no differences, no summaries, no typo or synonym handling of its own): they show what the
 * bare search costs, so the ratio says how much byline spends on top of it.
 */
import MiniSearch from 'minisearch';

export interface Baseline {
  name: string;
  /** One line for the benchmark's output: what this baseline does for each query. */
  description: string;
  /** Answers one query; the result is returned only so the work cannot be optimised away. */
  answer(query: string): number;
}

/** A MiniSearch index with default options: fields ['text'], one document per sentence, `search(query)`. */
export function plainMiniSearch(sentences: readonly string[]): Baseline {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  index.addAll(sentences.map((text, id) => ({ id, text })));
  return {
    name: 'plain MiniSearch',
    description: "MiniSearch, default options, fields ['text'], one document per sentence; search(query) with default search options",
    answer: (query) => index.search(query).length,
  };
}

/** How many results the naive scan keeps. */
const NAIVE_TOP = 10;

/** A linear scan: every sentence scored by how many of the query's words it contains, the best 10 kept. */
export function naiveScan(sentences: readonly string[]): Baseline {
  const wordSets = sentences.map((text) => new Set(lowerWords(text)));
  return {
    name: 'naive scan',
    description: `linear scan of every sentence (pre-split into lower-case word sets), scored by the number of query words it contains; best ${NAIVE_TOP} kept`,
    answer: (query) => {
      const wanted = [...new Set(lowerWords(query))];
      const best: number[] = [];
      const scores: number[] = [];
      for (let id = 0; id < wordSets.length; id++) {
        const set = wordSets[id]!;
        let score = 0;
        for (const word of wanted) if (set.has(word)) score++;
        if (score === 0 || (best.length === NAIVE_TOP && score <= scores[NAIVE_TOP - 1]!)) continue;
        let at = best.length;
        while (at > 0 && scores[at - 1]! < score) at--;
        best.splice(at, 0, id);
        scores.splice(at, 0, score);
        if (best.length > NAIVE_TOP) {
          best.pop();
          scores.pop();
        }
      }
      return best.length;
    },
  };
}

function lowerWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
