/**
 * Helpers of the scale scripts (not part of `npm test`): a library of N synthetic articles with its store
 * built, byline processes whose JSON log lines can be waited for, and their memory as Linux reports it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSourceArticles, ROOT, syntheticLibrary, writeLibrary } from '../bench/articles.ts';
import type { ArticleText } from '../../src/model.ts';
import { exitOf, freePort, jsonLinesOf } from '../child-process.ts';

export { freePort };

export { ROOT };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const log = (message: string) => process.stderr.write(`${message}\n`);


/**
 * Writes a synthetic library of `size` articles (the benchmark's: the seed, the Wikinews corpus from
 * ../shared, recombined) into a temporary folder and builds its persisted index once, with `ask`, so the
 * processes measured afterwards all start from the store.
 */
export async function libraryWithStore(size: number, existing?: string): Promise<{ dir: string; articles: ArticleText[]; buildMs: number }> {
  const articles = syntheticLibrary(await readSourceArticles(), size);
  // A folder kept from an earlier run (`--keep`) holds the same articles and, normally, their store.
  const dir = existing ?? (await mkdtemp(path.join(tmpdir(), `byline-scale-${size}-`)));
  if (!existing) await writeLibrary(dir, articles);
  log(`${size.toLocaleString('en-US')} articles in ${dir}; building the store…`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--data', dir, '--json', 'articles'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`building the store exited with ${code}`);
  const buildMs = performance.now() - started;
  log(`store built in ${(buildMs / 1000).toFixed(1)} s`);
  return { dir, articles, buildMs };
}

/** A running process whose stderr is byline's JSON log (several processes' when they share it). */
export interface Logged {
  child: ChildProcess;
  lines: any[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once `count` log lines match (rejects after `timeoutMs` or if the process ends first). */
  waitFor(match: (line: any) => boolean, options?: { count?: number; timeoutMs?: number }): Promise<any[]>;
}

/**
 * Spawns `node --import tsx <script>` in the repository with `env` added, reading its JSON log lines;
 * `nodeArgs` are more node flags (e.g. `--cpu-prof`).
 */
export function startLogged(script: string, env: Record<string, string>, options: { echo?: (line: any) => boolean; nodeArgs?: string[] } = {}): Logged {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, ...env } });
  const lines = jsonLinesOf(child.stderr!, (line, text) => {
    if (options.echo?.(line)) log(`  | ${text.slice(0, 300)}`);
  });
  const exit = exitOf(child);
  let ended = false;
  void exit.then(() => (ended = true));
  return {
    child,
    lines,
    exit,
    async waitFor(match, { count = 1, timeoutMs = 600_000 } = {}) {
      for (let waited = 0; ; waited += 100) {
        const found = lines.filter(match);
        if (found.length >= count) return found;
        if (ended) throw new Error(`${script} ended before ${count} matching log lines: ${JSON.stringify(lines.slice(-5))}`);
        if (waited > timeoutMs) throw new Error(`${script}: no ${count} matching log lines within ${timeoutMs} ms`);
        await sleep(100);
      }
    },
  };
}

/** Resident memory of a process now and at its peak (VmRSS, VmHWM), in MB; null once it is gone. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far (Linux); null once it is gone. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    // The fields after the command name (which may hold spaces) in /proc/PID/stat: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The pids of a process's children (Linux). */
export function childrenOf(pid: number): number[] {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return tasks === '' ? [] : tasks.split(/\s+/).map(Number);
  } catch {
    return [];
  }
}

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
