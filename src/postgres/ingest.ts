/**
 * Ingest: the articles of a folder into the PostgreSQL library. They are understood by byline's own
 * pipeline exactly as the embedded library is (src/load/: the store is built or reused, batch by batch, by
 * src/load/build.ts), so article ids, sentence and quote numbers, speakers and confidences are the embedded
 * library's. The store is then read back a batch at a time (src/load/store.ts `storeBatches`) and each
 * batch's rows are written as they are made, a chunk of rows per INSERT, with one statement in flight while
 * the next chunk is made: the process holds about one batch of articles, a chunk of rows per table and the
 * vocabulary's counts, never the library. The rows form a new generation of the collection in one
 * transaction, under an advisory lock (two processes that see new files together ingest them once), made
 * current at its end, and every process listening is told (`NOTIFY byline_library`).
 *
 * One transaction, even at 10,000 articles and more: until it commits no one sees a row of it, and if the
 * process or the connection dies part-way PostgreSQL rolls all of it back (nothing half-written is ever
 * current, and nothing is left behind to clean up). What it costs is what any long transaction costs:
 * while it runs, vacuum keeps the dead rows of the database that are younger than it — rows of the
 * generation its commit deletes are only deleted then.
 */
import type { Logger } from 'pino';
import type pg from 'pg';
import { scanArticleFiles, type FolderScan } from '../article/load.ts';
import { ensureStoreOf, loadLibrary } from '../load/open.ts';
import { StoreDamage, storeBatches, type StoreBatch } from '../load/store.ts';
import { sentenceCount, sentenceOf } from '../load/store-format.ts';
import type { Library } from '../library.ts';
import { normalizeTerm, tokenize } from '../search/terms.ts';
import type { Person } from '../model.ts';
import { speakerKey } from '../queries/people.ts';
import { GATE_BEST } from '../search/score.ts';
import { LOCK_KEY, migrate } from './migrations.ts';
import { bestDocuments, decodePostings, encodeDocuments } from './score.ts';

/** The advisory lock of ingest and of every change of a server's collection (migrations hold LOCK_KEY). */
export const INGEST_LOCK = LOCK_KEY + 1;
/** The channel every process listens on for changes of the library. */
export const CHANNEL = 'byline_library';
/**
 * What an ingest writes a generation as: 2 adds the people's name words (`people.words`, `person_words`) and
 * which of them are quoted (`people.quoted`); 3 each term's postings per index (`postings`), which the search
 * reads; 4 a common term's documents and best documents apart from its whole row (`postings.docs`, `.best`).
 * A generation of an older format is ingested again.
 */
export const FORMAT = 4;
/** Rows per INSERT statement, unless an ingest is told otherwise (`chunk`). */
export const CHUNK = 200;

export interface IngestResult {
  collection: number;
  /** The collection's generation after the ingest (bumped by each one). */
  generation: number;
  /** False when the collection already held exactly these files. */
  ingested: boolean;
  articles: number;
  sentences: number;
  quotes: number;
  ms: number;
}

export interface IngestOptions {
  logger?: Logger;
  /** The collection: the shared library (null, the default) or a server's own articles. */
  server?: string | null;
  /** Ingest even when the collection holds exactly these files. */
  force?: boolean;
  /** Rows per INSERT statement (CHUNK by default): at most this many rows of each table are held. */
  chunk?: number;
  /**
   * Told after each batch of the store is written (its articles sent, the transaction still open): the
   * articles written so far. An error it throws aborts the ingest, as any failure part-way does.
   */
  onBatch?: (written: { articles: number; sentences: number; quotes: number }) => void | Promise<void>;
  /**
   * Run in the ingest's transaction once the generation's rows are written, before it is made current:
   * what else belongs to the generation (a server's article records, src/postgres/servers.ts).
   */
  within?: (client: pg.ClientBase, collection: number) => Promise<void>;
  /** The planner's statistics gathered after the commit (default true; a server's few rows change them little). */
  analyze?: boolean;
}

/** The current generation of a collection (its row), or null when nothing was ingested into it yet. */
export async function currentCollection(
  db: pg.ClientBase | pg.Pool,
  server: string | null,
): Promise<{ id: number; generation: number; hash: string | null; format: number; articles: number; sentences: number; quotes: number } | null> {
  const { rows } = await db.query<{ id: number; generation: string; hash: string | null; format: number; articles: number; sentences: number; quotes: number }>(
    `SELECT id, generation, hash, format, articles, sentences, quotes FROM collections WHERE coalesce(server, '') = coalesce($1, '') AND current`,
    [server],
  );
  const row = rows[0];
  return row ? { ...row, generation: Number(row.generation) } : null;
}

/**
 * Ingests a folder (the shared library by default) unless the collection holds exactly its files already
 * (`force` ingests anyway).
 */
export async function ingestFolder(pool: pg.Pool, dir: string, options: IngestOptions = {}): Promise<IngestResult> {
  const start = performance.now();
  const { logger, server = null } = options;
  const client = await pool.connect();
  try {
    await migrate(client);
    await client.query('SELECT pg_advisory_lock($1)', [INGEST_LOCK]);
    try {
      const scan = await scanArticleFiles(dir);
      const current = await currentCollection(client, server);
      if (current && current.hash === scan.hash && current.format >= FORMAT && !options.force) {
        logger?.info({ dir, generation: current.generation, articles: current.articles }, 'the database holds these articles already');
        const { id, generation, articles, sentences, quotes } = current;
        return { collection: id, generation, ingested: false, articles, sentences, quotes, ms: performance.now() - start };
      }
      const written = await writeFolder(client, dir, scan, server, options);
      const ms = performance.now() - start;
      logger?.info({ dir, ...written, ms: Math.round(ms) }, 'ingested the articles into the database');
      return { ...written, ingested: true, ms };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** How many times the store is built again and read over when it turns out damaged or the files change meanwhile. */
const STORE_ATTEMPTS = 3;

/**
 * Writes a folder's articles as the new generation of a collection: its store (built first when missing)
 * read back batch by batch. A store file found damaged part-way (or replaced by a rebuild meanwhile) aborts
 * the transaction; the store is then built again (its batches that check out kept) and written from the
 * start. Only when the store can be written nowhere is the library built in memory and written from there.
 */
async function writeFolder(client: pg.ClientBase, dir: string, first: FolderScan, server: string | null, options: IngestOptions): Promise<Written> {
  const { logger } = options;
  let scan = first;
  let told = false;
  for (let attempt = 0; attempt < STORE_ATTEMPTS; attempt++) {
    if (attempt > 0) scan = await scanArticleFiles(dir);
    if (scan.files.length === 0) return writeBatches(client, [], scan.hash, server, options);
    if (!(await ensureStoreOf(dir, scan, { ...(logger ? { logger } : {}), force: attempt > 0 }))) {
      // Nowhere to write the store (a read-only data folder and temporary folder): the library in memory.
      const library = await loadLibrary(dir, { persist: false, ...(logger ? { logger } : {}) });
      return writeLibrary(client, library, server, options);
    }
    // None for these files: they changed since they were scanned (the store was built for the new ones), or
    // the store is marked damaged. Either is built again next time round.
    const stored = await storeBatches(dir, scan.hash);
    if (!stored) continue;
    // What reading the files met (as an embedded start logs it): a file left out, a row without a title …
    if (!told) for (const problem of [...scan.problems, ...stored.problems]) logger?.warn({ file: problem.file, line: problem.line }, problem.message);
    told = true;
    try {
      return await writeBatches(client, stored.batches, scan.hash, server, options);
    } catch (error) {
      if (!(error instanceof StoreDamage)) throw error;
      logger?.warn({ dir, file: error.file }, `a file of the persisted index was found damaged while ingesting it (${error.message}); building it again`);
    }
  }
  throw new Error(`could not ingest ${dir}: its files kept changing, or its persisted index kept being found damaged, while being ingested`);
}

/**
 * A text's index terms as a tsvector literal (each term with its positions), its distinct terms, and its
 * length as MiniSearch counts it (distinct tokens).
 */
export function documentTerms(text: string): { terms: string; distinct: Iterable<string>; length: number; frequency: (term: string) => number } {
  const tokens = tokenize(text);
  const positions = new Map<string, number[]>();
  let at = 0;
  for (const token of tokens) {
    // Positions count the terms (termsOf's), not the tokens a stop word or an empty term drops.
    const term = normalizeTerm(token);
    if (!term) continue;
    let list = positions.get(term);
    if (!list) positions.set(term, (list = []));
    // tsvector positions stop at 16383 and keep 256 a term: far beyond a sentence or a quote.
    list.push(Math.min(++at, 16_383));
  }
  const parts: string[] = [];
  for (const [term, at] of positions) parts.push(`'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${at.join(',')}`);
  return { terms: parts.join(' '), distinct: { [Symbol.iterator]: () => positions.keys() }, length: new Set(tokens).size, frequency: (term) => termFrequency(positions.get(term) ?? []) };
}

/**
 * A term's frequency in a document as its tsvector holds it (what the search scored before the postings
 * table, and the embedded index's count for any text shorter than 16,383 terms): its distinct positions,
 * at most 256.
 */
function termFrequency(positions: readonly number[]): number {
  let distinct = 0;
  for (let i = 0; i < positions.length; i++) if (i === 0 || positions[i] !== positions[i - 1]) distinct++;
  return Math.min(distinct, 256);
}

/** The index a posting belongs to, as the `postings` table numbers them. */
const SENTENCES = 0;
const QUOTES = 1;
const TITLES = 2;

/**
 * The postings of one batch of the store, per index and term: (document, frequency, length) in document
 * order. Written at the end of the batch as one segment per term into a temporary table, and the segments of
 * every batch joined per term, in batch order, into the `postings` table at the end of the ingest.
 */
class BatchPostings {
  private readonly lists = [new Map<string, number[]>(), new Map<string, number[]>(), new Map<string, number[]>()];

  add(index: number, document: number, terms: { distinct: Iterable<string>; length: number; frequency: (term: string) => number }): void {
    const lists = this.lists[index]!;
    for (const term of terms.distinct) {
      let list = lists.get(term);
      if (!list) lists.set(term, (list = []));
      list.push(document, terms.frequency(term), terms.length);
    }
  }

  /** The rows of the batch (index, term, batch, bytes), the lists let go as they are made. */
  *rows(batch: number): Generator<unknown[]> {
    for (const [index, lists] of this.lists.entries()) {
      for (const [term, list] of lists) {
        yield [index, term, batch, encodePostings(list)];
        lists.delete(term);
      }
    }
  }
}

/** Common terms whose whole rows are read back at once to write their documents and best documents apart. */
const COMMON_CHUNK = 200;

/**
 * Each common term's documents and the GATE_BEST it alone scores best (`postings.docs`, `postings.best`),
 * from its whole row once every batch's postings are joined: the best as the search's candidate gate
 * finds them over the whole row (`bestDocuments`, with the index's size as the search reads it), so that
 * a search reading them instead of the row decides as it would have. `frequency`: in how many sentences,
 * quotes and titles each term occurs; `sizes`: per index (as the `postings` table numbers them).
 */
async function writeCommonTerms(
  client: pg.ClientBase,
  collection: number,
  frequency: ReadonlyMap<string, readonly [number, number, number]>,
  sizes: readonly { documents: number; averageLength: number }[],
): Promise<void> {
  for (const index of [SENTENCES, QUOTES, TITLES]) {
    const common: string[] = [];
    for (const [term, counts] of frequency) if (counts[index]! > GATE_BEST) common.push(term);
    for (let at = 0; at < common.length; at += COMMON_CHUNK) {
      const { rows } = await client.query<{ term: string; postings: string }>(
        `SELECT term, encode(postings, 'base64') AS postings FROM postings WHERE collection = $1 AND idx = $2 AND term = ANY($3::text[])`,
        [collection, index, common.slice(at, at + COMMON_CHUNK)],
      );
      const terms: string[] = [];
      const docs: Buffer[] = [];
      const best: Buffer[] = [];
      for (const row of rows) {
        const list = decodePostings(Buffer.from(row.postings, 'base64'));
        const postings = new Map([[row.term, list]]);
        terms.push(row.term);
        docs.push(encodeDocuments(list.docs));
        const ids = bestDocuments([row.term], postings, sizes[index]!);
        best.push(encodePostings(Array.from(ids)));
      }
      await client.query(
        `UPDATE postings p SET docs = t.docs, best = t.best FROM unnest($3::text[], $4::bytea[], $5::bytea[]) AS t(term, docs, best)
          WHERE p.collection = $1 AND p.idx = $2 AND p.term = t.term`,
        [collection, index, terms, docs, best],
      );
    }
  }
}

/** (document, frequency, length) triples as the `postings` column holds them: 32-bit little-endian integers. */
export function encodePostings(triples: readonly number[]): Buffer {
  const bytes = Buffer.allocUnsafe(triples.length * 4);
  for (let i = 0; i < triples.length; i++) bytes.writeInt32LE(triples[i]!, i * 4);
  return bytes;
}

interface Written {
  collection: number;
  articles: number;
  sentences: number;
  quotes: number;
  generation: number;
}

/**
 * Writes a library held in memory (the evaluation's; a folder whose store can be written nowhere) as the
 * new generation of a collection: one batch.
 */
export async function writeLibrary(client: pg.ClientBase, library: Library, server: string | null, options: Pick<IngestOptions, 'chunk' | 'onBatch' | 'within' | 'analyze'> = {}): Promise<Written> {
  return writeBatches(client, [{ articles: library.collection, quotes: library.indexes.quoteEntries }], library.hash, server, options);
}

/**
 * Writes batches of articles (in library order, each with its quotes numbered from 0) as the new generation
 * of a collection, in one transaction: each batch's rows sent as they are made, a chunk at a time; then the
 * vocabulary; then the generation made current, the one before it kept (processes may still be answering
 * from it), older ones deleted; the listeners told. Articles, sentences and quotes are numbered across the
 * batches as the embedded library numbers them.
 */
export async function writeBatches(
  client: pg.ClientBase,
  batches: Iterable<StoreBatch> | AsyncIterable<StoreBatch>,
  /** The hash of the files written (null for a library of no files). */
  hash: string | null,
  server: string | null,
  options: Pick<IngestOptions, 'chunk' | 'onBatch' | 'logger' | 'within' | 'analyze'> = {},
): Promise<Written> {
  const chunk = options.chunk ?? CHUNK;
  if (!(Number.isInteger(chunk) && chunk >= 1)) throw new Error(`writeBatches: chunk must be a whole number of rows, not ${chunk}`);
  /** In how many sentences, quotes and titles each term occurs. */
  const frequency = new Map<string, [number, number, number]>();
  const counted = (text: string, slot: 0 | 1 | 2) => {
    const document = documentTerms(text);
    for (const term of document.distinct) {
      let entry = frequency.get(term);
      if (!entry) frequency.set(term, (entry = [0, 0, 0]));
      entry[slot]++;
    }
    return document;
  };
  const lengths = { sentences: 0, quotes: 0, titles: 0 };
  // Each index's average document length as MiniSearch keeps it while documents are added one by one (what
  // an index built in one piece holds, to the last bit); an index joined from several batches' segments
  // holds the total over the count instead (src/search/persist.ts indexFromSegments).
  const running = { sentences: 0, quotes: 0, titles: 0 };
  const counts = { sentences: 0, quotes: 0, titles: 0 };
  const average = (name: 'sentences' | 'quotes' | 'titles', length: number) => {
    running[name] = ((running[name] || 0) * counts[name] + length) / (counts[name] + 1);
    counts[name]++;
  };
  const total = { articles: 0, sentences: 0, quotes: 0 };
  await client.query('BEGIN');
  const out = new Statements(client);
  try {
    const created = await client.query<{ id: number; generation: string }>(
      `INSERT INTO collections (server, generation)
         SELECT $1, coalesce(max(generation), 0) + 1 FROM collections WHERE coalesce(server, '') = coalesce($1, '') RETURNING id, generation`,
      [server],
    );
    const collection = created.rows[0]!.id;
    const generation = Number(created.rows[0]!.generation);
    const articles = new Rows(out, ARTICLE_INSERT, collection, chunk);
    const sentences = new Rows(out, SENTENCE_INSERT, collection, chunk);
    const quotes = new Rows(out, QUOTE_INSERT, collection, chunk);
    const people = new Rows(out, PEOPLE_INSERT, collection, chunk);
    // Each batch's postings, as segments per term; joined per term into `postings` at the end.
    await client.query('CREATE TEMPORARY TABLE ingest_postings (idx smallint NOT NULL, term text NOT NULL, batch integer NOT NULL, postings bytea NOT NULL) ON COMMIT DROP');
    const segments = new Rows(out, SEGMENT_INSERT, collection, chunk);
    let batchNumber = 0;
    // Every word of the people's names, roles and introductions (a typed name is looked up among them).
    const personWords = new Set<string>();
    for await (const batch of batches) {
      const table = batch.quotes;
      const postings = new BatchPostings();
      for (const [i, article] of batch.articles.entries()) {
        const a = total.articles + i;
        const title = counted(article.title, 2);
        lengths.titles += title.length;
        average('titles', title.length);
        postings.add(TITLES, a, title);
        const { first, end } = table.range(i);
        const sentenceFirst = total.sentences;
        const sentenceTotal = sentenceCount(article);
        articles.add([a, article.id, article.title, article.date, article.source, article.file, JSON.stringify(article.paragraphs), sentenceFirst, sentenceTotal, total.quotes + first, end - first, title.terms, title.length]);
        // Each sentence cut alone (`sentenceOf`), not kept with its article for the rest of the batch.
        for (let s = 0; s < sentenceTotal; s++) {
          const sentence = sentenceOf(article, s)!;
          const terms = counted(sentence.text, 0);
          lengths.sentences += terms.length;
          average('sentences', terms.length);
          postings.add(SENTENCES, sentenceFirst + s, terms);
          sentences.add([sentenceFirst + s, a, sentence.index, sentence.paragraph, sentence.start, sentence.end, sentence.text, terms.terms, terms.length]);
        }
        total.sentences += sentenceTotal;
        for (let id = first; id < end; id++) {
          const quote = table.quote(id);
          const text = table.text(id);
          const terms = counted(text, 1);
          lengths.quotes += terms.length;
          average('quotes', terms.length);
          postings.add(QUOTES, total.quotes + id, terms);
          const speaker = table.speakerOf(id);
          quotes.add([
            total.quotes + id, a, id - first, table.quoteId(id), table.kind(id), text, table.context(id), table.paragraphOf(id), `{${quote.sentences.join(',')}}`,
            table.speakerId(id), speaker ? JSON.stringify(speaker) : null, quote.reference, quote.speakerMention, quote.cue, table.confidenceOf(id),
            terms.terms, terms.length,
          ]);
        }
        const quoted = new Set<string>();
        for (let id = first; id < end; id++) {
          const speaker = table.speakerId(id);
          if (speaker !== null) quoted.add(speaker);
        }
        article.people.forEach((person, p) => {
          const words = personWordsOf(person);
          for (const word of words) personWords.add(word);
          people.add([a, p, person.id, person.name, person.role, person.display, person.gender, person.organisation, JSON.stringify(person.mentions), JSON.stringify(words), quoted.has(person.id)]);
        });
        // What an article added is sent once a chunk of a table is full: a chunk of each is held at most.
        for (const rows of [articles, sentences, quotes, people]) await rows.send();
      }
      for (const row of postings.rows(batchNumber)) {
        segments.add(row);
        await segments.send();
      }
      batchNumber++;
      total.articles += batch.articles.length;
      total.quotes += table.length;
      await options.onBatch?.({ ...total });
      options.logger?.debug({ ...total }, 'ingest: a batch of the store written');
    }
    for (const rows of [articles, sentences, quotes, people, segments]) await rows.send(true);
    await out.drain();
    // Each term's segments joined in batch order (so in document order): one row per index and term.
    await client.query(
      `INSERT INTO postings (collection, idx, term, postings)
         SELECT $1, idx, term, string_agg(postings, ''::bytea ORDER BY batch) FROM ingest_postings GROUP BY idx, term`,
      [collection],
    );
    // Each index's average document length as the search reads it (below, `collections`).
    const averages = (['sentences', 'quotes', 'titles'] as const).map((name) => (batchNumber > 1 ? lengths[name] / Math.max(1, counts[name]) : running[name]));
    await writeCommonTerms(client, collection, frequency, [
      { documents: total.sentences, averageLength: averages[0]! },
      { documents: total.quotes, averageLength: averages[1]! },
      { documents: total.articles, averageLength: averages[2]! },
    ]);
    const terms = new Rows(out, TERM_INSERT, collection, chunk);
    for (const [term, [s, q, t]] of frequency) {
      terms.add([term, s, q, t]);
      await terms.send();
    }
    await terms.send(true);
    frequency.clear();
    const words = new Rows(out, PERSON_WORD_INSERT, collection, chunk);
    for (const word of personWords) {
      words.add([word]);
      await words.send();
    }
    await words.send(true);
    personWords.clear();
    await out.drain();
    await options.within?.(client, collection);
    // The generation before this one stays (processes may be answering from it until they have read this
    // one); older ones go, their rows with them.
    await client.query(
      `DELETE FROM collections WHERE coalesce(server, '') = coalesce($1, '') AND generation < $2 - 1`,
      [server, generation],
    );
    await client.query(`UPDATE collections SET current = false WHERE coalesce(server, '') = coalesce($1, '') AND current`, [server]);
    await client.query(
      `UPDATE collections SET current = true, hash = $2, articles = $3, sentences = $4, quotes = $5, sentence_length = $6, quote_length = $7, title_length = $8, format = $9,
              sentence_average = $10, quote_average = $11, title_average = $12
        WHERE id = $1`,
      [
        collection, hash, total.articles, total.sentences, total.quotes, lengths.sentences, lengths.quotes, lengths.titles, FORMAT,
        ...averages,
      ],
    );
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ server, collection, generation })]);
    await client.query('COMMIT');
    // The planner's statistics of tables that just changed wholesale (autovacuum would come later).
    if (options.analyze !== false) await client.query('ANALYZE articles, sentences, quotes, people, terms, person_words, postings');
    return { collection, ...total, generation };
  } catch (error) {
    // A statement still in flight fails or ends first (the connection runs them in order).
    await out.drain().catch(() => undefined);
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * The INSERT statements of an ingest on its connection, one in flight at a time: the next chunk of rows is
 * made while the database writes the last one, and waits for it before it is sent, so no more than one
 * chunk is ever queued. A failed statement fails the next `send` (or `drain`).
 */
class Statements {
  private inFlight: Promise<void> | null = null;

  constructor(private readonly client: pg.ClientBase) {}

  async send(statement: Insert, collection: number, rows: unknown[][]): Promise<void> {
    await this.drain();
    const sent = insert(this.client, statement, collection, rows);
    // Awaited by the next send or drain; never an unhandled rejection meanwhile.
    sent.catch(() => undefined);
    this.inFlight = sent;
  }

  async drain(): Promise<void> {
    const inFlight = this.inFlight;
    this.inFlight = null;
    await inFlight;
  }
}

/** The rows of one table on their way: sent a chunk at a time. */
class Rows {
  private rows: unknown[][] = [];

  constructor(
    private readonly out: Statements,
    private readonly statement: Insert,
    private readonly collection: number,
    private readonly chunk: number,
  ) {}

  add(row: unknown[]): void {
    this.rows.push(row);
  }

  /** Sends the full chunks held (with `all`, every row held). */
  async send(all = false): Promise<void> {
    while (this.rows.length >= this.chunk || (all && this.rows.length > 0)) {
      await this.out.send(this.statement, this.collection, this.rows.splice(0, this.chunk));
    }
  }
}

interface Insert {
  /** The statement: $1 is the collection, $2… one array per column. */
  sql: string;
  columns: number;
}

/** Inserts rows (arrays of column values) as one statement: a column of values per parameter, unnested. */
async function insert(client: pg.ClientBase, statement: Insert, collection: number, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Array.from({ length: statement.columns }, (_, c) => rows.map((row) => row[c]));
  await client.query(statement.sql, [collection, ...columns]);
}

const ARTICLE_INSERT: Insert = {
  columns: 13,
  sql: `INSERT INTO articles (collection, num, id, title, date, source, file, paragraphs, sentence_first, sentence_count, quote_first, quote_count, terms, length)
    SELECT $1, num, id, title, date, source, file, ARRAY(SELECT jsonb_array_elements_text(paragraphs::jsonb)), sf, sc, qf, qc, terms::tsvector, length
    FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[], $11::int[], $12::int[], $13::text[], $14::int[])
      AS t(num, id, title, date, source, file, paragraphs, sf, sc, qf, qc, terms, length)`,
};

const SENTENCE_INSERT: Insert = {
  columns: 9,
  sql: `INSERT INTO sentences (collection, id, article, idx, paragraph, start_at, end_at, text, terms, length)
    SELECT $1, id, article, idx, paragraph, s, e, text, terms::tsvector, length
    FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[], $10::int[])
      AS t(id, article, idx, paragraph, s, e, text, terms, length)`,
};

const QUOTE_INSERT: Insert = {
  columns: 17,
  sql: `INSERT INTO quotes (collection, id, article, position, qid, kind, text, context, paragraph, sentences, speaker, speaker_person, reference, speaker_mention, cue, confidence, terms, length)
    SELECT $1, id, article, position, qid, kind, text, context, paragraph, sentences::int[], speaker, person::jsonb, reference, mention, cue, confidence, terms::tsvector, length
    FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::float8[], $17::text[], $18::int[])
      AS t(id, article, position, qid, kind, text, context, paragraph, sentences, speaker, person, reference, mention, cue, confidence, terms, length)`,
};

const PEOPLE_INSERT: Insert = {
  columns: 11,
  sql: `INSERT INTO people (collection, article, position, pid, name, role, display, gender, organisation, mentions, words, quoted)
    SELECT $1, article, position, pid, name, role, display, gender, organisation, mentions::jsonb, ARRAY(SELECT jsonb_array_elements_text(words::jsonb)), quoted
    FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::text[], $11::text[], $12::bool[])
      AS t(article, position, pid, name, role, display, gender, organisation, mentions, words, quoted)`,
};

const PERSON_WORD_INSERT: Insert = {
  columns: 1,
  sql: `INSERT INTO person_words (collection, word) SELECT $1, word FROM unnest($2::text[]) AS t(word)`,
};

/** The words a person is looked up by: those of their name, role and introduction, as `speakerKey` gives them. */
export function personWordsOf(person: Person): string[] {
  const words = new Set<string>();
  for (const text of [person.name, person.role ?? '', person.display]) for (const word of speakerKey(text).split(' ')) if (word) words.add(word);
  return [...words];
}

/** A batch's postings of one term in one index ($1, the collection, is not a column of the temporary table). */
const SEGMENT_INSERT: Insert = {
  columns: 4,
  sql: `INSERT INTO ingest_postings (idx, term, batch, postings)
    SELECT idx, term, batch, postings FROM unnest($2::smallint[], $3::text[], $4::int[], $5::bytea[]) AS t(idx, term, batch, postings) WHERE $1::int IS NOT NULL`,
};

const TERM_INSERT: Insert = {
  columns: 4,
  sql: `INSERT INTO terms (collection, term, sentences, quotes, titles)
    SELECT $1, term, s, q, t FROM unnest($2::text[], $3::int[], $4::int[], $5::int[]) AS u(term, s, q, t)`,
};
