import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type {
  ArticleRef,
  ArticlesResult,
  Passage,
  QuotesResult,
  WhatHappenedResult,
  WhoIsResult,
  WhoSaidAnswer,
  WhoSaidResult,
  WordChange,
} from '../src/answers.ts';
import type { Reply } from '../commands/index.ts';
import { cutText, escapeText } from '../src/discord/markdown.ts';
import { FAILURE_MESSAGE, fitChoices, renderFailure, renderReply, truncateEmbed, type ReplyMessage } from '../src/discord/render.ts';

// Discord's limits, written out so the tests do not trust src/discord/limits.ts.
const LIMIT = { content: 2000, title: 256, description: 4096, fields: 25, name: 256, value: 1024, footer: 2048, author: 256, total: 6000 };

function embedTotal(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0) + fields;
}

/** Fails the test when `message` would be refused by Discord. */
function expectWithinLimits(message: ReplyMessage): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(LIMIT.content);
  let total = 0;
  for (const embed of message.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMIT.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMIT.description);
    expect(embed.description).not.toBe('');
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMIT.footer);
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(LIMIT.author);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMIT.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(LIMIT.name);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(LIMIT.value);
    }
    total += embedTotal(embed);
  }
  expect(total).toBeLessThanOrEqual(LIMIT.total);
}

/** All the text a message shows, for assertions on what the user reads. */
function shown(message: ReplyMessage): string {
  const parts = [message.content ?? ''];
  for (const embed of message.embeds) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '', embed.author?.name ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.join('\n');
}

const article: ArticleRef = {
  id: 'kyiv-talks',
  title: 'Blinken–Lavrov meeting in doubt',
  date: '2022-02-23',
  source: 'https://example.org/news/blinken-lavrov',
};

function answer(overrides: Partial<WhoSaidAnswer> = {}): WhoSaidAnswer {
  return {
    speaker: 'Defense Secretary Lloyd Austin',
    speakerName: 'Lloyd Austin',
    quote: 'We will continue to work closely with our allies',
    sentence: 'Austin said: “We will continue to work closely with our allies.”',
    kind: 'direct',
    article,
    paragraph: 4,
    score: 10,
    confidence: 0.95,
    differences: [],
    ...overrides,
  };
}

function whoSaid(result: Partial<WhoSaidResult>, hide = false): Reply {
  return { type: 'who-said', hide, result: { query: 'work closely with allies', answers: [], suggestions: [], ms: 12, ...result } };
}

const description = (message: ReplyMessage) => message.embeds[0]?.description ?? '';

describe('render /who-said', () => {
  it('shows the quote as a block quote, the speaker in bold and a linked source line', () => {
    const message = renderReply(whoSaid({ answers: [answer()] }));
    expectWithinLimits(message);
    expect(message.ephemeral).toBe(false);
    const text = description(message);
    expect(text).toContain('> “We will continue to work closely with our allies”');
    expect(text).toContain('**Defense Secretary Lloyd Austin**');
    expect(text).toContain('[Blinken–Lavrov meeting in doubt](https://example.org/news/blinken-lavrov)');
    expect(text).toContain('23 Feb 2022');
    expect(text).toContain('¶4');
    expect(message.embeds[0]?.fields).toBeUndefined();
  });

  it('is ephemeral when the user asked to hide it', () => {
    expect(renderReply(whoSaid({ answers: [answer()] }, true)).ephemeral).toBe(true);
  });

  it('names a publication source without making it a link', () => {
    const message = renderReply(whoSaid({ answers: [answer({ article: { ...article, source: 'Al Arabiya English' } })] }));
    const text = description(message);
    expect(text).toContain('Blinken–Lavrov meeting in doubt (Al Arabiya English)');
    expect(text).not.toContain('](');
  });

  it('marks reported speech as not word for word, and shows a quoted phrase inside its sentence', () => {
    const indirect = renderReply(whoSaid({ answers: [answer({ kind: 'indirect', quote: 'he was on a diplomatic mission' })] }));
    expect(description(indirect)).toContain('> he was on a diplomatic mission');
    expect(description(indirect)).toContain('reported speech');
    const partial = renderReply(
      whoSaid({
        answers: [answer({ kind: 'partial', quote: 'latest invasion', sentence: 'Austin condemned Russia’s “latest invasion” of Ukraine.' })],
      }),
    );
    expect(description(partial)).toContain('> Austin condemned Russia’s “**latest invasion**” of Ukraine.');
  });

  it('shows how the user’s words differ: dropped struck, added underlined, changed as both', () => {
    const differences: WordChange[] = [
      { op: 'same', text: 'We' },
      { op: 'dropped', text: 'will' },
      { op: 'changed', text: 'continue', typed: 'keep' },
      { op: 'same', text: 'to' },
      { op: 'added', text: 'really' },
      { op: 'same', text: 'work' },
    ];
    const message = renderReply(whoSaid({ answers: [answer({ differences })] }));
    expectWithinLimits(message);
    const field = message.embeds[0]?.fields?.[0];
    expect(field?.value).toContain('We ~~will~~ ~~continue~~ __keep__ to __really__ work');
  });

  it('shows no differences when the quote was typed exactly', () => {
    const same: WordChange[] = [
      { op: 'same', text: 'We' },
      { op: 'same', text: 'will' },
    ];
    const message = renderReply(whoSaid({ answers: [answer({ differences: same })] }));
    expect(message.embeds[0]?.fields).toBeUndefined();
  });

  it('shows the best answer in full and at most two more as short fields', () => {
    const answers = [1, 2, 3, 4].map((n) => answer({ speaker: `Speaker ${n}`, speakerName: `Speaker ${n}`, quote: `Quote number ${n}` }));
    const message = renderReply(whoSaid({ answers }));
    expectWithinLimits(message);
    expect(description(message)).toContain('**Speaker 1**');
    const fields = message.embeds[0]?.fields ?? [];
    expect(fields).toHaveLength(2);
    expect(fields[0]?.value).toContain('Quote number 2');
    expect(fields[1]?.value).toContain('Quote number 3');
    expect(shown(message)).not.toContain('Quote number 4');
  });

  it('says kindly when nothing matches, offering the closest quotes', () => {
    const suggestions = [answer({ quote: 'We are committed to finding a diplomatic resolution', speakerName: 'State Department official' })];
    const message = renderReply(whoSaid({ query: 'the moon is made of cheese', suggestions }));
    expectWithinLimits(message);
    const text = description(message);
    expect(text).toContain('No quote in the library matches “the moon is made of cheese” well enough');
    expect(text).toContain('We are committed to finding a diplomatic resolution');
    expect(text).toContain('**State Department official**');
  });

  it('cuts a very long quote cleanly on a word and stays within limits', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`);
    const differences: WordChange[] = words.map((text, i) => ({ op: i % 7 === 0 ? 'dropped' : 'same', text }));
    const long = answer({ quote: words.join(' '), sentence: words.join(' '), differences });
    const message = renderReply(whoSaid({ answers: [long, long, long] }));
    expectWithinLimits(message);
    const quoteLine = description(message).split('\n')[0] ?? '';
    expect(quoteLine).toMatch(/ word\d+…”$/);
    expect(message.embeds[0]?.fields?.[0]?.value).toContain('…');
  });

  it('echoes a query with markdown and mentions harmlessly', () => {
    const query = '@everyone **bold** <@123456789012345678> <@&222222222222222222> __under__ [a] [click](https://evil.example) `code` @here';
    const message = renderReply(whoSaid({ query }));
    expectWithinLimits(message);
    const text = shown(message);
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).toContain('@\u200beveryone');
    expect(text).not.toMatch(/<@\d|<@&\d/);
    expect(text).toContain('\\*\\*bold\\*\\*');
    expect(text).toContain('\\_\\_under\\_\\_');
    expect(text).toContain('\\[a\\] \\[click\\](https://evil.example)');
    expect(text).toContain('\\`code\\`');
  });

  it('escapes markdown in what the article says and in the words typed', () => {
    const differences: WordChange[] = [
      { op: 'same', text: '*really*' },
      { op: 'added', text: '@everyone' },
    ];
    const message = renderReply(whoSaid({ answers: [answer({ speaker: 'Jane _the_ Smith', quote: 'a *starred* ~~claim~~', differences })] }));
    const text = shown(message);
    expect(text).toContain('**Jane \\_the\\_ Smith**');
    expect(text).toContain('a \\*starred\\* \\~\\~claim\\~\\~');
    expect(text).toContain('\\*really\\*');
    expect(text).toContain('__@\u200beveryone__');
  });
});

function passage(n: number, ref: ArticleRef, text = `Passage ${n} says the sanctions on Russia were announced.`): Passage {
  return { text, article: ref, paragraph: n, score: 1, dates: [] };
}

function whatHappened(result: Partial<WhatHappenedResult>): Reply {
  return { type: 'what-happened', hide: false, result: { query: 'sanction', passages: [], timeline: [], ms: 3, ...result } };
}

describe('what members never see', () => {
  it("shows no engine timing in Discord (it stays in the logs and the JSON)", () => {
    const ms = 4321;
    const messages = [
      renderReply(whoSaid({ answers: [answer()], ms })),
      renderReply(whoSaid({ answers: [], ms })),
      renderReply(whatHappened({ passages: [passage(1, article)], ms })),
    ];
    for (const message of messages) expect(JSON.stringify(message)).not.toMatch(/4321|\d ms\b/);
  });
});

describe('render /what-happened', () => {
  const other: ArticleRef = { id: 'b', title: 'Second article', date: '2020-05-01', source: null };

  it('groups passages by article, with ¶ and date for each, and the query’s words in bold', () => {
    const passages = [passage(1, article), passage(2, article), passage(3, other)];
    passages[1] = { ...passages[1]!, dates: [{ text: 'yesterday', date: '2022-02-22' }] };
    const message = renderReply(whatHappened({ passages }));
    expectWithinLimits(message);
    const text = description(message);
    expect(text.match(/Blinken–Lavrov meeting in doubt/g)).toHaveLength(1);
    expect(text.indexOf('Blinken–Lavrov')).toBeLessThan(text.indexOf('Second article'));
    expect(text).toContain('(¶1 · 23 Feb 2022)');
    expect(text).toContain('(¶2 · 22 Feb 2022)');
    expect(text).toContain('(¶3 · 1 May 2020)');
    expect(text).toContain('the **sanctions** on Russia');
    expect(text).not.toContain('**the**');
  });

  it('adds the timeline as a field, in date order, escaped and within the field limit', () => {
    const timeline = Array.from({ length: 30 }, (_, i) => ({
      date: `2022-02-${String(i + 1).padStart(2, '0')}`,
      when: 'on day',
      text: `Event **${i}** with <@123> happened ${'and went on '.repeat(10)}`,
      article,
      paragraph: i + 1,
    }));
    const message = renderReply(whatHappened({ passages: [passage(1, article)], timeline }));
    expectWithinLimits(message);
    const field = message.embeds![0]!.fields![0]!;
    expect(field.name).toBe('Timeline');
    expect(field.value.length).toBeLessThanOrEqual(1024);
    expect(field.value.indexOf('1 Feb 2022')).toBeLessThan(field.value.indexOf('2 Feb 2022'));
    expect(field.value).not.toContain('**0**');
    expect(field.value).toMatch(/…and \d+ more dates$/);
  });

  it('fits 40 long passages by leaving whole passages out, saying how many', () => {
    const long = 'The ministry said the sanction regime would tighten. '.repeat(8);
    const passages = Array.from({ length: 40 }, (_, i) => passage(i + 1, i < 20 ? article : other, long));
    const message = renderReply(whatHappened({ passages }));
    expectWithinLimits(message);
    const text = description(message);
    const shownCount = (text.match(/^• /gm) ?? []).length;
    expect(shownCount).toBeGreaterThan(3);
    expect(shownCount).toBeLessThan(40);
    expect(text).toMatch(new RegExp(`…and ${40 - shownCount} more passages$`));
  });

  it('says so when nothing in the library speaks of the topic, escaping it', () => {
    const message = renderReply(whatHappened({ query: '**unicorns** @everyone' }));
    expectWithinLimits(message);
    expect(description(message)).toContain('Nothing in the library speaks of **\\*\\*unicorns\\*\\* @\u200beveryone**');
  });

  it('summarises without a topic, bolding nothing', () => {
    const message = renderReply(whatHappened({ query: null, passages: [passage(1, article)] }));
    expect(description(message)).toContain('In the latest article');
    expect(description(message)).not.toContain('**sanctions**');
  });
});

describe('render /quotes, /articles, /who-is and notices', () => {
  it('lists a speaker’s quotes and, without a speaker, who is quoted', () => {
    const quotes: QuotesResult = { speaker: 'Austin', article: null, quotes: [answer(), answer({ quote: 'Second', paragraph: 7 })], speakers: [], ms: 1 };
    const byOne = renderReply({ type: 'quotes', hide: false, result: quotes });
    expectWithinLimits(byOne);
    expect(description(byOne)).toContain('**Defense Secretary Lloyd Austin** · 2 quotes');
    expect(description(byOne)).toContain('“Second”');
    expect(description(byOne)).toContain('¶7');

    const speakers = Array.from({ length: 300 }, (_, i) => ({ speaker: `Person ${i}`, speakerName: `Person ${i}`, quotes: 300 - i, articles: [article, other] }));
    const everyone = renderReply({ type: 'quotes', hide: false, result: { speaker: null, article: null, quotes: [], speakers, ms: 1 } });
    expectWithinLimits(everyone);
    expect(description(everyone)).toContain('• **Person 0** — 300 quotes');
    expect(description(everyone)).toContain('and 1 more article');
    expect(description(everyone)).toMatch(/…and \d+ more speakers$/);
  });
  const other: ArticleRef = { id: 'b', title: 'Second article', date: null, source: null };

  it('lists articles with their counts, within limits however many there are', () => {
    const articles = Array.from({ length: 200 }, (_, i) => ({ ...article, id: `a${i}`, title: `Article ${i} *starred*`, paragraphs: 9, sentences: 30, quotes: 1, speakers: 4 }));
    const result: ArticlesResult = { articles, ms: 2 };
    const message = renderReply({ type: 'articles', hide: true, result });
    expectWithinLimits(message);
    expect(message.ephemeral).toBe(true);
    expect(description(message)).toContain('Article 0 \\*starred\\*');
    expect(description(message)).toContain('9 paragraphs, 1 quote, 4 speakers');
    expect(description(message)).toMatch(/…and \d+ more articles$/);
  });

  it('profiles people with role, mentions and first statements', () => {
    const person = {
      name: 'Dmytro Kuleba',
      role: 'Foreign Minister',
      display: 'Ukrainian Foreign Minister Dmytro Kuleba',
      article,
      statements: [1, 2, 3, 4].map((n) => ({ kind: 'direct' as const, text: `Statement ${n}`, paragraph: n, confidence: 0.95 })),
      mentionedIn: [7, 8],
    };
    const result: WhoIsResult = { query: 'Kuleba', people: Array.from({ length: 7 }, () => person), ms: 1 };
    const message = renderReply({ type: 'who-is', hide: false, result });
    expectWithinLimits(message);
    const text = description(message);
    expect(text).toContain('**Ukrainian Foreign Minister Dmytro Kuleba**');
    expect(text).toContain('mentioned in ¶7, ¶8');
    expect(text).toContain('> “Statement 3” (¶3)');
    expect(text).not.toContain('Statement 4');
    expect(text).toContain('…and 1 more statement');
    expect(text).toMatch(/…and 2 more people$/);
  });

  it('answers nobody found for /who-is with the query escaped', () => {
    const message = renderReply({ type: 'who-is', hide: false, result: { query: '<@123456789012345678>', people: [], ms: 1 } });
    expect(description(message)).toContain('<\u200b@123456789012345678>');
  });

  it('sends a notice as plain, escaped, ephemeral content', () => {
    const message = renderReply({ type: 'notice', hide: false, message: 'No article matches “**x** @here”.' });
    expectWithinLimits(message);
    expect(message.ephemeral).toBe(true);
    expect(message.embeds).toEqual([]);
    expect(message.content).toBe('No article matches “\\*\\*x\\*\\* @\u200bhere”.');
    expect(renderReply({ type: 'notice', hide: false, message: 'x'.repeat(5000) }).content).toHaveLength(LIMIT.content);
  });

  it('sends failures as a short kind ephemeral message', () => {
    const message = renderFailure();
    expect(message).toEqual({ content: FAILURE_MESSAGE, embeds: [], allowed_mentions: { parse: [] }, ephemeral: true });
  });
});

describe('truncateEmbed', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

  it('cuts every part to its limit on a word boundary, ending with …', () => {
    const embed = truncateEmbed({
      title: words(200),
      description: words(2000),
      fields: Array.from({ length: 40 }, () => ({ name: words(100), value: words(400) })),
      footer: { text: words(1000) },
      author: { name: words(100) },
    });
    expectWithinLimits({ embeds: [embed], allowed_mentions: { parse: [] }, ephemeral: false });
    expect(embed.title).toMatch(/ w\d+…$/);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMIT.fields);
  });

  it('keeps the total within 6000 by dropping fields from the end before cutting the description', () => {
    const embed = truncateEmbed({
      description: words(500),
      fields: Array.from({ length: 10 }, (_, i) => ({ name: `Field ${i}`, value: words(150) })),
    });
    expect(embedTotal(embed)).toBeLessThanOrEqual(LIMIT.total);
    expect(embed.description).toBe(words(500));
    expect(embed.fields?.[0]?.name).toBe('Field 0');
    expect(embed.fields?.length).toBeLessThan(10);
  });

  it('leaves an embed that fits untouched', () => {
    const embed = { title: 'Title', description: 'Short', fields: [{ name: 'a', value: 'b' }], footer: { text: 'f' } };
    expect(truncateEmbed(embed)).toEqual(embed);
  });
});

describe('cutText and escapeText', () => {
  it('never splits a surrogate pair or leaves half an escape', () => {
    expect(cutText('😀'.repeat(10), 6)).toBe('😀😀…');
    expect(cutText(escapeText('a*b*c*d*e*f*g*h'), 6).endsWith('\\…')).toBe(false);
    expect(cutText('short', 5)).toBe('short');
  });

  it('cuts inside a word when there is no space near the end', () => {
    expect(cutText('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('keeps random text with markdown and emoji within every limit', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ['a', 'b', ' ', '*', '_', '~', '`', '|', '>', '\\', '@everyone', '<@1>', '😀', '\n', 'word ', '[x](y)'];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let round = 0; round < 20; round++) {
      const answers = [1, 2, 3].map(() =>
        answer({ quote: text(900), speaker: text(300), article: { ...article, title: text(400) }, differences: [{ op: 'added', text: text(50) }] }),
      );
      expectWithinLimits(renderReply(whoSaid({ query: text(1000), answers })));
      const passages = Array.from({ length: 30 }, (_, i) => passage(i, { ...article, id: `${i % 4}`, title: text(300) }, text(700)));
      expectWithinLimits(renderReply(whatHappened({ query: text(200), passages })));
    }
  });
});

describe('fitChoices', () => {
  it('keeps at most 25 choices with names and values of at most 100 characters', () => {
    const choices = Array.from({ length: 40 }, (_, i) => ({ name: `${i} ${'long words '.repeat(20)}`, value: `id-${i}-${'x'.repeat(150)}` }));
    const fitted = fitChoices(choices);
    expect(fitted).toHaveLength(25);
    for (const choice of fitted) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
      expect(choice.name.endsWith('…')).toBe(true);
    }
    expect(fitted[3]?.value.startsWith('id-3-')).toBe(true);
  });

  it('drops choices Discord would refuse for an empty name', () => {
    expect(fitChoices([{ name: ' ', value: 'a' }, { name: 'Kuleba', value: 'p1' }])).toEqual([{ name: 'Kuleba', value: 'p1' }]);
  });
});
