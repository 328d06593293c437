/**
 * `npm run eval -- --backend postgres`: the evaluation's library written into PostgreSQL (the very articles
 * the embedded library understood, so every label finds the same article) and the questions answered from
 * there. The database is BYLINE_DATABASE_URL's when set — the evaluation then uses a collection of its own
 * (`eval`), never the shared library's — or else an embedded PostgreSQL started for the run (tests/postgres.ts).
 */
import type { Library } from '../../src/library.ts';
import { writeLibrary } from '../../src/postgres/ingest.ts';
import { createPool, PostgresLibrary } from '../../src/postgres/library.ts';
import { migrate } from '../../src/postgres/migrations.ts';
import type { EvalLibrary } from './corpus.ts';

/** The collection the evaluation writes its library into. */
const EVAL_COLLECTION = 'eval';

export async function postgresEvalLibrary(library: Library): Promise<{ library: EvalLibrary; describe: string; close: () => Promise<void> }> {
  const start = performance.now();
  const given = process.env.BYLINE_DATABASE_URL?.trim();
  const server = given ? null : await (await import('../postgres.ts')).startPostgres();
  const pool = createPool(given || server!.url);
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
      await writeLibrary(client, library, EVAL_COLLECTION);
    } finally {
      client.release();
    }
    const stored = await PostgresLibrary.open(pool, EVAL_COLLECTION);
    if (stored.size !== library.collection.length || stored.view.quotes.length !== library.indexes.quoteEntries.length) {
      throw new Error('the library read back from PostgreSQL is not the one written');
    }
    return {
      library: {
        collection: library.collection,
        whoSaid: (query, scope, ranking) => stored.whoSaid(query, scope, ranking),
        whatHappened: (topic, scope, ranking) => stored.whatHappened(topic, scope, ranking),
        whoIs: (person, scope) => stored.whoIs(person, scope),
      },
      describe: `PostgreSQL (${given ? 'BYLINE_DATABASE_URL' : 'embedded, started for this run'}), written and opened in ${Math.round(performance.now() - start)} ms`,
      close: async () => {
        await pool.end();
        await server?.stop();
      },
    };
  } catch (error) {
    await pool.end();
    await server?.stop();
    throw error;
  }
}
