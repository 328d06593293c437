/**
 * `/who-said` end to end, with the whole corpus loaded: each labelled quote is asked for as a person
 * would type it, as an exact fragment of 4–12 words and as a misremembered variant of that fragment
 * (a word dropped, two words swapped, a typo), and the answer's speaker is checked against the label.
 * Quotes that are in no article must get "no match".
 */
import type { WhoSaidAnswer } from '../../src/answers.ts';
import { UserInputError } from '../../src/engine.ts';
import { FULL_RANKING, type Ranking } from '../../src/library.ts';
import type { EvalLibrary } from './corpus.ts';
import type { Article } from '../../src/model.ts';
import { articleFor, foldText } from './corpus.ts';
import { speakerMatches } from './speakers.ts';

export interface QuoteLabel {
  url: string;
  opening: string;
  speaker: string;
  kind: string;
  reference: string;
  position?: string;
}

export interface WhoSaidFigures {
  asked: number;
  exactTop1: number;
  exactTop3: number;
  variantTop1: number;
  variantTop3: number;
  misses: { typed: string; expected: string; got: string | null }[];
}

/** A small deterministic generator, so the variants are the same on every run. */
function randomFrom(seed: string): () => number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}

const WORD = /[^\s]+/g;

/**
 * The words a person would type for a label: from the quote's opening to the end of its quote (a closing
 * mark) or sentence, 4–12 words; a short quote is widened with the words before it in its sentence.
 */
export function fragmentFor(article: Article, label: QuoteLabel): string | null {
  const opening = foldText(label.opening);
  for (const sentence of article.sentences) {
    const folded = foldText(sentence.text);
    const at = folded.indexOf(opening);
    if (at < 0) continue;
    // Work on the folded sentence: same words, positions stay aligned with `opening`.
    const after = folded.slice(at);
    const close = after.slice(opening.length).search(/["]/);
    const quoted = close >= 0 ? after.slice(0, opening.length + close) : after;
    let words: string[] = quoted.match(WORD) ?? [];
    const random = randomFrom(`${label.url}|${label.opening}`);
    const length = 6 + Math.floor(random() * 7); // 6–12
    words = words.slice(0, length);
    if (words.length < 4) {
      const before: string[] = folded.slice(0, at).match(WORD) ?? [];
      words = [...before.slice(Math.max(0, before.length - (4 - words.length))), ...words];
    }
    return words
      .join(' ')
      .replace(/^["'(]+|["',.;:!?)]+$/g, '')
      .replace(/["]/g, '');
  }
  return null;
}

/** The same fragment as someone might misremember it: two of a dropped word, a swap, a typo. */
export function misremember(fragment: string, seed: string): string {
  const random = randomFrom(seed);
  let words = fragment.split(' ');
  const edits = ['drop', 'swap', 'typo'].sort(() => random() - 0.5).slice(0, 2);
  for (const edit of edits) {
    if (edit === 'drop' && words.length > 4) {
      const i = 1 + Math.floor(random() * (words.length - 1));
      words = words.filter((_, k) => k !== i);
    } else if (edit === 'swap' && words.length > 3) {
      const i = Math.floor(random() * (words.length - 1));
      [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
    } else if (edit === 'typo') {
      const long = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[a-z]{5,}$/i.test(w));
      const pick = long[Math.floor(random() * long.length)];
      if (pick) {
        const j = 1 + Math.floor(random() * (pick.w.length - 3));
        const w = pick.w;
        words[pick.i] = w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2);
      }
    }
  }
  return words.join(' ');
}

export async function evaluateWhoSaid(library: EvalLibrary, labels: QuoteLabel[], ranking: Readonly<Ranking> = FULL_RANKING): Promise<WhoSaidFigures> {
  const figures: WhoSaidFigures = { asked: 0, exactTop1: 0, exactTop3: 0, variantTop1: 0, variantTop3: 0, misses: [] };
  for (const label of labels) {
    const article = articleFor(library.collection, label.url);
    const fragment = article ? fragmentFor(article, label) : null;
    if (!fragment) continue;
    figures.asked++;
    for (const [typed, variant] of [
      [fragment, false],
      [misremember(fragment, `${label.url}|${label.opening}|variant`), true],
    ] as const) {
      const answers = await answersFor(library, typed, ranking);
      const rank = answers.findIndex((a) => speakerMatches(a.speaker, label.speaker));
      if (rank === 0) variant ? figures.variantTop1++ : figures.exactTop1++;
      if (rank >= 0 && rank < 3) variant ? figures.variantTop3++ : figures.exactTop3++;
      if (rank !== 0) figures.misses.push({ typed, expected: label.speaker, got: answers[0]?.speaker ?? null });
    }
  }
  return figures;
}

/** The answers to a typed quote; none when the engine refuses the text (only small words), as a member would see. */
async function answersFor(library: EvalLibrary, typed: string, ranking: Readonly<Ranking>): Promise<WhoSaidAnswer[]> {
  try {
    return (await library.whoSaid(typed, {}, ranking)).answers;
  } catch (error) {
    if (error instanceof UserInputError) return [];
    throw error;
  }
}

/** How many of the quotes that are in no article get "no match". */
export async function evaluateAbsent(library: EvalLibrary, quotes: string[], ranking: Readonly<Ranking> = FULL_RANKING): Promise<{ asked: number; noMatch: number; wrong: string[] }> {
  let noMatch = 0;
  const wrong: string[] = [];
  for (const quote of quotes) {
    const answers = await answersFor(library, quote, ranking);
    if (answers.length === 0) noMatch++;
    else wrong.push(`${quote} → “${answers[0]!.quote.slice(0, 80)}” (${answers[0]!.score})`);
  }
  return { asked: quotes.length, noMatch, wrong };
}
