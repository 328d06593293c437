import { beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../src/engine.ts';
import { Library } from '../src/library.ts';
import { loadLibrary } from '../src/load/open.ts';

let seed: Library;
beforeAll(async () => {
  seed = await loadLibrary('data', { persist: false });
});

describe('/who-said on the seed', () => {
  const cases: [string, RegExp][] = [
    ['diplomacy means also defense', /Kuleba/],
    ['Russia is seeking war, not diplomacy', /State Department official/],
    ['tragic war of choice', /Austin/],
    ['latest invasion', /Austin/],
    ['measured response', /Austin/],
  ];
  for (const [query, speaker] of cases) {
    it(`"${query}" → ${speaker.source}`, async () => {
      const { answers } = await seed.whoSaid(query);
      expect(answers[0]?.speaker).toMatch(speaker);
    });
  }

  it('names the speaker as the article introduces them, with the exact quote and where it stands', async () => {
    const [answer] = (await seed.whoSaid('diplomacy means also defense')).answers;
    expect(answer).toMatchObject({
      speaker: 'Ukrainian Foreign Minister Dmytro Kuleba',
      quote: 'But these days, diplomacy means also defense',
      paragraph: 11,
      kind: 'direct',
      article: { id: '000_4cbc08951dad2f3b', date: '2022-02-23' },
    });
    expect(answer!.sentence).toMatch(/^“But these days, diplomacy means also defense,” he stated/);
  });

  it('finds a misremembered quote: words missing, swapped, misspelt, British spelling', async () => {
    for (const query of ['diplomacy also means defence', 'these days diplomacy means defence', 'diplomacy mean also defnse']) {
      const { answers } = await seed.whoSaid(query);
      expect(answers[0]?.speaker, query).toMatch(/Kuleba/);
    }
  });

  it('marks the words typed differently', async () => {
    const [answer] = (await seed.whoSaid('diplomacy also means defence')).answers;
    expect(answer!.differences.length).toBeGreaterThan(0);
    expect(answer!.differences.some((c) => c.op !== 'same')).toBe(true);
    const [exact] = (await seed.whoSaid('diplomacy means also defense')).answers;
    expect(exact!.differences).toEqual([]);
  });

  it('ranks a quote spanning two sentences when the query spans both', async () => {
    const { answers } = await seed.whoSaid('consult with our allies on the way forward, we are committed to finding a diplomatic resolution');
    expect(answers[0]?.speaker).toMatch(/State Department official/);
  });

  it('says "no match" for a quote nobody said, and offers the closest instead', async () => {
    const result = await seed.whoSaid('we will build a wall and make Mexico pay for it');
    expect(result.answers).toEqual([]);
    expect(result.suggestions.length).toBeGreaterThanOrEqual(0);
  });

  it('refuses an empty or stop-word-only query kindly', async () => {
    await expect(seed.whoSaid('   ')).rejects.toBeInstanceOf(UserInputError);
    await expect(seed.whoSaid('the and of')).rejects.toBeInstanceOf(UserInputError);
  });

  it('survives odd input: mentions, markdown, odd Unicode, a huge query', async () => {
    for (const query of ['**defense** `diplomacy`', '\u0000\u200b diplomacy \uFFFF', 'war '.repeat(5000)]) {
      const result = await seed.whoSaid(query);
      expect(Array.isArray(result.answers)).toBe(true);
      expect(result.query.length).toBeLessThanOrEqual(1000);
    }
    // Only mentions: no words of a quote are left, and the refusal is a kind one.
    await expect(seed.whoSaid('<@123456789012345678> @everyone')).rejects.toBeInstanceOf(UserInputError);
  });

  it('finds a quote pasted from Discord with its markup: quote prefix, bold, mentions, a link', async () => {
    const plain = await seed.whoSaid('tragic war of choice');
    const pasted = await seed.whoSaid('> **tragic** war of _choice_ <@123456789012345678> https://example.org/x');
    expect(pasted.query).toBe('tragic war of choice');
    expect(pasted.answers[0]?.quote).toBe(plain.answers[0]?.quote);
    expect(pasted.answers[0]?.speaker).toBe(plain.answers[0]?.speaker);
  });

  it('resolves an autocomplete value to its quote', async () => {
    const choices = await seed.suggest('quote', 'tragic war');
    expect(choices[0]?.value).toMatch(/^q:/);
    const { answers } = await seed.whoSaid(choices[0]!.value);
    expect(answers[0]?.quote).toMatch(/tragic war of choice/);
  });
});

describe('/what-happened on the seed', () => {
  it('"Lavrov Paris" → the paragraph about France\'s top diplomat cancelling the invitation', async () => {
    const { passages } = await seed.whatHappened('Lavrov Paris');
    const best = [...passages].sort((a, b) => b.score - a.score)[0];
    expect(best?.paragraph).toBe(5);
    expect(best?.text).toMatch(/canceled his invite for Sergei Lavrov/);
  });

  it('finds the paraphrased wording: "top diplomat" → "high diplomat", "meeting" → "assembly"', async () => {
    const diplomat = await seed.whatHappened('top diplomat');
    expect(diplomat.passages.some((p) => /high diplomat/.test(p.text))).toBe(true);
    const meeting = await seed.whatHappened('meeting');
    expect(meeting.passages.some((p) => /assembly/.test(p.text))).toBe(true);
    const aid = await seed.whatHappened('military aid');
    expect(aid.passages.some((p) => /army help/.test(p.text))).toBe(true);
  });

  it('without a topic: a summary of the article that opens with its lead, in article order', async () => {
    const { query, passages } = await seed.whatHappened(null);
    expect(query).toBeNull();
    expect(passages.length).toBeGreaterThanOrEqual(3);
    expect(passages[0]!.paragraph).toBe(1);
    const paragraphs = passages.map((p) => p.paragraph);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
  });

  it('gives a timeline of the dated events, in date order, when they span several days', async () => {
    const { timeline } = await seed.whatHappened(null);
    const dates = timeline.map((t) => t.date);
    expect(dates).toEqual(expect.arrayContaining(['2022-02-22', '2022-02-24']));
    expect(dates).toEqual([...dates].sort());
    const yesterday = timeline.find((t) => t.date === '2022-02-22');
    expect(yesterday?.when).toMatch(/yesterday/i);
  });

  it('answers nothing for a topic the library does not cover', async () => {
    expect((await seed.whatHappened('volcano eruption iceland')).passages).toEqual([]);
  });

  it('resolves relative dates against the article date', async () => {
    const { passages } = await seed.whatHappened('Putin actions yesterday escalation');
    const dates = passages.flatMap((p) => p.dates);
    expect(dates).toContainEqual(expect.objectContaining({ date: '2022-02-22' }));
  });
});

describe('people, quotes and articles', () => {
  it('/quotes lists the speakers with their counts, most first', async () => {
    const { speakers } = await seed.quotes(null);
    expect(speakers.length).toBeGreaterThanOrEqual(3);
    expect(speakers[0]!.speakerName).toMatch(/Austin/);
    for (let i = 1; i < speakers.length; i++) expect(speakers[i - 1]!.quotes).toBeGreaterThanOrEqual(speakers[i]!.quotes);
  });

  it("/quotes speaker:Austin gives Austin's quotes only", async () => {
    const { quotes } = await seed.quotes('Austin');
    expect(quotes.length).toBeGreaterThanOrEqual(4);
    expect(quotes.every((q) => /Austin/.test(q.speaker))).toBe(true);
    expect(quotes.map((q) => q.quote).join(' ')).toMatch(/latest invasion/);
  });

  it('/who-is Kuleba: role, name, statements and mentions', async () => {
    const { people } = await seed.whoIs('Kuleba');
    expect(people[0]).toMatchObject({ name: 'Dmytro Kuleba' });
    expect(people[0]!.role).toMatch(/Foreign Minister/);
    expect(people[0]!.statements.map((s) => s.text).join(' ')).toMatch(/diplomacy means also defense/);
    expect(people[0]!.mentionedIn).toEqual(expect.arrayContaining([7, 10, 11]));
  });

  it('/articles lists the library with counts', async () => {
    const { articles } = await seed.articles();
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ id: '000_4cbc08951dad2f3b', paragraphs: 11 });
    expect(articles[0]!.quotes).toBeGreaterThanOrEqual(8);
  });

  it('an unknown article scope is a kind error', async () => {
    await expect(seed.whoSaid('defense', { article: 'no-such-article' })).rejects.toBeInstanceOf(UserInputError);
  });
});

describe('autocomplete', () => {
  it('keeps to Discord limits: at most 25 choices of at most 100 characters', async () => {
    for (const option of ['quote', 'topic', 'speaker', 'article', 'person'] as const) {
      for (const typed of ['', 'a', 'war', 'x'.repeat(500)]) {
        const choices = await seed.suggest(option, typed);
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const c of choices) {
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it('completes a quote from its first letters (prefix-aware)', async () => {
    const choices = await seed.suggest('quote', 'measured resp');
    expect(choices[0]?.name).toMatch(/measured response/);
  });

  it('completes people from the first letters of a name', async () => {
    const [choice] = await seed.suggest('person', 'kul');
    expect(choice?.name).toMatch(/Kuleba/);
    const { people } = await seed.whoIs(choice!.value);
    expect(people[0]?.name).toBe('Dmytro Kuleba');
  });

  it('completes speakers and articles', async () => {
    expect((await seed.suggest('speaker', 'aus'))[0]?.value).toMatch(/Austin/);
    expect((await seed.suggest('article', 'extremely'))[0]?.value).toBe('000_4cbc08951dad2f3b');
  });
});

describe('a library built from texts', () => {
  it('answers across several articles: relevance orders them, recency breaks a tie', async () => {
    const library = await Library.fromTexts([
      { id: 'old', title: 'Flood', date: '2020-01-01', source: null, file: 'old.txt', paragraphs: ['The river flooded the town of Elm.'] },
      { id: 'new', title: 'Flood', date: '2021-05-05', source: null, file: 'new.txt', paragraphs: ['The river flooded the town of Elm.'] },
    ]);
    const { passages, several } = await library.whatHappened('river flooded town');
    // The same text in both: a tie, which recency breaks; the same passage is not shown twice.
    expect(passages.map((p) => p.article.id)).toEqual(['new']);
    expect(several).toBe(true);
    const summary = await library.whatHappened(null);
    expect(summary.passages[0]!.article.id).toBe('new');
  });

  it('shows the article the topic is about first, not the newest, and the name typed outweighs common words', async () => {
    const library = await Library.fromTexts([
      {
        id: 'calicut', title: 'Passenger flight crashes at Calicut airport', date: '2020-08-08', source: null, file: 'a.txt',
        paragraphs: ['Yesterday, a passenger flight crashed while landing at Calicut International Airport in Kerala.', 'Eighteen people died in the crash.'],
      },
      {
        id: 'quake', title: 'Earthquake death toll rises', date: '2020-09-01', source: null, file: 'b.txt',
        paragraphs: ['The death toll of the earthquake rose to 40 on Monday, officials said.', 'Rescue teams are still searching the rubble.'],
      },
    ]);
    const { passages, several } = await library.whatHappened('calicut crash death toll');
    expect(passages[0]?.article.id).toBe('calicut');
    expect(passages.every((p) => p.article.id === 'calicut')).toBe(true);
    expect(several).toBe(false);
  });

  it('inside the chosen article, a sentence telling the detail asked for is shown though it repeats none of the names', async () => {
    const library = await Library.fromTexts([
      {
        id: 'fire', title: 'Fire destroys cars at Varna Airport car park', date: '2020-01-08', source: null, file: 'a.txt',
        paragraphs: [
          'On Tuesday a fire broke out in the multi-storey car park of Varna Airport, Norland, and spread through all its floors.',
          'The airport was closed to air traffic and flights were diverted.',
          'An inspection later found the car park had been built without sprinklers.',
          'About three hundred cars were destroyed, the police said.',
        ],
      },
      { id: 'council', title: 'Varna council meets', date: '2020-01-09', source: null, file: 'b.txt', paragraphs: ['The Varna council met on Monday to discuss the budget.', 'Traffic in the town centre will be limited.'] },
      { id: 'storm', title: 'Storm hits the coast', date: '2020-01-10', source: null, file: 'c.txt', paragraphs: ['A storm hit the coast of Norland on Friday.', 'Many flights were cancelled and trains stopped.'] },
    ]);
    const { passages } = await library.whatHappened('how many cars destroyed in varna airport fire');
    expect(passages[0]?.text).toMatch(/^On Tuesday a fire broke out/);
    expect(passages.map((p) => p.text)).toContain('About three hundred cars were destroyed, the police said.');
  });

  it('a topic asking for the latest puts the newest of the matching articles first', async () => {
    const library = await Library.fromTexts([
      { id: 'march', title: 'Lockdown in Elm', date: '2020-03-01', source: null, file: 'a.txt', paragraphs: ['Elm announced a lockdown of the town centre.'] },
      { id: 'april', title: 'Lockdown in Elm', date: '2020-04-01', source: null, file: 'b.txt', paragraphs: ['Elm extended the lockdown of the town centre.'] },
    ]);
    const { passages } = await library.whatHappened('latest on the Elm lockdown');
    expect(passages[0]?.article.id).toBe('april');
  });

  it('finds a quote of small words remembered whole among many quotes sharing its one informative word', async () => {
    const names = ['Ada', 'Ben', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo'];
    const others = Array.from({ length: 60 }, (_, n) => ({
      id: `use${n}`, title: `Tools ${n}`, date: '2020-01-01', source: null, file: `use${n}.txt`,
      paragraphs: [`“Use it, use it, use it,” said ${names[n % 10]} ${names[Math.floor(n / 10)]}son.`],
    }));
    const library = await Library.fromTexts([
      ...others,
      { id: 'resident', title: 'Tremors', date: '2020-02-01', source: null, file: 'r.txt', paragraphs: ['One resident told the local news: “We’re used to it.”'] },
    ]);
    const [answer] = (await library.whoSaid("we're used to it")).answers;
    expect(answer?.quote).toBe('We’re used to it');
    expect(answer?.speaker).toMatch(/resident/);
    // A quote of the same small words only in part is still no match.
    expect((await library.whoSaid('use it or we lose it')).answers.map((a) => a.quote)).not.toContain('We’re used to it');
  });
});
