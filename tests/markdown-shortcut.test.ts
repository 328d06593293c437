import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeText, escapeTextFully } from '../src/discord/markdown.ts';

const SOURCES = [path.join(import.meta.dirname, '..', 'data'), path.join(import.meta.dirname, 'fixtures')];

/** Every line, paragraph and sentence-sized piece of the seed article and the test fixtures (articles, pages, Markdown). */
function realTexts(): string[] {
  const texts: string[] = [];
  const files = SOURCES.flatMap((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(txt|md|html|csv)$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
  for (const file of files) {
    const content = readFileSync(file, 'utf8');
    texts.push(content, ...content.split(/\n\s*\n/), ...content.split('\n'), ...content.split(/(?<=[.!?])\s+/));
  }
  return texts;
}

const TRICKY = [
  'plain words, a comma; a colon: and (parentheses) - with a dash inside',
  '- a list item',
  '  * a starred item',
  '1. numbered',
  '  12. numbered, indented',
  'line one\n2. numbered on the second line',
  '# heading',
  '## heading after nothing',
  '- # heading in a list',
  '> a block quote',
  'first line\n  > quoted on the second',
  'a *star* and an _underscore_',
  'snake_case_name',
  '~~struck~~ and ||spoiler||',
  'a single ~ and a single |',
  '`code` and ```blocks```',
  'back\\slash',
  '[masked](https://example.com)',
  'a [bracket] alone',
  '@everyone and @here, me@example.com',
  '<@123> <#456> </cmd:1>',
  'a < b and 3 > 2',
  '2022. A year that opens a line',
  'ends with a number 1.',
  '',
  '\u201ccurly quotes\u201d \u2014 and dashes \u2013 and \u2026',
];

/** Short strings over an alphabet of every markdown character and some plain ones, the same every run. */
function generatedTexts(count: number): string[] {
  const alphabet = ['a', 'Z', ' ', '  ', '\n', '1', '9.', '.', '-', '#', '>', '<', '@', 'everyone', 'here', '*', '_', '~', '|', '`', '\\', '[', ']', '(', ')', ':', '/', 'https://x.y', '&', '!'];
  let seed = 20_261_206;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join(''));
}

describe('escaping text for Discord, with the shortcut for text that needs none', () => {
  it('gives exactly what every escape applied gives: on the seed article and fixtures, every kind of markdown, and generated strings of markdown characters', () => {
    const texts = [...realTexts(), ...TRICKY, ...generatedTexts(5000)];
    expect(texts.length).toBeGreaterThan(5300);
    for (const text of texts) expect(escapeText(text)).toBe(escapeTextFully(text));
  });

  it('returns text with nothing to escape as it is, and escapes the rest', () => {
    expect(escapeText('Dmytro Kuleba said diplomacy means also defense (in Kyiv)')).toBe('Dmytro Kuleba said diplomacy means also defense (in Kyiv)');
    expect(escapeText('a *star*')).toBe('a \\*star\\*');
    expect(escapeText('- a list item')).toBe('\\- a list item');
    expect(escapeText('@everyone')).not.toBe('@everyone');
  });
});
