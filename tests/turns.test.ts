import { describe, expect, it } from 'vitest';
import { JobSkipped, TURN_SLICE_MS, TurnQueue } from '../src/discord/turns.ts';

/** Holds the thread for `ms` milliseconds, as a synchronous engine query does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // working
  }
}

describe('the engine work queue (one slice of the event loop at a time)', () => {
  it('runs jobs in order, autocomplete (urgent) before the commands that wait', async () => {
    const queue = new TurnQueue();
    const order: string[] = [];
    const done = [
      queue.run(() => order.push('command 1')),
      queue.run(() => order.push('command 2')),
      queue.run(() => order.push('autocomplete'), { urgent: true }),
    ];
    expect(queue.waiting).toBe(3);
    expect(order).toEqual([]); // nothing runs in the caller's turn
    await Promise.all(done);
    expect(order).toEqual(['autocomplete', 'command 1', 'command 2']);
    expect(queue.waiting).toBe(0);
  });

  it('lets the event loop read its sockets between jobs longer than a slice', async () => {
    const queue = new TurnQueue();
    const order: string[] = [];
    const jobs = Array.from({ length: 4 }, (_, i) =>
      queue.run(() => {
        busy(TURN_SLICE_MS + 5);
        order.push(`job ${i}`);
      }),
    );
    // Stands for an interaction arriving meanwhile: it must be seen before the burst is worked through.
    const arrived = new Promise<void>((resolve) => setImmediate(() => (order.push('arrived'), resolve())));
    await Promise.all([...jobs, arrived]);
    expect(order.indexOf('arrived')).toBeGreaterThan(-1);
    expect(order.indexOf('arrived')).toBeLessThan(order.indexOf('job 3'));
  });

  it('skips a job whose caller gave up before its turn, and tells the caller so', async () => {
    const queue = new TurnQueue();
    const ran: string[] = [];
    const gaveUp = new AbortController();
    const first = queue.run(() => ran.push('first'));
    const skipped = queue.run(() => ran.push('skipped'), { urgent: true, signal: gaveUp.signal });
    gaveUp.abort();
    await expect(skipped).rejects.toBeInstanceOf(JobSkipped);
    await first;
    expect(ran).toEqual(['first']);
  });

  it('does not hold the queue for a job waiting on input or output', async () => {
    const queue = new TurnQueue();
    let release!: () => void;
    const order: string[] = [];
    const slow = queue.run(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      order.push('fetched');
    });
    const quick = queue.run(() => order.push('quick'));
    await quick;
    expect(order).toEqual(['quick']);
    release();
    await slow;
    expect(order).toEqual(['quick', 'fetched']);
  });

  it('passes on what a job returns or throws, synchronously or not', async () => {
    const queue = new TurnQueue();
    await expect(queue.run(() => 42)).resolves.toBe(42);
    await expect(queue.run(async () => 'later')).resolves.toBe('later');
    await expect(
      queue.run(() => {
        throw new Error('at once');
      }),
    ).rejects.toThrow('at once');
    await expect(queue.run(async () => Promise.reject(new Error('after an await')))).rejects.toThrow('after an await');
  });
});
