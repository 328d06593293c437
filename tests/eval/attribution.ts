/**
 * Attribution measured against hand labels (tests/eval/labels/attribution.json): how many labelled quotes
 * byline finds, and how many of those it gives to the right speaker, by kind, by how the speaker is
 * referred to and by where the cue stands; and how many labelled non-quotes (titles, names, terms in quote
 * marks) it wrongly reports as quotes.
 *
 * Matching rules:
 * - a label is *found* when some quote of its article (same URL, or "seed") contains the label's opening
 *   words, both folded (curly quotes and apostrophes made straight, dashes unified, spacing collapsed, case
 *   ignored). A comma or period closing the opening is not required ("Navalny was poisoned." is found in
 *   the quote "Navalny was poisoned"): a quote's text leaves out the punctuation that closes it. When
 *   several quotes contain it, the one of the label's kind is taken, then the shortest;
 * - it is *correct* when that quote's speaker matches the label's speaker leniently: the label's last
 *   capitalised word (a surname, an organisation's last name word) is one of the words of the person's name
 *   or display; for a description without capitals ("the official"), its head noun (last word) is.
 *
 * Run alone (`npx tsx tests/eval/attribution.ts [--verbose]`) it reads the seed and ../shared's corpus,
 * attributes them and prints the figures with the time per article.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticleFile } from '../../src/article/parse.ts';
import { sentencesOf } from '../../src/understand.ts';
import { attribute } from '../../src/attribution/index.ts';
import type { Article, Person, Quote } from '../../src/model.ts';
import { articleFor, foldText, SEED_ID } from './corpus.ts';
import { speakerMatches } from './speakers.ts';

export interface AttributionLabel {
  url: string;
  opening: string;
  speaker: string;
  kind: string;
  reference: string;
  position?: string;
  paragraph?: number;
  note?: string;
  /** The speech verb or cue as written ("said", "praised", "according to"); test-split labels give it. */
  verb?: string;
}

export interface AttributionLabels {
  quotes: AttributionLabel[];
  non_quotes?: { url: string; opening: string }[];
  /** Speech verbs that report nothing ("plans to announce", "was praised by"): the words after the verb. */
  non_statements?: { url: string; opening: string }[];
}

export interface Tally {
  n: number;
  found: number;
  correct: number;
}

export interface AttributionError {
  url: string;
  opening: string;
  expected: string;
  /** What byline gave: "not found", or the speaker's display. */
  got: string;
  kind: string;
  reference: string;
  position?: string;
  /** The confidence byline gave the quote it found, null when it found none. */
  confidence?: number | null;
}

export interface AttributionEvaluation {
  total: number;
  /** Found / labelled. */
  quoteRecall: number;
  /** Correct speaker / found. */
  speakerAccuracy: number;
  byKind: Record<string, Tally>;
  byReference: Record<string, Tally>;
  byPosition: Record<string, Tally>;
  /**
   * By the article's genre: an interview (Wikinews titles its interviews "Wikinews interviews …", "… talks to
   * Wikinews", "Wikinews discusses …": the title names the publication) or news.
   */
  byGenre: Record<string, Tally>;
  /** Labelled non-quotes that byline reported as a quote. */
  nonQuotes: { n: number; taken: number; examples: string[] };
  /** Labelled non-statements that byline reported as reported speech. */
  nonStatements: { n: number; taken: number; examples: string[] };
  /** Reported speech whose label names a verb other than said/stated/told (labels with a `verb` only). */
  otherVerbs: Tally;
  /** Each found quote's confidence and whether its speaker is right, for calibration. */
  confidences: { confidence: number; correct: boolean }[];
  errors: AttributionError[];
}

/** The plain verbs of reporting; reported speech with any other verb is counted apart. */
const PLAIN_VERBS = new Set(['said', 'says', 'say', 'stated', 'states', 'state', 'told', 'tells', 'tell']);

/** Lenient speaker match (see tests/eval/speakers.ts): the label's surname or head noun among the person's words. */
export function sameSpeaker(person: Person | undefined, label: string): boolean {
  // Name and display together for a surname; each alone for an institution's initials ("WHO").
  return person !== undefined && [`${person.name} ${person.display}`, person.name, person.display].some((words) => speakerMatches(words, label));
}

function tally(table: Record<string, Tally>, key: string | undefined, found: boolean, correct: boolean): void {
  const row = (table[key ?? '—'] ??= { n: 0, found: 0, correct: 0 });
  row.n++;
  if (found) row.found++;
  if (correct) row.correct++;
}

/** A quote's confidence in its speaker (1 for a build that gives none). */
function confidenceOf(quote: Quote): number {
  const { confidence } = quote as Quote & { confidence?: number };
  return quote.speaker === null ? 0 : (confidence ?? 1);
}

/** The quote a label designates, or undefined when byline has none containing its opening. */
export function quoteFor(article: Article, opening: string, kind?: string): Quote | undefined {
  const wanted = foldText(opening).replace(/[,.]$/, '');
  const candidates = article.quotes.filter((quote) => foldText(quote.text).includes(wanted));
  candidates.sort((a, b) => Number(b.kind === kind) - Number(a.kind === kind) || a.text.length - b.text.length);
  return candidates[0];
}

/** Scores byline's attribution against the labels. */
export function evaluateAttribution(articles: readonly Article[], labels: AttributionLabels): AttributionEvaluation {
  const byKind: Record<string, Tally> = {};
  const byReference: Record<string, Tally> = {};
  const byPosition: Record<string, Tally> = {};
  const byGenre: Record<string, Tally> = {};
  const errors: AttributionError[] = [];
  const otherVerbs: Tally = { n: 0, found: 0, correct: 0 };
  const confidences: AttributionEvaluation['confidences'] = [];
  let found = 0;
  let correct = 0;
  for (const label of labels.quotes) {
    const article = articleFor(articles, label.url);
    const quote = article ? quoteFor(article, label.opening, label.kind) : undefined;
    const person = quote?.speaker ? article?.people.find((p) => p.id === quote.speaker) : undefined;
    const isCorrect = quote !== undefined && sameSpeaker(person, label.speaker);
    if (quote) found++;
    if (isCorrect) correct++;
    tally(byKind, label.kind, quote !== undefined, isCorrect);
    tally(byReference, label.reference, quote !== undefined, isCorrect);
    tally(byPosition, label.position, quote !== undefined, isCorrect);
    tally(byGenre, article && /wikinews/i.test(article.title) ? 'interview' : 'news', quote !== undefined, isCorrect);
    if (label.kind === 'indirect' && label.verb && !PLAIN_VERBS.has(label.verb.toLowerCase())) {
      otherVerbs.n++;
      if (quote) otherVerbs.found++;
      if (isCorrect) otherVerbs.correct++;
    }
    if (quote) confidences.push({ confidence: confidenceOf(quote), correct: isCorrect });
    if (!isCorrect) {
      errors.push({
        url: label.url,
        opening: label.opening,
        expected: label.speaker,
        got: !article ? 'article not loaded' : !quote ? 'not found' : person ? person.display : 'no speaker',
        kind: label.kind,
        reference: label.reference,
        position: label.position,
        confidence: quote ? confidenceOf(quote) : null,
      });
    }
  }
  const nonQuoteLabels = labels.non_quotes ?? [];
  const examples: string[] = [];
  for (const label of nonQuoteLabels) {
    const article = articleFor(articles, label.url);
    const quote = article?.quotes.find((q) => q.kind !== 'indirect' && foldText(q.text).startsWith(foldText(label.opening)));
    if (quote) examples.push(label.opening);
  }
  const nonStatementLabels = labels.non_statements ?? [];
  const statementExamples: string[] = [];
  for (const label of nonStatementLabels) {
    const article = articleFor(articles, label.url);
    const opening = foldText(label.opening);
    if (article?.quotes.some((q) => q.kind === 'indirect' && foldText(q.text).startsWith(opening))) statementExamples.push(label.opening);
  }
  return {
    total: labels.quotes.length,
    quoteRecall: labels.quotes.length ? found / labels.quotes.length : 0,
    speakerAccuracy: found ? correct / found : 0,
    byKind,
    byReference,
    byPosition,
    byGenre,
    nonQuotes: { n: nonQuoteLabels.length, taken: examples.length, examples },
    nonStatements: { n: nonStatementLabels.length, taken: statementExamples.length, examples: statementExamples },
    otherVerbs,
    confidences,
    errors,
  };
}


/** Reads the seed and the corpus and attributes every article, timing attribution alone. */
export function attributeCorpus(root: string): { articles: Article[]; msPerArticle: number; cpuMsPerArticle: number } {
  const seed = parseArticleFile(`${SEED_ID}.txt`, readFileSync(path.join(root, 'data', `${SEED_ID}.txt`), 'utf8'));
  const corpus = parseArticleFile('wikinews-2020.csv', readFileSync(path.join(root, '../shared/corpus/wikinews-2020.csv'), 'utf8'));
  const texts = [...seed.articles, ...corpus.articles];
  const split = texts.map((text) => ({ text, sentences: sentencesOf(text) }));
  const start = performance.now();
  const cpu = process.cpuUsage();
  const articles = split.map(({ text, sentences }) => ({ ...text, sentences, ...attribute(text, sentences) }));
  const used = process.cpuUsage(cpu);
  return { articles, msPerArticle: (performance.now() - start) / texts.length, cpuMsPerArticle: (used.user + used.system) / 1000 / texts.length };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const labels = JSON.parse(readFileSync(path.join(root, 'tests/eval/labels/attribution.json'), 'utf8')) as AttributionLabels;
  const { articles, msPerArticle, cpuMsPerArticle } = attributeCorpus(root);
  const result = evaluateAttribution(articles, labels);
  console.log(`${articles.length} articles, attribution ${msPerArticle.toFixed(2)} ms per article (${cpuMsPerArticle.toFixed(2)} ms CPU)`);
  console.log(`quote recall ${percent(result.quoteRecall * result.total, result.total)}, speaker accuracy ${(result.speakerAccuracy * 100).toFixed(1)}%`);
  for (const [name, table] of [['kind', result.byKind], ['reference', result.byReference], ['position', result.byPosition]] as const) {
    for (const [key, row] of Object.entries(table)) {
      console.log(`  ${name} ${key.padEnd(13)} n=${String(row.n).padStart(3)} found ${percent(row.found, row.n).padStart(6)} speaker ${percent(row.correct, row.found).padStart(6)}`);
    }
  }
  console.log(`non-quotes taken as quotes: ${result.nonQuotes.taken}/${result.nonQuotes.n} ${result.nonQuotes.examples.join(' | ')}`);
  if (process.argv.includes('--verbose')) for (const error of result.errors) console.log(JSON.stringify(error));
}
