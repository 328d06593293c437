/**
 * byline as a process in HTTP mode, started as `npm start` starts it (`node --import tsx src/main.ts`) with
 * `BYLINE_TRANSPORT=http` and no bot token, on the seed article: the loopback fake of Discord POSTs signed
 * interactions to its service port and serves the webhook routes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitOf, freePort, jsonLinesOf } from '../child-process.ts';
import { FakeDiscord, generateInteractionKeys } from './fake-discord.ts';
import { AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, sleep } from './stub-engine.ts';

const SEED = '000_4cbc08951dad2f3b.txt';


describe('byline as a process with BYLINE_TRANSPORT=http', () => {
  let fake: FakeDiscord;
  let dataDir: string;
  let child: ChildProcess | null = null;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    dataDir = await mkdtemp(path.join(tmpdir(), 'byline-http-process-'));
    await copyFile(path.join('data', SEED), path.join(dataDir, SEED));
  });

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = null;
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves /interactions with no gateway and no token, answers from the real library, counts it, and stops cleanly', async () => {
    const keys = generateInteractionKeys();
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DISCORD_TOKEN: '',
        BYLINE_TRANSPORT: 'http',
        DISCORD_PUBLIC_KEY: keys.publicKeyHex,
        BYLINE_HTTP_PORT: String(port),
        DISCORD_API_URL: fake.apiUrl,
        BYLINE_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      },
    });
    const lines = jsonLinesOf(child.stderr!);
    const exit = exitOf(child);
    for (let waited = 0; !lines.some((l) => l.msg === 'serving the HTTP interactions endpoint at /interactions'); waited += 50) {
      if (waited > 30_000 || child.exitCode !== null) throw new Error(`byline did not start: ${JSON.stringify(lines)}`);
      await sleep(50);
    }
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    fake.deliverOverHttp(`${base}/interactions`, keys.privateKey);
    expect(await fake.ping()).toEqual({ status: 200, body: { type: 1 } });

    const id = fake.sendCommand('who-said', { quote: 'diplomacy means also defense' });
    const [sent] = await fake.waitForCalls(id, 1, 10_000);
    expect(sent?.status).toBe(204);
    expect(sent?.body.type).toBe(CHANNEL_MESSAGE);
    expect(sent?.body.data.embeds[0].description).toContain('“But these days, diplomacy means also defense”');
    expect(sent?.body.data.embeds[0].description).toContain('Kuleba');
    const typed = fake.sendAutocomplete('who-said', { quote: 'diplomacy mea' }, 'quote');
    const [choices] = await fake.waitForCalls(typed, 1, 10_000);
    expect(choices?.body.type).toBe(AUTOCOMPLETE_RESULT);
    expect(choices?.body.data.choices.length).toBeGreaterThan(0);
    expect(fake.gatewayQueries).toEqual([]);
    expect(fake.requests.some((request) => request.authorized || request.path.startsWith('/gateway'))).toBe(false);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^byline_interactions_total\{command="who-said",kind="command",outcome="answered"\} 1$/m);
    expect(metrics).toMatch(/^byline_interactions_total\{command="who-said",kind="autocomplete",outcome="answered"\} 1$/m);

    child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(lines.some((l) => l.msg === 'stopped taking interactions')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('interaction-token-');
  });
});
