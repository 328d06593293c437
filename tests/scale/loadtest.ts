/**
 * `npm run loadtest -- [--rate 200] [--seconds 30] [--size 1000] [--processes 2] [--log FILE] [--keep] [--dir DIR]`:
 * the HTTP interactions endpoint under load, on loopback (not part of `npm test`; needs ../shared/corpus for
 * the library).
 *
 * Two byline processes (`BYLINE_TRANSPORT=http`) behind one load balancer (Node's cluster module,
 * tests/scale/cluster.ts) serve a library of 1,000 articles; the loopback fake of Discord posts signed
 * interactions to it at `rate` a second for `seconds` — slash commands and autocomplete from the
 * benchmark's query sample — and serves the webhook routes deferred answers are completed through. Every
 * interaction must get its first response within Discord's 3 s, and every deferred one its completion (the
 * edit of the deferral, or a notice's ephemeral follow-up: mix.ts); the report gives p50/p99/max of the
 * first response and of the deferred answers' completion, the final answer, deferrals, errors, each
 * process's share, CPU and memory, and the load average. It stops by itself, and exits 1 when any
 * interaction was not answered in time or a deferred answer was not completed.
 *
 * `--log FILE` writes byline's log lines (every process's, JSON) to FILE; `--keep` keeps the library folder
 * with its store, and `--dir DIR` starts from such a folder instead of writing and indexing a new one.
 */
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { sampleQueries } from '../bench/queries.ts';
import { MIX, completionOf, firstResponseOf, isDeferral, mixSender, responseTimes, settled } from './mix.ts';
import { FakeDiscord, generateInteractionKeys, type RecordedRequest } from '../e2e/fake-discord.ts';
import { childrenOf, cpuSecondsOf, freePort, libraryWithStore, log, memoryOf, percentile, sleep, startLogged } from './processes.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    size: { type: 'string', default: '1000' },
    processes: { type: 'string', default: '2' },
    /** byline's log lines (JSON, one a line, every process's) written to this file. */
    log: { type: 'string' },
    keep: { type: 'boolean', default: false },
    /** A library folder kept by an earlier run of the same size (`--keep`), with its store. */
    dir: { type: 'string' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const size = Number(values.size);
const processes = Number(values.processes);

const { dir, articles } = await libraryWithStore(size, values.dir);
const sample = sampleQueries(articles, 300);
const keys = generateInteractionKeys();
const fake = await FakeDiscord.start();
const port = await freePort();
const cluster = startLogged(
  'tests/scale/cluster.ts',
  {
    BYLINE_PROCESSES: String(processes),
    BYLINE_TRANSPORT: 'http',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    BYLINE_HTTP_PORT: String(port),
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_TOKEN: '',
    BYLINE_DATA_DIR: dir,
    LOG_LEVEL: 'info',
  },
  { echo: (line) => line.level >= 40 || line.cluster === true },
);

let exitCode = 0;
try {
  await cluster.waitFor((line) => line.msg === 'serving the HTTP interactions endpoint at /interactions', { count: processes, timeoutMs: 300_000 });
  log(`${processes} processes serving on port ${port}; letting them warm for 5 s…`);
  await sleep(5000);
  fake.deliverOverHttp(`http://127.0.0.1:${port}/interactions`, keys.privateKey);

  const { sent, send } = mixSender(fake, sample);
  log(`sending ${rate} signed interactions a second for ${seconds} s…`);
  // Where the CPU goes meanwhile: each byline process, the load balancer, and this process (Discord's side).
  const pids = [cluster.child.pid!, ...childrenOf(cluster.child.pid!)];
  const cpuBefore = new Map([...pids, process.pid].map((pid) => [pid, cpuSecondsOf(pid) ?? 0]));
  const loadBefore = loadavg()[0]!;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= seconds * 1000) break;
    const due = Math.min(Math.floor((elapsed * rate) / 1000) + 1, rate * seconds);
    while (sent.length < due) send(sent.length);
    await sleep(2);
  }
  const sendingS = (performance.now() - started) / 1000;
  lag.disable();
  const cpu = [...cpuBefore].map(([pid, before]) => ({ pid, seconds: (cpuSecondsOf(pid) ?? before) - before }));
  log(`sent ${sent.length} in ${sendingS.toFixed(1)} s; waiting for the answers…`);

  const calls = new Map<string, RecordedRequest[]>();
  const record = (request: RecordedRequest) => {
    if (request.interactionId) calls.set(request.interactionId, [...(calls.get(request.interactionId) ?? []), request]);
  };
  fake.on('request', record);
  for (const request of fake.requests) record(request);
  const callsOf = (id: string): readonly RecordedRequest[] => calls.get(id) ?? [];
  // Every first response is due within 3 s; a deferred one's completion (its edit, or a notice's follow-up) may come later.
  for (let waited = 0; waited < 20_000; waited += 200) {
    if (sent.every(({ id }) => settled(callsOf(id)))) break;
    await sleep(200);
  }
  const waitedS = (performance.now() - started) / 1000 - sendingS;
  const load = loadavg()[0]!;
  const memory = [cluster.child.pid!, ...childrenOf(cluster.child.pid!)].map((pid) => ({ pid, ...memoryOf(pid) }));
  if (values.log) await writeFile(values.log, `${cluster.lines.map((entry) => JSON.stringify(entry)).join('\n')}\n`);

  // ---- figures ----
  const rows: string[] = [];
  const ms = (n: number) => (!Number.isFinite(n) ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const line = (label: string, ids: typeof sent) => {
    const { responses, firstMs, finalMs, editMs, failedEdits, failed } = responseTimes(ids, callsOf);
    const inTime = responses.filter((r) => r?.status === 204 && r.endpointStatus === 200).length;
    const wrong = responses.filter((r) => !r || r.status !== 204 || r.endpointStatus !== 200).length;
    rows.push(
      `| ${label} | ${ids.length} | ${inTime} | ${ms(percentile(firstMs, 50))} | ${ms(percentile(firstMs, 99))} | ${ms(firstMs.at(-1) ?? NaN)} | ` +
        `${editMs.length} | ${editMs.length - failedEdits} | ${ms(percentile(editMs, 50))} | ${ms(percentile(editMs, 99))} | ${ms(editMs.at(-1) ?? NaN)} | ` +
        `${ms(percentile(finalMs, 50))} | ${ms(percentile(finalMs, 99))} | ${wrong + failedEdits + failed} |`,
    );
    return { inTime, errors: wrong + failedEdits + failed, deferrals: editMs.length, failedEdits };
  };
  for (const kind of [...new Set(MIX)]) line(kind, sent.filter((s) => s.kind === kind));
  const all = line('**all**', sent);
  const late = sent.length - all.inTime;

  // A deferred answer not completed: what Discord received for it, and what byline logged of it (the first few).
  const unconfirmed = sent.filter(({ id }) => isDeferral(firstResponseOf(callsOf(id))) && completionOf(callsOf(id))?.status !== 200);
  for (const { id, kind } of unconfirmed.slice(0, 10)) {
    const received = callsOf(id).map((call) => `${call.method} ${call.path.replace(/\/webhooks\/\d+\/[^/]+/, '/webhooks/…').replace(/\/interactions\/\d+\/[^/]+/, '/interactions/…')} ${call.status} at ${call.msAfterInteraction} ms`);
    const logged = cluster.lines.filter((entry) => entry.interactionId === id).map((entry) => `${entry.msg}${entry.ms === undefined ? '' : ` (${entry.ms} ms)`}`);
    log(`deferred ${kind} ${id} not completed: Discord received ${received.join(', ')}; byline logged ${logged.join(', ') || 'nothing'}`);
  }
  // How the deferred answers were completed: an edit, or (a notice after a public deferral) the deletion and a follow-up.
  const completedBy = new Map<string, number>();
  for (const { id } of sent) {
    if (!isDeferral(firstResponseOf(callsOf(id)))) continue;
    const how = callsOf(id).slice(1).map((call) => call.method).join(' + ') || 'nothing';
    completedBy.set(how, (completedBy.get(how) ?? 0) + 1);
  }

  const answeredBy = new Map<number, number>();
  const bylineMs: number[] = [];
  for (const entry of cluster.lines) {
    if (entry.msg !== 'answered' && entry.msg !== 'autocomplete answered') continue;
    answeredBy.set(entry.pid, (answeredBy.get(entry.pid) ?? 0) + 1);
    bylineMs.push(entry.ms);
  }
  bylineMs.sort((a, b) => a - b);
  const messages = new Map<string, number>();
  for (const entry of cluster.lines) if (typeof entry.level === 'number' && entry.level >= 40) messages.set(entry.msg, (messages.get(entry.msg) ?? 0) + 1);
  const name = (pid: number) => (pid === process.pid ? 'load generator and fake Discord' : pid === cluster.child.pid ? 'cluster primary' : `byline ${pid}`);
  // byline's CPU (its processes, not the primary nor the load generator) per interaction sent.
  const cpuMs = cpu.filter((c) => c.pid !== process.pid && c.pid !== cluster.child.pid).reduce((sum, c) => sum + c.seconds, 0) * 1000;
  const report = [
    `Load test: ${processes} byline processes (BYLINE_TRANSPORT=http) behind Node's cluster module, ${size.toLocaleString('en-US')} articles, ` +
      `${sent.length} signed interactions in ${sendingS.toFixed(1)} s (${(sent.length / sendingS).toFixed(0)}/s asked for ${rate}/s), loopback; 1-minute load average ${loadBefore.toFixed(1)} before sending, ${load.toFixed(1)} after.`,
    '',
    '| interactions | sent | first response within 3 s | first p50 (ms) | first p99 | first max | deferred | deferred completed | completion p50 | completion p99 | completion max | final answer p50 | final p99 | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Answered per process: ${[...answeredBy].map(([pid, count]) => `pid ${pid}: ${count}`).join(', ')}; byline's own time per interaction ` +
      `(from the request read to the response sent, as logged): p50 ${ms(percentile(bylineMs, 50))} ms, p99 ${ms(percentile(bylineMs, 99))} ms, max ${ms(bylineMs.at(-1) ?? NaN)} ms.`,
    `CPU while sending (s of ${sendingS.toFixed(0)} s): ${cpu.map((c) => `${name(c.pid)} ${c.seconds.toFixed(1)}`).join(', ')}; ` +
      `byline's CPU per interaction ${(cpuMs / sent.length).toFixed(1)} ms; the load generator's event-loop delay p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms, max ${(lag.max / 1e6).toFixed(0)} ms.`,
    `Warnings and errors logged: ${[...messages].map(([message, count]) => `${count} × "${message}"`).join(', ') || 'none'}.`,
    `Deferred answers completed by (webhook calls after the deferral): ${[...completedBy].map(([how, count]) => `${how} ${count}`).join(', ') || 'none deferred'}; waited ${waitedS.toFixed(1)} s after sending for them.`,
    `Memory after: ${memory.map((m) => `${name(m.pid)} ${m.rssMb?.toFixed(0)} MB (peak ${m.peakMb?.toFixed(0)} MB)`).join(', ')}.`,
  ].join('\n');
  process.stdout.write(`${report}\n`);
  log(JSON.stringify({ sent: sent.length, late, errors: all.errors, deferred: all.deferrals, unconfirmedEdits: all.failedEdits, bylineCpuMsPerInteraction: Number((cpuMs / sent.length).toFixed(2)), loadBefore, loadAfter: load }));
  if (late > 0 || all.errors > 0) exitCode = 1;
} finally {
  cluster.child.kill('SIGTERM');
  await Promise.race([cluster.exit, sleep(25_000)]);
  if (cluster.child.exitCode === null) cluster.child.kill('SIGKILL');
  await fake.close();
  if (values.keep || values.dir) log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
