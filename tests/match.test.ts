import { describe, expect, it } from 'vitest';
import { align, isTypo, words } from '../src/search/match.ts';

/** Optimal string alignment distance, the whole table, as the textbook gives it. */
function osa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** What isTypo means: words of 4 letters or more within one edit (two from 8 letters) of each other. */
function typoByDefinition(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  return osa(a, b) <= (shorter >= 8 ? 2 : 1);
}

/** A small deterministic generator (the tests must not depend on Math.random). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('isTypo', () => {
  it('takes one edit from 4 letters and two from 8, swaps of neighbours included', () => {
    expect(isTypo('putin', 'putni')).toBe(true);
    expect(isTypo('putin', 'puttin')).toBe(true);
    expect(isTypo('putin', 'ptin')).toBe(true);
    expect(isTypo('putin', 'butin')).toBe(true);
    expect(isTypo('putin', 'butni')).toBe(false);
    expect(isTypo('cat', 'cut')).toBe(false);
    expect(isTypo('minister', 'minsiters')).toBe(true);
    expect(isTypo('minister', 'mnisiter')).toBe(true);
    expect(isTypo('minister', 'mnsitre')).toBe(false);
    expect(isTypo('diplomacy', 'diplomacy')).toBe(true);
  });

  it('agrees with the textbook distance on words that differ by a few edits', () => {
    const random = generator(7);
    const letters = 'abcdeé';
    const word = (length: number) => Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');
    const edit = (w: string) => {
      const at = Math.floor(random() * (w.length + 1));
      const kind = Math.floor(random() * 4);
      const letter = letters[Math.floor(random() * letters.length)]!;
      if (kind === 0) return w.slice(0, at) + letter + w.slice(at);
      if (kind === 1) return w.slice(0, at) + w.slice(at + 1);
      if (kind === 2) return w.slice(0, at) + letter + w.slice(at + 1);
      return at + 1 < w.length ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w;
    };
    let typos = 0;
    for (let n = 0; n < 20_000; n++) {
      const a = word(2 + Math.floor(random() * 11));
      let b = a;
      for (let e = Math.floor(random() * 4); e > 0; e--) b = edit(b);
      const expected = typoByDefinition(a, b);
      if (expected) typos++;
      expect([a, b, isTypo(a, b)]).toEqual([a, b, expected]);
      expect([b, a, isTypo(b, a)]).toEqual([b, a, expected]);
    }
    // Both answers were asked for often.
    expect(typos).toBeGreaterThan(3_000);
    expect(typos).toBeLessThan(17_000);
  });
});

describe('words', () => {
  /** The words as the index's tokenizer finds them, with Unicode's classes on every text. */
  const reference = (text: string) =>
    [...text.matchAll(/(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)+(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’‘`][\p{L}\p{N}]+)*/gu)].map((m) => m[0]);

  it('finds the same words in plain, curly-quoted and accented text', () => {
    const texts = [
      'The U.S. said 1,000 people — about 3.5% — left; Putin’s aide didn’t.',
      '“We will not,” said O’Brien… ‘never’ – and 2,5 or 10.5x? e.g. A.B.C.',
      'Café owners in Zürich said the ½ measure was “très” odd, 3² times.',
      'Ünïcödé: Δ 12.5μ, x’y‘z `q` 1.2.3 4,5,6a',
      '',
      '   ',
    ];
    for (const text of texts) expect(words(text).map((w) => w.text)).toEqual(reference(text));
  });

  it('folds and stems each word, and shares a word seen before', () => {
    const [first] = words('Minister’s meeting');
    expect(first).toEqual({ text: 'Minister’s', folded: "minister's", term: 'minist' });
    expect(words('the minister’s meeting')[1]).toBe(words('Minister’s plan and the minister’s')[4]);
    expect(words('the ministers’ meeting')[0]).toEqual({ text: 'the', folded: 'the', term: null });
  });
});

describe('align', () => {
  const passage = words('The minister of defence met the mayor in Paris');
  const flat = () => 1;
  const none = () => new Set<string>();

  it('scores the words found, in order and close together', () => {
    const inOrder = align(words('minister met mayor'), passage, flat, none);
    expect(inOrder.matches).toEqual([1, 4, 6]);
    expect(inOrder.literal).toEqual([true, true, true]);
    expect(inOrder.coverage).toBe(1);
    expect(inOrder.order).toBe(1);
    // Three content words over a span of six: compactness 5/6.
    expect(inOrder.score).toBeCloseTo(0.75 + 0.25 * (5 / 6), 12);
    const reversed = align(words('mayor met minister'), passage, flat, none);
    expect(reversed.matches).toEqual([6, 4, 1]);
    expect(reversed.order).toBeCloseTo(1 / 3, 12);
    expect(reversed.score).toBeCloseTo((0.85 + 0.15 / 3) * (0.75 + 0.25 * (5 / 6)), 12);
  });

  it('takes the nearest occurrence after the previous match, and counts stop words little', () => {
    const repeated = words('the mayor said the mayor will stay');
    const found = align(words('said the mayor'), repeated, flat, none);
    expect(found.matches).toEqual([2, 3, 4]);
    const withStop = align(words('the minister in Rome'), passage, flat, none);
    // "the" and "in" count 0.15 each, "minister" and "rome" 1: "rome" is missing.
    expect(withStop.coverage).toBeCloseTo((0.15 + 1 + 0.15) / (0.15 + 1 + 0.15 + 1), 12);
    expect(withStop.matches).toEqual([0, 1, 7, -1]);
  });

  it('credits a typo and a synonym less than the word itself', () => {
    const typo = align(words('ministre'), passage, flat, none);
    expect(typo.matches).toEqual([1]);
    expect(typo.literal).toEqual([true]);
    expect(typo.coverage).toBeCloseTo(0.85, 12);
    const synonym = align(words('governor'), passage, flat, (term) => new Set(term === 'governor' ? ['mayor'] : []));
    expect(synonym.matches).toEqual([6]);
    expect(synonym.literal).toEqual([false]);
    expect(synonym.coverage).toBeCloseTo(0.7, 12);
    expect(align(words('governor'), passage, flat, (term) => new Set(term === 'governor' ? ['mayor'] : []), { synonymCredit: 0 }).matches).toEqual([-1]);
  });
});
