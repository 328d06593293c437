/**
 * The benchmark's queries: a deterministic sample of what people would type, derived from the library's own
 * text (never from what byline understood of it, so the sample does not favour byline):
 *
 * - **quote fragments** for `/who-said`: 4–12 consecutive words of a passage in quote marks, without
 *   punctuation; a third typed exactly, a third with a word dropped, a third with a typo;
 * - **topics** for `/what-happened`: 2–5 consecutive content words (stop words skipped) of a title or a
 *   sentence;
 * - **quote prefixes** for `/who-said`'s autocomplete: the first 1–3 words of a quote and part of the next;
 * - **topic prefixes** for `/what-happened`'s autocomplete: 0–2 content words and part of the next.
 */
import { stopwords } from '@orama/stopwords/english';
import type { ArticleText } from '../../src/model.ts';
import { seededRandom, type Random } from './random.ts';

export interface QuerySample {
  quotes: string[];
  topics: string[];
  quotePrefixes: string[];
  topicPrefixes: string[];
}

const STOP_WORDS = new Set(stopwords.map((word) => word.toLowerCase()));
/** A passage in straight or curly double quotes. */
const QUOTED = /[“"]([^“”"]+)[”"]/g;
const SENTENCE_END = /(?<=[.!?]["”’]?)\s+(?=[A-Z“"])/;
const PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
/** How many articles to try before a kind of query is declared impossible for this library. */
const MAX_TRIES = 10_000;

/** `perKind` queries of each kind for a library, the same for the same articles and seed. */
export function sampleQueries(articles: readonly ArticleText[], perKind = 300, seed = 20_240_101): QuerySample {
  if (articles.length === 0) throw new Error('no articles to sample queries from');
  const random = seededRandom(seed);
  return {
    quotes: repeat(perKind, () => quoteFragment(random, articles)),
    topics: repeat(perKind, () => topic(random, articles)),
    quotePrefixes: repeat(perKind, () => quotePrefix(random, articles)),
    topicPrefixes: repeat(perKind, () => topicPrefix(random, articles)),
  };
}

/** The words of a text with the punctuation around each word removed. */
export function words(text: string): string[] {
  return text
    .split(/\s+/)
    .map((word) => word.replace(PUNCTUATION, ''))
    .filter(Boolean);
}

/** The passages of an article that stand in quote marks and have at least `min` words. */
export function quotedPassages(article: ArticleText, min = 4): string[][] {
  const passages: string[][] = [];
  for (const paragraph of article.paragraphs) {
    for (const match of paragraph.matchAll(QUOTED)) {
      const quoted = words(match[1] ?? '');
      if (quoted.length >= min) passages.push(quoted);
    }
  }
  return passages;
}

/** A quote as someone remembers it: a run of 4–12 of its words, exact, with a word dropped, or with a typo. */
export function misremember(random: Random, quoted: readonly string[]): string {
  const length = random.int(4, Math.min(12, quoted.length));
  const start = random.int(0, quoted.length - length);
  const fragment = quoted.slice(start, start + length);
  const mode = random.int(0, 2);
  if (mode === 1 && fragment.length > 4) fragment.splice(random.int(1, fragment.length - 1), 1);
  if (mode === 2) {
    const long = fragment.map((word, i) => ({ word, i })).filter(({ word }) => word.length >= 5);
    if (long.length > 0) {
      const { word, i } = random.pick(long);
      const at = random.int(1, word.length - 3);
      fragment[i] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    }
  }
  return fragment.join(' ');
}

function quoteFragment(random: Random, articles: readonly ArticleText[]): string {
  return misremember(random, somePassage(random, articles, 4));
}

function quotePrefix(random: Random, articles: readonly ArticleText[]): string {
  const quoted = somePassage(random, articles, 4);
  const whole = random.int(1, 3);
  const next = quoted[whole]!;
  return `${quoted.slice(0, whole).join(' ')} ${next.slice(0, random.int(1, Math.max(1, next.length - 1)))}`;
}

function topic(random: Random, articles: readonly ArticleText[]): string {
  const content = someContentWords(random, articles, 2);
  const length = random.int(2, Math.min(5, content.length));
  const start = random.int(0, content.length - length);
  return content.slice(start, start + length).join(' ');
}

function topicPrefix(random: Random, articles: readonly ArticleText[]): string {
  const content = someContentWords(random, articles, 3);
  const whole = random.int(0, 2);
  const next = content[whole]!;
  return [...content.slice(0, whole), next.slice(0, random.int(2, Math.max(2, next.length - 1)))].join(' ');
}

/** A quoted passage of a random article (articles without one are skipped). */
function somePassage(random: Random, articles: readonly ArticleText[], min: number): string[] {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const passages = quotedPassages(random.pick(articles), min);
    if (passages.length > 0) return random.pick(passages);
  }
  throw new Error('the library has no passage in quote marks to sample quotes from');
}

/** The content words (no stop words, no numbers) of a random title or sentence. */
function someContentWords(random: Random, articles: readonly ArticleText[], min: number): string[] {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const article = random.pick(articles);
    const text = random.next() < 0.4 ? article.title : random.pick(random.pick(article.paragraphs).split(SENTENCE_END));
    const content = words(text).filter((word) => /^\p{L}[\p{L}'’-]+$/u.test(word) && !STOP_WORDS.has(word.toLowerCase()));
    if (content.length >= min) return content;
  }
  throw new Error('the library has no sentence with enough content words');
}

function repeat<T>(count: number, make: () => T): T[] {
  return Array.from({ length: count }, make);
}
