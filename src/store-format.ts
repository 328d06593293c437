/**
 * How understood articles are written in the persisted store: as positional arrays rather than objects.
 *
 * The same data as `Article`, but without a key repeated on each of the hundreds of thousands of
 * sentences, people and mentions, and with a sentence's text cut again from its paragraph rather than
 * stored twice. Strings that recur (mention words such as "he", names, cues) are shared again on loading,
 * so each is held once in memory however many times the articles use it.
 *
 * What most questions never look at is read when first used, so that a large library starts fast:
 * - an article's sentences are cut from its paragraphs when `article.sentences` is first read (a search
 *   finds sentences by id through the library's SentenceTable, which only needs their number);
 * - an article's people are in two parts. The people its quotes are attributed to (a few an article) are
 *   stored with the article and loaded with it. The others (everyone merely mentioned: about fifty an
 *   article in news, with every mention) are only needed by /who-is, the speaker lists and inspection, so
 *   they are stored apart, one line of JSON an article, and read when `article.people` is first used: at
 *   10,000 articles they were 45% of the start-up. `warmPeople` reads them all in the background.
 * Both stay own, enumerable properties: a loaded article compares, spreads and serialises as plain data.
 */
import type { Article, Mention, Person, Quote, QuoteKind, Sentence, SpeakerReference } from './model.ts';

type PackedQuote = [
  id: string,
  kind: QuoteKind,
  text: string,
  paragraph: number,
  sentences: number[],
  speaker: string | null,
  reference: SpeakerReference,
  speakerMention: string | null,
  cue: string | null,
];

type PackedPerson = [
  id: string,
  name: string,
  role: string | null,
  display: string,
  gender: Person['gender'],
  organisation: 0 | 1,
  /** text, paragraph, sentence of each mention in turn. */
  mentions: (string | number)[],
];

/** A person with their place in the article's list of people. */
type PlacedPerson = [position: number, ...person: PackedPerson];

export type PackedArticle = [
  id: string,
  title: string,
  date: string | null,
  source: string | null,
  file: string,
  paragraphs: string[],
  /** paragraph, index, start, end of each sentence in turn. */
  sentences: number[],
  /** Sentences whose text is not their paragraph's text between their offsets: [position, text]. */
  texts: [number, string][],
  quotes: PackedQuote[],
  /** The people quotes are attributed to. */
  speakers: PlacedPerson[],
  /** How many people the article has in all. */
  people: number,
];

/** The article's other people: one line of the store's people file. */
export type PackedOthers = PlacedPerson[];

export function packArticle(article: Article): { article: PackedArticle; others: PackedOthers } {
  const sentences: number[] = [];
  const texts: [number, string][] = [];
  article.sentences.forEach((sentence, i) => {
    sentences.push(sentence.paragraph, sentence.index, sentence.start, sentence.end);
    if (cut(article, sentence) !== sentence.text) texts.push([i, sentence.text]);
  });
  const quoted = new Set(article.quotes.map((q) => q.speaker));
  const speakers: PlacedPerson[] = [];
  const others: PlacedPerson[] = [];
  article.people.forEach((p, position) => {
    const packed: PlacedPerson = [
      position,
      p.id,
      p.name,
      p.role,
      p.display,
      p.gender,
      p.organisation ? 1 : 0,
      p.mentions.flatMap((m) => [m.text, m.paragraph, m.sentence]),
    ];
    (quoted.has(p.id) ? speakers : others).push(packed);
  });
  return {
    article: [
      article.id,
      article.title,
      article.date,
      article.source,
      article.file,
      article.paragraphs,
      sentences,
      texts,
      article.quotes.map((q) => [q.id, q.kind, q.text, q.paragraph, q.sentences, q.speaker, q.reference, q.speakerMention, q.cue]),
      speakers,
      article.people.length,
    ],
    others,
  };
}

/** Shares equal strings: one copy of "he" or "Lloyd Austin" for the whole library. */
export class Strings {
  private readonly seen = new Map<string, string>();
  of<T extends string | null>(text: T): T {
    if (text === null) return text;
    const known = this.seen.get(text);
    if (known !== undefined) return known as T;
    this.seen.set(text, text);
    return text;
  }
}

/** The people of a loaded article that quotes are attributed to, by id, without reading the others. */
const SPEAKERS = Symbol('speakers');
/** Reads the rest of a loaded article's people, once. */
const READ_PEOPLE = Symbol('read people');
/** How many sentences a loaded article has. */
const SENTENCE_COUNT = Symbol('sentence count');

type Loaded = Article & { [SPEAKERS]?: Map<string, Person>; [READ_PEOPLE]?: () => Person[]; [SENTENCE_COUNT]?: number };

/**
 * Unpacks an article. `others` gives the line of its other people, read when `article.people` is first
 * used; without it the article must have no other people.
 */
export function unpackArticle(packed: PackedArticle, strings: Strings = new Strings(), others?: () => string): Article {
  const [id, title, date, source, file, paragraphs, flat, texts, quotes, speakers, count] = packed;
  const article: Loaded = { id, title, date, source, file, paragraphs, sentences: [], quotes: [], people: [] };
  // Sentences are cut from their paragraphs when the article's sentences are first read (cheap, but at
  // 10,000 articles 800,000 objects that most questions never look at).
  const cutSentences = (): Sentence[] => {
    const sentences: Sentence[] = [];
    for (let at = 0; at < flat.length; at += 4) {
      const sentence: Sentence = { text: '', paragraph: flat[at]!, index: flat[at + 1]!, start: flat[at + 2]!, end: flat[at + 3]! };
      sentence.text = cut(article, sentence);
      sentences.push(sentence);
    }
    for (const [position, text] of texts) sentences[position]!.text = text;
    return sentences;
  };
  lazy(article, 'sentences', cutSentences);
  Object.defineProperty(article, SENTENCE_COUNT, { value: flat.length / 4 });
  article.quotes = quotes.map(
    ([id, kind, text, paragraph, sentences, speaker, reference, speakerMention, cue]): Quote => ({
      id,
      kind: strings.of(kind),
      text,
      paragraph,
      sentences,
      speaker: strings.of(speaker),
      reference: strings.of(reference),
      speakerMention: strings.of(speakerMention),
      cue: strings.of(cue),
    }),
  );
  const placed = speakers.map(([position, ...person]) => [position, unpackPerson(person, strings)] as const);
  const byId = new Map(placed.map(([, person]) => [person.id, person]));
  const read = (): Person[] => {
    const people: Person[] = new Array<Person>(count);
    for (const [position, person] of placed) people[position] = person;
    if (placed.length < count) {
      if (!others) throw new Error(`the other people of article ${id} are missing from the store`);
      for (const [position, ...person] of JSON.parse(others()) as PackedOthers) people[position] = unpackPerson(person, strings);
    }
    return people;
  };
  const people = lazy(article, 'people', read);
  Object.defineProperty(article, SPEAKERS, { value: byId });
  Object.defineProperty(article, READ_PEOPLE, { value: people });
  return article;
}

/**
 * Makes a property of an article computed when first read, then kept (an own, enumerable property, so the
 * article still compares, spreads and serialises as plain data). Returns the function that reads it.
 */
function lazy<K extends 'sentences' | 'people'>(article: Article, key: K, compute: () => Article[K]): () => Article[K] {
  let value: Article[K] | null = null;
  const get = () => (value ??= compute());
  Object.defineProperty(article, key, {
    enumerable: true,
    configurable: true,
    get,
    set: (next: Article[K]) => {
      value = next;
    },
  });
  return get;
}

/** How many sentences an article has, without cutting them for an article loaded from the store. */
export function sentenceCount(article: Article): number {
  return (article as Loaded)[SENTENCE_COUNT] ?? article.sentences.length;
}

function unpackPerson([id, name, role, display, gender, organisation, flatMentions]: PackedPerson, strings: Strings): Person {
  const mentions: Mention[] = [];
  for (let at = 0; at < flatMentions.length; at += 3) {
    mentions.push({
      text: strings.of(flatMentions[at] as string),
      paragraph: flatMentions[at + 1] as number,
      sentence: flatMentions[at + 2] as number,
    });
  }
  return {
    id: strings.of(id),
    name: strings.of(name),
    role: strings.of(role),
    display: strings.of(display),
    gender,
    organisation: organisation === 1,
    mentions,
  };
}

/**
 * The people of an article that quotes are attributed to, by id. For an article loaded from the store,
 * without reading its other people; for any other, from its people.
 */
export function speakersOf(article: Article): Map<string, Person> {
  return (article as Loaded)[SPEAKERS] ?? new Map(article.people.map((person) => [person.id, person]));
}

/**
 * Reads the other people of every loaded article, a few articles at a time between other work, so that
 * the first /who-is or speaker list after a start does not pay for all of them at once. Never keeps the
 * process alive on its own.
 */
export function warmPeople(articles: readonly Article[], chunk = 200): Promise<void> {
  return new Promise((resolve) => {
    let next = 0;
    const step = () => {
      const end = Math.min(articles.length, next + chunk);
      for (; next < end; next++) (articles[next] as Loaded)[READ_PEOPLE]?.();
      if (next < articles.length) setImmediate(step).unref();
      else resolve();
    };
    setImmediate(step).unref();
  });
}

/** A sentence's text as its paragraph holds it: a slice, which shares the paragraph's memory. */
function cut(article: Pick<Article, 'paragraphs'>, sentence: Sentence): string {
  return (article.paragraphs[sentence.paragraph - 1] ?? '').slice(sentence.start, sentence.end);
}
