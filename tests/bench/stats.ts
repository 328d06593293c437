/**
 * Latency and memory figures: percentiles of measured samples, and the memory a benchmark process has
 * used so far.
 */

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** The nearest-rank percentile (`p` in 0…100) of samples sorted in ascending order. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50, p99, max and mean of latency samples in milliseconds. */
export function summarize(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, x) => sum + x, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length ? total / sorted.length : Number.NaN,
  };
}

/** Milliseconds an (async) step takes, with its result. */
export async function timed<T>(step: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await step();
  return { ms: performance.now() - start, value };
}

const MB = 1024 * 1024;

/** Tracks the most heap this process has been seen to use, sampled at every call. */
export class MemoryWatch {
  heapPeakMb = 0;

  /** Samples the heap now; returns the heap used in MB. */
  sample(): number {
    const heap = process.memoryUsage().heapUsed / MB;
    this.heapPeakMb = Math.max(this.heapPeakMb, heap);
    return heap;
  }

  /** The peak resident set size of this process so far, in MB (what the operating system counts). */
  rssPeakMb(): number {
    return (process.resourceUsage().maxRSS * 1024) / MB;
  }

  /** Heap in use after a full garbage collection (when node runs with --expose-gc), in MB. */
  heapLiveMb(): number {
    (globalThis as { gc?: () => void }).gc?.();
    return this.sample();
  }
}
