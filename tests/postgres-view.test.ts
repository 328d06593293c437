/**
 * The PostgreSQL view's compact columns (src/postgres/view.ts): the quotes' short ids are held as numbers
 * when every one is a letter and a number, and the column is refused (kept as strings) otherwise.
 */
import { describe, expect, it } from 'vitest';
import { ShortIds } from '../src/postgres/view.ts';

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
