/**
 * The part of a library view (src/seam.ts `LibraryView`) that only reads the articles' list: an article by
 * number, its reference, an article option resolved, the articles newest first. The embedded view
 * (src/library.ts) and PostgreSQL's (src/postgres/view.ts) hold the same list in memory and answer these
 * the same way, from here.
 */
import type { ArticleRef } from './answers.ts';
import { SHORT_ARTICLE_REF, shortArticleRef } from './engine.ts';
import { paragraphCount, sentenceCount } from './load/store-format.ts';
import type { Article } from './model.ts';

export abstract class ArticleListView {
  readonly size: number;
  private readonly byId: Map<string, number>;

  constructor(private readonly list: readonly Article[]) {
    this.size = list.length;
    this.byId = new Map(list.map((article, i) => [article.id, i]));
  }

  article(index: number): Article {
    return this.list[index]!;
  }

  ref(article: number): ArticleRef {
    const a = this.list[article]!;
    return { id: a.id, title: a.title, date: a.date, source: a.source };
  }

  /** How many paragraphs and sentences an article has (/articles), without reading its text where the count is kept apart. */
  counts(article: number): { paragraphs: number; sentences: number } {
    const a = this.list[article]!;
    return { paragraphs: paragraphCount(a), sentences: sentenceCount(a) };
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * An article option as typed: its id, its short reference (a page button's), its title or id in any case,
   * or the start of its title; the first article in library order that matches. Null when nothing was typed.
   */
  resolveArticle(value: string | null | undefined): number | null | 'unknown' {
    const wanted = value?.trim();
    if (!wanted) return null;
    const byId = this.byId.get(wanted);
    if (byId !== undefined) return byId;
    if (SHORT_ARTICLE_REF.test(wanted)) {
      const byRef = this.byShortRef().get(wanted);
      if (byRef !== undefined) return byRef;
    }
    const lower = wanted.toLowerCase();
    const exact = this.list.findIndex((a) => a.title.toLowerCase() === lower || a.id.toLowerCase() === lower);
    if (exact >= 0) return exact;
    const prefix = this.list.findIndex((a) => a.title.toLowerCase().startsWith(lower));
    return prefix >= 0 ? prefix : 'unknown';
  }

  private shortRefs: Map<string, number> | null = null;
  /** Every article by its short reference (the first article holding it), computed when one is first asked for. */
  private byShortRef(): Map<string, number> {
    if (this.shortRefs === null) {
      const refs = new Map<string, number>();
      this.list.forEach((article, i) => {
        const ref = shortArticleRef(article.id);
        if (!refs.has(ref)) refs.set(ref, i);
      });
      this.shortRefs = refs;
    }
    return this.shortRefs;
  }

  private recency: number[] | null = null;
  /** Every article, newest first (undated last), ties in library order; computed once. */
  get byRecency(): readonly number[] {
    this.recency ??= this.newestFirst(this.list.map((_, i) => i));
    return this.recency;
  }

  newestFirst(indexes: number[]): number[] {
    return [...indexes].sort((x, y) => {
      const dx = this.list[x]!.date ?? '';
      const dy = this.list[y]!.date ?? '';
      return dx === dy ? x - y : dx < dy ? 1 : -1;
    });
  }
}
