/**
 * `npm run bench:shards -- [--size 10000] [--queries 60] [--only manager,main] [--keep] [--dir DIR]`: the memory of gateway sharding's choices, on one
 * library (not part of `npm test`; needs ../shared/corpus). Against the loopback fake of Discord
 * recommending two shards, byline runs both shards
 *
 * - as two processes under discord.js's ShardingManager (each with its own copy of the library),
 * - in one process (`BYLINE_SHARDS=auto`: both shards from one library, their sockets on the main thread),
 *
 * (a third choice, one process with one @discordjs/ws worker thread per shard, was measured at commit
 * 842ba93 with `BYLINE_SHARDS_PER_WORKER=1`, and set aside: see the README, "Running byline at scale"),
 *
 * each from the same persisted index; resident memory (all processes summed) is read once every shard is
 * ready and the library warmed, then after `queries` commands of each kind spread over both shards' guilds,
 * with the peak. Prints a Markdown table on stdout.
 */
import { parseArgs } from 'node:util';
import { rm } from 'node:fs/promises';
import { FakeDiscord } from '../e2e/fake-discord.ts';
import { sampleQueries } from '../bench/queries.ts';
import { childrenOf, libraryWithStore, log, memoryOf, sleep, startLogged, type Logged } from './processes.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '60' },
    keep: { type: 'boolean', default: false },
    /** Only the variants whose name contains one of these words (comma-separated). */
    only: { type: 'string' },
    /** A library folder kept by an earlier run of the same size (`--keep`), with its store. */
    dir: { type: 'string' },
  },
});
const size = Number(values.size);
const perKind = Number(values.queries);

interface Variant {
  name: string;
  script: string;
  env: Record<string, string>;
  /** byline processes expected (for their log lines). */
  processes: number;
}

const variants: Variant[] = [
  { name: 'ShardingManager: 2 processes, 1 shard each', script: 'tests/scale/shard-manager.ts', env: { SHARD_TOTAL: '2' }, processes: 2 },
  { name: '1 process, both shards on the main thread', script: 'src/main.ts', env: { BYLINE_SHARDS: 'auto' }, processes: 1 },
];

/** Every pid of a started variant: the process itself and its descendants. */
function pidsOf(started: Logged): number[] {
  const root = started.child.pid!;
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i]!));
  return all;
}

function memory(pids: number[]) {
  const each = pids.map((pid) => ({ pid, ...memoryOf(pid) }));
  const sum = (key: 'rssMb' | 'peakMb') => each.reduce((total, m) => total + (m[key] ?? 0), 0);
  return { rssMb: sum('rssMb'), peakMb: sum('peakMb'), each };
}

const chosen = values.only ? variants.filter((v) => values.only!.split(',').some((word) => v.name.toLowerCase().includes(word.toLowerCase()))) : variants;
const { dir, articles } = await libraryWithStore(size, values.dir);
const sample = sampleQueries(articles, perKind);
const results: { name: string; processes: number; readyMb: number; servingMb: number; peakMb: number; startS: number; answered: number; asked: number; outcomes: string }[] = [];
try {
  for (const variant of chosen) {
    const fake = await FakeDiscord.start({ shards: 2, maxConcurrency: 2, heartbeatIntervalMs: 41_250 });
    log(`\n${variant.name}`);
    const started = performance.now();
    const run = startLogged(
      variant.script,
      { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, BYLINE_DATA_DIR: dir, LOG_LEVEL: 'debug', BYLINE_HTTP_PORT: '', ...variant.env },
      { echo: (line) => line.level >= 40 || line.msg === 'connected to Discord' || line.manager },
    );
    try {
      await run.waitFor((line) => line.msg === 'connected to Discord', { count: variant.processes });
      await run.waitFor((line) => line.msg === 'library warmed', { count: variant.processes });
      const startS = (performance.now() - started) / 1000;
      await sleep(3000);
      const pids = pidsOf(run);
      const ready = memory(pids);
      log(`  ready in ${startS.toFixed(1)} s: ${ready.rssMb.toFixed(0)} MB over ${pids.length} processes`);
      const ids: string[] = [];
      const guilds = [fake.guildId, fake.otherGuildId];
      for (let i = 0; i < perKind; i++) {
        ids.push(fake.sendCommand('who-said', { quote: sample.quotes[i]! }, 0, guilds[i % 2]));
        ids.push(fake.sendCommand('what-happened', { topic: sample.topics[i]! }, 0, guilds[(i + 1) % 2]));
        await sleep(50);
      }
      for (let waited = 0; ids.some((id) => fake.callsFor(id).length === 0) && waited < 60_000; waited += 200) await sleep(200);
      await sleep(2000);
      const answered = ids.filter((id) => fake.callsFor(id).some((call) => call.status < 300)).length;
      // What Discord made of each first response: 204 accepted, 404 too late (over 3 s), none at all.
      const outcomes = new Map<string, number>();
      for (const id of ids) {
        const call = fake.callsFor(id)[0];
        const key = call ? `${call.status} after ${call.msAfterInteraction! > 3000 ? 'over' : 'under'} 3 s` : 'no response';
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
      log(`  first responses: ${[...outcomes].map(([key, count]) => `${key}: ${count}`).join(', ')}`);
      const serving = memory(pids);
      log(`  after ${ids.length} commands (${answered} answered): ${serving.rssMb.toFixed(0)} MB, peak ${serving.peakMb.toFixed(0)} MB`);
      for (const each of serving.each) log(`    pid ${each.pid}: ${each.rssMb?.toFixed(0)} MB (peak ${each.peakMb?.toFixed(0)} MB)`);
      results.push({
        name: variant.name,
        processes: pids.length,
        readyMb: ready.rssMb,
        servingMb: serving.rssMb,
        peakMb: serving.peakMb,
        startS,
        answered,
        asked: ids.length,
        outcomes: [...outcomes].map(([key, count]) => `${count} ${key}`).join(', '),
      });
    } finally {
      for (const pid of pidsOf(run).reverse()) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await Promise.race([run.exit, sleep(15_000)]);
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await fake.close();
    }
  }
} finally {
  if (values.keep || values.dir) log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}

const mb = (n: number) => `${n.toFixed(0)} MB`;
process.stdout.write(
  [
    `| ${size.toLocaleString('en-US')} articles, 2 shards | processes | ready, warmed | after ${perKind * 2} commands | peak (sum of each process's) | start to ready | answered |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.name} | ${r.processes} | ${mb(r.readyMb)} | ${mb(r.servingMb)} | ${mb(r.peakMb)} | ${r.startS.toFixed(1)} s | ${r.answered} / ${r.asked} |`),
  ].join('\n') + '\n',
);
