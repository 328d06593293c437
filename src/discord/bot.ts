/**
 * Starting and stopping byline's Discord bot: a discord.js client with only the `Guilds` intent (slash
 * commands need nothing privileged), wired to the interaction handler, its errors logged rather than fatal.
 */
import { INTERACTION_REST_OPTIONS } from './limits.ts';
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Status, type ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { Engine } from '../engine.ts';
import { errorFields, logUnhandledRejections } from './errors.ts';
import { createInteractionHandler, type InteractionHandlerOptions } from './interactions.ts';

export interface BotOptions {
  /** The bot token; sent to Discord, never logged. */
  token: string;
  /**
   * Base of Discord's REST API (default `https://discord.com/api`). The gateway URL comes from
   * `GET <apiUrl>/v10/gateway/bot`, so pointing this at a proxy or a fake moves the whole bot there.
   */
  apiUrl?: string;
  engine: Engine;
  /** The engine of each server (its own articles beside the shared ones); default `engine` everywhere. */
  engines?: InteractionHandlerOptions['engines'];
  logger: Logger;
  /** Timing of the interaction handler; the defaults follow Discord's 3 s rule. */
  timing?: Pick<InteractionHandlerOptions, 'deferAfterMs' | 'autocompleteBudgetMs'>;
  /** Told of every interaction's outcome (metrics). */
  observe?: InteractionHandlerOptions['observe'];
  /** How long `stop()` waits for the interactions in flight before it disconnects anyway (default 10 s). */
  drainMs?: number;
  /**
   * Gateway shards run by this process: `'auto'` (the default) runs as many as Discord recommends
   * (`GET /gateway/bot`), a number that many. All of them answer from the one library of this process, and
   * their sockets live on the main thread (@discordjs/ws's worker threads were measured and set aside: see
   * the README, "Running byline at scale").
   */
  shards?: 'auto' | number;
}

/** Default bound on the wait for in-flight interactions at a stop: Discord allows 15 min for an edit, a supervisor far less. */
export const DRAIN_MS = 10_000;

export interface RunningBot {
  client: Client<true>;
  /** True while the gateway connection is up and the bot is not stopping (for /healthz). */
  connected(): boolean;
  /**
   * Stops cleanly: takes no new interaction, waits (at most `drainMs`) for those in flight to be answered,
   * then closes the gateway normally (code 1000) and releases the client. Calling it again returns the
   * same promise.
   */
  stop(): Promise<void>;
}

/** discord.js's own sharding: the shard count, or `'auto'` to ask Discord for it. */
function shardingOptions(options: Pick<BotOptions, 'shards'>): Partial<ClientOptions> {
  // Started by discord.js's ShardingManager (one process per shard): which shards to run is the manager's to say.
  if (process.env.SHARDING_MANAGER === 'true') return {};
  const shards = options.shards ?? 'auto';
  return shards === 'auto' ? { shards: 'auto' } : { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
}

/**
 * Connects byline to Discord and resolves once the client is ready (logged in, guilds received).
 * Rejects, with the client destroyed, when login fails (e.g. an invalid token).
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { token, apiUrl, engine, logger } = options;
  logUnhandledRejections(logger);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { ...INTERACTION_REST_OPTIONS, ...(apiUrl ? { api: apiUrl } : {}) },
    ...shardingOptions(options),
  });
  const onInteraction = createInteractionHandler({
    engine,
    logger,
    ...options.timing,
    ...(options.observe ? { observe: options.observe } : {}),
    ...(options.engines ? { engines: options.engines } : {}),
  });
  // Interactions being answered: a stop waits for them, so that nothing a member asked is dropped.
  const inFlight = new Set<Promise<void>>();
  let stopping: Promise<void> | null = null;
  client.on(Events.InteractionCreate, (interaction) => {
    // During a stop the gateway is still open for a moment; an interaction that arrives then is not started
    // (Discord shows the member that the application did not respond, and they can ask again).
    if (stopping) {
      logger.info({ interactionId: interaction.id }, 'interaction arrived while stopping: not answered');
      return;
    }
    const running = onInteraction(interaction).finally(() => inFlight.delete(running));
    inFlight.add(running);
  });
  client.on(Events.Error, (error) => logger.error({ err: errorFields(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ discord: message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardReady, (shard) => logger.info({ shard, shardCount: client.options.shardCount }, 'shard ready'));
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'shard resumed'));
  client.rest.on('rateLimited', (limit) =>
    logger.warn({ route: limit.route, method: limit.method, retryAfterMs: limit.retryAfter, global: limit.global }, 'rate limited'),
  );

  const ready = once(client, Events.ClientReady) as Promise<[Client<true>]>;
  try {
    await client.login(token);
    const [readyClient] = await ready;
    logger.info(
      { user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, shards: readyClient.ws.shards.size, shardCount: readyClient.options.shardCount },
      'connected to Discord',
    );
    return {
      client: readyClient,
      connected: () => !stopping && readyClient.ws.status === Status.Ready,
      stop() {
        stopping ??= (async () => {
          const waiting = inFlight.size;
          if (waiting > 0) {
            logger.info({ inFlight: waiting }, 'stopping: answering the interactions in flight');
            let timer: NodeJS.Timeout | undefined;
            const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.drainMs ?? DRAIN_MS)));
            const outcome = await Promise.race([Promise.allSettled([...inFlight]).then(() => 'done' as const), timeout]);
            clearTimeout(timer);
            if (outcome === 'timeout') logger.warn({ unanswered: inFlight.size }, 'stopping: gave up waiting for interactions in flight');
          }
          client.removeAllListeners();
          client.rest.removeAllListeners();
          await client.destroy();
          logger.info('disconnected from Discord');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await client.destroy();
    throw error;
  }
}
