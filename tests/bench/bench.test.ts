import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/article/parse.ts';
import type { ArticleText } from '../../src/model.ts';
import { readSourceArticles, syntheticArticle, syntheticLibrary, toCsv } from './articles.ts';
import { naiveScan, plainMiniSearch } from './baselines.ts';
import { misremember, quotedPassages, sampleQueries, words } from './queries.ts';
import { seededRandom } from './random.ts';
import type { SizeResult } from './results.ts';
import { percentile, summarize } from './stats.ts';
import { judgedSizes, targets } from './table.ts';

/** A latency summary of 300 answers with the given p99 (p50 and mean half of it), for the targets' tests. */
const latency = (p99: number) => ({ count: 300, p50: p99 / 2, p99, max: p99, mean: p99 / 2 });

function article(id: string, paragraphs: string[], date: string | null = '2021-05-01'): ArticleText {
  return { id, title: `Title of ${id}`, date, source: `https://example.org/${id}`, file: `${id}.txt`, paragraphs };
}

const written: ArticleText[] = [
  article('harbour', [
    'The harbour reopened on Monday after the storm.',
    '“We will rebuild every pier before the summer season,” the mayor said.',
    'Fishermen returned to the water, counting their losses.',
  ]),
  article('council', [
    'The council voted on the budget, with seven members in favour.',
    'Its chair said that "the schools come first, then the roads and the bridges".',
    'A vote on the library is expected next month.',
  ]),
  article('election', ['Turnout reached a record, officials reported.', 'The count will take two days.'], null),
];

describe('the synthetic library', () => {
  it('keeps the real articles first, then recombines them deterministically under new ids, titles and dates', () => {
    const library = syntheticLibrary(written, 12);
    expect(library.slice(0, 3)).toEqual(written);
    expect(syntheticLibrary(written, 12)).toEqual(library);
    expect(new Set(library.map((a) => a.id)).size).toBe(12);
    expect(new Set(library.map((a) => a.title)).size).toBe(12);
    expect(new Set(library.map((a) => a.source)).size).toBe(12);

    const k = 7;
    const mixed = syntheticArticle(written, k);
    const base = written[k % written.length]!;
    // Every paragraph of its base article is kept, and paragraphs of another article are mixed in.
    for (const paragraph of base.paragraphs) expect(mixed.paragraphs).toContain(paragraph);
    expect(mixed.paragraphs.length).toBeGreaterThan(base.paragraphs.length);
    expect(mixed.paragraphs.some((p) => !base.paragraphs.includes(p))).toBe(true);
    expect(mixed.date).not.toBe(base.date);
  });

  it('writes CSV rows that byline reads back to the same articles, quotes, commas and line breaks included', () => {
    const library = syntheticLibrary(written, 8);
    const { articles, problems } = parseArticleFile('bench.csv', toCsv(library));
    expect(problems).toEqual([]);
    expect(articles.map((a) => a.paragraphs)).toEqual(library.map((a) => a.paragraphs));
    expect(articles.map((a) => [a.title, a.date, a.source])).toEqual(library.map((a) => [a.title, a.date, a.source]));
    expect(new Set(articles.map((a) => a.id)).size).toBe(8);
  });

  it('starts from the seed in data/', async () => {
    const [seed] = await readSourceArticles({ corpus: false });
    expect(seed?.date).toBe('2022-02-23');
    expect(quotedPassages(seed!).length).toBeGreaterThan(0);
  });
});

describe('the query sample', () => {
  it('is the same for the same library and seed, and differs for another seed', () => {
    expect(sampleQueries(written, 30)).toEqual(sampleQueries(written, 30));
    expect(sampleQueries(written, 30, 1).quotes).not.toEqual(sampleQueries(written, 30, 2).quotes);
  });

  it('derives quote fragments from passages in quote marks, at most one word changed or dropped', () => {
    const passages = written.flatMap((a) => quotedPassages(a));
    for (const quote of sampleQueries(written, 60).quotes) {
      const typed = words(quote);
      expect(typed.length).toBeGreaterThanOrEqual(3);
      expect(typed.length).toBeLessThanOrEqual(12);
      const best = Math.max(...passages.map((p) => typed.filter((w) => p.includes(w)).length));
      expect(best).toBeGreaterThanOrEqual(typed.length - 1);
    }
  });

  it('misremembers a quote by a dropped word or a swap of two letters', () => {
    const quoted = words('We will rebuild every pier before the summer season');
    const variants = new Set(Array.from({ length: 40 }, (_, i) => misremember(seededRandom(i), quoted)));
    const typos = [...variants].filter((v) => words(v).some((w) => !quoted.includes(w)));
    expect(typos.length).toBeGreaterThan(0);
    for (const variant of typos) {
      const changed = words(variant).filter((w) => !quoted.includes(w));
      expect(changed).toHaveLength(1);
      expect(quoted.some((w) => w.length === changed[0]!.length && [...w].sort().join() === [...changed[0]!].sort().join())).toBe(true);
    }
  });

  it('makes prefixes that end inside a word, and topics of content words only', () => {
    const sample = sampleQueries(written, 40);
    const vocabulary = new Set(written.flatMap((a) => [a.title, ...a.paragraphs].flatMap(words)));
    for (const prefix of sample.quotePrefixes) {
      const last = prefix.split(' ').pop()!;
      expect(vocabulary.has(last) && last.length > 3).toBe(false);
    }
    for (const topic of sample.topics) {
      const topicWords = topic.split(' ');
      expect(topicWords.length).toBeGreaterThanOrEqual(2);
      expect(topicWords).not.toContain('the');
      for (const word of topicWords) expect(vocabulary.has(word)).toBe(true);
    }
  });
});

describe('the baselines', () => {
  const sentences = ['The mayor said the harbour reopened.', 'Fishermen counted their losses.', 'The harbour is calm.'];

  it('naive scan keeps the sentences that contain any query word', () => {
    expect(naiveScan(sentences).answer('harbour mayor')).toBe(2);
    expect(naiveScan(sentences).answer('volcano')).toBe(0);
  });

  it('plain MiniSearch finds sentences by their words', () => {
    expect(plainMiniSearch(sentences).answer('fishermen')).toBe(1);
  });
});

describe('the figures', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile([...samples].sort((a, b) => a - b), 50)).toBe(50);
    expect(summarize(samples)).toMatchObject({ count: 100, p50: 50, p99: 99, max: 100 });
  });

  it('marks a missed target, and a start-up that did not use the persisted index', () => {
    const result = {
      size: 10_000,
      build: { rssPeakMb: 900 },
      serve: {
        startupMs: 1500,
        storeHit: false,
        rssPeakMb: 700,
        kinds: [
          { kind: 'who-said', byline: latency(25), answered: 1, notices: 0 },
          { kind: 'autocomplete quote', byline: latency(12), answered: 1, notices: 0 },
        ],
      },
    } as unknown as SizeResult;
    const met = Object.fromEntries(targets(result).map((t) => [t.name.split(' (')[0], t.met]));
    expect(met).toEqual({
      'who-said p99': true,
      'autocomplete quote p99': false,
      'start-up with the persisted index': false,
      'peak memory': true,
    });
  });

  it('judges 100,000 articles on its own targets: serving memory alone, and the first build', () => {
    const result = {
      size: 100_000,
      build: { rssPeakMb: 3000, totalMs: 21 * 60_000 },
      serve: {
        startupMs: 2500,
        storeHit: true,
        rssPeakMb: 1900,
        kinds: [
          { kind: 'who-said', byline: latency(45), answered: 1, notices: 0 },
          { kind: 'what-happened', byline: latency(101), answered: 1, notices: 0 },
          { kind: 'autocomplete quote', byline: latency(14), answered: 1, notices: 0 },
        ],
      },
    } as unknown as SizeResult;
    const met = Object.fromEntries(targets(result).map((t) => [t.name, t.met]));
    expect(met).toEqual({
      'who-said p99': true,
      'what-happened p99': false,
      'autocomplete quote p99': true,
      'start-up with the persisted index': true,
      'peak memory (RSS, serving)': true,
      'first build (cold)': false,
    });
    expect(judgedSizes([{ ...result, size: 1_000 }, result]).map((r) => r.size)).toEqual([100_000]);
  });
});
