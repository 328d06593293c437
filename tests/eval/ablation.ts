/**
 * What each ranking stage buys, in figures (`npm run eval -- --ablation`): the same evaluation with one
 * stage of byline's ranking turned off at a time, and with a plain MiniSearch index (default options:
 * its own tokenizer, no stemming, no stop words, no synonyms, BM25 order, no threshold) in its place.
 */
import MiniSearch from 'minisearch';
import { FULL_RANKING, type Library, type Ranking } from '../../src/library.ts';
import { articleFor, foldText } from './corpus.ts';
import type { RetrievalLabel } from './retrieval.ts';
import { evaluateRetrieval } from './retrieval.ts';
import { speakerMatches } from './speakers.ts';
import { evaluateAbsent, evaluateWhoSaid, fragmentFor, misremember, type QuoteLabel } from './who-said.ts';

export interface AblationRow {
  variant: string;
  exactTop1: number;
  variantTop1: number;
  noMatch: number;
  hit1: number;
  hit3: number;
  mrr: number;
}

const VARIANTS: [string, Partial<Ranking>][] = [
  ['byline (all stages)', {}],
  ['without synonyms', { synonyms: false }],
  ['without typo tolerance', { fuzzy: false }],
  ['without re-ranking and threshold', { rerank: false }],
  ['without lead and title priors', { newsPriors: false }],
];

export async function ablation(library: Library, quotes: QuoteLabel[], absent: string[], topics: RetrievalLabel[]): Promise<AblationRow[]> {
  const rows: AblationRow[] = [];
  for (const [variant, change] of VARIANTS) {
    // The stages are the questions' own: the library holds no switch.
    const ranking = { ...FULL_RANKING, ...change };
    const whoSaid = await evaluateWhoSaid(library, quotes, ranking);
    const none = await evaluateAbsent(library, absent, ranking);
    const retrieval = await evaluateRetrieval(library, topics, ranking);
    rows.push({
      variant,
      exactTop1: whoSaid.exactTop1 / whoSaid.asked,
      variantTop1: whoSaid.variantTop1 / whoSaid.asked,
      noMatch: none.noMatch / none.asked,
      hit1: retrieval.hit1,
      hit3: retrieval.hit3,
      mrr: retrieval.mrr,
    });
  }
  rows.push(plainMiniSearch(library, quotes, absent, topics));
  return rows;
}

/** The same questions answered by MiniSearch with default options over the same quotes and sentences. */
function plainMiniSearch(library: Library, quotes: QuoteLabel[], absent: string[], topics: RetrievalLabel[]): AblationRow {
  const { quoteEntries, sentenceEntries } = library.indexes;
  const quoteIndex = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  quoteIndex.addAll(Array.from({ length: quoteEntries.length }, (_, id) => ({ id, text: `${quoteEntries.text(id)} ${quoteEntries.context(id)}` })));
  const sentenceIndex = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  sentenceIndex.addAll(Array.from({ length: sentenceEntries.length }, (_, id) => ({ id, text: sentenceEntries.at(id)!.sentence.text })));

  let asked = 0;
  let exact = 0;
  let variant = 0;
  for (const label of quotes) {
    const article = articleFor(library.collection, label.url);
    const fragment = article ? fragmentFor(article, label) : null;
    if (!fragment) continue;
    asked++;
    const speakerOf = (text: string) => quoteEntries.get(quoteIndex.search(text)[0]?.id as number)?.speaker?.display;
    if (speakerMatches(speakerOf(fragment), label.speaker)) exact++;
    if (speakerMatches(speakerOf(misremember(fragment, `${label.url}|${label.opening}|variant`)), label.speaker)) variant++;
  }
  const noMatch = absent.filter((quote) => quoteIndex.search(quote).length === 0).length;

  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  for (const label of topics) {
    const relevant = label.relevant.map((r) => ({ id: articleFor(library.collection, r.url)?.id, opening: foldText(r.opening) }));
    const ranked = sentenceIndex.search(label.query).slice(0, 5);
    const rank = ranked.findIndex((hit) => {
      const entry = sentenceEntries.at(hit.id as number)!;
      const id = library.collection[entry.article]!.id;
      return relevant.some((r) => r.id === id && foldText(entry.sentence.text).includes(r.opening));
    });
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  return {
    variant: 'plain MiniSearch (default options)',
    exactTop1: exact / asked,
    variantTop1: variant / asked,
    noMatch: noMatch / absent.length,
    hit1: hit1 / topics.length,
    hit3: hit3 / topics.length,
    mrr: reciprocal / topics.length,
  };
}

export function ablationTable(rows: AblationRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    '| ranking | who-said top-1 (exact) | who-said top-1 (misremembered) | "no match" on absent quotes | what-happened hit@1 | hit@3 | MRR |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(`| ${r.variant} | ${pct(r.exactTop1)} | ${pct(r.variantTop1)} | ${pct(r.noMatch)} | ${pct(r.hit1)} | ${pct(r.hit3)} | ${r.mrr.toFixed(3)} |`);
  }
  return lines.join('\n');
}
