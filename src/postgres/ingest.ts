/**
 * Ingest: the articles of a folder into the PostgreSQL library. They are understood by byline's own
 * pipeline exactly as the embedded library is (src/load/: the store is built or reused, batch by batch, by
 * src/load/build.ts), so article ids, sentence and quote numbers, speakers and confidences are the embedded
 * library's; then the collection's rows are replaced in one transaction, under an advisory lock (two
 * processes that see new files together ingest them once), and every process listening is told
 * (`NOTIFY byline_library`).
 */
import type { Logger } from 'pino';
import type pg from 'pg';
import { scanArticleFiles } from '../article/load.ts';
import { loadLibrary } from '../load/open.ts';
import type { Library } from '../library.ts';
import { termsOf } from '../search/index.ts';
import { tokenize } from '../search/terms.ts';
import { LOCK_KEY, migrate } from './migrations.ts';

/** The advisory lock of ingest (migrations hold LOCK_KEY). */
const INGEST_LOCK = LOCK_KEY + 1;
/** The channel every process listens on for changes of the library. */
export const CHANNEL = 'byline_library';
/** Rows per INSERT statement. */
const CHUNK = 4_000;

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

/** The current generation of a collection (its row), or null when nothing was ingested into it yet. */
export async function currentCollection(
  db: pg.ClientBase | pg.Pool,
  server: string | null,
): Promise<{ id: number; generation: number; hash: string | null; articles: number; sentences: number; quotes: number } | null> {
  const { rows } = await db.query<{ id: number; generation: string; hash: string | null; articles: number; sentences: number; quotes: number }>(
    `SELECT id, generation, hash, articles, sentences, quotes FROM collections WHERE coalesce(server, '') = coalesce($1, '') AND current`,
    [server],
  );
  const row = rows[0];
  return row ? { ...row, generation: Number(row.generation) } : null;
}

/**
 * Ingests a folder (the shared library by default) unless the collection holds exactly its files already
 * (`force` ingests anyway).
 */
export async function ingestFolder(
  pool: pg.Pool,
  dir: string,
  options: { logger?: Logger; server?: string | null; force?: boolean } = {},
): Promise<IngestResult> {
  const start = performance.now();
  const { logger, server = null } = options;
  const client = await pool.connect();
  try {
    await migrate(client);
    await client.query('SELECT pg_advisory_lock($1)', [INGEST_LOCK]);
    try {
      const { hash } = await scanArticleFiles(dir);
      const current = await currentCollection(client, server);
      if (current && current.hash === hash && !options.force) {
        logger?.info({ dir, generation: current.generation, articles: current.articles }, 'the database holds these articles already');
        const { id, generation, articles, sentences, quotes } = current;
        return { collection: id, generation, ingested: false, articles, sentences, quotes, ms: performance.now() - start };
      }
      const library = await loadLibrary(dir, logger ? { logger } : {});
      const written = await writeLibrary(client, library, server);
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

/** A text's index terms as a tsvector literal (each term with its positions) and its length as MiniSearch counts it. */
export function documentTerms(text: string): { terms: string; length: number } {
  const positions = new Map<string, number[]>();
  termsOf(text).forEach((term, i) => {
    let list = positions.get(term);
    if (!list) positions.set(term, (list = []));
    // tsvector positions stop at 16383 and keep 256 a term: far beyond a sentence or a quote.
    list.push(Math.min(i + 1, 16_383));
  });
  const parts: string[] = [];
  for (const [term, at] of positions) parts.push(`'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${at.join(',')}`);
  return { terms: parts.join(' '), length: new Set(tokenize(text)).size };
}

/**
 * Writes a library as the new generation of a collection, in one transaction: made current, the generation
 * before it kept (processes may still be answering from it), older ones deleted; the listeners are told.
 */
export async function writeLibrary(
  client: pg.ClientBase,
  library: Library,
  server: string | null,
): Promise<{ collection: number; articles: number; sentences: number; quotes: number; generation: number }> {
  const table = library.indexes.quoteEntries;
  const sentenceIds = library.indexes.sentenceEntries;
  const frequency = new Map<string, [number, number, number]>();
  const count = (terms: string, slot: 0 | 1 | 2, text: string) => {
    for (const term of new Set(termsOf(text))) {
      let entry = frequency.get(term);
      if (!entry) frequency.set(term, (entry = [0, 0, 0]));
      entry[slot]++;
    }
    return terms;
  };
  const lengths = { sentences: 0, quotes: 0, titles: 0 };
  const articles: unknown[][] = [];
  const sentences: unknown[][] = [];
  const quotes: unknown[][] = [];
  const people: unknown[][] = [];
  await client.query('BEGIN');
  try {
    const created = await client.query<{ id: number; generation: string }>(
      `INSERT INTO collections (server, generation)
         SELECT $1, coalesce(max(generation), 0) + 1 FROM collections WHERE coalesce(server, '') = coalesce($1, '') RETURNING id, generation`,
      [server],
    );
    const collection = created.rows[0]!.id;
    const generation = Number(created.rows[0]!.generation);
    const flush = async (force = false) => {
      if (force || articles.length >= CHUNK) await insert(client, ARTICLE_INSERT, collection, articles.splice(0));
      if (force || sentences.length >= CHUNK) await insert(client, SENTENCE_INSERT, collection, sentences.splice(0));
      if (force || quotes.length >= CHUNK) await insert(client, QUOTE_INSERT, collection, quotes.splice(0));
      if (force || people.length >= CHUNK) await insert(client, PEOPLE_INSERT, collection, people.splice(0));
    };
    let sentenceTotal = 0;
    library.collection.forEach((article, a) => {
      const title = documentTerms(article.title);
      lengths.titles += title.length;
      const { first, end } = table.range(a);
      const sentenceFirst = sentenceIds.first(a);
      articles.push([a, article.id, article.title, article.date, article.source, article.file, JSON.stringify(article.paragraphs), sentenceFirst, article.sentences.length, first, end - first, count(title.terms, 2, article.title), title.length]);
      article.sentences.forEach((sentence, i) => {
        const terms = documentTerms(sentence.text);
        lengths.sentences += terms.length;
        sentences.push([sentenceFirst + i, a, sentence.index, sentence.paragraph, sentence.start, sentence.end, sentence.text, count(terms.terms, 0, sentence.text), terms.length]);
      });
      sentenceTotal += article.sentences.length;
      for (let id = first; id < end; id++) {
        const quote = table.quote(id);
        const text = table.text(id);
        const terms = documentTerms(text);
        lengths.quotes += terms.length;
        const speaker = table.speakerOf(id);
        quotes.push([
          id, a, id - first, table.quoteId(id), table.kind(id), text, table.context(id), table.paragraphOf(id), `{${quote.sentences.join(',')}}`,
          table.speakerId(id), speaker ? JSON.stringify(speaker) : null, quote.reference, quote.speakerMention, quote.cue, table.confidenceOf(id),
          count(terms.terms, 1, text), terms.length,
        ]);
      }
      article.people.forEach((person, i) => {
        people.push([a, i, person.id, person.name, person.role, person.display, person.gender, person.organisation, JSON.stringify(person.mentions)]);
      });
    });
    await flush(true);
    const termRows = [...frequency].map(([term, [s, q, t]]) => [term, s, q, t]);
    for (let i = 0; i < termRows.length; i += CHUNK) await insert(client, TERM_INSERT, collection, termRows.slice(i, i + CHUNK));
    // The generation before this one stays (processes may be answering from it until they have read this
    // one); older ones go, their rows with them.
    await client.query(
      `DELETE FROM collections WHERE coalesce(server, '') = coalesce($1, '') AND generation < $2 - 1`,
      [server, generation],
    );
    await client.query(`UPDATE collections SET current = false WHERE coalesce(server, '') = coalesce($1, '') AND current`, [server]);
    await client.query(
      `UPDATE collections SET current = true, hash = $2, articles = $3, sentences = $4, quotes = $5, sentence_length = $6, quote_length = $7, title_length = $8
        WHERE id = $1`,
      [collection, library.hash, library.collection.length, sentenceTotal, table.length, lengths.sentences, lengths.quotes, lengths.titles],
    );
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ server, collection, generation })]);
    await client.query('COMMIT');
    // The planner's statistics of tables that just changed wholesale (autovacuum would come later).
    await client.query('ANALYZE articles, sentences, quotes, people, terms');
    return { collection, articles: library.collection.length, sentences: sentenceTotal, quotes: table.length, generation };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
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
  columns: 9,
  sql: `INSERT INTO people (collection, article, position, pid, name, role, display, gender, organisation, mentions)
    SELECT $1, article, position, pid, name, role, display, gender, organisation, mentions::jsonb
    FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::text[])
      AS t(article, position, pid, name, role, display, gender, organisation, mentions)`,
};

const TERM_INSERT: Insert = {
  columns: 4,
  sql: `INSERT INTO terms (collection, term, sentences, quotes, titles)
    SELECT $1, term, s, q, t FROM unnest($2::text[], $3::int[], $4::int[], $5::int[]) AS u(term, s, q, t)`,
};
