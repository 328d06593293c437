/**
 * The library in PostgreSQL (`BYLINE_DATABASE_URL`): the engine every command talks to, answering through
 * the seam (src/seam.ts) with the PostgreSQL view and search index, by the very query code the embedded
 * library runs (src/queries/).
 */
import type { Logger } from 'pino';
import pg from 'pg';
import type { ArticlesResult, Choice, QuotesResult, SuggestOption, WhatHappenedResult, WhoIsResult, WhoSaidResult } from '../answers.ts';
import type { Engine, Scope } from '../engine.ts';
import type { Article } from '../model.ts';
import { askArticles, askQuotes, askSuggest, askWhatHappened, askWhoIs, askWhoSaid } from '../queries/ask.ts';
import { FULL_RANKING, type Collection, type Ranking } from '../seam.ts';
import { collectionId, ingestFolder } from './ingest.ts';
import { migrate } from './migrations.ts';
import { PostgresIndex } from './search.ts';
import { PostgresView } from './view.ts';

export class PostgresLibrary implements Engine, Collection {
  private constructor(
    readonly view: PostgresView,
    readonly index: PostgresIndex,
    /** The collection's row id. */
    readonly collection: number,
    /** The collection's generation when opened: a later ingest bumps it. */
    readonly generation: number,
  ) {}

  /** Whether an article of this id is in the library (ids only). */
  hasId(id: string): boolean {
    return this.view.hasId(id);
  }

  /** Resolves an `article` option: an id, a short reference, a title or its start. */
  resolveArticle(value: string | null | undefined): number | null | 'unknown' {
    return this.view.resolveArticle(value);
  }

  /** Opens a collection (the shared library by default) of a database whose schema is up to date. */
  static async open(db: pg.Pool, server: string | null = null): Promise<PostgresLibrary> {
    const client = await db.connect();
    let collection: number;
    let generation: number;
    try {
      collection = await collectionId(client, server);
      const { rows } = await client.query<{ generation: string }>('SELECT generation FROM collections WHERE id = $1', [collection]);
      generation = Number(rows[0]!.generation);
    } finally {
      client.release();
    }
    const [view, index] = await Promise.all([PostgresView.open(db, collection, server), PostgresIndex.open(db, collection, server)]);
    return new PostgresLibrary(view, index, collection, generation);
  }

  get size(): number {
    return this.view.size;
  }

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

  async inspect(): Promise<Article[]> {
    const all = Array.from({ length: this.view.size }, (_, i) => i);
    await this.view.load({ articles: all });
    return all.map((i) => {
      const { id, title, date, source, file, paragraphs, sentences, quotes, people } = this.view.article(i);
      return { id, title, date, source, file, paragraphs, sentences, quotes, people };
    });
  }
}

/** A pool on a database URL; its errors (a server gone) are logged, never thrown at the process. */
export function createPool(url: string, logger?: Logger, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (error) => logger?.warn({ err: error }, 'a database connection failed'));
  return pool;
}

/**
 * Opens the shared library in PostgreSQL: the schema brought up to date, the data folder ingested when its
 * files are not the ones the database holds (under an advisory lock: the first process to see new files
 * ingests them, the others wait and find them there), then the view and the index read.
 */
export async function openPostgresLibrary(pool: pg.Pool, dataDir: string | null, logger?: Logger): Promise<PostgresLibrary> {
  const start = performance.now();
  const client = await pool.connect();
  try {
    await migrate(client);
  } finally {
    client.release();
  }
  if (dataDir !== null) await ingestFolder(pool, dataDir, logger ? { logger } : {});
  const library = await PostgresLibrary.open(pool);
  logger?.info({ articles: library.size, quotes: library.view.quotes.length, backend: 'postgres', ms: Math.round(performance.now() - start) }, 'library loaded');
  return library;
}
