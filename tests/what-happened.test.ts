import { describe, expect, it } from 'vitest';
import { Library } from '../src/library.ts';
import { align } from '../src/search/match.ts';
import { topicWords } from '../src/queries/what-happened.ts';

const harbour = {
  id: 'h', title: 'Storm closes the harbour of Elm', date: '2020-05-06', source: null, file: 'h.txt',
  paragraphs: [
    'A storm closed the harbour of Elm on Monday, and two fishing boats sank at their moorings.',
    'The coastguard said no one was hurt.',
    'The ferry service from Elm to the islands was extended until Friday while the quays are repaired.',
  ],
};

describe('/what-happened: which passage of the right article is shown first', () => {
  it('a topic about a detail opens on the sentence that tells it, not on the lead', async () => {
    const library = await Library.fromTexts([harbour]);
    const { passages } = await library.whatHappened('Elm ferry service extended');
    expect(passages[0]?.text).toMatch(/^The ferry service from Elm to the islands was extended/);
  });

  it('a topic the lead covers, with its headline, opens on the lead', async () => {
    const library = await Library.fromTexts([harbour]);
    const { passages } = await library.whatHappened('storm in Elm boats sank');
    expect(passages[0]?.text).toMatch(/^A storm closed the harbour of Elm/);
  });

  it('the lead is read with its headline: a name the headline gives counts for the lead', async () => {
    const library = await Library.fromTexts([
      {
        id: 's', title: 'Storm closes the harbour of Elm', date: '2020-05-06', source: null, file: 's.txt',
        paragraphs: ['A storm closed the harbour on Monday, and two fishing boats sank at their moorings.', 'The coastguard of Elm said no one was hurt in the storm.'],
      },
    ]);
    const { passages } = await library.whatHappened('storm harbour Elm');
    expect(passages[0]?.text).toMatch(/^A storm closed the harbour on Monday/);
  });

  it('a name typed with a typo matches the name written with a possessive', async () => {
    const library = await Library.fromTexts([
      {
        id: 'o', title: 'Former councillor of Elm dies', date: '2020-05-06', source: null, file: 'o.txt',
        paragraphs: ['Ann Oakley, a former councillor of Elm, died on Monday aged 80.', 'She was first elected in 1990.', "Last year, Oakley's mother died after a long illness."],
      },
    ]);
    const { passages } = await library.whatHappened('Oakly mother died');
    expect(passages[0]?.text).toMatch(/Oakley's mother died/);
  });
});

describe('/what-happened: a sentence that carries on from the one before is ranked as it is shown', () => {
  it('a pronoun sentence counts the name of the sentence it leans on (it is shown with it)', async () => {
    const library = await Library.fromTexts([
      {
        id: 'f', title: 'Court rules on the Elm fraud case', date: '2020-05-06', source: null, file: 'f.txt',
        paragraphs: [
          'A court in Elm ruled on the fraud case on Monday.',
          'Ann Oakley, a former councillor, was found guilty of fraud. She was sentenced to two years in prison.',
          'The sentence of her co-defendant was suspended.',
          'Oakley will appeal the sentence.',
        ],
      },
    ]);
    const { passages } = await library.whatHappened('Oakley prison sentence');
    expect(passages[0]?.text).toBe('Ann Oakley, a former councillor, was found guilty of fraud. She was sentenced to two years in prison.');
  });
});

describe('a topic matched in another tense', () => {
  it('an irregular form of a verb is the verb itself, as a regular form is (WordNet verb exceptions)', () => {
    const synonyms = () => new Set<string>();
    const one = () => 1;
    const coverage = (topic: string, text: string) => align(topicWords(topic), topicWords(text), one, synonyms).coverage;
    expect(coverage('plane overshoots runway', 'the plane overshot the runway')).toBe(1);
    expect(coverage('won the vote', 'she wins the vote')).toBe(1);
    // Regular forms were already one term by their stem.
    expect(coverage('plane lands', 'the plane landed')).toBe(1);
  });
});
