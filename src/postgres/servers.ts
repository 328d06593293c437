/**
 * Every server's own articles (`/library add`) in PostgreSQL (issue #13), beside the shared library there:
 * with `BYLINE_DATABASE_URL`, a server's library is a collection of its own in the database
 * (`collections.server` = the server's id), in the same tables as the shared library's, and every bot
 * process answers a server's questions from it — the article added through one process is answered by all.
 *
 * - **Written** when an article is added or removed: the server's articles are few (at most
 *   `BYLINE_SERVER_MAX_ARTICLES`, 200 by default), so a change writes the server's whole collection anew,
 *   as a new generation (src/postgres/ingest.ts `writeLibrary`), under the advisory lock the ingest takes
 *   (`INGEST_LOCK`): the records are read, changed, understood and indexed (the indexing worker,
 *   src/guild/indexer.ts, as the embedded mode does it), and written with the articles, sentences, quotes and
 *   people in one transaction, which NOTIFYs every process (`byline_library`, the server in the payload).
 *   Two processes adding at once in one server thus both keep their articles: the second reads the first's.
 *   The records (src/guild/store.ts `StoredArticle`: text, link, author, who added it and when) are the
 *   `server_articles` rows of the generation, what the embedded mode keeps one file each.
 * - **Read** as one more {@link Collection} through the seam: the server's collection opened as a
 *   {@link PostgresLibrary} (what every question may read of it held, the rest fetched per question) and
 *   composed with the shared library by src/guild/compose.ts `ServerEngine`, exactly as the embedded mode
 *   composes its per-server segments.
 * - **Followed**: the live shared library's listening connection hands a server's notifications here
 *   (`LivePostgresLibrary.servers`), and the server's newest generation is opened (from the read replica
 *   when there is one, once it has replayed it) and answers from then on; the one before answers meanwhile.
 *   When the connection is opened again (the database restarted), every server held is checked.
 *
 * Ids are the embedded mode's (`g<server id>-<12 hex digits>`, src/guild/libraries.ts `recordsToAdd`):
 * unique across every server and the shared library, stable. Whatever a member sends is read and checked by
 * src/guild/input.ts first (and made text PostgreSQL stores: no NUL, no unpaired surrogate), and reaches the
 * database only as statement parameters.
 */
import type { Logger } from 'pino';
import type pg from 'pg';
import type { AddedArticle, ArticleSummary } from '../answers.ts';
import { UserInputError, type ServerLibrary } from '../engine.ts';
import type { FetchOptions } from '../fetch/fetch.ts';
import { newestFirst } from '../guild/compose.ts';
import type { SegmentIndexer } from '../guild/indexer.ts';
import { readSource, type AddSource, type Candidate } from '../guild/input.ts';
import { recordsToAdd, refOf, ServerLibrariesCore, summary, textOf, type SharedLibrary } from '../guild/libraries.ts';
import { isServerId, parseRecord, type StoredArticle } from '../guild/store.ts';
import type { Library } from '../library.ts';
import type { Collection } from '../seam.ts';
import { FORMAT, INGEST_LOCK, currentCollection, writeBatches, writeLibrary } from './ingest.ts';
import { currentGeneration, openGeneration, PostgresLibrary } from './library.ts';
import { Coalesced } from './coalesced.ts';

export interface PostgresServerLibrariesOptions {
  /** The primary: every change is written there, and it says which generation is current. */
  pool: pg.Pool;
  /** Where the questions are answered from: the primary (the default) or its read replica. */
  read?: pg.Pool;
  /** The shared library in the database: opened, or what holds the one opened now (the live library). */
  shared: SharedLibrary | { current: SharedLibrary };
  /** `BYLINE_SERVERS_DIR`: only names the articles' `file` as the embedded mode does (nothing is written there). */
  dir: string;
  logger: Logger;
  fetch?: FetchOptions;
  maxArticles?: number;
  indexer?: SegmentIndexer;
}

/** One server's collection as this process holds it. */
interface ServerState {
  /** Its collection's generation opened, or null while the server has none. */
  library: PostgresLibrary | null;
  loading: Promise<void> | null;
  /** Its reloads, one at a time (made at the first notification). */
  reloads: Coalesced | null;
  /** The newest generation a notification announced. */
  announced: number;
  /** This process's changes of the server, one at a time (the advisory lock orders them across processes). */
  queue: Promise<unknown>;
}

export class PostgresServerLibraries extends ServerLibrariesCore<ServerState> {
  private readonly read: pg.Pool;

  constructor(private readonly options: PostgresServerLibrariesOptions) {
    super(options);
    this.read = options.read ?? options.pool;
  }

  /** The servers that have articles in the database. */
  protected async serverNames(): Promise<string[] | null> {
    try {
      const { rows } = await this.options.pool.query<{ server: string }>(`SELECT server FROM collections WHERE server IS NOT NULL AND current AND articles > 0 ORDER BY server`);
      return rows.map((row) => row.server).filter(isServerId);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'cannot list the servers’ libraries in the database; each is read at its first question');
      return null;
    }
  }

  held(): { servers: number; articles: number } {
    let articles = 0;
    for (const state of this.servers.values()) articles += state.library?.size ?? 0;
    return { servers: this.servers.size, articles };
  }

  protected newState(): ServerState {
    return { library: null, loading: null, reloads: null, announced: 0, queue: Promise.resolve() };
  }

  protected collectionsOf(state: ServerState): Collection[] {
    return state.library ? [state.library] : [];
  }

  /** A server's collection changed in the database (a notification): its newest generation is opened, if it is held here. */
  changed(server: string, generation: number): void {
    const state = this.servers.get(server);
    // A server never asked here is read at its first question, as it is then.
    if (state) void this.reload(server, state, generation);
  }

  /** Every server held is checked (the listening connection was opened again: a change may have been missed). */
  recheck(): void {
    for (const [server, state] of this.servers) void this.reload(server, state, 0);
  }

  /** Keeps a generation opened when it is newer than the one held (a notification and a change may race). */
  private adopt(state: ServerState, library: PostgresLibrary): void {
    if (library.generation > (state.library?.generation ?? 0)) state.library = library;
  }

  /**
   * Opens a server's collection once: its current generation, or none. A generation an older byline wrote
   * (its format) is written again from its records first, as the shared library's ingest writes it again.
   */
  protected load(state: ServerState, guildId: string): Promise<void> {
    state.loading ??= (async () => {
      const start = performance.now();
      let current = await currentCollection(this.options.pool, guildId);
      if (current && current.format < FORMAT) {
        this.options.logger.info({ guildId, format: current.format }, 'a server library in the database was written by an older byline: writing it again');
        await this.write(guildId, state, async (records) => ({ records, result: null }), { force: true });
        current = await currentCollection(this.options.pool, guildId);
      }
      if (!current) return;
      this.adopt(state, await openGeneration(this.read, guildId, current.generation));
      if (current.articles > 0) {
        this.options.logger.info({ guildId, articles: current.articles, generation: current.generation, ms: Math.round(performance.now() - start) }, 'server library loaded');
      }
    })().catch((error: unknown) => {
      state.loading = null;
      throw error;
    });
    return state.loading;
  }

  /** Opens the server's newest generation when it is newer than the one held (one reload at a time). */
  private reload(guildId: string, state: ServerState, announced: number): Promise<void> {
    state.announced = Math.max(state.announced, announced);
    state.reloads ??= new Coalesced(() => this.reloadOnce(guildId, state));
    return state.reloads.run();
  }

  private async reloadOnce(guildId: string, state: ServerState): Promise<void> {
    const start = performance.now();
    try {
      // Not read yet (or its reading failed): its first question reads what is current then.
      if (!state.loading) return;
      await state.loading;
      const generation = Math.max(state.announced, await currentGeneration(this.options.pool, guildId));
      if (generation <= (state.library?.generation ?? 0)) return;
      const before = state.library?.size ?? 0;
      const next = await openGeneration(this.read, guildId, generation);
      this.adopt(state, next);
      this.options.logger.info({ guildId, articles: next.size, before, generation: next.generation, ms: Math.round(performance.now() - start) }, 'server library reloaded from the database');
    } catch (error) {
      this.options.logger.error({ err: error, guildId }, 'could not reload a server library from the database; answering from the one loaded');
    }
  }

  /**
   * One change of a server's collection, under the ingest's advisory lock: its records as the database
   * holds them now (another process may have changed them), changed by `edit` (null: nothing to write),
   * understood and indexed, written as a new generation with them (the listeners notified), then opened here.
   * `edit` may open the current generation (`current`) to find an article in it.
   */
  private async write<T>(
    guildId: string,
    state: ServerState,
    edit: (records: StoredArticle[], current: () => Promise<PostgresLibrary | null>) => Promise<{ records: StoredArticle[] | null; result: T }>,
    options: { force?: boolean } = {},
  ): Promise<{ result: T; built: Library | null }> {
    const client = await this.options.pool.connect();
    let failed: Error | undefined;
    let written: { generation: number } | null = null;
    let outcome: { records: StoredArticle[] | null; result: T };
    let built: Library | null = null;
    try {
      await client.query('SELECT pg_advisory_lock($1)', [INGEST_LOCK]);
      try {
        const current = await currentCollection(client, guildId);
        if (options.force && current && current.format >= FORMAT) {
          // Written again meanwhile (by another process): nothing left to do.
          return { result: null as T, built: null };
        }
        const records = current ? await readRecords(client, current.id) : [];
        const opened = async () => {
          if (!current) return null;
          if (state.library?.generation !== current.generation) this.adopt(state, await PostgresLibrary.open(this.options.pool, guildId));
          return state.library;
        };
        outcome = await edit(records, opened);
        const next = outcome.records;
        if (next === null) return { result: outcome.result, built: null };
        const within = (tx: pg.ClientBase, collection: number) => writeRecords(tx, collection, next);
        if (next.length > 0) {
          built = await this.indexer.build(next.map((record) => textOf(record, this.options.dir)));
          written = await writeLibrary(client, built, guildId, { within, analyze: false });
        } else {
          written = await writeBatches(client, [], null, guildId, { within, analyze: false });
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK]).catch((error: Error) => (failed = error));
      }
    } finally {
      // A connection whose unlock failed is not handed out again (its session may still hold the lock).
      client.release(failed);
    }
    // Answerable here at once (from the replica once it has replayed it); the others are notified.
    this.adopt(state, await openGeneration(this.read, guildId, written.generation));
    return { result: outcome.result, built };
  }

  protected serverLibrary(guildId: string, state: ServerState): ServerLibrary {
    return {
      guildId,
      add: async (source: AddSource, addedBy: string | null) => {
        // Fetching and reading (every input check) happen before the database is reached, outside the queue.
        const candidates = (await readSource(source, this.options.fetch)).map(storable);
        return this.change(state, async () => {
          await this.load(state, guildId);
          const { result, built } = await this.write(guildId, state, async (records) => {
            const { fresh, duplicates } = await recordsToAdd(guildId, records, candidates, this.shared(), this.maxArticles, addedBy);
            return { records: fresh.length > 0 ? [...records, ...fresh] : null, result: { fresh, duplicates, articles: records.length + fresh.length } };
          });
          const added: AddedArticle[] = [];
          if (built) {
            const understood = new Map(built.collection.map((article) => [article.id, article]));
            for (const record of result.fresh) added.push(summary(understood.get(record.id)!, record));
            this.options.logger.info({ guildId, added: result.fresh.map((a) => a.id), articles: result.articles }, 'server articles added');
          }
          return { added, duplicates: result.duplicates };
        });
      },
      remove: (value: string) =>
        this.change(state, async () => {
          await this.load(state, guildId);
          const wanted = value.trim();
          const { result } = await this.write(guildId, state, async (records, current) => {
            const own = wanted ? await current() : null;
            const found = own ? own.resolveArticle(wanted) : null;
            const index = typeof found === 'number' && records[found]?.id === own!.view.ref(found).id ? found : null;
            if (index === null) {
              if (wanted && typeof this.shared().resolveArticle(wanted) === 'number') {
                throw new UserInputError('That article is in the shared library, which every server sees: only articles added in this server can be removed here.');
              }
              throw new UserInputError(`No article of this server's library matches "${wanted.slice(0, 100)}". /library list shows them.`);
            }
            return { records: records.filter((_, i) => i !== index), result: { record: records[index]!, articles: records.length - 1 } };
          });
          this.options.logger.info({ guildId, removed: result.record.id, articles: result.articles }, 'server article removed');
          return refOf(result.record);
        }),
      list: async (): Promise<ArticleSummary[]> => {
        await this.load(state, guildId);
        const library = state.library;
        if (!library || library.size === 0) return [];
        return newestFirst((await library.articles()).articles).map((article) => ({ ...article, server: true }));
      },
    };
  }
}

/** The records of a server's collection (a generation), in its order. */
async function readRecords(client: pg.ClientBase, collection: number): Promise<StoredArticle[]> {
  const { rows } = await client.query<{ record: string }>('SELECT record FROM server_articles WHERE collection = $1 ORDER BY num', [collection]);
  return rows.map((row) => parseRecord(row.record));
}

/** Writes the records of a generation: as JSON text, parameters only. */
async function writeRecords(client: pg.ClientBase, collection: number, records: readonly StoredArticle[]): Promise<void> {
  if (records.length === 0) return;
  await client.query(
    `INSERT INTO server_articles (collection, num, id, record) SELECT $1, num, id, record FROM unnest($2::int[], $3::text[], $4::text[]) AS t(num, id, record)`,
    [collection, records.map((_, i) => i), records.map((record) => record.id), records.map((record) => JSON.stringify(record))],
  );
}

/** Unpaired UTF-16 surrogates (which no UTF-8 text holds) and NUL (which PostgreSQL's text refuses). */
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

/** A string PostgreSQL stores as it is: an unpaired surrogate made U+FFFD (as UTF-8 encoding makes it), NUL dropped. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, (found) => (found === '\u0000' ? '' : '\uFFFD'));
}

/** A candidate whose every text PostgreSQL stores as it is, before its id and hash are made from it. */
function storable(candidate: Candidate): Candidate {
  const text = (value: string | null) => (value === null ? null : storableText(value));
  return { ...candidate, title: text(candidate.title), date: text(candidate.date), source: text(candidate.source), author: text(candidate.author), paragraphs: candidate.paragraphs.map(storableText) };
}
