/**
 * `npm start`: with DISCORD_TOKEN set, logs in to Discord and answers the slash commands; without it,
 * opens the local console on the same articles and the same command code. With BYLINE_TRANSPORT=http it
 * serves Discord's HTTP interactions endpoint instead, with no gateway connection and no token.
 */
import { statSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { parseArgs } from 'node:util';
import { config as loadEnvFile } from 'dotenv';
import { operator } from '../commands/command.ts';
import { ConfigError, checkServersDir, loadConfig, type Config } from './config.ts';
import { ServerLibraries } from './guild/libraries.ts';
import type { Logger } from 'pino';
import { createLogger } from './log.ts';
import { openLibrary } from './load/open.ts';
import { runConsole } from './cli/console.ts';
import { LiveLibrary } from './load/live.ts';
import type { LivePostgresLibrary } from './postgres/live.ts';
import { createMetrics } from './service/metrics.ts';
import { startServiceServer } from './service/http.ts';

// .env is read quietly: dotenv must not write to stdout, where `ask --json` answers.
loadEnvFile({ quiet: true });

async function main(): Promise<void> {
  // `npm start -- --data DIR` (or `--data=DIR`) overrides BYLINE_DATA_DIR; anything else on the line is refused.
  let args: { data?: string | undefined; guild?: string | undefined };
  try {
    args = parseArgs({ options: { data: { type: 'string' }, guild: { type: 'string' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigError('arguments', `${error instanceof Error ? error.message : String(error)} (npm start takes only --data DIR and, for the console, --guild ID)`);
  }
  if (args.guild !== undefined && !/^\d{17,20}$/.test(args.guild)) {
    throw new ConfigError('--guild', `--guild must be a Discord server id (17–20 digits), got "${args.guild.slice(0, 40)}"`);
  }
  const config = loadConfig(args.data ? { ...process.env, BYLINE_DATA_DIR: args.data } : process.env);
  // A data folder named on purpose that is not there is a wrong setting: one line, and no bot without articles.
  const named = args.data !== undefined || (process.env.BYLINE_DATA_DIR ?? '').trim() !== '';
  if (named && !isDirectory(config.dataDir)) {
    throw new ConfigError(args.data !== undefined ? '--data' : 'BYLINE_DATA_DIR', `${args.data !== undefined ? '--data' : 'BYLINE_DATA_DIR'} must be an existing folder, got "${config.dataDir}"`);
  }
  checkServersDir(config);
  // The local console owns the terminal: info lines in JSON would land over its prompt, so while it is
  // interactive the log says only warnings and errors (unless LOG_LEVEL asks for more detail than info).
  const interactive = config.transport === 'gateway' && !config.discordToken && process.stdin.isTTY === true;
  const quieter = interactive && (config.logLevel === 'info' || config.logLevel === 'warn') ? 'warn' : config.logLevel;
  const logger = createLogger(quieter);
  // The service port comes up first, so that a probe sees "starting" (503) while a large library loads.
  let library: LiveLibrary | LivePostgresLibrary | null = null;
  const metrics = createMetrics(() => library?.size() ?? { articles: 0, quotes: 0 });
  // Ready (for /healthz) once the library is loaded and, with a token, the gateway is connected.
  let ready: () => boolean = () => library !== null && !config.discordToken && config.transport === 'gateway';
  // The HTTP transport's /interactions shares the service port; it answers 503 until the library is loaded.
  let interactions: RequestListener = (_request, response) => void response.writeHead(503, { 'content-type': 'text/plain' }).end('starting\n');
  const routes: Record<string, RequestListener> = config.transport === 'http' ? { '/interactions': (request, response) => interactions(request, response) } : {};
  const service = config.httpPort
    ? await startServiceServer({ port: config.httpPort, ready: () => ready(), registry: metrics.registry, routes })
    : null;
  if (service) logger.info({ port: service.port }, 'serving /healthz and /metrics');
  // The library: PostgreSQL's when BYLINE_DATABASE_URL is set, else the embedded one of the data folder.
  library = config.databaseUrl
    ? await (await import('./postgres/live.ts')).openDatabaseLibrary({ ...config, databaseUrl: config.databaseUrl }, logger)
    : new LiveLibrary(await openLibrary(config.dataDir, logger, { warm: true, onLaterDamage: () => (library as LiveLibrary | null)?.rebuildDamaged() }), config.dataDir, logger);
  library.onReload = (reload) => metrics.reload(reload);
  const unfollow = library.follow();
  // Each server's own articles, read when the server first asks, composed with the shared library per question:
  // from the servers' folder, or from the database with the shared library there (every process notified).
  const servers = await serverLibraries(config, library, logger);

  // What answers Discord: the HTTP endpoint or the gateway; stopping it answers what is in flight first.
  let transport: { stop(): Promise<void> };
  if (config.transport === 'http') {
    const { createInteractionsEndpoint } = await import('./discord/http/endpoint.ts');
    const endpoint = createInteractionsEndpoint({
      publicKey: config.discordPublicKey!,
      apiUrl: config.discordApiUrl,
      engine: library,
      engines: (guildId) => servers.engineFor(guildId),
      logger,
      observe: (outcome) => metrics.interaction(outcome),
    });
    interactions = endpoint.handle;
    ready = () => endpoint.accepting();
    transport = endpoint;
    logger.info({ port: service?.port }, 'serving the HTTP interactions endpoint at /interactions');
  } else if (!config.discordToken) {
    logger.info('DISCORD_TOKEN is not set: starting the local console');
    await runConsole(servers.engineFor(args.guild ?? null), logger, process.stdin, process.stdout, operator(args.guild ?? null));
    unfollow();
    await service?.close();
    return;
  } else {
    const { startBot } = await import('./discord/bot.ts');
    const bot = await startBot({
      token: config.discordToken,
      apiUrl: config.discordApiUrl,
      engine: library,
      engines: (guildId) => servers.engineFor(guildId),
      logger,
      observe: (outcome) => metrics.interaction(outcome),
      shards: config.shards,
    });
    ready = () => bot.connected();
    transport = bot;
  }
  // The servers' own articles are read in the background, so a server's first question does not wait for them.
  void servers.warm();
  let stopping = false;
  // `process.on`, not `once`: a supervisor that signals twice (or the whole process group, then the pid)
  // must not meet Node's default action, which ends the process mid-answer.
  const stop = (signal: string) => {
    if (stopping) {
      logger.info({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    unfollow();
    transport.stop().then(
      async () => {
        await service?.close();
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** The servers' own libraries: in the database beside a shared library there (its notifications followed), else in the servers' folder. */
async function serverLibraries(config: Config, library: LiveLibrary | LivePostgresLibrary, logger: Logger): Promise<{ engineFor: ServerLibraries['engineFor']; warm(): Promise<void> }> {
  const options = { dir: config.serversDir, logger, maxArticles: config.maxServerArticles };
  if (library instanceof LiveLibrary) return new ServerLibraries({ ...options, shared: library });
  const { PostgresServerLibraries } = await import('./postgres/servers.ts');
  const servers = new PostgresServerLibraries({ ...options, pool: library.pool, read: library.read, shared: library });
  library.servers = servers;
  return servers;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

main().catch((error: unknown) => {
  // A wrong setting, or a store key never computed (neither built nor installed): one line, no stack.
  if (error instanceof ConfigError || (error instanceof Error && error.name === 'StoreKeyMissing')) {
    process.stderr.write(`byline: ${error.message}\n`);
  } else {
    process.stderr.write(`byline failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
