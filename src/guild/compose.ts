/**
 * A server's view of the library: the shared library (the data folder, loaded once for every server) and
 * the server's own small library (the articles added in it), composed at query time. Neither is copied into
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
import type { Library } from '../library.ts';
import type { Article } from '../model.ts';
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

type Side = 'own' | 'shared';

/** The engine of one server: answers from the shared library and the server's own, composed. */
export class ServerEngine implements Engine {
  constructor(
    private readonly sharedNow: () => Library,
    /** The server's own library once loaded (null while it has no article). */
    private readonly ownNow: () => Promise<Library | null>,
    readonly server: ServerLibrary,
  ) {}

  /** Both libraries as they are now; `own` null when the server has no article of its own. */
  private async both(): Promise<{ shared: Library; own: Library | null }> {
    const own = await this.ownNow();
    return { shared: this.sharedNow(), own: own && own.collection.length > 0 ? own : null };
  }

  /** Which library holds the article a scope (or an autocomplete value) names; null: both. */
  private static locate(shared: Library, own: Library | null, article: string | null | undefined): Side | null {
    const wanted = article?.trim();
    if (!wanted || !own) return wanted ? 'shared' : null;
    if (own.hasId(wanted)) return 'own';
    if (shared.hasId(wanted)) return 'shared';
    return typeof own.resolveArticle(wanted) === 'number' ? 'own' : 'shared';
  }

  async whoSaid(query: string, scope: Scope = {}): Promise<WhoSaidResult> {
    const { shared, own } = await this.both();
    const byValue = /^q:(.+):(q\d+)$/.exec(cleanQuery(query))?.[1];
    const side = ServerEngine.locate(shared, own, scope.article ?? byValue);
    if (!own || side === 'shared') return shared.whoSaid(query, scope);
    if (side === 'own') return own.whoSaid(query, scope);
    const [a, b] = await Promise.all([shared.whoSaid(query, scope), own.whoSaid(query, scope)]);
    const byScore = (x: WhoSaidAnswer, y: WhoSaidAnswer) => y.score - x.score;
    const answers = [...a.answers, ...b.answers].sort(byScore);
    const best = answers[0];
    const kept = best
      ? answers.filter((r, i) => i === 0 || (r.score >= MATCH_THRESHOLD && r.score >= best.score * RUNNER_UP_RATIO)).slice(0, MAX_ANSWERS)
      : [];
    const suggestions = kept.length > 0 ? [] : [...a.suggestions, ...b.suggestions].sort(byScore).slice(0, MAX_ANSWERS);
    return { query: a.query, answers: kept, suggestions, ms: round(a.ms + b.ms) };
  }

  async whatHappened(topic: string | null, scope: Scope = {}): Promise<WhatHappenedResult> {
    const { shared, own } = await this.both();
    const side = ServerEngine.locate(shared, own, scope.article);
    if (!own || side === 'shared') return shared.whatHappened(topic, scope);
    if (side === 'own') return own.whatHappened(topic, scope);
    if (topic === null || cleanQuery(topic) === '') {
      // A summary of the newest article, whichever library holds it (the shared one on a tie).
      const newest = (library: Library) => library.collection[library.byRecency[0] ?? -1]?.date ?? '';
      return newest(own) > newest(shared) ? own.whatHappened(topic, scope) : shared.whatHappened(topic, scope);
    }
    const [a, b] = await Promise.all([shared.whatHappened(topic, scope), own.whatHappened(topic, scope)]);
    const top = (result: WhatHappenedResult) => Math.max(0, ...result.passages.map((p) => p.score));
    const [better, other] = top(b) > top(a) ? [b, a] : [a, b];
    const ms = round(a.ms + b.ms);
    if (other.passages.length === 0 || top(other) < top(better) * CLOSE) return { ...better, ms };
    const passages = [...better.passages.slice(0, MERGED_PASSAGES[0]), ...other.passages.slice(0, MERGED_PASSAGES[1])];
    return { ...withTimeline(better.query, passages), several: true, ms };
  }

  async quotes(speaker: string | null, scope: Scope = {}): Promise<QuotesResult> {
    const { shared, own } = await this.both();
    const side = ServerEngine.locate(shared, own, scope.article);
    if (!own || side === 'shared') return shared.quotes(speaker, scope);
    if (side === 'own') return own.quotes(speaker, scope);
    const [a, b] = await Promise.all([settle(shared.quotes(speaker, scope)), settle(own.quotes(speaker, scope))]);
    if ('error' in a && 'error' in b) throw a.error;
    if ('error' in a) return (b as { value: QuotesResult }).value;
    if ('error' in b) return a.value;
    const [x, y] = [a.value, b.value];
    const ms = round(x.ms + y.ms);
    if (x.speaker === null) return { ...x, speakers: mergeSpeakers(x.speakers, y.speakers), ms };
    // A speaker asked for: one person when both libraries found the same name; else the closer name.
    const typed = speakerKey(cleanQuery(speaker ?? ''));
    const nameOf = (result: QuotesResult) => speakerKey(result.quotes[0]?.speakerName ?? result.speaker ?? '');
    const closeness = (name: string) => (name === typed ? 2 : name.endsWith(` ${typed}`) ? 1 : 0);
    const [nx, ny] = [nameOf(x), nameOf(y)];
    if (nx === ny || nx.endsWith(` ${ny}`) || ny.endsWith(` ${nx}`)) {
      const fuller = ny.length > nx.length ? y : x;
      return { ...x, speaker: fuller.speaker, quotes: [...x.quotes, ...y.quotes], ms };
    }
    return { ...(closeness(ny) > closeness(nx) ? y : x), ms };
  }

  async articles(): Promise<ArticlesResult> {
    const { shared, own } = await this.both();
    if (!own) return shared.articles();
    const [a, b] = await Promise.all([shared.articles(), own.articles()]);
    const marked: ArticleSummary[] = b.articles.map((article) => ({ ...article, server: true }));
    return { articles: newestFirst([...marked, ...a.articles]), ms: round(a.ms + b.ms) };
  }

  async whoIs(person: string, scope: Scope = {}): Promise<WhoIsResult> {
    const { shared, own } = await this.both();
    const byValue = /^p:(.+):(p\d+)$/.exec(cleanQuery(person))?.[1];
    const side = ServerEngine.locate(shared, own, scope.article ?? byValue);
    if (!own || side === 'shared') return shared.whoIs(person, scope);
    if (side === 'own') return own.whoIs(person, scope);
    const [a, b] = await Promise.all([shared.whoIs(person, scope), own.whoIs(person, scope)]);
    return { query: a.query, people: mergePeople(a.people, b.people, speakerKey(a.query)), ms: round(a.ms + b.ms) };
  }

  async suggest(option: SuggestOption, typed: string, scope: Scope = {}): Promise<Choice[]> {
    const { shared, own } = await this.both();
    if (scope.library === 'server') return own ? own.suggest(option, typed, { article: scope.article ?? null }) : [];
    const side = ServerEngine.locate(shared, own, scope.article);
    if (!own || side === 'shared') return shared.suggest(option, typed, scope);
    if (side === 'own') return own.suggest(option, typed, scope);
    const [a, b] = await Promise.all([shared.suggest(option, typed, scope), own.suggest(option, typed, scope)]);
    return alternate(b, a);
  }

  async inspect(): Promise<Article[]> {
    const { shared, own } = await this.both();
    return own ? [...(await shared.inspect()), ...(await own.inspect())] : shared.inspect();
  }
}

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
function newestFirst<T extends { date: string | null }>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => {
      const dx = x.item.date ?? '';
      const dy = y.item.date ?? '';
      return dx === dy ? x.i - y.i : dx < dy ? 1 : -1;
    })
    .map(({ item }) => item);
}

/** Everyone quoted in either library, one entry per name key, most quoted first. */
function mergeSpeakers(shared: SpeakerCount[], own: SpeakerCount[]): SpeakerCount[] {
  const byKey = new Map<string, SpeakerCount>();
  for (const speaker of [...shared, ...own]) {
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

/** One profile per person across both libraries (the same name key); an exact name first, at most five. */
function mergePeople(shared: PersonProfile[], own: PersonProfile[], typed: string): PersonProfile[] {
  const merged: PersonProfile[] = [...shared];
  for (const person of own) {
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

/** Two lists of choices in turn (`first`'s first), each value once, at most 25. */
function alternate(first: Choice[], second: Choice[]): Choice[] {
  const out: Choice[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < Math.max(first.length, second.length) && out.length < MAX_CHOICES; i++) {
    for (const choice of [first[i], second[i]]) {
      if (choice && !seen.has(choice.value) && out.length < MAX_CHOICES) {
        seen.add(choice.value);
        out.push(choice);
      }
    }
  }
  return out;
}
