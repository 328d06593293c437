/**
 * Incremental rebuilds (issue #10): a file added, changed or removed rebuilds only the batch it falls in;
 * the library that follows takes over the other batches as they are (the same objects: a reload never holds
 * two copies of them), and answers exactly as a clean build of the same files.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BatchPlanner, batchLimits, CHUNK, DEFAULT_BATCH_CHARS, planBatches, unitsOf, type Unit } from '../src/load/batches.ts';
import type { BuildStats } from '../src/load/build.ts';
import { type Library } from '../src/library.ts';
import { loadLibrary } from '../src/load/open.ts';
import { LiveLibrary } from '../src/load/live.ts';
import { STORE_DIR } from '../src/load/store.ts';
import { termsOf } from '../src/search/index.ts';

// Batches of about 150,000 characters (BYLINE_BATCH_CHARS, which the build's worker thread reads too):
// some 500 of the short articles below, so that a test's library has several batches.
const chars = process.env.BYLINE_BATCH_CHARS;
beforeAll(() => void (process.env.BYLINE_BATCH_CHARS = '150000'));
afterAll(() => {
  if (chars === undefined) delete process.env.BYLINE_BATCH_CHARS;
  else process.env.BYLINE_BATCH_CHARS = chars;
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function folder(prefix = 'byline-incremental-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const FIRST = ['Alice', 'Maria', 'John', 'Peter', 'Sara', 'Omar', 'Li', 'Anna', 'David', 'Elena'];
const LAST = ['Brown', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Costa', 'Novak', 'Haddad', 'Fischer', 'Reyes'];
const PLACES = ['harbour', 'bridge', 'library', 'school', 'hospital', 'station', 'market', 'museum', 'stadium', 'park'];
const WHEN = ['on Monday', 'before winter', 'next year', 'within a month', 'this spring'];

/** Who is quoted in article n. */
const speakerOf = (n: number) => `${FIRST[n % 10]} ${LAST[Math.floor(n / 10) % 10]}`;

/** A short news article, different for every n: a lead, a quote with its speaker, a reported statement. */
function article(n: number, variant = ''): string {
  const who = speakerOf(n);
  const place = PLACES[Math.floor(n / 100) % 10]!;
  const day = String((n % 28) + 1).padStart(2, '0');
  return [
    `date 2026-0${(n % 9) + 1}-${day} The council of district ${n} voted on the ${place} plan.`,
    `"We will open the new ${place} of district ${n} ${WHEN[n % 5]}${variant}," said councillor ${who}.`,
    `${who.split(' ')[1]} said the work would cost ${n + 3} million.`,
  ].join('\n\n');
}

const name = (n: number) => `district-${String(n).padStart(5, '0')}.txt`;

async function writeArticles(dir: string, numbers: Iterable<number>): Promise<void> {
  for (const n of numbers) await writeFile(path.join(dir, name(n)), article(n));
}

/** Builds (or loads) the library of `dir`, with `previous` to take over from, reporting what was built. */
async function load(dir: string, previous?: Library): Promise<{ library: Library; stats: BuildStats | null }> {
  let stats: BuildStats | null = null;
  const library = await loadLibrary(dir, { previous, onBuild: (build) => (stats = build.stats) });
  return { library, stats };
}

/** A clean build of the same files, in a folder of its own. */
async function cleanBuild(dir: string): Promise<Library & { dir: string }> {
  const copy = await folder('byline-clean-');
  await cp(dir, copy, { recursive: true, filter: (source) => !source.includes(STORE_DIR) });
  return Object.assign((await load(copy)).library, { dir: copy });
}

/** Every answer of a library to a fixed set of questions, without the engine's milliseconds. */
async function answers(library: Library): Promise<unknown> {
  const questions = [
    () => library.whoSaid('we will open the new bridge of district 1'),
    () => library.whoSaid('open the new museum before winter'),
    () => library.whoSaid('work would cost million'),
    () => library.whatHappened('council voted on the harbour plan'),
    () => library.whatHappened('stadium plan district'),
    () => library.whatHappened(null),
    () => library.quotes('Okafor'),
    () => library.quotes(null),
    () => library.whoIs('Elena Novak'),
    () => library.articles(),
    () => library.suggest('quote', 'we will open the new sch'),
    () => library.suggest('speaker', 'Tan'),
    () => library.suggest('article', 'The council of district 12'),
  ];
  const strip = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (key, v) => (key === 'ms' ? undefined : v)));
  return Promise.all(questions.map(async (ask) => strip(await ask())));
}

async function manifest(dir: string): Promise<{ batches: { articles: number; units: { file: string; ids: string[] }[] }[] }> {
  return JSON.parse(await readFile(path.join(dir, STORE_DIR, 'manifest.json'), 'utf8'));
}

describe('cutting a library into batches', () => {
  // 20,000 files of one article of 1,000 to 2,000 characters, in batches of about 300,000 characters.
  const weight = (n: number) => 1_000 + ((n * 7_919) % 1_000);
  const units = (count: number): Unit[] => Array.from({ length: count }, (_, i) => unitsOf(name(i), [weight(i)])[0]!);
  const limits = batchLimits(300_000);
  const key = (batch: Unit[]) => batch.map((unit) => `${unit.file}#${unit.part}`).join(',');
  const sum = (batch: Unit[]) => batch.reduce((n, unit) => n + unit.weight, 0);

  it('cuts the same files the same way, into batches of about the size asked for, never over the maximum', () => {
    const batches = planBatches(units(20_000), limits);
    expect(planBatches(units(20_000), limits).map(key)).toEqual(batches.map(key));
    expect(Math.max(...batches.map(sum))).toBeLessThanOrEqual(limits.max);
    expect(Math.min(...batches.slice(0, -1).map(sum))).toBeGreaterThanOrEqual(limits.min);
    const mean = batches.reduce((n, batch) => n + sum(batch), 0) / batches.length;
    expect(mean).toBeGreaterThan(200_000);
    expect(mean).toBeLessThan(400_000);
    // The setting, when there is one (here, for the tests below); else about 2 million characters.
    expect(batchLimits()).toEqual(batchLimits(150_000));
    expect(batchLimits(DEFAULT_BATCH_CHARS)).toEqual({ min: 600_000, target: 1_400_000, max: 3_400_000 });
  });

  it('a file added changes the batch it falls in and, as a rule, no other', () => {
    const all = units(20_000);
    const before = new Set(planBatches(all, limits).map(key));
    const changed: number[] = [];
    for (let insert = 7; insert < all.length; insert += 97) {
      const added = unitsOf(`${name(insert)}.extra.txt`, [1_500])[0]!;
      const after = planBatches([...all.slice(0, insert), added, ...all.slice(insert)], limits);
      changed.push(after.filter((batch) => !before.has(key(batch))).length);
    }
    // Each insertion makes its own batch new; where the maximum cut a batch (about one in eight here), the
    // next batch moves too, until the names cut one again: rarely a third.
    expect(Math.min(...changed)).toBe(1);
    expect(changed.filter((n) => n === 1).length / changed.length).toBeGreaterThan(0.8);
    expect(changed.filter((n) => n > 2).length / changed.length).toBeLessThan(0.02);
    expect(Math.max(...changed)).toBeLessThanOrEqual(3);
    expect(changed.reduce((a, b) => a + b, 0) / changed.length).toBeLessThan(1.2);
  });

  it('cuts a large file into parts of 1,000 articles, each part a unit with its weight', () => {
    const weights = Array.from({ length: 2_500 }, (_, i) => i);
    expect(unitsOf('big.csv', weights).map((unit) => [unit.part, unit.parts, unit.articles, unit.weight])).toEqual([
      [0, 3, CHUNK, (999 * 1_000) / 2],
      [1, 3, CHUNK, ((1_000 + 1_999) * 1_000) / 2],
      [2, 3, 500, ((2_000 + 2_499) * 500) / 2],
    ]);
    expect(unitsOf('empty.csv', [])).toEqual([{ file: 'empty.csv', part: 0, parts: 1, articles: 0, weight: 0 }]);
    const planner = new BatchPlanner(limits);
    // A unit of no articles never ends a batch, nor does a unit below the minimum.
    expect(planner.add(unitsOf('empty.csv', [])[0]!)).toEqual([]);
    expect(planner.add(unitsOf('a.txt', [limits.min - 1])[0]!)).toEqual([]);
    // One that would take the batch over the maximum starts the next one.
    const [done] = planner.add(unitsOf('b.txt', [limits.max])[0]!);
    expect(done!.map((unit) => unit.file)).toEqual(['empty.csv', 'a.txt']);
  });
});

describe('an incremental rebuild', () => {
  it('rebuilds only the batch of a file added, changed or removed, takes the others over, and answers as a clean build', async () => {
    const dir = await folder();
    await writeArticles(dir, Array.from({ length: 2_400 }, (_, i) => i * 2));
    const first = await load(dir);
    const batches = first.library.batches.length;
    expect(batches).toBeGreaterThanOrEqual(2);
    expect(first.stats!.batches).toMatchObject({ built: batches, kept: 0 });
    const idOf = (library: Library) => new Map(library.collection.map((a) => [a.file, a.id]));

    // A file added between two others.
    await writeArticles(dir, [1_201]);
    const added = await load(dir, first.library);
    expect(added.stats!.batches).toMatchObject({ built: 1, kept: batches - 1 });
    // What was understood anew is the batch the file fell in, no more.
    const holding = added.library.batches.find((batch) => batch.articles.some((a) => a.file === name(1_201)))!;
    expect(added.stats!.articles).toBe(holding.articles.length);
    expect(holding.articles.length).toBeLessThan(2_401 / 2);
    expect(added.library.collection).toHaveLength(2_401);
    // The batches it kept are the very objects of the library before: nothing of them is held twice.
    const shared = added.library.batches.filter((batch) => first.library.batches.includes(batch));
    expect(shared).toHaveLength(batches - 1);
    for (const batch of shared) expect(batch.articles[0]).toBe(first.library.collection.find((a) => a.id === batch.articles[0]!.id));
    const clean = await cleanBuild(dir);
    expect(await answers(added.library)).toEqual(await answers(clean));
    // The same store a clean build writes: the same batches, of the same files, with the same ids.
    expect((await manifest(dir)).batches).toEqual((await manifest(clean.dir)).batches);
    expect(added.library.collection).toEqual(clean.collection);
    expect((await added.library.whoSaid('we will open the new stadium of district 1201')).answers[0]?.speakerName).toBe(speakerOf(1_201));

    // A file changed, and another removed.
    await writeFile(path.join(dir, name(30)), article(30, ', whatever it costs'));
    await rm(path.join(dir, name(4_000)));
    const changed = await load(dir, added.library);
    expect(changed.stats!.batches.built).toBeLessThanOrEqual(2);
    expect(changed.stats!.batches.kept).toBeGreaterThanOrEqual(changed.library.batches.length - 2);
    const cleanAgain = await cleanBuild(dir);
    expect(await answers(changed.library)).toEqual(await answers(cleanAgain));
    expect(changed.library.collection).toEqual(cleanAgain.collection);
    expect((await changed.library.whoSaid('we will open the new school of district 30 whatever it costs')).answers[0]?.quote).toContain('whatever it costs');
    expect(changed.library.collection.some((a) => a.file === name(4_000))).toBe(false);

    // Ids are unique, and those of the files left alone have not moved.
    const ids = changed.library.collection.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const before = idOf(first.library);
    for (const [file, id] of idOf(changed.library)) if (before.has(file)) expect(id).toBe(before.get(file));
    expect((await manifest(dir)).batches).toEqual((await manifest(cleanAgain.dir)).batches);
  }, 240_000);

  it('gives an id taken by a new file that comes first to it, and the next one to the file that had it, as a clean build does', async () => {
    const dir = await folder();
    await writeArticles(dir, Array.from({ length: 600 }, (_, i) => i));
    const first = await load(dir);
    const target = name(450).replace(/\.txt$/, '');
    // district-00450.md comes before district-00450.txt and gives the same id.
    await writeFile(path.join(dir, `${target}.md`), `# A note on district 450\n\nThe mayor said the district would be merged.\n`);
    const next = await load(dir, first.library);
    const clean = await cleanBuild(dir);
    expect(next.library.collection.map((a) => [a.file, a.id])).toEqual(clean.collection.map((a) => [a.file, a.id]));
    expect(next.library.collection.find((a) => a.file === `${target}.md`)?.id).toBe(target);
    expect(next.library.collection.find((a) => a.file === `${target}.txt`)?.id).toBe(`${target}-2`);
    expect(await answers(next.library)).toEqual(await answers(clean));
  }, 120_000);

  it('builds again only a damaged batch, keeping the others once their files check out', async () => {
    const dir = await folder();
    await writeArticles(dir, Array.from({ length: 2_000 }, (_, i) => i));
    const first = await load(dir);
    const batches = first.library.batches.length;
    expect(batches).toBeGreaterThanOrEqual(2);
    // Same length, other bytes: only the checksum tells.
    const file = path.join(dir, STORE_DIR, 'index-1.bin');
    const bytes = await readFile(file);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    await writeFile(file, bytes);
    const logged: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) });
    let stats: BuildStats | null = null;
    const again = await loadLibrary(dir, { logger, onBuild: (build) => (stats = build.stats) });
    expect(logged.join('')).toMatch(/index-1\.bin.*checksum/);
    expect(stats!.batches).toMatchObject({ built: 1, kept: batches - 1 });
    expect(await answers(again)).toEqual(await answers(await cleanBuild(dir)));
  }, 180_000);

  it('in a live library: a file added is picked up with the other batches kept, and the library answers as a clean build', async () => {
    const dir = await folder();
    await writeArticles(dir, Array.from({ length: 3_000 }, (_, i) => i * 3));
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    const live = new LiveLibrary(await loadLibrary(dir), dir, logger);
    const before = live.current;
    await writeArticles(dir, [100]);
    await live.reload();
    expect(live.current).not.toBe(before);
    const reloaded = logged.map((line) => JSON.parse(line)).find((l) => l.msg === 'articles changed: library reloaded');
    const built = logged.map((line) => JSON.parse(line)).find((l) => l.msg === 'built the index');
    // The batch the file falls in, and at most the next one (when the first was cut at the maximum).
    expect(built).toMatchObject({ inWorker: true, batchesKept: reloaded.batchesKept });
    expect(built.batchesBuilt).toBeLessThanOrEqual(2);
    expect(reloaded).toMatchObject({ articles: 3_001, batches: built.batchesBuilt + built.batchesKept });
    expect(reloaded.batchesKept).toBeGreaterThanOrEqual(before.batches.length - 2);
    expect(reloaded.batchesKept).toBeGreaterThanOrEqual(1);
    expect(await answers(live.current)).toEqual(await answers(await cleanBuild(dir)));
  }, 180_000);
});

describe('the indexes of a library cut into batches', () => {
  it('count in how many sentences each term occurs, across batches, as the sentences say', async () => {
    const dir = await folder();
    await mkdir(dir, { recursive: true });
    await writeArticles(dir, Array.from({ length: 2_000 }, (_, i) => i));
    const { library } = await load(dir);
    expect(library.batches.length).toBeGreaterThanOrEqual(2);
    const counted = new Map<string, number>();
    for (const article of library.collection) {
      for (const sentence of article.sentences) for (const term of new Set(termsOf(sentence.text))) counted.set(term, (counted.get(term) ?? 0) + 1);
    }
    expect(new Map([...library.indexes.documentFrequency].sort())).toEqual(new Map([...counted].sort()));
  }, 120_000);
});

describe('watching a data folder', () => {
  it('watches folders, not files: changes in a folder, in a sub-folder, and in a sub-folder made later are reported, hidden ones not', async () => {
    const { FolderWatch } = await import('../src/load/folder-watch.ts');
    const dir = await folder('byline-watch-');
    await mkdir(path.join(dir, 'wire'));
    await writeArticles(dir, Array.from({ length: 300 }, (_, i) => i));
    const seen: string[] = [];
    const watch = new FolderWatch(dir, { change: (entry) => seen.push(entry), error: () => undefined, ignore: (entry) => entry.split(path.sep).some((part) => part.startsWith('.')) });
    cleanups.push(async () => watch.close());
    // The root and its one sub-folder: two watches, not one per file.
    expect(watch.folders).toBe(2);
    const until = async (entry: string) => {
      for (let waited = 0; !seen.includes(entry); waited += 20) {
        if (waited > 5_000) throw new Error(`not reported: ${entry} (${seen.join(', ')})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await writeFile(path.join(dir, name(7)), article(7, ', they added'));
    await until(name(7));
    await writeFile(path.join(dir, 'wire', 'a.txt'), article(1));
    await until(path.join('wire', 'a.txt'));
    await mkdir(path.join(dir, 'later'));
    await until('later');
    expect(watch.folders).toBe(3);
    await writeFile(path.join(dir, 'later', 'b.txt'), article(2));
    await until(path.join('later', 'b.txt'));
    await mkdir(path.join(dir, '.hidden'));
    await writeFile(path.join(dir, '.hidden', 'c.txt'), article(3));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.filter((entry) => entry.includes('.hidden'))).toEqual([]);
    expect(watch.folders).toBe(3);
  });
});
