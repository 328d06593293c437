/**
 * How the scale scripts (`npm run loadtest`, `npm run overload`) tell that a deferred answer reached the
 * member, checked on what the loopback fake of Discord records when the real HTTP endpoint answers
 * interactions that arrive together: most deferred answers are completed by editing the deferral, but a
 * notice (a question byline cannot answer as asked) after a public deferral is completed by deleting the
 * deferral and sending an ephemeral follow-up. The load test counted only edits, so such answers were
 * "unconfirmed" (7 in a 200/s run: the sample's one who-said question of small words alone, "is a to the",
 * sent seven times and deferred as byline was busy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_MESSAGE } from '../../src/discord/render.ts';
import { UserInputError } from '../../src/engine.ts';
import { createLogger } from '../../src/log.ts';
import { mountEndpoint, logLines, type MountedEndpoint } from '../e2e/endpoint.ts';
import { FakeDiscord } from '../e2e/fake-discord.ts';
import { DEFERRED_CHANNEL_MESSAGE, EPHEMERAL, StubEngine, found, sleep } from '../e2e/stub-engine.ts';
import { completionOf, firstResponseOf, responseTimes, settled } from './mix.ts';

const SMALL_WORDS = 'is a to the';
const NOTICE = 'Type a few words of the quote you remember.';

describe("the scale scripts' accounting of deferred answers, on the HTTP endpoint", () => {
  const engine = new StubEngine();
  const logs: any[] = [];
  let fake: FakeDiscord;
  let mounted: MountedEndpoint;
  /** Released by the test: the answer to the question "held" waits for it. */
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    mounted = await mountEndpoint(fake, { engine, logger: createLogger('info', logLines(logs)), deferAfterMs: 200 });
  });

  afterAll(async () => {
    release();
    await mounted?.stop();
    await fake?.close();
  });

  async function untilSettled(ids: readonly string[]): Promise<void> {
    for (let waited = 0; waited < 10_000; waited += 20) {
      if (ids.every((id) => settled(fake.callsFor(id)))) return;
      await sleep(20);
    }
    throw new Error(`not settled: ${ids.filter((id) => !settled(fake.callsFor(id))).join(', ')}`);
  }

  it('counts an edit and a notice’s follow-up as completions, a failure message apart, and a deferral never completed as undelivered', async () => {
    engine.whoSaidAnswer = async (query) => {
      // Slower than the deferral (200 ms), and all of them in flight at once: byline is busy too.
      await sleep(400);
      if (query === 'held') await held;
      if (query === SMALL_WORDS) throw new UserInputError(NOTICE);
      if (query === 'broken') throw new Error('index exploded');
      return found(query);
    };
    const questions = ['allies', SMALL_WORDS, 'diplomacy means defense', SMALL_WORDS, 'broken', 'war of choice', 'sanctions', 'held', 'the summit'];
    const sent = questions.map((quote) => ({ id: fake.sendCommand('who-said', { quote }), quote }));
    const open = sent.find((s) => s.quote === 'held')!;
    const others = sent.filter((s) => s !== open);
    await untilSettled(others.map((s) => s.id));

    // Every interaction was deferred in time (the callback accepted), and all but the held one completed.
    for (const { id } of sent) {
      const first = firstResponseOf(fake.callsFor(id));
      expect(first).toMatchObject({ status: 204, endpointStatus: 200 });
      expect(first?.body.type).toBe(DEFERRED_CHANNEL_MESSAGE);
    }
    for (const { id, quote } of others) {
      const calls = fake.callsFor(id);
      const completion = completionOf(calls);
      expect(completion?.status).toBe(200);
      expect(completion!.msAfterInteraction!).toBeGreaterThanOrEqual(firstResponseOf(calls)!.msAfterInteraction!);
      if (quote === SMALL_WORDS || quote === 'broken') {
        // A notice (or the failure message) is for the asker alone: the public "thinking…" message deleted, an ephemeral follow-up sent.
        expect(calls.map((call) => `${call.method} ${call.status}`)).toEqual(['POST 204', 'DELETE 204', 'POST 200']);
        expect(completion?.path).toBe(`/webhooks/${fake.applicationId}/interaction-token-${id}`);
        expect(completion?.body.flags & EPHEMERAL).toBe(EPHEMERAL);
        expect(completion?.body.content).toBe(quote === 'broken' ? FAILURE_MESSAGE : NOTICE);
      } else {
        expect(calls.map((call) => `${call.method} ${call.status}`)).toEqual(['POST 204', 'PATCH 200']);
        expect(completion?.path).toBe(`/webhooks/${fake.applicationId}/interaction-token-${id}/messages/@original`);
      }
    }
    // byline logged both notices as answered (nothing failed), as the load test saw it — once Discord's answer to the follow-up reached it.
    const notices = sent.filter((s) => s.quote === SMALL_WORDS).map((s) => s.id);
    const answeredNotices = () => logs.filter((entry) => entry.msg === 'answered' && notices.includes(entry.interactionId));
    for (let waited = 0; answeredNotices().length < notices.length && waited < 5000; waited += 20) await sleep(20);
    expect(answeredNotices().map((entry) => [entry.reply, entry.deferred])).toEqual([
      ['notice', true],
      ['notice', true],
    ]);

    // The held answer is still pending: not settled, and counted as an undelivered deferral.
    expect(settled(fake.callsFor(open.id))).toBe(false);
    const pending = responseTimes(sent, (id) => fake.callsFor(id));
    expect(pending.failedEdits).toBe(1);
    // The failure message was delivered, but is no answer: counted apart.
    expect(pending.failed).toBe(1);
    expect(pending.editMs.filter(Number.isFinite)).toHaveLength(sent.length - 1);
    expect(pending.editMs.at(-1)).toBe(Infinity);

    // Released, it is edited like the others, and every deferred answer counts as delivered.
    release();
    await untilSettled([open.id]);
    const done = responseTimes(sent, (id) => fake.callsFor(id));
    expect(done.failedEdits).toBe(0);
    expect(done.failed).toBe(1);
    expect(responseTimes(others.filter((s) => s.quote !== 'broken'), (id) => fake.callsFor(id)).failed).toBe(0);
    expect(done.editMs).toHaveLength(sent.length);
    expect(done.editMs.every(Number.isFinite)).toBe(true);
    expect(done.finalMs).toEqual(done.editMs);
  });

  it('counts a deferral Discord refused as too late once, as a late first response, not as an undelivered edit too', () => {
    // As the fake records it when byline's deferral reached it after the 3 s: refused (10062), then byline's edit refused (10015).
    const call = (method: string, path: string, status: number, ms: number, body: unknown) =>
      ({ method, path, query: new URLSearchParams(), body, authorized: false, status, interactionId: '1', msAfterInteraction: ms, endpointStatus: 200 }) as const;
    const calls = [
      call('POST', '/interactions/1/interaction-token-1/callback', 404, 3297, { type: DEFERRED_CHANNEL_MESSAGE }),
      call('PATCH', '/webhooks/1100000000000000001/interaction-token-1/messages/@original', 404, 10073, { content: 'late' }),
    ];
    expect(settled(calls)).toBe(true);
    const times = responseTimes([{ id: '1' }], () => calls);
    expect(times).toMatchObject({ firstMs: [3297], finalMs: [3297], editMs: [], failedEdits: 0, failed: 0 });
    expect(times.responses[0]?.status).toBe(404);
  });
});
