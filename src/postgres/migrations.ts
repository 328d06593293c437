/**
 * The PostgreSQL library's schema, as numbered migrations applied in order and recorded in
 * `byline_migrations` (one transaction each, under an advisory lock so that two processes starting together
 * do not both apply one). Written here as SQL in TypeScript rather than with a migration tool: byline
 * applies them itself when it connects (no separate command to forget), `npm run build` compiles them with
 * the rest (no .sql files to copy beside dist/), and a migration is plain SQL a reviewer reads as it runs.
 * A migration once released is never edited: a change is a new one.
 *
 * Search columns (`terms`) hold byline's own index terms (src/search/terms.ts: folded, British spellings
 * made American, Porter2-stemmed, byline's stop list, which keeps "not" and "never") cast straight to
 * `tsvector`, each with its positions, under GIN indexes: the planner's vocabulary and the embedded engine
 * are in those terms, so candidates agree with it. The GIN indexes are built without a pending list
 * (`fastupdate = off`): an ingest writes thousands of rows at once, and a pending list that large is scanned
 * linearly by every search until a vacuum (measured: 7–18 ms of a search's GIN scan at 1,000 articles). The `english` text-search configuration would stem
 * "defence" to "defenc" beside "defense" and drop "not". The `terms` table is the vocabulary: in how many
 * sentences, quotes and titles each term occurs (document frequencies),, with an index for prefix lookup
 * (`text_pattern_ops`); a typo is looked up with `fuzzystrmatch`'s Levenshtein distance over the terms of
 * about its length, which finds exactly what MiniSearch's fuzzy search finds (`pg_trgm`, shipped too,
 * is not used: a trigram similarity misses one-letter edits of short words that the distance allows).
 */
import type pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'library',
    sql: `
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- A generation of a collection of articles: the shared library (server NULL) or a Discord server's own
-- articles. Each ingest writes a new generation and makes it current in its transaction; the one before
-- stays until the next ingest, so a process still answering from it (until it has read the new one) reads
-- rows that do not change under it.
CREATE TABLE collections (
  id serial PRIMARY KEY,
  server text,
  current boolean NOT NULL DEFAULT false,
  -- The hash of the files it was ingested from (src/article/load.ts), null while empty.
  hash text,
  articles integer NOT NULL DEFAULT 0,
  sentences integer NOT NULL DEFAULT 0,
  quotes integer NOT NULL DEFAULT 0,
  -- Sum of the documents' lengths per index (unique tokens, as MiniSearch counts a field's length).
  sentence_length bigint NOT NULL DEFAULT 0,
  quote_length bigint NOT NULL DEFAULT 0,
  title_length bigint NOT NULL DEFAULT 0,
  -- Counts the ingests of the server's collection: a process holding an older one reloads.
  generation bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX collections_current ON collections (coalesce(server, '')) WHERE current;
CREATE UNIQUE INDEX collections_generation ON collections (coalesce(server, ''), generation);

-- Articles in library order (num from 0, as the embedded library numbers them); the title is the title index.
CREATE TABLE articles (
  collection integer NOT NULL REFERENCES collections ON DELETE CASCADE,
  num integer NOT NULL,
  id text NOT NULL,
  title text NOT NULL,
  date text CHECK (date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  source text,
  file text NOT NULL,
  paragraphs text[] NOT NULL,
  sentence_first integer NOT NULL,
  sentence_count integer NOT NULL,
  quote_first integer NOT NULL,
  quote_count integer NOT NULL,
  terms tsvector NOT NULL,
  length integer NOT NULL,
  PRIMARY KEY (collection, num),
  UNIQUE (collection, id)
);
CREATE INDEX articles_terms ON articles USING gin (terms) WITH (fastupdate = off);

-- Sentences by their number across the collection (the sentence index's ids).
CREATE TABLE sentences (
  collection integer NOT NULL REFERENCES collections ON DELETE CASCADE,
  id integer NOT NULL,
  article integer NOT NULL,
  idx integer NOT NULL,
  paragraph integer NOT NULL,
  start_at integer NOT NULL,
  end_at integer NOT NULL,
  text text NOT NULL,
  terms tsvector NOT NULL,
  length integer NOT NULL,
  PRIMARY KEY (collection, id)
);
CREATE INDEX sentences_terms ON sentences USING gin (terms) WITH (fastupdate = off);
CREATE INDEX sentences_article ON sentences (collection, article, idx);

-- Quotes by their number across the collection (the quote index's ids), with speaker, confidence, kind, context.
CREATE TABLE quotes (
  collection integer NOT NULL REFERENCES collections ON DELETE CASCADE,
  id integer NOT NULL,
  article integer NOT NULL,
  position integer NOT NULL,
  qid text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect')),
  text text NOT NULL,
  context text NOT NULL,
  paragraph integer NOT NULL,
  sentences integer[] NOT NULL,
  speaker text,
  -- The person the quote is attributed to, as the article gives them (name, role, display …).
  speaker_person jsonb,
  reference text NOT NULL,
  speaker_mention text,
  cue text,
  confidence double precision NOT NULL,
  terms tsvector NOT NULL,
  length integer NOT NULL,
  PRIMARY KEY (collection, id)
);
CREATE INDEX quotes_terms ON quotes USING gin (terms) WITH (fastupdate = off);
CREATE INDEX quotes_article ON quotes (collection, article, position);

-- The people of each article, in the article's order.
CREATE TABLE people (
  collection integer NOT NULL REFERENCES collections ON DELETE CASCADE,
  article integer NOT NULL,
  position integer NOT NULL,
  pid text NOT NULL,
  name text NOT NULL,
  role text,
  display text NOT NULL,
  gender text,
  organisation boolean NOT NULL,
  mentions jsonb NOT NULL,
  PRIMARY KEY (collection, article, position)
);

-- The vocabulary: in how many sentences, quotes and titles each term occurs.
CREATE TABLE terms (
  collection integer NOT NULL REFERENCES collections ON DELETE CASCADE,
  term text NOT NULL,
  sentences integer NOT NULL,
  quotes integer NOT NULL,
  titles integer NOT NULL,
  PRIMARY KEY (collection, term)
);
CREATE INDEX terms_prefix ON terms (collection, term text_pattern_ops);
`,
  },
  {
    version: 2,
    name: 'people by name',
    sql: `
-- What an ingest wrote a generation as (src/postgres/ingest.ts FORMAT): a generation of an older format is
-- ingested again, its files unchanged or not. Generations written before this migration are format 1.
ALTER TABLE collections ADD COLUMN format integer NOT NULL DEFAULT 1;

-- People are read when a question asks for them, by the words of their name, role and introduction
-- (speakerKey's words, src/queries/people.ts); the quoted ones (a quote's speaker) are read at start.
ALTER TABLE people ADD COLUMN words text[] NOT NULL DEFAULT '{}';
ALTER TABLE people ADD COLUMN quoted boolean NOT NULL DEFAULT false;
CREATE INDEX people_words ON people USING gin (words) WITH (fastupdate = off);
CREATE INDEX people_quoted ON people (collection, article, position) WHERE quoted;

-- The words of people's names: looked up as typed, by prefix and within a typo's distance.
CREATE TABLE person_words (
  collection integer NOT NULL REFERENCES collections ON DELETE CASCADE,
  word text NOT NULL,
  PRIMARY KEY (collection, word)
);
CREATE INDEX person_words_prefix ON person_words (collection, word text_pattern_ops);
CREATE INDEX person_words_length ON person_words (collection, char_length(word));
`,
  },
  {
    version: 3,
    name: 'postings',
    sql: `
-- Each term's postings per index, in one row: the documents holding it, ascending, each as three 32-bit
-- little-endian integers (the document's number, the term's frequency in it, the document's length), so
-- that a search reads a few rows by their key and scores them as the embedded index scores its postings
-- (src/postgres/search.ts), instead of visiting every matching row of the documents' table. Not compressed
-- (EXTERNAL): a row is read whole, and decompressing it cost more than the bytes saved.
CREATE TABLE postings (
  collection integer NOT NULL REFERENCES collections ON DELETE CASCADE,
  -- 0 sentences, 1 quotes, 2 titles.
  idx smallint NOT NULL CHECK (idx IN (0, 1, 2)),
  term text NOT NULL,
  postings bytea NOT NULL,
  PRIMARY KEY (collection, idx, term)
);
ALTER TABLE postings ALTER COLUMN postings SET STORAGE EXTERNAL;

-- Each index's average document length as the embedded index of the same store holds it (BM25 reads it):
-- the running average MiniSearch keeps when the store is one batch, the total over the count when it is
-- several (src/postgres/ingest.ts). Null in generations written before.
ALTER TABLE collections ADD COLUMN sentence_average double precision;
ALTER TABLE collections ADD COLUMN quote_average double precision;
ALTER TABLE collections ADD COLUMN title_average double precision;

-- The documents' tsvectors are no longer searched (the postings are): their GIN indexes only cost the ingest.
DROP INDEX IF EXISTS sentences_terms;
DROP INDEX IF EXISTS quotes_terms;
DROP INDEX IF EXISTS articles_terms;
`,
  },
  {
    version: 4,
    name: 'common terms apart',
    sql: `
-- A common term (in more than GATE_BEST documents of an index, src/search/score.ts) kept apart from its
-- whole row, so that a search whose candidate gate decides reads what the gate reads and not the whole row
-- (src/postgres/search.ts): its documents alone, each as its gap from the one before as a variable-length
-- integer (a byte or two where the whole row takes twelve), and the GATE_BEST documents it alone scores
-- best (BM25 over its whole row, as the gate finds them), 32-bit little-endian, in the order found. Both
-- written by the ingest; null for the other terms, and in generations written before (format 3).
ALTER TABLE postings ADD COLUMN docs bytea;
ALTER TABLE postings ADD COLUMN best bytea;

-- The (document, frequency, length) triples at these positions of a postings row (from 0), in their
-- order: what the search reads of a common term's row once the gate has decided. PL/pgSQL reads the row
-- out of its TOAST once, as it assigns the argument (a plain SQL function would fetch a slice of it for
-- every position).
CREATE FUNCTION byline_postings_at(postings bytea, positions integer[]) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $body$
BEGIN
  RETURN (SELECT coalesce(string_agg(substring(postings FROM p * 12 + 1 FOR 12), ''::bytea ORDER BY n), ''::bytea)
            FROM unnest(positions) WITH ORDINALITY AS t(p, n));
END
$body$;
`,
  },
  {
    version: 5,
    name: 'server articles',
    sql: `
-- A server's own articles (/library add) as they were added, one row each, in the order of the server's
-- collection (num, as the articles table numbers them): the record the embedded mode keeps in a file
-- (src/guild/store.ts StoredArticle: text, link, author, who added it and when), as JSON text exactly as
-- JSON.stringify wrote it (text, not jsonb: what jsonb refuses — a NUL, an unpaired surrogate — is written
-- escaped and read back the same). Each change of a server's library writes its collection anew as a new
-- generation from these records, and they are written with it, so they go with their generation.
CREATE TABLE server_articles (
  collection integer NOT NULL REFERENCES collections ON DELETE CASCADE,
  num integer NOT NULL,
  id text NOT NULL,
  record text NOT NULL,
  PRIMARY KEY (collection, num),
  UNIQUE (collection, id)
);
`,
  },
];

/** The advisory lock key of migrations and ingest ('byline' in ASCII). */
export const LOCK_KEY = 0x62796c696e65;

/** Applies the migrations not applied yet, in order; returns the versions applied now. */
export async function migrate(client: pg.ClientBase): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS byline_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM byline_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO byline_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
