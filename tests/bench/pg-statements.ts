/**
 * Where a question's time goes on the PostgreSQL backend: every statement the bot process sends, timed
 * (from the call to its rows parsed) and counted, per kind of question, beside the question's own time
 * through the command code. Run against a library already ingested (BYLINE_DATABASE_URL) and its folder
 * (for the bench's sample of queries: the hidden `.bench-queries.json` an embedded `size.ts serve` left, or
 * sampled here from the folder's store the same way when it is missing):
 *
 *   BYLINE_DATABASE_URL=postgres://… npx tsx tests/bench/pg-statements.ts DIR [--queries 100] [--explain 3] [--kinds who-said,autocomplete-quote]
 *
 * --explain N prints `EXPLAIN (ANALYZE, BUFFERS)` of the N slowest statements of each kind. Not part of
 * `npm test`; numbers go to stdout as Markdown.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { findCommand, runCommand, type Command, type CommandOptions } from '../../commands/index.ts';
import { createPool, PostgresLibrary } from '../../src/postgres/library.ts';
import { sampleQueries, type QuerySample } from './queries.ts';
import { summarize } from './stats.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    queries: { type: 'string', default: '100' },
    explain: { type: 'string', default: '0' },
    kinds: { type: 'string', default: 'who-said,autocomplete-quote' },
  },
});
const dir = positionals[0];
if (!dir || !process.env.BYLINE_DATABASE_URL) {
  process.stderr.write('usage: BYLINE_DATABASE_URL=… tsx tests/bench/pg-statements.ts DIR [--queries N] [--explain N] [--kinds …]\n');
  process.exit(2);
}

const samplesFile = path.join(dir, '.bench-queries.json');
let samples: { sample: QuerySample; warm: QuerySample };
try {
  samples = JSON.parse(await readFile(samplesFile, 'utf8')) as typeof samples;
} catch {
  const { loadLibrary } = await import('../../src/load/open.ts');
  const library = await loadLibrary(dir);
  samples = { sample: sampleQueries(library.collection, 300), warm: sampleQueries(library.collection, 20, 7) };
  await writeFile(samplesFile, JSON.stringify(samples));
}

/** A statement sent: its SQL's first words, its parameters, its time and rows. */
interface Sent {
  sql: string;
  params: unknown[];
  ms: number;
  rows: number;
}
let sent: Sent[] = [];
const pool = createPool(process.env.BYLINE_DATABASE_URL);
const query = pool.query.bind(pool) as (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;
(pool as unknown as { query: typeof query }).query = async (sql: string, params?: unknown[]) => {
  const start = performance.now();
  const result = await query(sql, params);
  sent.push({ sql, params: params ?? [], ms: performance.now() - start, rows: result.rowCount ?? result.rows.length });
  return result;
};

const opened = performance.now();
const engine = await PostgresLibrary.open(pool);
process.stderr.write(`opened in ${(performance.now() - opened).toFixed(0)} ms\n`);
sent = [];

const options = (values: Record<string, string>): CommandOptions => ({
  getString: (name) => values[name] ?? null,
  getBoolean: () => null,
  getInteger: () => null,
});
const whoSaid = findCommand('who-said')!;
const whatHappened = findCommand('what-happened')!;
const run: Record<string, { queries: string[]; warm: string[]; ask: (q: string) => Promise<unknown> }> = {
  'who-said': { queries: samples.sample.quotes, warm: samples.warm.quotes, ask: (q) => runCommand(whoSaid, { engine, options: options({ quote: q }) }) },
  'what-happened': { queries: samples.sample.topics, warm: samples.warm.topics, ask: (q) => runCommand(whatHappened, { engine, options: options({ topic: q }) }) },
  'autocomplete-quote': {
    queries: samples.sample.quotePrefixes,
    warm: samples.warm.quotePrefixes,
    ask: (q) => (whoSaid as Command).autocomplete!({ engine, options: options({ quote: q }), focused: { name: 'quote', value: q } }),
  },
};

const label = (sql: string) => {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (/FROM postings/i.test(s)) return /WITH x AS/.test(s) ? 'postings + expansions' : 'postings';
  if (/WITH x AS/.test(s)) return 'expansions + postings (GIN)';
  if (/unnest\(d\.terms\)/.test(s)) return 'postings (GIN)';
  if (/FROM quotes/i.test(s) || /quotes q/i.test(s)) return 'load (quotes)';
  if (/FROM sentences/i.test(s)) return 'load (sentences)';
  if (/FROM articles/i.test(s)) return 'load (articles)';
  if (/people/i.test(s)) return 'people';
  return s.slice(0, 40);
};
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const perKind = Number(values.queries);
const explain = Number(values.explain);
const lines: string[] = [];
for (const kind of values.kinds.split(',')) {
  const job = run[kind];
  if (!job) throw new Error(`no kind ${kind}`);
  for (const q of job.warm) await job.ask(q);
  sent = [];
  const totals: number[] = [];
  const statements = new Map<string, { ms: number[]; rows: number[] }>();
  const all: (Sent & { query: string })[] = [];
  for (const q of job.queries.slice(0, perKind)) {
    sent = [];
    const start = performance.now();
    await job.ask(q);
    totals.push(performance.now() - start);
    for (const s of sent) {
      const key = label(s.sql);
      const entry = statements.get(key) ?? { ms: [], rows: [] };
      entry.ms.push(s.ms);
      entry.rows.push(s.rows);
      statements.set(key, entry);
      all.push({ ...s, query: q });
    }
  }
  const total = summarize(totals);
  lines.push(`### ${kind} (${totals.length} queries, load average ${loadavg()[0]!.toFixed(1)})`, '');
  lines.push('| statement | count | p50 ms | p99 ms | max ms | mean ms | rows p50 / max |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  lines.push(`| the whole question | ${total.count} | ${ms(total.p50)} | ${ms(total.p99)} | ${ms(total.max)} | ${ms(total.mean)} | |`);
  for (const [key, entry] of statements) {
    const t = summarize(entry.ms);
    const r = summarize(entry.rows);
    lines.push(`| ${key} | ${t.count} | ${ms(t.p50)} | ${ms(t.p99)} | ${ms(t.max)} | ${ms(t.mean)} | ${r.p50} / ${r.max} |`);
  }
  lines.push('');
  if (explain > 0) {
    for (const s of all.sort((x, y) => y.ms - x.ms).slice(0, explain)) {
      const plan = await query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
      lines.push(`${label(s.sql)}, ${ms(s.ms)} ms, ${s.rows} rows, for "${s.query}":`, '```', ...plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']!), '```', '');
    }
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
await pool.end();
