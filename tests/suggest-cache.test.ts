/**
 * Quote autocomplete folds the quotes it reads once and keeps them, but only the ones read lately: a bot
 * serving for weeks reads every quote of its library in time, and folded copies of all of them would grow
 * with the library (issue #13: the PostgreSQL bot process under 300 MB).
 */
import { describe, expect, it } from 'vitest';
import { FOLDED_QUOTES_KEPT, foldedQuote } from '../src/queries/suggest.ts';
import type { LibraryView } from '../src/seam.ts';

/** A view whose quotes are numbered texts, counting how often each is read. */
function countingView(): { view: LibraryView; reads: Map<number, number> } {
  const reads = new Map<number, number>();
  const quotes = {
    length: FOLDED_QUOTES_KEPT * 3,
    text: (id: number) => {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return `Quote Númber ${id}`;
    },
  };
  return { view: { quotes } as unknown as LibraryView, reads };
}

describe('folded quotes for autocomplete', () => {
  it('folds a quote once while it is read lately', () => {
    const { view, reads } = countingView();
    expect(foldedQuote(view, 7)).toBe('quote number 7');
    for (let id = 100; id < 100 + FOLDED_QUOTES_KEPT / 2; id++) foldedQuote(view, id);
    expect(foldedQuote(view, 7)).toBe('quote number 7');
    expect(reads.get(7)).toBe(1);
  });

  it('keeps a bounded number of them: a quote not read lately is folded again', () => {
    const { view, reads } = countingView();
    foldedQuote(view, 7);
    for (let id = 100; id < 100 + FOLDED_QUOTES_KEPT * 2; id++) foldedQuote(view, id);
    expect(foldedQuote(view, 7)).toBe('quote number 7');
    expect(reads.get(7)).toBe(2);
  });
});
