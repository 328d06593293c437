/**
 * The HTTP interactions endpoint as `npm start` mounts it (on the service port, beside /healthz and
 * /metrics), started for a test against the loopback fake of Discord, which then delivers its interactions
 * to it signed with a generated key pair. Also: a log stream that keeps every line as an object.
 */
import { Writable } from 'node:stream';
import { createInteractionsEndpoint, type InteractionsEndpoint } from '../../src/discord/http/endpoint.ts';
import { createMetrics } from '../../src/service/metrics.ts';
import { startServiceServer, type ServiceServer } from '../../src/service/http.ts';
import { generateInteractionKeys, type FakeDiscord } from './fake-discord.ts';

type Keys = ReturnType<typeof generateInteractionKeys>;

type EndpointOptions = Parameters<typeof createInteractionsEndpoint>[0];

export interface MountedEndpoint {
  endpoint: InteractionsEndpoint;
  service: ServiceServer;
  /** The interactions URL the fake delivers to. */
  url: string;
  stop(): Promise<void>;
}

/** Starts the endpoint with `options` (its key and API URL are the fake's) and points the fake at it. */
export async function mountEndpoint(fake: FakeDiscord, options: Omit<EndpointOptions, 'publicKey' | 'apiUrl'>, keys: Keys = generateInteractionKeys()): Promise<MountedEndpoint> {
  const endpoint = createInteractionsEndpoint({ ...options, publicKey: keys.publicKeyHex, apiUrl: fake.apiUrl });
  const service = await startServiceServer({
    port: 0,
    host: '127.0.0.1',
    ready: () => endpoint.accepting(),
    registry: createMetrics(() => ({ articles: 1, quotes: 1 })).registry,
    routes: { '/interactions': endpoint.handle },
  });
  const url = `http://127.0.0.1:${service.port}/interactions`;
  fake.deliverOverHttp(url, keys.privateKey);
  return {
    endpoint,
    service,
    url,
    async stop() {
      await endpoint.stop();
      await service.close();
    },
  };
}

/** A log stream whose lines (pino's JSON) are pushed to `lines` as objects. */
export function logLines(lines: any[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
}
