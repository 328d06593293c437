/**
 * The PostgreSQL view's compact columns (src/postgres/view.ts): the quotes' short ids are held as numbers
 * when every one is a letter and a number, and the column is refused (kept as strings) otherwise; what was
 * loaded lately is let go by generations, never sooner than its minimum age.
 */
import { describe, expect, it } from 'vitest';
import { Recent, ShortIds } from '../src/postgres/view.ts';

describe('short ids', () => {
  it('reads ids joined by commas back as written, none as null where allowed', () => {
    const ids = ShortIds.parse('p', 'p1,,p0,p123456789,p20', 5, true)!;
    expect([0, 1, 2, 3, 4].map((i) => ids.get(i))).toEqual(['p1', null, 'p0', 'p123456789', 'p20']);
    expect(ShortIds.parse('q', '', 0)!.get(0)).toBeNull();
  });

  it('refuses what would not read back the same: another letter, leading zeros, no digits, too many, a missing id', () => {
    for (const [joined, count] of [['p1,x2', 2], ['p01', 1], ['p', 1], ['p1234567890', 1], ['p1,p2', 3], ['p1,p2,p3', 2], ['p1,,p2', 3], ['p-1', 1], ['p1 ', 1]] as const) {
      expect(ShortIds.parse('p', joined, count), joined).toBeNull();
    }
    expect(ShortIds.parse('p', 'p1,,p2', 3, true)).not.toBeNull();
  });

  it('keeps ids of another form as strings', () => {
    const ids = ShortIds.strings(['org7', null]);
    expect([ids.get(0), ids.get(1)]).toEqual(['org7', null]);
  });
});

describe('what a view keeps loaded (Recent)', () => {
  it('lets go of a generation once a newer one is full, keeping what was asked for last', () => {
    const recent = new Recent(3);
    expect(recent.keep([1, 2])).toEqual([]);
    expect(recent.keep([3])).toEqual([]); // full: 1, 2, 3 become the older generation
    expect(recent.keep([4, 5, 1])).toEqual([2, 3]); // full again: the older let go, but 1, asked for again, stays
    expect([1, 2, 3, 4, 5].map((k) => recent.has(k))).toEqual([true, false, false, true, true]);
  });

  it('never lets go of what a load in flight pinned, however much others load meanwhile', () => {
    const recent = new Recent(2);
    recent.keep([1, 2]); // full: 1, 2 are the older generation
    recent.pin([1]);
    recent.pin([1]); // two loads of the same key in flight
    expect(recent.keep([3, 4])).toEqual([2]); // 1 is pinned: it moves along with the generation kept
    expect(recent.keep([5, 6])).toEqual([3, 4]);
    expect(recent.has(1)).toBe(true);
    recent.unpin([1]);
    expect(recent.keep([7, 8])).toEqual([5, 6]); // still pinned once: 1 stays
    recent.unpin([1]);
    expect(recent.keep([9, 10]).sort((x, y) => x - y)).toEqual([1, 7, 8]); // unpinned: let go with its generation
    expect(recent.has(1)).toBe(false);
  });
});
