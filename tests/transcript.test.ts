import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../src/understand.ts';
import { attribute } from '../src/attribution/index.ts';
import { isRoleLabel, labelOf, publicationOf } from '../src/attribution/transcript.ts';
import type { ArticleText, Person, Quote } from '../src/model.ts';

function run(paragraphs: string[], source: string | null = 'https://en.example-news.org/wiki/Interview') {
  const article: ArticleText = { id: 't', title: 'An interview', date: null, source, file: 't.txt', paragraphs };
  const { quotes, people } = attribute(article, sentencesOf(article));
  const saidBy = (words: string): Person | undefined => {
    const quote: Quote | undefined = quotes.find((q) => q.text.startsWith(words));
    return people.find((person) => person.id === quote?.speaker);
  };
  const quoteOf = (words: string) => quotes.find((q) => q.text.startsWith(words));
  return { quotes, people, saidBy, quoteOf };
}

describe('transcript labels', () => {
  it('reads the labels that open a turn, and nothing that merely holds a colon', () => {
    expect(labelOf('SMITH: We will not stop.')?.label).toBe('SMITH');
    expect(labelOf('Q: Why now?')?.label).toBe('Q');
    expect(labelOf('((WN))  What interested you in chess?')?.label).toBe('((WN))');
    expect(labelOf('((Dorsa Derakhshani))  I got interested because of my dad.')?.label).toBe('((Dorsa Derakhshani))');
    expect(labelOf('Richard Stallman: Free software is a matter of liberty.')?.label).toBe('Richard Stallman');
    expect(labelOf('Blankenship concurred: "We need to stop."')).toBeNull();
    expect(labelOf('Note: the figures are provisional.')).toBeNull();
    expect(labelOf('Update: the road has reopened.')).toBeNull();
  });

  it('tells labels that name a role (Q, A, an outlet\'s initials) from labels that name a person', () => {
    for (const label of ['Q', 'A', 'Interviewer', '((WN))', '[WSS]']) expect(isRoleLabel(label)).toBe(true);
    for (const label of ['SMITH', 'Richard Stallman', '((Dorsa Derakhshani))']) expect(isRoleLabel(label)).toBe(false);
  });

  it('names the publication from its source', () => {
    expect(publicationOf({ id: 'x', title: 'x', date: null, source: 'https://en.wikinews.org/wiki/X', file: 'x', paragraphs: [] })).toBe('Wikinews');
    expect(publicationOf({ id: 'x', title: 'x', date: null, source: null, file: 'x', paragraphs: [] })).toBeNull();
  });

  it('gives a labelled turn to the person of that label, and the question to the publication', () => {
    const { saidBy } = run([
      'The council heard from residents and from the mayor, Jane Smith, on Tuesday.',
      'Q: Why did the council close the library?',
      'SMITH: We had no money left to keep it open. We tried everything.',
    ]);
    expect(saidBy('We had no money')?.name).toBe('Jane Smith');
    expect(saidBy('We tried everything')?.name).toBe('Jane Smith');
    expect(saidBy('Why did the council')?.name).toBe('Example-news');
  });

  it('gives unlabelled answers after a question to the person interviewed, and stops at narrative', () => {
    const { saidBy, quoteOf } = run([
      'Chess player Dorsa Derakhshani spoke to us about her career. Derakhshani studies in the United States.',
      '((WN))  What interested you in chess?',
      'I got interested in chess because of my dad.',
      'My mother taught me the rules when I was two.',
      '((WN))  Who inspires you?',
      'Judit Polgár, because she never stopped.',
      'The federation did not answer a request for comment.',
    ]);
    expect(saidBy('I got interested')?.name).toBe('Dorsa Derakhshani');
    expect(saidBy('My mother taught')?.name).toBe('Dorsa Derakhshani');
    expect(saidBy('Judit Polgár, because')?.name).toBe('Dorsa Derakhshani');
    expect(saidBy('What interested you')?.organisation).toBe(true);
    expect(quoteOf('The federation did not')).toBeUndefined();
  });

  it('reads every paragraph between two questions as the answer, and joins very short sentences to the next', () => {
    const { saidBy, quoteOf } = run([
      'Wikinews spoke to candidate Sandra Jephcott about the election. Jephcott is a veterinarian.',
      '((WN)) : Why are you running?',
      'Oh. Well. Water security matters most to this region.',
      'Farms need reliable water, and towns do too.',
      '((WN)) : What about housing?',
      'Housing must stay affordable for young families.',
    ]);
    expect(quoteOf('Oh. Well. Water security')?.text).toBe('Oh. Well. Water security matters most to this region');
    expect(saidBy('Farms need reliable water')?.name).toBe('Sandra Jephcott');
    expect(saidBy('Housing must stay affordable')?.name).toBe('Sandra Jephcott');
  });

  it("carries a speaker's labelled turn over the unlabelled paragraphs of the same answer, up to the next label", () => {
    const { saidBy, quoteOf } = run([
      'Economist Maria Keller spoke to us about the budget and the coming election in March.',
      'Q: What worries you most about the budget?',
      'KELLER: The deficit has doubled in two years.',
      'Nobody in the ministry wants to talk about the interest payments, which now exceed the school budget.',
      'Q: And the election?',
      'KELLER: It will be close.',
      'The polls were wrong last time and I think the turnout is hard to predict.',
      'The council meets again on Friday to approve the figures.',
    ]);
    expect(saidBy('Nobody in the ministry wants to talk')?.name).toBe('Maria Keller');
    expect(saidBy('The polls were wrong last time')?.name).toBe('Maria Keller');
    expect(quoteOf('The polls were wrong last time')?.kind).toBe('direct');
    // After the last label, a paragraph without first-person words is the article's narrative again.
    expect(quoteOf('The council meets again')).toBeUndefined();
  });

  it("keeps a carried-over sentence in the first person as the answer's, though it reports someone else too", () => {
    const { saidBy, quoteOf } = run([
      'Economist Maria Keller spoke to us about the budget.',
      'Q: What worries you most?',
      'KELLER: The deficit has doubled in two years.',
      'I wrote a short paper on it in May, and my husband, Tom Reyes, said it sounded like a ghost story.',
      'Q: And the election?',
      'KELLER: It will be close.',
    ]);
    expect(saidBy('I wrote a short paper on it in May')?.name).toBe('Maria Keller');
    expect(quoteOf('I wrote a short paper on it in May')?.kind).toBe('direct');
    // The words reported inside it are still the husband's.
    expect(saidBy('it sounded like a ghost story')?.name).toBe('Tom Reyes');
  });

  it('does not carry over the turns of a label that only asks (every turn a question), whatever its name', () => {
    const { saidBy } = run([
      'The band spoke to Soundcheck Weekly in the back room of a pub.',
      'Soundcheck: The album was recorded in a church hall. Why?',
      'The studio we had booked in Manchester closed in March, and the hall was free.',
      'Soundcheck: And the tour?',
      'OKAFOR: We will play every date we lost.',
    ]);
    expect(saidBy('The studio we had booked')?.name ?? 'no one').not.toMatch(/Soundcheck/);
    expect(saidBy('We will play every date')?.name).toBe('OKAFOR');
  });

  it('names a description the one answering owns after them, an adjective between ("my first station officer")', () => {
    const { saidBy } = run([
      'Teresa Oduya is the fire chief. She spoke to us on Monday.',
      'Q: What do you tell new recruits?',
      'A: As my first station officer told me on my first day, “the fire doesn’t care whose fault it was.” He was right.',
    ]);
    expect(saidBy('the fire doesn’t care')?.display).toBe("Teresa Oduya's first station officer");
  });

  it("names the outlet the introduction says the person spoke to as the one asking, when the article's address names none", () => {
    const { saidBy } = run(
      [
        'The director Noor Haddad spoke to this newspaper the day after the premiere.',
        'Q: Why is the film so long?',
        'HADDAD: Because walking is long.',
        'Q: Were you surprised by the reaction?',
        'HADDAD: Honestly, I was.',
      ],
      null,
    );
    expect(saidBy('Why is the film so long')?.display).toBe('this newspaper');
    expect(saidBy('Because walking is long')?.name).toBe('Noor Haddad');
  });

  it('gives a bracketed name label to that person', () => {
    const { saidBy, quoteOf } = run([
      'Dorsa Derakhshani, a chess player, was banned by the federation.',
      '((WN))  How did you train?',
      '((Dorsa Derakhshani))  I always wanted to be the best at everything.',
    ]);
    expect(saidBy('I always wanted')?.name).toBe('Dorsa Derakhshani');
    expect(quoteOf('I always wanted')?.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('interviews: bold questions, the person interviewed, what is said inside answers', () => {
  it('reads a paragraph in bold ending with a question mark as a question, without its asterisks', () => {
    expect(labelOf('**The four-day week. Why now?**')).toMatchObject({ label: '' });
    expect(labelOf('**Breaking news**')).toBeNull();
    const { saidBy, quoteOf } = run([
      'Ann Lee has run the bakery chain since 2017. Lee spoke to us at the head office.',
      '**Flour prices have risen. How much are you passing on?**',
      'Some of it. We have held the price of the sausage roll for a year.',
    ]);
    expect(quoteOf('How much are you passing on')?.text).toBe('How much are you passing on?');
    expect(saidBy('Some of it')?.name).toBe('Ann Lee');
  });

  it('takes the person interviewed from the introduction, not from who the questions name most', () => {
    const { saidBy } = run([
      'Ann Lee took over as chief executive in 2017. Lee also announced a four-day week. Lee spoke to us on Monday.',
      '**Your predecessor, Tom Reyes, wrote that the chain had lost its soul. Tom Reyes also said it was too big. How do you answer Tom Reyes?**',
      'Tom is the founder\'s grandson, so he has earned an opinion about the company.',
    ]);
    expect(saidBy("Tom is the founder's grandson")?.name).toBe('Ann Lee');
  });

  it("gives what a third party said inside an answer to that party, and an answer's 'my mother' to the one answering", () => {
    const { quotes, people } = run([
      'Elspeth Gorringe is a novelist from Orton Pike.',
      'Q: Senator Tom Reyes says one warm summer proves nothing. Is he right?',
      'A: My mother told me once that she never saw the sun in 1984.',
      'Q: Some parents have asked whether schools should close. Should they?',
      'A: Afterwards the coach came to see me and said she was sorry.',
    ]);
    const speakerOf = (words: string) => people.find((p) => p.id === quotes.find((q) => q.kind === 'indirect' && q.text.startsWith(words))?.speaker)?.display;
    expect(speakerOf('one warm summer proves nothing')).toMatch(/Tom Reyes/);
    expect(speakerOf('she never saw the sun')).toBe("Elspeth Gorringe's mother");
    // A reported question keeps its question word, as it was asked.
    expect(speakerOf('whether schools should close')).toBe('Some parents');
    expect(speakerOf('she was sorry')).toBe('coach');
  });
});

describe("an answer's first person over its later paragraphs", () => {
  it("names 'my mother' of an answer's later paragraph after the one answering, while the paragraphs speak in the first person", () => {
    const { quotes, people } = run([
      'Elspeth Gorringe is a novelist from Orton Pike.',
      'Q: Why is the 1980s section so long?',
      'A: Because that is what it felt like for the family.',
      'My mother told me once that she never saw the sun in 1984.',
      'Gorringe was born in 1961 and trained as a nurse.',
      'My editor told me that the book was too long.',
    ]);
    const speakerOf = (words: string) => people.find((p) => p.id === quotes.find((q) => q.kind === 'indirect' && q.text.startsWith(words))?.speaker)?.display;
    expect(speakerOf('she never saw the sun')).toBe("Elspeth Gorringe's mother");
    // A paragraph in the third person is the article's again: the answer ends there, and a first person
    // after it is no longer known to be hers.
    expect(speakerOf('the book was too long')).toBe('editor');
  });
});

describe('interviews printed plain', () => {
  it('reads short paragraphs ending in "?" as questions when three or more alternate with answers, and carries an answer over its later paragraphs', () => {
    const { saidBy } = run([
      'Tamsin Oduya saved three penalties on Saturday. Oduya spoke to us on Sunday.',
      'How are you feeling this morning?',
      'Tired. Very happy, but tired.',
      'Did you study their penalties?',
      'Not every one. Our analyst found video of most of them.',
      'Their captain always goes left when it matters. So I went left.',
      'What is next?',
      'A week off, then back to the clinic.',
    ]);
    expect(saidBy('How are you feeling')?.name).not.toBe('Tamsin Oduya');
    expect(saidBy('Tired')?.name).toBe('Tamsin Oduya');
    expect(saidBy('Their captain always goes left')?.name).toBe('Tamsin Oduya');
    expect(saidBy('A week off')?.name).toBe('Tamsin Oduya');
    // One or two questions in a news story make no interview.
    const { quotes } = run([
      'The council met on Monday. Is the bridge safe?',
      'Engineers will inspect it next week.',
      'Who pays for the repairs?',
      'The county has set aside two million pounds.',
    ]);
    expect(quotes).toHaveLength(0);
  });
});

describe('confidence of turns', () => {
  it("is below 0.8 for a turn's sentence that relays another's words, and stays high for the others", () => {
    const { quoteOf } = run([
      'Ann Lee runs the bakery chain. Lee spoke to us on Monday.',
      'Q: How is business?',
      'A: Better than last year. The mayor told me that the high street would be closed for a month.',
    ]);
    expect(quoteOf('Better than last year')?.confidence).toBeGreaterThanOrEqual(0.8);
    expect(quoteOf('The mayor told me')?.confidence).toBeLessThan(0.8);
  });

  it('is below 0.8 too when the one relayed is a noun phrase no mention stands for ("The physio said …")', () => {
    const { quoteOf } = run([
      'Declan Mahoney manages Rovers. He spoke after the match.',
      'REPORTER: Any injuries?',
      'MAHONEY: Dani Ortega came off with a tight hamstring. The physio said it is probably nothing serious.',
    ]);
    expect(quoteOf('Dani Ortega came off')?.confidence).toBeGreaterThanOrEqual(0.8);
    expect(quoteOf('The physio said')?.confidence).toBeLessThan(0.8);
  });

  it('is below 0.8 when another person relays ("So you\'re saying …"), and a progressive reporting verb is no statement of the sentence\'s subject', () => {
    const { quoteOf, quotes } = run([
      'The committee heard Dr. Kristin Lindqvist on Tuesday.',
      'Sen. Price: So you’re saying farmers are poisoning the water.',
      'Dr. Lindqvist: No, Senator. The data show where the nitrate comes from.',
    ]);
    expect(quoteOf('So you’re saying')?.confidence).toBeLessThan(0.8);
    expect(quoteOf('No, Senator')?.confidence).toBeGreaterThanOrEqual(0.8);
    // "you're saying" has "you" as its subject, not the label "Sen. Price".
    expect(quotes.some((q) => q.kind === 'indirect' && q.text.startsWith('farmers are poisoning'))).toBe(false);
  });

  it('is below 0.8 when a participle relays what a document says ("we had a letter saying …")', () => {
    const { quoteOf } = run([
      'Isidore Pelletier leads the Canal Row orchestra. He spoke to us on Monday.',
      'Q: What did the council do?',
      'A: Two weeks later we had a letter saying we could carry on as long as every musician stayed home. We were delighted.',
    ]);
    expect(quoteOf('Two weeks later we had a letter')?.confidence).toBeLessThan(0.8);
    expect(quoteOf('We were delighted')?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('is below 0.8 when a question relays what a third party has said, an auxiliary between ("your campaign has said …")', () => {
    const { quoteOf } = run([
      'The Ledger spoke to the two candidates for District 4.',
      'LEDGER: Ms Adeyemi, your campaign has said you oppose the new jail wing. Why?',
      'ADEYEMI: Because it costs more than the county can pay.',
      'LEDGER: And the roads?',
      'ADEYEMI: They come first.',
    ]);
    expect(quoteOf('Ms Adeyemi, your campaign has said')?.confidence).toBeLessThan(0.8);
    expect(quoteOf('Because it costs more')?.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('British single quote marks', () => {
  it("reads a plural's apostrophe before a lower-case word as no closing mark (‘The players’ effort …’), but a mark before its cue as one", () => {
    const { quoteOf, saidBy } = run(['‘We will fight on,’ said the manager, Sean Kelleher. ‘The players’ effort was superb.’', '‘We lost to the leaders’ said a fan.']);
    expect(quoteOf('The players')?.text).toBe('The players’ effort was superb');
    expect(saidBy('We will fight on')?.name).toBe('Sean Kelleher');
    expect(quoteOf('We lost to the leaders')?.text).toBe('We lost to the leaders');
  });
});

describe('British quotations over paragraphs', () => {
  it('carries a single-quoted quotation left open over the next paragraph when it reopens with ‘', () => {
    const { quoteOf, saidBy } = run([
      '‘I understand the frustration,’ Kelleher said. ‘I’m a supporter myself. But I’m not a quitter.',
      '‘The lads in that dressing room are hurting.’',
    ]);
    expect(quoteOf('I’m a supporter myself')?.text).toBe('I’m a supporter myself. But I’m not a quitter. The lads in that dressing room are hurting');
    expect(saidBy('I’m a supporter myself')?.name).toBe('Kelleher');
  });
});

describe('quote marks of wire copy', () => {
  it("reads two apostrophes ('') as a double quote mark, with the speaker after it", () => {
    const { saidBy, quoteOf } = run(["''We will rebuild the bridge before winter,'' Mayor Ana Ruiz said on Monday."], null);
    expect(quoteOf('We will rebuild the bridge')?.text).toBe('We will rebuild the bridge before winter');
    expect(saidBy('We will rebuild the bridge')?.name).toBe('Ana Ruiz');
  });

  it("gives a description the question calls the interviewee's ('your critics') to the interviewee", () => {
    const { quotes, people } = run([
      'Rosalind Achterberg, a former school principal, is running for mayor.',
      '((WN)) Your critics say that shows you can’t run a large organisation.',
      '((Rosalind Achterberg)) My mother says they are wrong.',
    ]);
    const statement = quotes.find((q) => q.kind === 'indirect' && q.text.startsWith('shows you'));
    expect(people.find((person) => person.id === statement?.speaker)?.display).toBe("Rosalind Achterberg's critics");
  });
});
