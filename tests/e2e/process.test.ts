/**
 * byline as a process, started the way `npm start` starts it (`node --import tsx src/main.ts`), against the
 * loopback fake of Discord: how it stops when a supervisor signals it. systemd and most supervisors signal
 * the whole process group; some signal the main pid, some twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord.ts';

const SEED = '000_4cbc08951dad2f3b.txt';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on now (asked of the system, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  logs: () => any[];
}

describe('byline as a process', () => {
  let fake: FakeDiscord;
  let dataDir: string;
  let started: Started | null = null;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    dataDir = await mkdtemp(path.join(tmpdir(), 'byline-process-'));
    await copyFile(path.join('data', SEED), path.join(dataDir, SEED));
  });

  afterEach(async () => {
    if (started && started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    started = null;
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Starts byline in a process group of its own and waits until it is connected to the fake. */
  async function start(extraEnv: Record<string, string> = {}): Promise<Started> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      detached: true, // its own process group, as under a supervisor
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, BYLINE_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extraEnv },
    });
    const lines: any[] = [];
    let buffered = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        try {
          lines.push(JSON.parse(line));
        } catch {
          lines.push({ msg: line });
        }
      }
    });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const s = { child, exit, logs: () => lines };
    for (let waited = 0; !lines.some((l) => l.msg === 'connected to Discord'); waited += 50) {
      if (waited > 30_000 || child.exitCode !== null) throw new Error(`byline did not connect: ${JSON.stringify(lines)}`);
      await sleep(50);
    }
    return (started = s);
  }

  it('answers what is in flight, closes the gateway with 1000 and exits 0 on SIGTERM to its process group', async () => {
    const s = await start();
    const ids = Array.from({ length: 20 }, (_, i) => fake.sendCommand('who-said', { quote: i % 2 ? 'tragic war of choice' : 'diplomacy means also defense' }));
    await fake.waitForRequest(() => true, 5000); // the first answers are coming: the bot is working on them
    process.kill(-s.child.pid!, 'SIGTERM');
    const { code, signal } = await s.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // Every interaction the bot took was answered; those it did not take never got a half answer.
    const answered = ids.filter((id) => fake.callsFor(id).length > 0);
    expect(answered.length).toBeGreaterThan(0);
    for (const id of answered) expect(fake.callsFor(id)[0]!.status).toBeLessThan(300);
    expect(fake.gatewayCloseCodes).toEqual([1000]);
    expect(s.logs().some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    expect(s.logs().some((l) => l.msg === 'disconnected from Discord')).toBe(true);
  });

  it('serves /healthz (ready once connected) and /metrics with the interactions it answered', async () => {
    const port = await freePort();
    await start({ BYLINE_HTTP_PORT: String(port) });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ready' });
    const id = fake.sendCommand('who-said', { quote: 'tragic war of choice' });
    await fake.waitForCalls(id, 1);
    let text = '';
    for (let waited = 0; !/byline_interactions_total\{[^}]*command="who-said"/.test(text) && waited < 3000; waited += 100) {
      text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      await sleep(100);
    }
    expect(text).toMatch(/^byline_interactions_total\{command="who-said",kind="command",outcome="answered"\} 1$/m);
    expect(text).toMatch(/^byline_interaction_duration_seconds_count\{command="who-said",kind="command"\} 1$/m);
    expect(text).toMatch(/^byline_library_articles 1$/m);
    expect(text).toMatch(/^byline_library_quotes \d+$/m);
    expect(text).toMatch(/^byline_process_resident_memory_bytes \d+/m);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('survives a second SIGTERM while stopping and still exits 0, having closed normally', async () => {
    const s = await start();
    process.kill(s.child.pid!, 'SIGTERM');
    process.kill(s.child.pid!, 'SIGTERM');
    const { code, signal } = await s.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(fake.gatewayCloseCodes).toEqual([1000]);
    expect(s.logs().some((l) => l.msg === 'disconnected from Discord')).toBe(true);
  });
});
