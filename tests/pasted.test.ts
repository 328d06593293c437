import { describe, expect, it } from 'vitest';
import { withoutDiscordMarkup } from '../src/queries/pasted.ts';

describe('text pasted from Discord', () => {
  it.each([
    ['> tragic war of choice', 'tragic war of choice'],
    ['>>> diplomacy means\n> also defense', 'diplomacy means\nalso defense'],
    ['**tragic** war of *choice*', 'tragic war of choice'],
    ['__under__ ~~struck~~ ||spoiler|| `code` ***both***', 'under struck spoiler code both'],
    ['see [the article](https://example.org/a) now', 'see the article now'],
    ['# heading\n- bullet', 'heading\nbullet'],
  ])('takes out markup: %j', (pasted, words) => {
    expect(withoutDiscordMarkup(pasted).replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim()).toBe(words);
  });

  it('takes out mentions, channels, roles, custom emoji, timestamps, @everyone and bare links', () => {
    const text = withoutDiscordMarkup('<@123> <@!456> <#789> <@&12> <:wave:345> <a:dance:678> <t:1700000000:R> @everyone @here words https://x.y/z');
    expect(text.trim().split(/\s+/)).toEqual(['words']);
  });

  it('keeps marks inside words and escaped characters as characters', () => {
    expect(withoutDiscordMarkup('q:000_4cbc08951dad2f3b:q3')).toBe('q:000_4cbc08951dad2f3b:q3');
    expect(withoutDiscordMarkup('snake_case_name and 5 * 3 * 2')).toBe('snake_case_name and 5 * 3 * 2');
    expect(withoutDiscordMarkup('\\*not bold\\*')).toBe('*not bold*');
  });
});
