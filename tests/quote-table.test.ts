/**
 * The quote table (src/search/quote-table.ts): the library's quotes as columns, persisted per batch of
 * articles in the store as `quotes-N.bin`. It must give back every quote as it was, read nothing per quote
 * until asked, and refuse a truncated or damaged file (the store is then rebuilt).
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArticleFiles, readArticleFiles } from '../src/article/load.ts';
import { loadLibrary } from '../src/load/open.ts';
import type { Article } from '../src/model.ts';
import { checksum, decodeQuotes, encodeQuotes, QUOTE_HEADER_BYTES, QuoteTable, QuoteTableAssembler, quoteTableCounts } from '../src/search/quote-table.ts';
import { STORE_DIR } from '../src/load/store.ts';
import { understandArticle } from '../src/understand.ts';

const SEED = '000_4cbc08951dad2f3b.txt';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function seedArticle(): Promise<Article> {
  const { files } = await readArticleFiles('data');
  return parseArticleFiles(files).articles.map(understandArticle)[0]!;
}

/** An article whose quotes take every unusual path: words not in their paragraph, a speaker no one is, no speaker, several sentences. */
function oddArticle(): Article {
  const article = understandArticle({
    id: 'odd',
    title: 'Odd',
    date: '2024-03-01',
    source: null,
    file: 'odd.txt',
    paragraphs: ['“We will rebuild the bridge. It will take a year,” said Mayor Ana Núñez.', 'Nobody else spoke – not even “the council”.'],
  });
  const [first] = article.quotes;
  expect(first).toBeDefined();
  article.quotes.push(
    { ...first!, id: 'q90', text: 'Words edited « after » the fact', speaker: 'p404', speakerMention: null, cue: null, confidence: 0.41 },
    { ...first!, id: 'q91', kind: 'indirect', text: '', speaker: null, reference: 'none', sentences: [0, 1, 2], confidence: 0 },
  );
  return article;
}

async function seedFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'byline-quotes-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await copyFile(path.join('data', SEED), path.join(dir, SEED));
  return dir;
}

describe('the quote table', () => {
  it('gives back every quote as it was, through the bytes, with the articles’ own speakers', async () => {
    const articles = [await seedArticle(), oddArticle()];
    const bytes = encodeQuotes(articles);
    const table = QuoteTable.assemble(articles, [{ articles: 2, columns: decodeQuotes(bytes) }]);
    expect(table.length).toBe(articles[0]!.quotes.length + articles[1]!.quotes.length);
    articles.forEach((article, a) => {
      expect(table.quotesOf(a)).toEqual(article.quotes);
      const { first, end } = table.range(a);
      expect(end - first).toBe(article.quotes.length);
      for (let id = first; id < end; id++) {
        const quote = article.quotes[id - first]!;
        expect(table.article[id]).toBe(a);
        expect(table.text(id)).toBe(quote.text);
        expect(table.context(id)).toBe(quote.sentences.map((s) => article.sentences[s]?.text ?? '').join(' '));
        // The very person of the article (people are told apart by identity), or null.
        const person = article.people.findLast((p) => p.id === quote.speaker) ?? null;
        expect(table.speakerOf(id)).toBe(person);
        expect(table.get(id)).toMatchObject({ id, article: a, speaker: person, quote, context: table.context(id) });
      }
    });
    expect(table.get(table.length)).toBeUndefined();
    expect(table.get(-1)).toBeUndefined();
  });

  it('joins batches into one table: ids, articles, strings and speakers run across them', async () => {
    const seed = await seedArticle();
    const odd = oddArticle();
    const articles = [odd, seed, odd, seed];
    const batches = [[odd, seed], [odd], [seed]].map((batch) => ({ articles: batch.length, columns: decodeQuotes(encodeQuotes(batch)) }));
    const joined = QuoteTable.assemble(articles, batches);
    const whole = QuoteTable.fromArticles(articles);
    expect(joined.length).toBe(whole.length);
    for (let a = 0; a < articles.length; a++) expect(joined.quotesOf(a)).toEqual(articles[a]!.quotes);
    for (let id = 0; id < whole.length; id++) {
      expect(joined.article[id]).toBe(whole.article[id]);
      expect(joined.speakerOf(id)).toBe(whole.speakerOf(id));
      expect(joined.quote(id)).toEqual(whole.quote(id));
    }
    expect(joined.range(3)).toEqual({ first: whole.length - articles[3]!.quotes.length, end: whole.length });
    expect(joined.range(articles.length)).toEqual({ first: 0, end: 0 });
  });

  it('is assembled a batch at a time from the counts in the batches\' headers, each batch\'s bytes let go once added', async () => {
    const seed = await seedArticle();
    const odd = oddArticle();
    const articles = [odd, seed, odd, seed];
    const files = [[odd, seed], [odd], [seed]].map((batch) => encodeQuotes(batch));
    const counts = files.map((bytes) => quoteTableCounts(bytes.subarray(0, QUOTE_HEADER_BYTES)));
    const assembler = new QuoteTableAssembler(
      counts.reduce((n, c) => n + c.count, 0),
      counts.reduce((n, c) => n + c.sentences, 0),
    );
    let first = 0;
    for (const [n, size] of [2, 1, 1].entries()) {
      // The batch's bytes are overwritten once added: the table holds copies.
      const bytes = Buffer.from(files[n]!);
      assembler.add(articles.slice(first, (first += size)), decodeQuotes(bytes));
      bytes.fill(0);
    }
    const table = assembler.finish(articles);
    const whole = QuoteTable.fromArticles(articles);
    expect(table.length).toBe(whole.length);
    for (let id = 0; id < whole.length; id++) expect(table.quote(id)).toEqual(whole.quote(id));
    // Counts that do not match the batches are refused.
    const short = new QuoteTableAssembler(counts[0]!.count, counts[0]!.sentences);
    short.add(articles.slice(0, 2), decodeQuotes(files[0]!));
    expect(() => short.add(articles.slice(2, 3), decodeQuotes(files[1]!))).toThrow(/more quotes than counted/);
    const long = new QuoteTableAssembler(counts[0]!.count + 1, counts[0]!.sentences);
    long.add(articles.slice(0, 2), decodeQuotes(files[0]!));
    expect(() => long.finish(articles.slice(0, 2))).toThrow(/fewer quotes than counted/);
    expect(() => quoteTableCounts(Buffer.alloc(QUOTE_HEADER_BYTES))).toThrow(/not a byline quote table/);
  });

  it('reads from bytes that do not start on an aligned offset', async () => {
    const articles = [await seedArticle()];
    const bytes = encodeQuotes(articles);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const table = QuoteTable.assemble(articles, [{ articles: 1, columns: decodeQuotes(shifted.subarray(3)) }]);
    expect(table.quotesOf(0)).toEqual(articles[0]!.quotes);
  });

  it('refuses bytes that are truncated, too long, damaged or not a quote table', async () => {
    const bytes = encodeQuotes([await seedArticle(), oddArticle()]);
    expect(() => decodeQuotes(bytes)).not.toThrow();
    expect(() => decodeQuotes(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => decodeQuotes(bytes.subarray(0, 16))).toThrow(/truncated/);
    expect(() => decodeQuotes(Buffer.concat([bytes, Buffer.from([0, 0])]))).toThrow(/truncated or too long/);
    // Any one byte of the body changed is caught by the checksum.
    for (const at of [32, 100, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = damaged[at]! ^ 0x10;
      expect(() => decodeQuotes(damaged), `byte ${at}`).toThrow(/checksum/);
    }
    const other = Buffer.from(bytes);
    other.writeUInt32LE(0x12345678, 0);
    expect(() => decodeQuotes(other)).toThrow(/not a byline quote table/);
    expect(checksum(Buffer.from('abcd'))).not.toBe(checksum(Buffer.from('abce')));
  });
});

describe('quotes in the persisted index', () => {
  it('are a table in the store: no quote object is built at start, nor by who-said, autocomplete, /quotes or /articles', async () => {
    const dir = await seedFolder();
    await loadLibrary(dir);
    const built = await loadLibrary(dir, { persist: false });
    const quote = vi.spyOn(QuoteTable.prototype, 'quote');
    const loaded = await loadLibrary(dir);
    expect(loaded.indexes.quoteEntries).toBeInstanceOf(QuoteTable);
    expect(loaded.indexes.quoteEntries.length).toBe(built.collection[0]!.quotes.length);
    const [a, b] = await Promise.all([built.whoSaid('tragic war of choice'), loaded.whoSaid('tragic war of choice')]);
    expect(b.answers).toEqual(a.answers);
    expect(await loaded.suggest('quote', 'tragic war')).toEqual(await built.suggest('quote', 'tragic war'));
    expect((await loaded.quotes('Austin')).quotes).toEqual((await built.quotes('Austin')).quotes);
    expect((await loaded.articles()).articles).toEqual((await built.articles()).articles);
    expect(quote).not.toHaveBeenCalled();
    // An article's quotes, when asked for, are built from the table once and then kept.
    const first = loaded.collection[0]!.quotes;
    expect(first).toEqual(built.collection[0]!.quotes);
    expect(quote.mock.calls.length).toBe(first.length);
    expect(loaded.collection[0]!.quotes).toBe(first);
    expect(quote.mock.calls.length).toBe(first.length);
  });

  it('decodes an article batch’s text only when a paragraph of it is first needed, once', async () => {
    const dir = await seedFolder();
    await loadLibrary(dir);
    const built = await loadLibrary(dir, { persist: false });
    const toString = vi.spyOn(Buffer.prototype, 'toString');
    // A text file's UTF-16 part is decoded from its offset (the quote table's few strings are decoded whole).
    const wide = () => toString.mock.calls.filter((args) => args[0] === 'utf16le' && args.length >= 2).length;
    const loaded = await loadLibrary(dir);
    // The seed's paragraphs have curly quotes: they are stored as UTF-16, and not decoded yet.
    expect(wide()).toBe(0);
    expect((await loaded.articles()).articles).toEqual((await built.articles()).articles);
    expect(wide()).toBe(0);
    expect(loaded.collection[0]!.paragraphs).toEqual(built.collection[0]!.paragraphs);
    expect(wide()).toBe(1);
    expect((await loaded.whoSaid('tragic war of choice')).answers).toEqual((await built.whoSaid('tragic war of choice')).answers);
    await loaded.warm();
    expect(wide()).toBe(1);
  });

  it('a loaded library reads its text and people later from the store it was loaded from, even once rebuilt', async () => {
    const dir = await seedFolder();
    await loadLibrary(dir);
    const inMemory = await loadLibrary(dir, { persist: false });
    const loaded = await loadLibrary(dir);
    // The store is rebuilt for a new file (written apart, the old folder removed) before anything is read.
    await writeFile(path.join(dir, 'extra.txt'), 'The mayor said, "The bridge will reopen on Monday."\n');
    let rebuilt = false;
    await loadLibrary(dir, { onBuild: () => (rebuilt = true) });
    expect(rebuilt).toBe(true);
    expect(loaded.collection).toEqual(inMemory.collection);
    expect((await loaded.whoIs('Austin')).people).toEqual((await inMemory.whoIs('Austin')).people);
  });

  for (const [damage, how] of [
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 7)],
    ['a byte changed', (bytes: Buffer) => Buffer.from(bytes).fill(0x5a, bytes.length >> 1, (bytes.length >> 1) + 1)],
    ['emptied', () => Buffer.alloc(0)],
  ] as const) {
    it(`rebuilds the index when the quote table is ${damage}`, async () => {
      const dir = await seedFolder();
      const first = await loadLibrary(dir);
      const file = path.join(dir, STORE_DIR, 'quotes-0.bin');
      const good = await readFile(file);
      const bad = how(good);
      expect(bad.equals(good)).toBe(false);
      await writeFile(file, bad);
      let rebuilt = false;
      const library = await loadLibrary(dir, { onBuild: () => (rebuilt = true) });
      expect(rebuilt).toBe(true);
      expect(await readFile(file)).toEqual(good);
      expect((await library.whoSaid('tragic war of choice')).answers).toEqual((await first.whoSaid('tragic war of choice')).answers);
      // And the rebuilt index is loaded as it is at the next start.
      rebuilt = false;
      await loadLibrary(dir, { onBuild: () => (rebuilt = true) });
      expect(rebuilt).toBe(false);
    });
  }

  it('rebuilds the index when a batch’s text is truncated', async () => {
    const dir = await seedFolder();
    await loadLibrary(dir);
    const first = await loadLibrary(dir, { persist: false });
    const file = path.join(dir, STORE_DIR, 'text-0.bin');
    const good = await readFile(file);
    await writeFile(file, good.subarray(0, good.length - 2));
    let rebuilt = false;
    const library = await loadLibrary(dir, { onBuild: () => (rebuilt = true) });
    expect(rebuilt).toBe(true);
    expect(await readFile(file)).toEqual(good);
    expect(library.collection).toEqual(first.collection);
  });
});
