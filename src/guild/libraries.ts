/**
 * Every server's own articles (issue #11): the articles members added in a server, kept on disk per server
 * (store.ts) and held in memory as one small {@link Library} per server, composed with the shared library
 * at query time (compose.ts). The shared library's loading and reloading are untouched: it is handed in,
 * and read anew for every question (`current`), so a reload of the data folder is seen at once.
 *
 * A server's articles are read when the server first asks something (or adds an article), or, in the bot,
 * in the background just after start-up ({@link ServerLibraries.warm}); a process holds the shared library
 * and, for every server with articles of its own, that server's small libraries. Reading them understands
 * each article again (its sentences, quotes and speakers) in the indexing worker (indexer.ts), so other
 * questions are answered meanwhile.
 *
 * Changes to one server's library are made one at a time (adds and removals queue); each is written to
 * disk first (atomically) and then swapped in whole, so a question never sees a half-changed library.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { AddedArticle, ArticleRef, ArticleSummary } from '../answers.ts';
import { titleFromText } from '../article/parse.ts';
import { UserInputError, type Engine, type ServerLibrary } from '../engine.ts';
import type { FetchOptions } from '../fetch/fetch.ts';
import { Library } from '../library.ts';
import type { Collection } from '../seam.ts';
import type { Article, ArticleText } from '../model.ts';
import { newestFirst, ServerEngine } from './compose.ts';
import { workerIndexer, type SegmentIndexer } from './indexer.ts';
import { readSource, type AddSource, type Candidate } from './input.ts';
import { ServerStore, isServerId, type StoredArticle } from './store.ts';

/** Default most articles one server may add (`BYLINE_SERVER_MAX_ARTICLES`). */
export const DEFAULT_MAX_SERVER_ARTICLES = 200;
/** Quotes an add reply lists (the count says how many there are). */
const QUOTES_SHOWN = 5;
/**
 * Articles of a server per segment (one small Library each): an add re-indexes its segment only (in the
 * indexing worker), and a question goes to a few libraries, not dozens (each has a fixed cost: measured in
 * tests/bench/servers.ts).
 */
export const SEGMENT_SIZE = 100;

/** What a server's view needs of the shared library: its questions, its view and index, its ids. */
export type SharedLibrary = Engine & Collection & Pick<Library, 'hasId' | 'resolveArticle'>;

export interface ServerLibrariesOptions {
  /** Folder of the servers' articles, one sub-folder per server (`BYLINE_SERVERS_DIR`). */
  dir: string;
  /**
   * The shared library: a library, or what holds the one loaded now (the live library), embedded or in
   * PostgreSQL.
   */
  shared: SharedLibrary | { current: SharedLibrary };
  logger: Logger;
  /** How links and attachments are fetched (tests inject an address guard and resolver). */
  fetch?: FetchOptions;
  /** Most articles a server may add (default {@link DEFAULT_MAX_SERVER_ARTICLES}). */
  maxArticles?: number;
  /** Where articles are understood and indexed (default: a worker thread, see indexer.ts). */
  indexer?: SegmentIndexer;
}

/** One server's part of the library, as this process holds it. */
interface ServerState {
  store: ServerStore;
  /** The stored records, oldest first. */
  stored: StoredArticle[];
  /** The same articles understood and indexed, {@link SEGMENT_SIZE} a segment; swapped in whole after a change. */
  segments: Library[];
  loading: Promise<void> | null;
  /** Changes are made one at a time. */
  queue: Promise<unknown>;
}

/**
 * What the server libraries of both modes share (embedded here, PostgreSQL in src/postgres/servers.ts): a
 * state per server, the engine of each server's questions composed from it, its changes run one at a time,
 * and the warm-up after start-up. Each mode says how a server's articles are listed, read and changed.
 */
export abstract class ServerLibrariesCore<S extends { queue: Promise<unknown> }> {
  protected readonly servers = new Map<string, S>();
  private readonly engines = new Map<string, ServerEngine>();
  protected readonly maxArticles: number;
  protected readonly indexer: SegmentIndexer;

  constructor(private readonly core: { shared: SharedLibrary | { current: SharedLibrary }; logger: Logger; maxArticles?: number; indexer?: SegmentIndexer }) {
    this.maxArticles = core.maxArticles ?? DEFAULT_MAX_SERVER_ARTICLES;
    this.indexer = core.indexer ?? workerIndexer(core.logger);
  }

  /** Stops the indexing worker (the process may then end with nothing left running). */
  close(): Promise<void> {
    return this.indexer.close();
  }

  /** The shared library loaded now. */
  protected shared(): SharedLibrary {
    const shared = this.core.shared;
    return 'current' in shared ? shared.current : shared;
  }

  /**
   * The engine a question from `guildId` is answered by: the server's view (shared and own articles), or
   * the shared library alone for a direct message (no server) or an id that is no server's.
   */
  engineFor(guildId: string | null | undefined): Engine {
    if (!guildId || !isServerId(guildId)) return 'current' in this.core.shared ? (this.core.shared as unknown as Engine) : this.shared();
    let engine = this.engines.get(guildId);
    if (!engine) {
      const state = this.state(guildId);
      engine = new ServerEngine(
        () => this.shared(),
        async () => {
          await this.load(state, guildId);
          return this.collectionsOf(state);
        },
        this.serverLibrary(guildId, state),
      );
      this.engines.set(guildId, engine);
    }
    return engine;
  }

  /**
   * Reads every server's articles, one server after another, in the background (the bot calls it after
   * start-up, so that a server's first question after a restart does not wait for its articles). A server
   * whose articles cannot be read is logged and left for its first question.
   */
  async warm(): Promise<void> {
    const names = await this.serverNames();
    if (names === null) return;
    const start = performance.now();
    for (const guildId of names) {
      try {
        await this.load(this.state(guildId), guildId);
      } catch (error) {
        this.core.logger.warn({ err: error, guildId }, 'cannot read a server library; it will be read at its first question');
      }
    }
    const held = this.held();
    if (held.articles > 0) this.core.logger.info({ ...held, ms: Math.round(performance.now() - start) }, 'server libraries read');
  }

  /** What this process holds of the servers' articles (logs, README's memory note). */
  abstract held(): { servers: number; articles: number };

  protected state(guildId: string): S {
    let state = this.servers.get(guildId);
    if (!state) {
      state = this.newState(guildId);
      this.servers.set(guildId, state);
    }
    return state;
  }

  /** Runs one change of a server's library after this process's changes before it. */
  protected change<T>(state: S, work: () => Promise<T>): Promise<T> {
    const next = state.queue.then(work, work);
    state.queue = next.catch(() => undefined);
    return next;
  }

  /** The servers with articles, to read at start-up; null when they cannot be listed (each is read at its first question). */
  protected abstract serverNames(): Promise<string[] | null>;
  protected abstract newState(guildId: string): S;
  /** Reads a server's articles once. */
  protected abstract load(state: S, guildId: string): Promise<void>;
  /** The libraries a server's own articles are answered from, once read. */
  protected abstract collectionsOf(state: S): Collection[];
  protected abstract serverLibrary(guildId: string, state: S): ServerLibrary;
}

export class ServerLibraries extends ServerLibrariesCore<ServerState> {
  constructor(private readonly options: ServerLibrariesOptions) {
    super(options);
  }

  protected async serverNames(): Promise<string[] | null> {
    try {
      return (await readdir(this.options.dir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && isServerId(entry.name)).map((entry) => entry.name);
    } catch {
      return null;
    }
  }

  held(): { servers: number; articles: number } {
    let articles = 0;
    for (const state of this.servers.values()) articles += state.stored.length;
    return { servers: this.servers.size, articles };
  }

  protected newState(guildId: string): ServerState {
    return { store: new ServerStore(this.options.dir, guildId), stored: [], segments: [], loading: null, queue: Promise.resolve() };
  }

  protected collectionsOf(state: ServerState): Collection[] {
    return state.segments;
  }

  /** Reads a server's articles once (a damaged file is logged by name and skipped). */
  protected load(state: ServerState, guildId: string): Promise<void> {
    state.loading ??= (async () => {
      const start = performance.now();
      const { articles, problems } = await state.store.load();
      for (const problem of problems) {
        this.options.logger.warn({ guildId, file: problem.file }, `a server article file cannot be trusted (${problem.message}); skipped`);
      }
      state.segments = await this.segmentsOf(articles, 0, []);
      state.stored = articles;
      if (articles.length > 0 || problems.length > 0) {
        this.options.logger.info({ guildId, articles: articles.length, skipped: problems.length, ms: Math.round(performance.now() - start) }, 'server library loaded');
      }
    })().catch((error: unknown) => {
      // A folder that cannot be read now may be readable at the next question.
      state.loading = null;
      throw error;
    });
    return state.loading;
  }

  protected serverLibrary(guildId: string, state: ServerState): ServerLibrary {
    return {
      guildId,
      add: async (source: AddSource, addedBy: string | null) => {
        // Fetching and reading happen outside the queue: a slow site holds up no other change.
        const candidates = await readSource(source, this.options.fetch);
        return this.change(state, async () => {
          await this.load(state, guildId);
          return this.add(guildId, state, candidates, addedBy);
        });
      },
      remove: (value: string) =>
        this.change(state, async () => {
          await this.load(state, guildId);
          return this.remove(guildId, state, value);
        }),
      list: async (): Promise<ArticleSummary[]> => {
        await this.load(state, guildId);
        const lists = await Promise.all([...state.segments].reverse().map((segment) => segment.articles()));
        return newestFirst(lists.flatMap((list) => list.articles)).map((article) => ({ ...article, server: true }));
      },
    };
  }

  private async add(guildId: string, state: ServerState, candidates: Candidate[], addedBy: string | null) {
    const added: AddedArticle[] = [];
    const { fresh, duplicates } = await recordsToAdd(guildId, state.stored, candidates, this.shared(), this.maxArticles, addedBy);
    if (fresh.length === 0) return { added, duplicates };
    // Kept on disk first: once the reply says it was added, a crash cannot lose it.
    for (const record of fresh) await state.store.save(record);
    const stored = [...state.stored, ...fresh];
    state.segments = await this.segmentsOf(stored, state.stored.length, state.segments);
    state.stored = stored;
    const understood = new Map(state.segments.flatMap((segment) => segment.collection).map((article) => [article.id, article]));
    for (const record of fresh) added.push(summary(understood.get(record.id)!, record));
    this.options.logger.info({ guildId, added: fresh.map((a) => a.id), articles: stored.length }, 'server articles added');
    return { added, duplicates };
  }

  /**
   * The segments of `stored` when the articles from index `changed` on are new: the segments before it
   * are kept, the others understood and indexed again (by the indexer: a worker thread).
   */
  private async segmentsOf(stored: StoredArticle[], changed: number, before: readonly Library[]): Promise<Library[]> {
    const kept = Math.min(Math.floor(changed / SEGMENT_SIZE), before.length);
    const segments = before.slice(0, kept);
    for (let from = kept * SEGMENT_SIZE; from < stored.length; from += SEGMENT_SIZE) {
      segments.push(await this.indexer.build(stored.slice(from, from + SEGMENT_SIZE).map((record) => textOf(record, this.options.dir))));
    }
    return segments;
  }

  private async remove(guildId: string, state: ServerState, value: string): Promise<ArticleRef> {
    const wanted = value.trim();
    const index = findOwn(state.segments, wanted);
    if (index === null) {
      if (wanted && typeof this.shared().resolveArticle(wanted) === 'number') {
        throw new UserInputError('That article is in the shared library, which every server sees: only articles added in this server can be removed here.');
      }
      throw new UserInputError(`No article of this server's library matches "${wanted.slice(0, 100)}". /library list shows them.`);
    }
    const record = state.stored[index]!;
    await state.store.remove(record);
    const stored = state.stored.filter((_, i) => i !== index);
    state.segments = await this.segmentsOf(stored, index, state.segments);
    state.stored = stored;
    this.options.logger.info({ guildId, removed: record.id, articles: stored.length }, 'server article removed');
    return refOf(record);
  }
}

/**
 * The records `candidates` add to a server's articles `existing` (oldest first), and those already there
 * (the same link without its fragment or tracking parameters, or the same text) or in the shared library
 * (the same link); refuses kindly past `maxArticles`. Ids are `g<server id>-<12 hex digits of the SHA-256
 * of the link, or of the text>`. The embedded and the PostgreSQL server libraries both add through it.
 */
export async function recordsToAdd(
  guildId: string,
  existing: readonly StoredArticle[],
  candidates: readonly Candidate[],
  shared: SharedLibrary,
  maxArticles: number,
  addedBy: string | null,
): Promise<{ fresh: StoredArticle[]; duplicates: { article: ArticleRef; reason: 'url' | 'text' }[] }> {
  const duplicates: { article: ArticleRef; reason: 'url' | 'text' }[] = [];
  const fresh: StoredArticle[] = [];
  let refs: ArticleRef[] | null = null;
  const sharedRefs = () => (refs ??= Array.from({ length: shared.view.size }, (_, i) => shared.view.ref(i)));
  for (const candidate of candidates) {
    const text = candidate.paragraphs.join('\n\n');
    const textHash = sha256(text);
    const source = candidate.source && /^https?:/i.test(candidate.source) ? normaliseUrl(candidate.source) : null;
    const all = [...existing, ...fresh];
    const sameUrl = source ? all.find((a) => a.source !== null && /^https?:/i.test(a.source) && normaliseUrl(a.source) === source) : undefined;
    const sameText = all.find((a) => a.textHash === textHash);
    const seen = sameUrl ?? sameText;
    if (seen) {
      duplicates.push({ article: refOf(seen), reason: sameUrl ? 'url' : 'text' });
      continue;
    }
    // The shared library's links from its view's references (held in memory by either backend: no article is read whole).
    const inShared = source ? sharedRefs().find((a) => a.source !== null && /^https?:/i.test(a.source) && normaliseUrl(a.source) === source) : undefined;
    if (inShared) {
      duplicates.push({ article: { id: inShared.id, title: inShared.title, date: inShared.date, source: inShared.source }, reason: 'url' });
      continue;
    }
    if (existing.length + fresh.length >= maxArticles) {
      throw new UserInputError(`This server's library is full (${maxArticles} articles). Remove some with /library remove before adding more.`);
    }
    const id = `g${guildId}-${sha256(source ?? textHash).slice(0, 12)}`;
    if (shared.hasId(id)) throw new Error(`a server article id is taken in the shared library: ${id}`);
    fresh.push({
      id,
      guildId,
      title: candidate.title?.trim() || titleFromText(candidate.paragraphs[0] ?? ''),
      date: candidate.date,
      source: candidate.source,
      author: candidate.author,
      paragraphs: candidate.paragraphs,
      origin: candidate.origin,
      textHash,
      addedAt: new Date().toISOString(),
      addedBy,
    });
  }
  return { fresh, duplicates };
}

/** The index (among the server's articles) of the one a value names: an id first, else a title in any segment. */
function findOwn(segments: readonly Library[], value: string): number | null {
  if (!value) return null;
  const byId = segments.findIndex((segment) => segment.hasId(value));
  const order = byId >= 0 ? [byId] : segments.map((_, i) => i);
  for (const i of order) {
    const found = segments[i]!.resolveArticle(value);
    if (typeof found === 'number') return i * SEGMENT_SIZE + found;
  }
  return null;
}

/** A stored article as the text the indexer understands. */
export function textOf(stored: StoredArticle, dir: string): ArticleText {
  return {
    id: stored.id,
    title: stored.title,
    date: stored.date,
    source: stored.source,
    file: `${dir}/${stored.guildId}`.replace(/\\/g, '/'),
    paragraphs: stored.paragraphs,
  };
}

export function summary(article: Article, stored: StoredArticle): AddedArticle {
  const people = new Map(article.people.map((p) => [p.id, p]));
  const counts = new Map<string, number>();
  for (const quote of article.quotes) {
    const speaker = quote.speaker ? people.get(quote.speaker)?.display : undefined;
    if (speaker) counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
  }
  return {
    article: refOf(stored),
    author: stored.author,
    paragraphs: article.paragraphs.length,
    sentences: article.sentences.length,
    quoteCount: article.quotes.length,
    quotes: article.quotes.slice(0, QUOTES_SHOWN).map((quote) => ({
      quote: quote.text,
      speaker: quote.speaker ? (people.get(quote.speaker)?.display ?? null) : null,
      kind: quote.kind,
      paragraph: quote.paragraph,
      confidence: quote.confidence,
    })),
    speakers: [...counts.entries()].sort((x, y) => y[1] - x[1]).map(([speaker]) => speaker),
  };
}

export function refOf(article: { id: string; title: string; date: string | null; source: string | null }): ArticleRef {
  return { id: article.id, title: article.title, date: article.date, source: article.source };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A link as compared for duplicates: no fragment, no tracking parameters, host lower case, no trailing slash. */
export function normaliseUrl(link: string): string {
  try {
    const url = new URL(link);
    url.hash = '';
    for (const name of [...url.searchParams.keys()]) {
      if (/^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ref$|cmpid$)/i.test(name)) url.searchParams.delete(name);
    }
    url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
    const text = url.href;
    return text.endsWith('/') && url.pathname !== '/' ? text.slice(0, -1) : text;
  } catch {
    return link.trim();
  }
}
