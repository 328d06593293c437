/**
 * The PostgreSQL library view behind the seam (src/seam.ts). What every question may read of the whole
 * library is held from the start, and is small: each article's id, title, date and source, where its
 * sentences and quotes are numbered, per quote its article, id, kind, paragraph, confidence and speaker,
 * and the people who are quoted (name, role, introduction; not where they are mentioned). What a question
 * reads of a few rows — a quote's words and its sentence, an article's paragraphs, sentences, quotes and
 * people — is fetched by `load` in one round trip, once it knows its candidates; people are looked up by
 * the words of their name (`people`, a GIN index on each person's words). What was loaded is kept in two
 * generations of recent loads (`Recent`), so memory does not grow with what was asked.
 *
 * Reading a row that was not loaded is a programming error, said as such (never a silent empty answer).
 */
import type pg from 'pg';
import { ArticleListView } from '../articles-view.ts';
import type { Article, Mention, Person, Quote, Sentence, SpeakerReference } from '../model.ts';
import type { LibraryView, LoadRequest, PeopleRequest, PersonFound, QuoteView } from '../seam.ts';
import { FORMAT } from './ingest.ts';
import type { SentenceEntry } from '../search/index.ts';
import { QuoteRows } from '../search/quote-table.ts';

export class NotLoaded extends Error {
  constructor(what: string) {
    super(`${what} was read before it was loaded from the database (LibraryView.load)`);
    this.name = 'NotLoaded';
  }
}

/**
 * The keys loaded lately, in two generations: what a `load` asks for joins the newer one (already at hand
 * or fetched); when it is full, the older is let go (what it alone held is dropped from memory) and the
 * newer becomes the older. What a question loaded thus stays readable until a generation's worth of other
 * loads has come after it. A `load` in flight pins what it asked for (`pin`, `unpin`) until the question
 * awaiting it has read its rows: when many questions are answered at once, the others' loads never let go
 * of rows one of them is about to read, however many they load meanwhile.
 */
export class Recent {
  private newer = new Set<number>();
  private older = new Set<number>();
  private readonly pins = new Map<number, number>();
  constructor(private readonly capacity: number) {}
  has(key: number): boolean {
    return this.newer.has(key) || this.older.has(key);
  }
  get size(): number {
    return this.newer.size + this.older.size;
  }
  /** Marks keys as loaded now; returns the keys let go (held by no generation any more, and pinned by no load). */
  keep(keys: Iterable<number>): number[] {
    for (const key of keys) this.newer.add(key);
    if (this.newer.size < this.capacity) return [];
    const dropped: number[] = [];
    for (const key of this.older) {
      // Everything asked for now is in the generation kept; what a load in flight asked for moves along.
      if (this.newer.has(key)) continue;
      if (this.pins.has(key)) this.newer.add(key);
      else dropped.push(key);
    }
    this.older = this.newer;
    this.newer = new Set();
    return dropped;
  }
  /** Keys a load in flight will read: not let go until unpinned (as many times as pinned). */
  pin(keys: readonly number[]): void {
    for (const key of keys) this.pins.set(key, (this.pins.get(key) ?? 0) + 1);
  }
  unpin(keys: readonly number[]): void {
    for (const key of keys) {
      const count = this.pins.get(key) ?? 0;
      if (count <= 1) this.pins.delete(key);
      else this.pins.set(key, count - 1);
    }
  }
}

/**
 * How many articles, quotes and sentences (and articles whose people) a view keeps loaded (each, per
 * generation of `Recent`). A question loads 40 quotes (who-said), about 150 sentences and 1–3 articles
 * whole (what-happened), 150 quotes (quote autocomplete), the articles of the people a name finds
 * (/who-is); an article whole, with its sentences, quotes and people, holds about 45 KB. Each was 10–40
 * times this until the PostgreSQL bot was measured holding 600 MB at 10,000 articles.
 */
export const VIEW_CACHE: ViewCache = { articles: 50, quotes: 2_000, sentences: 2_000, people: 50 };

export interface ViewCache {
  articles: number;
  quotes: number;
  sentences: number;
  people?: number;
}

/** A person's key in the view: their article and place in it. */
const personKey = (article: number, position: number) => article * 0x100000 + position;

/** A row of `people` as the view reads it. */
type PersonRow = [article: number, position: number, pid: string, name: string, role: string | null, display: string, gender: Person['gender'], organisation: boolean, mentions?: Mention[]];

/**
 * A person as the view holds them: the fields at once, `mentions` once their article's people (or they)
 * were read; a quoted person is held for the life of the view, their mentions only while loaded. Reading
 * mentions not loaded is an error said as such. One class, its getter on the prototype: a getter defined
 * on each person (a closure and an object of its own shape each) held 760 bytes a person, some 70 MB for
 * the 90,000 quoted people of 10,000 articles.
 */
class StoredPerson implements Person {
  #mentions: Mention[] | null = null;
  /** The id of the person's article (for the error's message). */
  readonly #article: string;
  constructor(
    readonly id: string,
    readonly name: string,
    readonly role: string | null,
    readonly display: string,
    readonly gender: Person['gender'],
    readonly organisation: boolean,
    article: string,
  ) {
    this.#article = article;
  }
  get mentions(): Mention[] {
    if (this.#mentions === null) throw new NotLoaded(`the mentions of ${this.id} of article ${this.#article}`);
    return this.#mentions;
  }
  set mentions(mentions: Mention[] | null) {
    this.#mentions = mentions;
  }
  /** As the embedded library's person reads in JSON (`inspect`): its fields, mentions included. */
  toJSON(): Person {
    const { id, name, role, display, gender, organisation, mentions } = this;
    return { id, name, role, display, gender, organisation, mentions };
  }
}

/** The one copy of each string of the people held for the life of a view (a speaker's name recurs in every article quoting them). */
type Strings = Map<string, string>;
function once<T extends string | null>(strings: Strings | null, value: T): T {
  if (value === null || strings === null) return value;
  const held = strings.get(value);
  if (held !== undefined) return held as T;
  strings.set(value, value);
  return value;
}

function personOf([, , id, name, role, display, gender, organisation]: PersonRow, article: string, strings: Strings | null = null): StoredPerson {
  return new StoredPerson(once(strings, id), once(strings, name), once(strings, role), once(strings, display), gender, organisation, article);
}

function forgetMentions(person: Person): void {
  (person as StoredPerson).mentions = null;
}

function setMentions(person: Person, mentions: Mention[]): void {
  person.mentions = mentions;
}

/** What an article's heavy part holds once loaded. */
interface Body {
  paragraphs: string[];
  sentences: Sentence[];
  quotes: Quote[];
}

/** An article of the database: its catalogue fields at once, its body once loaded. */
class StoredArticle implements Article {
  body: Body | null = null;
  /** Every person of the article, in its order, once read. */
  everyone: Person[] | null = null;
  constructor(
    readonly id: string,
    readonly title: string,
    readonly date: string | null,
    readonly source: string | null,
    readonly file: string,
    /** How many paragraphs it has (/articles reads it without the text). */
    readonly paragraphCount: number,
  ) {}
  get people(): Person[] {
    if (!this.everyone) throw new NotLoaded(`the people of article ${this.id}`);
    return this.everyone;
  }
  private need(): Body {
    if (!this.body) throw new NotLoaded(`the text of article ${this.id}`);
    return this.body;
  }
  get paragraphs(): string[] {
    return this.need().paragraphs;
  }
  get sentences(): Sentence[] {
    return this.need().sentences;
  }
  get quotes(): Quote[] {
    return this.need().quotes;
  }
}

/**
 * Short ids of an article's quotes and people (`q3`, `p12`) as the number after their letter (-1 for none),
 * four bytes a quote rather than a string: at 100,000 articles the view holds some six million of each.
 * An id of another form keeps the column as strings.
 */
export class ShortIds {
  private constructor(
    private readonly letter: string,
    private readonly numbers: Int32Array | null,
    private readonly strings: (string | null)[] | null,
  ) {}
  /** From the ids joined by commas (empty for none, when `nullable`), or null when one is not `letter` and a number. */
  static parse(letter: string, joined: string, count: number, nullable = false): ShortIds | null {
    const numbers = new Int32Array(count);
    if (count === 0) return joined === '' ? new ShortIds(letter, numbers, null) : null;
    let at = 0;
    let value = -1;
    let digits = 0;
    let fresh = true;
    for (let i = 0; i <= joined.length; i++) {
      const code = i < joined.length ? joined.charCodeAt(i) : 44;
      if (code === 44) {
        if (at >= count || (!fresh && digits === 0) || (fresh && !nullable)) return null;
        numbers[at++] = fresh ? -1 : value;
        value = -1;
        digits = 0;
        fresh = true;
      } else if (fresh) {
        if (joined[i] !== letter) return null;
        fresh = false;
        value = 0;
      } else if (code >= 48 && code <= 57 && digits < 9 && !(digits === 1 && value === 0)) {
        value = value * 10 + (code - 48);
        digits++;
      } else return null;
    }
    return at === count ? new ShortIds(letter, numbers, null) : null;
  }
  static strings(values: (string | null)[]): ShortIds {
    return new ShortIds('', null, values);
  }
  get(i: number): string | null {
    if (this.strings) return this.strings[i] ?? null;
    const n = this.numbers![i];
    return n === undefined || n < 0 ? null : `${this.letter}${n}`;
  }
}

/** Numbers joined by commas, into a typed array. */
function parseNumbers<T extends Int32Array | Float64Array>(joined: string, into: T): T {
  let at = 0;
  let start = 0;
  for (let i = 0; i <= joined.length; i++) {
    if (i < joined.length && joined.charCodeAt(i) !== 44) continue;
    if (i > start) into[at++] = Number(joined.slice(start, i));
    start = i + 1;
  }
  if (at !== into.length) throw new Error(`the database sent ${at} numbers for ${into.length} quotes`);
  return into;
}

/** The quotes' columns: the light ones held from the start, the words and sentence once loaded. */
class StoredQuotes extends QuoteRows implements QuoteView {
  /** The words and sentence of the quotes loaded, by id (a few thousand: an array as long as the quotes would hold 5 MB a column at 10,000 articles). */
  readonly loadedText = new Map<number, string>();
  readonly loadedContext = new Map<number, string>();

  constructor(
    /** The quoted people of each article (those held from the start), in the article's order. */
    private readonly quoted: readonly (Person[] | undefined)[],
    starts: Int32Array,
    article: Int32Array,
    paragraph: Int32Array,
    kinds: Uint8Array,
    confidence: Float64Array,
    private readonly ids: ShortIds,
    private readonly speakers: ShortIds,
  ) {
    super(article.length, article, paragraph, kinds, confidence, starts);
  }

  /** Lets go of a quote's words and sentence (the view fetches them again when asked for). */
  drop(id: number): void {
    this.loadedText.delete(id);
    this.loadedContext.delete(id);
  }
  text(id: number): string {
    const text = this.loadedText.get(id);
    if (text === undefined) throw new NotLoaded(`quote ${id}`);
    return text;
  }
  context(id: number): string {
    const context = this.loadedContext.get(id);
    if (context === undefined) throw new NotLoaded(`quote ${id}`);
    return context;
  }
  quoteId(id: number): string {
    return this.ids.get(id)!;
  }
  speakerOf(id: number): Person | null {
    const speaker = this.speakers.get(id);
    if (speaker === null || speaker === undefined) return null;
    const people = this.quoted[this.article[id]!];
    if (!people) return null;
    for (let i = people.length - 1; i >= 0; i--) if (people[i]!.id === speaker) return people[i]!;
    return null;
  }
  speakerId(id: number): string | null {
    return this.speakers.get(id);
  }
  /** Whether a person of an article is one of its quoted people (held for the life of the view). */
  isSpeaker(article: number, person: Person): boolean {
    return this.quoted[article]?.includes(person) ?? false;
  }
}

export class PostgresView extends ArticleListView implements LibraryView {
  private readonly sentenceStarts: Int32Array;
  /** Sentences loaded alone (not with their whole article), by id. */
  private readonly sentenceRows = new Map<number, Sentence>();
  /** What is kept loaded: the articles whose body is at hand, the quotes whose words are, the sentences loaded alone. */
  private readonly recentArticles: Recent;
  private readonly recentQuotes: Recent;
  private readonly recentSentences: Recent;
  /** The articles whose people were read lately (all of them, or those a name found). */
  private readonly recentPeople: Recent;
  /**
   * The people read, by `personKey`: the quoted ones for the life of the view (their mentions while their
   * article is recent), the others while their article is recent. One object per person, so that the same
   * person found twice is the same.
   */
  private readonly persons: Map<number, Person>;
  /** The keys of the people read of each recent article. */
  private readonly personsOf = new Map<number, number[]>();

  private constructor(
    private readonly db: pg.Pool,
    private readonly collection: number,
    readonly server: string | null,
    private readonly articles: StoredArticle[],
    sentenceStarts: Int32Array,
    readonly quotes: StoredQuotes,
    quoted: Map<number, Person>,
    cache: ViewCache,
  ) {
    super(articles);
    this.recentArticles = new Recent(cache.articles);
    this.recentQuotes = new Recent(cache.quotes);
    this.recentSentences = new Recent(cache.sentences);
    this.recentPeople = new Recent(cache.people ?? VIEW_CACHE.people!);
    this.persons = quoted;
    this.sentenceStarts = sentenceStarts;
  }

  /** Reads what the view holds from the start, in one round trip. */
  static async open(db: pg.Pool, collection: number, server: string | null, cache: ViewCache = VIEW_CACHE): Promise<PostgresView> {
    const { rows } = await db.query<{
      format: number;
      articles: any[] | null;
      people: PersonRow[] | null;
      count: string;
      article: string | null;
      paragraph: string | null;
      kind: string | null;
      confidence: string | null;
      qid: string | null;
      speaker: string | null;
    }>(
      `SELECT
         (SELECT format FROM collections WHERE id = $1) AS format,
         (SELECT json_agg(json_build_array(num, id, title, date, source, file, sentence_first, sentence_count, quote_first, quote_count, cardinality(paragraphs)) ORDER BY num)
            FROM articles WHERE collection = $1) AS articles,
         (SELECT json_agg(json_build_array(article, position, pid, name, role, display, gender, organisation) ORDER BY article, position)
            FROM people WHERE collection = $1 AND quoted) AS people,
         q.*
         FROM (SELECT count(*) AS count,
                 -- The quotes' columns, each one string (no object per quote while they are read).
                 string_agg(article::text, ',' ORDER BY id) AS article,
                 string_agg(paragraph::text, ',' ORDER BY id) AS paragraph,
                 string_agg(CASE kind WHEN 'direct' THEN '0' WHEN 'partial' THEN '1' ELSE '2' END, '' ORDER BY id) AS kind,
                 string_agg(confidence::text, ',' ORDER BY id) AS confidence,
                 string_agg(qid, ',' ORDER BY id) AS qid,
                 string_agg(coalesce(speaker, ''), ',' ORDER BY id) AS speaker
            FROM quotes WHERE collection = $1) q`,
      [collection],
    );
    const row = rows[0]!;
    const { format = 0, articles: articleRows = [], people: peopleRows = [] } = row;
    if (format < FORMAT) {
      throw new Error(`the library in the database was written by an older byline (format ${format}, now ${FORMAT}): ingest it again (npm run ingest)`);
    }
    const articles = (articleRows ?? []).map(([, id, title, date, source, file, , , , , paragraphs]: any[]) => new StoredArticle(id, title, date, source, file, paragraphs));
    // The quoted people, held for the life of the view: a quote's speaker is read by every answer.
    const quotedOf: Person[][] = articles.map(() => []);
    const quoted = new Map<number, Person>();
    const strings: Strings = new Map();
    for (const row of peopleRows ?? []) {
      const person = personOf(row, articles[row[0]]!.id, strings);
      quotedOf[row[0]]!.push(person);
      quoted.set(personKey(row[0], row[1]), person);
    }
    const sentenceStarts = new Int32Array(articles.length + 1);
    const quoteStarts = new Int32Array(articles.length + 1);
    (articleRows ?? []).forEach(([num, , , , , , sentenceFirst, sentenceCount, quoteFirst, quoteCount]: any[]) => {
      sentenceStarts[num] = sentenceFirst;
      sentenceStarts[num + 1] = sentenceFirst + sentenceCount;
      quoteStarts[num] = quoteFirst;
      quoteStarts[num + 1] = quoteFirst + quoteCount;
    });
    const count = Number(row.count);
    const article = parseNumbers(row.article ?? '', new Int32Array(count));
    const paragraph = parseNumbers(row.paragraph ?? '', new Int32Array(count));
    const kinds = new Uint8Array(count);
    for (let i = 0; i < count; i++) kinds[i] = row.kind!.charCodeAt(i) - 48;
    const confidence = parseNumbers(row.confidence ?? '', new Float64Array(count));
    const ids = ShortIds.parse('q', row.qid ?? '', count) ?? (await PostgresView.strings(db, collection, 'qid'));
    const speakers = ShortIds.parse('p', row.speaker ?? '', count, true) ?? (await PostgresView.strings(db, collection, 'speaker'));
    const quotes = new StoredQuotes(quotedOf, quoteStarts, article, paragraph, kinds, confidence, ids, speakers);
    return new PostgresView(db, collection, server, articles, sentenceStarts, quotes, quoted, cache);
  }

  /** A column of the quotes' ids as strings, when one is not of the short form. */
  private static async strings(db: pg.Pool, collection: number, column: 'qid' | 'speaker'): Promise<ShortIds> {
    const { rows } = await db.query<{ values: (string | null)[] | null }>(`SELECT array_agg(${column} ORDER BY id) AS values FROM quotes WHERE collection = $1`, [collection]);
    return ShortIds.strings(rows[0]?.values ?? []);
  }

  override counts(article: number): { paragraphs: number; sentences: number } {
    return { paragraphs: this.articles[article]!.paragraphCount, sentences: this.sentenceStarts[article + 1]! - this.sentenceStarts[article]! };
  }

  sentence(id: number): SentenceEntry | undefined {
    if (!(id >= 0 && id < this.sentenceStarts[this.size]!)) return undefined;
    const article = this.sentenceArticle(id);
    const stored = this.articles[article]!;
    const sentence = this.sentenceRows.get(id) ?? stored.body?.sentences[id - this.sentenceStarts[article]!];
    if (!sentence) throw new NotLoaded(`sentence ${id}`);
    return { article, sentence };
  }

  sentenceArticle(id: number): number {
    const starts = this.sentenceStarts;
    let low = 0;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle]! <= id) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  firstSentence(article: number): number {
    return this.sentenceStarts[article]!;
  }

  /** Fetches, in one round trip, the quotes, sentences, articles and people asked for that are not at hand yet. */
  async load(request: LoadRequest): Promise<void> {
    // What is asked for is kept as loaded now, whether at hand already or fetched below.
    const askedArticles = [...new Set(request.articles ?? [])].filter((a) => a >= 0 && a < this.size);
    const askedQuotes = [...new Set(request.quotes ?? [])].filter((id) => id >= 0 && id < this.quotes.length);
    const askedSentences = [...new Set(request.sentences ?? [])].filter((id) => id >= 0 && id < this.sentenceStarts[this.size]!);
    // An article loaded whole has its people with it.
    const askedPeople = [...new Set([...askedArticles, ...(request.people ?? [])])].filter((a) => a >= 0 && a < this.size);
    this.forget(
      this.recentArticles.keep(askedArticles),
      this.recentQuotes.keep(askedQuotes),
      this.recentSentences.keep(askedSentences),
      this.recentPeople.keep(askedPeople),
    );
    // Pinned until the question awaiting this load has run on (the next turn of the event loop): other
    // questions' loads meanwhile (while this one waits for the database, or resumes first) let none of it go.
    const pinned: [Recent, number[]][] = [
      [this.recentArticles, askedArticles],
      [this.recentQuotes, askedQuotes],
      [this.recentSentences, askedSentences],
      [this.recentPeople, askedPeople],
    ];
    for (const [recent, keys] of pinned) recent.pin(keys);
    try {
      await this.fetch(askedArticles, askedQuotes, askedSentences, askedPeople);
    } finally {
      setImmediate(() => {
        for (const [recent, keys] of pinned) recent.unpin(keys);
      });
    }
  }

  /** Fetches what was asked for that is not at hand yet. */
  private async fetch(askedArticles: number[], askedQuotes: number[], askedSentences: number[], askedPeople: number[]): Promise<void> {
    const articles = askedArticles.filter((a) => !this.articles[a]!.body);
    const wanted = new Set(articles);
    const quotes = askedQuotes.filter((id) => !this.quotes.loadedText.has(id) && !wanted.has(this.quotes.articleOf(id)));
    const sentences = askedSentences.filter((id) => {
      if (this.sentenceRows.has(id)) return false;
      const article = this.sentenceArticle(id);
      return !this.articles[article]!.body && !wanted.has(article);
    });
    const people = askedPeople.filter((a) => !this.articles[a]!.everyone);
    if (articles.length === 0 && quotes.length === 0 && sentences.length === 0 && people.length === 0) return;
    const { rows } = await this.db.query<{ articles: any[] | null; quotes: any[] | null; sentences: any[] | null; people: PersonRow[] | null }>(
      `SELECT
         (SELECT json_agg(json_build_array(a.num, a.paragraphs,
             (SELECT json_agg(json_build_array(s.paragraph, s.idx, s.start_at, s.end_at, s.text) ORDER BY s.id) FROM sentences s WHERE s.collection = $1 AND s.article = a.num),
             -- Not each quote's sentence (its context): the article's sentences, sent just before, make it.
             (SELECT json_agg(json_build_array(q.id, q.qid, q.kind, q.text, q.paragraph, q.sentences, q.speaker, q.reference, q.speaker_mention, q.cue, q.confidence) ORDER BY q.id)
                FROM quotes q WHERE q.collection = $1 AND q.article = a.num)))
            FROM articles a WHERE a.collection = $1 AND a.num = ANY($2::int[])) AS articles,
         (SELECT json_agg(json_build_array(id, text, context)) FROM quotes WHERE collection = $1 AND id = ANY($3::int[])) AS quotes,
         (SELECT json_agg(json_build_array(id, paragraph, idx, start_at, end_at, text)) FROM sentences WHERE collection = $1 AND id = ANY($4::int[])) AS sentences,
         (SELECT json_agg(json_build_array(article, position, pid, name, role, display, gender, organisation, mentions) ORDER BY article, position)
            FROM people WHERE collection = $1 AND article = ANY($5::int[])) AS people`,
      [this.collection, articles, quotes, sentences, people],
    );
    const row = rows[0]!;
    for (const [num, paragraphs, sentenceRows, quoteRows] of row.articles ?? []) {
      const first = this.sentenceStarts[num]!;
      const body: Body = {
        paragraphs,
        // A sentence loaded alone stays the same object (a query may hold it).
        sentences: (sentenceRows ?? []).map(
          ([paragraph, index, start, end, text]: any[], i: number) => this.sentenceRows.get(first + i) ?? { text, paragraph, index, start, end },
        ),
        quotes: [],
      };
      for (const [id, qid, kind, text, paragraph, sentences, speaker, reference, speakerMention, cue, confidence] of quoteRows ?? []) {
        body.quotes.push({ id: qid, kind, text, paragraph, sentences, speaker, reference: reference as SpeakerReference, speakerMention, cue, confidence });
        this.quotes.loadedText.set(id, text);
        // The sentence(s) the quote stands in, joined, as the ingest wrote its context (QuoteTable.context).
        this.quotes.loadedContext.set(id, (sentences as number[]).map((i) => body.sentences[i]?.text ?? '').join(' '));
      }
      this.articles[num]!.body = body;
    }
    for (const [id, text, context] of row.quotes ?? []) {
      this.quotes.loadedText.set(id, text);
      this.quotes.loadedContext.set(id, context);
    }
    for (const [id, paragraph, index, start, end, text] of row.sentences ?? []) {
      const article = this.articles[this.sentenceArticle(id)]!;
      // The article's own object when its body is at hand, so that one sentence is one object.
      this.sentenceRows.set(id, article.body?.sentences[id - this.sentenceStarts[this.sentenceArticle(id)]!] ?? { text, paragraph, index, start, end });
    }
    const everyone = new Map<number, Person[]>(people.map((a) => [a, []]));
    for (const personRow of row.people ?? []) everyone.get(personRow[0])!.push(this.personFrom(personRow));
    for (const [a, list] of everyone) this.articles[a]!.everyone = list;
  }

  /**
   * The people a word of whose name, role or introduction is one of the words, within a typo of one
   * (`isTypo`: the same edit distance, a Levenshtein bound that holds it), or starts with the last one: the
   * words of people's names (`person_words`) are looked up as typed, by prefix and by distance, and the
   * people holding them through the GIN index of their words, in one round trip. More may be found than
   * match (the bound is looser than `isTypo`); the caller matches the names. Where they are mentioned is
   * not read (a prefix typed finds thousands): loading their article (or its people) reads it.
   */
  async people(request: PeopleRequest): Promise<PersonFound[]> {
    const article = request.article ?? null;
    if (article !== null && !(article >= 0 && article < this.size)) return [];
    const words = [...new Set(request.words.filter(Boolean))];
    // Empty words name no one (everyone is asked for with no words at all).
    if (words.length === 0 && request.words.length > 0) return [];
    let rows: PersonRow[];
    if (words.length === 0) {
      const limit = request.limit ?? null;
      ({ rows } = await this.db.query<PersonRow>({
        text: `SELECT article, position, pid, name, role, display, gender, organisation FROM people
                WHERE collection = $1 AND ($2::int IS NULL OR article = $2) ORDER BY article, position LIMIT $3`,
        values: [this.collection, article, limit],
        rowMode: 'array',
      }));
    } else {
      const prefix = request.words.at(-1)!.length >= 2 ? `${request.words.at(-1)!.replace(/[\\%_]/g, '\\$&')}%` : null;
      // A typo needs four letters at least; fuzzystrmatch measures at most 255.
      const fuzzy = words.filter((w) => w.length >= 4 && w.length <= 240);
      ({ rows } = await this.db.query<PersonRow>({
        text: `WITH found AS (
                 SELECT word FROM person_words WHERE collection = $1 AND word = ANY($2::text[])
                 UNION SELECT word FROM person_words WHERE collection = $1 AND $3::text IS NOT NULL AND word LIKE $3
                 UNION SELECT w.word FROM unnest($4::text[]) AS f(typed)
                   JOIN person_words w ON w.collection = $1 AND char_length(w.word) BETWEEN char_length(f.typed) - 2 AND char_length(f.typed) + 2
                  WHERE least(char_length(w.word), char_length(f.typed)) >= 4
                    AND abs(char_length(w.word) - char_length(f.typed)) <= CASE WHEN least(char_length(w.word), char_length(f.typed)) >= 8 THEN 2 ELSE 1 END
                    AND levenshtein_less_equal(w.word, f.typed, 4) <= 2 * CASE WHEN least(char_length(w.word), char_length(f.typed)) >= 8 THEN 2 ELSE 1 END)
               SELECT article, position, pid, name, role, display, gender, organisation FROM people
                WHERE collection = $1 AND words && ARRAY(SELECT word FROM found) AND ($5::int IS NULL OR article = $5)
                ORDER BY article, position`,
        values: [this.collection, words, prefix, fuzzy, article],
        rowMode: 'array',
      }));
    }
    const articles = [...new Set(rows.map((row) => row[0]))];
    this.forget([], [], [], this.recentPeople.keep(articles));
    return rows.map((row) => ({ article: row[0], person: this.personFrom(row) }));
  }

  /** The one object of a person read (made now, or the one held), with their mentions. */
  private personFrom(row: PersonRow): Person {
    const [article, position, , , , , , , mentions] = row;
    const key = personKey(article, position);
    let person = this.persons.get(key);
    if (!person) {
      person = personOf(row, this.articles[article]!.id);
      this.persons.set(key, person);
    }
    const keys = this.personsOf.get(article);
    if (!keys) this.personsOf.set(article, [key]);
    else if (!keys.includes(key)) keys.push(key);
    // A person found by name comes without their mentions (their article's people bring them).
    if (mentions !== undefined) setMentions(person, mentions);
    return person;
  }

  /** Lets go of what no generation of the recent loads holds any more: it is fetched again when asked for. */
  private forget(articles: number[], quotes: number[], sentences: number[], people: number[] = []): void {
    for (const num of articles) {
      const article = this.articles[num]!;
      article.body = null;
      // Its quotes' words went with it, unless loaded for themselves lately.
      const { first, end } = this.quotes.range(num);
      for (let id = first; id < end; id++) if (!this.recentQuotes.has(id)) this.quotes.drop(id);
    }
    for (const id of quotes) if (!this.articles[this.quotes.articleOf(id)]!.body) this.quotes.drop(id);
    for (const id of sentences) this.sentenceRows.delete(id);
    for (const num of people) {
      const article = this.articles[num]!;
      article.everyone = null;
      for (const key of this.personsOf.get(num) ?? []) {
        const person = this.persons.get(key)!;
        // A quoted person stays (a quote's speaker), without their mentions; the others go.
        if (this.quotes.isSpeaker(num, person)) forgetMentions(person);
        else this.persons.delete(key);
      }
      this.personsOf.delete(num);
    }
  }
}
