/**
 * Derived data byline builds once from its resources (the WordNet synonym map, the gazetteer of names) and
 * keeps on disk: in `node_modules/.cache/byline/` (or `BYLINE_CACHE_DIR`), keyed by the versions it was
 * built from, written atomically (parallel test workers may build at once), with the OS temp folder as a
 * fallback for a read-only install. A missing or unreadable file is simply built again.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cache file of that name. */
export function cacheFile(name: string): string {
  // Blank counts as unset, as for every variable of .env.example.
  const dir = process.env.BYLINE_CACHE_DIR || join(projectRoot(), 'node_modules', '.cache', 'byline');
  return join(dir, name);
}

/**
 * The folder of byline's package.json: above this module, whether it runs from `src/` or compiled in
 * `dist/src/`.
 */
function projectRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return dirname(here);
  }
}

/** The JSON cached in `file` (or its temp-folder fallback), or null when there is none that parses. */
export function readCache<T>(file: string): T | null {
  for (const source of [file, join(tmpdir(), 'byline-cache', file.split(/[\\/]/).pop()!)]) {
    try {
      return JSON.parse(readFileSync(source, 'utf8')) as T;
    } catch {
      // not there, or half written by a crash: try the next place, then build again
    }
  }
  return null;
}

/** Writes `data` as JSON atomically; returns where it was written, or null when no folder could take it. */
export function writeCache(file: string, data: unknown): string | null {
  const text = JSON.stringify(data);
  for (const target of [file, join(tmpdir(), 'byline-cache', file.split(/[\\/]/).pop()!)]) {
    try {
      mkdirSync(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(temporary, text);
      renameSync(temporary, target);
      return target;
    } catch {
      // read-only folder: try the next place, or keep the data in memory only
    }
  }
  return null;
}
