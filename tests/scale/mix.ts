/**
 * The interactions the scale scripts send (`npm run loadtest`, `npm run overload`): the benchmark's query
 * sample in a fixed mix, per 20 interactions 7 `/who-said`, 5 `/what-happened`, 5 quote and 3 topic
 * autocompletes, sent to the loopback fake of Discord (which delivers them over its gateway or to an HTTP
 * endpoint, as it is set up).
 */
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

/**
 * Each interaction's first response (the callback) and when it and the final answer came, in ms after the
 * interaction, sorted: the final answer is the edit of a deferred one (type 5), else the first response.
 * Never answered: Infinity.
 */
export function responseTimes(
  ids: readonly { id: string }[],
  first: (id: string) => RecordedRequest | undefined,
  edit: (id: string) => RecordedRequest | undefined,
): { responses: (RecordedRequest | undefined)[]; firstMs: number[]; finalMs: number[] } {
  const responses = ids.map(({ id }) => first(id));
  const firstMs = responses.map((r) => r?.msAfterInteraction ?? Infinity).sort((a, b) => a - b);
  const finalMs = ids
    .map(({ id }, i) => (responses[i]?.body?.type === 5 ? (edit(id)?.msAfterInteraction ?? Infinity) : (responses[i]?.msAfterInteraction ?? Infinity)))
    .sort((a, b) => a - b);
  return { responses, firstMs, finalMs };
}
