/**
 * The binary MiniSearch layout of the persisted store (src/search/persist.ts): an index loaded from bytes
 * must be MiniSearch's own index, state for state and answer for answer. It reaches into MiniSearch's
 * private state, so these tests are what catches a MiniSearch upgrade that changes it.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { indexFromBytes, indexFromSegments, indexToBytes, IndexWriter, termPostings } from '../src/search/persist.ts';
import { indexOptions, planQuery, runQuery, SENTENCE_FIELDS, SentenceTable } from '../src/search/index.ts';
import type { Article } from '../src/model.ts';
import { packArticle, sentenceCount, sentenceOf, speakersOf, Strings, unpackArticle } from '../src/load/store-format.ts';
import { understandArticle } from '../src/understand.ts';
import { parseArticleFiles, readArticleFiles } from '../src/article/load.ts';

const TEXTS = [
  'The foreign minister said the talks in Paris were cancelled.',
  'Defense Secretary Lloyd Austin condemned the latest invasion.',
  'Diplomacy means also defense, he stated, as Kyiv seeks army help.',
  'The mayor said the bridge will reopen on Monday after repairs.',
  'Police arrested a man near the bridge on Sunday night.',
  'The minister of defence met the mayor in Paris.',
  'Talks between the ministers resumed on Monday in Geneva.',
];

/** toJSON with the terms in order: the radix tree's iteration order depends on insertion order only. */
function state(index: MiniSearch<unknown>): unknown {
  const json = index.toJSON() as unknown as { index: [string, unknown][] };
  return { ...json, index: [...json.index].sort(([a], [b]) => a.localeCompare(b)) };
}

const SEARCHES: [string, SearchOptions][] = [
  ['minister', {}],
  ['bridge monday', { combineWith: 'AND' }],
  ['defense paris', {}],
  ['minstr', { fuzzy: 0.3 }],
  ['rep', { prefix: true }],
  ['talks mayor', { boost: { text: 2 }, bm25: { k: 1.2, b: 0.5, d: 0.5 } }],
  ['mayor', { filter: (result) => (result.id as number) % 2 === 1 }],
];

function roundTrip<T>(index: MiniSearch<T>, options: Options<T>, copy = false): MiniSearch<T> {
  const bytes = indexToBytes(index as MiniSearch<unknown>);
  if (!copy) return indexFromBytes(bytes, options);
  // One byte further into a fresh buffer, so the integer arrays start unaligned.
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  return indexFromBytes(shifted.subarray(1), options);
}

describe('a MiniSearch index persisted as bytes', () => {
  it.each([
    ['byline options', indexOptions(SENTENCE_FIELDS)],
    ['MiniSearch defaults', { fields: ['text'] }],
  ] as [string, Options<{ id: number; text: string }>][])('has the same state and answers with %s', (_, options) => {
    const index = new MiniSearch<{ id: number; text: string }>(options);
    index.addAll(TEXTS.map((text, id) => ({ id, text })));
    for (const copy of [false, true]) {
      const loaded = roundTrip(index, options, copy);
      expect(state(loaded as MiniSearch<unknown>)).toEqual(state(index as MiniSearch<unknown>));
      expect(loaded.documentCount).toBe(TEXTS.length);
      for (const [query, search] of SEARCHES) expect(loaded.search(query, search)).toEqual(index.search(query, search));
      expect(loaded.autoSuggest('brid')).toEqual(index.autoSuggest('brid'));
    }
  });

  it('keeps ids that are not positions, several fields and documents removed before saving', () => {
    const options: Options<{ id: number; title: string; text: string }> = { fields: ['title', 'text'] };
    const index = new MiniSearch(options);
    index.addAll(TEXTS.map((text, i) => ({ id: 100 + i * 7, title: text.split(' ').slice(0, 3).join(' '), text })));
    index.discard(107);
    index.vacuum();
    const loaded = roundTrip(index, options);
    expect(state(loaded as MiniSearch<unknown>)).toEqual(state(index as MiniSearch<unknown>));
    expect(loaded.has(107)).toBe(false);
    expect(loaded.has(114)).toBe(true);
    for (const [query, search] of SEARCHES.slice(0, 6)) expect(loaded.search(query, search)).toEqual(index.search(query, search));
  });

  it('answers the same whichever order the postings are walked in, and across repeated searches', () => {
    const options = indexOptions(SENTENCE_FIELDS);
    const index = new MiniSearch(options);
    index.addAll(TEXTS.map((text, id) => ({ id, text })));
    const loaded = roundTrip(index, options);
    const expected = ['bridge', 'mayor monday', 'paris'].map((q) => index.search(q));
    for (let round = 0; round < 3; round++) {
      expect(['bridge', 'mayor monday', 'paris'].map((q) => loaded.search(q))).toEqual(expected);
      expect(['paris', 'bridge', 'mayor monday'].map((q) => loaded.search(q))).toEqual([expected[2], expected[0], expected[1]]);
    }
  });

  it('written from segments, answers as one index built at once', () => {
    const options = indexOptions(SENTENCE_FIELDS);
    const docs = [...TEXTS, ...TEXTS.map((text) => text.replace('the', 'a'))].map((text, id) => ({ id, text }));
    const whole = new MiniSearch(options);
    whole.addAll(docs);
    const writer = new IndexWriter();
    for (const [from, to] of [[0, 3], [3, 10], [10, docs.length]] as const) {
      const segment = new MiniSearch(options);
      segment.addAll(docs.slice(from, to));
      writer.add(segment as MiniSearch<unknown>);
    }
    const merged = indexFromBytes(writer.toBytes(), options);
    expect(merged.documentCount).toBe(docs.length);
    const { averageFieldLength } = whole.toJSON();
    expect(merged.toJSON().averageFieldLength[0]).toBeCloseTo(averageFieldLength[0]!, 10);
    for (const [query, search] of SEARCHES) {
      const expected = whole.search(query, search);
      const got = merged.search(query, search);
      expect(got.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      got.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 9));
    }
  });

  it('writes a loaded index again as the same index', () => {
    const options = indexOptions(SENTENCE_FIELDS);
    const index = new MiniSearch(options);
    index.addAll(TEXTS.map((text, id) => ({ id, text })));
    const loaded = indexFromBytes(indexToBytes(index as MiniSearch<unknown>), options);
    const again = indexFromBytes(indexToBytes(loaded as MiniSearch<unknown>), options);
    expect(state(again as MiniSearch<unknown>)).toEqual(state(index as MiniSearch<unknown>));
  });

  it('stores postings in the fewest bytes that hold them, and reads wide ones back as they were', () => {
    const header = (bytes: Buffer) => JSON.parse(bytes.toString('utf8', 8, 8 + bytes.readUInt32LE(4))) as { version: number; docBytes: number; freqBytes: number };
    const options = indexOptions(SENTENCE_FIELDS);
    const small = new MiniSearch(options);
    small.addAll(TEXTS.map((text, id) => ({ id, text })));
    expect(header(indexToBytes(small as MiniSearch<unknown>))).toMatchObject({ version: 2, docBytes: 2, freqBytes: 1 });
    // A word 300 times in one document, and short ids beyond 65,535: four bytes a posting then.
    const plain: Options<{ id: number; text: string }> = { fields: ['text'] };
    const wide = new MiniSearch(plain);
    wide.addAll([{ id: 0, text: Array.from({ length: 300 }, () => 'again').join(' ') + ' bridge' }, ...TEXTS.map((text, i) => ({ id: i + 1, text }))]);
    const wideBytes = indexToBytes(wide as MiniSearch<unknown>);
    expect(header(wideBytes)).toMatchObject({ docBytes: 2, freqBytes: 2 });
    const loaded = indexFromBytes(wideBytes, plain);
    expect(state(loaded as MiniSearch<unknown>)).toEqual(state(wide as MiniSearch<unknown>));
    expect(loaded.search('again')).toEqual(wide.search('again'));
    const many = new MiniSearch(plain);
    many.addAll(Array.from({ length: 70_000 }, (_, id) => ({ id, text: id % 1000 === 0 ? 'bridge' : 'x' })));
    const manyBytes = indexToBytes(many as MiniSearch<unknown>);
    expect(header(manyBytes)).toMatchObject({ docBytes: 4, freqBytes: 1 });
    const manyLoaded = indexFromBytes(manyBytes, plain);
    expect(termPostings(manyLoaded as MiniSearch<unknown>, 'bridge')).toEqual(Int32Array.from({ length: 70 }, (_, i) => i * 1000));
    expect(manyLoaded.search('bridge').map((r) => r.id)).toEqual(many.search('bridge').map((r) => r.id));
  });

  it('is read-only, and refuses bytes that are not an index', () => {
    const options = indexOptions(SENTENCE_FIELDS);
    const index = new MiniSearch(options);
    index.addAll(TEXTS.map((text, id) => ({ id, text })));
    const bytes = indexToBytes(index as MiniSearch<unknown>);
    const loaded = indexFromBytes(bytes, options);
    expect(() => loaded.add({ id: 99, text: 'A new sentence.' })).toThrow(/read-only/);
    expect(() => indexFromBytes(Buffer.from('{"index": []}'), options)).toThrow(/not a byline index/);
    expect(() => indexFromBytes(bytes.subarray(0, bytes.length - 8), options)).toThrow(/truncated/);
  });

  it('refuses to write documents with stored fields or ids that are not integers', () => {
    const stored = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: ['text'] });
    stored.add({ id: 1, text: 'A sentence.' });
    expect(() => indexToBytes(stored as MiniSearch<unknown>)).toThrow(/stored fields/);
    const named = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
    named.add({ id: 'a', text: 'A sentence.' });
    expect(() => indexToBytes(named as MiniSearch<unknown>)).toThrow(/not an integer/);
  });
});

/** Packs an article as the store writes it and unpacks it as the store reads it, counting reads of its other people. */
function roundTripArticle(article: Article): { back: Article; reads: () => number; packedLength: number } {
  const { article: packed, others, paragraphs, sentences } = packArticle(article);
  const json = JSON.stringify(packed);
  let reads = 0;
  const back = unpackArticle(JSON.parse(json), {
    paragraphs: [...paragraphs],
    sentences: Int32Array.from(sentences),
    strings: new Strings(),
    others: () => {
      reads++;
      return JSON.stringify(others);
    },
  });
  return { back, reads: () => reads, packedLength: json.length + JSON.stringify(others).length + JSON.stringify(sentences).length };
}

describe('an understood article persisted as arrays', () => {
  it('comes back equal, with sentence texts cut from their paragraphs', async () => {
    const { files } = await readArticleFiles('data');
    const [article] = parseArticleFiles(files).articles.map(understandArticle);
    expect(article!.quotes.length).toBeGreaterThan(5);
    expect(article!.people.some((p) => p.mentions.length > 1)).toBe(true);
    const { back, packedLength } = roundTripArticle(article!);
    // The JSON, without the paragraphs' text, which is stored as it is.
    expect(packedLength).toBeLessThan((JSON.stringify(article).length - JSON.stringify(article!.paragraphs).length) * 0.5);
    expect(back).toEqual(article);
    expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(article)));
  });

  it('reads the people no quote is attributed to only when they are asked for, once', async () => {
    const { files } = await readArticleFiles('data');
    const [article] = parseArticleFiles(files).articles.map(understandArticle);
    const speakers = new Set(article!.quotes.map((q) => q.speaker));
    expect(article!.people.some((p) => !speakers.has(p.id))).toBe(true);
    const { back, reads } = roundTripArticle(article!);
    // The speakers of its quotes are there without reading the rest.
    const quoted = speakersOf(back);
    expect([...quoted.keys()].sort()).toEqual([...speakers].filter((s) => s !== null).sort());
    expect(reads()).toBe(0);
    expect(back.people.map((p) => p.id)).toEqual(article!.people.map((p) => p.id));
    expect(back.people.map((p) => p.id)).toEqual(article!.people.map((p) => p.id));
    expect(reads()).toBe(1);
    // The speakers are the same objects in both lists (people are told apart by identity).
    for (const person of quoted.values()) expect(back.people).toContain(person);
  });

  it('makes the mentions of the people quotes are attributed to when first read, once, equal to the built ones', async () => {
    const { files } = await readArticleFiles('data');
    const [article] = parseArticleFiles(files).articles.map(understandArticle);
    const { back } = roundTripArticle(article!);
    const quoted = [...speakersOf(back).values()];
    expect(quoted.length).toBeGreaterThan(0);
    for (const person of quoted) {
      // An own, enumerable accessor (not a copy made at load), which gives the same array at each read.
      const descriptor = Object.getOwnPropertyDescriptor(person, 'mentions');
      expect(descriptor?.get).toBeTypeOf('function');
      expect(descriptor?.enumerable).toBe(true);
      const built = article!.people.find((p) => p.id === person.id)!;
      expect(person.mentions).toEqual(built.mentions);
      expect(person.mentions).toBe(person.mentions);
      expect({ ...person }).toEqual(built);
    }
  });

  it('reads its sentences\' offsets only when a sentence is first asked for, once, and counts them without reading', async () => {
    const { files } = await readArticleFiles('data');
    const [article] = parseArticleFiles(files).articles.map(understandArticle);
    const { article: packed, paragraphs, sentences } = packArticle(article!);
    let reads = 0;
    const back = unpackArticle(JSON.parse(JSON.stringify(packed)), {
      paragraphs: [...paragraphs],
      sentences: () => {
        reads++;
        return Int32Array.from(sentences);
      },
      strings: new Strings(),
      others: () => '[]',
    });
    expect(sentenceCount(back)).toBe(article!.sentences.length);
    expect(new SentenceTable([back]).length).toBe(article!.sentences.length);
    expect(reads).toBe(0);
    expect(sentenceOf(back, 1)).toEqual(article!.sentences[1]);
    expect(back.sentences).toEqual(article!.sentences);
    expect(reads).toBe(1);
    // Offsets that do not match the article's count are refused.
    const wrong = unpackArticle(JSON.parse(JSON.stringify(packed)), { paragraphs: [...paragraphs], sentences: () => Int32Array.from(sentences.slice(4)), strings: new Strings(), others: () => '[]' });
    expect(() => wrong.sentences).toThrow(/do not match/);
  });

  it('numbers sentences across articles without cutting them all', async () => {
    const { files } = await readArticleFiles('data');
    const [seed] = parseArticleFiles(files).articles.map(understandArticle);
    const small = understandArticle({ id: 'b', title: 'B', date: null, source: null, file: 'b.txt', paragraphs: ['One here. Two there.', 'Three.'] });
    const loaded = roundTripArticle(seed!).back;
    expect(sentenceCount(loaded)).toBe(seed!.sentences.length);
    const table = new SentenceTable([small, loaded, small]);
    expect(table.length).toBe(3 + seed!.sentences.length + 3);
    expect(table.at(0)).toEqual({ article: 0, sentence: small.sentences[0] });
    expect(table.at(3)).toEqual({ article: 1, sentence: seed!.sentences[0] });
    expect(table.at(3 + seed!.sentences.length - 1)?.sentence.text).toBe(seed!.sentences.at(-1)!.text);
    expect(table.at(3 + seed!.sentences.length)).toEqual({ article: 2, sentence: small.sentences[0] });
    expect(table.articleOf(table.length - 1)).toBe(2);
    expect(table.at(table.length)).toBeUndefined();
    expect(table.at(-1)).toBeUndefined();
  });

  it('keeps a sentence text that is not its paragraph slice', () => {
    const article = understandArticle({
      id: 'a',
      title: 'A',
      date: null,
      source: null,
      file: 'a.txt',
      paragraphs: ['One sentence here. Another one there.'],
    });
    article.sentences[1]!.text = 'Another one, edited.';
    expect(roundTripArticle(article).back).toEqual(article);
  });
});

describe('searching a large index: common words score only the documents that can rank', () => {
  // 4,000 sentences (more postings than the gate lets MiniSearch score): every one says "people", a few
  // also "arrested", some "protest".
  const docs = Array.from({ length: 4_000 }, (_, id) => ({
    id,
    text: [
      'People gathered in the square',
      id % 800 === 0 ? 'and police arrested two' : '',
      id % 7 === 0 ? 'during the protest' : '',
      'x '.repeat(id % 13),
    ].join(' '),
  }));
  const options = indexOptions(SENTENCE_FIELDS);
  const plain = new MiniSearch<{ id: number; text: string }>(options);
  plain.addAll(docs);
  const index = indexFromBytes(indexToBytes(plain as MiniSearch<unknown>), options);
  const frequencies = new Map(plain.toJSON().index.map(([term, fields]) => [term, Object.keys(fields[0] ?? {}).length]));
  const vocabulary = { frequency: (term: string) => frequencies.get(term) ?? 0, size: docs.length };
  const BM25 = { k: 1.2, b: 0.5, d: 0.5 };

  it('a common word alone finds the documents MiniSearch ranks first, and only those', () => {
    const plan = planQuery('people', vocabulary, { synonyms: false });
    const gated = runQuery(index, plan);
    const all = plain.search('peopl', { bm25: BM25 });
    expect(all.length).toBe(4_000);
    expect(gated.length).toBeLessThan(300);
    // The same best scores (among documents that tie, which ones fill the last places may differ).
    gated.forEach((r, i) => expect(r.score).toBeCloseTo(all[i]!.score, 9));
    expect(gated.length).toBeGreaterThanOrEqual(100);
  });

  it('with a rarer word, every document holding both ranks first, and scores are MiniSearch’s', () => {
    const plan = planQuery('people arrested', vocabulary, { synonyms: false });
    const gated = runQuery(index, plan);
    const both = docs.filter((d) => d.text.includes('arrested')).map((d) => d.id);
    expect(gated.slice(0, both.length).map((r) => r.id).sort((a, b) => a - b)).toEqual(both);
    const all = plain.search('peopl arrest', { bm25: BM25 });
    gated.slice(0, 10).forEach((r, i) => {
      expect(r.id).toBe(all[i]!.id);
      expect(r.score).toBeCloseTo(all[i]!.score, 9);
    });
    expect(gated.length).toBeLessThan(all.length / 5);
  });
});

describe('scored on the postings arrays, a query answers as MiniSearch’s own search', () => {
  // 4,000 sentences in three segments (a library's batches): common words gated, rare ones not, a word
  // typed with a typo, a prefix being typed, a synonym at a lower weight.
  const words = ['people', 'gathered', 'square', 'police', 'arrested', 'protest', 'minister', 'ministry', 'minimum', 'mines', 'bridge', 'reopen'];
  const docs = Array.from({ length: 4_000 }, (_, id) => ({
    id,
    text: [
      ...words.filter((_, w) => id % (w + 1) === 0 || (id * 7 + w) % 31 === 0),
      id % 97 === 0 ? 'flood' : '',
      id % 53 === 5 ? 'ferry' : '',
    ].join(' ') + ' x'.repeat(id % 9),
  }));
  const options = indexOptions(SENTENCE_FIELDS);
  const cuts = [0, 1_500, 2_800, docs.length];
  const segmentBytes = cuts.slice(0, -1).map((from, i) => {
    const segment = new MiniSearch<{ id: number; text: string }>(options);
    segment.addAll(docs.slice(from, cuts[i + 1]).map((doc, id) => ({ id, text: doc.text })));
    return indexToBytes(segment as MiniSearch<unknown>);
  });
  const joined = indexFromSegments(segmentBytes, options);
  const lone = indexFromSegments([segmentBytes[0]!], options);
  const frequencies = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc.text.split(' ').map((w) => runQueryTerm(w)))) if (term) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  const vocabulary = { frequency: (term: string) => frequencies.get(term) ?? 0, size: docs.length };
  const plans: [string, ReturnType<typeof planQuery>, { prefix?: boolean; filter?: (id: number) => boolean; limit?: number }][] = [
    ['a common word (gated)', planQuery('people', vocabulary, { synonyms: false }), {}],
    ['common and rare words', planQuery('people arrested protest', vocabulary, { synonyms: false }), {}],
    ['a typo', planQuery('ministre bridge', vocabulary, { synonyms: false }), {}],
    ['a rare word with a common one (the few documents let through looked up in its postings)', planQuery('flood people', vocabulary, { synonyms: false }), {}],
    ['a prefix being typed', planQuery('police min', vocabulary, { synonyms: false }), { prefix: true }],
    ['a prefix of a common word', planQuery('peo', vocabulary, { synonyms: false }), { prefix: true }],
    ['a prefix the index does not know (its expansions are typos too)', planQuery('police squa', vocabulary, { synonyms: false }), { prefix: true }],
    ['a synonym', { ...planQuery('bridge reopen', vocabulary, { synonyms: false }), expansions: new Map([['gather', 0.55], ['squar', 0.4]]) }, {}],
    ['filtered', planQuery('people square', vocabulary, { synonyms: false }), { filter: (id) => id % 3 === 1 }],
    ['the best 40', planQuery('people police minister', vocabulary, { synonyms: false }), { limit: 40 }],
  ];

  it.each(plans)('%s: the same documents, scores and order', (_, plan, request) => {
    for (const index of [joined, lone]) {
      const own = runQuery(index, plan, { ...request, viaMiniSearch: true });
      const fast = runQuery(index, plan, request);
      expect(own.length).toBeGreaterThan(0);
      expect(fast).toEqual(own);
    }
  });
});

/** A word's index term, as the indexes make it. */
function runQueryTerm(word: string): string | null {
  return planQuery(word, { frequency: () => 1, size: 1 }, { synonyms: false, fuzzy: false }).terms[0] ?? null;
}

describe('an index joined from segments', () => {
  const options = indexOptions(SENTENCE_FIELDS);
  const docs = [...TEXTS, ...TEXTS.map((text) => text.replace('the', 'a')), ...TEXTS.map((text) => `${text} Again.`)].map((text, id) => ({ id, text }));
  /** The documents in segments of their own (ids from 0 in each), as a library's batches are indexed. */
  const segments = (cuts: number[]) =>
    cuts.slice(0, -1).map((from, i) => {
      const segment = new MiniSearch(options);
      segment.addAll(docs.slice(from, cuts[i + 1]).map((doc, id) => ({ id, text: doc.text })));
      return indexToBytes(segment as MiniSearch<unknown>);
    });

  it('answers as one index built at once: the same documents, postings and scores, without copying a posting', () => {
    const whole = new MiniSearch(options);
    whole.addAll(docs);
    for (const cuts of [[0, 3, 10, docs.length], [0, docs.length], [0, 1, 2, 20, docs.length]]) {
      const joined = indexFromSegments(segments(cuts), options);
      expect(joined.documentCount).toBe(docs.length);
      // The same postings and lengths (the average is the whole's: lengths over documents).
      const { index, fieldLength, averageFieldLength } = joined.toJSON();
      expect(state(joined as MiniSearch<unknown>)).toMatchObject({ index: (state(whole as MiniSearch<unknown>) as { index: unknown }).index });
      expect(fieldLength).toEqual(whole.toJSON().fieldLength);
      expect(index.length).toBe(whole.toJSON().index.length);
      expect(averageFieldLength[0]).toBeCloseTo(whole.toJSON().averageFieldLength[0]!, 10);
      for (const [query, search] of SEARCHES) {
        const expected = whole.search(query, search);
        const got = joined.search(query, search);
        expect(got.map((r) => r.id)).toEqual(expected.map((r) => r.id));
        got.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 9));
      }
    }
  });

  it('gives the same answers however the documents are cut, and shares the segments it reads', () => {
    const a = indexFromSegments(segments([0, 5, 12, docs.length]), options);
    const b = indexFromSegments(segments([0, 9, docs.length]), options);
    for (const [query, search] of SEARCHES) expect(a.search(query, search)).toEqual(b.search(query, search));
    // The postings of a joined index are views of the segments' bytes, not copies.
    const bytes = segments([0, docs.length]);
    const joined = indexFromSegments(bytes, options);
    const postings = termPostings(joined as MiniSearch<unknown>, 'bridg');
    expect(postings.length).toBeGreaterThan(0);
    expect((postings as Int32Array).buffer).toBe(bytes[0]!.buffer);
  });

  it('writes an index alone as the very bytes its writer writes of it', () => {
    const several = new MiniSearch<{ id: number; title: string; text: string }>({ fields: ['title', 'text'] });
    several.addAll(TEXTS.map((text, i) => ({ id: 100 + i * 7, title: text.split(' ').slice(0, 3).join(' '), text })));
    several.discard(107);
    for (const index of [several as MiniSearch<unknown>, (() => {
      const plain = new MiniSearch(options);
      plain.addAll(docs);
      return plain as MiniSearch<unknown>;
    })()]) {
      expect(indexToBytes(index).equals(new IndexWriter().add(index).toBytes())).toBe(true);
    }
  });
});
