/**
 * How understood articles are written in the persisted store: as positional arrays rather than objects.
 *
 * The same data as `Article`, but without a key repeated on each of the hundreds of thousands of
 * sentences, people and mentions, and with a sentence's text cut again from its paragraph rather than
 * stored twice (a quote's words too, where they stand in its paragraph). Strings that recur in people
 * (mention words such as "he", names, roles) are shared again on loading,
 * so each is held once in memory however many times the articles use it.
 *
 * What most questions never look at is read when first used, so that a large library starts fast:
 * - in the store, an article's paragraphs are read when `article.paragraphs` is first used (the store
 *   decodes a batch's text at once, see src/load/store.ts), and its quotes are in the library's quote table
 *   (src/search/quote-table.ts): the JSON holds only how many, and `article.quotes` builds them as
 *   objects when first read;
 * - an article's sentences are cut from its paragraphs when `article.sentences` is first read (a search
 *   finds sentences by id through the library's SentenceTable, which only needs their number, and cuts
 *   the ones it looks at alone: `sentenceOf`);
 * - an article's people are in two parts. The people its quotes are attributed to (a few an article) are
 *   stored with the article and loaded with it. The others (everyone merely mentioned: about fifty an
 *   article in news, with every mention) are only needed by /who-is, the speaker lists and inspection, so
 *   they are stored apart, one line of JSON an article, and read when `article.people` is first used: at
 *   10,000 articles they were 45% of the start-up, and hold 180 MB once read.
 * Both stay own, enumerable properties: a loaded article compares, spreads and serialises as plain data.
 */
import type { Article, Mention, Person, Quote, QuoteKind, Sentence, SpeakerReference } from '../model.ts';

type PackedQuote = [
  id: string,
  kind: QuoteKind,
  /** The quote's words, or where they stand in its paragraph: [start, end] (nearly always: no copy then). */
  text: string | [number, number],
  paragraph: number,
  sentences: number[],
  speaker: string | null,
  reference: SpeakerReference,
  speakerMention: string | null,
  cue: string | null,
  confidence: number,
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
  /** How many paragraphs (their text is in the batch's text file). */
  paragraphs: number,
  /** How many sentences (their offsets are in the batch's text file). */
  sentences: number,
  /** Sentences whose text is not their paragraph's text between their offsets: [position, text]. */
  texts: [number, string][],
  /** The quotes, or in the store how many (they are in the batch's quote table: src/search/quote-table.ts). */
  quotes: PackedQuote[] | number,
  /** The people quotes are attributed to. */
  speakers: PlacedPerson[],
  /** How many people the article has in all. */
  people: number,
];

/** The article's other people: one line of the store's people file. */
export type PackedOthers = PlacedPerson[];

/** An article packed: the JSON parts, and its text and sentence offsets for the batch's binary file. */
export interface Packed {
  article: PackedArticle;
  others: PackedOthers;
  paragraphs: string[];
  /** paragraph, index, start, end of each sentence in turn. */
  sentences: number[];
}

/** Packs an article; with `quotes: false`, its JSON holds only how many quotes it has (the store's quote table holds them). */
export function packArticle(article: Article, options: { quotes?: boolean } = {}): Packed {
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
      article.paragraphs.length,
      article.sentences.length,
      texts,
      options.quotes === false
        ? article.quotes.length
        : article.quotes.map((q) => [q.id, q.kind, quoteText(article, q), q.paragraph, q.sentences, q.speaker, q.reference, q.speakerMention, q.cue, q.confidence]),
      speakers,
      article.people.length,
    ],
    others,
    paragraphs: article.paragraphs,
    sentences,
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
/** What a loaded article reads when first asked. */
const REST = Symbol('rest');

type Loaded = Article & { [SPEAKERS]?: Map<string, Person>; [REST]?: Rest };

/** What an article is unpacked from besides its JSON. */
export interface Unpacking {
  /** Its quotes, read when `article.quotes` is first used, when the JSON holds only their number. */
  quotes?: () => Quote[];
  /** Its paragraphs' text, or how to read it when `article.paragraphs` is first used (the store's text is decoded a batch at a time, when first needed). */
  paragraphs: string[] | (() => string[]);
  /**
   * paragraph, index, start, end of each sentence in turn; or how to read them when first needed (the
   * store's offsets are read a batch at a time, with its text), the packed article giving how many there are.
   */
  sentences: ArrayLike<number> | (() => ArrayLike<number>);
  /** The line of its other people, read when `article.people` is first used (none: no other people). */
  others?: () => string;
  /** Shared strings, for the whole library. */
  strings?: Strings;
}

export function unpackArticle(packed: PackedArticle, unpacking: Unpacking): Article {
  const [id, title, date, source, file, paragraphCount, , texts, quotes, speakers, count] = packed;
  const { others = null, strings = new Strings() } = unpacking;
  const readFlat = typeof unpacking.sentences === 'function' ? unpacking.sentences : null;
  const flat = readFlat ? null : (unpacking.sentences as ArrayLike<number>);
  // The other properties are added below, in Article's order.
  const article = { id, title, date, source, file } as Loaded;
  const readParagraphs = typeof unpacking.paragraphs === 'function' ? unpacking.paragraphs : null;
  if (typeof quotes === 'number' && !unpacking.quotes) throw new Error(`the quotes of article ${id} are missing from the store`);
  const placed = speakers.map((packed): [number, Person] => [packed[0], unpackPerson(packed, strings, 1, true)]);
  const rest: Rest = {
    paragraphCount,
    readParagraphs,
    paragraphs: null,
    flat,
    readFlat,
    sentenceTotal: flat ? flat.length / 4 : packed[6],
    texts,
    placed,
    count,
    others,
    strings,
    readQuotes: unpacking.quotes ?? null,
    sentences: null,
    people: null,
    quotes: null,
  };
  // The same accessor functions for every article: no closure per article. Added as new properties, never
  // turned from data properties into accessors (which leaves an object in V8's slow dictionary mode).
  if (readParagraphs) Object.defineProperty(article, 'paragraphs', PARAGRAPHS);
  else article.paragraphs = unpacking.paragraphs as string[];
  Object.defineProperty(article, 'sentences', SENTENCES);
  Object.defineProperty(article, 'quotes', QUOTES);
  Object.defineProperty(article, 'people', PEOPLE);
  Object.defineProperty(article, REST, { value: rest });
  Object.defineProperty(article, SPEAKERS, { value: new Map(placed.map(([, person]) => [person.id, person])) });
  if (typeof quotes !== 'number') rest.quotes = quotes.map(
    ([id, kind, text, paragraph, sentences, speaker, reference, speakerMention, cue, confidence]): Quote => ({
      id,
      kind,
      text: typeof text === 'string' ? text : (article.paragraphs[paragraph - 1] ?? '').slice(text[0], text[1]),
      paragraph,
      sentences,
      speaker,
      reference,
      speakerMention,
      cue,
      confidence,
    }),
  );
  return article;
}

/** What a loaded article reads when first asked: its paragraphs, its sentences' offsets, its quotes, its other people. */
interface Rest {
  paragraphCount: number;
  /** Its paragraphs, when they are read when first asked for. */
  readParagraphs: (() => string[]) | null;
  paragraphs: string[] | null;
  /** Its sentences' offsets, once read (see `flatOf`). */
  flat: ArrayLike<number> | null;
  readFlat: (() => ArrayLike<number>) | null;
  /** How many sentences it has. */
  sentenceTotal: number;
  texts: [number, string][];
  placed: [number, Person][];
  count: number;
  others: (() => string) | null;
  strings: Strings;
  /** The quotes from the library's quote table, when the JSON held only their number. */
  readQuotes: (() => Quote[]) | null;
  sentences: Sentence[] | null;
  people: Person[] | null;
  quotes: Quote[] | null;
}

/** A loaded article's sentence offsets: read when first needed (with its batch's), then kept. */
function flatOf(rest: Rest): ArrayLike<number> {
  if (!rest.flat) {
    const flat = rest.readFlat!();
    if (flat.length !== 4 * rest.sentenceTotal) throw new Error('the sentence offsets do not match the article');
    rest.flat = flat;
  }
  return rest.flat;
}

/** Sentences are cut from their paragraphs when first read: cheap, but 800,000 objects at 10,000 articles. */
function cutSentences(article: Loaded, rest: Rest): Sentence[] {
  const { texts } = rest;
  const flat = flatOf(rest);
  const sentences: Sentence[] = [];
  for (let at = 0; at < flat.length; at += 4) {
    const sentence: Sentence = { text: '', paragraph: flat[at]!, index: flat[at + 1]!, start: flat[at + 2]!, end: flat[at + 3]! };
    sentence.text = cut(article, sentence);
    sentences.push(sentence);
  }
  for (const [position, text] of texts) sentences[position]!.text = text;
  return sentences;
}

function readPeople(article: Loaded, rest: Rest): Person[] {
  const people: Person[] = new Array<Person>(rest.count);
  for (const [position, person] of rest.placed) people[position] = person;
  if (rest.placed.length < rest.count) {
    if (!rest.others) throw new Error(`the other people of article ${article.id} are missing from the store`);
    for (const packed of JSON.parse(rest.others()) as PackedOthers) {
      people[packed[0]] = unpackPerson(packed, rest.strings, 1, false);
    }
  }
  return people;
}

/**
 * The accessor of a loaded article's sentences or people: computed when first read, then kept. One pair of
 * functions serves every article (no closure per article). It is an own, enumerable property, so the
 * article still compares, spreads and serialises as plain data.
 */
function lazyProperty<K extends 'paragraphs' | 'sentences' | 'people' | 'quotes'>(key: K, compute: (article: Loaded, rest: Rest) => Article[K]): PropertyDescriptor {
  return {
    enumerable: true,
    configurable: true,
    get(this: Loaded) {
      const rest = this[REST]!;
      return (rest[key] ??= compute(this, rest) as Rest[K]);
    },
    set(this: Loaded, value: Article[K]) {
      this[REST]![key] = value as Rest[K];
    },
  };
}

const SENTENCES = lazyProperty('sentences', cutSentences);
const PEOPLE = lazyProperty('people', readPeople);
const PARAGRAPHS = lazyProperty('paragraphs', (_, rest) => rest.readParagraphs!());

/** How many paragraphs an article has, without reading their text for an article loaded from the store. */
export function paragraphCount(article: Article): number {
  const rest = (article as Loaded)[REST];
  return rest && !rest.paragraphs && rest.readParagraphs ? rest.paragraphCount : article.paragraphs.length;
}
const QUOTES = lazyProperty('quotes', (_, rest) => rest.readQuotes!());

/**
 * The text of an article's sentence (article-wide index), '' when there is none. For an article loaded from
 * the store whose sentences have not been cut, it is cut alone: quoting a sentence does not cut them all.
 */
export function sentenceTextOf(article: Article, index: number): string {
  const rest = (article as Loaded)[REST];
  if (!rest || rest.sentences) return article.sentences[index]?.text ?? '';
  const { texts } = rest;
  if (!(index >= 0 && index < rest.sentenceTotal)) return '';
  const flat = flatOf(rest);
  for (const [position, text] of texts) if (position === index) return text;
  return (article.paragraphs[flat[4 * index]! - 1] ?? '').slice(flat[4 * index + 2]!, flat[4 * index + 3]!);
}

/**
 * An article's sentence (article-wide index). For an article loaded from the store whose sentences have not
 * been cut, a new object cut alone (equal to the one `article.sentences` would hold): a search that looks
 * at sixty sentences of sixty articles does not cut and keep all their sentences.
 */
export function sentenceOf(article: Article, index: number): Sentence | undefined {
  const rest = (article as Loaded)[REST];
  if (!rest || rest.sentences) return article.sentences[index];
  if (!(Number.isInteger(index) && index >= 0 && index < rest.sentenceTotal)) return undefined;
  const flat = flatOf(rest);
  const at = 4 * index;
  return { text: sentenceTextOf(article, index), paragraph: flat[at]!, index: flat[at + 1]!, start: flat[at + 2]!, end: flat[at + 3]! };
}

/**
 * The people of an article that quotes are attributed to, in the order of its people: for an article
 * loaded from the store, the ones loaded with it (its other people are not read for this).
 */
export function quotedPeopleOf(article: Pick<Article, 'quotes' | 'people'>): Person[] {
  const rest = (article as Loaded)[REST];
  if (rest) return rest.placed.map(([, person]) => person);
  const quoted = new Set(article.quotes.map((q) => q.speaker));
  return article.people.filter((p) => quoted.has(p.id));
}

/** How many sentences an article has, without cutting them for an article loaded from the store. */
export function sentenceCount(article: Article): number {
  const rest = (article as Loaded)[REST];
  return rest ? rest.sentenceTotal : article.sentences.length;
}

/**
 * A person unpacked from its packed fields, which start at `at` of `packed` (a PlacedPerson: after its
 * position). With `lazy`, its mentions are made when first read (the people quotes are attributed to are
 * loaded with their article at start-up, some 90,000 of them with 400,000 mentions at 10,000 articles, and
 * only /who-is, the speaker lists and inspections read mentions): `mentions` is then an own, enumerable
 * accessor, the same for every person, so the person still compares, spreads and serialises as plain data.
 */
function unpackPerson(packed: PackedPerson | PlacedPerson, strings: Strings, at: 0 | 1, lazy: boolean): Person {
  const flatMentions = packed[at + 6] as (string | number)[];
  const fields = {
    id: strings.of(packed[at] as string),
    name: strings.of(packed[at + 1] as string),
    role: strings.of(packed[at + 2] as string | null),
    display: strings.of(packed[at + 3] as string),
    gender: packed[at + 4] as Person['gender'],
    organisation: packed[at + 5] === 1,
  };
  if (!lazy) return { ...fields, mentions: mentionsOf(flatMentions, strings) };
  // `mentions` is added as an accessor, not turned from a data property into one (which would leave every
  // person an object in V8's slow dictionary mode): every lazy person shares one hidden class.
  const person = fields as LazyPerson;
  Object.defineProperty(person, 'mentions', MENTIONS);
  Object.defineProperty(person, UNREAD_MENTIONS, { value: { flat: flatMentions, strings, mentions: null } satisfies UnreadMentions, writable: true });
  return person;
}

/** A person's mentions from their packed form: text, paragraph, sentence of each in turn. */
function mentionsOf(flatMentions: (string | number)[], strings: Strings): Mention[] {
  const mentions: Mention[] = [];
  for (let at = 0; at < flatMentions.length; at += 3) {
    mentions.push({
      text: strings.of(flatMentions[at] as string),
      paragraph: flatMentions[at + 1] as number,
      sentence: flatMentions[at + 2] as number,
    });
  }
  return mentions;
}

/** A loaded person's mentions, before and after they are first read. */
interface UnreadMentions {
  flat: (string | number)[];
  strings: Strings;
  mentions: Mention[] | null;
}
const UNREAD_MENTIONS = Symbol('mentions');
type LazyPerson = Person & { [UNREAD_MENTIONS]?: UnreadMentions };

/** The accessor of a loaded person's mentions: made when first read, then kept (one pair of functions for every person). */
const MENTIONS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: LazyPerson) {
    const unread = this[UNREAD_MENTIONS]!;
    return (unread.mentions ??= mentionsOf(unread.flat, unread.strings));
  },
  set(this: LazyPerson, value: Mention[]) {
    this[UNREAD_MENTIONS]!.mentions = value;
  },
};

/**
 * The people of an article that quotes are attributed to, by id. For an article loaded from the store,
 * without reading its other people; for any other, from its people.
 */
export function speakersOf(article: Article): Map<string, Person> {
  return (article as Loaded)[SPEAKERS] ?? new Map(article.people.map((person) => [person.id, person]));
}

/** Where a quote's words stand in its paragraph, when they stand there as they are; else the words. */
function quoteText(article: Article, quote: Quote): string | [number, number] {
  const paragraph = article.paragraphs[quote.paragraph - 1] ?? '';
  const start = quote.text ? paragraph.indexOf(quote.text) : -1;
  return start >= 0 ? [start, start + quote.text.length] : quote.text;
}

/** A sentence's text as its paragraph holds it: a slice, which shares the paragraph's memory. */
function cut(article: Pick<Article, 'paragraphs'>, sentence: Sentence): string {
  return (article.paragraphs[sentence.paragraph - 1] ?? '').slice(sentence.start, sentence.end);
}
