/**
 * End to end with the real engine: the library built from data/ (the seed article), the real discord.js
 * client, the loopback fake of Discord. What the bot sends must be what the engine answered, rendered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/discord/bot.ts';
import { escapeText } from '../../src/discord/markdown.ts';
import { type Library } from '../../src/library.ts';
import { loadLibrary } from '../../src/load/open.ts';
import { createLogger } from '../../src/log.ts';
import { FakeDiscord, messageBodyProblem } from './fake-discord.ts';

describe('byline with its real library on a fake Discord', () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  let library: Library;

  beforeAll(async () => {
    library = await loadLibrary('data', { persist: false });
    fake = await FakeDiscord.start();
    bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine: library, logger: createLogger('silent') });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('answers /who-said with the engine’s best quote, speaker and paragraph', async () => {
    const query = 'Russia is seeking war not diplomacy';
    const expected = await library.whoSaid(query);
    const best = expected.answers[0];
    expect(best).toBeDefined();
    const [sent] = await fake.waitForCalls(fake.sendCommand('who-said', { quote: query }), 1);
    expect(sent?.status).toBe(204);
    expect(messageBodyProblem(sent?.body.data)).toBeNull();
    expect(sent?.body.data.allowed_mentions).toEqual({ parse: [] });
    const description: string = sent?.body.data.embeds[0].description;
    expect(description).toContain(`> “${escapeText(best!.quote)}”`);
    expect(description).toContain(`**${escapeText(best!.speaker)}**`);
    expect(description).toContain(`¶${best!.paragraph}`);
  });

  it('answers /what-happened with the engine’s passages, the topic in bold', async () => {
    const expected = await library.whatHappened('meeting');
    expect(expected.passages.length).toBeGreaterThan(0);
    const [sent] = await fake.waitForCalls(fake.sendCommand('what-happened', { topic: 'meeting' }), 1);
    expect(sent?.status).toBe(204);
    const description: string = sent?.body.data.embeds[0].description;
    expect(description).toContain('**meeting**');
    expect(description).toContain(`¶${expected.passages[0]!.paragraph}`);
  });

  it('answers autocomplete with what the engine suggests, within Discord’s limits', async () => {
    const expected = await library.suggest('quote', 'russia');
    expect(expected.length).toBeGreaterThan(0);
    const [sent] = await fake.waitForCalls(fake.sendAutocomplete('who-said', { quote: 'russia' }, 'quote'), 1);
    expect(sent?.status).toBe(204);
    expect(sent?.body.data.choices.map((choice: { value: string }) => choice.value)).toEqual(
      expected.slice(0, 25).map((choice) => choice.value.slice(0, 100)),
    );
  });
});
