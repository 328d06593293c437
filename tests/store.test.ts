/**
 * The persisted index and the live library: a restart loads what was saved, any change to the articles
 * rebuilds it, and new files are picked up while running.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/load/open.ts';
import { LiveLibrary } from '../src/load/live.ts';
import { STORE_DIR } from '../src/load/store.ts';

const SEED = '000_4cbc08951dad2f3b.txt';
const silent = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function seedFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'byline-store-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await copyFile(path.join('data', SEED), path.join(dir, SEED));
  return dir;
}

describe('the persisted index', () => {
  it('is saved next to the data and loaded on the next start, answering the same', async () => {
    const dir = await seedFolder();
    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: [oops\n---\nText.\n');
    const built = await loadLibrary(dir);
    const manifest = JSON.parse(await readFile(path.join(dir, STORE_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.articles).toBe(1);

    const loaded = await loadLibrary(dir);
    expect(loaded.hash).toBe(built.hash);
    // The malformed file is still reported at every start, though its text is not parsed again.
    expect(loaded.problems).toEqual(built.problems);
    expect(loaded.problems.map((p) => p.file)).toEqual(['broken.md']);
    expect(loaded.collection).toEqual(built.collection);
    const [a, b] = await Promise.all([built.whoSaid('tragic war of choice'), loaded.whoSaid('tragic war of choice')]);
    expect(b.answers).toEqual(a.answers);
    expect((await loaded.whatHappened('Lavrov Paris')).passages).toEqual((await built.whatHappened('Lavrov Paris')).passages);
  });

  it('is rebuilt when an article changes, never served stale', async () => {
    const dir = await seedFolder();
    await loadLibrary(dir);
    await writeFile(path.join(dir, 'extra.txt'), 'The mayor said, "The bridge will reopen on Monday."\n');
    const rebuilt = await loadLibrary(dir);
    expect(rebuilt.collection.map((a) => a.id).sort()).toEqual(['000_4cbc08951dad2f3b', 'extra']);
    expect((await rebuilt.whoSaid('the bridge will reopen on Monday')).answers[0]?.speaker).toMatch(/mayor/i);
  });

  it('is built a batch of articles at a time, with ids running across batches, answering as a library built in memory', async () => {
    const dir = await seedFolder();
    // 1,001 short articles in one CSV after the seed, in batches of about 50,000 characters: the CSV is
    // cut into parts of 1,000 rows, and the batches (and their index segments, searched as one) are the
    // seed, the first part, the last row.
    process.env.BYLINE_BATCH_CHARS = '50000';
    cleanups.push(async () => void delete process.env.BYLINE_BATCH_CHARS);
    const rows = Array.from({ length: 1_001 }, (_, i) =>
      `https://example.org/${i},2023-01-${String((i % 28) + 1).padStart(2, '0')},Harbour notice ${i},"The harbour master said, ""Berth ${i} reopens on Monday after repairs."" Crews worked overnight."`,
    );
    await writeFile(path.join(dir, 'notices.csv'), ['url,date,title,text', ...rows].join('\n'));
    const built = await loadLibrary(dir);
    const manifest = JSON.parse(await readFile(path.join(dir, STORE_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.articles).toBe(1_002);
    expect(manifest.batches.map((batch: { articles: number }) => batch.articles)).toEqual([1, 1_000, 1]);
    const inMemory = await loadLibrary(dir, { persist: false });
    expect(built.collection).toEqual(inMemory.collection);
    for (const quote of ['Berth 1000 reopens on Monday', 'tragic war of choice']) {
      const [a, b] = await Promise.all([built.whoSaid(quote), inMemory.whoSaid(quote)]);
      expect(a.answers[0]?.quote).toBe(b.answers[0]?.quote);
      expect(a.answers[0]?.article.id).toBe(b.answers[0]?.article.id);
    }
    expect((await built.whoSaid('Berth 1000 reopens on Monday')).answers[0]?.quote).toContain('Berth 1000 reopens');
    expect((await built.whatHappened('Lavrov Paris')).passages).toEqual((await inMemory.whatHappened('Lavrov Paris')).passages);
  });

  it('can be built in a worker thread and loaded here, answering the same', async () => {
    const dir = await seedFolder();
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    const library = await loadLibrary(dir, { logger, worker: true });
    expect(logged.join('')).toMatch(/built the index/);
    expect(logged.join('')).not.toMatch(/could not/);
    const inMemory = await loadLibrary(dir, { persist: false });
    expect(library.collection).toEqual(inMemory.collection);
    expect((await library.whoSaid('tragic war of choice')).answers).toEqual((await inMemory.whoSaid('tragic war of choice')).answers);
  });

  it('warms a loaded library after start, and a process that awaits it sees it finish', async () => {
    const dir = await seedFolder();
    await loadLibrary(dir);
    // A process with nothing else to do: the warm-up must keep it alive until it resolves.
    const script = path.join(dir, 'warm.mts');
    await writeFile(
      script,
      `const { loadLibrary } = await import(${JSON.stringify(path.resolve('src/load/open.ts'))});\n` +
        `const library = await loadLibrary(${JSON.stringify(dir)});\n` +
        `await library.warm();\nconsole.log('warmed', library.collection[0].people.length);\n`,
    );
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^warmed [1-9]\d*/);
  });

  it('ignores a damaged index and rebuilds it', async () => {
    const dir = await seedFolder();
    await loadLibrary(dir);
    await writeFile(path.join(dir, STORE_DIR, 'articles-0.json'), '{ not json');
    const library = await loadLibrary(dir);
    expect(library.collection).toHaveLength(1);
    expect(JSON.parse(await readFile(path.join(dir, STORE_DIR, 'articles-0.json'), 'utf8'))).toHaveLength(1);
    // Files missing, read ahead while another fails: rebuilt, and no unhandled rejection.
    await writeFile(path.join(dir, STORE_DIR, 'articles-0.json'), '[');
    await rm(path.join(dir, STORE_DIR, 'text-0.bin'));
    await rm(path.join(dir, STORE_DIR, 'index-0.bin'));
    const again = await loadLibrary(dir);
    expect((await again.whoSaid('tragic war of choice')).answers[0]?.speaker).toMatch(/Austin/);
  });
});

describe('a store that proves its files', () => {
  /** Builds the seed's store, damages one file with `damage`, and loads again, logging to `logged`. */
  async function damaged(file: string, damage: (bytes: Buffer) => Buffer | null) {
    const dir = await seedFolder();
    const clean = await loadLibrary(dir);
    const target = path.join(dir, STORE_DIR, file);
    const changed = damage(await readFile(target));
    if (changed === null) await rm(target);
    else await writeFile(target, changed);
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    const loaded = await loadLibrary(dir, { logger });
    return { clean, loaded, logged: logged.map((line) => JSON.parse(line)) };
  }

  it('rebuilds on a same-length edit inside an articles file, naming the file, and answers as a clean build', async () => {
    const { clean, loaded, logged } = await damaged('articles-0.json', (bytes) => {
      const text = bytes.toString('latin1');
      const at = text.indexOf('Blinken');
      return Buffer.from(`${text.slice(0, at)}Blinkex${text.slice(at + 7)}`, 'latin1');
    });
    expect(logged.some((l) => l.file === 'articles-0.json' && /damaged.*checksum/.test(l.msg))).toBe(true);
    expect(loaded.collection.map((a) => a.title)).toEqual(clean.collection.map((a) => a.title));
    expect(loaded.collection[0]!.title).toContain('Blinken');
    expect((await loaded.whoSaid('tragic war of choice')).answers[0]?.speaker).toMatch(/Austin/);
  });

  it('rebuilds on a zeroed index, a truncated text file, a deleted people file', async () => {
    for (const [file, damage] of [
      ['index-0.bin', (bytes: Buffer) => Buffer.alloc(bytes.length)],
      ['text-0.bin', (bytes: Buffer) => bytes.subarray(0, bytes.length - 10)],
      ['people-0.bin', () => null],
    ] as const) {
      const { loaded, logged } = await damaged(file, damage);
      expect(logged.some((l) => l.file === file && /damaged/.test(l.msg))).toBe(true);
      expect((await loaded.whoSaid('tragic war of choice')).answers[0]?.speaker).toMatch(/Austin/);
    }
  });
});

describe('the live library', () => {
  it('picks up a new article file while running, rebuilt in a worker thread', async () => {
    const dir = await seedFolder();
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    const live = new LiveLibrary(await loadLibrary(dir), dir, logger);
    cleanups.push(async () => live.stop());
    live.follow();
    expect((await live.articles()).articles).toHaveLength(1);
    await writeFile(path.join(dir, 'harbour.md'), '---\ntitle: Harbour reopens\ndate: 2023-04-05\n---\nThe harbour master said the port would reopen.\n');
    const deadline = Date.now() + 15_000;
    while ((await live.articles()).articles.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { articles } = await live.articles();
    expect(articles.map((a) => a.title)).toContain('Harbour reopens');
    expect(logged.join('')).toMatch(/library reloaded/);
    // Built in the worker, then loaded here: never on the main thread.
    expect(logged.some((line) => /built the index/.test(line) && JSON.parse(line).inWorker === true)).toBe(true);
    expect(logged.join('')).not.toMatch(/could not/);
  });

  it('follows a data folder replaced by an atomic mv, and one that appears after the start', async () => {
    const waitFor = async (live: LiveLibrary, n: number) => {
      const deadline = Date.now() + 20_000;
      while ((await live.articles()).articles.length < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      return (await live.articles()).articles.map((a) => a.title);
    };
    const harbour = '---\ntitle: Harbour reopens\ndate: 2023-04-05\n---\nThe harbour master said the port would reopen.\n';

    // Replaced: a new folder is prepared beside it and moved into place, as deploy scripts do.
    const dir = await seedFolder();
    const live = new LiveLibrary(await loadLibrary(dir), dir, silent);
    cleanups.push(async () => live.stop());
    live.follow();
    const next = `${dir}-next`;
    await mkdir(next);
    cleanups.push(() => rm(next, { recursive: true, force: true }), () => rm(`${dir}-old`, { recursive: true, force: true }));
    await copyFile(path.join('data', SEED), path.join(next, SEED));
    await writeFile(path.join(next, 'harbour.md'), harbour);
    await rename(dir, `${dir}-old`);
    await rename(next, dir);
    expect(await waitFor(live, 2)).toContain('Harbour reopens');
    // …and the new folder is followed from then on.
    await writeFile(path.join(dir, 'bridge.md'), '---\ntitle: Bridge closes\ndate: 2023-04-06\n---\nThe engineer said the bridge was unsafe.\n');
    expect(await waitFor(live, 3)).toContain('Bridge closes');

    // Missing at the start: one line, then followed once it exists.
    const late = path.join(await mkdtemp(path.join(tmpdir(), 'byline-late-')), 'articles');
    cleanups.push(() => rm(path.dirname(late), { recursive: true, force: true }));
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    const lateLive = new LiveLibrary(await loadLibrary(late), late, logger);
    cleanups.push(async () => lateLive.stop());
    lateLive.follow();
    expect(logged.join('')).toMatch(/does not exist \(yet\)/);
    await mkdir(late);
    await writeFile(path.join(late, 'harbour.md'), harbour);
    expect(await waitFor(lateLive, 1)).toEqual(['Harbour reopens']);
  });

  it('removes the temporary folder of a build killed part-way at the next start, not a live build\'s', async () => {
    const dir = await seedFolder();
    // A process that has ended: its pid is free (spawnSync waited for it).
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const deadBuild = path.join(dir, `${STORE_DIR}.tmp-${dead}`);
    const liveBuild = path.join(dir, `${STORE_DIR}.tmp-${process.ppid}`);
    await mkdir(deadBuild);
    await writeFile(path.join(deadBuild, 'articles-0.json'), '[]');
    await mkdir(liveBuild);
    await loadLibrary(dir);
    expect(existsSync(deadBuild)).toBe(false);
    expect(existsSync(liveBuild)).toBe(true);
  });

  it('keeps the same library object when a reload finds nothing changed', async () => {
    const dir = await seedFolder();
    const live = new LiveLibrary(await loadLibrary(dir), dir, silent);
    const before = live.current;
    await live.reload();
    expect(live.current).toBe(before);
  });
});
