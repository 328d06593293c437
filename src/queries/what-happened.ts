/**
 * `/what-happened`: a short event summary.
 *
 * With a topic: the sentences that answer it (MiniSearch candidates re-ranked by how much of the topic they
 * cover, lifted when their article's title matches), near-duplicates removed (MMR), each with the
 * neighbouring sentence when it only carries on from it ("He said…"), shown grouped by article, newest
 * first, in article order within one.
 *
 * Without a topic: an extractive summary of the article asked for, or the most recent one: its lead plus
 * the sentences that best cover the rest.
 */
import type { Passage, TimelineEntry, WhatHappenedResult } from '../answers.ts';
import { resolveDates } from '../article/dates.ts';
import type { Library } from '../library.ts';
import { UserInputError } from '../engine.ts';
import type { Sentence } from '../model.ts';
import { runQuery } from '../search/index.ts';
import { align, RecentCache, words, type Word } from '../search/match.ts';
import { selectPassages, summarize } from '../search/summary.ts';
import { sentenceOf } from '../store-format.ts';
import { cleanQuery } from './who-said.ts';

/** How many passages an answer shows. */
const MAX_PASSAGES = 5;
const SUMMARY_SENTENCES = 4;
const CANDIDATES = 60;
/** A passage is shown only if it scores at least this share of the best one. */
const RELATIVE_FLOOR = 0.45;
/** Below this share of the topic's words covered, a sentence does not answer it. */
const MIN_COVERAGE = 0.34;
/** How much being the article's lead lifts a sentence (half for the rest of the first two paragraphs). */
const LEAD_LIFT = 0.3;
/** How much a matching article title lifts that article's sentences. */
const TITLE_LIFT = 0.35;

export function whatHappened(library: Library, rawTopic: string | null, article: number | null): Omit<WhatHappenedResult, 'ms'> {
  const topic = rawTopic === null ? '' : cleanQuery(rawTopic);
  if (!topic) return withTimeline(null, summaryOf(library, article ?? library.byRecency[0] ?? null));

  const plan = library.plan(topic);
  if (plan.terms.length === 0) {
    throw new UserInputError('Give a topic with at least one meaningful word, or leave it empty for a summary.');
  }
  const entries = library.indexes.sentenceEntries;
  const filter = article !== null ? { filter: (id: number) => entries.articleOf(id) === article } : {};
  const hits = runQuery(library.indexes.sentences, plan, filter).slice(0, CANDIDATES);
  if (hits.length === 0) return withTimeline(topic, []);

  const { rerank, newsPriors } = library.ranking;
  const titleScores = newsPriors ? titleMatches(library, topic) : new Map<number, number>();
  const typed = words(topic);
  const maxBm25 = hits[0]!.score;
  const scored = hits
    .map((hit) => {
      const entry = entries.at(hit.id as number)!;
      const bm25 = hit.score / maxBm25;
      const coverage = rerank ? align(typed, sentenceWords(library, hit.id as number, entry.sentence), library.weight, library.synonyms).coverage : 1;
      const title = titleScores.get(entry.article) ?? 0;
      const lead = newsPriors ? leadLift(entry.sentence) : 0;
      const relevance = rerank ? 0.6 * coverage + 0.4 * bm25 : bm25;
      const score = relevance * (1 + TITLE_LIFT * title) * (1 + lead);
      return { index: hit.id as number, score, coverage: coverage + title * 0.5, text: entry.sentence.text };
    })
    .filter((c) => c.coverage >= MIN_COVERAGE)
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) return withTimeline(topic, []);

  const floor = scored[0]!.score * RELATIVE_FLOOR;
  const chosen = selectPassages(
    scored.filter((c) => c.score >= floor),
    MAX_PASSAGES,
    0.7,
  );
  const score = new Map(scored.map((c) => [c.index, c.score]));
  const picked = chosen.map((index) => ({ ...entries.at(index)!, score: score.get(index) ?? 0 }));
  const shown = new Set(picked.map((entry) => `${entry.article}:${entry.sentence.index}`));
  // Grouped by article, newest first; in article order within an article.
  const passages = library
    .newestFirst([...new Set(picked.map((entry) => entry.article))])
    .flatMap((a) => picked.filter((entry) => entry.article === a).sort((x, y) => x.sentence.index - y.sentence.index))
    .map((entry) => passage(library, entry.article, entry.sentence, entry.score, shown));
  return withTimeline(topic, passages);
}

/** The answer with its timeline: each dated passage once per date, in date order, when they span several days. */
function withTimeline(query: string | null, passages: Passage[]): Omit<WhatHappenedResult, 'ms'> {
  const seen = new Set<string>();
  const timeline: TimelineEntry[] = [];
  for (const p of passages) {
    for (const d of p.dates) {
      const key = `${d.date}|${p.article.id}|${p.paragraph}|${p.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      timeline.push({ date: d.date, when: d.text, text: p.text, article: p.article, paragraph: p.paragraph });
    }
  }
  timeline.sort((x, y) => x.date.localeCompare(y.date));
  const days = new Set(timeline.map((t) => t.date));
  return { query, passages, timeline: days.size > 1 ? timeline : [] };
}

/**
 * The words of recently ranked sentences, by sentence id, per library: a topic's best sentences come back
 * for related topics.
 */
const sentenceWordCaches = new WeakMap<Library, RecentCache<number, Word[]>>();

function sentenceWords(library: Library, id: number, sentence: Sentence): Word[] {
  let cache = sentenceWordCaches.get(library);
  if (!cache) {
    cache = new RecentCache(8_000);
    sentenceWordCaches.set(library, cache);
  }
  return cache.get(id, () => words(sentence.text));
}

/**
 * News is written top-down: the lead states the event, later paragraphs add detail and background. So
 * between two sentences that match a topic as well, the one nearer the top is the better answer.
 */
function leadLift(sentence: Sentence): number {
  if (sentence.index === 0) return LEAD_LIFT;
  if (sentence.paragraph <= 2) return LEAD_LIFT / 2;
  return 0;
}

function summaryOf(library: Library, article: number | null): Passage[] {
  if (article === null) return [];
  const sentences = library.collection[article]!.sentences;
  const chosen = summarize(sentences, SUMMARY_SENTENCES);
  const shown = new Set(chosen.map((index) => `${article}:${index}`));
  return chosen.map((index, rank) => passage(library, article, sentences[index]!, 1 - rank / (chosen.length + 1), shown));
}

/** Builds a passage: the sentence, with the one before when it only carries on from it. */
function passage(library: Library, article: number, sentence: Sentence, score: number, shown = new Set<string>()): Passage {
  const a = library.collection[article]!;
  const before = sentenceOf(a, sentence.index - 1);
  const needsContext =
    before !== undefined &&
    before.paragraph === sentence.paragraph &&
    !shown.has(`${article}:${before.index}`) &&
    carriesOn(sentence.text);
  const text = needsContext ? `${before.text} ${sentence.text}` : sentence.text;
  return {
    text,
    article: library.ref(article),
    paragraph: sentence.paragraph,
    score: Math.round(score * 1000) / 1000,
    dates: resolveDates(text, a.date),
  };
}

/** A sentence that opens with a pronoun or "this/that" leans on the sentence before for its subject. */
function carriesOn(text: string): boolean {
  return /^[“"‘']?(?:he|she|they|it|this|that|these|those|his|her|their|its)\b/i.test(text);
}

/** How well each article's title matches the topic (0–1), for the articles whose title shares a word. */
function titleMatches(library: Library, topic: string): Map<number, number> {
  const plan = library.plan(topic);
  const typed = words(topic);
  const scores = new Map<number, number>();
  for (const hit of runQuery(library.indexes.titles, plan).slice(0, 20)) {
    const article = hit.id as number;
    const title = library.collection[article]!.title;
    scores.set(article, align(typed, words(title), library.weight, library.synonyms).coverage);
  }
  return scores;
}
