import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, checkServersDir, loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';

/** Runs loadConfig and returns the ConfigError it throws. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted a wrong value');
}

describe('loadConfig', () => {
  it('gives the defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      discordToken: null,
      discordClientId: null,
      discordGuildId: null,
      discordApiUrl: 'https://discord.com/api',
      logLevel: 'info',
      dataDir: 'data',
      httpPort: null,
      transport: 'gateway',
      discordPublicKey: null,
      shards: 'auto',
      serversDir: 'servers',
      maxServerArticles: 200,
      batchChars: null,
      databaseUrl: null,
      databaseIngest: true,
      databaseReplicaUrl: null,
    });
  });

  it('reads every variable, trimming values and the API URL’s trailing slash', () => {
    const config = loadConfig({
      DISCORD_TOKEN: ' abc.def.ghi ',
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: '876543210987654321',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      LOG_LEVEL: 'debug',
      BYLINE_DATA_DIR: '/srv/articles',
      BYLINE_HTTP_PORT: ' 9464 ',
      BYLINE_TRANSPORT: 'http',
      DISCORD_PUBLIC_KEY: ` ${'AB12'.repeat(16)} `,
      BYLINE_SHARDS: '4',
      BYLINE_SERVERS_DIR: '/srv/servers',
      BYLINE_SERVER_MAX_ARTICLES: '50',
      BYLINE_BATCH_CHARS: '2000000',
      BYLINE_DATABASE_URL: ' postgres://byline:pw@db.example:5432/byline ',
      BYLINE_DATABASE_INGEST: 'off',
      BYLINE_DATABASE_REPLICA_URL: 'postgresql://reader:pw@replica.example/byline',
    });
    expect(config).toEqual({
      discordToken: 'abc.def.ghi',
      discordClientId: '123456789012345678',
      discordGuildId: '876543210987654321',
      discordApiUrl: 'http://127.0.0.1:8080/api',
      logLevel: 'debug',
      dataDir: '/srv/articles',
      httpPort: 9464,
      transport: 'http',
      discordPublicKey: 'ab12'.repeat(16),
      shards: 4,
      serversDir: '/srv/servers',
      maxServerArticles: 50,
      batchChars: 2_000_000,
      databaseUrl: 'postgres://byline:pw@db.example:5432/byline',
      databaseIngest: false,
      databaseReplicaUrl: 'postgresql://reader:pw@replica.example/byline',
    });
  });

  it('refuses a servers folder inside the data folder (or around it), which is loaded whole as the shared library', () => {
    expect(() => checkServersDir({ dataDir: 'data', serversDir: 'data/servers' })).toThrow(/^BYLINE_SERVERS_DIR must be a folder path outside the data folder, got "data\/servers"/);
    expect(() => checkServersDir({ dataDir: '/srv/news/data', serversDir: '/srv/news' })).toThrow(ConfigError);
    expect(() => checkServersDir({ dataDir: 'data', serversDir: 'servers' })).not.toThrow();
    expect(() => loadConfig({ BYLINE_SERVER_MAX_ARTICLES: '0' })).toThrow(/^BYLINE_SERVER_MAX_ARTICLES must be a whole number from 1 to 10000, got "0"/);
  });

  it('treats blank values as unset, as an empty line in .env means', () => {
    expect(loadConfig({ DISCORD_GUILD_ID: '', LOG_LEVEL: '  ', DISCORD_TOKEN: '' })).toMatchObject({
      discordGuildId: null,
      logLevel: 'info',
      discordToken: null,
    });
  });

  it('names the variable and the value in one line when a value is wrong', () => {
    const error = configError({ DISCORD_GUILD_ID: 'abc' });
    expect(error.message).toBe('DISCORD_GUILD_ID must be a Discord id (a number of 17–20 digits), got "abc"');
    expect(error.variable).toBe('DISCORD_GUILD_ID');
    expect(configError({ BYLINE_HTTP_PORT: '70000' }).message).toBe('BYLINE_HTTP_PORT must be a port number from 1 to 65535, got "70000"');
    expect(configError({ LOG_LEVEL: 'loud' }).message).toBe(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    );
    expect(configError({ DISCORD_API_URL: 'ftp://x' }).message).toMatch(/^DISCORD_API_URL must be an http\(s\) URL/);
    expect(configError({ DISCORD_CLIENT_ID: '12' }).message).toMatch(/^DISCORD_CLIENT_ID must be/);
    expect(configError({ BYLINE_BATCH_CHARS: '500' }).message).toBe('BYLINE_BATCH_CHARS must be a number of characters from 10000 to 1000000000, got "500"');
    for (const message of [error.message, configError({ LOG_LEVEL: 'x' }).message]) expect(message).not.toContain('\n');
  });

  it('needs the public key and the port for the HTTP transport, and says so', () => {
    const key = 'ab'.repeat(32);
    expect(configError({ BYLINE_TRANSPORT: 'websocket' }).message).toBe('BYLINE_TRANSPORT must be gateway or http, got "websocket"');
    expect(configError({ BYLINE_TRANSPORT: 'http', BYLINE_HTTP_PORT: '8080' })).toMatchObject({
      variable: 'DISCORD_PUBLIC_KEY',
      message: "DISCORD_PUBLIC_KEY must be the application's public key (64 hexadecimal characters) when BYLINE_TRANSPORT is http",
    });
    expect(configError({ BYLINE_TRANSPORT: 'http', DISCORD_PUBLIC_KEY: key })).toMatchObject({ variable: 'BYLINE_HTTP_PORT' });
    expect(configError({ DISCORD_PUBLIC_KEY: key.slice(1) })).toMatchObject({ variable: 'DISCORD_PUBLIC_KEY' });
    expect(configError({ DISCORD_PUBLIC_KEY: `${key.slice(2)}zz` })).toMatchObject({ variable: 'DISCORD_PUBLIC_KEY' });
    // No token needed: the HTTP transport never opens the gateway.
    expect(loadConfig({ BYLINE_TRANSPORT: 'http', DISCORD_PUBLIC_KEY: key, BYLINE_HTTP_PORT: '8080' })).toMatchObject({
      transport: 'http',
      discordToken: null,
      discordPublicKey: key,
    });
  });

  it('reads the gateway’s shards: auto, or a count', () => {
    expect(loadConfig({ BYLINE_SHARDS: 'auto' })).toMatchObject({ shards: 'auto' });
    expect(loadConfig({ BYLINE_SHARDS: '16' })).toMatchObject({ shards: 16 });
    for (const wrong of ['0', '-1', 'many', '1.5']) expect(configError({ BYLINE_SHARDS: wrong })).toMatchObject({ variable: 'BYLINE_SHARDS' });
  });

  it('never repeats a wrong token in its message', () => {
    const error = configError({ DISCORD_TOKEN: 'secret part two' });
    expect(error.message).toMatch(/^DISCORD_TOKEN must be/);
    expect(error.message).not.toContain('secret');
  });

  it('never repeats a wrong database URL (it holds a password) in its message', () => {
    const error = configError({ BYLINE_DATABASE_URL: 'mysql://byline:hunter2@db/byline' });
    expect(error.message).toMatch(/^BYLINE_DATABASE_URL must be a PostgreSQL URL/);
    expect(error.message).not.toContain('hunter2');
    expect(configError({ BYLINE_DATABASE_INGEST: 'maybe' })).toMatchObject({ variable: 'BYLINE_DATABASE_INGEST' });
  });
});

describe('createLogger', () => {
  function capture() {
    const lines: any[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    return { lines, stream };
  }

  it('writes JSON lines at the level asked', () => {
    const { lines, stream } = capture();
    const logger = createLogger('warn', stream);
    logger.info('not shown');
    logger.warn({ command: 'who-said' }, 'shown');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, command: 'who-said', msg: 'shown' });
  });

  it('redacts tokens and authorization headers wherever they sit', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    logger.info({ token: 'a', interaction: { token: 'b' }, request: { headers: { authorization: 'Bot c' } } }, 'x');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/"a"|"b"|Bot c/);
    expect(lines[0].interaction.token).toBe('[redacted]');
    expect(lines[0].request.headers.authorization).toBe('[redacted]');
  });
});
