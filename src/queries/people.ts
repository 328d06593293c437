/**
 * People in the library: `/quotes` (a speaker's quotes, or everyone quoted with counts) and `/who-is`
 * (who a person is in an article: role, full name, statements, where they are mentioned).
 *
 * Within an article a person is one identity (attribution merges "Defense Secretary Lloyd Austin",
 * "Austin" and "he"); across articles, people with the same name are taken as the same speaker.
 */
import type { PersonProfile, QuotesResult, SpeakerCount, WhoIsResult, WhoSaidAnswer } from '../answers.ts';
import type { LibraryView } from '../seam.ts';
import { UserInputError } from '../engine.ts';
import type { Person } from '../model.ts';
import { happeningClass, isDemonymName, isPlaceName, speakingNounClass, thingClass } from '../attribution/gazetteer.ts';
import { isDemonym, isFirstName, isOrganisationHead, isOrganisationNoun, isPlace, isPluralNoun, isRoleNoun, singularOf, tagsOf } from '../attribution/lexicon.ts';
import { fold, isTypo } from '../search/match.ts';
import { answerFor, cleanQuery } from './who-said.ts';

/** The key under which a person's name is one speaker across articles. */
export function speakerKey(name: string): string {
  return fold(name)
    .replace(/^(the|a|an)\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A person as found in one article. */
interface Found {
  article: number;
  person: Person;
  /** How well the typed name matches (1: the full name). */
  match: number;
}

/** Finds the people whose name, surname or role matches what was typed, best first. */
export async function findPeople(view: LibraryView, typed: string, article: number | null, only?: (person: Person) => boolean): Promise<Found[]> {
  const wanted = speakerKey(typed);
  if (!wanted) return [];
  // The view gives at least everyone a word of whose name or role matches (a database looks them up by word),
  // in library order; the names are matched here.
  return matchPeople(await view.people({ words: wanted.split(' '), article }), wanted, only);
}

/** Those of `pool` whose name, surname or role matches the typed words (`speakerKey`'d), best first. */
function matchPeople(pool: readonly { article: number; person: Person }[], wanted: string, only?: (person: Person) => boolean): Found[] {
  const wantedWords = wanted.split(' ');
  const found: Found[] = [];
  for (const { article: i, person } of pool) {
    if (only && !only(person)) continue;
    const match = nameMatch(wanted, wantedWords, person);
    if (match > 0) found.push({ article: i, person, match });
  }
  return found.sort((x, y) => y.match - x.match);
}

/**
 * How well typed words name a person: the full name (1), the surname or the name's last words (0.9),
 * every typed word among the name's and role's words, typos allowed (0.8), or some of them (less).
 */
function nameMatch(wanted: string, wantedWords: string[], person: Person): number {
  const name = speakerKey(person.name);
  if (name === wanted && wantedWords.length > 1) return 1;
  if (name === wanted || name.endsWith(` ${wanted}`)) return 0.9;
  if (speakerKey(person.display) === wanted) return 0.9;
  const nameWords = `${name} ${speakerKey(person.role ?? '')}`.split(' ').filter(Boolean);
  const last = wantedWords.length - 1;
  // The last word may still be being typed ("Kul" for Kuleba).
  const hit = (w: string, i: number) =>
    nameWords.some((n) => n === w || isTypo(n, w) || (i === last && w.length >= 2 && n.startsWith(w)));
  const covered = wantedWords.filter(hit).length / wantedWords.length;
  if (covered === 1) return 0.8;
  return covered >= 0.5 ? 0.5 * covered : 0;
}

export async function listQuotes(view: LibraryView, rawSpeaker: string | null, article: number | null): Promise<Omit<QuotesResult, 'ms'>> {
  const speaker = rawSpeaker === null ? '' : cleanQuery(rawSpeaker);
  const articleRef = article !== null ? view.ref(article) : null;
  if (!speaker) return { speaker: null, article: articleRef, quotes: [], speakers: speakerCounts(view, article) };

  // Only people who are quoted, so "Trump" lists the Trump who speaks, not one merely mentioned.
  const quoted = quotedPeople(view);
  const found = await findPeople(view, speaker, article, (person) => quoted.has(person));
  if (found.length === 0) {
    throw new UserInputError(`No one called "${speaker}" is quoted in the library. Try /quotes without a speaker to see who is.`);
  }
  const best = found[0]!.match;
  const chosen = new Set(found.filter((f) => f.match === best).map((f) => `${f.article}:${f.person.id}`));
  const ids: number[] = [];
  const table = view.quotes;
  for (let id = 0; id < table.length; id++) {
    const speaker = table.speakerOf(id);
    if (speaker && chosen.has(`${table.articleOf(id)}:${speaker.id}`)) ids.push(id);
  }
  await view.load({ quotes: ids });
  const quotes: WhoSaidAnswer[] = ids.map((id) => answerFor(view, id, [], 1));
  return { speaker: found[0]!.person.display, article: articleRef, quotes, speakers: [] };
}

/** The people (across the library) to whom at least one quote is attributed. */
function quotedPeople(view: LibraryView): Set<Person> {
  const people = new Set<Person>();
  const table = view.quotes;
  for (let id = 0; id < table.length; id++) {
    const speaker = table.speakerOf(id);
    if (speaker) people.add(speaker);
  }
  return people;
}

/** Everyone quoted, with how many quotes each, most first. */
/** The whole library's speaker list, computed once per library: autocomplete asks for it on every keystroke. */
const allSpeakers = new WeakMap<LibraryView, SpeakerCount[]>();

export function speakerCounts(view: LibraryView, article: number | null): SpeakerCount[] {
  if (article === null) {
    let counts = allSpeakers.get(view);
    if (!counts) {
      counts = countSpeakers(view, null);
      allSpeakers.set(view, counts);
    }
    return counts;
  }
  return countSpeakers(view, article);
}

function countSpeakers(view: LibraryView, article: number | null): SpeakerCount[] {
  const table = view.quotes;
  const { first, end } = article === null ? { first: 0, end: table.length } : table.range(article);
  // Each speaker's key is worked out once, not once per quote.
  const keys = new Map<Person, string>();
  const keyOf = (speaker: Person) => {
    let key = keys.get(speaker);
    if (key === undefined) keys.set(speaker, (key = speakerKey(speaker.name)));
    return key;
  };
  const entries: { article: number; speaker: Person }[] = [];
  for (let id = first; id < end; id++) {
    const speaker = table.speakerOf(id);
    if (speaker) entries.push({ article: table.articleOf(id), speaker });
  }
  const canonical = canonicalKeys(entries.map((entry) => keyOf(entry.speaker)));
  const bySpeaker = new Map<string, { count: SpeakerCount; articles: Set<number> }>();
  for (const entry of entries) {
    const speaker = entry.speaker;
    const key = canonical.get(keyOf(speaker))!;
    let item = bySpeaker.get(key);
    if (!item) {
      item = { count: { speaker: speaker.display, speakerName: speaker.name, quotes: 0, articles: [] }, articles: new Set() };
      bySpeaker.set(key, item);
    }
    // The fullest name seen stands for the speaker ("Joe Biden" rather than "Biden").
    if (keyOf(speaker) === key && item.count.speakerName !== speaker.name && speaker.name.length > item.count.speakerName.length) {
      item.count = { ...item.count, speaker: speaker.display, speakerName: speaker.name };
    }
    item.count.quotes++;
    item.articles.add(entry.article);
  }
  return [...bySpeaker.values()]
    .map(({ count, articles }) => ({ ...count, articles: view.newestFirst([...articles]).map((a) => view.ref(a)) }))
    .sort((x, y) => y.quotes - x.quotes || x.speakerName.localeCompare(y.speakerName));
}

/**
 * Across articles, a surname alone ("biden") is the same speaker as the one full name that ends with it
 * ("joe biden"); when several full names share the surname, it stays apart, as the articles leave it.
 */
function canonicalKeys(keys: string[]): Map<string, string> {
  const distinct = [...new Set(keys)];
  const canonical = new Map<string, string>();
  for (const key of distinct) {
    const fuller = key.includes(' ') ? [] : distinct.filter((other) => other.endsWith(` ${key}`));
    canonical.set(key, fuller.length === 1 ? fuller[0]! : key);
  }
  return canonical;
}

export async function whoIs(view: LibraryView, rawPerson: string, article: number | null): Promise<Omit<WhoIsResult, 'ms'>> {
  const query = cleanQuery(rawPerson);
  if (!query) throw new UserInputError('Type a name or a role, for example "Austin" or "the official".');
  const fromChoice = /^p:(.+):(p\d+)$/.exec(query);
  if (fromChoice) {
    const a = view.resolveArticle(fromChoice[1]);
    if (typeof a === 'number') await view.load({ people: [a] });
    const person = typeof a === 'number' ? view.article(a).people.find((p) => p.id === fromChoice[2]) : undefined;
    if (typeof a === 'number') await view.load({ articles: [a] });
    return { query, people: person && typeof a === 'number' ? [profile(view, [{ article: a, person, match: 1 }])] : [] };
  }
  const key = speakerKey(query);
  if (!key) return { query, people: [] };
  const wanted = key.split(' ');
  // Everyone the typed words may name, asked once: matched by name, and looked through for a thing of that name.
  const everyone = await view.people({ words: wanted, article });
  // A title typed before the name ("Mr Tong", "Sultan Qaboos") is matched with the name and without it.
  const named = untitled(wanted);
  const matching = named.length === wanted.length ? matchPeople(everyone, key) : bestMatches([...matchPeople(everyone, key), ...matchPeople(everyone, named.join(' '))]);
  // A thing typed (a place, an institution, a group) asks for people of that very name only: "Iran" is not
  // "Iranian Grand Master …", "WHO" not "Whoopi Goldberg", "Samoa" not "Samos", and "General Services
  // Administration" asks for no general. Everyone the typed words may name is asked (the WHO by "WHO").
  const thing = await namesThing(view, everyone, wanted.join(' '));
  // Role words match only when a role is asked for ("the Iraqi prime minister"): "Tehran" is not the prosecutor general of Tehran.
  const asksRole = !thing && wanted.some((w) => isRoleNoun(w));
  const candidates = matching.filter(
    (f) =>
      !isNonPerson(f.person) &&
      (!thing || wholeName(f.person, wanted)) &&
      (f.match > 0.8 || (f.match === 0.8 && (asksRole || namedBy(f.person, named))) || matchesSurname(f.person, wanted)) &&
      (asksRole || describedBy(f.person, wanted)) &&
      !otherNameTyped(f.person, wanted),
  );
  // Whether the article writes the name as a thing's reads its sentences: they are loaded first (a database
  // backend fetches them in one round trip).
  if (candidates.length > 0) await view.load({ articles: [...new Set(candidates.map((f) => f.article))] });
  const things = new Set(candidates.filter((f) => namesNoPerson(view, f)));
  // One name, one identity across the library: where some article writes the typed name as a thing's (or the
  // library knows a thing of that name), the same name elsewhere with no "he" or "she" is that thing too
  // ("Instagram" posted on in one article, followed in another).
  const thingNamed = thing || [...things].some((t) => speakerKey(t.person.name) === key);
  const sameThing = (f: Found) => thingNamed && f.person.gender === null && speakerKey(f.person.name) === key;
  const found = candidates.filter((f) => !things.has(f) && !sameThing(f));
  if (asksRole) {
    for (const holder of await roleHolders(view, wanted, article)) {
      const same = found.find((f) => f.article === holder.article && f.person === holder.person);
      if (!same) found.push(holder);
      else same.match = Math.max(same.match, holder.match);
    }
  }
  if (found.length === 0) return { query, people: [] };
  // What the profiles read of the articles (their quotes) is at hand before they are weighed.
  await view.load({ articles: [...new Set(found.map((f) => f.article))] });
  // One identity per person across the library: the same full name (a surname alone joins the one full
  // name ending with it), each with every article they appear in.
  const canonical = canonicalKeys(found.map((f) => speakerKey(f.person.name)));
  const identities = new Map<string, Found[]>();
  for (const f of found) {
    const key = canonical.get(speakerKey(f.person.name))!;
    identities.set(key, [...(identities.get(key) ?? []), f]);
  }
  const weight = (f: Found) => f.person.mentions.length + 3 * statementsOf(view, f).length + (titleNames(view, f) ? 10 : 0);
  const people = [...identities.values()]
    .map((appearances) => ({
      appearances: appearances.sort((x, y) => y.match - x.match || weight(y) - weight(x)),
      best: Math.max(...appearances.map((a) => a.match)),
      exact: appearances.some((a) => spelt(a.person, named)),
    }))
    // An exact name outranks a partial one, and a name spelt as typed one matched by a typo ("Tong" is not
    // "Tony"); among as good matches, the people the articles say most about first.
    .sort((x, y) => y.best - x.best || Number(y.exact) - Number(x.exact) || sum(y.appearances, weight) - sum(x.appearances, weight))
    .slice(0, MAX_PROFILES);
  return { query, people: people.map((p) => profile(view, p.appearances)) };
}

/**
 * Whether typed words name a thing rather than someone: a place of the gazetteer or the lexicon ("Samoa",
 * "London"), or something of the library that is no person (a place, institution, group or event:
 * `isNonPerson`) by its name or a name it is mentioned by ("the WHO", "European Union").
 */
async function namesThing(view: LibraryView, everyone: readonly { article: number; person: Person }[], wanted: string): Promise<boolean> {
  if (isPlaceName(wanted) || (!wanted.includes(' ') && isPlace(wanted))) return true;
  // A name of several words ending in an institution's noun or a thing's ("General Services Administration",
  // "Grand Mosque"): the name of an institution or a thing, not of someone. Not a role with its place ("the
  // governor of Ohio", "Montana secretary of state"), nor a place (WordNet lists "Seoul" as a location).
  const words = wanted.split(' ');
  const head = words.at(-1)!;
  // A first name or a title before it makes it a person's name ("Peter Hall", "Dr Ann Field").
  // So does someone of the library known as "he" or "she" whose name begins and ends with the typed words (a
  // given name the lexicon lacks, middle names left out: "Tynice Hall" of Tynice Nichole Hall).
  const personal =
    words.slice(0, -1).some((w) => isFirstName(w) || tagsOf(w).some((t) => t === 'Honorific' || t === 'Abbreviation')) ||
    everyone.some(({ person }) => {
      if (person.gender === null) return false;
      const name = speakerKey(person.name).split(' ');
      return name.length >= words.length && name[0] === words[0] && name.at(-1) === head;
    });
  if (words.length > 1 && !personal && !words.includes('of') && !isPlaceName(head) && !isPlace(head) && (isOrganisationNoun(head) || isOrganisationHead(head) || thingClass(head) !== null || happeningClass(head) !== null)) return true;
  // Among everyone the typed words may name (the embedded library gives everyone in scope), a text can only
  // fold to the typed words when its length is near theirs, which is checked before anything is folded.
  const near = (text: string) => Math.abs(text.length - wanted.length) <= NEAR_LENGTH;
  const named = (text: string) => near(text) && speakerKey(text) === wanted;
  if (everyone.some(({ person }) => named(person.name) && isNonPerson(person))) return true;
  // An institution by a name it is mentioned by ("the WHO" of the World Health Organization (WHO)): the
  // institutions' mentions are read first (a database sends them for these people only).
  const institutions = everyone.filter(({ person }) => person.organisation);
  if (institutions.length === 0) return false;
  await view.load({ people: [...new Set(institutions.map((f) => f.article))] });
  return institutions.some(({ person }) => person.mentions.some((m) => named(m.text)));
}

/** How much longer or shorter than the typed words a name may be written and fold to them ("the", "'s", marks). */
const NEAR_LENGTH = 6;

/**
 * Whether the typed words are a person's name as whole words (no typo, no prefix): the name's last words (a
 * surname: "Jordan" of Michael Jordan), or words before them in the name of someone known as "he" or "she"
 * ("Kobe" of Kobe Bryant), not the owner of a description ("Democratic Party's first female candidate").
 */
function wholeName(person: Person, wanted: readonly string[]): boolean {
  const name = speakerKey(person.name);
  const typed = wanted.join(' ');
  if (name === typed || name.endsWith(` ${typed}`)) return true;
  if (person.gender === null || !` ${name} `.includes(` ${typed} `)) return false;
  return !new RegExp(`${typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['’]s\\b`, 'iu').test(fold(person.name));
}

/**
 * The typed words without the titles before the name: honorifics and abbreviated titles of the lexicon ("Mr",
 * "Dr", "Sen.") and role nouns used as titles ("Sultan", "Archbishop", "Prime Minister"; Quirk et al. 17.89),
 * as long as a word of the name is left.
 */
function untitled(wanted: string[]): string[] {
  let start = 0;
  while (start < wanted.length - 1 && (isRoleNoun(wanted[start]!) || tagsOf(wanted[start]!).some((t) => t === 'Honorific' || t === 'Abbreviation'))) start++;
  return wanted.slice(start).some((w) => isRoleNoun(w)) ? wanted : wanted.slice(start);
}

/** Whether every typed word is a word of the person's name as spelt (no typo, no prefix). */
function spelt(person: Person, wanted: string[]): boolean {
  const name = speakerKey(person.name).split(' ');
  return wanted.every((w) => name.includes(w));
}

/** Each person once, with their best match, best first. */
function bestMatches(found: Found[]): Found[] {
  const best = new Map<string, Found>();
  for (const f of found) {
    const id = `${f.article}:${f.person.id}`;
    if ((best.get(id)?.match ?? -1) < f.match) best.set(id, f);
  }
  return [...best.values()].sort((x, y) => y.match - x.match);
}

/** How many people /who-is describes at most. */
const MAX_PROFILES = 5;
/** From this many paragraphs, a person's mentions are summarised ("mentioned in 37 paragraphs of 4 articles"). */
const MENTIONS_LISTED = 12;

const sum = <T>(items: T[], value: (item: T) => number): number => items.reduce((total, item) => total + value(item), 0);

/** Whether the article's title names the person (by surname). */
function titleNames(view: LibraryView, { article, person }: Found): boolean {
  const surname = speakerKey(person.name).split(' ').at(-1);
  return surname !== undefined && surname.length > 2 && speakerKey(view.article(article).title).split(' ').includes(surname);
}

/** A partial match counts only when the word matched is the person's surname ("Matt Ratana" → Matiu Ratana, not "Hurricane Maria" → Maria Kalesnikava). */
function matchesSurname(person: Person, wanted: string[]): boolean {
  const surname = speakerKey(person.name).split(' ').at(-1);
  return person.gender !== null && surname !== undefined && wanted.some((w) => !isRoleNoun(w) && (w === surname || isTypo(w, surname)));
}

/** Two words of one family: the same, a typo, or the same first letters ("Iraqi" / "Iraq", "Slovakia's" / "Slovak"). */
const sameFamily = (a: string, b: string) => a === b || isTypo(a, b) || (a.length >= 4 && b.length >= 4 && a.slice(0, 4) === b.slice(0, 4) && Math.abs(a.length - b.length) <= 3);

/**
 * The holders of a role asked for with a place ("the Iraqi prime minister", "Slovakia's prime minister"): a
 * person whose role holds the typed role words, in an article whose title or whose sentences naming them
 * hold the other typed words (a country for its demonym).
 */
async function roleHolders(view: LibraryView, wanted: string[], only: number | null): Promise<Found[]> {
  // The holders of the role first; the sentences naming them are read (loaded) for those only.
  const holders: { article: number; person: Person; rest: string[] }[] = [];
  // A holder's role holds every role word typed: the view looks people up by those words.
  for (const { article: i, person } of await view.people({ words: wanted.filter((w) => isRoleNoun(w)), article: only })) {
    if (!person.role || isNonPerson(person)) continue;
    const role = speakerKey(person.role).split(' ');
    const rest = wanted.filter((w) => !role.some((r) => sameFamily(r, w)) && w !== 's');
    if (rest.length === wanted.length || !wanted.filter((w) => isRoleNoun(w)).every((w) => role.includes(w))) continue;
    holders.push({ article: i, person, rest });
  }
  await view.load({ articles: [...new Set(holders.map((h) => h.article))] });
  const found: Found[] = [];
  for (const { article: i, person, rest } of holders) {
    const a = view.article(i);
    const context = [a.title, ...person.mentions.map((m) => a.sentences[m.sentence]?.text ?? '')].flatMap((t) => speakerKey(t).split(' '));
    if (!rest.every((w) => context.some((c) => sameFamily(c, w)))) continue;
    // The holder whose own role holds every typed word ("Cypriot president" Nicos Anastasiades) comes before
    // one whose place is only in the sentences around (the Turkish president, beside "Turkish Cypriot");
    // then one whose place is the nearest before their mention: a demonym modifies the coordinated roles that
    // follow it up to the next place word ("Greek prime minister X and energy minister Y": Y is Greek).
    const match = rest.length === 0 ? ROLE_HELD : placedBefore(a, person, rest) ? ROLE_PLACED : 0.8;
    found.push({ article: i, person, match });
  }
  return found;
}

/** How well a role holder matches: the role itself holds every typed word; the place typed is the nearest before the mention. */
const ROLE_HELD = 0.85;
const ROLE_PLACED = 0.82;

/** A country, a place or a demonym (the gazetteer and the lexicon). */
const isPlaceWord = (lower: string) => isPlaceName(lower) || isDemonymName(lower) || isDemonym(lower) || isPlace(lower);

/** Whether every typed word left beside the role is a place, and the nearest place word before one of the person's mentions is one of them. */
function placedBefore(a: ReturnType<LibraryView['article']>, person: Person, rest: string[]): boolean {
  if (!rest.every(isPlaceWord)) return false;
  return person.mentions.some((m) => {
    const text = a.sentences[m.sentence]?.text ?? '';
    const at = text.indexOf(m.text);
    if (at < 0) return false;
    const nearest = speakerKey(text.slice(0, at)).split(' ').filter(isPlaceWord).at(-1);
    return nearest !== undefined && rest.some((w) => sameFamily(nearest, w));
  });
}

/**
 * A description ("a Brightmart spokesperson", "an airline passenger": a name ending in a common noun) is
 * asked for only with its head noun (or with a role): "Brightmart" asks for the company, not its spokesperson.
 */
function describedBy(person: Person, wanted: string[]): boolean {
  // The head of a description stands before its prepositional post-modifier (Quirk et al. 17.38): "an Al
  // Jazeera reporter in Kenya", "the mayor of Fort Lee" are a reporter and a mayor.
  const words = person.name.split(/\s+/);
  const modifier = words.findIndex((w, i) => i > 0 && POSTMODIFYING_PREPOSITIONS.has(w));
  const last = words.at(-1) ?? '';
  const head = isCommonWord(last) || modifier < 0 ? last : words[modifier - 1]!;
  if (!isCommonWord(head) || person.name.split(/\s+/).length < 2) return true;
  const key = speakerKey(head);
  return wanted.some((w) => w === key || isTypo(w, key));
}

/**
 * A word written in lower case that is no name's: not a surname joined to its particle by a hyphen, the Arabic
 * article al- and its romanised forms (el-, and before the "sun letters" ad-, an-, ar-, as-, ash-, at-, az-) or
 * a patronymic (bin-, ibn-, bint-), as in "Abu Mahdi al-Muhandis", "Musa as-Sadr".
 */
const isCommonWord = (word: string) => /^\p{Ll}/u.test(word) && !HYPHENED_PARTICLE.test(word);
const HYPHENED_PARTICLE = /^(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|bint)-\p{Lu}/u;

/** Prepositions that open a noun phrase's post-modifier ("reporter in Kenya", "mayor of Fort Lee"). */
const POSTMODIFYING_PREPOSITIONS = new Set(['in', 'of', 'at', 'from', 'for', 'with', 'on']);

/**
 * A name typed in several words names someone whose full name holds each of them: "Elm Hall" is not "Ann
 * Hall". A typed word may be a typo of the name's, or share its first two letters (a short form: "Matt" for
 * "Matiu", "Mike" for "Michael"); role words ("minister") are left to the role.
 */
function otherNameTyped(person: Person, wanted: string[]): boolean {
  const name = speakerKey(person.name).split(' ');
  const shown = speakerKey(`${person.display} ${person.role ?? ''}`).split(' ');
  // Titles typed before the name ("Dr", "Sen.", "Gov.": the lexicon's honorifics and abbreviations) and the
  // words of the person's role or introduction name no one else.
  const words = wanted.filter((w) => !isRoleNoun(w) && w.length > 1 && !tagsOf(w).some((t) => t === 'Honorific' || t === 'Abbreviation'));
  // A surname alone ("Ratana") cannot contradict the first name typed.
  if (words.length < 2 || name.length < 2) return false;
  return words.some((w) => !shown.includes(w) && !name.some((n) => n === w || isTypo(n, w) || (w.length >= 2 && n.startsWith(w.slice(0, 2)))));
}

/**
 * Whether the article says the name is of a thing, not a person: it writes the name right after a noun of
 * an institution, a place or a group ("ex-hotel Grimsby Hall", "broadcast corporation X", "capital city Y",
 * "store chains Z"), or as the modifier of a role noun ("a Z spokesperson").
 */
function namesNoPerson(view: LibraryView, { article, person }: Found): boolean {
  const a = view.article(article);
  const name = person.name;
  if (!/^\p{Lu}/u.test(name)) return false;
  // The article's own publisher, by its address ("French Wikinews" in an article from en.wikinews.org).
  const publisher = publisherOf(a.source);
  if (publisher && speakerKey(name).split(' ').includes(publisher)) return true;
  const texts = [a.title, ...a.sentences.map((s) => s.text)].filter((text) => text.includes(name));
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A name only ever written as a medium ("posted on Instagram", "via Twitter"), with no "he" or "she".
  const medium = new RegExp(`\\b(?:on|via)\\s+${escaped}\\b`, 'gu');
  const anywhere = new RegExp(`\\b${escaped}\\b`, 'gu');
  if (person.gender === null && texts.length > 0) {
    const all = sum(texts, (text) => [...text.matchAll(anywhere)].length);
    if (all > 0 && sum(texts, (text) => [...text.matchAll(medium)].length) === all) return true;
  }
  // A name only ever written as a place is, whatever pronoun attribution took for it ("crashed in Calabasas,
  // California. … his daughter …").
  if (writtenAsPlace(texts, escaped)) return true;
  // Not after "of (the)": "the speaker of the parliament Ann Oak" names the holder of a role.
  const before = new RegExp(`(?<!\\bof\\s+(?:the\\s+)?)(?:^|(?<=[\\s(]))(?:ex-)?(\\p{Ll}[\\p{L}-]*)\\s+${escaped}\\b`, 'gu');
  const modifying = new RegExp(`\\b(?:[Aa]n?|[Tt]he)\\s+${escaped}\\s+(\\p{Ll}+)`, 'gu');
  for (const text of texts) {
    for (const match of text.matchAll(before)) {
      const noun = match[1]!.replace(/^ex-/, '');
      if (isRoleNoun(noun) || speakerKey(person.role ?? '').split(' ').includes(noun)) continue;
      // A noun of a group of people by its first WordNet sense names a body too: "store chains Woolworths".
      if (isOrganisationNoun(noun) || isOrganisationHead(noun) || isPlace(noun) || speakingNounClass(singularOf(noun)) === 'group') return true;
      // A noun of a made thing or a place (WordNet's artifact, location, natural object) that is only a noun in the
      // lexicon (no verb or adjective reading: "supermarket", "platform", "island", not "ship" or "report")
      // names a thing by the name after it: "online supermarket Ocado", "the island Crete". Not for someone
      // known as "he" or "she" ("the car Ann Oak drove").
      const kind = thingClass(singularOf(noun));
      if (person.gender === null && (kind === 'artifact' || kind === 'location' || kind === 'object') && tagsOf(noun).length === 0) return true;
    }
    // The name modifying a role noun after an article, as only an institution's does: "a Woolworths
    // spokesperson", "the Tesla engineers" (a person's would be possessive: "Smith's spokesperson").
    // Only for a name with no gender and no first name: "a Trump adviser" is an adviser of a person.
    if (person.gender === null && !isFirstName(speakerKey(name).split(' ')[0] ?? '')) {
      for (const match of text.matchAll(modifying)) if (isRoleNoun(match[1]!.toLowerCase())) return true;
    }
  }
  return false;
}

/**
 * Whether a name is only ever written as a place is: after a preposition of position ("in Calabasas", "near
 * Dolgellau", "at Karipur": Quirk et al. 9.15–9.17), or followed by a comma and a place of the gazetteer or the
 * lexicon that locates it ("Calabasas, California", "Reading, Berkshire") or stands beside it ("Crete and Cyprus":
 * coordination joins like with like, Quirk et al. 13.38). A possessive ("at Oak's house") makes
 * it no place; where the name is the start of a longer one ("Barmouth Publicity") it says nothing either way.
 */
function writtenAsPlace(texts: readonly string[], escaped: string): boolean {
  const occurrence = new RegExp(`\\b${escaped}\\b`, 'gu');
  const place = (name: string | undefined) => name !== undefined && [name, name.split(' ')[0]!].some((p) => isPlaceName(p) || isPlace(p.toLowerCase()));
  let places = 0;
  for (const text of texts) {
    for (const match of text.matchAll(occurrence)) {
      const rest = text.slice(match.index + match[0].length);
      if (/^['’]s\b/u.test(rest)) return false;
      if (/^\s+\p{Lu}/u.test(rest)) continue;
      const [word, previous] = text.slice(0, match.index).trimEnd().split(/\s+/).reverse();
      const noun = word === 'of' ? previous : word;
      const located =
        POSITION_PREPOSITIONS.has(word?.toLowerCase() ?? '') ||
        // A noun of a place before it ("the island Crete", "the city of Calabasas": WordNet's location or natural object).
        (noun !== undefined && /^\p{Ll}+$/u.test(noun) && (thingClass(noun) === 'location' || thingClass(noun) === 'object')) ||
        place(/^,\s+(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?)\s*(?:[,.;:)]|$)/u.exec(rest)?.[1]) ||
        place(/^\s+and\s+(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?)/u.exec(rest)?.[1]);
      if (!located) return false;
      places++;
    }
  }
  return places > 0;
}

/** Prepositions of position before a place ("in", "at", "near": Quirk et al. 9.15–9.17). */
const POSITION_PREPOSITIONS = new Set(['in', 'at', 'near', 'outside', 'inside', 'around', 'throughout']);

/** The name of a publisher from an article's address: its domain's name ("wikinews" of en.wikinews.org). */
function publisherOf(source: string | null): string | null {
  if (!source) return null;
  try {
    const labels = new URL(source).hostname.split('.');
    const name = labels.length >= 2 ? labels[labels.length - 2]! : null;
    return name && name.length > 3 ? fold(name) : null;
  } catch {
    return null;
  }
}

/** Whether every typed word is one of the person's name's words (typos allowed), not of their role. */
function namedBy(person: Person, wanted: string[]): boolean {
  const name = speakerKey(person.name).split(' ');
  return wanted.every((w, i) => name.some((n) => n === w || isTypo(n, w) || (i === wanted.length - 1 && w.length >= 2 && n.startsWith(w))));
}

/**
 * Places, groups, institutions and events are not people, though attribution keeps them as speakers: an
 * organisation; or, for a name with no gender found (no first name, no "he"/"she"), a name with an
 * institution's noun ("organization", "ministry"), a plural head ("Proud Boys", "Associates of …"), a place
 * (the whole name or its head: "capital city Tehran"; the gazetteer and the lexicon), or a noun of
 * something that happens ("Hurricane Zeta", "Super Tuesday": WordNet's act, event, time, phenomenon).
 */
export function isNonPerson(person: Person): boolean {
  if (person.organisation) return true;
  // A name holding a digit names a thing, a model or a code ("COVID-19", "Boeing 737", "5G"), no person.
  if (/\p{Nd}/u.test(person.name)) return true;
  // A word spelt in camel case, a capital inside it after a run of three letters or more ("SpaceX", "YouTube",
  // "ThePrint", "EastMed"): the spelling of a trade name or a product's, not of someone known as no "he" or
  // "she". The surname prefixes written so ("McConnell", "MacArthur", "DeWine", "LaHood", "FitzGerald",
  // "VanDyke") are a person's.
  if (person.gender === null && person.name.split(/\s+/).some(isCamelCase)) return true;
  const words = person.name.split(/\s+/).map((w) => w.toLowerCase().replace(/[^\p{L}'-]/gu, '')).filter(Boolean);
  if (words[0] === 'the') words.shift();
  if (words.length === 0) return true;
  const head = words.at(-1)!;
  // A place by its whole name, or a place with a point of the compass before it ("South London"), whatever
  // pronoun attribution took for it.
  if (isPlaceName(person.name) || (words.length === 2 && COMPASS.has(words[0]!) && (isPlaceName(head) || isPlace(head)))) return true;
  // One word, the plural of a noun of a person: the members of a group ("Democrats", "Hindus"), never "he" or "she".
  if (words.length === 1 && /[^s]s$/.test(head) && speakingNounClass(head) === 'person' && !isFirstName(head.slice(0, -1))) return true;
  if (person.gender !== null) return false;
  // A role held by a person ("Civil Aviation Minister Ann Oak Lima") makes a person, though the name ends in
  // a word that is also a city's.
  const heldRole = person.role !== null && speakerKey(person.role).split(' ').some((w) => isRoleNoun(w));
  return (
    isPlaceName(person.name) ||
    (!heldRole && (isPlaceName(head) || isPlace(head))) ||
    words.some((w) => isOrganisationNoun(w) || isOrganisationHead(w) || happeningClass(w) !== null) ||
    isPluralNoun(head) ||
    isPluralNoun(words[0]!) ||
    // A name ending in a noun of a thing no one is ("Indian Railways", "Qom Province", "Cyprus Mail": WordNet's
    // artifact, location, communication, object, substance, state…) or of a group ("Crow Tribe"); a surname
    // alone stays a person, and so does a name after a role held by a person ("entrepreneur Ann Musk": a
    // surname that is also a noun of a substance).
    (words.length > 1 && (thingClass(head) !== null ? !heldRole : speakingNounClass(head) === 'group'))
  );
}

/** Gaelic, Romance, Dutch and German surname prefixes written with a capital after them ("MacArthur", "FitzGerald", "VanDyke", "VonTrapp", "DelVecchio"). */
const SURNAME_PREFIXES = new Set(['mac', 'fitz', 'van', 'von', 'der', 'den', 'del', 'della', 'des', 'dos', 'das', 'ten', 'ter', 'ben', 'bin', 'ibn', 'abu', 'st']);

/** A word with a capital inside it after a run of at least three letters that is no surname prefix ("SpaceX", "WalesOnline"). */
export function isCamelCase(word: string): boolean {
  const match = /^(\p{Lu}\p{Ll}{2,})\p{Lu}/u.exec(word);
  return match !== null && !SURNAME_PREFIXES.has(match[1]!.toLowerCase());
}

/** Points of the compass that make a part of a place ("South London", "Northern Cyprus"). */
const COMPASS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'greater', 'north-east', 'north-west', 'south-east', 'south-west', 'northeast', 'northwest', 'southeast', 'southwest']);

function statementsOf(view: LibraryView, { article, person }: Found) {
  return view.article(article).quotes.filter((q) => q.speaker === person.id);
}

function statementsIn(view: LibraryView, found: Found) {
  return statementsOf(view, found).map((q) => ({ kind: q.kind, text: q.text, paragraph: q.paragraph, confidence: q.confidence }));
}

/** One person across the articles they appear in (most relevant first): the first article gives the fields of the original contract. */
function profile(view: LibraryView, appearances: Found[]): PersonProfile {
  const [first] = appearances;
  const { article, person } = first!;
  const fullest = appearances.map((a) => a.person).reduce((x, y) => (y.name.length > x.name.length ? y : x));
  const roles = [...new Set(appearances.map((a) => a.person.role).filter((r): r is string => r !== null))];
  const paragraphsOf = (p: Person) => [...new Set(p.mentions.map((m) => m.paragraph))].sort((x, y) => x - y);
  const paragraphs = sum(appearances, (a) => paragraphsOf(a.person).length);
  return {
    name: fullest.name,
    role: person.role ?? roles[0] ?? null,
    display: fullest.display.length >= person.display.length ? fullest.display : person.display,
    article: view.ref(article),
    statements: statementsIn(view, first!),
    mentionedIn: paragraphsOf(person),
    roles,
    articles: appearances.map((a) => ({ article: view.ref(a.article), statements: statementsIn(view, a), mentionedIn: paragraphsOf(a.person) })),
    mentions:
      paragraphs > MENTIONS_LISTED || appearances.length > 1
        ? `mentioned in ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'} of ${appearances.length} article${appearances.length === 1 ? '' : 's'}`
        : null,
  };
}

/** The compact autocomplete value of a person: `p:<article id>:<person id>`. */
export function personChoiceValue(view: LibraryView, article: number, person: Person): string {
  return `p:${view.article(article).id}:${person.id}`;
}
