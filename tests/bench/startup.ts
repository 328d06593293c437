/**
 * Start-up of byline as a process, the way it is started: the compiled build (`node dist/src/main.js`, what
 * `npm start` runs) against the sources through tsx (`node --import tsx src/main.ts`, `npm run dev`), on
 * benchmark libraries whose store is already built (the start-up every restart pays).
 *
 *   npm run build && npx tsx tests/bench/startup.ts [--sizes 1000,10000] [--rounds 3] [--also ENTRY.js]
 *
 * Each round starts both, one after the other (the order alternating), as the local console with its input
 * held open: start-up is the wall time from spawning the process to its "library loaded" line (module
 * loading included), then, once the library is warmed (its text read), the process's peak and current
 * RSS (VmHWM and VmRSS in /proc/<pid>/status). `--also` adds another entry point to compare (a bundle, say),
 * started as `node ENTRY.js`. Not part of `npm test`; needs ../shared/corpus.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, readSourceArticles, syntheticLibrary, writeLibrary } from './articles.ts';

interface Run {
  startMs: number;
  warmMs: number;
  peakRssMb: number;
  rssMb: number;
}

const COMMANDS: Record<string, string[]> = {
  'node dist/src/main.js': ['dist/src/main.js'],
  'node --import tsx src/main.ts': ['--import', 'tsx', 'src/main.ts'],
};

/** Starts byline on `dir`, waits until the library is warmed, measures, and stops it. */
async function startOnce(args: string[], dir: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [...args, '--data', dir], {
    cwd: ROOT,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, DISCORD_TOKEN: '', LOG_LEVEL: 'debug' },
  });
  let loadedAt = 0;
  let buffered = '';
  const result = await new Promise<Run>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "library warmed" within 300 s: ${buffered.slice(-500)}`)), 300_000);
    child.once('exit', (code) => reject(new Error(`byline exited (${code}) before it was warmed: ${buffered.slice(-500)}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (!loadedAt && buffered.includes('"msg":"library loaded"')) loadedAt = performance.now();
      if (loadedAt && buffered.includes('"msg":"library warmed"')) {
        clearTimeout(timer);
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
        resolve({ startMs: loadedAt - started, warmMs: performance.now() - started, peakRssMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 });
      }
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin!.end();
  await exited;
  if (buffered.includes('"msg":"built the index"')) throw new Error('the store was rebuilt: the two commands disagree on its key');
  return result;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '1000,10000' }, rounds: { type: 'string', default: '3' }, also: { type: 'string', multiple: true } },
  });
  for (const entry of values.also ?? []) COMMANDS[`node ${entry}`] = [entry];
  const sizes = values.sizes!.split(',').map(Number);
  const rounds = Number(values.rounds);
  if (!existsSync(path.join(ROOT, 'dist/src/main.js'))) throw new Error('run "npm run build" first');
  const sources = await readSourceArticles();
  const rows: string[] = [];
  for (const size of sizes) {
    const dir = await mkdtemp(path.join(tmpdir(), `byline-startup-${size}-`));
    try {
      await writeLibrary(dir, syntheticLibrary(sources, size));
      process.stderr.write(`  [${size}] building the store…\n`);
      await startOnce(COMMANDS['node dist/src/main.js']!, dir).catch(async () => startOnce(COMMANDS['node dist/src/main.js']!, dir));
      const runs: Record<string, Run[]> = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, []]));
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? Object.keys(COMMANDS) : Object.keys(COMMANDS).reverse();
        for (const name of order) {
          const run = await startOnce(COMMANDS[name]!, dir);
          runs[name]!.push(run);
          process.stderr.write(`  [${size}] ${name}: start-up ${(run.startMs / 1000).toFixed(2)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB\n`);
        }
      }
      for (const [name, list] of Object.entries(runs)) {
        const range = (pick: (r: Run) => number, scale: number, digits: number) =>
          `${(median(list.map(pick)) / scale).toFixed(digits)} (${list.map((r) => (pick(r) / scale).toFixed(digits)).join(' / ')})`;
        rows.push(
          `| ${size.toLocaleString('en-US')} | \`${name}\` | ${range((r) => r.startMs, 1000, 2)} s | ${range((r) => r.warmMs, 1000, 2)} s | ${range((r) => r.peakRssMb, 1, 0)} MB | ${range((r) => r.rssMb, 1, 0)} MB |`,
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(
    [
      '| articles | command | start-up to "library loaded", median (each run) | warmed | peak RSS | RSS warmed |',
      '| ---: | --- | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `1-minute load average at the end: ${loadavg()[0]!.toFixed(1)} on a machine of 2 CPUs.`,
      '',
    ].join('\n'),
  );
}

await main();
