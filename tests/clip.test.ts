import { describe, expect, it } from 'vitest';
import { clip } from '../src/queries/suggest.ts';

/** What clip means: whitespace folded and trimmed, then cut to `max` on a word boundary with an ellipsis. */
function clipByDefinition(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

describe('clip', () => {
  it('cuts on a word boundary with an ellipsis, whitespace folded', () => {
    expect(clip('  We will   not\n\nleave  ', 100)).toBe('We will not leave');
    expect(clip('We will not leave the city until the water is safe', 20)).toBe('We will not leave…');
    expect(clip(`${'word '.repeat(500)}end`, 30)).toBe('word word word word word…');
  });

  it('reads long texts as it reads short ones, whatever their whitespace', () => {
    let state = 12_345;
    const random = () => {
      state = (state * 1_664_525 + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    const pieces = ['a', 'word', 'Longerword', ' ', '  ', '\n', '\t \n ', '\u00a0', 'é', '“quoted”', '—'];
    for (let n = 0; n < 3_000; n++) {
      const length = Math.floor(random() * 600);
      let text = '';
      while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
      // Long runs of whitespace where the start of a long text is cut.
      if (random() < 0.3) text = ' '.repeat(Math.floor(random() * 500)) + text;
      if (random() < 0.3) text = text.slice(0, 200) + ' \n '.repeat(Math.floor(random() * 200)) + text.slice(200);
      const max = [1, 2, 5, 40, 46, 60, 100][Math.floor(random() * 7)]!;
      expect([text, max, clip(text, max)]).toEqual([text, max, clipByDefinition(text, max)]);
    }
  });
});
