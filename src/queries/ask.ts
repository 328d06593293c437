/**
 * The questions as the engine asks them of one library through the seam (src/seam.ts): the article a scope
 * names resolved (an unknown one is a kind error), the answer timed. The embedded library (src/library.ts)
 * and a server's composed view (src/guild/compose.ts) both answer through these; the ranking stages are
 * the question's, all on unless an evaluation turns one off.
 */
import type { ArticlesResult, Choice, QuotesResult, SuggestOption, WhatHappenedResult, WhoIsResult, WhoSaidResult } from '../answers.ts';
import { UserInputError, type Scope } from '../engine.ts';
import { FULL_RANKING, type Collection, type LibraryView, type Ranking, type SearchIndex } from '../seam.ts';
import { listArticles } from './articles.ts';
import { asking } from './context.ts';
import { listQuotes, whoIs } from './people.ts';
import { suggest } from './suggest.ts';
import { whatHappened } from './what-happened.ts';
import { whoSaid } from './who-said.ts';

export function askWhoSaid(library: Collection, query: string, scope: Scope = {}, ranking: Readonly<Ranking> = FULL_RANKING): Promise<WhoSaidResult> {
  return timed(() => whoSaid(asking(library, ranking), query, scoped(library.view, scope)));
}

export function askWhatHappened(library: Collection, topic: string | null, scope: Scope = {}, ranking: Readonly<Ranking> = FULL_RANKING): Promise<WhatHappenedResult> {
  return timed(() => whatHappened(asking(library, ranking), topic, scoped(library.view, scope)));
}

export function askQuotes(library: Collection, speaker: string | null, scope: Scope = {}): Promise<QuotesResult> {
  return timed(() => listQuotes(library.view, speaker, scoped(library.view, scope)));
}

export function askArticles(library: Collection): Promise<ArticlesResult> {
  return timed(() => listArticles(library.view));
}

export function askWhoIs(library: Collection, person: string, scope: Scope = {}): Promise<WhoIsResult> {
  return timed(() => whoIs(library.view, person, scoped(library.view, scope)));
}

/** Autocomplete: an article no one can find narrows nothing (the command itself will say so). */
export function askSuggest(library: Collection, option: SuggestOption, typed: string, scope: Scope = {}, ranking: Readonly<Ranking> = FULL_RANKING): Promise<Choice[]> {
  const article = library.view.resolveArticle(scope.article);
  return suggest(asking(library, ranking), option, typed, typeof article === 'number' ? article : null);
}

/** The article a scope names; an article nobody can find is a kind error, not a silent "everything". */
function scoped(view: LibraryView, scope: Scope): number | null {
  const article = view.resolveArticle(scope.article);
  if (article === 'unknown') {
    throw new UserInputError(`No article matches "${scope.article}". Try /articles to see the library.`);
  }
  return article;
}

async function timed<T extends { ms: number }>(answer: () => Omit<T, 'ms'> | Promise<Omit<T, 'ms'>>): Promise<T> {
  const start = performance.now();
  const result = await answer();
  return { ...result, ms: Math.round((performance.now() - start) * 100) / 100 } as T;
}

/**
 * The questions of the Engine asked of the collection itself: a library (the embedded one, src/library.ts, or
 * PostgreSQL's, src/postgres/library.ts) extends this and answers through the seam. `ranking` is for
 * measuring only (`npm run eval -- --ablation`): a question runs every stage unless told.
 */
export abstract class AskingCollection implements Collection {
  abstract readonly view: LibraryView;
  abstract readonly index: SearchIndex;

  async whoSaid(query: string, scope: Scope = {}, ranking: Readonly<Ranking> = FULL_RANKING): Promise<WhoSaidResult> {
    return askWhoSaid(this, query, scope, ranking);
  }

  async whatHappened(topic: string | null, scope: Scope = {}, ranking: Readonly<Ranking> = FULL_RANKING): Promise<WhatHappenedResult> {
    return askWhatHappened(this, topic, scope, ranking);
  }

  async quotes(speaker: string | null, scope: Scope = {}): Promise<QuotesResult> {
    return askQuotes(this, speaker, scope);
  }

  async articles(): Promise<ArticlesResult> {
    return askArticles(this);
  }

  async whoIs(person: string, scope: Scope = {}): Promise<WhoIsResult> {
    return askWhoIs(this, person, scope);
  }

  async suggest(option: SuggestOption, typed: string, scope: Scope = {}, ranking: Readonly<Ranking> = FULL_RANKING): Promise<Choice[]> {
    return askSuggest(this, option, typed, scope, ranking);
  }
}
