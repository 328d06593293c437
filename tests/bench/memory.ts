/**
 * What holds the memory of a library served from its store (issue #13, 100,000 articles embedded): the
 * process's memory after each step, with a full collection before each figure, and the library's parts
 * by component.
 *
 *   node --expose-gc --import tsx tests/bench/memory.ts DIR [--queries 300] [--people]
 *
 * DIR is a library folder with its store built (`npm run bench -- --keep`, or `size.ts build DIR`). Steps:
 * the modules; the store loaded; the warm-up the bot runs after start; a sample of queries of the four
 * kinds through the command code (as the bench's serve step asks them); with --people, every article's
 * people read (what a /who-is over the whole library reads) and every article's sentences cut. Each
 * component is measured on its own: the arrays outside the heap from their lengths, the term dictionaries
 * by making them a second time over the same segments and measuring what that adds to the heap.
 */
import { parseArgs } from 'node:util';
import type { AutocompleteContext, CommandOptions } from '../../commands/index.ts';
import { collectedMemory, MB } from './collected.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { queries: { type: 'string', default: '300' }, people: { type: 'boolean', default: false } } });
const dir = positionals[0];
if (!dir) {
  process.stderr.write('usage: memory.ts DIR [--queries 300] [--people]\n');
  process.exit(2);
}
collectedMemory();
const mb = (n: number) => (n / MB).toFixed(0);

interface Figure {
  step: string;
  rss: number;
  heap: number;
  external: number;
  arrayBuffers: number;
  ms: number;
}
const figures: Figure[] = [];
let last = performance.now();
function figure(step: string): void {
  const m = collectedMemory();
  const now = performance.now();
  figures.push({ step, rss: m.rss, heap: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, ms: now - last });
  last = performance.now();
  process.stderr.write(`${step}: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB (array buffers ${mb(m.arrayBuffers)} MB)\n`);
}

const { loadLibrary } = await import('../../src/load/open.ts');
const { indexesFromSegments } = await import('../../src/search/index.ts');
const { findCommand, runCommand } = await import('../../commands/index.ts');
const { sampleQueries } = await import('./queries.ts');
figure('modules loaded');

const library = await loadLibrary(dir);
figure(`store loaded (${library.collection.length} articles)`);
const heapLoaded = process.memoryUsage().heapUsed;

// Arrays outside the heap, from their lengths.
const segments = library.batches.map((batch) => batch.segment);
const segmentBuffers = new Set(segments.flatMap((s) => [s.quotes.buffer, s.sentences.buffer, s.titles.buffer]));
const segmentBytes = [...segmentBuffers].reduce((n, b) => n + b.byteLength, 0);
const table = library.indexes.quoteEntries as unknown as { columns: Record<string, unknown>; length: number };
let quoteColumnBytes = 0;
let quoteStringChars = 0;
for (const value of Object.values(table.columns)) {
  if (ArrayBuffer.isView(value)) quoteColumnBytes += value.byteLength;
  else if (Array.isArray(value)) for (const s of value as string[]) quoteStringChars += s.length;
}
const sentences = library.indexes.sentenceEntries.length;

// The term dictionaries (three MiniSearch radix trees over the segments, each term's parts, the term counts):
// made a second time over the same segments, with the same quote table, held while the heap is measured.
const before = collectedMemory().heapUsed;
const again = indexesFromSegments(segments, library.collection, library.indexes.quoteEntries);
const dictionaries = collectedMemory().heapUsed - before;
const terms = { quotes: again.quotes.termCount, sentences: again.sentences.termCount, titles: again.titles.termCount };
void again;

await library.warm();
figure('warmed (as the bot after start)');
const heapWarm = process.memoryUsage().heapUsed;

const perKind = Number(values.queries);
const sample = sampleQueries(library.collection, perKind);
figure('queries sampled (every article read for it)');
const heapSampled = process.memoryUsage().heapUsed;
const options = (value: Record<string, string>): CommandOptions => ({ getString: (name) => value[name] ?? null, getBoolean: () => null, getInteger: () => null });
const whoSaid = findCommand('who-said')!;
const whatHappened = findCommand('what-happened')!;
for (const q of sample.quotes) await runCommand(whoSaid, { engine: library, options: options({ quote: q }) });
for (const q of sample.topics) await runCommand(whatHappened, { engine: library, options: options({ topic: q }) });
const complete = async (command: typeof whoSaid, name: string, value: string) => {
  const context: AutocompleteContext = { engine: library, options: options({ [name]: value }), focused: { name, value } };
  await command.autocomplete!(context);
};
for (const q of sample.quotePrefixes) await complete(whoSaid, 'quote', q);
for (const q of sample.topicPrefixes) await complete(whatHappened, 'topic', q);
figure(`${perKind} queries of each kind asked`);
const heapQueries = process.memoryUsage().heapUsed;

let heapPeople = heapQueries;
let heapSentences = heapQueries;
if (values.people) {
  let people = 0;
  for (const article of library.collection) people += article.people.length;
  figure(`every article's people read (${people} people)`);
  heapPeople = process.memoryUsage().heapUsed;
  let cut = 0;
  for (const article of library.collection) cut += article.sentences.length;
  figure(`every article's sentences cut (${cut})`);
  heapSentences = process.memoryUsage().heapUsed;
}

const rows: [string, string, string][] = [
  ['index segments (postings, field lengths: the store\'s index-N.bin)', `${mb(segmentBytes)} MB`, 'array buffers'],
  [`term dictionaries (${terms.quotes} + ${terms.sentences} + ${terms.titles} terms: radix trees, each term's parts, term counts)`, `${mb(dictionaries)} MB`, 'heap'],
  [`quote table columns (${table.length} quotes)`, `${mb(quoteColumnBytes)} MB`, 'array buffers'],
  [`quote table strings (${quoteStringChars} characters)`, `~${mb(quoteStringChars * 1.5)} MB`, 'heap'],
  [`articles as loaded (ids, titles, dates, quoted people, sentence offsets of ${sentences} sentences)`, `${mb(heapLoaded - figures[0]!.heap - dictionaries)} MB`, 'heap (store loaded − modules − dictionaries)'],
  ['articles\' text, decoded by the warm-up', `${mb(heapWarm - heapLoaded)} MB`, 'heap'],
  ['what the queries left (cut sentences, quotes as objects, caches)', `${mb(heapQueries - heapSampled)} MB`, 'heap'],
];
if (values.people) {
  rows.push(['every article\'s people, once read', `${mb(heapPeople - heapQueries)} MB`, 'heap']);
  rows.push(['every article\'s sentences, once cut', `${mb(heapSentences - heapPeople)} MB`, 'heap']);
}
process.stdout.write(`\n| step | RSS | heap | external (of which array buffers) | step time |\n| --- | ---: | ---: | ---: | ---: |\n`);
for (const f of figures) process.stdout.write(`| ${f.step} | ${mb(f.rss)} MB | ${mb(f.heap)} MB | ${mb(f.external)} MB (${mb(f.arrayBuffers)} MB) | ${(f.ms / 1000).toFixed(2)} s |\n`);
process.stdout.write(`\n| component | size | where |\n| --- | ---: | --- |\n`);
for (const [name, size, where] of rows) process.stdout.write(`| ${name} | ${size} | ${where} |\n`);
process.stdout.write(`\npeak RSS of the process: ${mb(process.resourceUsage().maxRSS * 1024)} MB\n`);
