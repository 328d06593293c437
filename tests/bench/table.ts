/**
 * The benchmark's report: Markdown tables (pasteable into the README) and the targets set in issue #4,
 * each marked ✓ or ✗.
 */
import { cpus } from 'node:os';
import type { KindResult, SizeResult } from './results.ts';
import type { Latency } from './stats.ts';

/** The library size the first targets were set for (issue #4). */
export const TARGET_SIZE = 10_000;

export interface Target {
  name: string;
  limit: number;
  unit: 'ms' | 's' | 'MB';
  measured: number;
  met: boolean;
}

/** What a size's targets limit: p99 per kind of query, start-up from the store, peak RSS, and the first build. */
interface TargetSet {
  latency: Record<string, number>;
  startupMs: number;
  memoryMb: number;
  /** Whether the peak memory judged is the cold build's or serving's, whichever is higher, or serving's alone. */
  memoryOf: 'cold build or serving' | 'serving';
  buildMs?: number;
}

/** The targets by library size: issue #4's at 10,000 articles, issue #13's for the embedded library at 100,000. */
export const TARGETS: Readonly<Record<number, TargetSet>> = {
  10_000: {
    latency: { 'who-said': 30, 'what-happened': 30, 'autocomplete quote': 10, 'autocomplete topic': 10 },
    startupMs: 2000,
    memoryMb: 1024,
    memoryOf: 'cold build or serving',
  },
  100_000: {
    latency: { 'who-said': 50, 'what-happened': 100, 'autocomplete quote': 15, 'autocomplete topic': 15 },
    startupMs: 3000,
    memoryMb: 2048,
    memoryOf: 'serving',
    buildMs: 20 * 60_000,
  },
};

/** The targets, judged on one size's results (a size without targets of its own: those at 10,000). */
export function targets(result: SizeResult): Target[] {
  const set = TARGETS[result.size] ?? TARGETS[TARGET_SIZE]!;
  const list: Target[] = result.serve.kinds.map((kind) => {
    const limit = set.latency[kind.kind] ?? Number.POSITIVE_INFINITY;
    return { name: `${kind.kind} p99`, limit, unit: 'ms' as const, measured: kind.byline.p99, met: kind.byline.p99 <= limit };
  });
  const startup = result.serve.startupMs;
  list.push({
    name: `start-up with the persisted index${result.serve.storeHit ? '' : ' (store NOT used)'}`,
    limit: set.startupMs / 1000,
    unit: 's',
    measured: startup / 1000,
    met: result.serve.storeHit && startup <= set.startupMs,
  });
  const peak = set.memoryOf === 'serving' ? result.serve.rssPeakMb : Math.max(result.build.rssPeakMb, result.serve.rssPeakMb);
  list.push({ name: `peak memory (RSS, ${set.memoryOf})`, limit: set.memoryMb, unit: 'MB', measured: peak, met: peak <= set.memoryMb });
  if (set.buildMs !== undefined) {
    list.push({ name: 'first build (cold)', limit: set.buildMs / 1000, unit: 's', measured: result.build.totalMs / 1000, met: result.build.totalMs <= set.buildMs });
  }
  return list;
}

/** The sizes whose targets a run is judged on: those run that have targets of their own. */
export function judgedSizes(results: readonly SizeResult[]): SizeResult[] {
  return results.filter((result) => TARGETS[result.size] !== undefined);
}

/** The whole report as Markdown. */
export function markdownReport(results: readonly SizeResult[], baselineNotes: readonly string[]): string {
  const lines: string[] = [];
  lines.push('### Build and start-up', '');
  lines.push(
    row(['articles', 'sentences', 'quotes', 'data', 'cold build', 'articles/s', 'read + parse', 'understand (of which split)', 'index', 'save (store size)', 'load the store', 'start-up, persisted', 'of which read + hash', 'module load', 'peak RSS build / serve', 'heap live / peak']),
    row(Array(16).fill('---:')),
  );
  for (const { size, build, serve } of results) {
    const st = build.stages;
    lines.push(
      row([
        count(size),
        count(build.sentences),
        count(build.quotes),
        `${build.dataMb.toFixed(1)} MB`,
        build.inWorker ? `${seconds(build.totalMs)} (worker)` : seconds(build.totalMs),
        count(Math.round(build.articles / (build.totalMs / 1000))),
        seconds(st.read + st.parse),
        `${seconds(st.understand)} (${seconds(st.splitOnly)})`,
        seconds(st.index),
        `${seconds(st.save)} (${build.storeMb.toFixed(0)} MB)`,
        seconds(st.load),
        serve.storeHit ? seconds(serve.startupMs) : `${seconds(serve.startupMs)} ✗ rebuilt`,
        seconds(serve.startupStages.readHash),
        seconds(serve.moduleLoadMs),
        `${build.rssPeakMb.toFixed(0)} / ${serve.rssPeakMb.toFixed(0)} MB`,
        `${serve.heapLiveMb.toFixed(0)} / ${Math.max(serve.heapPeakMb, build.heapPeakMb).toFixed(0)} MB`,
      ]),
    );
  }

  const baselineNames = [...new Set(results.flatMap((r) => r.baselines?.info.map((b) => b.name) ?? []))];
  lines.push('', '### Latency through the command code (ms; baselines as ratio to byline)', '');
  lines.push(
    row(['articles', 'query', 'byline p50', 'byline p99', 'max', 'queries', 'answered', ...baselineNames.map((n) => `${n} p50 / p99 (× byline)`)]),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---:', ...baselineNames.map(() => '---:')]),
  );
  for (const { size, serve, baselines } of results) {
    for (const kind of serve.kinds) {
      lines.push(
        row([
          count(size),
          kind.kind,
          ms(kind.byline.p50),
          ms(kind.byline.p99),
          ms(kind.byline.max),
          count(kind.byline.count),
          `${(kind.answered * 100).toFixed(0)} %${kind.notices ? ` (${kind.notices} notice${kind.notices === 1 ? '' : 's'})` : ''}`,
          ...baselineNames.map((name) => baselineCell(kind, baselines?.latency[kind.kind]?.[name])),
        ]),
      );
    }
  }
  lines.push('', ...baselineNotes.map((note) => `- ${note}`));
  const loads = results.map((r) => `${count(r.size)}: ${r.serve.loadAverage.toFixed(1)}`).join(', ');
  lines.push(`- Wall times on a machine with ${cpus().length} CPUs; its 1-minute load average after the queries, per size: ${loads}.`);

  const judged = judgedSizes(results);
  const last = results[results.length - 1];
  if (judged.length === 0 && last) judged.push(last);
  for (const result of judged) {
    const note = TARGETS[result.size] ? '' : ` (set for ${count(TARGET_SIZE)}; shown for the largest size run)`;
    lines.push('', `### Targets at ${count(result.size)} articles${note}`, '');
    lines.push(row(['target', 'limit', 'measured', '']), row(['---', '---:', '---:', ':---:']));
    for (const t of targets(result)) {
      lines.push(row([t.name, `≤ ${limitText(t.limit, t.unit)}`, limitText(t.measured, t.unit), t.met ? '✓' : '✗']));
    }
  }
  return `${lines.join('\n')}\n`;
}

function baselineCell(kind: KindResult, latency: Latency | undefined): string {
  if (!latency) return '–';
  const ratio = (x: number, y: number) => (y > 0 ? `${(x / y).toFixed(x / y < 0.1 ? 3 : 2)}×` : '–');
  const partial = latency.count < kind.byline.count ? ` [${latency.count} queries]` : '';
  return `${ms(latency.p50)} / ${ms(latency.p99)} (${ratio(latency.p50, kind.byline.p50)} / ${ratio(latency.p99, kind.byline.p99)})${partial}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function seconds(milliseconds: number): string {
  return milliseconds >= 10_000 ? `${(milliseconds / 1000).toFixed(0)} s` : `${(milliseconds / 1000).toFixed(2)} s`;
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function limitText(value: number, unit: Target['unit']): string {
  if (unit === 'ms') return `${ms(value)} ms`;
  if (unit === 's') return `${value.toFixed(2)} s`;
  return `${value.toFixed(0)} MB`;
}
