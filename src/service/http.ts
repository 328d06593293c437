/**
 * The service's own HTTP port (`BYLINE_HTTP_PORT`): `GET /healthz` answers 200 once byline is ready (its
 * library loaded and, with a token, the gateway connected) and 503 before or while stopping, for a
 * supervisor's or a load balancer's probe; `GET /metrics` answers Prometheus's text format. Nothing else
 * is served: other paths 404, other methods 405. node:http alone: two read-only routes need no framework.
 * A transport may mount its own routes on the same port (the HTTP interactions endpoint's `/interactions`).
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface ServiceServer {
  server: Server;
  /** The port listened on (useful when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

export async function startServiceServer(options: {
  port: number;
  host?: string;
  ready: () => boolean;
  registry: Registry;
  /** More routes by exact path, which answer every method themselves. */
  routes?: Readonly<Record<string, RequestListener>>;
}): Promise<ServiceServer> {
  const { ready, registry } = options;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = Object.hasOwn(options.routes ?? {}, path) ? options.routes?.[path] : undefined;
    if (route) {
      route(request, response);
      return;
    }
    if (path !== '/healthz' && path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      const ok = ready();
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : `${JSON.stringify({ status: ok ? 'ready' : 'starting or stopping' })}\n`);
      return;
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      () => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n'),
    );
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
