import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandQuery, loadSynonyms, MAX_SYNONYMS, synonymsOf } from '../src/search/synonyms.ts';
import { foldText, isNegation, isStopWord, normalizeTerm, tokenize } from '../src/search/terms.ts';

/** The index terms of a text, in order, as the index sees them. */
function termsOf(text: string): string[] {
  return tokenize(text)
    .map(normalizeTerm)
    .filter((term): term is string => term !== null);
}

const seed = readFileSync(new URL('../data/000_4cbc08951dad2f3b.txt', import.meta.url), 'utf8');

describe('tokenize', () => {
  it('folds curly and straight apostrophes so a possessive stays one word', () => {
    expect(tokenize('Putin’s actions, Putin\'s allies')).toEqual(['Putin\'s', 'actions', 'Putin\'s', 'allies']);
  });

  it('drops quote marks around words and splits on dashes', () => {
    expect(tokenize('condemned Russia’s “latest invasion” — a full-blown, tragic war')).toEqual([
      'condemned', 'Russia\'s', 'latest', 'invasion', 'a', 'full', 'blown', 'tragic', 'war',
    ]);
    expect(tokenize('‘measured response’')).toEqual(['measured', 'response']);
  });

  it('folds diacritics and compatibility forms', () => {
    expect(tokenize('Café Zürich ﬁnance Straße Ørsted')).toEqual(['Cafe', 'Zurich', 'finance', 'Strasse', 'Orsted']);
    expect(foldText('naïve résumé')).toBe('naive resume');
  });

  it('keeps numbers, without thousands separators', () => {
    expect(tokenize('5,667 cases, a 95% rate, 3.5 million and COVID-19')).toEqual([
      '5667', 'cases', 'a', '95', 'rate', '3.5', 'million', 'and', 'COVID', '19',
    ]);
  });

  it('joins initialisms written with dots', () => {
    expect(tokenize('the U.S. and the U.K. said')).toEqual(['the', 'US', 'and', 'the', 'UK', 'said']);
  });
});

describe('normalizeTerm', () => {
  it('gives Putin’s, Putin\'s, Putins and Putin one term', () => {
    const terms = ['Putin’s', "Putin's", 'Putins', 'Putin', 'PUTIN'].map(normalizeTerm);
    expect(new Set(terms).size).toBe(1);
    expect(terms[0]).toBe('putin');
  });

  it('stems with Porter2, so a word family shares a term', () => {
    expect(normalizeTerm('stated')).toBe(normalizeTerm('states'));
    expect(normalizeTerm('attacking')).toBe(normalizeTerm('attacked'));
    expect(normalizeTerm('says')).toBe(normalizeTerm('say'));
    expect(normalizeTerm('dying')).toBe(normalizeTerm('die'));
    expect(normalizeTerm('skies')).toBe(normalizeTerm('sky'));
  });

  it('keeps apart words Porter (v1) wrongly merges', () => {
    expect(normalizeTerm('news')).not.toBe(normalizeTerm('new'));
    expect(normalizeTerm('general')).not.toBe(normalizeTerm('generate'));
  });

  it('folds British spelling to American', () => {
    expect(normalizeTerm('defence')).toBe(normalizeTerm('defense'));
    expect(normalizeTerm('organised')).toBe(normalizeTerm('organized'));
    expect(normalizeTerm('colours')).toBe(normalizeTerm('colors'));
    expect(normalizeTerm('centre')).toBe(normalizeTerm('center'));
    expect(normalizeTerm('cancelled')).toBe(normalizeTerm('canceled'));
  });

  it('returns null for stop words but keeps negations', () => {
    for (const word of ['the', 'of', 'would', 'and', 'a', 'they’re']) expect(normalizeTerm(word)).toBeNull();
    for (const word of ['no', 'never', 'nor', 'without']) expect(normalizeTerm(word)).toBe(word);
    for (const word of ['not', 'cannot', 'don’t', "won't", 'isn’t', 'dont']) expect(normalizeTerm(word)).toBe('not');
  });

  it('reads a short word in capitals as an initialism, not a stop word', () => {
    expect(normalizeTerm('US')).toBe('us');
    expect(normalizeTerm('us')).toBeNull();
    expect(normalizeTerm('WHO')).toBe('who');
  });

  it('keeps numbers as written', () => {
    expect(normalizeTerm('2022')).toBe('2022');
    expect(normalizeTerm('3.5')).toBe('3.5');
    expect(normalizeTerm('1,000')).toBe('1000');
  });

  it('keeps the negation that tells two quotes apart', () => {
    const remembered = termsOf('Russia is seeking war, not diplomacy');
    const reversed = termsOf('Russia is seeking diplomacy, not war');
    expect(remembered).toContain('not');
    expect(remembered).not.toEqual(reversed);
  });

  it('indexes the seed article with its speakers’ possessives folded', () => {
    const terms = new Set(termsOf(seed));
    expect(terms.has('putin')).toBe(true);
    expect(terms.has('russia')).toBe(true);
    expect(terms.has('not')).toBe(true);
    expect(terms.has('the')).toBe(false);
    expect([...terms].some((term) => term.includes("'") || term.includes('’'))).toBe(false);
  });
});

describe('isStopWord and isNegation', () => {
  it('tells function words from negations', () => {
    expect(isStopWord('The')).toBe(true);
    expect(isStopWord('said')).toBe(false);
    expect(isStopWord('not')).toBe(false);
    expect(isStopWord('never')).toBe(false);
    expect(isNegation('not')).toBe(true);
    expect(isNegation('Don’t')).toBe(true);
    expect(isNegation('cannot')).toBe(true);
    expect(isNegation('without')).toBe(true);
    expect(isNegation('note')).toBe(false);
  });
});

describe('synonyms', () => {
  // The first use may build the map from WordNet (a few seconds) before it is cached on disk.
  beforeAll(() => {
    loadSynonyms();
  }, 120_000);

  const term = (word: string) => normalizeTerm(word)!;
  const reaches = (from: string, to: string) => synonymsOf(term(from)).includes(term(to));

  it('finds the paraphrases of the seed article from the words a reader remembers', () => {
    const seedTerms = new Set(termsOf(seed));
    for (const [remembered, written] of [
      ['military', 'army'],
      ['aid', 'help'],
      ['top', 'high'],
      ['meeting', 'assembly'],
      ['said', 'stated'],
      ['continue', 'proceed'],
      ['officials', 'officers'],
    ] as const) {
      expect(seedTerms.has(term(written)), written).toBe(true);
      expect(reaches(remembered, written), `${remembered} → ${written}`).toBe(true);
    }
  });

  it('ranks closer relations higher: a synonym outranks a topical relative', () => {
    const expansions = expandQuery([term('aid'), term('military')]);
    const weight = (word: string) => expansions.find((expansion) => expansion.term === term(word))?.weight ?? 0;
    expect(weight('help')).toBeGreaterThan(weight('army'));
    expect(weight('army')).toBeGreaterThan(0);
  });

  it('works both ways for synonyms sharing a synset', () => {
    expect(reaches('help', 'aid')).toBe(true);
    expect(reaches('stated', 'said')).toBe(true);
    expect(reaches('assistance', 'aid')).toBe(true);
  });

  it('reaches irregular forms through their lemma', () => {
    expect(reaches('said', 'say')).toBe(true);
    expect(reaches('tell', 'told')).toBe(true);
  });

  it('stays away from antonyms, sibling days and other countries', () => {
    expect(reaches('war', 'peace')).toBe(false);
    expect(reaches('increase', 'decrease')).toBe(false);
    expect(reaches('high', 'low')).toBe(false);
    expect(reaches('Thursday', 'Friday')).toBe(false);
    expect(reaches('France', 'Germany')).toBe(false);
  });

  it('has nothing for stop words, negations and numbers', () => {
    expect(synonymsOf('not')).toEqual([]);
    expect(synonymsOf('never')).toEqual([]);
    expect(synonymsOf('2022')).toEqual([]);
    // Names of Object.prototype members are no synonym entries.
    expect(synonymsOf('__proto__')).toEqual([]);
    expect(synonymsOf('hasownproperti')).toEqual([]);
  });

  it('caps and ranks the expansions, exact words first', () => {
    const expansions = expandQuery([term('military'), term('aid')]);
    const exact = expansions.filter((expansion) => expansion.weight === 1).map((expansion) => expansion.term);
    expect(exact.sort()).toEqual([term('aid'), term('military')].sort());
    const synonyms = expansions.filter((expansion) => expansion.weight < 1);
    expect(synonyms.length).toBeGreaterThan(0);
    expect(synonyms.length).toBeLessThanOrEqual(2 * MAX_SYNONYMS);
    for (const expansion of synonyms) expect(expansion.weight).toBeGreaterThan(0);
    const weights = expansions.map((expansion) => expansion.weight);
    expect(weights).toEqual([...weights].sort((x, y) => y - x));
    const help = expansions.find((expansion) => expansion.term === term('help'));
    expect(help?.original).toBe(term('aid'));
  });

  it('never demotes a query term to a synonym of another', () => {
    const expansions = expandQuery([term('said'), term('stated')]);
    expect(expansions.find((expansion) => expansion.term === term('stated'))?.weight).toBe(1);
    expect(expansions.find((expansion) => expansion.term === term('said'))?.weight).toBe(1);
  });

  it('drops neighbours the index does not know before capping', () => {
    const known = new Set([term('help'), term('assistance')]);
    const expansions = expandQuery([term('aid')], { known: (candidate) => known.has(candidate), limit: 1 });
    expect(expansions.map((expansion) => expansion.term)).toHaveLength(2);
    expect(known.has(expansions[1]!.term)).toBe(true);
  });
});
