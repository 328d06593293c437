/**
 * The library in PostgreSQL (`BYLINE_DATABASE_URL`): the engine every command talks to, answering through
 * the seam (src/seam.ts) with the PostgreSQL view and search index, by the very query code the embedded
 * library runs (src/queries/).
 */
import type { Logger } from 'pino';
import pg from 'pg';
import type { Engine } from '../engine.ts';
import type { Article } from '../model.ts';
import { AskingCollection } from '../queries/ask.ts';
import { currentCollection, ingestFolder } from './ingest.ts';
import { migrate } from './migrations.ts';
import { PostgresIndex } from './search.ts';
import { PostgresView, VIEW_CACHE } from './view.ts';

export class PostgresLibrary extends AskingCollection implements Engine {
  private constructor(
    readonly view: PostgresView,
    readonly index: PostgresIndex,
    /** The collection's row id. */
    readonly collection: number,
    /** The collection's generation when opened: a later ingest bumps it. */
    readonly generation: number,
  ) {
    super();
  }

  /** Whether an article of this id is in the library (ids only). */
  hasId(id: string): boolean {
    return this.view.hasId(id);
  }

  /** Resolves an `article` option: an id, a short reference, a title or its start. */
  resolveArticle(value: string | null | undefined): number | null | 'unknown' {
    return this.view.resolveArticle(value);
  }

  /** Opens a collection (the shared library by default) of a database whose schema is up to date. */
  static async open(db: pg.Pool, server: string | null = null, cache: typeof VIEW_CACHE = VIEW_CACHE): Promise<PostgresLibrary> {
    const current = await currentCollection(db, server);
    if (!current) throw new Error(`nothing was ingested into the database for ${server === null ? 'the shared library' : `server ${server}`} yet (npm run ingest)`);
    const { id: collection, generation } = current;
    const [view, index] = await Promise.all([PostgresView.open(db, collection, server, cache), PostgresIndex.open(db, collection, server)]);
    index.useScope({
      range: (name, article) => (name === 'quotes' ? view.quotes.range(article) : { first: view.firstSentence(article), end: view.firstSentence(article + 1) }),
      kind: (id) => view.quotes.kind(id),
    });
    return new PostgresLibrary(view, index, collection, generation);
  }

  get size(): number {
    return this.view.size;
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

/** The generation of a collection now (0 when there is none yet). */
export async function currentGeneration(db: pg.Pool, server: string | null): Promise<number> {
  try {
    return (await currentCollection(db, server))?.generation ?? 0;
  } catch (error) {
    // A replica that has not replayed the schema yet (undefined_table) holds no generation yet.
    if ((error as { code?: string }).code === '42P01') return 0;
    throw error;
  }
}

/** How long a replica is waited for to replay a generation the primary announced. */
const REPLICA_WAIT_MS = 10_000;

/**
 * Opens a collection once the database read holds at least `generation` of it: a replica replays the
 * primary's transactions a little later than they are notified.
 */
export async function openGeneration(read: pg.Pool, server: string | null, generation: number): Promise<PostgresLibrary> {
  for (let waited = 0; generation > 0 && (await currentGeneration(read, server)) < generation; waited += 50) {
    if (waited >= REPLICA_WAIT_MS) throw new Error(`the database read has not reached generation ${generation} of the library after ${REPLICA_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return PostgresLibrary.open(read, server);
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
export async function openPostgresLibrary(pool: pg.Pool, dataDir: string | null, logger?: Logger, read: pg.Pool = pool): Promise<PostgresLibrary> {
  const start = performance.now();
  const client = await pool.connect();
  try {
    await migrate(client);
  } finally {
    client.release();
  }
  let generation = 0;
  if (dataDir !== null) generation = (await ingestFolder(pool, dataDir, logger ? { logger } : {})).generation;
  // A replica answers once it has replayed what the primary holds now.
  if (read !== pool) generation = Math.max(generation, await currentGeneration(pool, null));
  const library = await openGeneration(read, null, generation);
  logger?.info({ articles: library.size, quotes: library.view.quotes.length, backend: 'postgres', ms: Math.round(performance.now() - start) }, 'library loaded');
  return library;
}
