import { describe, expect, it } from 'vitest';
import { speakerMatches } from './eval/speakers.ts';

describe("the evaluation's speaker matcher", () => {
  it('matches a name by its surname and refuses another person', () => {
    expect(speakerMatches('Health Minister Ana Ruiz', 'Ana Ruiz')).toBe(true);
    expect(speakerMatches('Tom Reyes', 'Ana Ruiz')).toBe(false);
    expect(speakerMatches('US Secretary of State Mike Pompeo', 'Secretary of State Mike Pompeo')).toBe(true);
    expect(speakerMatches('Secretary', 'Secretary of State Mike Pompeo')).toBe(false);
  });

  it("takes a description's head noun before its post-modifier, not its last word", () => {
    expect(speakerMatches('public officials', 'The public officials who ordered that change')).toBe(true);
    expect(speakerMatches('scientists', "scientists studying patients in Zhuhai in China's Guangdong Province")).toBe(true);
    expect(speakerMatches('spokesperson', 'A spokesperson for the regional transport authority')).toBe(true);
    // The place or institution inside the post-modifier is not the speaker.
    expect(speakerMatches('Cairo', 'an assembly of several foreign ministers in Cairo')).toBe(false);
    expect(speakerMatches('regional transport authority', 'A spokesperson for the regional transport authority')).toBe(false);
    expect(speakerMatches('experts', 'scientists studying patients in Zhuhai')).toBe(false);
  });

  it('reads a quantity as no head: "a number of Senators" are Senators', () => {
    expect(speakerMatches('Senators', 'A number of Senators')).toBe(true);
    expect(speakerMatches('organisers', 'one of the organisers')).toBe(true);
  });

  it("takes an institution's initials for its name, either way round, and nothing else spelt alike", () => {
    expect(speakerMatches('World Health Organization', 'the WHO guidelines')).toBe(true);
    expect(speakerMatches('NBA', 'National Basketball Association')).toBe(true);
    expect(speakerMatches('World Trade Organization', 'the WHO guidelines')).toBe(false);
    expect(speakerMatches('Who', 'the WHO guidelines')).toBe(true);
    expect(speakerMatches('Health Minister Ana Ruiz', 'HMA')).toBe(false);
    // "WHO" after "the" is the institution, not the relative pronoun opening a post-modifier.
    expect(speakerMatches('WHO', 'the WHO')).toBe(true);
  });

  it("does not take a company's legal suffix for its name", () => {
    expect(speakerMatches('ABS-CBN', 'ABS-CBN Corporation')).toBe(true);
    expect(speakerMatches('Corporation', 'ABS-CBN Corporation')).toBe(false);
  });

  it('reads a word in -ing after a determiner as a modifier of the head, not a post-modifier', () => {
    expect(speakerMatches('sailing club', 'the sailing club')).toBe(true);
    expect(speakerMatches('Rosalind Achterberg', 'the sailing club')).toBe(false);
    expect(speakerMatches('scientists', 'scientists studying patients in Zhuhai')).toBe(true);
  });
});
