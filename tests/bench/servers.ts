/**
 * `npm run bench:servers`: what per-server libraries (issue #11) cost. A server's articles are the
 * benchmark's real news text (the corpus read from ../shared, recombined beyond its 125 articles, as the
 * main benchmark does), added one at a time as the text form would; the shared library is the seed and
 * the corpus (125 articles). Per size of a server's library (10, 50, 200 articles):
 *
 * - an add: its whole time (write, understand, re-index the server's library) and the longest stall of
 *   the event loop while adds run (what other questions wait at most);
 * - reading a server's library when it first asks (a restart), and the heap it holds;
 * - who-said latency from the shared library alone and from a server's view of both (the composition's cost).
 *
 * Nothing is written into the project; the servers' folder is a temporary one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ServerLibraries } from '../../src/guild/libraries.ts';
import { Library } from '../../src/library.ts';
import { createLogger } from '../../src/log.ts';
import { readSourceArticles, syntheticArticle } from './articles.ts';
import { summarize } from './stats.ts';

const SIZES = (process.argv.find((arg) => arg.startsWith('--sizes='))?.slice(8) ?? '10,50,200').split(',').map(Number);
const GUILD = '1100000000000000002';
const logger = createLogger('warn');
const round = (ms: number) => Math.round(ms * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const sources = await readSourceArticles();
const shared = await Library.fromTexts(sources);
process.stdout.write(`shared library: ${shared.collection.length} articles; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}\n\n`);
process.stdout.write('| server articles | add p50 / p99 / max (ms) | longest event-loop stall during adds (ms) | first question after a restart (ms) | heap held (MB) | who-said shared p50 / p99 (ms) | who-said server view p50 / p99 (ms) |\n');
process.stdout.write('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n');

for (const size of SIZES) {
  const dir = await mkdtemp(path.join(tmpdir(), 'byline-bench-servers-'));
  try {
    const servers = new ServerLibraries({ dir, shared, logger, maxArticles: 10_000 });
    const engine = servers.engineFor(GUILD);
    const texts = Array.from({ length: size }, (_, k) => syntheticArticle(sources, 200 + k));
    const adds: number[] = [];
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    for (const [k, text] of texts.entries()) {
      const start = performance.now();
      await engine.server!.add({ kind: 'text', title: `${text.title} (${k})`, date: text.date, text: text.paragraphs.join('\n\n') }, null);
      adds.push(performance.now() - start);
    }
    stalls.disable();

    // A restart: the server's library is read when it first asks.
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const restarted = new ServerLibraries({ dir, shared, logger, maxArticles: 10_000 }).engineFor(GUILD);
    const loadStart = performance.now();
    await restarted.articles();
    const loadMs = performance.now() - loadStart;
    global.gc?.();
    const heldMb = mb(process.memoryUsage().heapUsed - heapBefore);

    // Queries: a sentence of an article of each library, a few words of it.
    const queries = [...sources.slice(1, 101), ...texts.slice(0, 100)].map((a) => (a.paragraphs[1] ?? a.paragraphs[0]!).split(/\s+/).slice(2, 9).join(' '));
    const time = async (ask: (q: string) => Promise<unknown>) => {
      for (const q of queries.slice(0, 20)) await ask(q);
      const samples: number[] = [];
      for (const q of queries) {
        const start = performance.now();
        await ask(q);
        samples.push(performance.now() - start);
      }
      return summarize(samples);
    };
    const alone = await time((q) => shared.whoSaid(q));
    const composed = await time((q) => restarted.whoSaid(q));
    const add = summarize(adds);
    process.stdout.write(
      `| ${size} | ${round(add.p50)} / ${round(add.p99)} / ${round(add.max)} | ${round(stalls.max / 1e6)} | ${round(loadMs)} | ${heldMb} | ${round(alone.p50)} / ${round(alone.p99)} | ${round(composed.p50)} / ${round(composed.p99)} |\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
