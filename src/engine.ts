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
import { createHash } from 'node:crypto';
import type { Article } from './model.ts';

/**
 * Narrows a question to one article: its id, an autocomplete value that resolves to one, its title (or the
 * start of it), or its short reference (see {@link shortArticleRef}).
 */
export interface Scope {
  article?: string | null;
}

/**
 * A short reference to an article (`~` and 8 base64url characters of its id's SHA-256): what a page button
 * carries when the article's id (up to 80 characters) would not fit in Discord's 100-character custom_id.
 * 48 bits: two of 10,000 articles share one with a chance of about 2 in 10 million.
 */
export function shortArticleRef(id: string): string {
  return `~${createHash('sha256').update(id).digest('base64url').slice(0, 8)}`;
}

/** Whether an article option is written as a short reference. */
export const SHORT_ARTICLE_REF = /^~[\w-]{8}$/;

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
