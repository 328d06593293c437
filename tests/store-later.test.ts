/**
 * The parts of the persisted store read after loading (issue #10, "lazily read parts are covered too"): a
 * batch's text (`text-N.bin`) and its other people (`people-N.bin`) are opened at load and checked for their
 * length only, then checked against their CRC-32 when first read. Damage found then is logged with the
 * file's name, refused (never served), and marked so that the next load rebuilds the store.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/load/open.ts';
import { DAMAGED_FILE, STORE_DIR, StoreDamage } from '../src/load/store.ts';
import { LiveLibrary } from '../src/load/live.ts';

const SEED = '000_4cbc08951dad2f3b.txt';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function seedFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'byline-store-later-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await copyFile(path.join('data', SEED), path.join(dir, SEED));
  return dir;
}

function recording() {
  const lines: any[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** `bytes` with one letter of `word` changed, wherever it is stored (one byte a character, or UTF-16). */
function sameLengthEdit(bytes: Buffer, word: string): Buffer {
  for (const encoding of ['latin1', 'utf16le'] as const) {
    const at = bytes.indexOf(Buffer.from(word, encoding));
    if (at >= 0) {
      const edited = Buffer.from(bytes);
      const last = Buffer.from(`${word.slice(0, -1)}x`, encoding);
      last.copy(edited, at);
      return edited;
    }
  }
  throw new Error(`"${word}" is not in the file`);
}

/** Builds the seed's store, then loads it again (a start from the store), logging to `lines`. */
async function storedLibrary() {
  const dir = await seedFolder();
  const clean = await loadLibrary(dir);
  const cleanParagraphs = clean.collection[0]!.paragraphs;
  const cleanPeople = clean.collection[0]!.people.map((person) => person.name);
  const { logger, lines } = recording();
  return { dir, cleanParagraphs, cleanPeople, logger, lines, file: (name: string) => path.join(dir, STORE_DIR, name) };
}

describe('the parts of the store read after loading', () => {
  it('refuses text edited in place (same length) when first read, names the file, and is rebuilt at the next load', async () => {
    const { dir, cleanParagraphs, logger, lines, file } = await storedLibrary();
    const loaded = await loadLibrary(dir, { logger });
    // Damaged after the load checked its length: only a checksum can tell.
    await writeFile(file('text-0.bin'), sameLengthEdit(await readFile(file('text-0.bin')), 'Blinken'));
    expect(() => loaded.collection[0]!.paragraphs).toThrow(StoreDamage);
    await expect(loaded.whoSaid('tragic war of choice')).rejects.toThrow(/text-0\.bin/);
    expect(lines.some((line) => line.file === 'text-0.bin' && /damaged.*checksum/.test(line.msg))).toBe(true);
    expect(existsSync(file(DAMAGED_FILE))).toBe(true);

    const next = recording();
    const rebuilt = await loadLibrary(dir, { logger: next.logger });
    expect(next.lines.some((line) => line.file === 'text-0.bin' && /damaged/.test(line.msg))).toBe(true);
    expect(rebuilt.collection[0]!.paragraphs).toEqual(cleanParagraphs);
    expect((await rebuilt.whoSaid('tragic war of choice')).answers[0]?.speaker).toMatch(/Austin/);
    expect(existsSync(file(DAMAGED_FILE))).toBe(false);
  });

  it('rebuilds a running library at once when a file read later is found damaged, with nothing changed in the folder', async () => {
    const { dir, cleanParagraphs, logger, lines, file } = await storedLibrary();
    // As the bot opens it: the library tells the live library, which rebuilds the store and swaps it in.
    let live: LiveLibrary | null = null;
    const loaded = await loadLibrary(dir, { logger, onLaterDamage: () => live?.rebuildDamaged() });
    live = new LiveLibrary(loaded, dir, logger);
    await writeFile(file('text-0.bin'), sameLengthEdit(await readFile(file('text-0.bin')), 'Blinken'));
    await expect(live.whoSaid('tragic war of choice')).rejects.toThrow(/text-0\.bin/);
    expect(loaded.damaged).toBe(true);
    for (let waited = 0; live.current === loaded && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(live.current).not.toBe(loaded);
    expect(live.current.collection[0]!.paragraphs).toEqual(cleanParagraphs);
    expect((await live.whoSaid('tragic war of choice')).answers[0]?.speaker).toMatch(/Austin/);
    expect(lines.some((line) => line.msg === 'store found damaged: rebuilt and reloaded')).toBe(true);
    expect(existsSync(file(DAMAGED_FILE))).toBe(false);
    live.stop();
  });

  it('refuses a text file truncated after the load, when first read, and is rebuilt at the next load', async () => {
    const { dir, cleanParagraphs, logger, lines, file } = await storedLibrary();
    const loaded = await loadLibrary(dir, { logger });
    const size = (await readFile(file('text-0.bin'))).length;
    await truncate(file('text-0.bin'), size - 100);
    expect(() => loaded.collection[0]!.paragraphs).toThrow(/text-0\.bin/);
    expect(() => loaded.collection[0]!.paragraphs).toThrow(StoreDamage); // and again, not served on a second try
    expect(lines.some((line) => line.file === 'text-0.bin' && /damaged/.test(line.msg))).toBe(true);
    const rebuilt = await loadLibrary(dir);
    expect(rebuilt.collection[0]!.paragraphs).toEqual(cleanParagraphs);
  });

  it('refuses people edited in place when first asked for, and is rebuilt at the next load', async () => {
    const { dir, cleanPeople, logger, lines, file } = await storedLibrary();
    const people = await readFile(file('people-0.bin'));
    // A name among the people no quote is attributed to, as the file holds it.
    const name = cleanPeople.find((person) => people.includes(Buffer.from(person, 'latin1')));
    expect(name).toBeDefined();
    await writeFile(file('people-0.bin'), sameLengthEdit(people, name!));
    const loaded = await loadLibrary(dir, { logger });
    expect(loaded.collection[0]!.paragraphs.length).toBeGreaterThan(0); // the text is sound
    expect(() => loaded.collection[0]!.people).toThrow(/people-0\.bin/);
    expect(lines.some((line) => line.file === 'people-0.bin' && /damaged.*checksum/.test(line.msg))).toBe(true);
    const rebuilt = await loadLibrary(dir);
    expect(rebuilt.collection[0]!.people.map((person) => person.name)).toEqual(cleanPeople);
  });

  it('reads a sound store as before: no damage logged, nothing marked', async () => {
    const { dir, cleanParagraphs, cleanPeople, logger, lines, file } = await storedLibrary();
    const loaded = await loadLibrary(dir, { logger });
    expect(loaded.collection[0]!.paragraphs).toEqual(cleanParagraphs);
    expect(loaded.collection[0]!.people.map((person) => person.name)).toEqual(cleanPeople);
    expect(lines.filter((line) => /damaged/.test(line.msg))).toEqual([]);
    expect(existsSync(file(DAMAGED_FILE))).toBe(false);
  });
});
