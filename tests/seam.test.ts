/**
 * The seam between the queries and the library (src/seam.ts, issue #13): filters given as data, the
 * ranking stages passed per question, and the queries answering through any view and index — here one
 * that answers only after a turn of the event loop, as a database would, and refuses to be read before
 * the rows were loaded — exactly as through the embedded library.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServerLibrary } from '../src/engine.ts';
import { ServerEngine } from '../src/guild/compose.ts';
import { FULL_RANKING, Library } from '../src/library.ts';
import { loadLibrary } from '../src/load/open.ts';
import { askSuggest, askWhatHappened, askWhoSaid } from '../src/queries/ask.ts';
import { asking } from '../src/queries/context.ts';
import type { Collection, LibraryView, LoadRequest, QuoteView, SearchIndex } from '../src/seam.ts';

let seed: Library;
let town: Library;
beforeAll(async () => {
  seed = await loadLibrary('data', { persist: false });
  town = await Library.fromTexts([
    {
      id: 'town-hall',
      title: 'Mayor answers questions on the harbour bridge',
      date: '2024-03-04',
      source: null,
      file: 'town-hall.txt',
      paragraphs: [
        'The mayor spoke at the town hall on Monday about the harbour bridge.',
        '“The harbour bridge will reopen in the spring,” the mayor, Anna Berg, said.',
        'Councillor Tom Reed said the repairs had cost more than planned.',
      ],
    },
    {
      id: 'school',
      title: 'New school opens',
      date: '2024-02-01',
      source: null,
      file: 'school.txt',
      paragraphs: ['“The new school will open its doors to every child,” headteacher Maria Lopez said.', 'The harbour bridge was closed that day.'],
    },
  ]);
});

describe('the search index takes its filters as data', () => {
  it('narrows quotes, sentences and titles to one article', async () => {
    const plan = asking(town).plan('harbour bridge');
    const all = await town.index.candidates('sentences', plan);
    const articles = new Set(all.map((c) => town.view.sentenceArticle(c.id)));
    expect(articles).toEqual(new Set([0, 1]));
    const school = await town.index.candidates('sentences', plan, { filter: { article: 1 } });
    expect(school.length).toBeGreaterThan(0);
    expect(school.every((c) => town.view.sentenceArticle(c.id) === 1)).toBe(true);
    const quotes = await town.index.candidates('quotes', asking(town).plan('school doors child'), { filter: { article: 0 } });
    expect(quotes).toEqual([]);
    const titles = await town.index.candidates('titles', asking(town).plan('school'), { filter: { article: 0 } });
    expect(titles).toEqual([]);
    expect((await town.index.candidates('titles', asking(town).plan('school'))).map((c) => c.id)).toEqual([1]);
  });

  it('narrows quotes to a kind, and finds no sentence or title of a kind of quote', async () => {
    const plan = asking(seed).plan('diplomacy defense war Russia said');
    const all = await seed.index.candidates('quotes', plan);
    const kinds = new Set(all.map((c) => seed.view.quotes.kind(c.id)));
    expect(kinds.size).toBeGreaterThan(1);
    for (const kind of kinds) {
      const only = await seed.index.candidates('quotes', plan, { filter: { kind } });
      expect(only.map((c) => c.id).sort()).toEqual(all.filter((c) => seed.view.quotes.kind(c.id) === kind).map((c) => c.id).sort());
    }
    expect(await seed.index.candidates('sentences', plan, { filter: { kind: 'direct' } })).toEqual([]);
  });

  it('answers for its own collection only: the shared library is server null', async () => {
    const plan = asking(town).plan('harbour bridge');
    const all = await town.index.candidates('sentences', plan);
    expect(await town.index.candidates('sentences', plan, { filter: { server: null } })).toEqual(all);
    expect(await town.index.candidates('sentences', plan, { filter: { server: '123456789012345678' } })).toEqual([]);
    expect(town.view.server).toBeNull();
  });

  it('keeps the best candidates up to a limit, in order', async () => {
    const plan = asking(seed).plan('war Russia Ukraine diplomacy');
    const all = await seed.index.candidates('sentences', plan);
    expect(all.length).toBeGreaterThan(3);
    expect(await seed.index.candidates('sentences', plan, { limit: 3 })).toEqual(all.slice(0, 3));
    for (let i = 1; i < all.length; i++) expect(all[i]!.score).toBeLessThanOrEqual(all[i - 1]!.score);
  });
});

describe('the ranking stages are passed per question', () => {
  it('holds no switch on the library: a question without re-ranking leaves the next one whole', async () => {
    expect('ranking' in seed).toBe(false);
    // A quote in no article: the threshold of the re-ranking says "no match"; without it, the best candidate is taken.
    const absent = 'the weather in spring was lovely for the war';
    const full = await seed.whoSaid(absent);
    expect(full.answers).toEqual([]);
    const [plain, again] = await Promise.all([seed.whoSaid(absent, {}, { ...FULL_RANKING, rerank: false }), seed.whoSaid(absent)]);
    expect(plain.answers.length).toBeGreaterThan(0);
    expect(plain.answers[0]!.score).toBe(1);
    expect({ ...again, ms: 0 }).toEqual({ ...full, ms: 0 });
  });

  it('turns synonyms off for that question only', async () => {
    const without = asking(seed, { ...FULL_RANKING, synonyms: false });
    const term = without.plan('meeting').terms[0]!;
    expect(without.synonyms(term).size).toBe(0);
    expect(asking(seed).synonyms(term).size).toBeGreaterThan(0);
    expect(without.plan('top diplomat meeting').expansions.size).toBe(0);
    expect(asking(seed).plan('top diplomat meeting').expansions.size).toBeGreaterThan(0);
  });
});

/**
 * A library as a database would serve it: candidates and loads answer after a turn of the event loop, and
 * a quote or sentence read before it was loaded is an error.
 */
function remote(library: Library): Collection & { loads: LoadRequest[]; unloaded: string[] } {
  const quotes = new Set<number>();
  const sentences = new Set<number>();
  const loads: LoadRequest[] = [];
  const unloaded: string[] = [];
  const later = () => new Promise((resolve) => setTimeout(resolve, 1));
  const inner = library.view;
  const quoteRead = (id: number) => {
    if (!quotes.has(id)) unloaded.push(`quote ${id}`);
  };
  const quoteView: QuoteView = {
    get length() {
      return inner.quotes.length;
    },
    articleOf: (id) => inner.quotes.articleOf(id),
    paragraphOf: (id) => (quoteRead(id), inner.quotes.paragraphOf(id)),
    confidenceOf: (id) => (quoteRead(id), inner.quotes.confidenceOf(id)),
    kind: (id) => (quoteRead(id), inner.quotes.kind(id)),
    text: (id) => (quoteRead(id), inner.quotes.text(id)),
    context: (id) => (quoteRead(id), inner.quotes.context(id)),
    quoteId: (id) => inner.quotes.quoteId(id),
    speakerOf: (id) => (quoteRead(id), inner.quotes.speakerOf(id)),
    speakerId: (id) => inner.quotes.speakerId(id),
    range: (article) => inner.quotes.range(article),
  };
  const view: LibraryView = {
    server: null,
    size: inner.size,
    article: (i) => inner.article(i),
    ref: (i) => inner.ref(i),
    hasId: (id) => inner.hasId(id),
    counts: (article) => inner.counts(article),
    resolveArticle: (value) => inner.resolveArticle(value),
    get byRecency() {
      return inner.byRecency;
    },
    newestFirst: (indexes) => inner.newestFirst(indexes),
    quotes: quoteView,
    sentence: (id) => {
      if (!sentences.has(id)) unloaded.push(`sentence ${id}`);
      return inner.sentence(id);
    },
    sentenceArticle: (id) => inner.sentenceArticle(id),
    firstSentence: (article) => inner.firstSentence(article),
    async load(request) {
      await later();
      loads.push(request);
      for (const id of request.quotes ?? []) quotes.add(id);
      for (const id of request.sentences ?? []) sentences.add(id);
    },
    async people(request) {
      await later();
      return inner.people(request);
    },
  };
  const index: SearchIndex = {
    vocabulary: library.index.vocabulary,
    async candidates(name, plan, request) {
      await later();
      return library.index.candidates(name, plan, request);
    },
  };
  return { view, index, loads, unloaded };
}

describe('the queries through another library view and index', () => {
  const whoSaid = ['diplomacy means also defense', 'tragic war of choice', 'diplomacy mean also defnse', 'the weather in spring was lovely'];
  const topics = ['Lavrov Paris', 'Blinken meeting', 'sanctions'];

  it('answer /who-said and /what-happened exactly as the embedded library, reading only what they loaded', async () => {
    const other = remote(seed);
    for (const query of whoSaid) {
      const expected = await seed.whoSaid(query);
      expect({ ...(await askWhoSaid(other, query)), ms: 0 }, query).toEqual({ ...expected, ms: 0 });
    }
    for (const topic of topics) {
      const expected = await seed.whatHappened(topic);
      expect({ ...(await askWhatHappened(other, topic)), ms: 0 }, topic).toEqual({ ...expected, ms: 0 });
    }
    expect(other.unloaded).toEqual([]);
    expect(other.loads.length).toBeGreaterThan(0);
  });

  it('answer autocomplete the same, loading the quotes they show', async () => {
    const other = remote(seed);
    for (const typed of ['diplomacy me', 'war of cho', '']) {
      expect(await askSuggest(other, 'quote', typed), typed).toEqual(await seed.suggest('quote', typed));
    }
    expect(other.unloaded).toEqual([]);
  });

  it('are what a server composes: the server engine over such libraries answers as over the embedded ones', async () => {
    const server = { guildId: '123456789012345678' } as ServerLibrary;
    const embedded = new ServerEngine(() => seed, async () => [town], server);
    const other = new ServerEngine(() => remote(seed), async () => [remote(town)], server);
    const strip = <T extends { ms: number }>(answer: T) => ({ ...answer, ms: 0 });
    expect(strip(await other.whoSaid('harbour bridge will reopen'))).toEqual(strip(await embedded.whoSaid('harbour bridge will reopen')));
    expect(strip(await other.whoSaid('diplomacy means also defense'))).toEqual(strip(await embedded.whoSaid('diplomacy means also defense')));
    expect(strip(await other.whatHappened('harbour bridge'))).toEqual(strip(await embedded.whatHappened('harbour bridge')));
    expect(strip(await other.whatHappened(null))).toEqual(strip(await embedded.whatHappened(null)));
    expect(strip(await other.articles())).toEqual(strip(await embedded.articles()));
    expect(await other.suggest('article', 'harb')).toEqual(await embedded.suggest('article', 'harb'));
    expect((await other.inspect()).map((a) => a.id)).toEqual([...seed.collection, ...town.collection].map((a) => a.id));
  });
});
