/**
 * A library that follows its data folder: new, changed or removed article files are picked up while
 * the bot runs. What changed is built in a worker thread (src/rebuild.ts) while questions are answered
 * by the current library: only the batches of the store that a file added, changed or removed falls in
 * (src/build.ts). The new library then takes over the current one's other batches as they are (their
 * articles, index segments and open files: shared, not loaded again), so a reload never holds two whole
 * libraries, and takes over from it in one step, so no question ever sees a half-built library and the bot
 * never stalls for the rebuild.
 */
import { statSync } from 'node:fs';
import { FolderWatch } from './folder-watch.ts';
import type { Logger } from 'pino';
import type { Engine } from '../engine.ts';
import { Library } from '../library.ts';
import { loadLibrary } from './open.ts';
import { STORE_DIR } from './store.ts';

/** Wait this long after the last change before reloading, so a file copied in pieces loads once. */
const SETTLE_MS = 400;
/** How often the folder's identity is checked (a stat), to follow a folder replaced or created late. */
const CHECK_MS = 2_000;

/** A live library answers every question of the {@link Engine}: see the forwarding after the class. */
export interface LiveLibrary extends Engine {}

export class LiveLibrary {
  private watcher: FolderWatch | null = null;
  /** Device and inode of the folder being watched, or null. */
  private watched: string | null = null;
  private checker: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> | null = null;
  private pending = false;

  constructor(
    public current: Library,
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Starts following the folder. Returns a function that stops.
   *
   * `fs.watch` follows an inode, not a path: a folder created after the start, deleted and copied again, or
   * replaced by an atomic `mv` (as deploy scripts do) would leave it watching nothing, silently. So the
   * folder's identity (device and inode) is also checked every {@link CHECK_MS} ms — a stat, nothing
   * read — and when it changed, the watch is set on the folder now at that path and the library reloaded.
   */
  follow(): () => void {
    this.rewatch(false);
    this.checker = setInterval(() => this.check(), CHECK_MS);
    this.checker.unref();
    return () => this.stop();
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.checker) clearInterval(this.checker);
    this.checker = null;
  }

  /** The folder's identity at its path now, or null when nothing (or no folder) is there. */
  private identity(): string | null {
    try {
      const stat = statSync(this.dir);
      return stat.isDirectory() ? `${stat.dev}:${stat.ino}` : null;
    } catch {
      return null;
    }
  }

  private check(): void {
    const now = this.identity();
    if (now === this.watched) return;
    if (now === null) {
      this.watcher?.close();
      this.watcher = null;
      this.watched = null;
      this.logger.warn({ dir: this.dir }, 'the data folder is gone; answering from the articles already loaded until it is back');
      return;
    }
    this.logger.info({ dir: this.dir }, 'the data folder appeared or was replaced: following it again');
    this.rewatch(true);
  }

  /** Watches the folder now at the path (closing any earlier watch); reloads when asked. */
  private rewatch(reload: boolean): void {
    this.watcher?.close();
    this.watcher = null;
    this.watched = this.identity();
    if (this.watched === null) {
      this.logger.warn({ dir: this.dir }, 'the data folder does not exist (yet); byline will follow it once it does');
      return;
    }
    try {
      // One watch per folder (src/folder-watch.ts), not Node's recursive watch, which on Linux watches and
      // stats every file.
      this.watcher = new FolderWatch(this.dir, {
        ignore: (file) => file.startsWith(STORE_DIR) || file.split(/[\\/]/).some((part) => part.startsWith('.')),
        change: () => this.schedule(),
        error: (error) => {
          // Often the folder itself went away; the identity check sets a new watch when it is back.
          this.logger.warn({ err: error, dir: this.dir }, 'the watch on the data folder stopped');
          this.watcher = null;
          this.watched = null;
        },
      });
    } catch (error) {
      this.logger.warn({ err: error, dir: this.dir }, 'cannot watch the data folder; changes are picked up by the periodic check only');
    }
    if (reload) this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), SETTLE_MS);
  }

  /** Told of every reload that ran (metrics): how long it took and whether it failed. */
  onReload: ((reload: { ms: number; ok: boolean }) => void) | null = null;

  /** The library's size now (metrics). */
  size(): { articles: number; quotes: number } {
    return { articles: this.current.collection.length, quotes: this.current.indexes.quoteEntries.length };
  }

  /**
   * A file of the store was found damaged when read after loading (the question that read it was answered
   * with a failure): the store is rebuilt now, as for a change of the folder, keeping the batches that check out.
   */
  rebuildDamaged(): void {
    this.schedule();
  }

  /** Rebuilds what changed in the folder (nothing when nothing did) and swaps the new library in. */
  async reload(): Promise<void> {
    // A folder being replaced is briefly gone: keep answering from what is loaded (the check follows the new one).
    if (this.identity() === null) return;
    if (this.reloading) {
      this.pending = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      const start = performance.now();
      try {
        // A changed folder is built in a worker thread (whatever its size) so the bot keeps answering, then
        // loaded from the index it saved; where no worker can run, loadLibrary builds here.
        const next = await loadLibrary(this.dir, { logger: this.logger, worker: true, previous: this.current, onLaterDamage: () => this.rebuildDamaged() });
        if (next !== this.current && (next.hash !== this.current.hash || this.current.damaged)) {
          const kept = next.batches.filter((batch) => this.current.batches.includes(batch)).length;
          const changed = next.hash !== this.current.hash;
          this.current = next;
          void next.warm();
          this.logger.info(
            {
              articles: next.collection.length,
              quotes: next.indexes.quoteEntries.length,
              batches: next.batches.length,
              batchesKept: kept,
              ms: Math.round(performance.now() - start),
            },
            changed ? 'articles changed: library reloaded' : 'store found damaged: rebuilt and reloaded',
          );
        }
        this.onReload?.({ ms: performance.now() - start, ok: true });
      } catch (error) {
        this.logger.error({ err: error }, 'reloading the library failed; still answering from the previous one');
        this.onReload?.({ ms: performance.now() - start, ok: false });
      } finally {
        this.reloading = null;
        if (this.pending) {
          this.pending = false;
          void this.reload();
        }
      }
    })();
    return this.reloading;
  }
}

/**
 * The questions are answered by the library loaded at the moment they are asked: every method of
 * {@link Library} (the engine's questions among them) is forwarded to `current`, so a question added to the
 * engine is followed here without a line written for it.
 */
for (let proto = Library.prototype; proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as typeof Library.prototype) {
  // Up the chain: the questions themselves are written once in the base class (AskingCollection).
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = Object.getOwnPropertyDescriptor(proto, name)?.value;
    if (name === 'constructor' || typeof method !== 'function' || name in LiveLibrary.prototype) continue;
    Object.defineProperty(LiveLibrary.prototype, name, {
      value(this: LiveLibrary, ...args: unknown[]) {
        const current = this.current as unknown as Record<string, (...args: unknown[]) => unknown>;
        return current[name]!.apply(current, args);
      },
      writable: true,
      configurable: true,
    });
  }
}
