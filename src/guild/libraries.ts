/**
 * Every server's own articles (issue #11): the articles members added in a server, kept on disk per server
 * (store.ts) and held in memory as one small {@link Library} per server, composed with the shared library
 * at query time (compose.ts). The shared library's loading and reloading are untouched: it is handed in,
 * and read anew for every question (`current`), so a reload of the data folder is seen at once.
 *
 * A server's articles are read when the server first asks something (or adds an article), not at start-up:
 * a process holds the shared library, plus the libraries of the servers that have asked something since it
 * started and have articles of their own. Reading them understands each article again (its sentences,
 * quotes and speakers), one article per turn of the event loop, so other questions are answered meanwhile.
 *
 * Changes to one server's library are made one at a time (adds and removals queue); each is written to
 * disk first (atomically) and then swapped in whole, so a question never sees a half-changed library.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { AddedArticle, ArticleRef, ArticleSummary } from '../answers.ts';
import { titleFromText } from '../article/parse.ts';
import { UserInputError, type Engine, type ServerLibrary } from '../engine.ts';
import type { FetchOptions } from '../fetch/fetch.ts';
import { Library } from '../library.ts';
import type { Article, ArticleText } from '../model.ts';
import { ServerEngine } from './compose.ts';
import { readSource, type AddSource, type Candidate } from './input.ts';
import { ServerStore, isServerId, type StoredArticle } from './store.ts';

/** Default most articles one server may add (`BYLINE_SERVER_MAX_ARTICLES`). */
export const DEFAULT_MAX_SERVER_ARTICLES = 200;
/** Quotes an add reply lists (the count says how many there are). */
const QUOTES_SHOWN = 5;

export interface ServerLibrariesOptions {
  /** Folder of the servers' articles, one sub-folder per server (`BYLINE_SERVERS_DIR`). */
  dir: string;
  /** The shared library: a library, or what holds the one loaded now (the live library). */
  shared: Library | { current: Library };
  logger: Logger;
  /** How links and attachments are fetched (tests inject an address guard and resolver). */
  fetch?: FetchOptions;
  /** Most articles a server may add (default {@link DEFAULT_MAX_SERVER_ARTICLES}). */
  maxArticles?: number;
}

/** One server's part of the library, as this process holds it. */
interface ServerState {
  store: ServerStore;
  /** The stored records, oldest first, and the articles understood from them, in the same order. */
  stored: StoredArticle[];
  articles: Article[];
  library: Library | null;
  loading: Promise<void> | null;
  /** Changes are made one at a time. */
  queue: Promise<unknown>;
}

export class ServerLibraries {
  private readonly servers = new Map<string, ServerState>();
  private readonly engines = new Map<string, ServerEngine>();
  private readonly maxArticles: number;

  constructor(private readonly options: ServerLibrariesOptions) {
    this.maxArticles = options.maxArticles ?? DEFAULT_MAX_SERVER_ARTICLES;
  }

  /** The shared library loaded now. */
  private shared(): Library {
    const shared = this.options.shared;
    return 'current' in shared ? shared.current : shared;
  }

  /**
   * The engine a question from `guildId` is answered by: the server's view (shared and own articles), or
   * the shared library alone for a direct message (no server) or an id that is no server's.
   */
  engineFor(guildId: string | null | undefined): Engine {
    if (!guildId || !isServerId(guildId)) return 'current' in this.options.shared ? (this.options.shared as unknown as Engine) : this.shared();
    let engine = this.engines.get(guildId);
    if (!engine) {
      const state = this.state(guildId);
      engine = new ServerEngine(
        () => this.shared(),
        async () => {
          await this.load(state, guildId);
          return state.library;
        },
        this.serverLibrary(guildId, state),
      );
      this.engines.set(guildId, engine);
    }
    return engine;
  }

  /** What this process holds of the servers' articles (logs, README's memory note). */
  held(): { servers: number; articles: number } {
    let articles = 0;
    for (const state of this.servers.values()) articles += state.articles.length;
    return { servers: this.servers.size, articles };
  }

  private state(guildId: string): ServerState {
    let state = this.servers.get(guildId);
    if (!state) {
      state = { store: new ServerStore(this.options.dir, guildId), stored: [], articles: [], library: null, loading: null, queue: Promise.resolve() };
      this.servers.set(guildId, state);
    }
    return state;
  }

  /** Reads a server's articles once (a damaged file is logged by name and skipped). */
  private load(state: ServerState, guildId: string): Promise<void> {
    state.loading ??= (async () => {
      const start = performance.now();
      const { articles, problems } = await state.store.load();
      for (const problem of problems) {
        this.options.logger.warn({ guildId, file: problem.file }, `a server article file cannot be trusted (${problem.message}); skipped`);
      }
      const understood: Article[] = [];
      for (const stored of articles) understood.push(await understand(stored, this.options.dir));
      state.stored = articles;
      state.articles = understood;
      state.library = understood.length > 0 ? new Library(understood) : null;
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

  /** Runs one change of a server's library after the changes before it. */
  private change<T>(state: ServerState, work: () => Promise<T>): Promise<T> {
    const next = state.queue.then(work, work);
    state.queue = next.catch(() => undefined);
    return next;
  }

  private serverLibrary(guildId: string, state: ServerState): ServerLibrary {
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
        if (!state.library) return [];
        return (await state.library.articles()).articles.map((article) => ({ ...article, server: true }));
      },
    };
  }

  private async add(guildId: string, state: ServerState, candidates: Candidate[], addedBy: string | null) {
    const added: AddedArticle[] = [];
    const duplicates: { article: ArticleRef; reason: 'url' | 'text' }[] = [];
    const shared = this.shared();
    const fresh: StoredArticle[] = [];
    for (const candidate of candidates) {
      const text = candidate.paragraphs.join('\n\n');
      const textHash = sha256(text);
      const source = candidate.source && /^https?:/i.test(candidate.source) ? normaliseUrl(candidate.source) : null;
      const all = [...state.stored, ...fresh];
      const sameUrl = source ? all.find((a) => a.source !== null && /^https?:/i.test(a.source) && normaliseUrl(a.source) === source) : undefined;
      const sameText = all.find((a) => a.textHash === textHash);
      const seen = sameUrl ?? sameText;
      if (seen) {
        duplicates.push({ article: refOf(seen), reason: sameUrl ? 'url' : 'text' });
        continue;
      }
      const inShared = source ? (await shared.inspect()).find((a) => a.source !== null && /^https?:/i.test(a.source) && normaliseUrl(a.source) === source) : undefined;
      if (inShared) {
        duplicates.push({ article: { id: inShared.id, title: inShared.title, date: inShared.date, source: inShared.source }, reason: 'url' });
        continue;
      }
      if (state.stored.length + fresh.length >= this.maxArticles) {
        throw new UserInputError(`This server's library is full (${this.maxArticles} articles). Remove some with /library remove before adding more.`);
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
    if (fresh.length === 0) return { added, duplicates };
    // Kept on disk first: once the reply says it was added, a crash cannot lose it.
    for (const record of fresh) await state.store.save(record);
    const understood: Article[] = [];
    for (const record of fresh) understood.push(await understand(record, this.options.dir));
    state.stored = [...state.stored, ...fresh];
    state.articles = [...state.articles, ...understood];
    state.library = new Library(state.articles);
    for (const [i, article] of understood.entries()) added.push(summary(article, fresh[i]!));
    this.options.logger.info({ guildId, added: fresh.map((a) => a.id), articles: state.articles.length }, 'server articles added');
    return { added, duplicates };
  }

  private async remove(guildId: string, state: ServerState, value: string): Promise<ArticleRef> {
    const wanted = value.trim();
    const index = state.library ? state.library.resolveArticle(wanted) : null;
    if (typeof index !== 'number') {
      if (wanted && typeof this.shared().resolveArticle(wanted) === 'number') {
        throw new UserInputError('That article is in the shared library, which every server sees: only articles added in this server can be removed here.');
      }
      throw new UserInputError(`No article of this server's library matches "${wanted.slice(0, 100)}". /library list shows them.`);
    }
    const record = state.stored[index]!;
    await state.store.remove(record);
    state.stored = state.stored.filter((_, i) => i !== index);
    state.articles = state.articles.filter((_, i) => i !== index);
    state.library = state.articles.length > 0 ? new Library(state.articles) : null;
    this.options.logger.info({ guildId, removed: record.id, articles: state.articles.length }, 'server article removed');
    return refOf(record);
  }
}

/** Understands one stored article, after yielding to the event loop (questions asked meanwhile are answered first). */
async function understand(stored: StoredArticle, dir: string): Promise<Article> {
  await new Promise((resolve) => setImmediate(resolve));
  const { understandArticle } = await import('../understand.ts');
  const text: ArticleText = {
    id: stored.id,
    title: stored.title,
    date: stored.date,
    source: stored.source,
    file: `${dir}/${stored.guildId}`.replace(/\\/g, '/'),
    paragraphs: stored.paragraphs,
  };
  return understandArticle(text);
}

function summary(article: Article, stored: StoredArticle): AddedArticle {
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

function refOf(article: { id: string; title: string; date: string | null; source: string | null }): ArticleRef {
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
