/**
 * A server's view of the library: the shared library (the data folder, loaded once for every server) and
 * the server's own small libraries (the articles added in it, in segments of a few dozen), composed at
 * query time. Neither is copied into
 * the other: each answers the question on its own articles, and the two answers are merged here, so the
 * shared library's load and reload path knows nothing of servers, and a server's articles never reach
 * another server's answers.
 *
 * How each answer is merged:
 * - a question narrowed to one article (`article:`, an autocomplete value) goes to the library holding it;
 * - who-said: the answers of both, best score first, then the same cut as one library makes (the best, and
 *   others from 0.9 of it above the threshold, at most three); suggestions likewise when neither matches;
 * - what-happened: the answer whose best passage scores higher; when the other's comes within 0.95 of it,
 *   both are shown (the better first) and the answer says several articles match. Without a topic, the
 *   newest article of either is summarised;
 * - quotes, who-is: one speaker (one person) across both by the same name key the queries use;
 * - articles: every article of both, newest first, the server's marked as its own;
 * - autocomplete: the choices of both in turn, the server's first, at most 25.
 *
 * Scores of the two libraries are each library's own (a word's informativeness is counted in its own
 * library); they are comparable in kind (coverage of the typed words), which is what the merge relies on.
 *
 * Each library is reached through the seam (src/seam.ts: its view and its search index) and asked the
 * questions as src/queries/ask.ts asks them, exactly as a library alone answers.
 */
import type {
  ArticleSummary,
  ArticlesResult,
  Choice,
  PersonProfile,
  QuotesResult,
  SpeakerCount,
  SuggestOption,
  WhatHappenedResult,
  WhoIsResult,
  WhoSaidAnswer,
  WhoSaidResult,
} from '../answers.ts';
import { UserInputError, type Engine, type Scope, type ServerLibrary } from '../engine.ts';
import type { Article } from '../model.ts';
import { askArticles, askQuotes, askSuggest, askWhatHappened, askWhoIs, askWhoSaid } from '../queries/ask.ts';
import type { Collection } from '../seam.ts';
import { speakerKey } from '../queries/people.ts';
import { MAX_CHOICES } from '../queries/suggest.ts';
import { withTimeline } from '../queries/what-happened.ts';
import { MATCH_THRESHOLD, MAX_ANSWERS, RUNNER_UP_RATIO, cleanQuery } from '../queries/who-said.ts';

/** Another library's answer to /what-happened is shown too when its best passage scores this share of the best. */
const CLOSE = 0.95;
/** Passages a merged /what-happened shows from the better answer and from the other. */
const MERGED_PASSAGES = [3, 2] as const;
/** People a merged /who-is describes at most (as one library does). */
const MAX_PROFILES = 5;

/** The server's engine: answers from the shared library and the server's own, composed. */
export class ServerEngine implements Engine {
  constructor(
    private readonly sharedNow: () => Collection,
    /**
     * The server's own articles once read: small libraries (segments of at most a few dozen articles each,
     * so that adding one re-indexes one segment, not all), oldest first; empty while it has none.
     */
    private readonly ownNow: () => Promise<readonly Collection[]>,
    readonly server: ServerLibrary,
  ) {}

  /** Every library a question goes to: the shared one first, then the server's segments. */
  private async libraries(): Promise<{ shared: Collection; own: Collection[] }> {
    const own = (await this.ownNow()).filter((library) => library.view.size > 0);
    return { shared: this.sharedNow(), own };
  }

  /**
   * The one library that holds the article a scope (or an autocomplete value) names, or null when the
   * question is for all of them. An id is looked up first everywhere, then a title in the server's own
   * articles, then in the shared library (which answers an unknown one with its kind notice).
   */
  private static locate(shared: Collection, own: readonly Collection[], article: string | null | undefined): Collection | null {
    const wanted = article?.trim();
    if (!wanted) return null;
    if (own.length === 0) return shared;
    const byId = own.find((library) => library.view.hasId(wanted));
    if (byId) return byId;
    if (shared.view.hasId(wanted)) return shared;
    return own.find((library) => typeof library.view.resolveArticle(wanted) === 'number') ?? shared;
  }

  /** The library a question goes to alone, or null for all of them. */
  private static only(shared: Collection, own: readonly Collection[], article: string | null | undefined): Collection | null {
    return own.length === 0 ? shared : ServerEngine.locate(shared, own, article);
  }

  async whoSaid(query: string, scope: Scope = {}): Promise<WhoSaidResult> {
    const { shared, own } = await this.libraries();
    const byValue = /^q:(.+):(q\d+)$/.exec(cleanQuery(query))?.[1];
    const one = ServerEngine.only(shared, own, scope.article ?? byValue);
    if (one) return askWhoSaid(one, query, scope);
    const results = await Promise.all([shared, ...own].map((library) => askWhoSaid(library, query, scope)));
    const byScore = (x: WhoSaidAnswer, y: WhoSaidAnswer) => y.score - x.score;
    const answers = results.flatMap((r) => r.answers).sort(byScore);
    const best = answers[0];
    const kept = best
      ? answers.filter((r, i) => i === 0 || (r.score >= MATCH_THRESHOLD && r.score >= best.score * RUNNER_UP_RATIO)).slice(0, MAX_ANSWERS)
      : [];
    const suggestions = kept.length > 0 ? [] : results.flatMap((r) => r.suggestions).sort(byScore).slice(0, MAX_ANSWERS);
    return { query: results[0]!.query, answers: kept, suggestions, ms: totalMs(results) };
  }

  async whatHappened(topic: string | null, scope: Scope = {}): Promise<WhatHappenedResult> {
    const { shared, own } = await this.libraries();
    const one = ServerEngine.only(shared, own, scope.article);
    if (one) return askWhatHappened(one, topic, scope);
    if (topic === null || cleanQuery(topic) === '') {
      // A summary of the newest article, whichever library holds it (the shared one on a tie).
      const newest = ({ view }: Collection) => (view.byRecency[0] === undefined ? '' : (view.article(view.byRecency[0]).date ?? ''));
      const latest = [shared, ...own].reduce((best, library) => (newest(library) > newest(best) ? library : best));
      return askWhatHappened(latest, topic, scope);
    }
    const results = await Promise.all([shared, ...own].map((library) => askWhatHappened(library, topic, scope)));
    const top = (result: WhatHappenedResult) => Math.max(0, ...result.passages.map((p) => p.score));
    const [better, other] = [...results].sort((x, y) => top(y) - top(x));
    const ms = totalMs(results);
    if (!other || other.passages.length === 0 || top(other) < top(better!) * CLOSE) return { ...better!, ms };
    const passages = [...better!.passages.slice(0, MERGED_PASSAGES[0]), ...other.passages.slice(0, MERGED_PASSAGES[1])];
    return { ...withTimeline(better!.query, passages), several: true, ms };
  }

  async quotes(speaker: string | null, scope: Scope = {}): Promise<QuotesResult> {
    const { shared, own } = await this.libraries();
    const one = ServerEngine.only(shared, own, scope.article);
    if (one) return askQuotes(one, speaker, scope);
    const settled = await Promise.all([shared, ...own].map((library) => settle(askQuotes(library, speaker, scope))));
    const found = settled.flatMap((s) => ('value' in s ? [s.value] : []));
    if (found.length === 0) throw (settled[0] as { error: unknown }).error;
    const ms = totalMs(found);
    if (found[0]!.speaker === null) return { ...found[0]!, speakers: mergeSpeakers(found.map((r) => r.speakers)), ms };
    // A speaker asked for: one person across the libraries that found the same name (the closest name to what was typed).
    const typed = speakerKey(cleanQuery(speaker ?? ''));
    const nameOf = (result: QuotesResult) => speakerKey(result.quotes[0]?.speakerName ?? result.speaker ?? '');
    const closeness = (result: QuotesResult) => (nameOf(result) === typed ? 2 : nameOf(result).endsWith(` ${typed}`) ? 1 : 0);
    const chosen = [...found].sort((x, y) => closeness(y) - closeness(x))[0]!;
    const key = nameOf(chosen);
    const same = found.filter((r) => nameOf(r) === key || nameOf(r).endsWith(` ${key}`) || key.endsWith(` ${nameOf(r)}`));
    const fullest = same.reduce((x, y) => (nameOf(y).length > nameOf(x).length ? y : x));
    return { ...chosen, speaker: fullest.speaker, quotes: same.flatMap((r) => r.quotes), ms };
  }

  async articles(): Promise<ArticlesResult> {
    const { shared, own } = await this.libraries();
    if (own.length === 0) return askArticles(shared);
    const [first, ...rest] = await Promise.all([shared, ...own].map((library) => askArticles(library)));
    const marked: ArticleSummary[] = [...rest].reverse().flatMap((r) => r.articles).map((article) => ({ ...article, server: true }));
    return { articles: newestFirst([...marked, ...first!.articles]), ms: totalMs([first!, ...rest]) };
  }

  async whoIs(person: string, scope: Scope = {}): Promise<WhoIsResult> {
    const { shared, own } = await this.libraries();
    const byValue = /^p:(.+):(p\d+)$/.exec(cleanQuery(person))?.[1];
    const one = ServerEngine.only(shared, own, scope.article ?? byValue);
    if (one) return askWhoIs(one, person, scope);
    const results = await Promise.all([shared, ...own].map((library) => askWhoIs(library, person, scope)));
    return { query: results[0]!.query, people: mergePeople(results.map((r) => r.people), speakerKey(results[0]!.query)), ms: totalMs(results) };
  }

  async suggest(option: SuggestOption, typed: string, scope: Scope = {}): Promise<Choice[]> {
    const { shared, own } = await this.libraries();
    // The server's own articles only (the autocomplete of /library remove), newest segment first.
    const ownChoices = async (narrowed: Scope) => alternate(await Promise.all([...own].reverse().map((library) => askSuggest(library, option, typed, narrowed))));
    if (scope.library === 'server') {
      const one = own.length > 0 && scope.article ? ServerEngine.locate(shared, own, scope.article) : null;
      if (one === shared) return [];
      return one ? askSuggest(one, option, typed, { article: scope.article ?? null }) : ownChoices({ article: null });
    }
    const one = ServerEngine.only(shared, own, scope.article);
    if (one) return askSuggest(one, option, typed, scope);
    const [mine, theirs] = await Promise.all([ownChoices(scope), askSuggest(shared, option, typed, scope)]);
    return alternate([mine, theirs]);
  }

  async inspect(): Promise<Article[]> {
    const { shared, own } = await this.libraries();
    return [shared, ...own].flatMap(({ view }) => Array.from({ length: view.size }, (_, i) => view.article(i)));
  }
}

const totalMs = (results: readonly { ms: number }[]) => round(results.reduce((sum, r) => sum + r.ms, 0));

const round = (ms: number) => Math.round(ms * 100) / 100;

async function settle<T>(work: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  try {
    return { value: await work };
  } catch (error) {
    if (error instanceof UserInputError) return { error };
    throw error;
  }
}

/** Articles newest first, undated last; ties keep their order (the server's first). */
export function newestFirst<T extends { date: string | null }>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => {
      const dx = x.item.date ?? '';
      const dy = y.item.date ?? '';
      return dx === dy ? x.i - y.i : dx < dy ? 1 : -1;
    })
    .map(({ item }) => item);
}

/** Everyone quoted in any of the libraries, one entry per name key, most quoted first. */
function mergeSpeakers(lists: readonly SpeakerCount[][]): SpeakerCount[] {
  const byKey = new Map<string, SpeakerCount>();
  for (const speaker of lists.flat()) {
    const key = speakerKey(speaker.speakerName);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, speaker);
      continue;
    }
    const fuller = speaker.speakerName.length > seen.speakerName.length ? speaker : seen;
    byKey.set(key, { ...fuller, quotes: seen.quotes + speaker.quotes, articles: newestFirst([...seen.articles, ...speaker.articles]) });
  }
  return [...byKey.values()].sort((x, y) => y.quotes - x.quotes || x.speakerName.localeCompare(y.speakerName));
}

/** One profile per person across the libraries (the same name key); an exact name first, at most five. */
function mergePeople(lists: readonly PersonProfile[][], typed: string): PersonProfile[] {
  const [first = [], ...rest] = lists;
  const merged: PersonProfile[] = [...first];
  for (const person of rest.flat()) {
    const key = speakerKey(person.name);
    const i = merged.findIndex((p) => speakerKey(p.name) === key);
    if (i < 0) {
      merged.push(person);
      continue;
    }
    const seen = merged[i]!;
    const articles = [...(seen.articles ?? []), ...(person.articles ?? [])];
    const paragraphs = articles.reduce((sum, a) => sum + a.mentionedIn.length, 0);
    merged[i] = {
      ...seen,
      roles: [...new Set([...(seen.roles ?? []), ...(person.roles ?? [])])],
      articles,
      mentions: `mentioned in ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'} of ${articles.length} article${articles.length === 1 ? '' : 's'}`,
    };
  }
  const exact = (p: PersonProfile) => (speakerKey(p.name) === typed ? 0 : 1);
  return merged
    .map((person, i) => ({ person, i }))
    .sort((x, y) => exact(x.person) - exact(y.person) || x.i - y.i)
    .map(({ person }) => person)
    .slice(0, MAX_PROFILES);
}

/** Lists of choices in turn (the first list's first), each value once, at most 25. */
function alternate(lists: readonly Choice[][]): Choice[] {
  const out: Choice[] = [];
  const seen = new Set<string>();
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest && out.length < MAX_CHOICES; i++) {
    for (const choice of lists.map((list) => list[i])) {
      if (choice && !seen.has(choice.value) && out.length < MAX_CHOICES) {
        seen.add(choice.value);
        out.push(choice);
      }
    }
  }
  return out;
}
