/**
 * The engine's public face: what every command can ask of the library. It knows nothing of Discord;
 * the commands in commands/ call it, and the transports render what it answers.
 */
import type {
  ArticlesResult,
  Choice,
  QuotesResult,
  SuggestOption,
  WhatHappenedResult,
  WhoIsResult,
  WhoSaidResult,
} from './answers.ts';
import type { Article } from './model.ts';

/** Narrows a question to one article: its id, or an autocomplete value that resolves to one. */
export interface Scope {
  article?: string | null;
}

export interface Engine {
  whoSaid(query: string, scope?: Scope): Promise<WhoSaidResult>;
  whatHappened(topic: string | null, scope?: Scope): Promise<WhatHappenedResult>;
  quotes(speaker: string | null, scope?: Scope): Promise<QuotesResult>;
  articles(): Promise<ArticlesResult>;
  whoIs(person: string, scope?: Scope): Promise<WhoIsResult>;
  /** Autocomplete: the best choices (at most 25, names of at most 100 characters) for what has been typed. */
  suggest(option: SuggestOption, typed: string, scope?: Scope): Promise<Choice[]>;
  /** Every article as the engine understood it. */
  inspect(): Promise<Article[]>;
}

/**
 * A question byline cannot answer as asked (an empty query, an unknown article). Its message is written
 * for the person who asked, and every transport shows it as a kind notice rather than an error.
 */
export class UserInputError extends Error {
  override name = 'UserInputError';
}
