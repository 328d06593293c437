/**
 * What the bot process holds when its library lives in PostgreSQL (issue #13: "the bot process under
 * 300 MB"), as tests/bench/memory.ts measures the embedded library: the process's memory after each step,
 * with a full collection before each figure, then what the library's parts hold, by component.
 *
 *   BYLINE_DATABASE_URL=postgres://… node --expose-gc --import tsx tests/bench/pg-memory.ts DIR [--queries 300] [--open-only] [--compiled]
 *
 * With --compiled the process measured runs the code as `npm start` runs it, compiled (`tsc`, as
 * `npm run build` compiles; no tsx, whose loader and esbuild a deployed bot does not hold): this script
 * and the code it imports are compiled into `bench-out/pg-memory/` and run there by a plain `node`.
 *
 * DIR is the library folder that was ingested (`size.ts ingest DIR`), for the bench's sample of queries
 * (the hidden `.bench-queries.json` an embedded `size.ts serve` or `pg-statements.ts` left). Steps: the
 * modules; the library opened (`PostgresLibrary.open`, as the bench's serve step and the bot open it); one
 * question of each kind (the modules and tables the query code reads on first use); the warm-up and the
 * sample of the four kinds through the command code, as the bench's serve step asks them (not with
 * --open-only: what the library holds once opened). Components are
 * measured by letting go of each in turn after the queries and measuring what the heap (and the array
 * buffers) lose: what that component alone held.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AutocompleteContext, CommandOptions } from '../../commands/index.ts';
import { collectedMemory, MB } from './collected.ts';
import type { QuerySample } from './queries.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { queries: { type: 'string', default: '300' }, 'open-only': { type: 'boolean', default: false }, compiled: { type: 'boolean', default: false } },
});
const dir = positionals[0];
if (!dir || !process.env.BYLINE_DATABASE_URL) {
  process.stderr.write('usage: BYLINE_DATABASE_URL=… node --expose-gc --import tsx tests/bench/pg-memory.ts DIR [--queries 300] [--open-only] [--compiled]\n');
  process.exit(2);
}
if (values.compiled && import.meta.url.endsWith('.ts')) process.exit(await runCompiled());

/**
 * Compiles the code and this script as `npm run build` compiles (tsconfig.build.json, into a folder inside
 * the checkout so that node_modules and the project's files are found as from `dist/`), then runs the
 * script from there in a plain `node --expose-gc`; returns its exit code.
 */
async function runCompiled(): Promise<number> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const out = path.join(root, 'bench-out', 'pg-memory');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const config = path.join(out, 'tsconfig.json');
  await writeFile(
    config,
    JSON.stringify({
      extends: path.join(root, 'tsconfig.build.json'),
      compilerOptions: { outDir: out, rootDir: root },
      include: [path.join(root, 'src'), path.join(root, 'commands'), fileURLToPath(import.meta.url)],
      exclude: [path.join(root, 'src/store-key.ts')],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', config], { stdio: 'inherit' });
  if (compiled.status !== 0) return compiled.status ?? 1;
  // The store's key beside the compiled `src/`, as `npm run build` writes it (a store opened checks it).
  await copyFile(path.join(root, 'src', 'store-key.json'), path.join(out, 'src', 'store-key.json')).catch(() => undefined);
  const args = process.argv.slice(2).filter((arg) => arg !== '--compiled');
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(out, 'tests', 'bench', 'pg-memory.js'), ...args], { stdio: 'inherit' });
  return run.status ?? 1;
}
collectedMemory();
const mb = (n: number) => (n / MB).toFixed(1);

interface Figure {
  step: string;
  rss: number;
  peak: number;
  heap: number;
  /** The heap V8 holds (committed), used or not: what it grew to and has not given back. */
  heapTotal: number;
  arrayBuffers: number;
  ms: number;
}
const figures: Figure[] = [];
let last = performance.now();
function memory(): { heap: number; arrayBuffers: number } {
  const m = collectedMemory();
  return { heap: m.heapUsed, arrayBuffers: m.arrayBuffers };
}
function figure(step: string): void {
  const now = performance.now();
  const { heap, arrayBuffers } = memory();
  const { rss, heapTotal } = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  figures.push({ step, rss, peak, heap, heapTotal, arrayBuffers, ms: now - last });
  process.stderr.write(`${step}: rss ${mb(rss)} MB (peak ${mb(peak)} MB), heap ${mb(heap)} MB of ${mb(heapTotal)} MB, array buffers ${mb(arrayBuffers)} MB\n`);
  last = performance.now();
}

const { createPool, PostgresLibrary } = await import('../../src/postgres/library.ts');
const { findCommand, runCommand } = await import('../../commands/index.ts');
figure(`modules loaded (${import.meta.url.endsWith('.ts') ? 'from the sources, under tsx' : 'compiled, as npm start runs them'})`);

const db = createPool(process.env.BYLINE_DATABASE_URL);
const library = await PostgresLibrary.open(db);
figure(`library opened (${library.size} articles, ${library.view.quotes.length} quotes)`);

const samples = JSON.parse(await readFile(path.join(dir, '.bench-queries.json'), 'utf8')) as { sample: QuerySample; warm: QuerySample };
const perKind = Number(values.queries);
const options = (value: Record<string, string>): CommandOptions => ({ getString: (name) => value[name] ?? null, getBoolean: () => null, getInteger: () => null });
const whoSaid = findCommand('who-said')!;
const whatHappened = findCommand('what-happened')!;
const complete = async (command: typeof whoSaid, name: string, value: string) => {
  const context: AutocompleteContext = { engine: library, options: options({ [name]: value }), focused: { name, value } };
  await command.autocomplete!(context);
};
async function ask(sample: QuerySample, count: number, each?: (kind: string) => void): Promise<void> {
  for (const q of sample.quotes.slice(0, count)) await runCommand(whoSaid, { engine: library, options: options({ quote: q }) });
  each?.('who-said');
  for (const q of sample.topics.slice(0, count)) await runCommand(whatHappened, { engine: library, options: options({ topic: q }) });
  each?.('what-happened');
  for (const q of sample.quotePrefixes.slice(0, count)) await complete(whoSaid, 'quote', q);
  each?.('autocomplete quote');
  for (const q of sample.topicPrefixes.slice(0, count)) await complete(whatHappened, 'topic', q);
  each?.('autocomplete topic');
}
if (!values['open-only']) {
  await ask(samples.warm, 1);
  figure('one question of each kind (modules read on first use)');
  await ask(samples.warm, Infinity, (kind) => figure(`warm-up: ${kind}`));
  await ask(samples.sample, perKind, (kind) => figure(`${perKind} questions: ${kind}`));
}
const loadAverage = loadavg()[0]!;

// The components, each let go of in turn: what the heap and the array buffers lose is what it alone held.
/* eslint-disable @typescript-eslint/no-explicit-any */
const view = library.view as any;
const index = library.index as any;
const rows: [string, string, string][] = [];
function drop(name: string, letGo: () => string | void): void {
  const before = memory();
  const detail = letGo();
  const after = memory();
  rows.push([`${name}${detail ? ` (${detail})` : ''}`, `${mb(before.heap - after.heap)} MB`, `${mb(before.arrayBuffers - after.arrayBuffers)} MB`]);
}
drop('index: postings held (the terms searched lately)', () => {
  const held = (['sentences', 'quotes', 'titles'] as const).map((name) => `${name} ${index.postings[name].held.toLocaleString('en-US')}`);
  for (const name of ['sentences', 'quotes', 'titles']) {
    index.postings[name].lists.clear();
    index.postings[name].held = 0;
  }
  return `documents: ${held.join(', ')}`;
});
drop('index: best documents of common terms (the gate)', () => {
  const counts = ['sentences', 'quotes', 'titles'].map((name) => index.best[name].values.size);
  for (const name of ['sentences', 'quotes', 'titles']) index.best[name].values.clear();
  return `${counts.join(' + ')} groups`;
});
drop('index: documents of common terms read apart from their rows', () => {
  if (!index.documents) return 'none';
  const held = (['sentences', 'quotes', 'titles'] as const).map((name) => `${name} ${index.documents[name].held.toLocaleString('en-US')}`);
  for (const name of ['sentences', 'quotes', 'titles']) {
    index.documents[name].lists.clear();
    index.documents[name].held = 0;
  }
  return `documents: ${held.join(', ')}`;
});
const everything = (n: number) => Array.from({ length: n }, (_, i) => i);
drop('view: articles loaded whole (paragraphs, sentences, quotes)', () => {
  const loaded = everything(library.size).filter((a) => view.articles[a].body);
  view.forget(loaded, [], [], []);
  return `${loaded.length} articles`;
});
drop('view: sentences loaded alone', () => {
  const n = view.sentenceRows.size;
  view.forget([], [], [...view.sentenceRows.keys()], []);
  return `${n} sentences`;
});
drop('view: quotes\' words and sentence loaded', () => {
  const { loadedText, loadedContext } = view.quotes;
  // A Map by id (an array as long as the quotes before 6 Dec 2026, 21:30).
  const n = loadedText instanceof Map ? loadedText.size : loadedText.filter((t: unknown) => t !== undefined).length;
  if (loadedText instanceof Map) (loadedText.clear(), loadedContext.clear());
  else (loadedText.fill(undefined), loadedContext.fill(undefined));
  return `${n} quotes`;
});
drop('view: the people of articles read (those not quoted, and everyone\'s mentions)', () => {
  const read = everything(library.size).filter((a) => view.articles[a].everyone || view.personsOf.has(a));
  const before = view.persons.size;
  view.forget([], [], [], read);
  return `${before - view.persons.size} people not quoted, of ${read.length} articles`;
});
drop('view: the quoted people (name, role, introduction; held from the start)', () => {
  const n = view.persons.size;
  view.persons.clear();
  view.quotes.quoted.length = 0;
  return `${n.toLocaleString('en-US')} people`;
});
const quoteCount = library.view.quotes.length;
drop('view: the quotes\' columns (article, paragraph, kind, confidence, ids, speakers)', () => {
  for (const key of ['starts', 'article', 'paragraph', 'kinds', 'confidence', 'ids', 'speakers', 'loadedText', 'loadedContext']) view.quotes[key] = null;
  return `${quoteCount.toLocaleString('en-US')} quotes`;
});
drop('view: the articles (id, title, date, source, file; numbering)', () => {
  view.articles.length = 0;
  view.byId.clear();
  view.sentenceStarts = null;
  view.recency = null;
  return undefined;
});
drop('index: the vocabulary (each term\'s frequency per index)', () => {
  const counts = ['sentences', 'quotes', 'titles'].map((name) => index.stats[name].frequency.size);
  for (const name of ['sentences', 'quotes', 'titles']) index.stats[name].frequency.clear();
  return `${counts.join(' + ')} terms`;
});
const left = memory();
rows.push(['what is left: the modules, and the query code\'s caches of this library (folded quotes and names, the speaker list)', `${mb(left.heap)} MB`, `${mb(left.arrayBuffers)} MB`]);
await db.end();

process.stdout.write(`\n| step | RSS | peak RSS so far | heap used / held | array buffers | step time |\n| --- | ---: | ---: | ---: | ---: | ---: |\n`);
for (const f of figures) process.stdout.write(`| ${f.step} | ${mb(f.rss)} MB | ${mb(f.peak)} MB | ${mb(f.heap)} / ${mb(f.heapTotal)} MB | ${mb(f.arrayBuffers)} MB | ${(f.ms / 1000).toFixed(2)} s |\n`);
process.stdout.write(`\n| component | heap | array buffers |\n| --- | ---: | ---: |\n`);
for (const [name, heap, buffers] of rows) process.stdout.write(`| ${name} | ${heap} | ${buffers} |\n`);
if (index.rowsRead) process.stdout.write(`\npostings rows read: ${index.rowsRead.whole} whole, ${index.rowsRead.apart} common terms apart from their rows\n`);
process.stdout.write(`\npeak RSS of the process: ${mb(process.resourceUsage().maxRSS * 1024)} MB; load average (1 min) after the questions: ${loadAverage.toFixed(1)}\n`);
