/**
 * The PostgreSQL library as a long-running process holds it: the library opened now (`current`), replaced
 * when the database's collection changes. Every process LISTENs on `byline_library`; an ingest (this
 * process's, another's, `npm run ingest`) NOTIFYs it in the same transaction, and each listener opens the
 * new generation and answers from it once read (the old one answers meanwhile). A process that ingests
 * (`BYLINE_DATABASE_INGEST` on) also watches its data folder and ingests it when its files change.
 *
 * The listening connection is opened again when it drops (the database restarted), and the collection is
 * then checked, so a change missed meanwhile is not missed for good.
 */
import type { Logger } from 'pino';
import pg from 'pg';
import type { Choice, QuotesResult, SuggestOption, WhatHappenedResult, WhoIsResult, WhoSaidResult, ArticlesResult } from '../answers.ts';
import type { Engine, Scope } from '../engine.ts';
import { STORE_DIR } from '../load/store.ts';
import { FolderWatch } from '../load/folder-watch.ts';
import type { Article } from '../model.ts';
import { CHANNEL, ingestFolder } from './ingest.ts';
import { createPool, currentGeneration, openGeneration, openPostgresLibrary, type PostgresLibrary } from './library.ts';
import { Coalesced } from './coalesced.ts';

/** How long the folder must be quiet before it is ingested (a copy of many files settles first). */
const SETTLE_MS = 400;
/** How long before the listening connection is opened again after it dropped. */
const RELISTEN_MS = 1_000;

export class LivePostgresLibrary implements Engine {
  private listener: pg.Client | null = null;
  private watcher: FolderWatch | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Reloads one at a time; one asked for during another runs after it. */
  private readonly reloads = new Coalesced(() => this.reloadOnce(), () => this.stopped);
  /** The newest generation a notification announced. */
  private announced = 0;
  /** Told of every reload that ran (metrics): how long it took and whether it failed. */
  onReload: ((reload: { ms: number; ok: boolean }) => void) | null = null;
  /**
   * Told of the changes of the servers' own collections (src/postgres/servers.ts): a server's id and the
   * generation announced, and `recheck` when the listening connection is opened (again), a change made
   * meanwhile not announced to this process.
   */
  servers: { changed(server: string, generation: number): void; recheck(): void } | null = null;

  constructor(
    public current: PostgresLibrary,
    /** The primary: ingest, the servers' changes, and the listening connection (its URL). */
    readonly pool: pg.Pool,
    private readonly url: string,
    /** The folder this process ingests, or null when it only reads the database. */
    private readonly dataDir: string | null,
    private readonly logger: Logger,
    /** Where the questions are answered from: the primary, or its read replica. */
    readonly read: pg.Pool = pool,
  ) {}

  /** Starts listening (and watching the data folder when this process ingests). Returns a function that stops. */
  follow(): () => void {
    void this.listen();
    if (this.dataDir !== null) {
      try {
        this.watcher = new FolderWatch(this.dataDir, {
          ignore: (file) => file.startsWith(STORE_DIR) || file.split(/[\\/]/).some((part) => part.startsWith('.')),
          change: () => this.schedule(),
          error: (error) => this.logger.warn({ err: error, dir: this.dataDir }, 'the watch on the data folder stopped'),
        });
      } catch (error) {
        this.logger.warn({ err: error, dir: this.dataDir }, 'cannot watch the data folder; run npm run ingest after changing it');
      }
    }
    return () => this.stop();
  }

  stop(): void {
    this.stopped = true;
    this.watcher?.close();
    if (this.timer) clearTimeout(this.timer);
    const listener = this.listener;
    this.listener = null;
    void listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url });
    const retry = () => {
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen(), RELISTEN_MS).unref();
    };
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'the database connection listening for changes dropped; listening again');
      retry();
    });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL) return;
      try {
        const { server, generation } = JSON.parse(message.payload ?? '{}') as { server?: string | null; generation?: number };
        if ((server ?? null) === this.current.view.server) {
          if ((generation ?? 0) > this.current.generation) void this.reload(generation);
        } else if (typeof server === 'string' && typeof generation === 'number') {
          this.servers?.changed(server, generation);
        }
      } catch {
        // A payload no byline sent: ignored.
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
      // A change made while no one listened.
      void this.reload();
      this.servers?.recheck();
    } catch (error) {
      this.logger.warn({ err: error }, 'cannot listen for changes of the database; trying again');
      retry();
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ingest(), SETTLE_MS);
  }

  /** Ingests the data folder (when changed: the hash decides, under the advisory lock); the NOTIFY reloads. */
  private async ingest(): Promise<void> {
    if (this.dataDir === null || this.stopped) return;
    try {
      await ingestFolder(this.pool, this.dataDir, { logger: this.logger });
    } catch (error) {
      this.logger.error({ err: error, dir: this.dataDir }, 'could not ingest the data folder into the database');
    }
  }

  /** Opens the collection's newest generation when it is newer than the one answering now. */
  reload(announced = 0): Promise<void> {
    this.announced = Math.max(this.announced, announced);
    return this.reloads.run();
  }

  private async reloadOnce(): Promise<void> {
    const start = performance.now();
    try {
      // The primary says which generation is the newest; the database read (a replica) is waited for.
      const generation = Math.max(this.announced, await currentGeneration(this.pool, this.current.view.server));
      if (generation <= this.current.generation) return;
      const next = await openGeneration(this.read, this.current.view.server, generation);
      const before = this.current.size;
      this.current = next;
      const ms = performance.now() - start;
      this.logger.info({ articles: next.size, before, generation: next.generation, ms: Math.round(ms) }, 'library reloaded from the database');
      this.onReload?.({ ms, ok: true });
    } catch (error) {
      this.logger.error({ err: error }, 'could not reload the library from the database; answering from the one loaded');
      this.onReload?.({ ms: performance.now() - start, ok: false });
    }
  }

  /** The library's size now (metrics). */
  size(): { articles: number; quotes: number } {
    return { articles: this.current.size, quotes: this.current.view.quotes.length };
  }

  whoSaid(query: string, scope?: Scope): Promise<WhoSaidResult> {
    return this.current.whoSaid(query, scope);
  }
  whatHappened(topic: string | null, scope?: Scope): Promise<WhatHappenedResult> {
    return this.current.whatHappened(topic, scope);
  }
  quotes(speaker: string | null, scope?: Scope): Promise<QuotesResult> {
    return this.current.quotes(speaker, scope);
  }
  articles(): Promise<ArticlesResult> {
    return this.current.articles();
  }
  whoIs(person: string, scope?: Scope): Promise<WhoIsResult> {
    return this.current.whoIs(person, scope);
  }
  suggest(option: SuggestOption, typed: string, scope?: Scope): Promise<Choice[]> {
    return this.current.suggest(option, typed, scope);
  }
  inspect(): Promise<Article[]> {
    return this.current.inspect();
  }
}

/**
 * Opens the shared library in the database of `BYLINE_DATABASE_URL` for a long-running process: the data
 * folder ingested first when this process ingests (and its files are not the database's), then followed.
 */
export async function openDatabaseLibrary(
  config: { databaseUrl: string; databaseIngest: boolean; dataDir: string; databaseReplicaUrl: string | null },
  logger: Logger,
): Promise<LivePostgresLibrary> {
  const pool = createPool(config.databaseUrl, logger);
  const read = config.databaseReplicaUrl ? createPool(config.databaseReplicaUrl, logger) : pool;
  const dataDir = config.databaseIngest ? config.dataDir : null;
  const library = await openPostgresLibrary(pool, dataDir, logger, read);
  if (read !== pool) logger.info('answering from the read replica (BYLINE_DATABASE_REPLICA_URL)');
  return new LivePostgresLibrary(library, pool, config.databaseUrl, dataDir, logger, read);
}
