/**
 * `npm run overload -- [--count 1000] [--seconds 2] [--size 1000] [--profile DIR]`: byline over the gateway
 * under a burst (issue #10: "1,000 interactions in 2 s at 1,000 articles: every interaction gets its first
 * response within 3 s"). Not part of `npm test`; needs ../shared/corpus for the library; Linux (it reads
 * /proc for CPU and memory).
 *
 * One byline process, started as `npm run dev` starts it (`src/main.ts`, a bot token, the real discord.js
 * client), logs in to the loopback fake of Discord (tests/e2e/fake-discord.ts), which then dispatches
 * `count` interactions over its gateway in `seconds` — slash commands and autocomplete from the
 * benchmark's query sample, in the load test's mix — and times each interaction's first response (its
 * callback as the fake receives it, so a response waiting in discord.js's REST queue counts as late) and
 * its final answer (the edit of a deferred one). The fake refuses a first response later than 3 s (10062),
 * as Discord does. It stops by itself, prints a Markdown report, and exits 1 when any interaction had no
 * first response within 3 s or any error occurred.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sampleQueries } from '../bench/queries.ts';
import { MIX, completionOf, firstResponseOf, mixSender, responseTimes, settled } from './mix.ts';
import { FakeDiscord, type RecordedRequest } from '../e2e/fake-discord.ts';
import { cpuSecondsOf, libraryWithStore, log, memoryOf, percentile, sleep, startLogged } from './processes.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '2' },
    size: { type: 'string', default: '1000' },
    // A V8 CPU profile of the byline process into this folder (read it with tests/bench/profile.ts).
    profile: { type: 'string' },
    // byline's log lines (JSON, one a line) written to this file.
    log: { type: 'string' },
  },
});
const count = Number(values.count);
const seconds = Number(values.seconds);
const size = Number(values.size);
const WINDOW_MS = 3000;

const { dir, articles } = await libraryWithStore(size);
const serversDir = await mkdtemp(path.join(tmpdir(), 'byline-overload-servers-'));
const sample = sampleQueries(articles, 300);
// Discord's own heartbeat interval: the burst is measured, not heartbeats every second.
const fake = await FakeDiscord.start({ heartbeatIntervalMs: 41_250, responseWindowMs: WINDOW_MS });
const bot = startLogged(
  'src/main.ts',
  {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    BYLINE_SHARDS: '1',
    BYLINE_DATA_DIR: dir,
    BYLINE_SERVERS_DIR: serversDir,
    BYLINE_TRANSPORT: 'gateway',
    BYLINE_HTTP_PORT: '',
    LOG_LEVEL: 'info',
  },
  { echo: (line) => line.level >= 50, nodeArgs: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [] },
);

let exitCode = 0;
try {
  await bot.waitFor((line) => line.msg === 'connected to Discord', { timeoutMs: 300_000 });
  log('byline connected to the fake Discord; letting it warm for 5 s…');
  await sleep(5000);

  const calls = new Map<string, RecordedRequest[]>();
  fake.on('request', (request: RecordedRequest) => {
    if (request.interactionId) calls.set(request.interactionId, [...(calls.get(request.interactionId) ?? []), request]);
  });
  const callsOf = (id: string): readonly RecordedRequest[] => calls.get(id) ?? [];
  const first = (id: string) => firstResponseOf(callsOf(id));

  const { sent, send } = mixSender(fake, sample);
  const pid = bot.child.pid!;
  const cpuBefore = cpuSecondsOf(pid) ?? 0;
  const linesBefore = bot.lines.length;
  log(`dispatching ${count} interactions over the gateway in ${seconds} s…`);
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    const due = Math.min(count, Math.floor((elapsed * count) / (seconds * 1000)) + 1);
    while (sent.length < due) send(sent.length);
    if (sent.length >= count) break;
    await sleep(2);
  }
  const sendingS = (performance.now() - started) / 1000;
  log(`dispatched ${sent.length} in ${sendingS.toFixed(2)} s; waiting for the answers…`);
  // Every first response is due within 3 s; a deferred one's edit may come later (at most 30 s here).
  for (let waited = 0; waited < 30_000; waited += 200) {
    const pending = sent.filter(({ id }) => {
      const response = first(id);
      return (!response && performance.now() - started < (seconds + 4) * 1000) || (response !== undefined && !settled(callsOf(id)));
    });
    if (pending.length === 0) break;
    await sleep(200);
  }
  const totalS = (performance.now() - started) / 1000;
  const cpuS = (cpuSecondsOf(pid) ?? cpuBefore) - cpuBefore;
  const load = loadavg();
  const memory = memoryOf(pid);

  // ---- figures ----
  const ms = (n: number) => (!Number.isFinite(n) ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const rows: string[] = [];
  const line = (label: string, ids: typeof sent) => {
    const { responses, firstMs, finalMs, failed } = responseTimes(ids, callsOf);
    const inTime = responses.filter((r) => r?.status === 204).length;
    const missing = responses.filter((r) => !r).length;
    const refused = responses.filter((r) => r && r.status !== 204).length;
    const deferrals = responses.filter((r) => r?.body?.type === 5).length;
    const failedEdits = ids.filter(({ id }, i) => responses[i]?.body?.type === 5 && responses[i]?.status === 204 && completionOf(callsOf(id))?.status !== 200).length;
    rows.push(
      `| ${label} | ${ids.length} | ${inTime} | ${ms(percentile(firstMs, 50))} | ${ms(percentile(firstMs, 99))} | ${ms(firstMs.at(-1) ?? NaN)} | ${deferrals} | ` +
        `${ms(percentile(finalMs, 50))} | ${ms(percentile(finalMs, 99))} | ${ms(finalMs.at(-1) ?? NaN)} | ${missing} | ${refused} | ${failedEdits} | ${failed} |`,
    );
    return { inTime, errors: missing + refused + failedEdits + failed, deferrals };
  };
  for (const kind of [...new Set(MIX)]) line(kind, sent.filter((s) => s.kind === kind));
  const all = line('**all**', sent);

  const lines = bot.lines.slice(linesBefore);
  const outcomes = new Map<string, number>();
  const bylineMs: number[] = [];
  for (const entry of lines) {
    if (entry.msg === 'answered' || entry.msg === 'autocomplete answered') bylineMs.push(entry.ms);
    if (typeof entry.level === 'number' && (entry.level >= 40 || entry.msg === 'answered' || entry.msg === 'autocomplete answered')) {
      const key = entry.msg === 'answered' ? `answered${entry.deferred ? ' (deferred)' : ''}${entry.reply === 'busy' ? ' busy' : ''}` : entry.msg;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
  }
  bylineMs.sort((a, b) => a - b);
  const report = [
    `Overload: one byline process over the gateway (the real discord.js client, the loopback fake of Discord), ${size.toLocaleString('en-US')} articles, ` +
      `${sent.length} interactions dispatched in ${sendingS.toFixed(2)} s; 1-minute load average after: ${load[0]!.toFixed(2)} (5-minute ${load[1]!.toFixed(2)}).`,
    '',
    '| interactions | sent | first response within 3 s | first p50 (ms) | first p99 | first max | deferred | final p50 | final p99 | final max | no response | refused | failed edits | failure message |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `byline's own time per interaction (from the interaction read to its answer sent, as logged): p50 ${ms(percentile(bylineMs, 50))} ms, ` +
      `p99 ${ms(percentile(bylineMs, 99))} ms, max ${ms(bylineMs.at(-1) ?? NaN)} ms.`,
    `byline's CPU from the first dispatch to the last answer (${totalS.toFixed(1)} s): ${cpuS.toFixed(2)} s, ${((cpuS * 1000) / sent.length).toFixed(1)} ms per interaction; ` +
      `memory after ${memory?.rssMb.toFixed(0)} MB (peak ${memory?.peakMb.toFixed(0)} MB).`,
    `Logged: ${[...outcomes].map(([message, n]) => `${n} × "${message}"`).join(', ') || 'nothing'}.`,
  ].join('\n');
  process.stdout.write(`${report}\n`);
  if (values.log) await writeFile(values.log, lines.map((entry) => JSON.stringify(entry)).join('\n') + '\n');
  log(JSON.stringify({ sent: sent.length, inTime: all.inTime, errors: all.errors, deferred: all.deferrals, cpuMsPerInteraction: (cpuS * 1000) / sent.length, load: load[0] }));
  if (all.inTime < sent.length || all.errors > 0) exitCode = 1;
} finally {
  bot.child.kill('SIGTERM');
  await Promise.race([bot.exit, sleep(25_000)]);
  if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await fake.close();
  await rm(dir, { recursive: true, force: true });
  await rm(serversDir, { recursive: true, force: true });
}
process.exit(exitCode);
