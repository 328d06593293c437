/**
 * Nothing lost (issue #11): byline run as a process (`ask --guild ID`, adding articles one after another
 * from its standard input) is killed with SIGKILL while it adds. The next start must answer for every
 * article whose add was acknowledged, hold the one being added whole or not at all, and find no file it
 * cannot trust.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const GUILD = '1100000000000000002';
const ARTICLES = 12;

interface Run {
  /** The JSON answer lines printed before the process ended. */
  lines: any[];
  stderr: string;
  signal: NodeJS.Signals | null;
}

/** Runs `ask` with these stdin lines; with `killAfter`, SIGKILLs it a moment after that many answers. */
function ask(env: Record<string, string>, args: string[], input: string[], killAfter?: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const lines: any[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buffered.slice(0, newline)));
        buffered = buffered.slice(newline + 1);
        // Killed a few milliseconds into the next add: while it writes, renames or indexes.
        if (killAfter !== undefined && lines.length === killAfter) setTimeout(() => child.kill('SIGKILL'), 2 + Math.floor(Math.random() * 25));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (_code, signal) => resolve({ lines, stderr, signal }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${input.join('\n')}\n`);
  });
}

describe('an add killed with SIGKILL', () => {
  let root: string;
  let env: Record<string, string>;
  const files: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'byline-kill-'));
    await mkdir(path.join(root, 'data'));
    await copyFile('data/000_4cbc08951dad2f3b.txt', path.join(root, 'data', '000_4cbc08951dad2f3b.txt'));
    env = { BYLINE_DATA_DIR: path.join(root, 'data'), BYLINE_SERVERS_DIR: path.join(root, 'servers'), LOG_LEVEL: 'warn' };
    for (let i = 1; i <= ARTICLES; i++) {
      // Long articles (about 120 KB), so that a kill often lands while one is being written.
      const filler = Array.from({ length: 300 }, (_, p) => `Paragraph ${p + 1} of story ${i} tells of the harbour, the council and the long winter in the valley town number ${i}.`);
      const body = [`“Story ${i} is the one to remember,” said Reporter Number${'x'.repeat(i)} Vale.`, ...filler].join('\n\n');
      const file = path.join(root, `story-${i}.md`);
      await writeFile(file, `---\ntitle: Story ${i} of the valley\ndate: 2024-01-${String(i).padStart(2, '0')}\n---\n${body}\n`);
      files.push(file);
    }
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('leaves every acknowledged article, and the one in flight whole or not at all', { timeout: 120_000 }, async () => {
    const acknowledged = new Set<string>();
    let next = 0;
    for (let round = 0; round < 3 && next < ARTICLES; round++) {
      const batch = files.slice(next, next + 4).map((file) => `add ${file}`);
      const run = await ask(env, ['--guild', GUILD, '--json'], batch, 2);
      expect(run.signal).toBe('SIGKILL');
      for (const line of run.lines) {
        expect(line.error, JSON.stringify(line)).toBeUndefined();
        for (const added of line.added) acknowledged.add(added.article.title);
      }
      expect(run.lines.length).toBeGreaterThanOrEqual(2);
      next += 4;
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(6);

    // The next start: every acknowledged article, each whole, and nothing it cannot trust.
    const listed = await ask(env, ['--guild', GUILD, '--json'], ['list']);
    expect(listed.stderr).not.toMatch(/cannot be trusted/);
    const articles: { title: string; paragraphs: number; quotes: number }[] = listed.lines[0].articles;
    const titles = articles.map((a) => a.title);
    for (const title of acknowledged) expect(titles).toContain(title);
    // At most the one add in flight per kill came through unacknowledged, and whole.
    expect(titles.length - acknowledged.size).toBeLessThanOrEqual(3);
    for (const article of articles) {
      expect(article.paragraphs, article.title).toBe(301);
      expect(article.quotes, article.title).toBeGreaterThanOrEqual(1);
    }
    const kept = await readdir(path.join(root, 'servers', GUILD));
    expect(kept.filter((name) => !name.startsWith('.'))).toHaveLength(articles.length);
    expect(kept.filter((name) => name.includes('.tmp-'))).toEqual([]);

    // Each is answerable, by its own quote.
    const lines = [...acknowledged].map((title) => `who-said Story ${title.split(' ')[1]} is the one to remember`);
    const answers = await ask(env, ['--guild', GUILD, '--json'], lines);
    for (const [i, answer] of answers.lines.entries()) expect(answer.answers[0]?.article.title, lines[i]).toBe([...acknowledged][i]);
  });
});
