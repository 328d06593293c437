/**
 * The PostgreSQL ingest alone (issue #13): its time and its process's peak memory, per library size, without
 * the rest of `npm run bench -- --postgres` (start-up and queries from both backends).
 *
 *   npx tsx tests/bench/ingest.ts [--sizes 1000,10000] [--runs 1] [--keep] [--live-heap]
 *
 * Per size: the benchmark's synthetic library (articles.ts) written into a temporary folder, its store built
 * by `size.ts build` (the cold path, in a process of its own), then `size.ts ingest` run `--runs` times, each
 * in a fresh process, into one embedded PostgreSQL started for the run (tests/postgres.ts). Prints a Markdown
 * table: the ingest's time, peak RSS and highest heap seen, with the 1-minute load average after each.
 * --live-heap also collects the garbage after each batch of the store written and reports the most heap
 * left then: what the ingest holds (the collections cost time: take the times from a run without it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readSourceArticles, syntheticLibrary, writeLibrary } from './articles.ts';
import { runSizeStep } from './child.ts';
import type { BuildResult, IngestResult } from './results.ts';
import { startPostgres } from '../postgres.ts';


const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    'live-heap': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map((size) => Number(size.trim().replace(/_/g, '')));
const runs = Number(values.runs);
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: ingest.ts [--sizes 1000,10000] [--runs N] [--keep] [--live-heap]\n');
  process.exit(2);
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Runs size.ts in a fresh node process and parses the JSON line it prints. */
function child<T>(args: string[], env: Record<string, string> = {}): Promise<T> {
  return runSizeStep<T>(args, env);
}

const sources = await readSourceArticles();
const postgres = await startPostgres();
const rows: { size: number; build: BuildResult; ingest: IngestResult }[] = [];
let failed = false;
try {
  for (const size of sizes) {
    const dir = await mkdtemp(path.join(tmpdir(), `byline-ingest-${size}-`));
    try {
      const library = await writeLibrary(dir, syntheticLibrary(sources, size));
      log(`\n${size.toLocaleString('en-US')} articles: ${library.files} CSV files, ${(library.bytes / 1024 / 1024).toFixed(1)} MB in ${dir}; building the store…`);
      const build = await child<BuildResult>(['build', dir]);
      for (let run = 0; run < runs; run++) {
        log(`ingest ${run + 1} of ${runs}…`);
        rows.push({ size, build, ingest: await child<IngestResult>(['ingest', dir, ...(values['live-heap'] ? ['--live-heap'] : [])], { BYLINE_DATABASE_URL: postgres.url }) });
      }
    } catch (error) {
      failed = true;
      log(`${size} articles failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (values.keep) log(`kept ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    }
  }
} finally {
  await postgres.stop();
}

const lines = [
  '| articles | sentences | quotes | store | ingest | peak RSS | heap peak | live heap after a batch | load average |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(({ size, build, ingest }) =>
    `| ${size.toLocaleString('en-US')} | ${ingest.sentences.toLocaleString('en-US')} | ${ingest.quotes.toLocaleString('en-US')} | ${build.storeMb.toFixed(0)} MB | ${(ingest.ms / 1000).toFixed(1)} s | ${ingest.rssPeakMb.toFixed(0)} MB | ${ingest.heapPeakMb.toFixed(0)} MB | ${ingest.heapLiveMb === undefined ? '—' : `${ingest.heapLiveMb.toFixed(0)} MB`} | ${ingest.loadAverage.toFixed(1)} |`,
  ),
];
process.stdout.write(`\n${lines.join('\n')}\n`);
if (failed) process.exitCode = 1;
