/**
 * The command layer: a command is one place (its definition types its arguments, its renderers serve every
 * face), autocomplete is one shared function, and long answers are paged with stateless page buttons.
 */
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { Choice, QuotesResult, SuggestOption, WhoSaidAnswer } from '../src/answers.ts';
import { commands, commandOf, findCommand, runCommand, turnPage, OUT_OF_DATE_BUTTON, type Reply } from '../commands/index.ts';
import { optionsOf, type ArgumentsOf } from '../commands/command.ts';
import { pageButtonId, readPageButton, resumeKey } from '../commands/paging.ts';
import quotes, { QUOTES_A_PAGE } from '../commands/quotes.ts';
import whoSaid from '../commands/who-said.ts';
import articles from '../commands/articles.ts';
import { replyJson } from '../src/cli/json.ts';
import { invoke } from '../src/cli/invoke.ts';
import { LIST_CHANGED, renderReply, type ReplyMessage } from '../src/discord/render.ts';
import { shortArticleRef, type Engine, type Scope } from '../src/engine.ts';
import { renderText } from '../src/format/text.ts';
import { Library } from '../src/library.ts';
import { loadLibrary } from '../src/load/open.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inThreadIndexer } from '../src/guild/indexer.ts';
import { ServerLibraries } from '../src/guild/libraries.ts';
import { createLogger } from '../src/log.ts';

// Discord's limits, written out so the tests do not trust src/discord/limits.ts.
const LIMIT = { description: 4096, total: 6000, customId: 100 };

/** The text of every embed of a message, and its buttons. */
const description = (message: ReplyMessage) => message.embeds[0]?.description ?? '';
const buttons = (message: ReplyMessage) => (message.components ?? []).flatMap((row) => row.components);

function expectWithinLimits(message: ReplyMessage): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  for (const embed of message.embeds) {
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMIT.description);
    const total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
    expect(total).toBeLessThanOrEqual(LIMIT.total);
  }
  for (const button of buttons(message)) expect(button.custom_id.length).toBeLessThanOrEqual(LIMIT.customId);
}

/** A library with one article where Mayor Jane Smith is quoted `n` times, each quote numbered. */
async function mayorLibrary(n: number, id = 'town-hall', title = 'Mayor answers questions'): Promise<Library> {
  const words = ['harbour', 'bridge', 'council', 'budget', 'school', 'river', 'market', 'station', 'library', 'park', 'road', 'clinic'];
  const paragraphs = ['Mayor Jane Smith spoke to reporters in the town hall on Monday.'];
  for (let i = 1; i <= n; i++) paragraphs.push(`“The ${words[i % 12]} plan number ${i} will be ready before the winter,” Smith said.`);
  return Library.fromTexts([{ id, title, date: '2024-03-04', source: null, file: `${id}.txt`, paragraphs }]);
}

/** Options as a transport hands them to a command. */
const line = (values: Record<string, string | number | boolean | null>) => optionsOf(values);

let seed: Library;
/** A server's engine: the seed shared, and one article added in the server. */
let server: Engine;
beforeAll(async () => {
  seed = await loadLibrary('data', { persist: false });
  const dir = await mkdtemp(path.join(tmpdir(), 'byline-commands-'));
  server = new ServerLibraries({ dir, shared: seed, logger: createLogger('silent'), indexer: inThreadIndexer }).engineFor('123456789012345678');
  await server.server!.add({ kind: 'text', title: 'Harbour bridge reopens', date: '2024-05-02', text: '“We are proud of the crews,” said Mayor Ana Ruiz.' }, null);
});

describe('a command is one place', () => {
  it('types each command’s arguments from its definition', () => {
    expectTypeOf<ArgumentsOf<typeof quotes.definition>>().toEqualTypeOf<{
      readonly speaker: string | null;
      readonly article: string | null;
      readonly page: number | null;
      readonly hide: boolean | null;
    }>();
    // A required option is always there (empty when a console line leaves it out).
    expectTypeOf<ArgumentsOf<typeof whoSaid.definition>['quote']>().toEqualTypeOf<string>();
    // @ts-expect-error an option the definition does not have cannot be read
    expectTypeOf<ArgumentsOf<typeof articles.definition>['speaker']>();
    // @ts-expect-error a reply of a type no command answers does not exist
    const stray: Reply = { type: 'who-knows', hide: false, result: {} };
    expect(stray).toBeDefined();
  });

  it('every command has renderers for every transport, and each renders its real answer', async () => {
    const asked: Record<string, string> = { 'who-said': 'diplomacy means also defense', 'what-happened': 'Lavrov', quotes: 'Kuleba', 'who-is': 'Kuleba', articles: '' };
    for (const command of commands) {
      const name = command.definition.name;
      expect(typeof command.render.discord, name).toBe('function');
      expect(typeof command.render.text, name).toBe('function');
      expect(typeof command.render.json, name).toBe('function');
      const main = command.definition.options?.find((o) => o.type === 3)?.name;
      // /library acts on a server's own articles: its list, in a server.
      const reply =
        name === 'library'
          ? await runCommand(command, { engine: server, options: line({ subcommand: 'list' }) })
          : await runCommand(command, { engine: seed, options: line(main ? { [main]: asked[name]! } : {}) });
      expect(reply.type, name).toBe(name);
      expectWithinLimits(renderReply(reply));
      expect(renderReply(reply).embeds).toHaveLength(1);
      expect(renderText(reply).length, name).toBeGreaterThan(0);
      const json = replyJson(reply);
      expect(json, name).toBeTypeOf('object');
      expect(JSON.parse(JSON.stringify(json)).ms, name).toBeTypeOf('number');
      // A command that pages its answer takes a page, in every face (for a command of subcommands, in the one that lists).
      const every = (command.definition.options ?? []).flatMap((o) => [o, ...('options' in o && o.type === 1 ? (o.options ?? []) : [])]);
      if (command.pages) expect(every.some((o) => o.name === 'page' && o.type === 4), name).toBe(true);
    }
    expect(commands.map((c) => c.definition.name)).toEqual(['who-said', 'what-happened', 'quotes', 'who-is', 'articles', 'library']);
  });

  it('answers every completed option with one shared autocomplete, within the article chosen', async () => {
    const asked: [SuggestOption, string, Scope | undefined][] = [];
    const engine = { suggest: async (option: SuggestOption, typed: string, scope?: Scope): Promise<Choice[]> => (asked.push([option, typed, scope]), []) } as unknown as Engine;
    for (const command of commands) {
      // /library completes its own way (the server's own articles only): tested below.
      if (command.definition.name === 'library') continue;
      const completed = (command.definition.options ?? []).filter((o) => 'autocomplete' in o && o.autocomplete).map((o) => o.name);
      expect(command.autocomplete !== undefined, command.definition.name).toBe(completed.length > 0);
      for (const option of completed) {
        asked.length = 0;
        await command.autocomplete!({ engine, options: line({ article: 'a1' }), focused: { name: option, value: 'ku' } });
        expect(asked, `${command.definition.name} ${option}`).toEqual([[option, 'ku', { article: 'a1' }]]);
      }
    }
    asked.length = 0;
    await findCommand('quotes')!.autocomplete!({ engine, options: line({}), focused: { name: 'hide', value: 'x' } });
    expect(asked).toEqual([['speaker', 'x', { article: null }]]);
    // `/library remove article:` completes the server's own articles, and nothing outside a server.
    const library = findCommand('library')!;
    asked.length = 0;
    expect(await library.autocomplete!({ engine, options: line({ subcommand: 'remove' }), focused: { name: 'article', value: 'ha' } })).toEqual([]);
    expect(asked).toEqual([]);
    const own = await library.autocomplete!({ engine: server, options: line({ subcommand: 'remove' }), focused: { name: 'article', value: '' } });
    expect(own.map((choice) => choice.name)).toEqual(['Harbour bridge reopens (2024-05-02)']);
  });

  it('prints an error object, never undefined, for every reply the JSON face gets', () => {
    expect(replyJson({ type: 'notice', message: 'No article matches "x".', hide: true })).toEqual({ error: 'No article matches "x".' });
    const result: QuotesResult = { speaker: null, article: null, quotes: [], speakers: [], ms: 1 };
    expect(replyJson({ type: 'quotes', hide: false, result })).toBe(result);
    expect(() => commandOf({ type: 'who-knows', result: {} })).toThrow(/who-knows/);
  });
});

describe('the page buttons’ custom_id', () => {
  it('carries hostile text there and back, escaped only where it must be', () => {
    const values = { speaker: 'Jane;Smith & co = 100% ümlaut 😀\u0007\uD800end', article: 'a1', hide: true, page: 3 };
    const key = resumeKey('quotes', 'AbC-_9', values)!;
    expect(key).not.toContain('hide');
    expect(key).not.toContain('page=');
    const id = pageButtonId(key, 12);
    expect(id.length).toBeLessThanOrEqual(LIMIT.customId);
    expect(readPageButton(id)).toEqual({
      command: 'quotes',
      digest: 'AbC-_9',
      values: { speaker: 'Jane;Smith & co = 100% ümlaut 😀\u0007\uFFFDend', article: 'a1' },
      page: 12,
    });
  });

  it('refuses what byline did not make: another format, a broken escape, too long, junk', () => {
    for (const junk of ['', 'p1', 'p2;quotes;AbCdEf;;2', 'p1;quotes;AbCdEf;speaker=%E0;2', 'p1;quotes;AbCdEf;=x;2', 'p1;quotes;AbCdEf;;x', `p1;quotes;AbCdEf;speaker=${'x'.repeat(90)};2`, 'p1;quotes;short;;2']) {
      expect(readPageButton(junk), junk).toBeNull();
    }
    expect(resumeKey('quotes', 'AbCdEf', { speaker: 'x'.repeat(95) })).toBeNull();
  });
});

describe('paging long answers', () => {
  it('reaches all 72 quotes of a speaker, a page at a time, through the buttons’ custom_ids alone', async () => {
    const library = await mayorLibrary(72);
    const first = await runCommand(quotes, { engine: library, options: line({ speaker: 'Jane Smith' }) });
    expect(first.type === 'quotes' && first.paging).toMatchObject({ page: 1, pages: 9, total: 72, asked: null, changed: false });
    const seen = new Set<string>();
    let message = renderReply(first);
    for (let page = 1; ; page++) {
      expectWithinLimits(message);
      const [previous, next] = buttons(message);
      expect(previous?.disabled).toBe(page === 1);
      for (const match of description(message).matchAll(/plan number (\d+) will/g)) seen.add(match[1]!);
      expect(message.embeds[0]?.footer?.text).toBe(`Page ${page} of 9`);
      if (next?.disabled) break;
      const { reply } = await turnPage(next!.custom_id, library);
      message = renderReply(reply);
    }
    expect(seen.size).toBe(72);
    expect([...seen].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 72 }, (_, i) => i + 1));
  });

  it('shows the page asked for in every face, the last one for a page past the end', async () => {
    const library = await mayorLibrary(72);
    const outcome = await invoke(library, 'quotes Jane Smith page:2');
    expect(outcome.type).toBe('reply');
    const reply = outcome.type === 'reply' ? outcome.reply : null;
    const json = replyJson(reply!) as QuotesResult & { page: number; pages: number; total: number };
    expect(json).toMatchObject({ page: 2, pages: 9, total: 72 });
    expect(json.quotes.map((q) => q.quote)).toEqual((await library.quotes('Jane Smith')).quotes.slice(QUOTES_A_PAGE, 2 * QUOTES_A_PAGE).map((q) => q.quote));
    expect(renderText(reply!)).toMatch(/^Quotes from Mayor Jane Smith \(page 2 of 9, quotes 9–16 of 72\):/);
    expect(renderText(reply!)).toMatch(/\(page:3 for the next page\)$/);

    const past = await invoke(library, 'quotes Jane Smith page:99');
    const pastReply = past.type === 'reply' ? past.reply : null;
    expect(replyJson(pastReply!)).toMatchObject({ page: 9, pages: 9, total: 72 });
    expect(description(renderReply(pastReply!))).toMatch(/^_There are only 9 pages; this is the last\._/);
    expect(buttons(renderReply(pastReply!))[1]?.disabled).toBe(true);

    expect(await invoke(library, 'quotes Jane Smith page:two')).toEqual({ type: 'error', message: 'page must be a whole number from 1, like page:2.' });
    // Without a page asked for, the console and JSON show everything, as before paging.
    const whole = await invoke(library, 'quotes Jane Smith');
    expect(whole.type === 'reply' && (replyJson(whole.reply) as QuotesResult).quotes).toHaveLength(72);
    expect(whole.type === 'reply' && replyJson(whole.reply)).not.toHaveProperty('page');
  });

  it('keeps every item of a page within Discord’s limits, whatever the text', async () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ['a', ' ', '*', '_', '~', '`', '|', '>', '\\', '@everyone', '<@1>', '😀', '[x](y)', 'word '];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const quote = (i: number): WhoSaidAnswer => ({
      speaker: text(300),
      speakerName: 'x',
      quote: `Q${i}Q ${text(600)}`,
      sentence: 's',
      kind: i % 3 === 0 ? 'indirect' : 'direct',
      article: { id: `a${i}`, title: text(400), date: '2024-01-02', source: `https://example.org/${'long/'.repeat(100)}` },
      paragraph: i,
      score: 1,
      differences: [],
      confidence: i % 2 ? 0.3 : 0.95,
    });
    const result: QuotesResult = { speaker: text(300), article: null, quotes: Array.from({ length: 30 }, (_, i) => quote(i)), speakers: [], ms: 1 };
    for (let page = 1; page <= 4; page++) {
      const paging = { page, pages: 4, total: 30, size: QUOTES_A_PAGE, first: (page - 1) * QUOTES_A_PAGE, asked: page, digest: 'AbCdEf', resume: 'p1;quotes;AbCdEf;speaker=x', changed: true };
      const message = renderReply({ type: 'quotes', hide: false, result, paging });
      expectWithinLimits(message);
      const shown = [...description(message).matchAll(/Q(\d+)Q/g)].map((m) => Number(m[1]));
      expect(shown).toEqual(Array.from({ length: Math.min(QUOTES_A_PAGE, 30 - (page - 1) * QUOTES_A_PAGE) }, (_, i) => (page - 1) * QUOTES_A_PAGE + i));
      expect(description(message)).toContain(LIST_CHANGED);
    }
  });

  it('pages /articles and where a /who-is person appears, with no buttons for one page', async () => {
    const many = await Library.fromTexts(
      Array.from({ length: 23 }, (_, i) => ({
        id: `a${i}`,
        title: `Council meeting ${i}`,
        date: `2024-01-${String(i + 1).padStart(2, '0')}`,
        source: null,
        file: `a${i}.txt`,
        paragraphs: [`Mayor Jane Smith opened council meeting ${i}.`, `“We will meet again,” Smith said.`],
      })),
    );
    const listed = await runCommand(articles, { engine: many, options: line({ page: 3 }) });
    const page3 = renderReply(listed);
    expect(description(page3).match(/^• /gm)).toHaveLength(3);
    expect(page3.embeds[0]?.footer?.text).toBe('23 articles · Page 3 of 3');
    expect(buttons(page3).map((b) => b.disabled)).toEqual([false, true]);

    const who = await runCommand(findCommand('who-is')!, { engine: many, options: line({ person: 'Jane Smith' }) });
    expect(who.type === 'who-is' && who.paging).toMatchObject({ pages: 6, total: 23 });
    const overview = renderReply(who);
    expect(description(overview)).toContain('**Mayor Jane Smith**');
    const next = buttons(overview)[1]!;
    const { reply } = await turnPage(next.custom_id, many);
    const where = renderReply(reply);
    expect(description(where)).toMatch(/^\*\*Mayor Jane Smith\*\* · where they appear/);
    expect(description(where).match(/^\*\*Council meeting \d+/gm)).toHaveLength(5);
    expect(description(where)).toContain('> “We will meet again” (¶2)');
    expect(where.embeds[0]?.footer?.text).toBe('Page 2 of 6 · 23 articles');

    const single = await runCommand(quotes, { engine: many, options: line({ speaker: 'Jane Smith', article: 'a3' }) });
    expect(renderReply(single).components).toEqual([]);
  });

  it('says so when the library changed between two pages, and answers kindly when the list is gone', async () => {
    const before = await mayorLibrary(40);
    const first = await runCommand(quotes, { engine: before, options: line({ speaker: 'Jane Smith' }) });
    const next = buttons(renderReply(first))[1]!.custom_id;
    const after = await mayorLibrary(60);
    const { reply } = await turnPage(next, after);
    expect(reply.type === 'quotes' && reply.paging).toMatchObject({ page: 2, pages: 8, changed: true });
    expect(description(renderReply(reply))).toMatch(new RegExp(`^_${LIST_CHANGED}_`));
    const same = await turnPage(next, before);
    expect(same.reply.type === 'quotes' && same.reply.paging?.changed).toBe(false);

    const gone = await Library.fromTexts([{ id: 'x', title: 'Quiet day', date: null, source: null, file: 'x.txt', paragraphs: ['Nothing was said.'] }]);
    const notice = await turnPage(next, gone);
    expect(notice.reply).toMatchObject({ type: 'notice', hide: true });
    expect(notice.reply.type === 'notice' && notice.reply.message).toMatch(/^The library has changed since this list was shown\. No one called "Jane Smith"/);

    expect((await turnPage('p1;frobnicate;AbCdEf;;2', before)).reply).toEqual({ type: 'notice', message: OUT_OF_DATE_BUTTON, hide: true });
    expect((await turnPage('p1;who-said;AbCdEf;quote=x;2', before)).reply).toEqual({ type: 'notice', message: OUT_OF_DATE_BUTTON, hide: true });
    expect((await turnPage('p1;quotes;AbCdEf;nope=x;2', before)).reply).toEqual({ type: 'notice', message: OUT_OF_DATE_BUTTON, hide: true });
  });

  it('fits an article id or a speaker too long for a custom_id by a shorter form that gives the same list', async () => {
    const longId = `${'Wikinews_interviews_a_candidate_for_the_regional_elections_of_'.slice(0, 71)}~1a2b3c4d`;
    const title = 'Mayor answers questions about every plan of the town for the coming winter and spring';
    const library = await mayorLibrary(30, longId, title);
    // Typed as its title: the button carries the article's short reference instead (its id is too long too).
    const byTitle = await runCommand(quotes, { engine: library, options: line({ speaker: 'Smith', article: title }) });
    const paging = byTitle.type === 'quotes' ? byTitle.paging! : null;
    expect(paging?.resume).toContain(`article=${shortArticleRef(longId)}`);
    const next = buttons(renderReply(byTitle))[1]!;
    expect(next.custom_id.length).toBeLessThanOrEqual(LIMIT.customId);
    const turned = await turnPage(next.custom_id, library);
    expect(turned.reply.type === 'quotes' && turned.reply.paging).toMatchObject({ page: 2, changed: false });

    // A speaker typed at length: the name found, checked to list the same quotes.
    const wordy = 'Mayor Jane Smith '.repeat(5).trim();
    const long = await runCommand(quotes, { engine: library, options: line({ speaker: wordy }) });
    if (long.type === 'notice') throw new Error(long.message);
    expect(long.paging?.resume).toMatch(/speaker=Jane Smith$/);

    // When no shorter form gives the same list, no buttons: the footer says how to go on.
    const stub = {
      quotes: async (speaker: string | null): Promise<QuotesResult> =>
        speaker === wordy ? await library.quotes('Smith') : { speaker: 'Someone else', article: null, quotes: [], speakers: [], ms: 1 },
    } as unknown as Engine;
    const stuck = await runCommand(quotes, { engine: stub, options: line({ speaker: wordy }) });
    const message = renderReply(stuck);
    expect(message.components).toEqual([]);
    expect(message.embeds[0]?.footer?.text).toBe('Page 1 of 4 · /quotes page:2 for the next page');
  });
});
