/**
 * The PostgreSQL backend (issue #13) against a real PostgreSQL, started from npm by the test itself
 * (tests/postgres.ts): one server for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPostgres, type TestPostgres } from './postgres.ts';

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('the embedded PostgreSQL of the tests', () => {
  it('runs (as root too) and ships the contrib modules the backend uses', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(`SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'fuzzystrmatch') ORDER BY name`);
      expect(rows.map((row) => row.name)).toEqual(['fuzzystrmatch', 'pg_trgm']);
      const english = await client.query<{ v: string }>(`SELECT to_tsvector('english', 'Diplomacy means also defense') AS v`);
      expect(english.rows[0]!.v).toBe(`'also':3 'defens':4 'diplomaci':1 'mean':2`);
    } finally {
      await client.end();
    }
  });
});
