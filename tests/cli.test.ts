/**
 * `ask`, run as a process the way users and scripts run it: its JSON contract, line-by-line mode, errors.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const SEED = '000_4cbc08951dad2f3b.txt';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'byline-cli-'));
  await copyFile(path.join('data', SEED), path.join(dir, SEED));
});

function ask(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--data', dir, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', DISCORD_TOKEN: '' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const articleShape = { id: expect.any(String), title: expect.any(String), date: expect.anything(), source: null };

describe('ask --json', () => {
  it('who-said: one line of JSON with the contract fields', () => {
    const { code, stdout } = ask(['--json', 'who-said', 'diplomacy', 'means', 'also', 'defense']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!);
    expect(answer.query).toBe('diplomacy means also defense');
    expect(typeof answer.ms).toBe('number');
    expect(answer.answers[0]).toMatchObject({
      speaker: expect.stringMatching(/Kuleba/),
      quote: expect.stringMatching(/diplomacy means also defense/),
      sentence: expect.any(String),
      article: articleShape,
      paragraph: 11,
      score: expect.any(Number),
    });
  });

  it('what-happened, suggest and inspect follow the contract', () => {
    const happened = JSON.parse(ask(['--json', 'what-happened', 'Lavrov', 'Paris']).stdout);
    expect(happened.query).toBe('Lavrov Paris');
    expect(happened.passages[0]).toMatchObject({ text: expect.any(String), article: articleShape, paragraph: expect.any(Number), score: expect.any(Number) });

    const suggest = JSON.parse(ask(['--json', 'suggest', 'quote', 'tragic']).stdout);
    expect(suggest).toMatchObject({ option: 'quote', typed: 'tragic' });
    expect(suggest.choices.length).toBeGreaterThan(0);
    expect(suggest.choices[0]).toEqual({ name: expect.any(String), value: expect.any(String) });

    const inspect = JSON.parse(ask(['--json', 'inspect']).stdout);
    const [article] = inspect.articles;
    expect(article).toMatchObject(articleShape);
    expect(article.sentences[0]).toEqual({ text: expect.any(String), paragraph: 1 });
    expect(article.quotes[0]).toMatchObject({ text: expect.any(String), speaker: expect.anything(), paragraph: expect.any(Number) });
  });

  it('answers one line per input line, errors included, without losing alignment', () => {
    const input = ['who-said latest invasion', 'frobnicate now', '', 'what-happened', `who-said ${'x'.repeat(5000)}`, 'articles'].join('\n');
    const { code, stdout } = ask(['--json'], `${input}\n`);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    expect(lines[0].answers[0].speaker).toMatch(/Austin/);
    expect(lines[1].error).toMatch(/Unknown command/);
    expect(lines[2].error).toMatch(/Empty/);
    expect(lines[3].query).toBeNull();
    expect(lines[4].error).toMatch(/at most/);
    expect(lines[5].articles).toHaveLength(1);
  });

  it('an unknown flag is an error with a clear message and a non-zero exit', () => {
    const { code, stderr } = ask(['--frobnicate', 'who-said', 'x']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/unknown option/);
  });

  it('an unknown command exits non-zero with a message', () => {
    const { code, stdout } = ask(['--json', 'who-knows']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatch(/Unknown command/);
  });

  it('reports a malformed file with its line and still answers from the others', async () => {
    const broken = await mkdtemp(path.join(tmpdir(), 'byline-broken-'));
    await copyFile(path.join('data', SEED), path.join(broken, SEED));
    await writeFile(path.join(broken, 'bad.md'), '---\ntitle: [oops\n---\nText.\n');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--data', broken, '--json', 'articles'], {
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).articles).toHaveLength(1);
    expect(result.stderr).toMatch(/bad\.md/);
    expect(result.stderr).toMatch(/"line":\d/);
  });
});

describe('ask without --json', () => {
  it('renders the answer as text', () => {
    const { code, stdout } = ask(['who-said', 'tragic war of choice']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Lloyd Austin/);
    expect(stdout).toMatch(/¶9/);
  });
});
