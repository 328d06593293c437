/**
 * Reading news pages (issue #11): 20 saved pages (tests/fixtures/pages: ten articles written for the
 * tests, each on two of ten layouts with their menus, share bars, related links, newsletter boxes,
 * adverts, cookie notices, comments and author boxes). Title, date and the body's paragraphs must come out
 * exactly, and nothing of the page's furniture.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, isoDate } from '../src/fetch/extract.ts';
import { FURNITURE, LAYOUTS } from './fixtures/pages/layouts.ts';
import { PAGES_DIR, pages, type SavedPage } from './fixtures/pages/make.ts';

const expected: SavedPage[] = JSON.parse(await readFile(path.join(PAGES_DIR, 'expected.json'), 'utf8'));

/** Layouts that name the author (in metadata, JSON-LD, a byline or the header). */
const AUTHOR_GIVEN = new Set(['news-site', 'blog', 'json-ld', 'time-only', 'figure', 'json-ld-graph']);

describe('the saved pages', () => {
  it('are the 20 pages the fixture script writes, every layout used twice', async () => {
    const made = pages();
    expect(made).toHaveLength(20);
    expect(made.map(({ page }) => page)).toEqual(expected);
    for (const { page, html } of made) expect(await readFile(path.join(PAGES_DIR, page.file), 'utf8'), page.file).toBe(html);
    const layouts = expected.map((page) => page.layout);
    for (const layout of Object.keys(LAYOUTS)) expect(layouts.filter((l) => l === layout), layout).toHaveLength(2);
  });
});

describe('extracting an article from a page', () => {
  it.each(expected.map((page) => [page.file, page] as const))('%s: title, date, every paragraph and no furniture', async (_file, page) => {
    const html = await readFile(path.join(PAGES_DIR, page.file), 'utf8');
    const article = extractArticle(html, `https://news.example/${page.file}`);
    expect(article.title).toBe(page.title);
    expect(article.date).toBe(page.date);
    expect(article.paragraphs).toEqual(page.paragraphs);
    for (const paragraph of article.paragraphs) for (const furniture of FURNITURE) expect(paragraph).not.toContain(furniture);
    if (AUTHOR_GIVEN.has(page.layout)) expect(article.author).toBe(page.author);
  });

  it('finds no article on a page without text, and never throws on what is not HTML', () => {
    expect(extractArticle('<html><body><nav><a href="/">Home</a></nav></body></html>', null).paragraphs).toEqual([]);
    expect(() => extractArticle('\u0000\u0001 <<<>>> {"not": "html"}', null)).not.toThrow();
    expect(() => extractArticle('<script type="application/ld+json">{ broken json</script><p>Words.</p>', null)).not.toThrow();
  });

  it('reads dates as pages write them, keeping the publisher’s own day', () => {
    expect(isoDate('2020-03-05T23:30:00-05:00')).toBe('2020-03-05');
    expect(isoDate('2020-03-05')).toBe('2020-03-05');
    expect(isoDate('March 5, 2020')).toBe('2020-03-05');
    expect(isoDate('Thu, 05 Mar 2020 10:00:00 GMT')).toBe('2020-03-05');
    expect(isoDate('2020-02-30')).toBeNull();
    expect(isoDate('yesterday')).toBeNull();
    expect(isoDate('')).toBeNull();
  });
});
