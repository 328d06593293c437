/**
 * discord.js's ShardingManager over byline, for the sharding memory measurement (tests/scale/shards.ts):
 * one byline process per shard (`src/main.ts`, each with its own library), forked by this manager.
 * `SHARD_TOTAL` shards (the fake Discord's recommendation is not asked: the manager's 'auto' always asks
 * discord.com). Stops its shards on SIGTERM.
 */
import { ShardingManager } from 'discord.js';

const total = Number(process.env.SHARD_TOTAL ?? 2);
const manager = new ShardingManager('src/main.ts', {
  token: process.env.DISCORD_TOKEN,
  totalShards: total,
  mode: 'process',
  respawn: false,
  execArgv: ['--import', 'tsx'],
});
const say = (fields: Record<string, unknown>) => process.stderr.write(`${JSON.stringify({ manager: true, ...fields })}\n`);
manager.on('shardCreate', (shard) => say({ msg: 'shard created', shard: shard.id }));
await manager.spawn({ amount: total, delay: 0, timeout: 600_000 });
say({ msg: 'all shards spawned', pids: [...manager.shards.values()].map((shard) => shard.process?.pid) });
process.on('SIGTERM', () => {
  for (const shard of manager.shards.values()) shard.process?.kill('SIGTERM');
  setTimeout(() => process.exit(0), 2000);
});
