/**
 * The engine's public face: what every command can ask of the library. It knows nothing of Discord;
 * the commands in commands/ call it, and the transports render what it answers.
 */
import type {
  AddedArticle,
  ArticleRef,
  ArticleSummary,
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
import type { AddSource } from './guild/input.ts';

/**
 * Narrows a question to one article: its id, an autocomplete value that resolves to one, its title (or the
 * start of it), or its short reference (see {@link shortArticleRef}).
 */
export interface Scope {
  article?: string | null;
  /** `server`: only the server's own articles (the autocomplete of `/library remove`). */
  library?: 'server' | null;
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
  /**
   * The server's own articles (issue #11): present on the engine of a server, absent on the shared
   * library's (direct messages, the console without `--guild`).
   */
  readonly server?: ServerLibrary | undefined;
}

/** What a server can do with its own part of the library. Every refusal is a {@link UserInputError}. */
export interface ServerLibrary {
  readonly guildId: string;
  /** Reads the source, keeps the article(s) atomically, and makes them answerable; a duplicate is reported, not added. */
  add(source: AddSource, addedBy: string | null): Promise<{ added: AddedArticle[]; duplicates: { article: ArticleRef; reason: 'url' | 'text' }[] }>;
  /** Takes one of the server's own articles out (an id, an autocomplete value or a title). */
  remove(article: string): Promise<ArticleRef>;
  /** The server's own articles, newest first. */
  list(): Promise<ArticleSummary[]>;
}

/**
 * A question byline cannot answer as asked (an empty query, an unknown article). Its message is written
 * for the person who asked, and every transport shows it as a kind notice rather than an error.
 */
export class UserInputError extends Error {
  override name = 'UserInputError';
}
