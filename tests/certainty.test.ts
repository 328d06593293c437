import { describe, expect, it } from 'vitest';
import type { WhoSaidAnswer } from '../src/answers.ts';
import type { Evidence } from '../src/attribution/confidence.ts';
import { attribute } from '../src/attribution/index.ts';
import { renderWhoIs } from '../src/discord/render/listings.ts';
import { renderWhoSaid } from '../src/discord/render/who-said.ts';
import { attributionNote, certaintyOf, speakerWords } from '../src/format/certainty.ts';
import { renderText } from '../src/format/text.ts';
import type { ArticleText } from '../src/model.ts';
import { sentencesOf } from '../src/understand.ts';
import { fitLogistic, predictLogistic } from './eval/logistic.ts';

const article = { id: 'a1', title: 'Council vote', date: '2020-05-01', source: null };

function answer(confidence: number, overrides: Partial<WhoSaidAnswer> = {}): WhoSaidAnswer {
  return {
    speaker: 'Mayor Jane Smith',
    speakerName: 'Jane Smith',
    quote: 'We had no money left',
    sentence: '“We had no money left,” he said after the vote.',
    kind: 'direct',
    article,
    paragraph: 3,
    score: 0.9,
    differences: [],
    confidence,
    ...overrides,
  };
}

const reply = (a: WhoSaidAnswer) => ({ type: 'who-said' as const, hide: false, result: { query: 'no money left', answers: [a], suggestions: [], ms: 1 } });

describe('how sure an attribution is, in words', () => {
  it('names a sure speaker flatly, a probable one as probably, and says when the article does not make it certain', () => {
    expect(certaintyOf(0.95)).toBe('sure');
    expect(speakerWords('Jane Smith', 0.8)).toBe('Jane Smith');
    expect(speakerWords('Jane Smith', 0.6)).toBe('probably Jane Smith');
    expect(speakerWords('Jane Smith', 0.3)).toMatch(/^perhaps Jane Smith \(the article does not make the speaker certain\)$/);
    expect(attributionNote(0.9)).toBe('');
    expect(attributionNote(0.6)).toMatch(/probably/);
  });

  it('says so in the console, with the sentence when uncertain', () => {
    expect(renderText(reply(answer(0.95)))).toMatch(/— Mayor Jane Smith\n/);
    expect(renderText(reply(answer(0.6)))).toMatch(/— probably Mayor Jane Smith/);
    const uncertain = renderText(reply(answer(0.3)));
    expect(uncertain).toMatch(/does not make the speaker certain/);
    expect(uncertain).toContain('In the article: “We had no money left,” he said after the vote.');
  });

  it('labels reported speech as reported in the console, never in quote marks', () => {
    const text = renderText(reply(answer(0.95, { kind: 'indirect', quote: 'the council had no money left' })));
    expect(text).toMatch(/^\(reported speech\) the council had no money left/);
    expect(text).not.toContain('“the council had no money left”');
  });

  it('labels a reported statement offered as a closest quote in Discord', () => {
    const embed = renderWhoSaid({ query: 'q', answers: [], suggestions: [answer(0.95, { kind: 'indirect', quote: 'the council had no money left' })], ms: 1 });
    expect(embed.description).toContain('(reported speech, not word for word)');
  });

  it('says so in Discord, with the sentence as a field when uncertain', () => {
    expect(renderWhoSaid({ query: 'q', answers: [answer(0.95)], suggestions: [], ms: 1 }).description).toContain('— **Mayor Jane Smith**');
    expect(renderWhoSaid({ query: 'q', answers: [answer(0.6)], suggestions: [], ms: 1 }).description).toContain('— probably **Mayor Jane Smith**');
    const embed = renderWhoSaid({ query: 'q', answers: [answer(0.3)], suggestions: [], ms: 1 });
    expect(embed.description).toContain('does not make the speaker certain');
    expect(embed.fields?.[0]?.name).toBe('In the article');
  });
});

describe('confidence of attributions', () => {
  function run(paragraphs: string[]) {
    const text: ArticleText = { id: 't', title: 't', date: null, source: null, file: 't.txt', paragraphs };
    const { quotes } = attribute(text, sentencesOf(text));
    return (words: string) => quotes.find((q) => q.text.startsWith(words))?.confidence ?? -1;
  }

  it('is high for a speaker named at the quote and lower for a pronoun with another man nearby', () => {
    const confidence = run([
      '“The bridge will reopen in May,” Mayor John Hale said on Monday.',
      'Council member Peter Vance disagreed with the mayor and his plan.',
      '“It will cost far more than anyone admits,” he said.',
    ]);
    expect(confidence('The bridge will reopen')).toBeGreaterThanOrEqual(0.8);
    expect(confidence('It will cost far more')).toBeLessThan(0.8);
    expect(confidence('It will cost far more')).toBeGreaterThan(0);
  });

  it('stays below 0.8 for a second quotation joined to a first with no cue of its own', () => {
    const confidence = run(['Mayor John Hale called the plan “a disaster” and “a waste of money.”']);
    expect(confidence('a waste of money')).toBeGreaterThan(0);
    expect(confidence('a waste of money')).toBeLessThan(0.8);
  });

  it('stays below 0.8 for words no person is named for', () => {
    const confidence = run(['“Nothing will change,” read a sign on the door.']);
    expect(confidence('Nothing will change')).toBeLessThan(0.8);
  });

  it('hands its evidence to an observer: how it was found, a pronoun\'s distance and rivals, the confidence set', () => {
    const text: ArticleText = {
      id: 't', title: 't', date: null, source: null, file: 't.txt',
      paragraphs: [
        '“The bridge will reopen in May,” Mayor John Hale said on Monday.',
        'Council member Peter Vance disagreed with the mayor and his plan.',
        '“It will cost far more than anyone admits,” he said.',
      ],
    };
    const seen = new Map<string, Evidence>();
    const { quotes } = attribute(text, sentencesOf(text), (quote, evidence) => seen.set(quote.text, evidence));
    expect(seen.size).toBe(quotes.filter((q) => q.speaker !== null).length);
    const named = seen.get(quotes.find((q) => q.text.startsWith('The bridge'))!.text)!;
    expect(named).toMatchObject({ bias: 1, 'route after': 1, 'reference name': 1, 'after by name': 1, 'kind direct': 1 });
    expect(named['pronoun distance']).toBeUndefined();
    const pronoun = quotes.find((q) => q.text.startsWith('It will cost'))!;
    const evidence = seen.get(pronoun.text)!;
    expect(evidence['reference pronoun']).toBe(1);
    expect(evidence['pronoun rivals']).toBeGreaterThanOrEqual(1);
    expect(evidence.hand).toBe(pronoun.confidence);
  });
});

describe('the learned confidence measured against the hand-set one (npm run calibrate)', () => {
  it('fits weights that separate evidence seen with right answers from evidence seen with wrong ones', () => {
    const evidence: Evidence[] = [];
    const right: boolean[] = [];
    for (let i = 0; i < 40; i++) {
      evidence.push({ bias: 1, 'reference name': 1 }, { bias: 1, 'reference pronoun': 1, 'pronoun distance': 3 });
      right.push(i % 10 !== 0, i % 2 === 0);
    }
    const model = fitLogistic(evidence, right, 1);
    const named = predictLogistic(model, { bias: 1, 'reference name': 1 });
    const far = predictLogistic(model, { bias: 1, 'reference pronoun': 1, 'pronoun distance': 3 });
    expect(named).toBeGreaterThan(0.8);
    expect(named).toBeLessThan(0.95);
    expect(far).toBeGreaterThan(0.35);
    expect(far).toBeLessThan(0.65);
    expect(predictLogistic(model, { unseen: 5, bias: 1 })).toBeCloseTo(predictLogistic(model, { bias: 1 }), 10);
  });
});

describe('/who-is statements', () => {
  const profile = (kind: 'direct' | 'indirect', confidence: number) => ({
    type: 'who-is' as const,
    hide: false,
    result: {
      query: 'Smith',
      people: [{ name: 'Jane Smith', role: 'Mayor', display: 'Mayor Jane Smith', article, mentionedIn: [1], statements: [{ kind, text: 'the bridge will reopen in May', paragraph: 2, confidence }] }],
      ms: 1,
    },
  });

  it('labels reported speech as reported and never puts it in quote marks, in the console', () => {
    const text = renderText(profile('indirect', 0.95));
    expect(text).toContain('(reported) the bridge will reopen in May');
    expect(text).not.toContain('“the bridge will reopen in May”');
  });

  it('labels reported speech as reported in Discord too', () => {
    const embed = renderWhoIs(profile('indirect', 0.95).result);
    expect(embed.description).toContain('the bridge will reopen in May *(reported)*');
  });

  it('says when a statement is only probably theirs', () => {
    expect(renderText(profile('direct', 0.6))).toContain('“the bridge will reopen in May” (probably theirs)');
  });
});
