/**
 * Gateway sharding with discord.js's own machinery, against the loopback fake of Discord recommending two
 * shards (`GET /gateway/bot` → `shards: 2`): with `shards: 'auto'` one byline runs both from one library,
 * identifying as [0, 2] and [1, 2]; an interaction from a guild on either shard is answered; and when one
 * shard's socket is closed, it comes back while the other keeps answering.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/log.ts';
import { logLines } from './endpoint.ts';
import { FakeDiscord, shardOfGuild } from './fake-discord.ts';
import { CHANNEL_MESSAGE, StubEngine, found, sleep } from './stub-engine.ts';

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('two gateway shards in one process', () => {
  it('identify as [0, 2] and [1, 2] from GET /gateway/bot, answer on either, and one reconnects while the other answers', async () => {
    const fake = await FakeDiscord.start({ shards: 2, maxConcurrency: 2 });
    const engine = new StubEngine();
    const asked: string[] = [];
    engine.whoSaidAnswer = async (query) => {
      asked.push(query);
      return found(query);
    };
    const logs: any[] = [];
    const stream = logLines(logs);
    // The two guilds of the fake are on different shards.
    expect(shardOfGuild(fake.guildId, 2)).not.toBe(shardOfGuild(fake.otherGuildId, 2));
    const bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine, logger: createLogger('info', stream), shards: 'auto' });
    try {
      expect(fake.requests.filter((request) => request.path === '/gateway/bot' && request.authorized).length).toBeGreaterThan(0);
      expect(fake.identifies.map((identify) => identify.shard).sort()).toEqual([[0, 2], [1, 2]]);
      expect(fake.connectedShards()).toEqual([0, 1]);
      // Ready only once both shards are: its user known and every guild of both shards available.
      expect(bot.client.user.id).toBe(fake.botUserId);
      expect(bot.client.guilds.cache.map((guild) => [guild.id, guild.available]).sort()).toEqual([
        [fake.guildId, true],
        [fake.otherGuildId, true],
      ]);
      expect(logs.find((entry) => entry.msg === 'connected to Discord')).toMatchObject({ shards: 2, shardCount: 2, guilds: 2 });
      expect(logs.filter((entry) => entry.msg === 'shard ready').map((entry) => entry.shard).sort()).toEqual([0, 1]);

      const answered = async (guildId: string, quote: string) => {
        const id = fake.sendCommand('who-said', { quote }, 0, guildId);
        const [sent] = await fake.waitForCalls(id, 1, 5000);
        expect(sent?.status).toBe(204);
        expect(sent?.body.type).toBe(CHANNEL_MESSAGE);
      };
      await answered(fake.guildId, 'first guild');
      await answered(fake.otherGuildId, 'second guild');
      expect(asked).toEqual(['first guild', 'second guild']);

      // One shard's socket is closed by Discord; the other keeps answering meanwhile.
      const closed = shardOfGuild(fake.otherGuildId, 2);
      const identifiesBefore = fake.identifies.length;
      fake.closeShard(closed);
      await until(() => !fake.connectedShards().includes(closed), 2000, 'the shard to be closed');
      await answered(fake.guildId, 'while the other reconnects');
      await until(() => fake.connectedShards().length === 2, 10_000, 'the shard to come back');
      await answered(fake.otherGuildId, 'after the reconnect');
      expect(asked).toEqual(['first guild', 'second guild', 'while the other reconnects', 'after the reconnect']);
      // It came back by resuming its session (no new IDENTIFY), and said so.
      expect(fake.identifies.length).toBe(identifiesBefore);
      await until(() => logs.some((entry) => entry.msg === 'shard resumed' && entry.shard === closed), 2000, 'the resume log');
      expect(logs.some((entry) => entry.msg === 'gateway reconnecting' && entry.shard === closed)).toBe(true);
      expect(bot.connected()).toBe(true);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  it('runs the number of shards it is given, whatever Discord recommends', async () => {
    const fake = await FakeDiscord.start({ shards: 1, maxConcurrency: 2 });
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const engine = new StubEngine();
    engine.whoSaidAnswer = async (query) => found(query);
    const bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine, logger: createLogger('warn', silent), shards: 2 });
    try {
      expect(fake.identifies.map((identify) => identify.shard).sort()).toEqual([[0, 2], [1, 2]]);
      const id = fake.sendCommand('who-said', { quote: 'second shard' }, 0, fake.otherGuildId);
      expect((await fake.waitForCalls(id, 1))[0]?.status).toBe(204);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
