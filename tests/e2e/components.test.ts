/**
 * Components over the gateway reach the same routing place as over HTTP (components.ts, through
 * answering.ts): a button byline does not know is answered with a kind ephemeral message, not ignored.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UNKNOWN_COMPONENT_MESSAGE } from '../../src/discord/answering.ts';
import { startBot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/log.ts';
import { FakeDiscord } from './fake-discord.ts';
import { CHANNEL_MESSAGE, EPHEMERAL, StubEngine, sleep } from './stub-engine.ts';

describe('a button over the gateway', () => {
  it('goes through the one routing place: an unknown custom_id gets a kind ephemeral message', async () => {
    const fake = await FakeDiscord.start();
    const logs: any[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine: new StubEngine(), logger: createLogger('debug', stream) });
    try {
      const id = fake.sendButton('page:who-said:9');
      const [sent] = await fake.waitForCalls(id, 1);
      expect(sent?.status).toBe(204);
      expect(sent?.body.type).toBe(CHANNEL_MESSAGE);
      expect(sent?.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(sent?.body.data.content).toBe(UNKNOWN_COMPONENT_MESSAGE);
      // The log line follows Discord's answer to the bot.
      const logged = () => logs.find((entry) => entry.interactionId === id && entry.msg === 'unknown component');
      for (let waited = 0; !logged() && waited < 2000; waited += 20) await sleep(20);
      expect(logged()).toMatchObject({ command: 'unknown', level: 40 });
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
