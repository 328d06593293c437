/**
 * Summarises a V8 CPU profile (`npm run bench -- --cpu-prof DIR` writes one per child process): where the
 * time goes, by function, as self time (spent in the function's own code) and total time (with what it
 * calls), the latter limited to byline's own code so the stages of the engine stand out.
 *
 *   tsx tests/bench/profile.ts FILE.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self and total milliseconds per function (named by function, file and line). */
export function summariseProfile(profile: CpuProfile): { self: Map<string, number>; total: Map<string, number>; ms: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let ms = 0;
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id);
    // The profiler's own work (the inspector session starting and stopping it) is not the benchmark's.
    if (!leaf || (leaf.callFrame.functionName === 'dispatch' && !leaf.callFrame.url)) return;
    ms += delta;
    add(self, frameName(leaf), delta);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = frameName(byId.get(at)!);
      if (!seen.has(name)) {
        seen.add(name);
        add(total, name, delta);
      }
    }
  });
  return { self, total, ms };
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const project = /\/((?:src|commands|tests)\/.*)$/.exec(url);
  const file = url.includes('/node_modules/')
    ? url.slice(url.lastIndexOf('/node_modules/') + 14)
    : project
      ? project[1]!
      : url;
  // Line numbers are those of the code tsx compiled, often 0: only a real one is shown.
  return `${functionName || '(anonymous)'} ${file}${file && lineNumber > 0 ? `:${lineNumber + 1}` : ''}`.trim();
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function top(map: Map<string, number>, count: number, keep: (name: string) => boolean, ms: number): string {
  return [...map]
    .filter(([name]) => keep(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, t]) => `${t.toFixed(0).padStart(8)} ms ${((100 * t) / ms).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('usage: profile.ts FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  const count = Number(values.top);
  const { self, total, ms } = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const ours = (name: string) => / (src|commands)\//.test(name);
  process.stdout.write(`${file}: ${ms.toFixed(0)} ms sampled\n\nself time, every function:\n${top(self, count, () => true, ms)}\n`);
  process.stdout.write(`\ntotal time (with callees), byline's code:\n${top(total, count, ours, ms)}\n`);
}
