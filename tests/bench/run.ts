/**
 * `npm run bench`: byline on libraries of 1, 1,000 and 10,000 articles (issue #4).
 *
 * For each size the runner writes a synthetic library (real news recombined: see articles.ts) as CSV files
 * into a temporary folder, then starts two fresh processes on it (size.ts), so no size's memory weighs on
 * the next: `build` (the cold path: parse, split, attribute, index, save the store) and `serve` (start-up
 * from the persisted index, then a deterministic sample of queries through the real command code and the
 * same queries on two baselines, in a third process). Progress goes to stderr; the report, as Markdown, to stdout at the end.
 *
 *   npm run bench -- [--sizes 1,1000,10000] [--queries 300] [--warmup 20] [--budget 60] [--keep] [--cpu-prof DIR]
 *
 * --queries is the sample size per kind of query; --budget the seconds one kind of query may take on one
 * system before the rest of its sample is skipped (the report gives how many were run).
 * --keep leaves the library folders (and their stores) in place; --cpu-prof writes a V8 CPU profile of
 * every build stage, the start-up and each kind of query into DIR/<size>/ (summarise one with
 * `tsx tests/bench/profile.ts FILE`); profiling slows everything down, so take figures from a run without it.
 * Exits 1 when a step fails or a target is missed at a size that has targets (10,000 articles: issue #4;
 * 100,000: issue #13, the embedded library).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readSourceArticles, syntheticLibrary, writeLibrary } from './articles.ts';
import { runSizeStep } from './child.ts';
import type { BaselineResult, BuildResult, IngestResult, ServeResult, SizeResult } from './results.ts';
import { judgedSizes, markdownReport, targets } from './table.ts';


const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,1000,10000' },
    queries: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '20' },
    budget: { type: 'string', default: '60' },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    /** Also serve each library from PostgreSQL (an embedded server started for the run): ingest, start-up, queries, the bot's RSS. */
    postgres: { type: 'boolean', default: false },
    /** Skip the baselines (plain MiniSearch, naive scan): when only byline's own figures are wanted. */
    'skip-baselines': { type: 'boolean', default: false },
  },
});

const sizes = values.sizes.split(',').map((size) => Number(size.trim().replace(/_/g, '')));
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
  process.stderr.write(`--sizes takes whole numbers ≥ 1 separated by commas, not "${values.sizes}"\n`);
  process.exit(2);
}

/** Runs size.ts in a fresh node process (profiled with --cpu-prof) and parses the JSON line it prints. */
function child<T>(size: number, args: string[], env: Record<string, string> = {}): Promise<T> {
  const profile = values['cpu-prof'] ? ['--profile', path.resolve(values['cpu-prof'], String(size))] : [];
  return runSizeStep<T>([...args, ...profile], env);
}

const log = (message: string) => process.stderr.write(`${message}\n`);

log('reading the source articles (the seed and ../shared/corpus)…');
const sources = await readSourceArticles();
const results: SizeResult[] = [];
let failed = false;
/** With --postgres: one server for the run, and per size what the PostgreSQL backend measured. */
const postgres = values.postgres ? await (await import('../postgres.ts')).startPostgres() : null;
const postgresResults: { size: number; ingest: IngestResult; serve: ServeResult; embedded: ServeResult }[] = [];

for (const size of sizes) {
  const dir = await mkdtemp(path.join(tmpdir(), `byline-bench-${size}-`));
  try {
    const library = await writeLibrary(dir, syntheticLibrary(sources, size));
    log(`\n${size.toLocaleString('en-US')} articles: ${library.files} CSV files, ${(library.bytes / 1024 / 1024).toFixed(1)} MB in ${dir}`);
    log('cold build…');
    const build = await child<BuildResult>(size, ['build', dir]);
    log('start-up from the persisted index and queries…');
    const sample = ['--queries', values.queries, '--warmup', values.warmup, '--budget', values.budget];
    const serve = await child<ServeResult>(size, ['serve', dir, ...sample]);
    log('baselines on the same queries…');
    const baselines = values['skip-baselines'] ? null : await child<BaselineResult>(size, ['baselines', dir, ...sample]).catch((error: unknown) => {
      log(`the baselines failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    results.push({ size, build, serve, baselines });
    if (postgres) {
      log('PostgreSQL: ingest, then start-up and the same queries from the database…');
      const database = { BYLINE_DATABASE_URL: postgres.url };
      const ingest = await child<IngestResult>(size, ['ingest', dir], database);
      const served = await child<ServeResult>(size, ['serve', dir, ...sample, '--postgres'], database);
      postgresResults.push({ size, ingest, serve: served, embedded: serve });
    }
  } catch (error) {
    failed = true;
    log(`${size} articles failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (values.keep) log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

const notes = [
  'Latency is wall time per query in one process, after a warm-up of other queries of each kind; byline runs through `runCommand(findCommand(…))` and `command.autocomplete` (Discord excluded).',
  ...(results.find((r) => r.baselines)?.baselines?.info.map((b) => `**${b.name}**: ${b.description}. It does none of byline's work (attribution, re-ranking, differences, summaries).`) ?? []),
  'Ratios are baseline ÷ byline: below 1 the baseline is faster.',
];
if (results.length > 0) process.stdout.write(`\n${markdownReport(results, notes)}`);
if (postgresResults.length > 0) process.stdout.write(`\n${postgresReport(postgresResults)}`);
await postgres?.stop();

/** The PostgreSQL backend beside the embedded library, per size: the bot process's figures. */
function postgresReport(rows: typeof postgresResults): string {
  const kinds = ['who-said', 'what-happened', 'autocomplete quote', 'autocomplete topic'] as const;
  const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  const lines = [
    '#### PostgreSQL backend beside the embedded library (the bot process; the database server is another process)',
    '',
    `| articles | backend | ingest (peak RSS) | start-up | peak RSS | heap live | ${kinds.map((k) => `${k} p50 / p99`).join(' | ')} |`,
    `| ---: | --- | ---: | ---: | ---: | ---: | ${kinds.map(() => '---:').join(' | ')} |`,
  ];
  for (const row of rows) {
    for (const [name, serve] of [['embedded', row.embedded], ['postgres', row.serve]] as const) {
      const latency = kinds.map((k) => {
        const found = serve.kinds.find((kind) => kind.kind === k);
        return found ? `${ms(found.byline.p50)} / ${ms(found.byline.p99)} ms` : '—';
      });
      lines.push(
        `| ${row.size.toLocaleString('en-US')} | ${name} | ${name === 'postgres' ? `${(row.ingest.ms / 1000).toFixed(1)} s (${row.ingest.rssPeakMb.toFixed(0)} MB)` : '—'} | ${(serve.startupMs / 1000).toFixed(2)} s | ${serve.rssPeakMb.toFixed(0)} MB | ${serve.heapLiveMb.toFixed(0)} MB | ${latency.join(' | ')} |`,
      );
    }
  }
  lines.push('', `Load average (1 min) after the queries: ${rows.map((r) => `${r.size}: embedded ${r.embedded.loadAverage.toFixed(1)}, postgres ${r.serve.loadAverage.toFixed(1)} (after the ingest ${r.ingest.loadAverage.toFixed(1)})`).join('; ')}.`);
  return `${lines.join('\n')}\n`;
}

if (failed || judgedSizes(results).some((result) => targets(result).some((t) => !t.met))) process.exitCode = 1;
