/**
 * One benchmark step on one library folder, in a process of its own so that memory figures never pile up
 * from one size to the next. The runner (run.ts) starts it three times per size and reads the one JSON line it
 * prints on stdout; progress goes to stderr.
 *
 *   size.ts build <dir>   the cold path of `loadLibrary` (read, parse, understand, index, save the store),
 *                         stage by stage, so the figures say where the time goes
 *   size.ts serve <dir>   `loadLibrary(dir)` from the store the build left, then the query sample through
 *                         the real command code (`runCommand`, `command.autocomplete`)
 *   size.ts baselines <dir>  the same queries on a plain MiniSearch index and a naive scan of the sentences
 *
 * Engine modules are imported dynamically so that importing them is timed (the bot pays it at every start).
 * With --profile DIR, each stage and each kind of query is CPU-profiled into a file of its own in DIR.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { AutocompleteContext, Command, CommandOptions, Reply } from '../../commands/index.ts';
import type { Choice } from '../../src/answers.ts';
import type { Engine } from '../../src/engine.ts';
import type { ArticleText } from '../../src/model.ts';
import { naiveScan, plainMiniSearch, type Baseline } from './baselines.ts';
import { sampleQueries, type QuerySample } from './queries.ts';
import type { BaselineResult, BuildResult, IngestResult, KindResult, QueryKind, ServeResult } from './results.ts';
import { profiled } from './profiler.ts';
import { MemoryWatch, summarize, timed } from './stats.ts';

const MB = 1024 * 1024;

function progress(message: string): void {
  process.stderr.write(`  [${path.basename(process.argv[3] ?? '')}] ${message}\n`);
}

/**
 * The cold path: `loadLibrary` on a folder without a store, which builds it (in a worker thread from
 * 8 MB of articles) and loads it; the build reports its stages.
 */
async function build(dir: string): Promise<BuildResult> {
  const memory = new MemoryWatch();
  const { readArticleFiles, parseArticleFiles } = await import('../../src/article/load.ts');
  const { splitSentences } = await import('../../src/article/sentences.ts');
  const { loadLibrary } = await import('../../src/load/open.ts');
  type Built = Parameters<NonNullable<NonNullable<Parameters<typeof loadLibrary>[1]>['onBuild']>>[0];

  let built: Built | null = null;
  const library = await step('build', () => loadLibrary(dir, { onBuild: (b) => (built = b) }));
  memory.sample();
  // The peak of the cold path itself: the measurements below parse every file again.
  const rssPeakMb = memory.rssPeakMb();
  const heapPeakMb = memory.heapPeakMb;
  const report = built as Built | null;
  if (!report?.stats) throw new Error('loadLibrary did not build the store (was there one already?)');
  const { stats } = report;
  const totalMs = library.ms;
  progress(
    `built ${stats.articles} articles ${report.inWorker ? 'in a worker thread ' : ''}in ${s(report.buildMs)}: parse ${s(stats.ms.parse)}, understand ${s(stats.ms.understand)}, index ${s(stats.ms.index)}, save ${s(stats.ms.save)}; loaded in ${s(report.loadMs)}; cold build ${s(totalMs)}`,
  );
  const read = await timed(() => readArticleFiles(dir));
  const { files } = read.value;

  // Sentence splitting alone, in a second pass (outside the total), to separate it from attribution.
  const { articles } = parseArticleFiles(files);
  const split = await timed(() => {
    let count = 0;
    for (const article of articles) for (const paragraph of article.paragraphs) count += splitSentences(paragraph).length;
    return count;
  });

  return {
    articles: stats.articles,
    sentences: stats.sentences,
    quotes: stats.quotes,
    people: stats.people,
    files: files.length,
    dataMb: files.reduce((sum, f) => sum + (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength), 0) / MB,
    totalMs,
    inWorker: report.inWorker,
    stages: {
      read: read.ms,
      parse: stats.ms.parse,
      understand: stats.ms.understand,
      splitOnly: split.ms,
      index: stats.ms.index,
      save: stats.ms.save,
      load: report.loadMs,
    },
    storeMb: (await folderBytes(path.join(dir, '.byline-index'))) / MB,
    rssPeakMb,
    heapPeakMb,
    problems: library.value.problems.length,
  };
}

/** Options as a transport would hand them to a command. */
function optionsOf(values: Record<string, string>): CommandOptions {
  return {
    getString: (name) => values[name] ?? null,
    getBoolean: () => null,
    getInteger: () => null,
  };
}

interface Workload {
  kind: QueryKind;
  queries: string[];
  /** Runs one query through byline's command code; true when it answered something, 'notice' for a notice. */
  run(query: string): Promise<boolean | 'notice'>;
}

/**
 * Ingest into the PostgreSQL library of BYLINE_DATABASE_URL (`--postgres`): the folder's store, which the
 * build left, read and written into the database, as `npm run ingest` does. The heap is sampled every
 * 50 ms meanwhile (its peak is what an ingest that holds the whole library would run out of).
 */
async function ingest(dir: string): Promise<IngestResult> {
  const memory = new MemoryWatch();
  const { createPool } = await import('../../src/postgres/library.ts');
  const { ingestFolder } = await import('../../src/postgres/ingest.ts');
  const pool = createPool(process.env.BYLINE_DATABASE_URL!);
  const sampling = setInterval(() => memory.sample(), 50);
  // With --live-heap, the heap after a full collection at the end of each batch of the store written:
  // what the ingest holds, without the garbage V8 has not collected yet (the collections cost time).
  let heapLiveMb = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const onBatch = process.argv.includes('--live-heap') && gc ? () => void (heapLiveMb = Math.max(heapLiveMb, memory.heapLiveMb())) : undefined;
  try {
    const result = await ingestFolder(pool, dir, { force: true, ...(onBatch ? { onBatch } : {}) });
    memory.sample();
    progress(`ingested ${result.articles} articles into PostgreSQL in ${s(result.ms)}, peak RSS ${memory.rssPeakMb().toFixed(0)} MB, heap peak ${memory.heapPeakMb.toFixed(0)} MB${onBatch ? `, live heap after a batch at most ${heapLiveMb.toFixed(0)} MB` : ''}`);
    return {
      ms: result.ms,
      articles: result.articles,
      sentences: result.sentences,
      quotes: result.quotes,
      rssPeakMb: memory.rssPeakMb(),
      heapPeakMb: memory.heapPeakMb,
      ...(onBatch ? { heapLiveMb } : {}),
      loadAverage: loadavg()[0]!,
    };
  } finally {
    clearInterval(sampling);
    await pool.end();
  }
}

async function serve(dir: string, perKind: number, warmupCount: number, budgetMs: number, backend: 'embedded' | 'postgres' = 'embedded'): Promise<ServeResult> {
  const memory = new MemoryWatch();
  const modules = await timed(async () => ({
    library: await import('../../src/load/open.ts'),
    postgres: backend === 'postgres' ? await import('../../src/postgres/library.ts') : null,
    commands: await import('../../commands/index.ts'),
  }));
  const { loadLibrary } = modules.value.library;
  const { findCommand, runCommand } = modules.value.commands;

  const messages: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void messages.push(line) });
  let engine: Engine;
  let articles: readonly ArticleText[];
  let startupMs = 0;
  let storeHit = true;
  let pool: { end(): Promise<void> } | null = null;
  if (modules.value.postgres) {
    // The bot's process on the PostgreSQL library: only what it holds from the start is read (the database
    // holds the rest); the queries are sampled from the files' text, as the embedded serve samples them.
    const { createPool, PostgresLibrary } = modules.value.postgres;
    const db = createPool(process.env.BYLINE_DATABASE_URL!);
    pool = db;
    const startup = await step('startup', () => PostgresLibrary.open(db));
    engine = startup.value;
    articles = [];
    progress(`start-up from PostgreSQL ${s(startup.ms)}, modules ${s(modules.ms)}, heap ${memory.heapLiveMb().toFixed(0)} MB`);
    startupMs = startup.ms;
  } else {
    const startup = await step('startup', () => loadLibrary(dir, { logger }));
    const library = startup.value;
    engine = library;
    articles = library.collection;
    storeHit = messages.some((line) => line.includes('loaded the persisted index'));
    progress(`start-up ${s(startup.ms)} (${storeHit ? 'persisted index' : 'NO persisted index: rebuilt'}), modules ${s(modules.ms)}, heap ${memory.heapLiveMb().toFixed(0)} MB`);
    startupMs = startup.ms;
    // What the bot then reads in the background (src/load/open.ts), done before the queries so that memory
    // figures include it and no query pays for it.
    const warming = await timed(() => library.warm());
    progress(`warmed in ${s(warming.ms)} (as the bot does after start), heap ${memory.heapLiveMb().toFixed(0)} MB`);
  }
  const heapLiveMb = memory.heapLiveMb();

  const whoSaid = findCommand('who-said')!;
  const whatHappened = findCommand('what-happened')!;
  const execute = async (command: Command, option: string, query: string) => {
    const reply: Reply = await runCommand(command, { engine, options: optionsOf({ [option]: query }) });
    if (reply.type === 'notice') return 'notice' as const;
    if (reply.type === 'who-said') return reply.result.answers.length > 0;
    if (reply.type === 'what-happened') return reply.result.passages.length > 0;
    return true;
  };
  const complete = async (command: Command, option: string, query: string) => {
    const context: AutocompleteContext = { engine, options: optionsOf({ [option]: query }), focused: { name: option, value: query } };
    const choices: Choice[] = await command.autocomplete!(context);
    return choices.length > 0;
  };

  // The PostgreSQL serve asks the very queries the embedded one sampled (kept beside the library: a hidden
  // file, which no library reads), without reading the articles itself, which would weigh on its memory.
  const samplesFile = path.join(dir, '.bench-queries.json');
  const samples = backend === 'postgres'
    ? (JSON.parse(await readFile(samplesFile, 'utf8')) as { sample: QuerySample; warm: QuerySample })
    : { sample: sampleQueries(articles, perKind), warm: sampleQueries(articles, warmupCount, 7) };
  if (backend === 'embedded') await writeFile(samplesFile, JSON.stringify(samples));
  const { sample, warm } = samples;
  const workloads: Workload[] = [
    { kind: 'who-said', queries: sample.quotes, run: (q) => execute(whoSaid, 'quote', q) },
    { kind: 'what-happened', queries: sample.topics, run: (q) => execute(whatHappened, 'topic', q) },
    { kind: 'autocomplete quote', queries: sample.quotePrefixes, run: (q) => complete(whoSaid, 'quote', q) },
    { kind: 'autocomplete topic', queries: sample.topicPrefixes, run: (q) => complete(whatHappened, 'topic', q) },
  ];

  // Warm-up on other queries of the same kinds (a different seed): JIT compilation is not what is measured.
  const warmQueries = [warm.quotes, warm.topics, warm.quotePrefixes, warm.topicPrefixes];
  for (const [i, workload] of workloads.entries()) for (const query of warmQueries[i]!) await workload.run(query);

  const measured: { kind: QueryKind; samples: number[]; answered: number; notices: number }[] = [];
  for (const workload of workloads) {
    let answered = 0;
    let notices = 0;
    const samples = await profiled(profileDir, `serve-${workload.kind}`, () =>
      measure(workload.queries, budgetMs, async (query) => {
        const outcome = await workload.run(query);
        if (outcome === 'notice') notices++;
        else if (outcome) answered++;
      }),
    );
    measured.push({ kind: workload.kind, samples, answered: answered / samples.length, notices });
    const latency = summarize(samples);
    progress(`${workload.kind}: p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms, max ${latency.max.toFixed(1)} ms (${samples.length} queries)`);
    memory.sample();
  }
  const loadAverage = loadavg()[0] ?? 0;
  const rssPeakMb = memory.rssPeakMb();
  const heapPeakMb = memory.heapPeakMb;
  if (pool) {
    await pool.end();
    const kinds: KindResult[] = measured.map((m) => ({ kind: m.kind, byline: summarize(m.samples), answered: m.answered, notices: m.notices }));
    return { moduleLoadMs: modules.ms, startupMs, storeHit, startupStages: { readHash: 0, loadStore: 0 }, rssPeakMb, heapPeakMb, heapLiveMb, kinds, warmup: warmupCount, loadAverage };
  }

  // Where start-up goes: reading and hashing the files (loadLibrary does that before it looks at the store),
  // and the store itself. Timed after the queries, so the copies they make weigh on no figure above.
  const { readArticleFiles, contentHash } = await import('../../src/article/load.ts');
  const { loadStore } = await import('../../src/load/store.ts');
  let hash = '';
  const readHash = await timed(async () => {
    const { files } = await readArticleFiles(dir);
    hash = contentHash(files);
    return files.length;
  });
  const storeLoad = await timed(() => loadStore(dir, hash));
  progress(`start-up stages: read+hash ${s(readHash.ms)}, loadStore ${s(storeLoad.ms)}`);

  const kinds: KindResult[] = measured.map((m) => ({
    kind: m.kind,
    byline: summarize(m.samples),
    answered: m.answered,
    notices: m.notices,
  }));
  return {
    moduleLoadMs: modules.ms,
    startupMs,
    storeHit,
    startupStages: { readHash: readHash.ms, loadStore: storeLoad.ms },
    rssPeakMb,
    heapPeakMb,
    heapLiveMb,
    kinds,
    warmup: warmupCount,
    loadAverage,
  };
}

/**
 * Wall time of each query in turn, stopping early once `budgetMs` is spent (at least 10 queries), so a slow
 * baseline at 10,000 articles cannot hold the benchmark for an hour: the report gives how many were run.
 */
async function measure(queries: readonly string[], budgetMs: number, run: (query: string) => unknown): Promise<number[]> {
  const samples: number[] = [];
  const started = performance.now();
  for (const query of queries) {
    if (samples.length >= 10 && performance.now() - started > budgetMs) break;
    const start = performance.now();
    await run(query);
    samples.push(performance.now() - start);
  }
  return samples;
}

/**
 * The baselines, in a process of their own (their indexes would otherwise weigh on byline's memory, and a
 * naive index of 10,000 articles could exhaust the heap byline runs in): on byline's own sentences, read
 * from the persisted library, and the very same query sample as `serve`.
 */
async function baselines(dir: string, perKind: number, warmupCount: number, budgetMs: number): Promise<BaselineResult> {
  const { loadLibrary } = await import('../../src/load/open.ts');
  let library: Awaited<ReturnType<typeof loadLibrary>> | null = await loadLibrary(dir);
  const sentences = library.collection.flatMap((article) => article.sentences.map((sentence) => sentence.text));
  const sample = sampleQueries(library.collection, perKind);
  const warm = sampleQueries(library.collection, warmupCount, 7);
  library = null;
  (globalThis as { gc?: () => void }).gc?.();
  const kinds: [QueryKind, string[], string[]][] = [
    ['who-said', sample.quotes, warm.quotes],
    ['what-happened', sample.topics, warm.topics],
    ['autocomplete quote', sample.quotePrefixes, warm.quotePrefixes],
    ['autocomplete topic', sample.topicPrefixes, warm.topicPrefixes],
  ];
  const result: BaselineResult = { info: [], latency: {} };
  for (const make of [plainMiniSearch, naiveScan]) {
    const built = await timed(() => make(sentences));
    const baseline: Baseline = built.value;
    result.info.push({ name: baseline.name, description: baseline.description, buildMs: built.ms });
    progress(`${baseline.name}: built on ${sentences.length} sentences in ${s(built.ms)}`);
    for (const [kind, queries, warmQueries] of kinds) {
      for (const query of warmQueries) baseline.answer(query);
      const samples = await measure(queries, budgetMs, (query) => baseline.answer(query));
      const latency = summarize(samples);
      (result.latency[kind] ??= {})[baseline.name] = latency;
      progress(`${baseline.name}, ${kind}: p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms (${samples.length} queries)`);
    }
  }
  return result;
}

/** A step timed, and profiled into its own CPU profile when --profile is given. */
function step<T>(name: string, run: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  return profiled(profileDir, name, () => timed(run));
}

async function folderBytes(dir: string): Promise<number> {
  try {
    let total = 0;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
    }
    return total;
  } catch {
    return 0;
  }
}

function s(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number`);
  return value;
}

const [mode, dir] = process.argv.slice(2);
const perKind = flag('--queries', 300);
const warmup = flag('--warmup', 20);
const budgetMs = flag('--budget', 120) * 1000;
const profileAt = process.argv.indexOf('--profile');
const profileDir = profileAt >= 0 ? (process.argv[profileAt + 1] ?? null) : null;
let result: unknown;
if (dir && mode === 'build') result = await build(dir);
else if (dir && mode === 'serve') result = await serve(dir, perKind, warmup, budgetMs, process.argv.includes('--postgres') ? 'postgres' : 'embedded');
else if (dir && mode === 'ingest') result = await ingest(dir);
else if (dir && mode === 'baselines') result = await baselines(dir, perKind, warmup, budgetMs);
else {
  process.stderr.write('usage: size.ts build|serve|baselines|ingest <dir> [--queries N] [--warmup N] [--budget SECONDS] [--profile DIR] [--postgres]\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
