/**
 * CPU time per query, and the answers themselves: for measuring a change to the query code without the
 * wall-clock noise of a shared machine, and for showing that it changes no answer.
 *
 *   tsx tests/bench/cpu.ts <dir> [--queries 300] [--rounds 3] [--answers FILE] [--profile DIR] [--kinds who-said,…]
 *
 * Loads the library of `<dir>` (a folder `npm run bench -- --keep` left, or one `size.ts build` built: the
 * store must be there), samples the benchmark's queries (tests/bench/queries.ts, the same seeds as
 * `size.ts serve`), warms up on the other sample, then asks every query of each kind `--rounds` times
 * through the command code, as `size.ts serve` does. For each kind and round it prints the process's CPU
 * time (user + system, every thread: the garbage collector's helpers too) per query, and the wall time;
 * the first round is the benchmark's case (each query once), later ones have the caches of derived data
 * (words of sentences and quotes, the gate's best documents) warm, as a bot answering the same library
 * does; the least of the later rounds is given too (another process's load only ever adds to a round). `--answers FILE` writes every answer of the first round as one JSON line (without `ms`), so two
 * versions of the code can be compared with `cmp`. `--profile DIR` writes a V8 CPU profile of each kind's
 * rounds (summarise with tests/bench/profile.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { findSourceMap } from 'node:module';
import path from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { AutocompleteContext, Command, CommandOptions } from '../../commands/index.ts';
import { findCommand, runCommand } from '../../commands/index.ts';
import { loadLibrary } from '../../src/load/open.ts';
import { profiled } from './profiler.ts';
import { sampleQueries } from './queries.ts';
import { summarize } from './stats.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    queries: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '3' },
    answers: { type: 'string' },
    profile: { type: 'string' },
    kinds: { type: 'string' },
  },
});
const dir = positionals[0];
if (!dir) {
  process.stderr.write('usage: tsx tests/bench/cpu.ts <dir> [--queries N] [--rounds N] [--answers FILE] [--profile DIR] [--kinds a,b]\n');
  process.exit(2);
}

const library = await loadLibrary(dir);
await library.warm();
const engine = library;
const sample = sampleQueries(library.collection, Number(values.queries));
const warm = sampleQueries(library.collection, 20, 7);

function optionsOf(values: Record<string, string>): CommandOptions {
  return {
    getString: (name) => values[name] ?? null,
    getBoolean: () => null,
    getInteger: () => null,
  };
}

const whoSaid = findCommand('who-said')!;
const whatHappened = findCommand('what-happened')!;
/** The answer as JSON, without the time it took. */
const execute = async (command: Command, option: string, query: string) => {
  const reply = await runCommand(command, { engine, options: optionsOf({ [option]: query }) });
  return JSON.stringify(reply, (key, value: unknown) => (key === 'ms' ? undefined : value));
};
const complete = async (command: Command, option: string, query: string) => {
  const context: AutocompleteContext = { engine, options: optionsOf({ [option]: query }), focused: { name: option, value: query } };
  return JSON.stringify(await command.autocomplete!(context));
};

const workloads = [
  { kind: 'who-said', queries: sample.quotes, warm: warm.quotes, run: (q: string) => execute(whoSaid, 'quote', q) },
  { kind: 'what-happened', queries: sample.topics, warm: warm.topics, run: (q: string) => execute(whatHappened, 'topic', q) },
  { kind: 'autocomplete-quote', queries: sample.quotePrefixes, warm: warm.quotePrefixes, run: (q: string) => complete(whoSaid, 'quote', q) },
  { kind: 'autocomplete-topic', queries: sample.topicPrefixes, warm: warm.topicPrefixes, run: (q: string) => complete(whatHappened, 'topic', q) },
].filter((w) => !values.kinds || values.kinds.split(',').includes(w.kind));

for (const workload of workloads) for (const query of workload.warm) await workload.run(query);

const rounds = Number(values.rounds);
const answers: string[] = [];
for (const workload of workloads) {
  const perRound: { cpu: number; wall: number }[] = [];
  /** Wall time of each query of the first round (the benchmark's latencies, as noisy as the machine is). */
  const firstRound: number[] = [];
  await profiled(values.profile ?? null, workload.kind, async () => {
    for (let round = 0; round < rounds; round++) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (const query of workload.queries) {
        const began = performance.now();
        const answer = await workload.run(query);
        if (round === 0) {
          answers.push(`${workload.kind}\t${query}\t${answer}`);
          firstRound.push(performance.now() - began);
        }
      }
      const used = process.cpuUsage(cpu);
      const wall = performance.now() - start;
      const n = workload.queries.length;
      perRound.push({ cpu: (used.user + used.system) / 1000 / n, wall: wall / n });
    }
  });
  const latency = summarize(firstRound);
  // The least of the later rounds: on a shared machine another process's load only ever adds to a round.
  const warmBest = perRound.slice(1).sort((x, y) => x.cpu - y.cpu)[0];
  const shown = (r: { cpu: number; wall: number }) => `${r.cpu.toFixed(3)} (wall ${r.wall.toFixed(3)})`;
  process.stdout.write(
    `${workload.kind.padEnd(20)} CPU ms/query: first round ${shown(perRound[0]!)}${warmBest ? `, best later round ${shown(warmBest)}` : ''}; every round ${perRound.map((r) => r.cpu.toFixed(2)).join(' ')}; first round wall p50 ${latency.p50.toFixed(2)} p99 ${latency.p99.toFixed(2)} max ${latency.max.toFixed(1)}\n`,
  );
}
process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
// The profiles name the line of each function in the TypeScript source (tsx compiles a module to one line):
// with --enable-source-maps, Node keeps the maps tsx inlines.
if (values.profile) {
  for (const workload of workloads) {
    const file = path.join(values.profile, `${workload.kind}.cpuprofile`);
    const profile = JSON.parse(await readFile(file, 'utf8')) as { nodes: { callFrame: { url: string; lineNumber: number; columnNumber: number } }[] };
    for (const { callFrame } of profile.nodes) {
      const map = callFrame.url.startsWith('file:') ? findSourceMap(callFrame.url) : undefined;
      const entry = map?.findEntry(callFrame.lineNumber, callFrame.columnNumber) as { originalLine?: number; originalColumn?: number } | undefined;
      if (entry?.originalLine !== undefined) {
        callFrame.lineNumber = entry.originalLine;
        callFrame.columnNumber = entry.originalColumn ?? 0;
      }
    }
    await writeFile(file, JSON.stringify(profile));
  }
}
if (values.answers) await writeFile(values.answers, `${answers.join('\n')}\n`);
