/**
 * CPU profiles of single benchmark steps (`npm run bench -- --cpu-prof DIR`): the V8 profiler is started and
 * stopped around one step (the start-up, one kind of query, one build stage), so each profile says where
 * that step's time goes without the others mixed in. Read one with `tsx tests/bench/profile.ts FILE`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

let session: Session | null = null;

/** Runs `step`, profiled into `<dir>/<name>.cpuprofile` when `dir` is given (else just runs it). */
export async function profiled<T>(dir: string | null, name: string, step: () => T | Promise<T>): Promise<T> {
  if (!dir) return step();
  if (!session) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
  }
  await session.post('Profiler.start');
  try {
    return await step();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.cpuprofile`), JSON.stringify(profile));
  }
}
