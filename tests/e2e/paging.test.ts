/**
 * End to end: long answers paged with buttons, clicked through the real discord.js client on the loopback
 * fake of Discord. A click is a component interaction carrying the message; the bot answers it with
 * UPDATE_MESSAGE (or a deferred update and an edit), which the fake applies to the message it keeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuotesResult, WhoSaidAnswer } from '../../src/answers.ts';
import { OUT_OF_DATE_BUTTON } from '../../commands/index.ts';
import { startBot, type RunningBot } from '../../src/discord/bot.ts';
import { LIST_CHANGED } from '../../src/discord/render.ts';
import { UserInputError, type Engine } from '../../src/engine.ts';
import { Library } from '../../src/library.ts';
import { createLogger } from '../../src/log.ts';
import { FakeDiscord, messageBodyProblem, type FakeMessage, type RecordedRequest } from './fake-discord.ts';

const EPHEMERAL = 64;
const CHANNEL_MESSAGE = 4;
const DEFERRED_UPDATE_MESSAGE = 6;
const UPDATE_MESSAGE = 7;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The buttons of a message, by label. */
function button(message: FakeMessage, label: RegExp): { custom_id: string; disabled?: boolean } {
  const found = message.components.flatMap((row) => row.components).find((b: { label: string }) => label.test(b.label));
  if (!found) throw new Error(`no button ${label} on the message`);
  return found;
}

/** The numbers of the mayor's plans a message shows ("plan number 12"). */
const plans = (message: FakeMessage) => [...(message.embeds[0]?.description ?? '').matchAll(/plan number (\d+) will/g)].map((m) => Number(m[1]));

/** The first response to an interaction, once it has come. */
async function firstCall(fake: FakeDiscord, id: string): Promise<RecordedRequest> {
  const [first] = await fake.waitForCalls(id, 1);
  return first!;
}

describe('paging /quotes with buttons, on the real library', () => {
  let fake: FakeDiscord;
  let bot: RunningBot;

  beforeAll(async () => {
    const paragraphs = ['Mayor Jane Smith spoke to reporters in the town hall on Monday.'];
    for (let i = 1; i <= 72; i++) paragraphs.push(`“The plan number ${i} will be ready before the winter,” Smith said.`);
    const library = await Library.fromTexts([{ id: 'town-hall', title: 'Mayor answers questions', date: '2024-03-04', source: null, file: 'town-hall.txt', paragraphs }]);
    fake = await FakeDiscord.start();
    bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine: library, logger: createLogger('silent') });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('shows all 72 quotes of a speaker, page after page, each click answered by UPDATE_MESSAGE within 3 s', async () => {
    const command = fake.sendCommand('quotes', { speaker: 'Jane Smith' });
    const sent = await firstCall(fake, command);
    expect(sent.status).toBe(204);
    expect(sent.body.type).toBe(CHANNEL_MESSAGE);
    expect(sent.body.data.allowed_mentions).toEqual({ parse: [] });
    const message = fake.messageOf(command)!;
    expect(message.embeds[0].footer.text).toBe('Page 1 of 9');
    // No Previous on page 1: the button is there, disabled, and Discord lets nobody click it.
    expect(button(message, /Previous/).disabled).toBe(true);
    expect(() => fake.clickButton(message, button(message, /Previous/).custom_id)).toThrow(/disabled/);

    const seen = [...plans(message)];
    let pages = 1;
    while (!button(message, /Next/).disabled) {
      const click = fake.clickButton(message, button(message, /Next/).custom_id);
      const update = await firstCall(fake, click);
      expect(update.status).toBe(204);
      expect(update.body.type).toBe(UPDATE_MESSAGE);
      expect(update.msAfterInteraction).toBeLessThan(3000);
      expect(messageBodyProblem(update.body.data)).toBeNull();
      expect(update.body.data.allowed_mentions).toEqual({ parse: [] });
      pages++;
      // The fake applied the update to the very message that was clicked.
      expect(fake.messageOf(click)?.id).toBe(message.id);
      expect(message.embeds[0].footer.text).toBe(`Page ${pages} of 9`);
      seen.push(...plans(message));
    }
    expect(pages).toBe(9);
    expect(seen).toEqual(Array.from({ length: 72 }, (_, i) => i + 1));

    // And back: Previous from the last page shows page 8 again.
    const back = fake.clickButton(message, button(message, /Previous/).custom_id);
    expect((await firstCall(fake, back)).body.type).toBe(UPDATE_MESSAGE);
    expect(message.embeds[0].footer.text).toBe('Page 8 of 9');
    expect(plans(message)).toEqual(Array.from({ length: 8 }, (_, i) => 57 + i));
  });

  it('starts at the page asked for with the page option', async () => {
    const command = fake.sendCommand('quotes', { speaker: 'Jane Smith', page: 9 });
    await firstCall(fake, command);
    const message = fake.messageOf(command)!;
    expect(plans(message)).toEqual([65, 66, 67, 68, 69, 70, 71, 72]);
    expect(button(message, /Next/).disabled).toBe(true);
    expect(button(message, /Previous/).disabled).toBe(false);
  });
});

/** An engine whose `/quotes` answer the test decides. */
class QuotesEngine {
  answer: (speaker: string | null) => Promise<QuotesResult> = async () => {
    throw new Error('not stubbed');
  };
  quotes(speaker: string | null) {
    return this.answer(speaker);
  }
}

const article = { id: 'a1', title: 'Harbour reopens', date: '2023-04-05', source: null };
function said(n: number): WhoSaidAnswer {
  return { speaker: 'Harbour Master Tom Reyes', speakerName: 'Tom Reyes', quote: `The plan number ${n} will hold`, sentence: 's', kind: 'direct', article, paragraph: n, score: 1, differences: [], confidence: 0.95 };
}
const quotesOf = (n: number): QuotesResult => ({ speaker: 'Harbour Master Tom Reyes', article: null, quotes: Array.from({ length: n }, (_, i) => said(i + 1)), speakers: [], ms: 1 });

describe('page buttons when the library changes, the engine is slow, or the button is out of date', () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  const engine = new QuotesEngine();

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    bot = await startBot({ token: fake.token, apiUrl: fake.apiUrl, engine: engine as unknown as Engine, logger: createLogger('silent') });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  /** Sends `/quotes speaker:Reyes` answered with `n` quotes; returns the message it made. */
  async function listed(n: number): Promise<FakeMessage> {
    engine.answer = async () => quotesOf(n);
    const id = fake.sendCommand('quotes', { speaker: 'Reyes' });
    await firstCall(fake, id);
    return fake.messageOf(id)!;
  }

  it('shows the next page of the list as it is now, saying the library changed', async () => {
    const message = await listed(20);
    expect(message.embeds[0].footer.text).toBe('Page 1 of 3');
    engine.answer = async () => quotesOf(30);
    const click = fake.clickButton(message, button(message, /Next/).custom_id);
    expect((await firstCall(fake, click)).body.type).toBe(UPDATE_MESSAGE);
    expect(message.embeds[0].description).toMatch(new RegExp(`^_${LIST_CHANGED}_`));
    expect(message.embeds[0].footer.text).toBe('Page 2 of 4');
    expect(plans(message)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('answers kindly, apart, when the list is gone, and leaves the message as it was', async () => {
    const message = await listed(20);
    const before = JSON.stringify(message);
    engine.answer = async () => {
      throw new UserInputError('No one called "Reyes" is quoted in the library.');
    };
    const click = fake.clickButton(message, button(message, /Next/).custom_id);
    const sent = await firstCall(fake, click);
    expect(sent.body.type).toBe(CHANNEL_MESSAGE);
    expect(sent.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(sent.body.data.content).toBe('The library has changed since this list was shown. No one called "Reyes" is quoted in the library.');
    expect(JSON.stringify(message)).toBe(before);
  });

  it('defers the update when the engine is slow, then edits the message in place', async () => {
    const message = await listed(20);
    engine.answer = async () => {
      await sleep(2000);
      return quotesOf(20);
    };
    const click = fake.clickButton(message, button(message, /Next/).custom_id);
    const [deferral, edit] = await fake.waitForCalls(click, 2, 8000);
    expect(deferral?.body.type).toBe(DEFERRED_UPDATE_MESSAGE);
    expect(deferral?.msAfterInteraction).toBeLessThan(3000);
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toMatch(/\/messages\/@original$/);
    expect(edit?.status).toBe(200);
    expect(message.embeds[0].footer.text).toBe('Page 2 of 3');
    expect(message.components[0].components).toHaveLength(2);
  });

  it('answers a button of another format as out of date, kindly and apart', async () => {
    const message = await listed(20);
    const next = button(message, /Next/);
    next.custom_id = next.custom_id.replace(/^p1;/, 'p0;');
    const sent = await firstCall(fake, fake.clickButton(message, next.custom_id));
    expect(sent.body.type).toBe(CHANNEL_MESSAGE);
    expect(sent.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(sent.body.data.content).toBe(OUT_OF_DATE_BUTTON);
  });
});

describe('the fake Discord’s components', () => {
  it('refuses what Discord refuses of buttons and updates, so the tests above can fail', async () => {
    const fake = await FakeDiscord.start();
    try {
      const post = (id: string, body: unknown) =>
        fetch(`${fake.apiUrl}/v10/interactions/${id}/interaction-token-${id}/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const row = (buttons: unknown[]) => ({ type: 1, components: buttons });
      const next = (customId: string) => ({ type: 2, style: 2, label: 'Next ▶', custom_id: customId });
      // An update is for a component interaction only.
      const command = fake.sendCommand('quotes', {});
      expect((await post(command, { type: 7, data: { content: 'x' } })).status).toBe(400);
      const refused = [
        [row([next('a'), next('a')])],
        [row([next('x'.repeat(101))])],
        [row(Array.from({ length: 6 }, (_, i) => next(`b${i}`)))],
        [row([{ type: 2, style: 2, custom_id: 'no-label' }])],
      ];
      for (const components of refused) expect((await post(fake.sendCommand('quotes', {}), { type: 4, data: { content: 'x', components } })).status).toBe(400);
      expect((await post(command, { type: 4, data: { content: 'list', components: [row([next('p')])] } })).status).toBe(204);
      const message = fake.messageOf(command)!;
      expect(() => fake.clickButton(message, 'not-there')).toThrow(/no button/);
      const click = fake.clickButton(message, 'p');
      expect((await post(click, { type: 7, data: { content: 'page 2', components: [] } })).status).toBe(204);
      expect(message).toMatchObject({ content: 'page 2', components: [] });
    } finally {
      await fake.close();
    }
  });
});
