/**
 * `/who-said`: finds the quote a person means, even misremembered, and who said it.
 *
 * 1. MiniSearch finds candidate quotes for the query's informative words (planned, see search/index.ts).
 * 2. Each candidate is re-ranked by aligning the query's words with the quote and its sentence:
 *    coverage of the (weighted) words, their order, and whether they fall inside the quote itself.
 * 3. A calibrated threshold separates "this is the quote" from "nothing matches": below it the answer
 *    is empty and the closest quotes are offered as suggestions instead.
 */
import type { WhoSaidAnswer, WhoSaidResult } from '../answers.ts';
import type { Asked } from './context.ts';
import type { LibraryView, QuoteView } from '../seam.ts';
import { UserInputError } from '../engine.ts';
import { UNNAMED } from '../format/certainty.ts';
import { withoutDiscordMarkup } from './pasted.ts';
import { align, RecentCache, wordDifferences, words, type Word } from '../search/match.ts';

/** Score from which a quote is taken as the one meant (calibrated with `npm run eval`). */
export const MATCH_THRESHOLD = 0.63;
/** Other answers are shown only when nearly as good as the best. */
export const RUNNER_UP_RATIO = 0.9;
export const MAX_ANSWERS = 3;
/** A remembered quote keeps most of its words: a synonym counts for half a word (topics count it more). */
const SYNONYM_CREDIT = 0.5;
const CANDIDATES = 40;
/** A query of at most this many informative terms is mostly small words (see whoSaid). */
const FEW_TERMS = 2;
/** How many times more candidates such a query re-ranks. */
const FEW_TERMS_WIDENING = 5;
/** Share of the typed content words a quote must hold not to count as a match on small words alone. */
const CONTENT_KEPT = 0.7;
/** Share of typed neighbours that must stand side by side in the quote for the words to count as one stretch. */
const RUNS_KEPT = 0.3;
/** What a match on small words alone is worth, against the same score with the content words found. */
const SCATTERED = 0.85;
/** Longest query read, in characters: a quote longer than this is cut, not refused. */
export const MAX_QUERY_LENGTH = 1000;

export async function whoSaid(asked: Asked, rawQuery: string, article: number | null): Promise<Omit<WhoSaidResult, 'ms'>> {
  const { view } = asked;
  const query = cleanQuery(rawQuery);
  const byValue = quoteFromChoiceValue(view, query);
  if (byValue !== undefined) {
    await view.load({ quotes: [byValue] });
    return { query, answers: [answerFor(view, byValue, [], 1)], suggestions: [] };
  }
  const plan = asked.plan(query);
  if (plan.terms.length === 0) {
    throw new UserInputError('Type a few words of the quote you remember (not just small words like "the" or "and").');
  }
  // A quote of small words ("we're used to it") has one or two terms that many quotes share: the one
  // remembered may rank below the first CANDIDATES on them, so more are re-ranked.
  const limit = plan.terms.length <= FEW_TERMS ? CANDIDATES * FEW_TERMS_WIDENING : CANDIDATES;
  const hits = await asked.index.candidates('quotes', plan, { filter: { article }, limit });
  await view.load({ quotes: hits.map((hit) => hit.id) });

  const typed = words(query);
  if (!asked.ranking.rerank) {
    // Measuring only: MiniSearch's own order, its best hit taken as the answer (nothing to threshold on).
    const top = hits[0]?.score ?? 1;
    const answers = hits.slice(0, MAX_ANSWERS).map((hit) => answerFor(view, hit.id, [], hit.score / top));
    return { query, answers, suggestions: [] };
  }
  // The candidates past the first CANDIDATES are there to find a quote of small words remembered whole:
  // one of them that matches only in part (on small words alone) is left out.
  const ranked = hits
    .map((hit) => rank(asked, hit.id, typed))
    .filter((r, i) => i < CANDIDATES || !r.weak)
    .sort((a, b) => b.score - a.score);

  const best = ranked[0];
  if (!best || best.score < MATCH_THRESHOLD) {
    return { query, answers: [], suggestions: ranked.slice(0, MAX_ANSWERS).map((r) => r.answer()) };
  }
  const answers = ranked
    .filter((r, i) => i === 0 || (r.score >= MATCH_THRESHOLD && r.score >= best.score * RUNNER_UP_RATIO))
    .slice(0, MAX_ANSWERS)
    .map((r) => r.answer());
  return { query, answers, suggestions: [] };
}

interface Ranked {
  score: number;
  /** The match rests on small words or scattered words (its score was lowered for it). */
  weak: boolean;
  answer: () => WhoSaidAnswer;
}

/**
 * Scores one candidate. The query is aligned with the quote's whole sentence (people remember the words
 * around a short quote too), and the share of matched words that fall inside the quote itself decides
 * between two quotes of one sentence.
 */
function rank(asked: Asked, id: number, typed: Word[]): Ranked {
  const { quote: quoteWords, context: contextWords } = wordsOf(asked.view.quotes, id);
  const inQuote = align(typed, quoteWords, asked.weight, asked.synonyms, { synonymCredit: SYNONYM_CREDIT });
  const inContext = align(typed, contextWords, asked.weight, asked.synonyms, { synonymCredit: SYNONYM_CREDIT });
  const useQuote = inQuote.score >= inContext.score - 0.05;
  const alignment = useQuote ? inQuote : inContext;
  const inside = useQuote ? 1 : inQuote.coverage / Math.max(inContext.coverage, 1e-9);
  // A remembered quote keeps most of its content words: when under CONTENT_KEPT of the typed content words
  // are found as typed (or with a typo; a synonym is not the word remembered), the match rests on small words ("we", "it", "this") that any sentence has, and counts less.
  const content = typed.filter((word) => word.term !== null);
  const kept = content.length === 0 ? 1 : typed.filter((word, i) => word.term !== null && alignment.literal[i]).length / content.length;
  // A query of small words with one or two content words ("we have done all we can") is a quote only when
  // nearly all of it is found, small words included.
  // "Nearly all" counts words, not their weights: weighted, the one content word found would be most of it.
  const wordsFound = alignment.matches.filter((match) => match >= 0).length / Math.max(typed.length, 1);
  const smallWords = content.length <= 2 && Math.min(alignment.coverage, wordsFound) < 0.9;
  // Words remembered come in runs: when few typed neighbours are neighbours in the quote too, the words
  // matched are scattered over a long passage rather than remembered from it.
  let adjacent = 0;
  for (let i = 1; i < typed.length; i++) if (alignment.matches[i]! >= 0 && alignment.matches[i]! === alignment.matches[i - 1]! + 1) adjacent++;
  const scattered = typed.length >= 5 && adjacent / (typed.length - 1) < RUNS_KEPT;
  const weak = kept < CONTENT_KEPT || smallWords || scattered;
  const score = alignment.score * (0.9 + 0.1 * Math.min(1, inside)) * (weak ? SCATTERED : 1);
  // The word-by-word differences are worked out only for the quotes shown.
  const differences = () => wordDifferences(typed, useQuote ? quoteWords : contextWords, alignment);
  return { score, weak, answer: () => answerFor(asked.view, id, differences(), score) };
}

/**
 * The words of recently ranked quotes and their sentences, per quote table (a library's quotes by id):
 * popular quotes are re-ranked again and again.
 */
const quoteWordCaches = new WeakMap<QuoteView, RecentCache<number, { quote: Word[]; context: Word[] }>>();

function wordsOf(table: QuoteView, id: number): { quote: Word[]; context: Word[] } {
  let cache = quoteWordCaches.get(table);
  if (!cache) {
    cache = new RecentCache(4_000);
    quoteWordCaches.set(table, cache);
  }
  return cache.get(id, () => ({ quote: words(table.text(id)), context: words(table.context(id)) }));
}

/** The answer shape of a quote of the library, read from the quote table's columns. */
export function answerFor(view: LibraryView, id: number, differences: WhoSaidAnswer['differences'], score: number): WhoSaidAnswer {
  const table = view.quotes;
  const speaker = table.speakerOf(id);
  return {
    speaker: speaker?.display ?? UNNAMED,
    speakerName: speaker?.name ?? UNNAMED,
    quote: table.text(id),
    sentence: table.context(id),
    kind: table.kind(id),
    article: view.ref(table.articleOf(id)),
    paragraph: table.paragraphOf(id),
    score: Math.round(score * 1000) / 1000,
    differences,
    confidence: speaker ? table.confidenceOf(id) : 0,
  };
}

/** The compact autocomplete value of a quote: `q:<article id>:<quote id>`, stable across reloads. */
export function quoteChoiceValue(view: LibraryView, id: number): string {
  const table = view.quotes;
  return `q:${view.article(table.articleOf(id)).id}:${table.quoteId(id)}`;
}

/** Resolves an autocomplete value back to its quote (its id in the library) when the command runs. */
function quoteFromChoiceValue(view: LibraryView, query: string): number | undefined {
  const match = /^q:(.+):(q\d+)$/.exec(query);
  if (!match) return undefined;
  const article = view.resolveArticle(match[1]);
  if (typeof article !== 'number') return undefined;
  const table = view.quotes;
  const { first, end } = table.range(article);
  for (let id = first; id < end; id++) if (table.quoteId(id) === match[2]) return id;
  return undefined;
}

/** Trims, takes out Discord's markup (see pasted.ts), folds odd whitespace, drops control characters and caps the length. */
export function cleanQuery(raw: string): string {
  const text = withoutDiscordMarkup(raw.length > 4 * MAX_QUERY_LENGTH ? raw.slice(0, 4 * MAX_QUERY_LENGTH) : raw)
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_QUERY_LENGTH ? text.slice(0, MAX_QUERY_LENGTH) : text;
}
