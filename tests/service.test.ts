import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/service/metrics.ts';
import { startServiceServer, type ServiceServer } from '../src/service/http.ts';

describe('the service port', () => {
  let server: ServiceServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('answers /healthz 503 until ready and 200 after, and counts what it is told in /metrics', async () => {
    let ready = false;
    let size = { articles: 3, quotes: 40 };
    const metrics = createMetrics(() => size);
    server = await startServiceServer({ port: 0, host: '127.0.0.1', ready: () => ready, registry: metrics.registry });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    metrics.interaction({ command: 'who-said', kind: 'command', outcome: 'answered', ms: 12 });
    metrics.interaction({ command: 'who-said', kind: 'autocomplete', outcome: 'timed_out', ms: 2100 });
    metrics.reload({ ms: 1500, ok: true });
    size = { articles: 4, quotes: 52 };
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^byline_interactions_total\{command="who-said",kind="command",outcome="answered"\} 1$/m);
    expect(text).toMatch(/^byline_interactions_total\{command="who-said",kind="autocomplete",outcome="timed_out"\} 1$/m);
    expect(text).toMatch(/^byline_interaction_duration_seconds_bucket\{le="0.025",command="who-said",kind="command"\} 1$/m);
    expect(text).toMatch(/^byline_library_articles 4$/m);
    expect(text).toMatch(/^byline_library_quotes 52$/m);
    expect(text).toMatch(/^byline_reloads_total\{result="ok"\} 1$/m);
  });

  it('serves nothing else: 404 for other paths, 405 for other methods', async () => {
    server = await startServiceServer({ port: 0, host: '127.0.0.1', ready: () => true, registry: createMetrics(() => ({ articles: 0, quotes: 0 })).registry });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/healthz/../etc/passwd`)).status).toBe(404);
    const post = await fetch(`${base}/healthz`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
