import { describe, expect, it } from 'vitest';
import { Coalesced } from '../src/postgres/coalesced.ts';

/** A run that waits until released, counting how many ran and how many at once. */
function gated() {
  let releases: (() => void)[] = [];
  const seen = { runs: 0, running: 0, most: 0 };
  const work = async () => {
    seen.runs++;
    seen.running++;
    seen.most = Math.max(seen.most, seen.running);
    await new Promise<void>((resolve) => releases.push(resolve));
    seen.running--;
  };
  const release = async () => {
    const now = releases;
    releases = [];
    for (const resolve of now) resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { work, release, seen };
}

describe('Coalesced (reloads one at a time)', () => {
  it('runs once more after a run when asked during it, however often, and never two at once', async () => {
    const { work, release, seen } = gated();
    const reloads = new Coalesced(work);
    const first = reloads.run();
    const second = reloads.run();
    reloads.run();
    expect(second).toBe(first);
    await release();
    expect(seen.runs).toBe(2);
    await release();
    await first;
    expect(seen.runs).toBe(2);
    expect(seen.most).toBe(1);
  });

  it('runs again from the start once a run has ended, and not again once stopped', async () => {
    const { work, release, seen } = gated();
    let stopped = false;
    const reloads = new Coalesced(work, () => stopped);
    const one = reloads.run();
    await release();
    await one;
    const two = reloads.run();
    reloads.run();
    stopped = true;
    await release();
    await two;
    expect(seen.runs).toBe(2);
  });
});
