/**
 * byline's metrics in Prometheus's text format, with prom-client (the Node client the Prometheus project
 * lists): interactions by command, kind and outcome, their latency, the library's size, and reloads. A
 * registry of its own (not prom-client's global one), so that tests and several bots in one process never
 * share counters; Node's default process metrics (CPU, memory, event-loop lag, GC) are collected on it too.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How one interaction ended, whatever the transport: what was asked, how it went, and how long it took. */
export interface InteractionOutcome {
  command: string;
  /** `button`: a button on one of byline's messages (the page buttons of a long answer); `modal`: a modal submitted. */
  kind: 'command' | 'autocomplete' | 'button' | 'modal';
  outcome: 'answered' | 'deferred' | 'failed' | 'expired' | 'unknown_command' | 'timed_out';
  ms: number;
}

export interface Metrics {
  registry: Registry;
  /** Records one settled interaction. */
  interaction(outcome: InteractionOutcome): void;
  /** Records one reload of the library. */
  reload(reload: { ms: number; ok: boolean }): void;
}

/** Creates the metrics; `size` is read at each scrape, so the library gauges are never stale. */
export function createMetrics(size: () => { articles: number; quotes: number }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'byline_' });
  const interactions = new Counter({
    name: 'byline_interactions_total',
    help: 'Interactions handled, by command, kind (command, autocomplete, button or modal) and outcome.',
    labelNames: ['command', 'kind', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'byline_interaction_duration_seconds',
    help: 'Time from an interaction arriving to its answer being sent.',
    labelNames: ['command', 'kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'byline_library_articles',
    help: 'Articles in the library.',
    registers: [registry],
    collect() {
      this.set(size().articles);
    },
  });
  new Gauge({
    name: 'byline_library_quotes',
    help: 'Quotes and reported statements in the library.',
    registers: [registry],
    collect() {
      this.set(size().quotes);
    },
  });
  const reloads = new Counter({
    name: 'byline_reloads_total',
    help: 'Reloads of the library after its data folder changed, by result.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const reloadTime = new Histogram({
    name: 'byline_reload_duration_seconds',
    help: 'Time a reload of the library took.',
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  return {
    registry,
    interaction({ command, kind, outcome, ms }) {
      interactions.inc({ command, kind, outcome });
      latency.observe({ command, kind }, ms / 1000);
    },
    reload({ ms, ok }) {
      reloads.inc({ result: ok ? 'ok' : 'failed' });
      reloadTime.observe(ms / 1000);
    },
  };
}
