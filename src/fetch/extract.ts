/**
 * Reading a news page: its title, date, author and body paragraphs, without the page's menus, share
 * buttons, related links and cookie notices. The body is found by Mozilla's Readability (Firefox's Reader
 * View) over linkedom's server-side DOM; the metadata is read before Readability reshapes the page, in the
 * order publishers state it most reliably:
 *
 * - date: `article:published_time` (Open Graph), JSON-LD `datePublished`, `itemprop="datePublished"`,
 *   the other common meta names (`date`, `pubdate`, `DC.date.issued`…), then a `<time datetime>` (the one
 *   inside the article first), then Readability's own finding;
 * - title: JSON-LD `headline`, `og:title`, Readability's title (which drops a " - Site Name" suffix),
 *   the first `<h1>`, `<title>`;
 * - author: JSON-LD `author`, `<meta name="author">`, Readability's byline.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanText, isoDate } from './text.ts';

export { cleanText, isoDate } from './text.ts';

export interface ExtractedArticle {
  title: string | null;
  /** `YYYY-MM-DD`, or null when the page states no date. */
  date: string | null;
  author: string | null;
  siteName: string | null;
  paragraphs: string[];
}

/** The part of a DOM element (linkedom's) this module reads; the project compiles without the DOM library. */
interface DomElement {
  tagName: string;
  textContent: string | null;
  parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  closest(selector: string): DomElement | null;
  remove(): void;
}

/** Elements that are never the article's text, taken out before Readability looks at the page. */
const NEVER_CONTENT = 'script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, select, input, nav, footer, aside, dialog, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="dialog"], [aria-hidden="true"], [hidden]';

/** Class or id words of the lines around an article's text that say who wrote it and when (read before they are taken out). */
const DATELINE = /(^|[\s_-])(byline|bylines|dateline|entry-meta|post-meta|article-meta|meta-info|author|authors|timestamp|published|posted-on)($|[\s_-])/i;

/** Class or id words of page furniture: sharing, related links, newsletters, cookie and consent notices, comments, adverts. */
const FURNITURE = /(^|[\s_-])(share|sharing|social|related|recommended|more-stories|read-more|newsletter|subscribe|signup|sign-up|cookie|consent|gdpr|comments?|advert|advertisement|ads?|sponsor|promo|breadcrumbs?|tags|tag-list|popup|paywall|author-bio|bio-box|toolbar|menu|masthead|site-header|site-footer)($|[\s_-])/i;

/** A short paragraph that is page furniture rather than the article's text, whatever element holds it. */
const FURNITURE_TEXT = /^(share( this)?( article| story)?( on \w+)?|tweet|email|print|read more|related( stories| articles)?:?|advertisement|sponsored|subscribe( now)?|sign up|follow us|accept( all)?( cookies)?|we use cookies|this (site|website) uses cookies|cookie (settings|policy)|all rights reserved|copyright|©|photo:|image:|getty images|click here|comments?)\b/i;

/** Reads a page's HTML into an article; `url` resolves relative links and names the source. */
export function extractArticle(html: string, url: string | null): ExtractedArticle {
  // linkedom builds a document only around an <html> element: a fragment (or text) is put in one.
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`) as unknown as {
    document: DomElement & { body: DomElement | null; documentElement: DomElement | null };
  };
  if (!document.documentElement) return { title: null, date: null, author: null, siteName: url ? hostOf(url) : null, paragraphs: [] };
  const jsonLd = readJsonLd(document);
  const metas = metaTags(document);
  const meta = (...names: string[]) => names.map((name) => metas.get(name.toLowerCase())).find((value) => value !== undefined) ?? null;
  const article = document.querySelector('article') ?? document.querySelector('main') ?? document.body;
  const attribute = (element: DomElement | null | undefined, name: string) => element?.getAttribute(name) ?? element?.getAttribute(name.toUpperCase()) ?? null;
  const published = document.querySelector('[itemprop="datePublished"]');

  const date =
    isoDate(meta('article:published_time')) ??
    isoDate(jsonLd.datePublished) ??
    isoDate(attribute(published, 'content') ?? attribute(published, 'datetime')) ??
    isoDate(meta('date', 'pubdate', 'publishdate', 'publish-date', 'dc.date.issued', 'dc.date', 'sailthru.date', 'og:published_time')) ??
    isoDate(attribute(article?.querySelector('time[datetime]'), 'datetime')) ??
    isoDate(attribute(document.querySelector('time[datetime]'), 'datetime'));
  const bylineElement = document.querySelector('[rel="author"], [itemprop="author"], .byline, .author, .entry-author');
  const author = jsonLd.author ?? meta('author', 'article:author') ?? (cleanText(bylineElement?.textContent ?? '').replace(/^by\s+/i, '').split(' · ')[0] || null) ?? bylineIn(document, article);
  const siteName = meta('og:site_name') ?? jsonLd.publisher;
  const h1 = cleanText(document.querySelector('[itemprop="headline"]')?.textContent ?? article?.querySelector('h1')?.textContent ?? document.querySelector('h1')?.textContent ?? '') || null;
  const headTitle = cleanText(document.querySelector('title')?.textContent ?? '') || null;

  for (const element of [...document.querySelectorAll(NEVER_CONTENT)]) element.remove();
  for (const element of [...document.querySelectorAll('[class], [id]')]) {
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    // The article element itself is never taken out for a class it shares with furniture ("article-tags").
    if (element.tagName !== 'ARTICLE' && element.tagName !== 'MAIN' && element.tagName !== 'BODY' && (FURNITURE.test(names) || DATELINE.test(names))) element.remove();
  }
  // Headers of the article (its heading, byline and date) are not its text.
  for (const element of [...(article?.querySelectorAll('header') ?? [])]) element.remove();
  // A page reshaped by Readability; the DOM node (not an HTML string) comes back, so nothing is parsed twice.
  const read = new Readability<DomElement>(document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: 200,
    serializer: (node) => node as unknown as DomElement,
  }).parse();
  const paragraphs = read?.content ? paragraphsOf(read.content) : [];

  // The page's own heading when the <title> holds it with the site's name around it ("Headline – Site").
  const titled = h1 && (headTitle?.includes(h1) || read?.title?.includes(h1)) ? h1 : null;
  const title = cleanText(jsonLd.headline ?? meta('og:title') ?? titled ?? read?.title ?? h1 ?? headTitle ?? '') || null;
  return {
    title,
    date: date ?? isoDate(read?.publishedTime ?? null),
    author: author || (cleanText(read?.byline ?? '').replace(/^by\s+/i, '') || null),
    siteName: siteName ?? (cleanText(read?.siteName ?? '') || null) ?? (url ? hostOf(url) : null),
    paragraphs: paragraphs.filter((p, i) => !(i === 0 && title !== null && p === title)),
  };
}

/**
 * The paragraphs of Readability's content: each paragraph, heading, list item and block quote once (a
 * block's own text, not its children's twice), whitespace folded, furniture lines dropped.
 */
function paragraphsOf(root: DomElement): string[] {
  const blocks = [...root.querySelectorAll('p, h2, h3, h4, h5, h6, li, blockquote, pre')];
  const paragraphs: string[] = [];
  for (const block of blocks) {
    // A block inside another block taken already (a <p> in a <blockquote> or an <li>) is read with it.
    if (block.parentElement?.closest('p, li, blockquote, pre')) continue;
    const text = cleanText(block.textContent ?? '');
    if (!text || isFurniture(text)) continue;
    paragraphs.push(text);
  }
  if (paragraphs.length === 0) {
    const text = cleanText(root.textContent ?? '');
    if (text) paragraphs.push(text);
  }
  return paragraphs;
}

function isFurniture(text: string): boolean {
  return text.length < 140 && FURNITURE_TEXT.test(text);
}

/** "By Lena Ortiz" (or "Posted on … by Lena Ortiz") in the article's header or a dateline, before they are taken out. */
function bylineIn(document: DomElement, article: DomElement | null | undefined): string | null {
  const places = [...(article?.querySelectorAll('header') ?? []), ...document.querySelectorAll('[class], [id]')].filter((element) =>
    element.tagName === 'HEADER' ? true : DATELINE.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`),
  );
  // Each element on its own: a heading and a byline side by side have no space between their texts.
  for (const element of places.flatMap((place) => [place, ...place.querySelectorAll('p, span, div, a, small')])) {
    const found = /\b[Bb]y\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3})/u.exec(cleanText(element.textContent ?? ''));
    if (found) return found[1]!;
  }
  return null;
}

/** Every <meta> of the page by its property, name or itemprop (lower case), first one kept; attribute names in any case. */
function metaTags(document: DomElement): Map<string, string> {
  const tags = new Map<string, string>();
  for (const element of document.querySelectorAll('meta')) {
    const read = (name: string) => element.getAttribute(name) ?? element.getAttribute(name.toUpperCase());
    const key = (read('property') ?? read('name') ?? read('itemprop'))?.toLowerCase();
    const content = cleanText(read('content') ?? '');
    if (key && content && !tags.has(key)) tags.set(key, content);
  }
  return tags;
}

/** The metadata of the page's JSON-LD: the first NewsArticle/Article (or anything with a headline), in a @graph or a list too. */
function readJsonLd(document: DomElement): {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  publisher: string | null;
} {
  const found = { headline: null as string | null, datePublished: null as string | null, author: null as string | null, publisher: null as string | null };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    for (const node of flatten(data)) {
      const type = ([] as unknown[]).concat(node['@type'] ?? []).map(String);
      const isArticle = type.some((t) => /Article|Posting|Report|Blog/i.test(t)) || typeof node.headline === 'string';
      if (!isArticle) continue;
      found.headline ??= typeof node.headline === 'string' ? node.headline : null;
      found.datePublished ??= typeof node.datePublished === 'string' ? node.datePublished : null;
      found.author ??= names(node.author);
      found.publisher ??= names(node.publisher);
    }
  }
  return found;
}

function flatten(data: unknown): Record<string, unknown>[] {
  if (Array.isArray(data)) return data.flatMap(flatten);
  if (!data || typeof data !== 'object') return [];
  const node = data as Record<string, unknown>;
  return [node, ...(Array.isArray(node['@graph']) ? node['@graph'].flatMap(flatten) : [])];
}

function names(value: unknown): string | null {
  const list = ([] as unknown[]).concat(value ?? []);
  const all = list
    .map((item) => (typeof item === 'string' ? item : item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : ''))
    .map(cleanText)
    .filter(Boolean);
  return all.length > 0 ? all.join(', ') : null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
