/**
 * byline's configuration, read from environment variables and validated once at start-up, so a wrong value
 * stops the bot with one clear line instead of failing later inside Discord. Reading `.env` is left to the
 * entry points (dotenv), which keeps `loadConfig` pure and testable.
 */
import path from 'node:path';
import { z } from 'zod';

/** Log levels pino knows, most severe first; `silent` turns logging off. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Discord's REST base when `DISCORD_API_URL` is not set. */
export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

export interface Config {
  /** The bot token (`DISCORD_TOKEN`); null when not set, which is fine for `--dry-run` and the local console. */
  discordToken: string | null;
  /** The application id (`DISCORD_CLIENT_ID`); null lets deploy-commands ask Discord for it. */
  discordClientId: string | null;
  /** The guild to register commands in (`DISCORD_GUILD_ID`); null registers them globally. */
  discordGuildId: string | null;
  /** Base of Discord's REST API, without a trailing slash (`DISCORD_API_URL`). */
  discordApiUrl: string;
  /** pino level (`LOG_LEVEL`). */
  logLevel: LogLevel;
  /** Folder the articles are read from (`BYLINE_DATA_DIR`). */
  dataDir: string;
  /** Port of `/healthz` and `/metrics` (`BYLINE_HTTP_PORT`); null serves neither. */
  httpPort: number | null;
  /**
   * How Discord's interactions reach byline (`BYLINE_TRANSPORT`): over the gateway (a websocket, with the
   * bot token) or posted to the HTTP interactions endpoint (`/interactions` on the service port).
   */
  transport: 'gateway' | 'http';
  /** The application's public key, 64 hex characters (`DISCORD_PUBLIC_KEY`); needed by the HTTP transport. */
  discordPublicKey: string | null;
  /** Gateway shards this process runs (`BYLINE_SHARDS`): `'auto'`, as many as Discord recommends, or a count. */
  shards: 'auto' | number;
  /** Folder of the articles added in servers, one sub-folder per server (`BYLINE_SERVERS_DIR`); never inside the data folder. */
  serversDir: string;
  /** Most articles one server may add (`BYLINE_SERVER_MAX_ARTICLES`). */
  maxServerArticles: number;
  /**
   * About how many characters of article text a batch of the persisted index holds
   * (`BYLINE_BATCH_CHARS`); null: the default (src/load/batches.ts reads the variable itself, in the build's
   * worker thread too).
   */
  batchChars: number | null;
  /**
   * The PostgreSQL library (`BYLINE_DATABASE_URL`, a secret: its password is never logged nor shown); null:
   * the embedded library.
   */
  databaseUrl: string | null;
  /**
   * Whether this process ingests its data folder into the database at start and when its files change
   * (`BYLINE_DATABASE_INGEST`, default on); off, it only reads the database and follows its changes.
   */
  databaseIngest: boolean;
  /**
   * A read replica of that database (`BYLINE_DATABASE_REPLICA_URL`, a secret too): the questions are
   * answered from it; migrations, ingest and LISTEN go to the primary. Null: everything from the primary.
   */
  databaseReplicaUrl: string | null;
}

/** A configuration value is wrong; the message is one line that names the variable and what it should be. */
export class ConfigError extends Error {
  constructor(
    /** The environment variable at fault. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Blank values count as unset, so `DISCORD_GUILD_ID=` in a .env file simply means "no guild". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }, schema.optional());

const snowflake = z.string().regex(/^\d{17,20}$/);

const schema = z.object({
  DISCORD_TOKEN: optional(z.string().regex(/^\S+$/)),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/ })),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS)),
  BYLINE_DATA_DIR: optional(z.string()),
  BYLINE_HTTP_PORT: optional(z.string().regex(/^\d{1,5}$/).refine((port) => Number(port) >= 1 && Number(port) <= 65535)),
  BYLINE_TRANSPORT: optional(z.enum(['gateway', 'http'])),
  DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-fA-F]{64}$/)),
  BYLINE_SHARDS: optional(z.string().regex(/^(auto|[1-9]\d{0,4})$/)),
  BYLINE_SERVERS_DIR: optional(z.string()),
  BYLINE_SERVER_MAX_ARTICLES: optional(z.string().regex(/^\d{1,5}$/).refine((n) => Number(n) >= 1 && Number(n) <= 10_000)),
  BYLINE_BATCH_CHARS: optional(z.string().regex(/^\d{5,10}$/).refine((chars) => Number(chars) >= 10_000 && Number(chars) <= 1_000_000_000)),
  BYLINE_DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/)),
  BYLINE_DATABASE_INGEST: optional(z.enum(['on', 'off'])),
  BYLINE_DATABASE_REPLICA_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/)),
});

type Variable = keyof typeof schema.shape;

/** What each variable must be, as the error message says it. */
const expectations: Record<Variable, string> = {
  DISCORD_TOKEN: 'a bot token (one word, no spaces)',
  DISCORD_CLIENT_ID: 'a Discord id (a number of 17–20 digits)',
  DISCORD_GUILD_ID: 'a Discord id (a number of 17–20 digits)',
  DISCORD_API_URL: 'an http(s) URL such as https://discord.com/api',
  LOG_LEVEL: `one of ${LOG_LEVELS.join(', ')}`,
  BYLINE_DATA_DIR: 'a folder path',
  BYLINE_HTTP_PORT: 'a port number from 1 to 65535',
  BYLINE_TRANSPORT: 'gateway or http',
  DISCORD_PUBLIC_KEY: "the application's public key (64 hexadecimal characters)",
  BYLINE_SHARDS: 'auto or a number of shards from 1',
  BYLINE_SERVERS_DIR: 'a folder path outside the data folder',
  BYLINE_SERVER_MAX_ARTICLES: 'a whole number from 1 to 10000',
  BYLINE_BATCH_CHARS: 'a number of characters from 10000 to 1000000000',
  BYLINE_DATABASE_URL: 'a PostgreSQL URL such as postgres://user:password@host:5432/byline',
  BYLINE_DATABASE_INGEST: 'on or off',
  BYLINE_DATABASE_REPLICA_URL: 'a PostgreSQL URL such as postgres://user:password@replica:5432/byline',
};

/** Variables whose value must never appear in a message or a log. */
const secrets: ReadonlySet<Variable> = new Set(['DISCORD_TOKEN', 'BYLINE_DATABASE_URL', 'BYLINE_DATABASE_REPLICA_URL']);

/**
 * Reads and validates byline's configuration from `env` (default: `process.env`).
 * Throws a {@link ConfigError} naming the first wrong variable, e.g.
 * `DISCORD_GUILD_ID must be a Discord id (a number of 17–20 digits), got "abc"`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = (issue?.path[0] ?? 'configuration') as Variable;
    const expected = expectations[variable] ?? 'valid';
    const got = secrets.has(variable) ? '' : `, got "${String(env[variable] ?? '')}"`;
    throw new ConfigError(variable, `${variable} must be ${expected}${got}`);
  }
  const values = parsed.data;
  const transport = values.BYLINE_TRANSPORT ?? 'gateway';
  // The HTTP transport is served on the service port and checks Discord's signatures: both are needed.
  if (transport === 'http' && !values.DISCORD_PUBLIC_KEY) {
    throw new ConfigError('DISCORD_PUBLIC_KEY', `DISCORD_PUBLIC_KEY must be ${expectations.DISCORD_PUBLIC_KEY} when BYLINE_TRANSPORT is http`);
  }
  if (transport === 'http' && !values.BYLINE_HTTP_PORT) {
    throw new ConfigError('BYLINE_HTTP_PORT', `BYLINE_HTTP_PORT must be ${expectations.BYLINE_HTTP_PORT} when BYLINE_TRANSPORT is http (the endpoint is served there)`);
  }
  return {
    discordToken: values.DISCORD_TOKEN ?? null,
    discordClientId: values.DISCORD_CLIENT_ID ?? null,
    discordGuildId: values.DISCORD_GUILD_ID ?? null,
    discordApiUrl: (values.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL).replace(/\/+$/, ''),
    logLevel: values.LOG_LEVEL ?? 'info',
    dataDir: values.BYLINE_DATA_DIR ?? 'data',
    httpPort: values.BYLINE_HTTP_PORT ? Number(values.BYLINE_HTTP_PORT) : null,
    transport,
    discordPublicKey: values.DISCORD_PUBLIC_KEY?.toLowerCase() ?? null,
    shards: values.BYLINE_SHARDS === undefined || values.BYLINE_SHARDS === 'auto' ? 'auto' : Number(values.BYLINE_SHARDS),
    serversDir: values.BYLINE_SERVERS_DIR ?? 'servers',
    maxServerArticles: values.BYLINE_SERVER_MAX_ARTICLES ? Number(values.BYLINE_SERVER_MAX_ARTICLES) : 200,
    batchChars: values.BYLINE_BATCH_CHARS ? Number(values.BYLINE_BATCH_CHARS) : null,
    databaseUrl: values.BYLINE_DATABASE_URL ?? null,
    databaseIngest: values.BYLINE_DATABASE_INGEST !== 'off',
    databaseReplicaUrl: values.BYLINE_DATABASE_REPLICA_URL ?? null,
  };
}

/**
 * Refuses a servers' folder inside the data folder (or the data folder inside it): the data folder is
 * watched and loaded whole as the shared library, and a server's articles must never join it.
 */
export function checkServersDir(config: Pick<Config, 'dataDir' | 'serversDir'>): void {
  const data = path.resolve(config.dataDir);
  const servers = path.resolve(config.serversDir);
  const inside = (child: string, parent: string) => child === parent || child.startsWith(`${parent}${path.sep}`);
  if (inside(servers, data) || inside(data, servers)) {
    throw new ConfigError('BYLINE_SERVERS_DIR', `BYLINE_SERVERS_DIR must be ${expectations.BYLINE_SERVERS_DIR}, got "${config.serversDir}" (the data folder is "${config.dataDir}")`);
  }
}
