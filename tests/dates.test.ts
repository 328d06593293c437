import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveDates, resolvePeriods, sentenceDates } from '../src/article/dates.ts';

const seed = readFileSync(new URL('../data/000_4cbc08951dad2f3b.txt', import.meta.url), 'utf8');
/** The seed's date header and its paragraphs. */
const seedDate = /\bdate (\d{4}-\d{2}-\d{2})\b/.exec(seed)![1]!;
const seedParagraphs = seed.replace(/^\s*date \S+\s*/, '').split(/\n\s*\n/);
const sentenceWith = (words: string) => seedParagraphs.find((paragraph) => paragraph.includes(words))!;

const dates = (text: string, articleDate: string | null) => resolveDates(text, articleDate).map((found) => found.date);

describe('resolveDates on the seed (dated Wednesday 2022-02-23)', () => {
  it('reads the article date from its header', () => {
    expect(seedDate).toBe('2022-02-23');
  });

  it('counts "two days after the January 7 quake" from the date written, and "the previous day" from that date', () => {
    expect(dates('Most of the island was without power two days after the January 7 quake.', '2020-01-10')).toEqual(['2020-01-09']);
    const article = {
      date: '2020-01-10',
      sentences: [{ text: 'Power was still out two days after the January 7 quake.' }, { text: 'It followed a smaller quake the previous day.' }],
    };
    expect(sentenceDates(article, 1).map((found) => found.date)).toEqual(['2020-01-06']);
  });

  it('resolves "yesterday" to the day before the article', () => {
    expect(resolveDates(sentenceWith('actions yesterday'), seedDate)).toEqual([{ text: 'yesterday', date: '2022-02-22' }]);
  });

  it('resolves "scheduled for Thursday" to the next day', () => {
    expect(dates(sentenceWith('scheduled for Thursday'), seedDate)).toEqual(['2022-02-24']);
  });

  it('resolves "meet him on Friday" to the Friday after, despite the past-tense verbs earlier in the sentence', () => {
    const found = resolveDates(sentenceWith('on Friday'), seedDate);
    expect(found).toEqual([{ text: 'on Friday', date: '2022-02-25' }]);
  });

  it('finds nothing in sentences without dates', () => {
    expect(resolveDates(sentenceWith('measured response'), seedDate)).toEqual([]);
  });
});

describe('resolveDates', () => {
  it('passes absolute dates through, taking the year nearest the article when none is written', () => {
    expect(dates('The emergency begun on November 15 ended; a rate reported on December 24.', '2020-01-01')).toEqual([
      '2019-11-15',
      '2019-12-24',
    ]);
    expect(dates('The summit was first held on March 3, 2020.', '2022-02-23')).toEqual(['2020-03-03']);
  });

  it('moves a weekday back when the words around it are in the past', () => {
    // Nearest Thursday to Wednesday the 23rd is the 24th; "said" makes it the 17th.
    expect(dates('He said on Thursday that the talks had failed.', '2022-02-23')).toEqual(['2022-02-17']);
    expect(dates('The cabinet unanimously voted to lift it on Saturday afternoon.', '2020-01-01')).toEqual(['2019-12-28']);
  });

  it('moves a weekday forward when the words around it are in the future', () => {
    // Nearest Monday to Wednesday the 23rd is the 21st; "will" makes it the 28th.
    expect(dates('The ministers will meet again on Monday.', '2022-02-23')).toEqual(['2022-02-28']);
  });

  it('keeps the nearest weekday when nothing says which way', () => {
    expect(dates('On Sunday, the state of emergency over a measles outbreak ended in Samoa.', '2020-01-01')).toEqual([
      '2019-12-29',
    ]);
    expect(dates('Talks on Tuesday.', '2022-02-23')).toEqual(['2022-02-22']);
  });

  it('respects "last" and "next"', () => {
    expect(dates('They met last Friday.', '2022-02-23')).toEqual(['2022-02-18']);
    expect(dates('They meet next Tuesday.', '2022-02-23')).toEqual(['2022-03-01']);
  });

  it('resolves relative days and ignores vague or partial mentions', () => {
    expect(dates('Two days ago the mayor resigned, and tonight he speaks.', '2022-02-23')).toEqual(['2022-02-21', '2022-02-23']);
    expect(dates('Last week prices rose at 3pm; in March, maybe in 2019, they may fall. It is now clear.', '2022-02-23')).toEqual([]);
  });

  it('without an article date, resolves only dates written with their year', () => {
    expect(dates('The vote held on March 3, 2020 was repeated yesterday and on Friday.', null)).toEqual(['2020-03-03']);
  });
});

describe('true dates (issue #9)', () => {
  it('an explicit year in the sentence wins over the article date', () => {
    expect(dates('In 2019, outbreaks of measles were declared in parts of the Philippines first on February 6.', '2020-01-01')).toEqual(['2019-02-06']);
  });

  it('a time relative to another event is no date', () => {
    expect(dates('A few hours before the jet crashed on Wednesday, Iran launched missiles.', '2020-01-11')).toEqual(['2020-01-08']);
  });

  it('a past event is never dated after the article', () => {
    expect(dates('The mathematician died on Saturday at his home.', '2020-04-14')).toEqual(['2020-04-11']);
    expect(dates('The station first opened on May 20.', '2020-05-05')).toEqual(['2019-05-20']);
    expect(dates('The mayor extended the lockdown to May 20.', '2020-05-05')).toEqual(['2020-05-20']);
  });

  it('months and years: the nearest month in the tense of the sentence, an explicit year, years counted from the article', () => {
    const periods = (text: string, date: string) => resolvePeriods(text, date).map((p) => p.date);
    expect(periods('The virus first appeared in December in Wuhan.', '2020-01-20')).toEqual(['2019-12']);
    expect(periods('In October 2016, the university celebrated his birthday.', '2020-04-14')).toEqual(['2016-10']);
    expect(periods('He had served in that capacity since 2017.', '2020-03-02')).toEqual(['2017']);
    expect(periods('The mission is expected to launch next year.', '2020-05-31')).toEqual(['2021']);
    expect(periods('A similar fire happened in August last year.', '2020-01-08')).toEqual(['2019-08']);
  });

  it('speech is anchored to the day it was spoken (TimeML: a quotation\'s "today" is the speech event\'s): a transcript\'s turns to the day of the conversation, a quotation to the day of the lead\'s event', () => {
    const turn = (paragraph: number, cue: string | null) => ({ kind: 'direct', paragraph, cue, reference: 'none' });
    const interview = {
      date: '2020-07-21',
      sentences: [
        { text: 'A fire destroyed a warehouse on Saturday night.', paragraph: 1 },
        { text: 'Wikinews spoke to the fire chief on Monday afternoon.', paragraph: 2 },
        { text: 'How did the fire start?', paragraph: 3 },
        { text: 'The investigators started work this morning.', paragraph: 4 },
        { text: 'Is the smoke dangerous?', paragraph: 5 },
        { text: 'The readings we took on Sunday were normal, and the health director said yesterday there was no reason to close schools.', paragraph: 6 },
      ],
      quotes: [turn(3, ':'), turn(4, null), turn(5, ':'), turn(6, null)],
    };
    expect(sentenceDates(interview, 3)).toEqual([{ text: 'this morning', date: '2020-07-20' }]);
    expect(sentenceDates(interview, 5).find((d) => d.text === 'yesterday')?.date).toBe('2020-07-19');
    // The same words told by the article itself are the article's.
    expect(sentenceDates({ ...interview, quotes: [] }, 3)).toEqual([{ text: 'this morning', date: '2020-07-21' }]);
    const news = {
      date: '2021-12-09',
      sentences: [
        { text: 'The board voted 5-2 on Wednesday night to close the school.', paragraph: 1 },
        { text: 'The principal, reached by phone on Thursday, denied the remark.', paragraph: 2 },
        { text: 'The board president defended the process.', paragraph: 3 },
        { text: '“We heard every single person tonight,” Ferraro said.', paragraph: 4 },
      ],
    };
    expect(sentenceDates(news, 3)).toEqual([{ text: 'tonight', date: '2021-12-08' }]);
  });

  it('a date takes the tense of its own clause, from the nearest word of tense (Reichenbach)', () => {
    const periods = (text: string, date: string) => resolvePeriods(text, date).map((p) => p.date);
    // Another clause's verb is not the date's: "said" after the comma, "could be cut" after the adjunct of "said".
    expect(dates('Kestria will impose tariffs on steel imports from neighbouring Morvania from July 1, its trade ministry said.', '2021-06-03')).toEqual(['2021-07-01']);
    expect(periods('The ferry, which the transport authority said in August could be cut from next spring, is busy.', '2020-10-14')[0]).toBe('2020-08');
    // A participle after "be" is no past tense; "set up" and "expected output" are no future.
    expect(periods('General waste will be collected only once a fortnight from May.', '2021-03-11')).toEqual(['2021-05']);
    expect(dates('The band’s third album is released by Copperline on October 2.', '2020-09-18')).toEqual(['2020-10-02']);
    expect(periods('He told the board in January that he expected output to fall.', '2020-09-03')).toEqual(['2020-01']);
    expect(periods('Teachers will use the backup system we set up in March.', '2020-09-30')).toEqual(['2020-03']);
    // "since" is past; a future seen from the past ("were due to") is no tense of the date's.
    expect(periods('He has been saying that since March.', '2020-10-14')).toEqual(['2020-03']);
    expect(periods('We were due to check that in April.', '2020-07-21')).toEqual(['2020-04']);
  });

  it('a month after a preposition is a month, wherever the sentence puts it: opening it ("In May", "By May"), after a number ("$85,000 in February")', () => {
    const periods = (text: string, date: string) => resolvePeriods(text, date).map((p) => `${p.text} = ${p.date}`);
    expect(periods('In May the family launched an appeal for donations.', '2020-08-27')).toEqual(['In May = 2020-05']);
    expect(periods('By May we had thirty players.', '2020-06-12')).toEqual(['By May = 2020-05']);
    expect(periods('The department fined the county $85,000 in February over leaks.', '2020-10-20')).toEqual(['in February = 2020-02']);
    // "May" the verb, and a day written before its month, are still no month.
    expect(periods('May we ask you a question?', '2020-06-12')).toEqual([]);
    expect(periods('The vote was held on 6 February.', '2020-06-12')).toEqual([]);
  });

  it('a written year governs a day or month without one only as an adjunct of time before it, or completing a coordinated date after it (Quirk)', () => {
    const periods = (text: string, date: string) => resolvePeriods(text, date).map((p) => `${p.text} = ${p.date}`);
    expect(periods('She told the council in November that the flow had risen since 2010.', '2020-02-19')).toEqual(['in November = 2019-11', 'since 2010 = 2010']);
    expect(periods('The institute will publish its 2020 measurements in January.', '2020-02-19')).toEqual(['in January = 2021-01']);
    expect(periods('The auditor wrote in his September report that the fund will run out by the middle of 2023.', '2020-10-20')[0]).toBe('September = 2020-09');
    expect(dates('Three candidates are running in the November 3 election: the incumbent was first elected in 2008.', '2020-10-20')).toEqual(['2020-11-03']);
    // A year that does govern: an adjunct before, a coordinated date after.
    expect(periods('The tour is rescheduled for March and April 2021.', '2020-09-18')).toEqual(['March = 2021-03', 'April 2021 = 2021-04']);
    expect(dates('In 2019, outbreaks were declared first on February 6.', '2020-01-01')).toEqual(['2019-02-06']);
  });

  it('"the year" is the article\'s year and a part of a period is that period, no day (TimeML: a period with a mod END/START)', () => {
    const all = (text: string, date: string) => sentenceDates({ date, sentences: [{ text }] }, 0).map((d) => `${d.text} = ${d.date}`);
    expect(all('She will retire from running at the end of the year.', '2020-12-02')).toEqual(['at the end of the year = 2020']);
    expect(all('The company froze hiring for the rest of the year.', '2021-09-14')).toEqual(['for the rest of the year = 2021']);
    expect(all('One in five cinemas may not survive the year.', '2020-08-27')).toEqual(['survive the year = 2020']);
    expect(all('By the end of April we had enough in the bank for seven weeks.', '2020-08-27')).toEqual(['By the end of April = 2020-04']);
    expect(all('He moved there in 2009 and later in the year married.', '2020-08-27')).toEqual(['in the year = 2009', 'in 2009 = 2009']);
    // Not the year itself: a year before another, a fiscal year, a year's count.
    expect(all('The year before, profits were lower, and the year it opened was worse.', '2020-08-27')).toEqual([]);
  });

  it('a recurring or unnamed day or month is no date (TimeML: a SET, or a date left unspecified)', () => {
    const all = (text: string, date: string) => sentenceDates({ date, sentences: [{ text }] }, 0).map((d) => `${d.text} = ${d.date}`);
    expect(all('He still buys a sausage roll every Saturday.', '2020-09-03')).toEqual([]);
    expect(all('About 900 people use that ferry every weekday.', '2020-10-14')).toEqual([]);
    expect(all('He still sends me a bottle of rum every January.', '2020-12-03')).toEqual([]);
    expect(all('I put a post on Facebook on a Sunday night.', '2020-08-27')).toEqual([]);
    // A named day still is one.
    expect(all('I put a post on Facebook on Sunday night.', '2020-08-27')).toEqual(['on Sunday night = 2020-08-23']);
  });

  it('a counted span ("after 11 minutes", "within a day") is a duration, no date (TimeML: TIMEX3 of type DURATION)', () => {
    expect(resolveDates('The opener came after 11 minutes, from a corner.', '2021-11-28')).toEqual([]);
    expect(resolveDates('All 8,000 places had been taken within a day of her announcement.', '2020-12-02')).toEqual([]);
    expect(resolveDates('The team was there within two hours.', '2020-12-02')).toEqual([]);
  });

  it('a season is a time of its own: its year, by last/next/this or the tense of the sentence (TimeML values a season with its year)', () => {
    const periods = (text: string, date: string) => resolvePeriods(text, date).map((p) => `${p.text} = ${p.date}`);
    expect(periods('A retired engineer wrote to me last spring.', '2020-02-19')).toEqual(['last spring = 2019']);
    expect(periods('The group had lobbied for the tariffs since last autumn.', '2021-06-03')).toEqual(['since last autumn = 2020']);
    expect(periods('She told a meeting last autumn that the results were encouraging.', '2020-03-04')).toEqual(['last autumn = 2019']);
    expect(periods('The ferry could be cut from next spring.', '2020-10-14')).toEqual(['from next spring = 2021']);
    expect(periods('Every teacher will have a position next fall.', '2021-12-09')).toEqual(['next fall = 2022']);
    expect(periods('He signed a three-year contract in the summer.', '2021-11-28')).toEqual(['in the summer = 2021']);
    expect(periods('A celebration will be held in the spring, the committee said.', '2020-12-03')).toEqual(['in the spring = 2021']);
    expect(periods('We moved the backups off-site in the summer of 2019.', '2020-09-30')).toEqual(['in the summer of 2019 = 2019']);
    // A season as a modifier, "fall" as a noun or a verb, a winter across two years, and a recurring season are no time.
    expect(periods('We played at the summer fete.', '2020-09-18')).toEqual([]);
    expect(periods('The fall in prices was steep, and the fall of the wall came later.', '2020-09-18')).toEqual([]);
    expect(periods('A group of parents came to see me last winter.', '2020-10-14')).toEqual([]);
    expect(periods('We go back each autumn to read the stakes.', '2020-02-19')).toEqual([]);
  });

  it('a time of day with no day of its own ("later in the evening", "that night") is a time of the day told just before', () => {
    const article = {
      date: '2020-05-06',
      sentences: [
        { text: 'The regulator ordered the station off the air yesterday.', paragraph: 1 },
        { text: 'Later in the evening, the station went silent.', paragraph: 1 },
        { text: 'The order came on Monday, and the staff left that night.', paragraph: 2 },
      ],
    };
    expect(sentenceDates(article, 1)).toEqual([{ text: 'Later in the evening', date: '2020-05-05' }]);
    expect(sentenceDates(article, 2).map((d) => d.date)).toEqual(['2020-05-04', '2020-05-04']);
    // With no day told before, it is no date.
    expect(sentenceDates({ date: '2020-05-06', sentences: [{ text: 'The station went silent in the evening.', paragraph: 1 }] }, 0)).toEqual([]);
  });

  it('a bare year: after a determiner or a possessive, or closing a clause; a number counting a plural noun or within a clause is no year', () => {
    const periods = (text: string) => resolvePeriods(text, '2020-03-15').map((p) => p.date);
    expect(periods('The guidelines cite the 2009 flu outbreak as an example.')).toEqual(['2009']);
    expect(periods('She was a 2016 award finalist.')).toEqual(['2016']);
    expect(periods('He stayed there while filming his 1949 debut.')).toEqual(['1949']);
    expect(periods('The house dates to 1873, and was a hotel later.')).toEqual(['1873']);
    expect(periods('The number is for the year it was first seen, 2019.')).toEqual(['2019']);
    expect(periods('The 2000 soldiers left the town.')).toEqual([]);
    // Before a name it dates rather than counts, and alone in brackets after a title.
    expect(periods('The 2016 Olympics.')).toEqual(['2016']);
    expect(periods('Her only album, “Kitchen Table Hymns” (1981), sold poorly.')).toEqual(['1981']);
    expect(periods('There were 2000 arrests in the city.')).toEqual([]);
    expect(periods('Police arrested 2000.')).toEqual([]);
    expect(periods('It opened on March 3, 2020.')).toEqual([]);
    expect(periods('It has been closed since 2017.')).toEqual(['2017']);
  });

  it('"today" and "yesterday" inside a quotation are counted from the day the statement was told, not the article\'s', () => {
    const article = {
      date: '2020-01-08',
      sentences: [
        { text: 'The council voted on Monday to close the bridge.', paragraph: 1 },
        { text: '"We regret today\'s vote," the mayor said.', paragraph: 1 },
        { text: 'The bridge was closed today.', paragraph: 1 },
      ],
    };
    expect(sentenceDates(article, 1).map((d) => d.date)).toEqual(['2020-01-06']);
    // Outside a quotation, "today" is the article's day.
    expect(sentenceDates(article, 2).map((d) => d.date)).toEqual(['2020-01-08']);
    // A day told earlier in the same sentence: the quotation was said then.
    expect(dates('On Monday, the mayor said: "Yesterday was hard."', '2020-01-08')).toEqual(['2020-01-06', '2020-01-05']);
    // No day told before: the article's day.
    expect(dates('"We regret today\'s vote," the mayor said.', '2020-01-08')).toEqual(['2020-01-08']);
    // A day told before that is after the article (a meeting scheduled) is no day of the statement.
    const scheduled = {
      date: '2022-02-23',
      sentences: [
        { text: 'The meeting scheduled for Thursday is in doubt, an official said.', paragraph: 1 },
        { text: '"His actions yesterday are an escalation," the official said.', paragraph: 2 },
      ],
    };
    expect(sentenceDates(scheduled, 1).map((d) => d.date)).toEqual(['2022-02-22']);
  });

  it('a later sentence of a quotation is inside it: its "today" is the speaker\'s day, and anchors nothing after it', () => {
    // Made-up text: the quotation opens in one sentence and carries on over the next two, closing in none of them.
    const paragraph = 'Wednesday, the senator left the race. "Months ago," she said, "I entered it. Today, I leave it. After yesterday\'s vote, it is over.';
    const sentence = (text: string) => ({ text, paragraph: 1, start: paragraph.indexOf(text) });
    const article = {
      date: '2020-03-06',
      paragraphs: [paragraph],
      sentences: [
        sentence('Wednesday, the senator left the race.'),
        sentence('"Months ago," she said, "I entered it.'),
        sentence('Today, I leave it.'),
        sentence("After yesterday's vote, it is over."),
      ],
    };
    // The quotation was said on Wednesday (2020-03-04): "today" is that day, "yesterday" the day before.
    expect(sentenceDates(article, 2).map((d) => d.date)).toEqual(['2020-03-04']);
    expect(sentenceDates(article, 3).map((d) => d.date)).toEqual(['2020-03-03']);
    // Without the paragraph to tell the quotation, the same sentences count from the article's date.
    const bare = { date: article.date, sentences: article.sentences.map(({ text }) => ({ text, paragraph: 1 })) };
    expect(sentenceDates(bare, 3).map((d) => d.date)).toEqual(['2020-03-05']);
  });

  it('"the following day" counts from the day told just before, in the same or the previous paragraph', () => {
    const article = {
      date: '2020-01-10',
      sentences: [
        { text: 'On Wednesday, the ministers met in Cairo.', paragraph: 1 },
        { text: 'A statement was issued the following day.', paragraph: 2 },
      ],
    };
    expect(sentenceDates(article, 1)).toEqual([{ text: 'the following day', date: '2020-01-09' }]);
  });
});

describe('a day opening the sentence takes the tense of its clause', () => {
  it('reads on past a long subject to the verb: a past event is dated before the article, a future one after', () => {
    // Friday 13 March 2020: Sunday is the 8th behind or the 15th ahead.
    expect(dates('On Sunday and Saturday evening, Australian store chains Woolworths and Coles lowered their limits on toilet paper.', '2020-03-13')).toContain('2020-03-08');
    expect(dates('On Sunday and Saturday evening, Australian store chains Woolworths and Coles will lower their limits on toilet paper.', '2020-03-13')).toContain('2020-03-15');
  });
});

describe('true dates of unseen news (issue #9, dev3 classes)', () => {
  const periods = (text: string, articleDate: string) => resolvePeriods(text, articleDate).map((found) => `${found.text}=${found.date}`);
  const all = (text: string, articleDate: string) => resolveDates(text, articleDate).map((found) => `${found.text}=${found.date}`);

  it('an indefinite article before a month with its day determines the noun, not the date ("a May 4 hearing")', () => {
    expect(dates('The committee held a May 4 hearing in the capital.', '2021-06-10')).toEqual(['2021-05-04']);
    // an unnamed day stays no date
    expect(dates('The shop opens on a Tuesday in spring.', '2021-06-10')).toEqual([]);
  });

  it('a number of days counted from now is a span, no date ("in the next five days")', () => {
    expect(dates('The minister said he would sign the decree in the next five days.', '2021-06-10')).toEqual([]);
  });

  it('a year joined to letters by a hyphen is a code, and a number before a unit of measure a quantity: no year', () => {
    expect(periods('Doctors studied the 2009-pdm strain in the clinic.', '2021-06-10')).toEqual([]);
    expect(periods('Engineers laid the 1500 km long cable under the sea.', '2021-06-10')).toEqual([]);
    expect(periods('The 1500 megawatt plant opens soon.', '2021-06-10')).toEqual([]);
  });

  it('"through 2023" and "till 2023" are the year, like "until 2023"', () => {
    expect(periods('Her contract runs through 2023.', '2021-06-10')).toEqual(['through 2023=2023']);
    expect(periods('The bridge stays closed till 2023.', '2021-06-10')).toEqual(['till 2023=2023']);
  });

  it('years coordinated after a preposition of time share it ("in 2012 and 2016"), a span "between … and …" does not', () => {
    expect(periods('She won the title in 2012 and 2016.', '2021-06-10')).toEqual(['in 2012=2012', '2016=2016']);
    expect(periods('Sales doubled between 2012 and 2016.', '2021-06-10')).not.toContain('2016=2016');
  });

  it('a year of another coordinated clause, with a verb of its own, does not govern the month ("in 2010 and was to retire in May")', () => {
    expect(periods('He became chairman in 2010 and was to retire in September.', '2021-06-10')).toContain('in September=2021-09');
  });

  it('a year premodifying the noun of a fronted adjunct frames its clause ("In the 2012 campaign, … until June")', () => {
    expect(periods('In the 2012 mayoral campaign, she led the polls until June.', '2021-06-10')).toContain('until June=2012-06');
    // a premodifier inside the clause does not ("its 2020 report in January")
    expect(periods('The office will publish its 2020 report in January.', '2021-06-10')).toContain('in January=2022-01');
  });

  it('a complementiser opens a clause of its own tense ("announced that from July 1, … would")', () => {
    expect(dates('Yesterday the mayor announced that from July 1, parking downtown would be free.', '2021-06-10')).toEqual(['2021-06-09', '2021-07-01']);
  });

  it('a verb of planning used as a modifier, or "due to" after a verb, says nothing of the future of a weekday', () => {
    // Sunday 6 June 2021: Wednesday is the 2nd behind or the 9th ahead.
    expect(dates('The originally scheduled vote on Wednesday afternoon, local time, was cancelled due to a strike.', '2021-06-06')).toEqual(['2021-06-02']);
    expect(dates('The vote is scheduled for Wednesday.', '2021-06-06')).toEqual(['2021-06-09']);
  });

  it('"this coming Saturday" is ahead', () => {
    // Wednesday 9 June 2021
    expect(dates('The market stays closed until this coming Saturday, the council said.', '2021-06-09')).toEqual(['2021-06-12']);
  });

  it('"last Thursday" is the Thursday of the week before the article\'s (ISO weeks), not yesterday', () => {
    // Friday 11 June 2021: the week began on Monday 7 June.
    expect(dates('On last Thursday the board had met in Oslo.', '2021-06-11')).toEqual(['2021-06-03']);
    // Monday 14 June 2021: last Thursday is the 10th.
    expect(dates('On last Thursday the board had met in Oslo.', '2021-06-14')).toEqual(['2021-06-10']);
  });

  it('a straight mark after a space and before a word opens a quotation: a "yesterday" before it is the narrator\'s', () => {
    const article = {
      date: '2021-06-10',
      sentences: [
        { text: 'The club announced yesterday that its captain had died.' },
        { text: 'The club\'s statement yesterday read "Fans, we are very sorry to report this.' },
      ],
    };
    expect(sentenceDates(article, 1).map((found) => found.date)).toEqual(['2021-06-09']);
  });

  it('"earlier that day" is the day told just before', () => {
    const article = { date: '2021-06-10', sentences: [{ text: 'On Monday, the ministers signed the treaty.' }, { text: 'Earlier that day, the company signed a letter of intent.' }] };
    expect(sentenceDates(article, 1)).toEqual([{ text: 'Earlier that day', date: '2021-06-07' }]);
  });

  it('a bare month before a capitalised word is part of a name ("the October Revolution"); "in March" is a month', () => {
    expect(periods('Historians met to discuss the October Revolution and its legacy.', '2021-06-10')).toEqual([]);
    expect(periods('In March Smith won the seat.', '2021-06-10')).toEqual(['In March=2021-03']);
  });

  it('"of today" after a noun is the present age, no day; "as of today" and "today\'s" are the day', () => {
    expect(dates('The workers of today want more flexible hours.', '2021-06-10')).toEqual([]);
    expect(dates('The impact of today\'s ruling is unclear.', '2021-06-10')).toEqual(['2021-06-10']);
  });

  it('"two days later" counts from the day told before it, in the sentence or the one before; with none, no date', () => {
    expect(all('The boat was found on May 3 near the coast, and it sank two days later.', '2021-06-10')).toEqual(['May 3=2021-05-03', 'two days later=2021-05-05']);
    const article = { date: '2021-06-10', sentences: [{ text: 'The boat was found on May 3 near the coast.' }, { text: 'Despite repairs, it sank two days later.' }] };
    expect(sentenceDates(article, 1)).toEqual([{ text: 'two days later', date: '2021-05-05' }]);
    expect(dates('Despite repairs, it sank two days later.', '2021-06-10')).toEqual([]);
  });

  it('"a quarter before 11 a.m." is a clock time: the day after it is read', () => {
    // Thursday 10 June 2021
    expect(dates('He left home a quarter before 11 a.m. on Thursday with a bag.', '2021-06-10')).toEqual(['2021-06-10']);
  });

  it('"two years ago", "three months ago" are the year or month counted back (TimeML); approximate or vague counts are none', () => {
    expect(periods('She moved to Lisbon two years ago.', '2021-06-10')).toEqual(['two years ago=2019']);
    expect(periods('Three months ago, the firm hired him.', '2021-06-10')).toEqual(['Three months ago=2021-03']);
    expect(periods('She moved to Lisbon about two years ago.', '2021-06-10')).toEqual([]);
    expect(periods('She moved to Lisbon years ago.', '2021-06-10')).toEqual([]);
  });
});

describe('true dates of unseen news (issue #9, dev-news-2 classes)', () => {
  it('"would" is a future seen from the past (Quirk et al.: "the future in the past" of reported speech): a weekday after it stays ahead', () => {
    // Wednesday 9 June 2021: Friday is the 11th ahead or the 4th behind.
    expect(dates('The union said its members would vote on Friday.', '2021-06-09')).toEqual(['2021-06-11']);
    expect(dates('The union said its members voted on Friday.', '2021-06-09')).toEqual(['2021-06-04']);
  });

  it('a coordinator before a finite verb opens a clause of its own tense (Quirk: clausal coordination): its past is not the date\'s', () => {
    // Thursday 10 June 2021: Friday is the 11th ahead or the 4th behind.
    expect(dates('The mayor said crews would repair the bridge on Friday and urged drivers to use the ferry.', '2021-06-10')).toEqual(['2021-06-11']);
    expect(dates('The two men were arrested and released on Friday.', '2021-06-10')).toEqual(['2021-06-04']);
  });

  it('a weekday inside a to-infinitive clause takes no tense from the clause before its "to"; "to" after a past verb stays a preposition', () => {
    // Wednesday 9 June 2021: Friday is the 11th ahead or the 4th behind.
    expect(dates('An aide said Smith was unlikely to budge before Friday\'s vote.', '2021-06-09')).toEqual(['2021-06-11']);
    expect(dates('The ward returned to normal on Friday.', '2021-06-09')).toEqual(['2021-06-04']);
  });
  it('"last August", "next March" are counted from the article (TimeML: a deictic date), whatever year the sentence writes elsewhere', () => {
    const periods = (text: string, date: string) => resolvePeriods(text, date).map((p) => `${p.text}=${p.date}`);
    // Tuesday 12 April 2022
    expect(periods('The bridge, built in 1964, was closed last August.', '2022-04-12')).toEqual(['August=2021-08', 'in 1964=1964']);
    expect(periods('The works, begun in 2019, will resume next March.', '2022-04-12')).toEqual(['March=2023-03', 'in 2019=2019']);
    expect(periods('The trial could last until June.', '2022-04-12')).toEqual(['until June=2022-06']);
  });
  it('a clock time after "at" or a point of the sun ("shortly after dawn") is a time of the day told just before, else of the lead\'s day (TimeML: a TIME on the date in focus)', () => {
    // Wednesday 9 March 2022
    const article = {
      date: '2022-03-09',
      sentences: [
        { text: 'Storms flooded the port on Monday.', paragraph: 1 },
        { text: 'Fishermen said the water rose shortly after dawn.', paragraph: 1 },
        { text: 'The harbour master spoke to reporters.', paragraph: 2 },
        { text: 'The last boat came in at about 3 a.m.', paragraph: 3 },
        { text: 'The ferry leaves every day at 6 a.m.', paragraph: 3 },
        { text: 'The first warning went out on Tuesday at 4 p.m.', paragraph: 3 },
      ],
    };
    expect(sentenceDates(article, 1)).toEqual([{ text: 'shortly after dawn', date: '2022-03-07' }]);
    // No day told in its paragraph or the one before: the lead's day.
    expect(sentenceDates(article, 3)).toEqual([{ text: 'at about 3 a.m.', date: '2022-03-07' }]);
    // A recurring time, and a time whose own day the sentence tells.
    expect(sentenceDates(article, 4)).toEqual([]);
    expect(sentenceDates(article, 5).map((d) => d.date)).toEqual(['2022-03-08']);
  });

  it('a holiday named as a time is the day of its calendar rule (5 U.S.C. 6103, 2 U.S.C. 7), its occurrence nearest the article; a past one not after it', () => {
    expect(dates('The shops will stay open until Christmas Eve.', '2022-11-10')).toEqual(['2022-12-24']);
    expect(dates('Turnout was high on Election Day.', '2022-11-10')).toEqual(['2022-11-08']);
    // "for" names the occasion an act is meant for: the Thanksgiving to come, though the booking is past.
    expect(dates('Families have already booked trips for Thanksgiving.', '2022-08-09')).toEqual(['2022-11-24']);
    expect(dates('The store sold out on Thanksgiving.', '2022-08-09')).toEqual(['2021-11-25']);
    // Recurring, a modifier, counted from: no date.
    expect(dates('Every Christmas the square fills with stalls.', '2022-11-10')).toEqual([]);
    expect(dates('The Christmas tree was lit in the square.', '2022-11-10')).toEqual([]);
    expect(dates('Polls tightened three weeks before Election Day.', '2022-10-20')).toEqual([]);
  });

});
