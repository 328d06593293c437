/**
 * byline as a process, started as `npm start` starts it (the command of package.json's `start` script, run
 * without npm in front of it, as a supervisor should: the compiled build, built here first when that is
 * what it runs), against the loopback fake of Discord: how it stops when a supervisor signals it (systemd
 * and most supervisors signal the whole process group; some signal the main pid, some twice), and how the
 * compiled build follows its data folder through its worker thread.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeStoreKey } from '../../src/store-key.ts';
import { exitOf, freePort, jsonLinesOf } from '../child-process.ts';
import { FakeDiscord } from './fake-discord.ts';

/** What `npm start` runs: `node` and its arguments. */
const START = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.trim().split(/\s+/);
const START_ARGS = START.slice(1);
const COMPILED = START_ARGS.some((arg) => arg.startsWith('dist/'));

const SEED = '000_4cbc08951dad2f3b.txt';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


interface Started {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  logs: () => any[];
}

describe('byline as a process', () => {
  beforeAll(() => {
    expect(START[0]).toBe('node');
    if (!COMPILED) return;
    // The compiled build, as a deployment makes it (the same script): what `npm start` then runs.
    const built = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { encoding: 'utf8', timeout: 280_000 });
    expect(built.status, `npm run build failed: ${built.stderr}${built.stdout}`).toBe(0);
  }, 300_000);

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
    const child = spawn(process.execPath, START_ARGS, {
      detached: true, // its own process group, as under a supervisor
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, BYLINE_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extraEnv },
    });
    const lines = jsonLinesOf(child.stderr!);
    const exit = exitOf(child);
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
  it('picks up an article added while it runs, built by its worker thread (from the compiled build when that is what starts)', async () => {
    const s = await start();
    await writeFile(
      path.join(dataDir, 'harbour.txt'),
      'date 2026-12-01\n\nThe new pier opens in spring.\n\n"We have waited thirty years for a pier that can take the ferries," said harbour master Ingrid Solberg.\n',
    );
    for (let waited = 0; !s.logs().some((l) => l.msg === 'articles changed: library reloaded'); waited += 100) {
      if (waited > 60_000) throw new Error(`no reload: ${JSON.stringify(s.logs())}`);
      await sleep(100);
    }
    expect(s.logs().find((l) => l.msg === 'built the index' && l.articles === 2)).toMatchObject({ inWorker: true });
    expect(s.logs().some((l) => /worker thread; building it here/.test(l.msg ?? ''))).toBe(false);
    const id = fake.sendCommand('who-said', { quote: 'waited thirty years for a pier' });
    const [reply] = await fake.waitForCalls(id, 1);
    expect(JSON.stringify(reply!.body)).toContain('Ingrid Solberg');
  });

  it.runIf(COMPILED)('the compiled build carries the store key of its sources, so a store built by either is loaded by the other', async () => {
    const key = computeStoreKey().key;
    expect(JSON.parse(readFileSync('dist/src/store-key.json', 'utf8')).key).toBe(key);
    expect(JSON.parse(readFileSync('src/store-key.json', 'utf8')).key).toBe(key);
    // The compiled build builds the store; the sources (`npm run dev`) then load it as it is.
    const s = await start();
    expect(s.logs().some((l) => l.msg === 'built the index')).toBe(true);
    process.kill(s.child.pid!, 'SIGTERM');
    await s.exit;
    const fromSources = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--data', dataDir], {
      input: '',
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DISCORD_TOKEN: '', LOG_LEVEL: 'debug' },
    });
    expect(fromSources.stderr).toContain('"msg":"loaded the persisted index"');
    expect(fromSources.stderr).not.toContain('"msg":"built the index"');
  });
  it.runIf(COMPILED)('stops with one line when the build has no store key', async () => {
    const file = 'dist/src/store-key.json';
    const kept = readFileSync(file);
    await rm(file);
    try {
      const result = spawnSync(process.execPath, [...START_ARGS, '--data', dataDir], { input: '', encoding: 'utf8', timeout: 60_000, env: { ...process.env, DISCORD_TOKEN: '' } });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n').filter((line) => !line.startsWith('{'));
      expect(lines).toEqual([expect.stringMatching(/^byline: the persisted store's key is missing \(.*store-key\.json\): run "npm run build"/)]);
    } finally {
      await writeFile(file, kept);
    }
  });
});
