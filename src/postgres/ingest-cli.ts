/**
 * `npm run ingest [-- --data DIR] [--force]`: ingests the data folder (BYLINE_DATA_DIR, or --data) into the
 * PostgreSQL library of BYLINE_DATABASE_URL, as a process that sees new files does at start: through
 * byline's own pipeline, in one transaction, under an advisory lock; every process listening reloads.
 * Prints one JSON line: what was ingested, or that the database held these files already.
 */
import { parseArgs } from 'node:util';
import { config as loadEnvFile } from 'dotenv';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { ingestFolder } from './ingest.ts';
import { createPool } from './library.ts';

loadEnvFile({ quiet: true });

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, force: { type: 'boolean' } }, strict: true, allowPositionals: false });
  const config = loadConfig(values.data ? { ...process.env, BYLINE_DATA_DIR: values.data } : process.env);
  if (!config.databaseUrl) throw new ConfigError('BYLINE_DATABASE_URL', 'BYLINE_DATABASE_URL must be set for npm run ingest (the PostgreSQL library to ingest into)');
  const logger = createLogger(config.logLevel);
  const pool = createPool(config.databaseUrl, logger, 2);
  try {
    const result = await ingestFolder(pool, config.dataDir, { logger, force: values.force === true });
    process.stdout.write(`${JSON.stringify({ dir: config.dataDir, ...result, ms: Math.round(result.ms) })}\n`);
    return 0;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
