/**
 * The persisted store's key: a hash of the code and the packages that decide what the store holds, computed
 * when byline is built (or installed), never while it runs.
 *
 * Which code: every module that `src/load/build.ts` (writing the store) and `src/load/store.ts` (reading it) import,
 * directly or through others, found by reading their import statements — so a module added under them
 * counts without anyone listing it — and the installed version of every package those modules import (a
 * new WordNet or a new MiniSearch changes what is stored as surely as a change of code does). A change to
 * anything else (Discord, the console, the queries) keeps the store.
 *
 * Written as `store-key.json` in `dist/src/` (above the compiled `load/store.js`) by `npm run build`, and in
 * `src/` by `postinstall`, by the scripts that run the sources (`npm run dev`, `ask`, `eval`, `bench`, through
 * their `pre` scripts) and by the tests' global setup; `src/load/store.ts` reads it. Run it as
 * `tsx src/store-key.ts [folder]` (default: the folder of this file).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file the key is written to, beside the store's module. */
export const STORE_KEY_FILE = 'store-key.json';

/** The modules that decide what the store holds, with everything they import (paths from the project root). */
export const STORE_ROOTS = ['src/load/build.ts', 'src/load/store.ts'];

/** Bumped when the way the key is computed changes. */
const KEY_FORMAT = 1;

export interface StoreKey {
  /** What the store's manifest records and compares. */
  key: string;
  /** The modules hashed, from the project root. */
  modules: string[];
  /** The packages they import, with the version installed. */
  packages: Record<string, string>;
}

/** The project's root: the folder above `src/`. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The store key of the project at `root` (its sources and its installed packages). Throws when a module
 * imported cannot be found or a package is not installed: a key that missed a module would not notice it
 * change.
 */
export function computeStoreKey(root: string = PROJECT_ROOT, roots: readonly string[] = STORE_ROOTS): StoreKey {
  const modules = new Map<string, string>();
  const packages = new Map<string, string>();
  const pending = roots.map((file) => path.resolve(root, file));
  while (pending.length > 0) {
    const file = pending.pop()!;
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (modules.has(relative)) continue;
    const source = readFileSync(file, 'utf8');
    modules.set(relative, source);
    for (const specifier of importsOf(source)) {
      if (specifier.startsWith('.')) pending.push(resolveModule(file, specifier));
      else if (!isBuiltin(specifier)) {
        const name = packageName(specifier);
        if (!packages.has(name)) packages.set(name, installedVersion(root, name, relative));
      }
    }
  }
  const hash = createHash('sha256').update(`byline-store-key ${KEY_FORMAT}\n`);
  const names = [...modules.keys()].sort();
  for (const name of names) hash.update(name).update('\0').update(modules.get(name)!).update('\0');
  const versions = Object.fromEntries([...packages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const [name, version] of Object.entries(versions)) hash.update(`${name}@${version}\n`);
  return { key: hash.digest('hex'), modules: names, packages: versions };
}

/**
 * The specifiers a module imports: static imports and re-exports (type-only ones too: the model's types
 * are the shape of what is stored), side-effect imports, dynamic imports of a literal, and `require` of
 * a literal or a template (through `createRequire`, for packages' data files). Comments are not read.
 */
export function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  const patterns = [
    /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/g,
    // A path built in a template: its package is in the part before the first substitution.
    /\b(?:require(?:\.resolve)?|import)\(\s*`([^`$]+)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

function resolveModule(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`store key: ${path.relative(PROJECT_ROOT, from)} imports "${specifier}", which is not there`);
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function installedVersion(root: string, name: string, importer: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    throw new Error(`store key: ${importer} imports the package "${name}", which is not installed`);
  }
}

/** Computes the key and writes it to `<folder>/store-key.json` atomically. Returns what was written. */
export function writeStoreKey(folder: string, root: string = PROJECT_ROOT): StoreKey {
  const key = computeStoreKey(root);
  mkdirSync(folder, { recursive: true });
  const target = path.join(folder, STORE_KEY_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(key, null, 2)}\n`);
  renameSync(temporary, target);
  return key;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const folder = path.resolve(process.argv[2] ?? path.dirname(fileURLToPath(import.meta.url)));
    writeStoreKey(folder);
  } catch (error) {
    process.stderr.write(`byline: cannot compute the store key: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
