/**
 * `ask`, run as a process the way users and scripts run it: its JSON contract, line-by-line mode, errors.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const SEED = '000_4cbc08951dad2f3b.txt';
let dir: string;
// Each test starts byline as a process: slow on a loaded 2-core machine, so the time limit is generous.
vi.setConfig({ testTimeout: 90_000 });

const made: string[] = [];
async function folder(prefix: string): Promise<string> {
  const created = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(created);
  return created;
}

beforeAll(async () => {
  dir = await folder('byline-cli-');
  await copyFile(path.join('data', SEED), path.join(dir, SEED));
});
afterAll(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
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
  it('answers one JSON line per input line, in the contract, errors included, without losing alignment', () => {
    const input = [
      'who-said diplomacy means also defense',
      'frobnicate now',
      '',
      'what-happened Lavrov Paris',
      'what-happened',
      `who-said ${'x'.repeat(5000)}`,
      'suggest quote tragic',
      'inspect',
      '/articles',
    ].join('\n');
    const { code, stdout } = ask(['--json'], `${input}\n`);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(9);
    const [whoSaid, unknown, empty, happened, summary, huge, suggest, inspect, articles] = lines;

    expect(whoSaid.query).toBe('diplomacy means also defense');
    expect(typeof whoSaid.ms).toBe('number');
    expect(whoSaid.answers[0]).toMatchObject({
      speaker: expect.stringMatching(/Kuleba/),
      quote: expect.stringMatching(/diplomacy means also defense/),
      sentence: expect.any(String),
      article: articleShape,
      paragraph: 11,
      score: expect.any(Number),
    });
    expect(unknown.error).toMatch(/Unknown command/);
    expect(empty.error).toMatch(/Empty/);
    expect(happened.query).toBe('Lavrov Paris');
    expect(happened.passages[0]).toMatchObject({ text: expect.any(String), article: articleShape, paragraph: expect.any(Number), score: expect.any(Number) });
    expect(summary.query).toBeNull();
    expect(summary.passages.length).toBeGreaterThan(0);
    expect(huge.error).toMatch(/at most/);
    expect(suggest).toMatchObject({ option: 'quote', typed: 'tragic' });
    expect(suggest.choices.length).toBeGreaterThan(0);
    expect(suggest.choices[0]).toEqual({ name: expect.any(String), value: expect.any(String) });
    const [article] = inspect.articles;
    expect(article).toMatchObject(articleShape);
    expect(article.sentences[0]).toEqual({ text: expect.any(String), paragraph: 1 });
    expect(article.quotes[0]).toMatchObject({ text: expect.any(String), speaker: expect.anything(), paragraph: expect.any(Number) });
    expect(articles.articles).toHaveLength(1);
  });

  it('an unknown command suggests the one meant', () => {
    const { stdout } = ask(['--json', 'who-siad', 'x']);
    expect(JSON.parse(stdout).error).toMatch(/Did you mean \/who-said\?/);
    const far = ask(['--json', 'zzzzzz']);
    expect(JSON.parse(far.stdout).error).not.toMatch(/Did you mean/);
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
    const broken = await folder('byline-broken-');
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

describe('ask with pages', () => {
  it('shows the page asked for with --page or page:N, leaves other commands alone, and refuses a page that is no number', async () => {
    const mayor = await folder('byline-pages-');
    const paragraphs = ['Mayor Jane Smith spoke to reporters in the town hall on Monday.'];
    for (let i = 1; i <= 30; i++) paragraphs.push(`“The plan number ${i} will be ready before the winter,” Smith said.`);
    await writeFile(path.join(mayor, 'town-hall.txt'), paragraphs.join('\n\n'));
    const run = (args: string[], input?: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--data', mayor, ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'warn', DISCORD_TOKEN: '' },
        timeout: 60_000,
      });
    const batch = run(['--json', '--page', '2'], 'quotes Jane Smith\nwho-said plan number 3\nquotes Jane Smith page:4\nquotes Jane Smith page:x\n');
    expect(batch.status).toBe(0);
    const [second, whoSaid, last, bad] = batch.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(second).toMatchObject({ speaker: 'Mayor Jane Smith', page: 2, pages: 4, total: 30 });
    expect(second.quotes.map((q: { quote: string }) => q.quote.match(/number (\d+)/)?.[1])).toEqual(['9', '10', '11', '12', '13', '14', '15', '16']);
    expect(whoSaid.query).toBe('plan number 3');
    expect(last).toMatchObject({ page: 4, pages: 4, total: 30 });
    expect(last.quotes).toHaveLength(6);
    expect(bad.error).toBe('page must be a whole number from 1, like page:2.');

    const text = run(['quotes', 'Jane Smith', 'page:3']);
    expect(text.stdout).toMatch(/^Quotes from Mayor Jane Smith \(page 3 of 4, quotes 17–24 of 30\):/);
    const zero = run(['--page', '0', 'quotes']);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/a page is a whole number from 1/);
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

describe('npm start without a token (the local console)', () => {
  const start = (args: string[], input: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      input,
      encoding: 'utf8',
      env: { ...process.env, DISCORD_TOKEN: '', BYLINE_DATA_DIR: '', LOG_LEVEL: 'info', ...env },
      timeout: 60_000,
    });

  it('honours --data DIR and answers in the singular for one', () => {
    const result = start(['--data', 'data'], '/articles\n/quit\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/(?:^|> )1 article:/m);
    expect(result.stdout).toMatch(/11 paragraphs, \d+ quotes, \d+ speakers/);
  });

  it('stops with one line when the folder named does not exist, or a flag is unknown', () => {
    const missing = start(['--data', 'no-such-folder'], '');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('byline: --data must be an existing folder, got "no-such-folder"');
    const env = start([], '', { BYLINE_DATA_DIR: 'no-such-folder' });
    expect(env.stderr.trim()).toBe('byline: BYLINE_DATA_DIR must be an existing folder, got "no-such-folder"');
    const flag = start(['--frobnicate'], '');
    expect(flag.status).toBe(1);
    expect(flag.stderr).toMatch(/^byline: Unknown option '--frobnicate'/);
  });
});

describe('ask --guild ID (issue #11)', () => {
  it('adds a file to the server’s library, answers from it as that server only, lists and removes it', async () => {
    const servers = await folder('byline-cli-servers-');
    const file = path.join(await folder('byline-cli-file-'), 'bridge.md');
    await writeFile(file, '---\ntitle: Harbour bridge reopens\ndate: 2024-05-02\n---\n“We are proud of the crews who worked through two winters,” said Mayor Ana Ruiz.\n');
    const run = (args: string[], input?: string) => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--data', dir, ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'warn', DISCORD_TOKEN: '', BYLINE_SERVERS_DIR: servers },
        timeout: 60_000,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const guild = '123456789012345678';
    const added = run(['--guild', guild, '--json', 'add', file]);
    expect(added.code).toBe(0);
    const answer = JSON.parse(added.stdout);
    expect(answer).toMatchObject({ action: 'add', duplicates: [], added: [{ article: { title: 'Harbour bridge reopens', date: '2024-05-02', source: 'bridge.md' }, quoteCount: 1 }] });
    const id: string = answer.added[0].article.id;
    expect(id).toMatch(/^g123456789012345678-[0-9a-f]{12}$/);

    const lines = run(['--guild', guild, '--json'], 'who-said proud of the crews\nlist\nadd /no/such/file.md\nlibrary frobnicate\n').stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[0].answers[0]).toMatchObject({ speaker: 'Mayor Ana Ruiz', article: { id } });
    expect(lines[1].articles.map((a: { id: string; server: boolean }) => [a.id, a.server])).toEqual([[id, true]]);
    expect(lines[2].error).toMatch(/^Cannot read the file \/no\/such\/file\.md: ENOENT/);
    expect(lines[3].error).toMatch(/^\/library takes one of: add, remove, list/);

    // Another server, and no server at all, do not see it.
    expect(JSON.parse(run(['--guild', '876543210987654321', '--json', 'who-said', 'proud of the crews']).stdout).answers).toEqual([]);
    expect(JSON.parse(run(['--json', 'who-said', 'proud of the crews']).stdout).answers).toEqual([]);
    const listed = run(['--json', 'list']);
    expect(listed.code).toBe(1);
    expect(JSON.parse(listed.stdout).error).toMatch(/^A server's own articles are listed in that server/);

    const removed = JSON.parse(run(['--guild', guild, '--json', 'remove', 'Harbour bridge']).stdout);
    expect(removed).toMatchObject({ action: 'remove', removed: { id } });
    expect(JSON.parse(run(['--guild', guild, '--json', 'who-said', 'proud of the crews']).stdout).answers).toEqual([]);
    expect(run(['--guild', 'not-a-server', 'list']).code).toBe(2);
  });
});
