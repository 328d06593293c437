/**
 * `npm run --silent ask -- [--data DIR] [--json] [command] [text]`: answers one command and exits, or,
 * with no command, one command per line of standard input, each answered in turn (one answer line per
 * input line with --json, so a batch never loses its alignment).
 */
import { config as loadEnvFile } from 'dotenv';
import { createInterface } from 'node:readline';
import { Command as Program, CommanderError, InvalidArgumentError } from 'commander';
import { operator } from '../../commands/command.ts';
import type { Logger } from 'pino';
import { ConfigError, checkServersDir, loadConfig } from '../config.ts';
import type { Engine } from '../engine.ts';
import type { SharedLibrary } from '../guild/libraries.ts';
import { createLogger } from '../log.ts';
import { invoke, type Outcome } from './invoke.ts';
import { toJson } from './json.ts';
import { renderOutcome } from './render.ts';

// .env is read quietly: dotenv must not write to stdout, where `ask --json` answers.
loadEnvFile({ quiet: true });

interface Flags {
  data?: string;
  guild?: string;
  json?: boolean;
  article?: string;
  page?: number;
}

/** `--guild ID`: a Discord server id (17–20 digits). */
function serverId(value: string): string {
  if (!/^\d{17,20}$/.test(value)) throw new InvalidArgumentError('a server id is a Discord id (17–20 digits).');
  return value;
}

/** `--page N`: a whole number from 1 (a page past the end shows the last one). */
function pageNumber(value: string): number {
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a page is a whole number from 1.');
  return Number(value);
}

async function main(argv: string[]): Promise<number> {
  const program = new Program()
    .name('ask')
    .description('Ask byline one question, or one per line of standard input.')
    .option('--data <dir>', 'folder of article files (default: BYLINE_DATA_DIR or data/)')
    .option('--guild <id>', "act as in this server: its own articles beside the shared ones; add, remove, list", serverId)
    .option('--json', 'answer with one JSON object per line')
    .option('--article <id>', 'only this article (an id from "articles", or a title)')
    .option('--page <n>', 'this page of a long answer (quotes, articles, who-is)', pageNumber)
    .argument('[command]', 'who-said, what-happened, quotes, who-is, articles, library (add, remove, list), suggest, inspect, help')
    .argument('[text...]', "the command's text")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const flags = program.opts<Flags>();
  const [command, words = []] = program.processedArgs as [string | undefined, string[] | undefined];

  const config = loadConfig(flags.data ? { ...process.env, BYLINE_DATA_DIR: flags.data } : process.env);
  checkServersDir(config);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // The engine is imported only once the arguments are known to be good: a usage error answers at once.
  // The library: PostgreSQL's when BYLINE_DATABASE_URL is set (its pool closed once answered), else the data folder's.
  let close = async () => {};
  let shared: SharedLibrary;
  let servers: { engineFor(guildId: string | null): Engine };
  if (config.databaseUrl) {
    const { createPool, openPostgresLibrary } = await import('../postgres/library.ts');
    const pool = createPool(config.databaseUrl, logger, 2);
    const read = config.databaseReplicaUrl ? createPool(config.databaseReplicaUrl, logger, 2) : pool;
    close = async () => {
      await pool.end();
      if (read !== pool) await read.end();
    };
    shared = await openPostgresLibrary(pool, config.databaseIngest ? config.dataDir : null, logger, read);
    // With --guild, the server's own articles in the database too.
    const { PostgresServerLibraries } = await import('../postgres/servers.ts');
    servers = new PostgresServerLibraries({ dir: config.serversDir, shared, logger, maxArticles: config.maxServerArticles, pool, read });
  } else {
    const { openLibrary } = await import('../load/open.ts');
    shared = await openLibrary(config.dataDir, logger);
    // With --guild, the server's view: its own articles beside the shared ones (read from BYLINE_SERVERS_DIR).
    const { ServerLibraries } = await import('../guild/libraries.ts');
    servers = new ServerLibraries({ dir: config.serversDir, shared, logger, maxArticles: config.maxServerArticles });
  }
  try {
    return await answerAll(logger, servers, flags, command, words);
  } finally {
    await close();
  }
}

async function answerAll(logger: Logger, servers: { engineFor(guildId: string | null): Engine }, flags: Flags, command: string | undefined, words: string[]): Promise<number> {
  const engine = servers.engineFor(flags.guild ?? null);
  const caller = operator(flags.guild ?? null);

  const answer = async (line: string): Promise<Outcome> => {
    try {
      const article = flags.article ? ` article:${flags.article}` : '';
      return await invoke(engine, `${line}${article}`, flags.page ? { page: String(flags.page) } : {}, caller);
    } catch (error) {
      logger.error({ err: error, line: line.slice(0, 200) }, 'command failed');
      return { type: 'error', message: 'Something went wrong while answering; see the log.' };
    }
  };
  const print = (outcome: Outcome) => {
    process.stdout.write(`${flags.json ? JSON.stringify(toJson(outcome)) : renderOutcome(outcome)}\n`);
  };

  if (command) {
    const outcome = await answer([command, ...words].join(' '));
    print(outcome);
    return outcome.type === 'error' || (outcome.type === 'reply' && outcome.reply.type === 'notice') ? 1 : 0;
  }
  // One answer per input line, in order; an empty line gets its answer too, so the output stays aligned.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) print(await answer(line));
  return 0;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const oneLine = error instanceof ConfigError || (error instanceof Error && error.name === 'StoreKeyMissing');
    process.stderr.write(`${oneLine ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
