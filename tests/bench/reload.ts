/**
 * Memory of a live reload (issue #10): byline serving a data folder of many small files, one file added.
 *
 *   npm run build && npx tsx tests/bench/reload.ts [--files 50000] [--dir DIR] [--keep]
 *
 * The folder holds `--files` small Markdown articles (the benchmark's synthetic articles, each cut to its
 * first paragraphs, about 1 kB), written once into DIR (a temporary folder by default). Then, each step in
 * a process started as `npm start` starts it (`node dist/src/main.js`, the local console, its input held
 * open):
 *
 * 1. a first start builds the store (the cold build; not measured here);
 * 2. a second start loads it and answers a few commands (/who-is reads every article's people): once they
 *    are answered, **serving** is that process's peak RSS (VmHWM);
 * 3. its peak is reset (`/proc/<pid>/clear_refs`), one file is added: **reload** is the peak RSS from then
 *    until byline logs that the new library has taken over (the build in its worker thread, the new
 *    library assembled beside the old one, the swap); **after** the peak once it has answered the same
 *    commands again (the new library's caches are built while the old one awaits the garbage collector).
 *    RSS is also sampled every 25 ms, for the record.
 *
 * Prints one JSON line with the figures and the reload's own log line. Not part of `npm test`; needs
 * ../shared/corpus.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ArticleText } from '../../src/model.ts';
import { ROOT, readSourceArticles, syntheticLibrary } from './articles.ts';

/** A small article file: front matter and the first paragraphs of a synthetic article, about 1 kB. */
export function smallArticle(article: ArticleText, k: number): string {
  const paragraphs: string[] = [];
  let length = 0;
  for (const paragraph of article.paragraphs) {
    if (paragraphs.length > 0 && length + paragraph.length > 1_000) break;
    paragraphs.push(paragraph);
    length += paragraph.length;
  }
  const title = `${article.title} (${k})`.replace(/"/g, "'");
  return `---\ntitle: "${title}"\n${article.date ? `date: ${article.date}\n` : ''}---\n\n${paragraphs.join('\n\n')}\n`;
}

export async function writeSmallFiles(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const existing = new Set(await readdir(dir));
  const sources = await readSourceArticles();
  const articles = syntheticLibrary(sources, count);
  for (let k = 0; k < count; k++) {
    const name = `${String(k).padStart(6, '0')}.md`;
    if (!existing.has(name)) await writeFile(path.join(dir, name), smallArticle(articles[k]!, k));
  }
}

interface Process {
  child: ChildProcess;
  logs: () => string;
  waitFor: (message: string, after?: number) => Promise<void>;
  status: () => { peakMb: number; rssMb: number };
  /** Asks the console these commands and waits until it has answered them all. */
  ask: (lines: string[]) => Promise<void>;
  stop: () => Promise<void>;
}

function start(dir: string): Process {
  const child = spawn(process.execPath, ['dist/src/main.js', '--data', dir], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, DISCORD_TOKEN: '', LOG_LEVEL: 'debug' },
  });
  let text = '';
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  // The console writes its prompt once at start and again after each answer.
  let prompts = 0;
  child.stdout!.on('data', (chunk: Buffer) => (prompts += chunk.toString().split('byline> ').length - 1));
  const status = () => {
    const proc = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const mb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(proc)?.[1] ?? NaN) / 1024;
    return { peakMb: mb('VmHWM'), rssMb: mb('VmRSS') };
  };
  return {
    child,
    logs: () => text,
    status,
    waitFor: async (message, after = 0) => {
      for (let waited = 0; !text.slice(after).includes(`"msg":"${message}"`); waited += 50) {
        if (child.exitCode !== null) throw new Error(`byline exited: ${text.slice(-2000)}`);
        if (waited > 1_800_000) throw new Error(`no "${message}" within 30 min`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    ask: async (lines) => {
      const expected = prompts + lines.length;
      for (const line of lines) child.stdin!.write(`${line}\n`);
      for (let waited = 0; prompts < expected; waited += 50) {
        if (child.exitCode !== null || waited > 600_000) throw new Error(`the console did not answer: ${text.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      await exited;
    },
  };
}

const COMMANDS = ['/who-said diplomacy means also defense', '/what-happened Lavrov Paris', '/who-is Kuleba', '/quotes', '/articles'];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { files: { type: 'string', default: '50000' }, dir: { type: 'string' }, keep: { type: 'boolean' } } });
  const count = Number(values.files);
  if (!existsSync(path.join(ROOT, 'dist/src/main.js'))) throw new Error('run "npm run build" first');
  const dir = values.dir ?? (await mkdtemp(path.join(tmpdir(), `byline-reload-${count}-`)));
  // Added in the middle of the library (beside its middle file), so that the batch rebuilt is a full one.
  const added = path.join(dir, `${String(Math.floor(count / 2)).padStart(6, '0')}-added.md`);
  await rm(added, { force: true });
  try {
    process.stderr.write(`  writing ${count} small files into ${dir}…\n`);
    await writeSmallFiles(dir, count);

    process.stderr.write('  first start: building the store…\n');
    const first = start(dir);
    const buildStart = performance.now();
    await first.waitFor('library warmed');
    const buildMs = performance.now() - buildStart;
    await first.stop();

    process.stderr.write('  second start: serving…\n');
    const serving = start(dir);
    const loadStart = performance.now();
    await serving.waitFor('library loaded');
    const startMs = performance.now() - loadStart;
    await serving.waitFor('library warmed');
    await serving.ask(COMMANDS);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const beforeReload = serving.status();

    writeFileSync(`/proc/${serving.child.pid}/clear_refs`, '5');
    const reset = serving.status();
    let sampledPeak = 0;
    const reloadStart = performance.now();
    const series: string[] = [];
    let ticks = 0;
    const sampler = setInterval(() => {
      const { rssMb } = serving.status();
      sampledPeak = Math.max(sampledPeak, rssMb);
      if (ticks++ % 20 === 0) series.push(`${((performance.now() - reloadStart) / 1000).toFixed(1)}s:${Math.round(rssMb)}`);
    }, 25);
    const mark = serving.logs().length;
    await writeFile(added, '---\ntitle: "Harbour"\ndate: 2026-12-01\n---\n\n"We have waited thirty years for a pier that can take the ferries," said harbour master Ingrid Solberg.\n');
    await serving.waitFor('articles changed: library reloaded', mark);
    const atSwap = serving.status();
    const reloadMs = performance.now() - reloadStart;
    await serving.ask(COMMANDS);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    clearInterval(sampler);
    const afterReload = serving.status();
    const reloadLog = serving
      .logs()
      .slice(mark)
      .split('\n')
      .filter((line) => /"msg":"(built the index|articles changed: library reloaded|rebuilt [^"]*)"/.test(line));
    await serving.stop();

    process.stdout.write(
      `${JSON.stringify({
        files: count,
        buildS: Math.round(buildMs / 100) / 10,
        startS: Math.round(startMs / 100) / 10,
        servingPeakMb: Math.round(beforeReload.peakMb),
        servingRssMb: Math.round(beforeReload.rssMb),
        rssAfterResetMb: Math.round(reset.rssMb),
        reloadPeakMb: Math.round(atSwap.peakMb),
        ratio: Math.round((atSwap.peakMb / beforeReload.peakMb) * 100) / 100,
        peakAfterQuestionsMb: Math.round(afterReload.peakMb),
        ratioAfterQuestions: Math.round((afterReload.peakMb / beforeReload.peakMb) * 100) / 100,
        sampledPeakMb: Math.round(sampledPeak),
        rssAfterReloadMb: Math.round(afterReload.rssMb),
        reloadS: Math.round(reloadMs / 100) / 10,
        load: Math.round(loadavg()[0]! * 10) / 10,
        reloadLog: reloadLog.map((line) => JSON.parse(line) as unknown),
        series: series.join(' '),
      })}\n`,
    );
  } finally {
    await rm(added, { force: true });
    if (!values.keep && !values.dir) await rm(dir, { recursive: true, force: true });
  }
}

await main();
