/**
 * Autocomplete: the best choices for what has been typed so far, at most 25, names of at most 100
 * characters (Discord's limits), values compact and resolved when the command runs. Ranked as people
 * expect: exact or prefix hits first, then word hits, then matches found by the search index.
 */
import type { Choice, SuggestOption } from '../answers.ts';
import type { Asked } from './context.ts';
import type { LibraryView } from '../seam.ts';
import { fold } from '../search/match.ts';
import { RecentCache } from '../search/recent-cache.ts';
import { speakerWords } from '../format/certainty.ts';
import { findPeople, personChoiceValue, speakerCounts, speakerKey } from './people.ts';
import { cleanQuery, quoteChoiceValue } from './who-said.ts';

export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;

export async function suggest(asked: Asked, option: SuggestOption, rawTyped: string, article: number | null): Promise<Choice[]> {
  const { view } = asked;
  const typed = cleanQuery(rawTyped).slice(0, 200);
  const choices = await (async () => {
    switch (option) {
      case 'quote':
        return quoteChoices(asked, typed, article);
      case 'topic':
        return topicChoices(view, typed, article);
      case 'speaker':
        return speakerChoices(view, typed, article);
      case 'person':
        return personChoices(view, typed, article);
      case 'article':
        return articleChoices(view, typed);
    }
  })();
  const seen = new Set<string>();
  return choices
    .map((c) => ({ name: clip(c.name, MAX_CHOICE_LENGTH), value: c.value.slice(0, MAX_CHOICE_LENGTH) }))
    .filter((c) => c.name.length > 0 && !seen.has(c.value) && seen.add(c.value))
    .slice(0, MAX_CHOICES);
}

async function quoteChoices(asked: Asked, typed: string, article: number | null): Promise<Choice[]> {
  const { view } = asked;
  const table = view.quotes;
  const inScope = (id: number) => article === null || table.articleOf(id) === article;
  let ids: number[];
  if (!typed) {
    // Nothing typed yet: the quotes of the newest articles, in article order.
    ids = [];
    for (const a of view.byRecency) {
      if (article !== null && a !== article) continue;
      const { first, end } = table.range(a);
      for (let id = first; id < end; id++) ids.push(id);
      if (ids.length >= MAX_CHOICES) break;
    }
  } else {
    const folded = fold(typed);
    const plan = asked.plan(typed);
    const searched =
      plan.terms.length > 0
        ? (await asked.index.candidates('quotes', plan, { prefix: true, filter: { article }, limit: LITERAL_RANKED })).map((hit) => hit.id)
        : await literalMatches(view, folded, inScope);
    // Of the best matches, quotes that contain what was typed, as typed, come first.
    const best = searched.slice(0, LITERAL_RANKED);
    await view.load({ quotes: best });
    const literal = best.filter((id) => foldedQuote(view, id).includes(folded));
    ids = [...literal, ...best];
  }
  const shown = ids.slice(0, MAX_CHOICES * 2);
  await view.load({ quotes: shown });
  // Only the first MAX_CHOICES quotes of distinct values are offered (`suggest` drops the rest): the others'
  // names are not written.
  const offered: number[] = [];
  const values = new Set<string>();
  for (const id of shown) {
    if (offered.length >= MAX_CHOICES) break;
    const value = quoteChoiceValue(view, id).slice(0, MAX_CHOICE_LENGTH);
    if (values.has(value)) continue;
    values.add(value);
    offered.push(id);
  }
  return offered.map((id) => {
    const speaker = table.speakerOf(id);
    // Reported speech is labelled as such (it is not the speaker's words), and a shaky attribution says so.
    const who = clip(speaker ? speakerWords(speaker.name, table.confidenceOf(id)) : 'unknown speaker', 40);
    const reported = table.kind(id) === 'indirect';
    const room = 100 - who.length - (reported ? 14 : 5);
    const text = clip(table.text(id), room);
    return { name: reported ? `(reported) ${text} — ${who}` : `“${text}” — ${who}`, value: quoteChoiceValue(view, id) };
  });
}

/** How many of the search's best quotes are checked for the typed text as written. */
const LITERAL_RANKED = 100;

/** Most quotes read when only small words ("we will") have been typed, which the index does not hold. */
const LITERAL_SCAN_LIMIT = 10_000;

/** Quotes that contain the typed text as written, newest articles first, for typing the index cannot search. */
async function literalMatches(view: LibraryView, folded: string, inScope: (id: number) => boolean): Promise<number[]> {
  const found: number[] = [];
  let id = view.quotes.length - 1;
  for (let read = 0; id >= 0 && read < LITERAL_SCAN_LIMIT && found.length < MAX_CHOICES; ) {
    // A run of quotes at a time is loaded (a database's round trip), then read.
    const run: number[] = [];
    for (; id >= 0 && read < LITERAL_SCAN_LIMIT && run.length < LITERAL_RUN; id--, read++) if (inScope(id)) run.push(id);
    await view.load({ quotes: run });
    for (const at of run) {
      if (found.length >= MAX_CHOICES) break;
      if (foldedQuote(view, at).includes(folded)) found.push(at);
    }
  }
  return found;
}

/** Quotes read per round trip by the literal scan. */
const LITERAL_RUN = 500;

/**
 * Quote texts folded for matching what was typed as written, the ones read lately (folding, Unicode
 * normalisation, costs microseconds a quote, and typing reads the same quotes again), per library. Bounded:
 * kept for every quote ever read, they grew with the library (an array as long as its quotes, 5.5 MB at
 * 10,000 articles, and every quote's folded words once read), which a bot serving for weeks must not.
 * Twice the literal scan's reading, so that the quotes of one keystroke are at hand for the next.
 */
const foldedQuotes = new WeakMap<LibraryView, RecentCache<number, string>>();
export const FOLDED_QUOTES_KEPT = 20_000;

export function foldedQuote(view: LibraryView, id: number): string {
  let folded = foldedQuotes.get(view);
  if (!folded) foldedQuotes.set(view, (folded = new RecentCache(FOLDED_QUOTES_KEPT)));
  return folded.get(id, () => fold(view.quotes.text(id)));
}

/** Folded titles and speaker names, computed once per library for matching as people type. */
const foldedNames = new WeakMap<LibraryView, { titles: string[]; speakers: { name: string; folded: string }[] }>();

function namesOf(view: LibraryView) {
  let names = foldedNames.get(view);
  if (!names) {
    names = {
      titles: Array.from({ length: view.size }, (_, i) => fold(view.article(i).title)),
      speakers: speakerCounts(view, null).map((s) => ({ name: s.speakerName, folded: fold(s.speakerName) })),
    };
    foldedNames.set(view, names);
  }
  return names;
}

function topicChoices(view: LibraryView, typed: string, article: number | null): Choice[] {
  // Topics are free text: suggest the people in the news and article titles that match what was typed.
  const folded = fold(typed);
  const names = namesOf(view);
  const people = folded ? names.speakers.filter((s) => s.folded.includes(folded)).slice(0, MAX_CHOICES).map((s) => s.name) : [];
  const fromTitles: string[] = [];
  for (const i of view.byRecency) {
    if (fromTitles.length >= MAX_CHOICES) break;
    if ((article === null || i === article) && (!folded || names.titles[i]!.includes(folded))) {
      fromTitles.push(view.article(i).title);
    }
  }
  const choices = [...people, ...fromTitles].map((text) => ({ name: text, value: text }));
  if (typed && !choices.some((c) => fold(c.value) === folded)) choices.unshift({ name: typed, value: typed });
  return choices;
}

function speakerChoices(view: LibraryView, typed: string, article: number | null): Choice[] {
  const speakers = speakerCounts(view, article);
  const key = speakerKey(typed);
  const starts = (s: string) => speakerKey(s).startsWith(key) || speakerKey(s).split(' ').some((w) => w.startsWith(key));
  const matching = key ? speakers.filter((s) => starts(s.speakerName) || starts(s.speaker)) : speakers;
  return matching.map((s) => ({
    name: `${s.speaker} (${s.quotes} quote${s.quotes === 1 ? '' : 's'})`,
    value: s.speakerName,
  }));
}

async function personChoices(view: LibraryView, typed: string, article: number | null): Promise<Choice[]> {
  // Nothing typed: the first people of the library (or the article), as many as are offered.
  const found = typed ? await findPeople(view, typed, article) : await view.people({ words: [], article, limit: MAX_CHOICES });
  return found.map(({ article: a, person }) => ({
    name: `${person.display} — ${view.article(a).title}`,
    value: personChoiceValue(view, a, person),
  }));
}

function articleChoices(view: LibraryView, typed: string): Choice[] {
  const folded = fold(typed);
  const { titles } = namesOf(view);
  // Titles that start with what was typed, then titles with a word that does, then titles containing it.
  const tiers: number[][] = [[], [], []];
  for (const i of view.byRecency) {
    const title = titles[i]!;
    if (!folded || title.startsWith(folded)) tiers[0]!.push(i);
    else if (title.includes(` ${folded}`)) tiers[1]!.push(i);
    else if (title.includes(folded)) tiers[2]!.push(i);
    if (tiers[0]!.length >= MAX_CHOICES) break;
  }
  return tiers.flat().map((i) => {
    const a = view.article(i);
    return { name: a.date ? `${a.title} (${a.date})` : a.title, value: a.id };
  });
}

/** Cuts text to `max` characters on a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  const clean = cleanStart(text, max);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The text with its whitespace folded and trimmed, or, for a long text of which `clip` shows only the
 * start, enough of its start: what `clip` reads of it is the same (an interview answer quoted whole runs
 * to thousands of characters, of which a choice shows a hundred).
 */
function cleanStart(text: string, max: number): string {
  const enough = Math.max(max, 1) + 2;
  if (text.length > 4 * enough) {
    // The start folded alone is the start of the whole folded, but for its last character (a space there
    // may be one the whole would trim at its end): with `enough` characters, more than `max` are right.
    const start = text.slice(0, 4 * enough).replace(/\s+/g, ' ').trimStart();
    if (start.length >= enough) return start;
  }
  return text.replace(/\s+/g, ' ').trim();
}
