/**
 * What the engine answers: plain typed objects, one per command. Discord (src/discord/), the local console
 * (src/format/text.ts) and the JSON command line (src/cli/) are three renderings of these same objects.
 */
import type { QuoteKind } from './model.ts';

/** The article an answer comes from, as the JSON contract gives it. */
export interface ArticleRef {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
}

/** One word of the comparison between what the user typed and the article's exact words. */
export interface WordChange {
  /** `same`: typed as written; `added`: typed but not in the quote; `dropped`: in the quote, not typed; `changed`: typed differently. */
  op: 'same' | 'added' | 'dropped' | 'changed';
  /** The article's word (for `added`: the typed word). */
  text: string;
  /** For `changed`: what the user typed instead. */
  typed?: string;
}

export interface WhoSaidAnswer {
  /** The speaker as the article names them, role and name ("Ukrainian Foreign Minister Dmytro Kuleba"). */
  speaker: string;
  /** The speaker's name alone ("Dmytro Kuleba"), or the description when no name is given. */
  speakerName: string;
  /** The full quote, exactly as written (without the surrounding quote marks). */
  quote: string;
  /** The sentence(s) the quote stands in, exactly as written. */
  sentence: string;
  kind: QuoteKind;
  article: ArticleRef;
  /** 1-based paragraph where the quote starts. */
  paragraph: number;
  /** Relevance, higher is better; comparable within one answer. */
  score: number;
  /** Word-by-word differences between the query and the quote's closest passage; empty when typed exactly. */
  differences: WordChange[];
  /**
   * How sure the attribution is, in [0, 1] (see src/attribution/confidence.ts): from 0.8 the speaker is
   * stated flatly, below it as "probably", below 0.5 the article does not make the speaker certain.
   */
  confidence: number;
}

export interface WhoSaidResult {
  query: string;
  /** Best first; empty when nothing in the library matches well enough. */
  answers: WhoSaidAnswer[];
  /** When `answers` is empty: the closest quotes, to help the user (never presented as the answer). */
  suggestions: WhoSaidAnswer[];
  ms: number;
}

export interface Passage {
  /** The passage text as written (a sentence, sometimes with a neighbour that carries its subject). */
  text: string;
  article: ArticleRef;
  paragraph: number;
  score: number;
  /** Dates the passage speaks of, resolved against the article's date ("yesterday" → 2022-02-22). */
  dates: ResolvedDate[];
  /** Months and years the passage speaks of ("in December" → `2019-12`, "since 2017" → `2017`; added for issue #9). */
  periods?: ResolvedDate[];
}

export interface ResolvedDate {
  /** The words in the text ("yesterday", "on Friday"). */
  text: string;
  /** ISO date `YYYY-MM-DD` (in `periods`: a month `YYYY-MM` or a year `YYYY`). */
  date: string;
}

export interface WhatHappenedResult {
  /** The topic asked, or null for a summary of the (most recent) article. */
  query: string | null;
  /** In the order shown: grouped by article, the most relevant article first, the best passage first within one. */
  passages: Passage[];
  /** The dated events among the passages, in date order: shown when they span more than one day. */
  timeline: TimelineEntry[];
  /**
   * True when the topic fits several articles about equally ("election"): the best two or three are shown,
   * each with its lead passage, and the answer says that several articles match (added for issue #9).
   */
  several?: boolean;
  ms: number;
}

export interface TimelineEntry {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** The words in the text that give the date ("yesterday"). */
  when: string;
  /** The passage the event is told in. */
  text: string;
  article: ArticleRef;
  paragraph: number;
}

export interface SpeakerCount {
  /** How the speaker is introduced ("Defense Secretary Lloyd Austin"). */
  speaker: string;
  /** The name alone; the same name across articles is one speaker. */
  speakerName: string;
  /** Quotes and statements attributed to them across the articles. */
  quotes: number;
  /** The articles they are quoted in, newest first. */
  articles: ArticleRef[];
}

export interface QuotesResult {
  /** The speaker asked for, or null when listing the speakers. */
  speaker: string | null;
  article: ArticleRef | null;
  /** When a speaker was given: their quotes, in article order. */
  quotes: WhoSaidAnswer[];
  /** When no speaker was given: the speakers with how many quotes each, most first. */
  speakers: SpeakerCount[];
  ms: number;
}

export interface ArticleSummary extends ArticleRef {
  paragraphs: number;
  sentences: number;
  quotes: number;
  speakers: number;
  /** True for an article added in this server (issue #11), absent for the shared library's. */
  server?: boolean;
}

export interface ArticlesResult {
  articles: ArticleSummary[];
  ms: number;
}

export interface PersonStatement {
  kind: QuoteKind;
  text: string;
  paragraph: number;
  /** How sure the attribution to this person is, in [0, 1] (as in who-said answers). */
  confidence: number;
}

export interface PersonProfile {
  name: string;
  role: string | null;
  display: string;
  article: ArticleRef;
  /** Direct, partial and indirect statements, in article order. */
  statements: PersonStatement[];
  /** Paragraphs where the person is mentioned (by name, pronoun or description). */
  mentionedIn: number[];
  /**
   * Added for issue #9: one profile is one person across the library. `article`, `statements` and
   * `mentionedIn` above are those of the most relevant article; `articles` lists every article the person
   * appears in, most relevant first, `roles` every role given, and `mentions` sums up where they are
   * mentioned when that is long or spans articles ("mentioned in 37 paragraphs of 4 articles"), else null.
   */
  roles?: string[];
  articles?: { article: ArticleRef; statements: PersonStatement[]; mentionedIn: number[] }[];
  mentions?: string | null;
}

export interface WhoIsResult {
  query: string;
  people: PersonProfile[];
  ms: number;
}

/** An autocomplete choice: `name` is shown (≤ 100 characters), `value` is a compact id resolved when the command runs. */
export interface Choice {
  name: string;
  value: string;
}

export type SuggestOption = 'quote' | 'topic' | 'speaker' | 'article' | 'person';

/** A quote found in an article just added, as the add reply shows it. */
export interface FoundQuote {
  quote: string;
  /** The speaker as the article introduces them, or null when no speaker was found. */
  speaker: string | null;
  kind: QuoteKind;
  paragraph: number;
  confidence: number;
}

/** An article added to a server's library, as byline understood it (issue #11). */
export interface AddedArticle {
  article: ArticleRef;
  author: string | null;
  paragraphs: number;
  sentences: number;
  /** How many quotes and statements were found, and the first of them with their speakers. */
  quoteCount: number;
  quotes: FoundQuote[];
  /** Everyone quoted, as the article introduces them, most quoted first. */
  speakers: string[];
}

/** A form to fill in before a command can act (a Discord modal; the text faces say how to do without it). */
export interface FormSpec {
  /** Routes the submitted form back to its command (at most 100 characters). */
  id: string;
  title: string;
  inputs: { id: string; label: string; style: 'short' | 'paragraph'; required: boolean; maxLength: number; placeholder?: string }[];
}

/**
 * `/library`: what was added, removed or listed in the server's own library (issue #11). One shape for
 * every action; the fields an action does not use are empty.
 */
export interface LibraryResult {
  action: 'add' | 'remove' | 'list' | 'form';
  /** add: the articles added, each as byline understood it. */
  added: AddedArticle[];
  /** add: what was already in the library (the same link or the same text), not added twice. */
  duplicates: { article: ArticleRef; reason: 'url' | 'text' }[];
  /** add (from a message with several links): why a link could not be added. */
  refused: { source: string; reason: string }[];
  /** remove: the article taken out. */
  removed: ArticleRef | null;
  /** list: the server's own articles, newest first. */
  articles: ArticleSummary[];
  /** form: the form to show (the text of an article to type or paste). */
  form: FormSpec | null;
  ms: number;
}
