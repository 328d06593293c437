/**
 * The interactions the scale scripts send (`npm run loadtest`, `npm run overload`): the benchmark's query
 * sample in a fixed mix, per 20 interactions 7 `/who-said`, 5 `/what-happened`, 5 quote and 3 topic
 * autocompletes, sent to the loopback fake of Discord (which delivers them over its gateway or to an HTTP
 * endpoint, as it is set up).
 */
import { FAILURE_MESSAGE } from '../../src/discord/render.ts';
import type { sampleQueries } from '../bench/queries.ts';
import type { FakeDiscord, RecordedRequest } from '../e2e/fake-discord.ts';

export type Kind = 'who-said' | 'what-happened' | 'autocomplete quote' | 'autocomplete topic';

export const MIX: Kind[] = [
  ...Array<Kind>(7).fill('who-said'),
  ...Array<Kind>(5).fill('what-happened'),
  ...Array<Kind>(5).fill('autocomplete quote'),
  ...Array<Kind>(3).fill('autocomplete topic'),
];

/** Sends the `i`-th interaction of the mix (the sample's questions in turn) and records it in `sent`. */
export function mixSender(fake: FakeDiscord, sample: ReturnType<typeof sampleQueries>) {
  const sent: { id: string; kind: Kind }[] = [];
  const size = Math.min(sample.quotes.length, sample.topics.length, sample.quotePrefixes.length, sample.topicPrefixes.length);
  const send = (i: number) => {
    const kind = MIX[i % MIX.length]!;
    const n = Math.floor(i / MIX.length) % size;
    let id: string;
    if (kind === 'who-said') id = fake.sendCommand('who-said', { quote: sample.quotes[n]! });
    else if (kind === 'what-happened') id = fake.sendCommand('what-happened', { topic: sample.topics[n]! });
    else if (kind === 'autocomplete quote') id = fake.sendAutocomplete('who-said', { quote: sample.quotePrefixes[n]! }, 'quote');
    else id = fake.sendAutocomplete('what-happened', { topic: sample.topicPrefixes[n]! }, 'topic');
    sent.push({ id, kind });
  };
  return { sent, send };
}

/** The calls Discord received for one interaction, in order: its callback, then its webhook calls. */
export type CallsOf = (id: string) => readonly RecordedRequest[];

/** The interaction's first response: the callback (over HTTP, the endpoint's response to the POST). */
export function firstResponseOf(calls: readonly RecordedRequest[]): RecordedRequest | undefined {
  return calls.find((call) => call.path.endsWith('/callback'));
}

/**
 * What completes a deferred answer (callback type 5) for the member: the edit of the deferral (`PATCH
 * /webhooks/{application}/{token}/messages/@original`), or, when the answer is for the member alone (a
 * notice such as "type a few words of the quote…", or the failure message) after a public deferral, the
 * ephemeral follow-up (`POST /webhooks/{application}/{token}`) sent once the deferral is deleted — the
 * first of the two that byline sends; confirmed when Discord answered it 200. A deferred interaction with
 * neither was never completed.
 */
export function completionOf(calls: readonly RecordedRequest[]): RecordedRequest | undefined {
  return calls.find(
    (call) => (call.method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(call.path)) || (call.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(call.path)),
  );
}

/** True when the first response is a deferral (type 5) that Discord took in (in time: 204). */
export function isDeferral(first: RecordedRequest | undefined): boolean {
  return first?.body?.type === 5 && first.status === 204;
}

/** True when the interaction has been answered as far as it will be: a first response, and a deferral's completion. */
export function settled(calls: readonly RecordedRequest[]): boolean {
  const first = firstResponseOf(calls);
  return first !== undefined && (!isDeferral(first) || completionOf(calls) !== undefined);
}

/** The message an interaction's answer ended as: its completion's, when deferred, else its first response's. */
function finalMessage(calls: readonly RecordedRequest[]): { content?: unknown } | undefined {
  const first = firstResponseOf(calls);
  return isDeferral(first) ? completionOf(calls)?.body : first?.body?.data;
}

/**
 * Each interaction's first response (the callback) and, in ms after the interaction, sorted: when it came
 * (`firstMs`), when the final answer came (`finalMs`: a deferred one's confirmed completion, else the
 * first response), and, for the deferred ones alone, when their completion was confirmed (`editMs`; a
 * completion Discord refused counts as never; a deferral Discord itself refused, too late, is no deferral
 * but a late first response). Never: Infinity. `failedEdits`: deferred answers without a
 * confirmed completion; `failed`: answers that are byline's failure message (delivered, but no answer).
 */
export function responseTimes(
  ids: readonly { id: string }[],
  callsOf: CallsOf,
): { responses: (RecordedRequest | undefined)[]; firstMs: number[]; finalMs: number[]; editMs: number[]; failedEdits: number; failed: number } {
  const responses = ids.map(({ id }) => firstResponseOf(callsOf(id)));
  const firstMs = responses.map((r) => r?.msAfterInteraction ?? Infinity).sort((a, b) => a - b);
  const editMs: number[] = [];
  let failedEdits = 0;
  const finalMs = ids
    .map(({ id }, i) => {
      const response = responses[i];
      // A deferral Discord refused (late) is a late first response, counted once as such.
      if (!isDeferral(response)) return response?.msAfterInteraction ?? Infinity;
      const completion = completionOf(callsOf(id));
      const ms = completion?.status === 200 ? (completion.msAfterInteraction ?? Infinity) : Infinity;
      if (ms === Infinity) failedEdits++;
      editMs.push(ms);
      return ms;
    })
    .sort((a, b) => a - b);
  editMs.sort((a, b) => a - b);
  const failed = ids.filter(({ id }) => finalMessage(callsOf(id))?.content === FAILURE_MESSAGE).length;
  return { responses, firstMs, finalMs, editMs, failedEdits, failed };
}
