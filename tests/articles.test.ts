import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, parseArticleFiles, readArticleFiles } from '../src/article/load.ts';
import { parseArticleFile, splitParagraphs, titleFromText } from '../src/article/parse.ts';

describe('the seed article', () => {
  it('reads the inline date header, derives a title and counts 11 paragraphs', async () => {
    const { files, problems } = await readArticleFiles('data');
    expect(problems).toEqual([]);
    const { articles } = parseArticleFiles(files);
    const seed = articles.find((a) => a.id === '000_4cbc08951dad2f3b');
    expect(seed).toBeDefined();
    expect(seed!.date).toBe('2022-02-23');
    expect(seed!.paragraphs).toHaveLength(11);
    expect(seed!.paragraphs[0]).toMatch(/^The extremely anticipated meeting/);
    expect(seed!.title).toMatch(/^The extremely anticipated meeting between US Secretary of State Antony Blinken/);
    expect(seed!.paragraphs[10]).toBe('“But these days, diplomacy means also defense,” he stated, as Kyiv seeks army help from the United States.');
  });
});

describe('text articles', () => {
  it('reads YAML front matter', () => {
    const { articles, problems } = parseArticleFile(
      'a.md',
      '---\ntitle: Storm hits coast\ndate: 2021-03-04\nsource: https://example.org/storm\n---\n\nFirst paragraph.\n\nSecond\nparagraph.\n',
    );
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({
      id: 'a',
      title: 'Storm hits coast',
      date: '2021-03-04',
      source: 'https://example.org/storm',
      paragraphs: ['First paragraph.', 'Second paragraph.'],
    });
  });

  it('takes a Markdown heading as the title when the front matter has none', () => {
    const { articles } = parseArticleFile('b.md', '# Flood warning\n\nRivers rose.\n');
    expect(articles[0]!.title).toBe('Flood warning');
    expect(articles[0]!.paragraphs).toEqual(['Rivers rose.']);
  });

  it('reports bad front matter with its line and loads nothing from that file', () => {
    const { articles, problems } = parseArticleFile('c.md', '---\ntitle: ok\ndate: [2021\n---\nBody.\n');
    expect(articles).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'c.md' });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
    expect(problems[0]!.message).toMatch(/front matter/);
  });

  it('reports an unreadable date but keeps the article', () => {
    const { articles, problems } = parseArticleFile('d.md', '---\ndate: someday\n---\nBody text here.\n');
    expect(articles).toHaveLength(1);
    expect(articles[0]!.date).toBeNull();
    expect(problems[0]!.message).toMatch(/date/);
  });

  it('handles CRLF line ends, a byte-order mark and an empty file', () => {
    const { articles } = parseArticleFile('e.txt', '\uFEFFOne.\r\n\r\nTwo.\r\n');
    expect(articles[0]!.paragraphs).toEqual(['One.', 'Two.']);
    expect(parseArticleFile('f.txt', '   \n\n').problems[0]!.message).toMatch(/no text/);
  });
});

describe('CSV articles', () => {
  const csv = [
    'url,date,title,text',
    'https://news.example/wiki/First_story,2020-01-02,First story,"Para one.',
    '',
    'Para two."',
    'https://news.example/wiki/Broken,2020-01-03',
    'https://news.example/wiki/Third,2020-01-04,,"Untitled text comes first. Then more."',
  ].join('\n');

  it('reads one article per row, with paragraphs, and names a short row by its line', () => {
    const { articles, problems } = parseArticleFile('news.csv', csv);
    expect(articles.map((a) => a.id)).toEqual(['First_story', 'Third']);
    expect(articles[0]!.paragraphs).toEqual(['Para one.', 'Para two.']);
    expect(articles[0]!.source).toBe('https://news.example/wiki/First_story');
    expect(articles[1]!.title).toBe('Untitled text comes first');
    expect(problems).toEqual([{ file: 'news.csv', line: 5, message: 'row 2 has 2 of 4 columns' }]);
  });

  it('refuses a CSV without a text column, naming line 1', () => {
    const { problems } = parseArticleFile('x.csv', 'a,b\n1,2\n');
    expect(problems[0]).toMatchObject({ file: 'x.csv', line: 1 });
  });
});

describe('the data folder', () => {
  it('loads the good files, names the bad one, skips notes and hidden files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'byline-'));
    await writeFile(path.join(dir, 'good.txt'), 'A good article. It loads.\n');
    await writeFile(path.join(dir, 'bad.md'), '---\ntitle: [unclosed\n---\nText.\n');
    await writeFile(path.join(dir, 'README.md'), '# Notes about this folder\n');
    await mkdir(path.join(dir, '.byline-index'));
    await writeFile(path.join(dir, '.byline-index', 'x.txt'), 'not an article');
    await mkdir(path.join(dir, 'more'));
    await writeFile(path.join(dir, 'more', 'nested.txt'), 'Nested article.\n');
    const { files } = await readArticleFiles(dir);
    expect(files.map((f) => f.file)).toEqual(['bad.md', 'good.txt', 'more/nested.txt']);
    const { articles, problems } = parseArticleFiles(files);
    expect(articles.map((a) => a.id)).toEqual(['good', 'more/nested']);
    expect(problems.map((p) => p.file)).toEqual(['bad.md']);
    await rm(dir, { recursive: true, force: true });
  });

  it('hashes names and contents, so any change invalidates a persisted index', () => {
    const a = contentHash([{ file: 'a.txt', content: 'x' }]);
    expect(contentHash([{ file: 'a.txt', content: 'x' }])).toBe(a);
    expect(contentHash([{ file: 'a.txt', content: 'y' }])).not.toBe(a);
    expect(contentHash([{ file: 'b.txt', content: 'x' }])).not.toBe(a);
    // Files are read as bytes; a text and its UTF-8 bytes are the same file.
    const text = '“Curly” quotes, café';
    expect(contentHash([{ file: 'a.txt', content: new TextEncoder().encode(text) }])).toBe(contentHash([{ file: 'a.txt', content: text }]));
  });
});

describe('paragraphs and titles', () => {
  it('splits on blank lines (with spaces) and joins wrapped lines', () => {
    expect(splitParagraphs('a\nb\n  \nc\n\n\n')).toEqual(['a b', 'c']);
  });
  it('derives a title from the first sentence, cut at a word', () => {
    expect(titleFromText('Mr. Smith left. Then rain.')).toBe('Mr. Smith left');
    expect(titleFromText('Rain fell on Monday. Then it stopped.')).toBe('Rain fell on Monday');
    expect(titleFromText('word '.repeat(40)).length).toBeLessThanOrEqual(90);
  });
});

describe('files that are not text', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);

  it('refuses a binary file named .txt, with the file named, and still loads the others', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);
    const good = new TextEncoder().encode('Rivers rose.\n\n“We are ready,” the mayor said.\n');
    const { articles, problems } = parseArticleFiles([
      { file: 'image.txt', content: png },
      { file: 'flood.txt', content: good },
    ]);
    expect(articles.map((a) => a.id)).toEqual(['flood']);
    expect(problems).toEqual([{ file: 'image.txt', line: null, message: expect.stringMatching(/not a text file/) }]);
  });

  it('refuses bytes that are not UTF-8 (a Latin-1 file) rather than showing replacement characters', () => {
    const latin1 = bytes(0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x73, 0x2e); // "Café opens." in Latin-1
    const { articles, problems } = parseArticleFiles([{ file: 'cafe.txt', content: latin1 }]);
    expect(articles).toEqual([]);
    expect(problems[0]).toMatchObject({ file: 'cafe.txt' });
  });
});
