/**
 * Watching a data folder and its sub-folders for changes to the files in them: one non-recursive
 * `fs.watch` per folder, whose events name the folder's entries created, changed, removed or renamed.
 *
 * Not `fs.watch(dir, { recursive: true })`: on Linux, which has no recursive inotify watch, Node 20
 * emulates it in JavaScript with a watch and a kept `Stats` for every file, and lists the folder an event
 * comes from again, every entry of it. With 50,000 small files that held 136 MB, took 1.5 s to set up and 20 MB more at a
 * file added (one watch per folder: nothing measurable, 0.1 s), and it needs an inotify watch per file (the
 * system's limit is often 8,192 to 65,536). A folder's own watch already reports its files; a
 * sub-folder that appears is watched from then on, one that goes away is dropped.
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface FolderWatchOptions {
  /** Called with the path (from the root, with its own separators) of an entry that changed. */
  change: (entry: string) => void;
  /** The root's watch failed (the folder itself went away, as a rule); the watch has stopped. */
  error: (error: Error) => void;
  /** Entries (paths from the root) that are neither reported nor, if folders, watched. */
  ignore: (entry: string) => boolean;
}

export class FolderWatch {
  /** The watch of each folder, by its path from the root ('' for the root). */
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;

  /** Watches `root` and every folder under it; throws when the root cannot be watched. */
  constructor(
    private readonly root: string,
    private readonly options: FolderWatchOptions,
  ) {
    this.add('');
  }

  /** How many folders are watched. */
  get folders(): number {
    return this.watchers.size;
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** Watches a folder (a path from the root), then its sub-folders. */
  private add(folder: string): void {
    if (this.closed || this.watchers.has(folder)) return;
    const full = path.join(this.root, folder);
    const watcher = watch(full, (_event, name) => {
      const entry = name ? path.join(folder, name.toString()) : folder;
      if (this.options.ignore(entry)) return;
      // A folder created, or moved in, is watched from now on (and what it already holds is reported by the reload).
      if (name && !this.watchers.has(entry) && isFolder(path.join(this.root, entry))) this.addQuietly(entry);
      this.options.change(entry);
    });
    watcher.on('error', (error) => {
      watcher.close();
      this.watchers.delete(folder);
      // A sub-folder that went away is simply no longer watched; the root's failure ends the watch.
      if (folder === '') {
        this.close();
        this.options.error(error);
      }
    });
    this.watchers.set(folder, watcher);
    let entries: string[] = [];
    try {
      entries = readdirSync(full, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(folder, entry.name));
    } catch {
      // Gone meanwhile: its watch reports it, or the identity check of the root does.
    }
    for (const entry of entries) if (!this.options.ignore(entry)) this.addQuietly(entry);
  }

  /** Watches a sub-folder, if it can still be watched (it may be gone already). */
  private addQuietly(folder: string): void {
    try {
      this.add(folder);
    } catch {
      // Removed before it could be watched: nothing to follow there.
    }
  }
}

function isFolder(full: string): boolean {
  try {
    return statSync(full).isDirectory();
  } catch {
    return false;
  }
}
