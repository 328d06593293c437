/**
 * Extractive summaries and passage selection for `/what-happened`, on term vectors from byline's own term
 * pipeline (stemmed, stop words out, negations in):
 *
 * - {@link summarize} picks the sentences that best tell an article: its lead, then the most central
 *   sentences (LexRank: PageRank over the sentences' cosine similarities), each new pick penalised for
 *   repeating what is already picked (maximal marginal relevance);
 * - {@link selectPassages} re-selects a topic's candidate passages the same way, so near-duplicates (the
 *   same fact in two articles, or a quote and its paraphrase) are shown once.
 */
import { normalizeTerm, tokenize } from './terms.ts';

/** A sentence as summarize needs it (model.ts's Sentence fits). */
export interface SummarySentence {
  text: string;
  paragraph: number;
  /** Article-wide sentence index: what summarize returns. */
  index: number;
}

export interface PassageCandidate {
  /** The caller's id for the passage: what selectPassages returns. */
  index: number;
  /** Relevance to the topic, higher is better (any scale). */
  score: number;
  text: string;
}

/** PageRank damping for LexRank (the usual 0.85). */
const DAMPING = 0.85;
const PAGERANK_ITERATIONS = 50;
/** MMR trade-off in summaries: 1 is centrality alone, 0 is novelty alone. */
const SUMMARY_LAMBDA = 0.7;
/** Sentences with fewer terms than this rarely say much on their own; their centrality is halved. */
const SHORT_SENTENCE_TERMS = 5;
/** News puts what matters first: centrality gets up to this much extra for the earliest sentences. */
const POSITION_BONUS = 0.25;
/** A passage this similar (cosine) to one already chosen is a near-duplicate and is never shown. */
const NEAR_DUPLICATE = 0.8;

type TermVector = Map<string, number>;

/**
 * Chooses up to `k` sentences to summarise an article and returns their `index`es in article order. The
 * lead (first sentence) is always one of them; the others are the most central sentences (LexRank over
 * TF-IDF cosine similarity, with a mild bonus for early sentences and a penalty for very short ones),
 * picked one at a time with an MMR penalty for overlapping what is already chosen.
 */
export function summarize(given: readonly SummarySentence[], k = 4): number[] {
  if (k <= 0 || given.length === 0) return [];
  const sentences = [...given].sort((x, y) => x.index - y.index);
  if (sentences.length <= k) return sentences.map((sentence) => sentence.index);
  const termLists = sentences.map((sentence) => termsOf(sentence.text));
  const vectors = tfIdfVectors(termLists);
  const rank = lexRank(similarityGraph(vectors));
  const importance = rank.map((value, i) => {
    const position = 1 + POSITION_BONUS * (1 - i / (sentences.length - 1));
    const shortness = (termLists[i]?.length ?? 0) < SHORT_SENTENCE_TERMS ? 0.5 : 1;
    return value * position * shortness;
  });
  const chosen = mmr(importance, vectors, k, SUMMARY_LAMBDA, [0]);
  return chosen.map((i) => sentences[i]!.index).sort((x, y) => x - y);
}

/**
 * Re-selects up to `k` passages from a topic's candidates by maximal marginal relevance: each pick
 * maximises `lambda * relevance - (1 - lambda) * similarity to the passages already picked` (relevance
 * scaled to the best candidate's score), and a candidate nearly identical to a picked one (cosine ≥ 0.8) is
 * dropped outright. Returns the chosen candidates' `index`es, best first.
 */
export function selectPassages(candidates: readonly PassageCandidate[], k: number, lambda = 0.7): number[] {
  if (k <= 0 || candidates.length === 0) return [];
  const vectors = tfIdfVectors(candidates.map((candidate) => termsOf(candidate.text)));
  const best = Math.max(...candidates.map((candidate) => candidate.score));
  const relevance = candidates.map((candidate) => (best > 0 ? candidate.score / best : 0));
  return mmr(relevance, vectors, k, lambda, []).map((i) => candidates[i]!.index);
}

/**
 * Greedy MMR over positions: starts from `seed`, then repeatedly adds the position with the best
 * `lambda * value - (1 - lambda) * max similarity to the chosen`, skipping near-duplicates.
 */
function mmr(values: number[], vectors: TermVector[], k: number, lambda: number, seed: number[]): number[] {
  const top = Math.max(...values, 1e-12);
  const chosen = [...seed];
  const available = new Set(values.map((_, i) => i).filter((i) => !seed.includes(i)));
  while (chosen.length < k && available.size > 0) {
    let bestPosition = -1;
    let bestScore = -Infinity;
    for (const i of available) {
      const overlap = Math.max(0, ...chosen.map((j) => cosine(vectors[i]!, vectors[j]!)));
      if (overlap >= NEAR_DUPLICATE) continue;
      const score = lambda * (values[i]! / top) - (1 - lambda) * overlap;
      if (score > bestScore) {
        bestScore = score;
        bestPosition = i;
      }
    }
    if (bestPosition < 0) break;
    chosen.push(bestPosition);
    available.delete(bestPosition);
  }
  return chosen;
}

/** One row of the sparse similarity graph: the sentences sharing a term with this one, and how much. */
type Neighbours = { to: number; similarity: number }[];

/** Cosine similarity between every two vectors that share a term (through postings lists, not n²). */
function similarityGraph(vectors: TermVector[]): Neighbours[] {
  const postings = new Map<string, { at: number; weight: number }[]>();
  vectors.forEach((vector, at) => {
    for (const [term, weight] of vector) {
      const list = postings.get(term);
      if (list) list.push({ at, weight });
      else postings.set(term, [{ at, weight }]);
    }
  });
  return vectors.map((vector, i) => {
    const dots = new Map<number, number>();
    for (const [term, weight] of vector) {
      for (const posting of postings.get(term) ?? []) {
        if (posting.at !== i) dots.set(posting.at, (dots.get(posting.at) ?? 0) + weight * posting.weight);
      }
    }
    return [...dots].map(([to, similarity]) => ({ to, similarity }));
  });
}

/** LexRank: PageRank over the similarity graph, each row normalised to transition probabilities. */
function lexRank(graph: Neighbours[]): number[] {
  const n = graph.length;
  const rowSums = graph.map((row) => row.reduce((sum, edge) => sum + edge.similarity, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < PAGERANK_ITERATIONS; iteration++) {
    // A sentence sharing no term with any other spreads its weight evenly (a dangling node).
    let dangling = 0;
    for (let i = 0; i < n; i++) if (rowSums[i] === 0) dangling += rank[i]!;
    const next = new Array<number>(n).fill((1 - DAMPING) / n + (DAMPING * dangling) / n);
    for (let i = 0; i < n; i++) {
      if (rowSums[i] === 0) continue;
      const share = (DAMPING * rank[i]!) / rowSums[i]!;
      for (const edge of graph[i]!) next[edge.to]! += share * edge.similarity;
    }
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs(next[i]! - rank[i]!);
    rank = next;
    if (change < 1e-9) break;
  }
  return rank;
}

/** The index terms of a text (stop words dropped), as MiniSearch sees it. */
function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = normalizeTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

/** Sublinear TF (1 + log tf) times smoothed IDF over the given texts, each vector of unit length. */
function tfIdfVectors(termLists: string[][]): TermVector[] {
  const documentFrequency = new Map<string, number>();
  for (const terms of termLists) for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const n = termLists.length;
  return termLists.map((terms) => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    const vector: TermVector = new Map();
    let norm = 0;
    for (const [term, count] of counts) {
      const weight = (1 + Math.log(count)) * Math.log(1 + n / (documentFrequency.get(term) ?? 1));
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });
}

function cosine(x: TermVector, y: TermVector): number {
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}
