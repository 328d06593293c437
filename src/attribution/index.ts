/**
 * Quote attribution: every quotation of an article and who said it, plus the statements it reports without
 * quote marks, and the people (and institutions) involved, one identity each.
 *
 * The stages: quote marks are paired (`quote-marks.ts`); sentences are tokenised and their mentions of people
 * found and linked in text order (`reading.ts`, `mentions.ts`, `people.ts`); quoted spans that are names or
 * titles are set aside (`non-quotes.ts`); each quotation gets its speaker from the nearest cue
 * (`speakers.ts`); reported speech is read from speech verbs and "according to" (`indirect.ts`).
 */
import type { ArticleText, Person, Quote, QuoteKind, Sentence } from '../model.ts';
import { confidenceOf, evidenceOf, type Evidence, type Route } from './confidence.ts';
import { findIndirect, REPORTING_GERUNDS } from './indirect.ts';
import { findTurns, intervieweeBefore, publicationOf, speakerOfTurn, type Turn } from './transcript.ts';
import { isNonQuote } from './non-quotes.ts';
import type { Mention } from './mentions.ts';
import { PeopleRegistry, agrees, type Entity } from './people.ts';
import { findQuoteSpans, spanText, type QuoteSpan } from './quote-marks.ts';
import { readSentences, resolvePronoun, type SentenceView } from './reading.ts';
import { agentAfter, cueAfter, cueBefore, cueInSentence, kindOf, referenceOf, subjectAsSpeaker, type SpeakerFinding } from './speakers.ts';
import { firstPersonSubject, subjectOfVerb } from './clauses.ts';
import { isDocumentNoun, isFirstName, isSpeechVerb, WORD } from './lexicon.ts';
import { is, type Token } from './tokens.ts';
import { isAdjectiveWord } from './gazetteer.ts';

/**
 * A transcript turn is quoted a sentence at a time, a sentence shorter than this many words ("Oh.") with
 * the next one. Longer stretches were measured: at 30 and 45 words, "no match" for quotes in no article
 * falls from 100% to 96–98% (dev) and 90% (test), since a stretch of speech holds many common words.
 */
const TURN_QUOTE_WORDS = 4;

/** A speaker finding with the cue that gave it. */
type Routed = Omit<SpeakerFinding, 'view'> & { route: Route };

interface Located {
  view: number;
  token: number;
}

interface Found {
  kind: QuoteKind;
  text: string;
  /** 0-based paragraph and offset where it starts, for ordering. */
  paragraph: number;
  offset: number;
  /** For reported statements, the offset where they end; for quotations, the opening mark's offset. */
  end: number;
  sentences: number[];
  finding: Omit<SpeakerFinding, 'view'> | null;
  /** Which cue found the speaker (for the confidence). */
  route: Route;
}

/**
 * Finds the quotations and reported statements of an article and their speakers. `observe`, when given,
 * receives each attributed quote with the evidence its confidence was set from (for `npm run calibrate`).
 */
export function attribute(
  article: ArticleText,
  sentences: Sentence[],
  observe?: (quote: Quote, evidence: Evidence) => void,
): { quotes: Quote[]; people: Person[] } {
  const spans = findQuoteSpans(article.paragraphs);
  const registry = new PeopleRegistry(publicationOf(article));
  const views = readSentences(article, sentences, spans, registry);
  const marks = indexMarks(views);
  const found: Found[] = [];
  // Turns are known before quotes are attributed: who speaks a turn decides whom its pronouns can stand for.
  const turns = findTurns(article);
  const turnPeople = peopleOfTurns(article, turns, registry, views);
  const turnSpeakers = turnPeople.speakers;
  rereadTurnPronouns(views, turns, turnSpeakers, registry);
  ownItsDescriptions(views, registry);
  ownPersonalDescriptions(views, registry);
  ownDefiniteDocuments(views, registry);
  let previous: { entity: Entity | null; paragraph: number; view: number } | null = null;

  for (const span of spans) {
    const first = span.parts[0];
    const last = span.parts[span.parts.length - 1];
    if (!first || !last) continue;
    const open = marks.get(`${first.paragraph}:${span.open}`);
    if (!open) continue;
    const close = span.close !== null ? marks.get(`${last.paragraph}:${span.close}`) ?? null : null;
    const openView = views[open.view] as SentenceView;
    const from = clauseStart(openView.tokens, open.token);
    const written = spanText(span, article.paragraphs);
    if (isNonQuote(written, openView.tokens.slice(from, open.token))) continue;
    const text = withoutClosingPunctuation(written);
    const kind = kindOf(openView, open.token, from);
    // A second quotation in the sentence with no cue before it ("…" and "…") shares the first one's speaker.
    const before = previous as { entity: Entity | null; paragraph: number; view: number } | null;
    const joined = before?.entity && before.view === open.view && from > 0 && !cueBefore(openView, open.token, from);
    const finding: Routed | null = joined
      ? { entity: before?.entity ?? null, mention: null, cue: null, route: 'joined' }
      : (speakerOf(views, open, close, from, kind) ?? continuation(before, first.paragraph, views, open.view));
    if (finding?.entity) finding.entity = registry.canonical(finding.entity);
    if (finding?.entity) finding.entity.speaks = true;
    found.push({ kind, text, paragraph: first.paragraph, offset: span.open, end: span.open, sentences: sentencesOf(span, views), finding, route: finding?.route ?? 'none' });
    previous = { entity: finding?.entity ?? null, paragraph: last.paragraph, view: close?.view ?? open.view };
  }

  addTurns(article, views, found, turns, turnPeople);

  views.forEach((view) => {
    for (const statement of findIndirect(view, firstPersonOf(view, turns, turnSpeakers))) {
      if (statement.entity) {
        statement.entity = registry.canonical(statement.entity);
        statement.entity.speaks = true;
      }
      const paragraphText = article.paragraphs[view.paragraph] ?? '';
      found.push({
        kind: 'indirect',
        text: paragraphText.slice(statement.start, statement.end),
        paragraph: view.paragraph,
        offset: statement.start,
        end: statement.end,
        sentences: [view.sentence.index],
        finding: statement,
        route: statement.act ? 'speech-act' : statement.cue === 'according to' || statement.cue === 'in accordance with' ? 'according' : 'reported',
      });
    }
  });

  ownPartialsOfStatements(found, article.paragraphs);
  viewsNamedAfter(found, views, registry);
  const statements = withoutDirectQuotations(found, article.paragraphs);
  found.length = 0;
  found.push(...statements);
  const { people, ids } = registry.people();
  found.sort((a, b) => a.paragraph - b.paragraph || a.offset - b.offset);
  const quotes = found.map((quote, n): Quote => {
    const entity = quote.finding?.entity ? registry.canonical(quote.finding.entity) : null;
    const reportsOther = !!entity && (quote.route === 'label' || quote.route === 'interview') && quote.sentences.some((s) => views[s] !== undefined && reportsAnother(views[s]!, entity, registry));
    const input = entity ? { route: quote.route, mention: quote.finding?.mention ?? null, entity, sentence: quote.sentences[0] ?? 0, views, reportsOther, kind: quote.kind } : null;
    const confidence = input ? confidenceOf(input) : 0;
    const result: Quote = {
      id: `q${n + 1}`,
      kind: quote.kind,
      text: quote.text,
      paragraph: quote.paragraph + 1,
      sentences: quote.sentences,
      speaker: entity ? ids.get(entity) ?? null : null,
      reference: entity ? referenceOf(quote.finding?.mention ?? null) : 'none',
      speakerMention: entity ? quote.finding?.mention?.text ?? null : null,
      cue: quote.finding?.cue ?? null,
      confidence,
    };
    if (observe && input) observe(result, evidenceOf(input));
    return result;
  });
  return { quotes, people };
}

/**
 * Transcript turns and interview answers (see transcript.ts) are quotations of their speaker. A quotation in
 * marks that already opens the turn (an answer written in quote marks) takes the turn's speaker instead of
 * being given twice.
 */
function addTurns(
  article: ArticleText,
  views: readonly SentenceView[],
  found: Found[],
  turns: readonly Turn[],
  { speakers, addressees }: TurnPeople,
): void {
  if (turns.length === 0) return;
  const byParagraph = new Map<number, SentenceView[]>();
  for (const view of views) byParagraph.set(view.paragraph, [...(byParagraph.get(view.paragraph) ?? []), view]);
  turns.forEach((turn, n) => {
    const entity = speakers[n] ?? null;
    const route: Route = turn.label === null || turn.continued ? 'interview' : 'label';
    const finding: Routed | null = entity ? { entity, mention: null, cue: turn.label === null ? null : ':', route } : null;
    if (entity) entity.speaks = true;
    if (entity && !turn.interviewer) {
      ownDescriptions(byParagraph.get(turn.paragraph) ?? [], turn.start, entity, FIRST_PERSON_OWNERS);
      // The answer's later paragraphs, up to the next turn, while they speak in the first person outside quote marks.
      const next = turns[n + 1]?.paragraph ?? article.paragraphs.length;
      for (let p = turn.paragraph + 1; p < next; p++) {
        const paragraph = byParagraph.get(p) ?? [];
        if (!paragraph.some((view) => view.tokens.some((token) => !token.quoted && FIRST_PERSON.has(token.lower) && token.text !== 'US'))) break;
        ownDescriptions(paragraph, 0, entity, FIRST_PERSON_OWNERS);
      }
    }
    const asked = addressees[n];
    if (asked && turn.interviewer) ownDescriptions(byParagraph.get(turn.paragraph) ?? [], turn.start, asked, SECOND_PERSON_OWNERS);
    const opening = found.find((quote) => quote.kind !== 'indirect' && quote.paragraph === turn.paragraph && quote.offset <= turn.start + 1);
    if (opening) {
      // `Mayor Ana Ruiz: "…"` found its speaker by the colon already; an answer in marks takes the turn's.
      if (!opening.finding?.entity) {
        opening.finding = finding;
        opening.route = route;
      }
      return;
    }
    // One quotation a sentence, as a quotation over several sentences is found: a member remembers a
    // sentence, and a whole answer's common words would match any quote typed.
    // A sentence of fewer than TURN_QUOTE_WORDS words is read with the one after it.
    const paragraphText = article.paragraphs[turn.paragraph] ?? '';
    let start = -1;
    const sentences: number[] = [];
    for (const view of byParagraph.get(turn.paragraph) ?? []) {
      if (view.sentence.end <= turn.start) continue;
      // In a paragraph carried over from a labelled answer, a sentence reporting someone else's words is
      // theirs (found as reported speech), not read as the answer going on; unless it speaks in the first
      // person too ("I wrote an overture, and my wife said it sounded like …" is the answer's sentence).
      if (turn.continued && entity && reportsAnother(view, entity) && !firstPersonIn(view)) {
        start = -1;
        sentences.length = 0;
        continue;
      }
      if (start < 0) start = Math.max(turn.start, view.sentence.start);
      sentences.push(view.sentence.index);
      // A turn may end before its paragraph does (a bold question's closing `**`).
      const sentenceEnd = Math.min(view.sentence.end, turn.end);
      const text = withoutClosingPunctuation(paragraphText.slice(start, sentenceEnd).trim());
      const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
      if (words === 0 || (words < TURN_QUOTE_WORDS && view !== byParagraph.get(turn.paragraph)?.at(-1))) continue;
      found.push({ kind: 'direct', text, paragraph: turn.paragraph, offset: start, end: sentenceEnd, sentences: [...sentences], finding, route });
      start = -1;
      sentences.length = 0;
    }
  });
}

/** Who speaks each turn, and whom each turn addresses (for a question, the person interviewed). */
interface TurnPeople {
  speakers: (Entity | null)[];
  addressees: (Entity | null)[];
}

/**
 * The entity each turn belongs to (see transcript.ts `speakerOfTurn`), and whom it addresses; a new run of
 * turns (an interview section) finds its interviewee in the paragraphs before it.
 */
function peopleOfTurns(article: ArticleText, turns: readonly Turn[], registry: PeopleRegistry, views: readonly SentenceView[]): TurnPeople {
  const publication = turns.length > 0 ? publicationOf(article) : null;
  // With no publication known from the article's address, the outlet the introduction says the person spoke
  // to asks the questions ("Haddad spoke to this newspaper the day after the premiere").
  const outlet = publication === null && turns.length > 0 ? outletSpokenTo(views, turns[0]!.paragraph, registry) : null;
  let interviewee: Entity | null = null;
  let lastParagraph = -10;
  const speakers: (Entity | null)[] = [];
  const addressees: (Entity | null)[] = [];
  for (const turn of turns) {
    if (turn.paragraph - lastParagraph > 2) interviewee = intervieweeBefore(turn.paragraph, registry, publication);
    lastParagraph = turn.paragraph;
    const entity = turn.interviewer && turn.label !== null && outlet ? outlet : speakerOfTurn(turn, publication, registry, interviewee);
    speakers.push(entity ? registry.canonical(entity) : null);
    addressees.push(turn.interviewer && interviewee ? registry.canonical(interviewee) : null);
  }
  return { speakers, addressees };
}

/** Verbs of talking whose "to"/"with" object is the one listening ("spoke to", "talked with"). */
const TALKING = new Set(['spoke', 'speaking', 'talked', 'talking']);

/**
 * The institution the sentences before the first turn say someone spoke or talked to ("spoke to this
 * newspaper", "talked with Soundcheck Weekly"), or null.
 */
function outletSpokenTo(views: readonly SentenceView[], before: number, registry: PeopleRegistry): Entity | null {
  for (const view of views) {
    if (view.paragraph >= before) break;
    for (let k = 0; k + 2 < view.tokens.length; k++) {
      if (!TALKING.has(view.tokens[k]!.lower) || !/^(?:to|with)$/.test(view.tokens[k + 1]!.lower) || view.tokens[k]!.quoted) continue;
      const index = view.mentions.findIndex((mention) => mention.start === k + 2 && mention.type === 'organisation' && !mention.possessive);
      const entity = index >= 0 ? view.entities[index] : null;
      if (entity) return registry.canonical(entity);
    }
  }
  return null;
}

/**
 * Does the sentence report what someone other than `speaker` said ("the sergeant said …", "he told me …")?
 * A reporting verb whose subject is neither the first person nor the speaker.
 */
function reportsAnother(view: SentenceView, speaker: Entity, registry?: PeopleRegistry): boolean {
  const { tokens, mentions } = view;
  const sentenceSubject = mentions[view.subject] ?? null;
  return tokens.some((token, k) => {
    if (token.kind !== 'word' || token.quoted || firstPersonSubject(tokens, k)) return false;
    // A progressive reporting verb is one too ("So you're saying …"), and a participle after a noun phrase
    // relays what it says ("we had a letter saying …").
    if (!is(token, WORD.reporting) && !(REPORTING_GERUNDS.has(token.lower) && (thirdPersonBefore(tokens, k) || described(tokens, k)))) return false;
    const subject = subjectOfVerb(tokens, mentions, k, sentenceSubject);
    // A subject no mention stands for, but a noun phrase all the same ("The physio said …", "the panel asked
    // her …"): a determiner then a noun right before the verb is a third party's, however unknown its noun.
    if (!subject) return described(tokens, k) || thirdPersonBefore(tokens, k);
    if (subject.possessive || (subject.type === 'pronoun' && !subject.subjectForm)) return false;
    const entity = view.entities[mentions.indexOf(subject)];
    return !!entity && (registry ? registry.canonical(entity) : entity) !== speaker && !entity.place;
  });
}

/** Whether a sentence speaks in the first person outside quotation marks ("I wrote …, and my wife said …"). */
function firstPersonIn(view: SentenceView): boolean {
  return view.tokens.some((token) => !token.quoted && token.kind === 'word' && FIRST_PERSON.has(token.lower) && token.text !== 'US');
}

/**
 * Whether the word that stands before a reporting verb, auxiliaries and adverbs skipped, is a personal pronoun
 * of someone other than the one speaking ("So you're saying …", "someone told me …"): English marks the
 * speaker by the first person (Quirk et al. 1985, ch. 6), so any other person relays a third party's words.
 */
function thirdPersonBefore(tokens: readonly Token[], verb: number): boolean {
  let k = verb - 1;
  while (k >= 0 && tokens[k]!.kind === 'word' && !tokens[k]!.quoted && (AUXILIARIES.has(tokens[k]!.lower) || /^['’](?:re|ve|s|d|ll)$/.test(tokens[k]!.lower))) k--;
  const subject = tokens[k];
  return !!subject && subject.kind === 'word' && !subject.quoted && OTHER_PERSONS.has(subject.lower.replace(/['’](?:re|ve|s|d|ll)$/, ''));
}
/** Auxiliaries between a subject and its verb ("you have said", "they would say"). */
const AUXILIARIES = new Set(['has', 'have', 'had', 'is', 'are', 'was', 'were', 'will', 'would', 'could', 'can', 'may', 'might', 'must', 'should', 'did', 'do', 'does', 'also', 'never', 'always', 'once', 'just', 'then', 'not']);
/** Subject pronouns of persons other than the speaker, and the indefinite ones. */
const OTHER_PERSONS = new Set(['you', 'he', 'she', 'they', 'someone', 'somebody', 'everyone', 'everybody', 'anyone', 'anybody', 'people', 'others']);

/** Determiners that open a third party's noun phrase (the first person's own "my mother" is another too). */
const PHRASE_DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'his', 'her', 'their', 'its', 'my', 'our', 'your']);

/** Whether the two words before a verb are a determiner and a noun, neither quoted ("The physio said"). */
function described(tokens: readonly Token[], verb: number): boolean {
  // Auxiliaries between the noun phrase and its verb: "your campaign has said …".
  let k = verb - 1;
  while (k > 0 && tokens[k]!.kind === 'word' && !tokens[k]!.quoted && AUXILIARIES.has(tokens[k]!.lower)) k--;
  const noun = tokens[k];
  const determiner = tokens[k - 1];
  if (!noun || !determiner || noun.kind !== 'word' || determiner.kind !== 'word' || noun.quoted || determiner.quoted) return false;
  return PHRASE_DETERMINERS.has(determiner.lower) && /^\p{L}[\p{L}-]*$/u.test(noun.text) && !is(noun, WORD.function);
}

/** Nouns of what a quotation was, in a sentence naming its speaker after it ("That was the view of X"). */
const QUOTATION_NOUNS = new Set(['view', 'views', 'words', 'opinion', 'warning', 'message', 'reaction', 'advice']);
/** How many paragraphs back a naming sentence reaches. */
const QUOTATION_REACH = 4;
/** Routes weak enough for a later naming sentence to override (no cue of the quotation's own). */
const UNCUED = new Set<Route>(['continued', 'previous-subject', 'joined', 'none']);

/**
 * A paragraph opening "That was the view of Dr. Rachel Amundsen" (a demonstrative, "be", a noun of what was
 * said, "of" and a person) names the speaker of the quotation paragraphs right before it, which had no cue of
 * their own: the demonstrative refers back to them (Quirk et al. 1985, ch. 6, anaphoric "that").
 */
function viewsNamedAfter(found: Found[], views: readonly SentenceView[], registry: PeopleRegistry): void {
  for (const view of views) {
    const words = view.tokens.filter((token) => token.kind === 'word' && !token.quoted).slice(0, 6).map((token) => token.lower);
    const at = words[2] === 'the' ? 3 : 2;
    if (!/^(?:that|this|those|these|such)$/.test(words[0] ?? '') || !/^(?:was|were|is|are)$/.test(words[1] ?? '') || !QUOTATION_NOUNS.has(words[at] ?? '') || words[at + 1] !== 'of') continue;
    const first = view.sentence.start === Math.min(...views.filter((other) => other.paragraph === view.paragraph).map((other) => other.sentence.start));
    if (!first) continue;
    const of = view.tokens.findIndex((token) => token.lower === 'of' && !token.quoted);
    const index = view.mentions.findIndex((mention) => mention.start >= of + 1 && mention.start <= of + 2 && mention.type === 'person' && !mention.possessive);
    const entity = index >= 0 ? view.entities[index] : null;
    if (!entity) continue;
    const speaker = registry.canonical(entity);
    // The quotations right before (a quotation may run over paragraphs), back to one with a cue of its own,
    // within a few paragraphs.
    const before = found.filter((item) => item.paragraph < view.paragraph).sort((a, b) => b.paragraph - a.paragraph || b.offset - a.offset);
    for (const item of before) {
      if (item.kind !== 'direct' || !UNCUED.has(item.route) || item.paragraph < view.paragraph - QUOTATION_REACH) break;
      item.finding = { entity: speaker, mention: view.mentions[index] ?? null, cue: 'of' };
      item.route = 'in-sentence';
    }
  }
}

/**
 * A quoted fragment inside a reported clause is the reporting speaker's words ("the utility said in a filing
 * with regulators that it had detected “a fault on the feeder”" is the utility's phrase), unless a speech verb
 * inside the clause, before the fragment, reports someone else ("… said the mayor had called it “a
 * disgrace”"), or a semicolon or colon opens a clause of its own.
 */
function ownPartialsOfStatements(found: Found[], paragraphs: readonly string[]): void {
  const statements = found.filter((item) => item.kind === 'indirect' && item.finding?.entity);
  for (const item of found) {
    if (item.kind !== 'partial') continue;
    const statement = statements.find((s) => s.paragraph === item.paragraph && s.offset < item.offset && item.offset < s.end);
    if (!statement?.finding?.entity || statement.finding.entity === item.finding?.entity) continue;
    const text = (paragraphs[item.paragraph] ?? '').slice(statement.offset, item.offset);
    // A semicolon or colon opens a clause of its own ("…; Chinese authorities referred to him as “…”").
    if (/[;:]/.test(text)) continue;
    if ((text.toLowerCase().match(/[a-z]+/g) ?? []).some((word) => isSpeechVerb(word))) continue;
    item.finding = { ...statement.finding };
    item.route = 'reported';
  }
}

/** The turn a sentence is spoken in, as its index in `turns`, or -1. */
function turnOf(view: SentenceView, turns: readonly Turn[]): number {
  return turns.findIndex((turn) => turn.paragraph === view.paragraph && view.sentence.end > turn.start && view.sentence.start < turn.end);
}

/**
 * In a turn the one speaking is "I": a third-person pronoun there ("he told me", "she said that didn't
 * matter") stands for someone else, however salient the speaker is (English personal pronouns mark the
 * speaker by the first person). Such pronouns, resolved by salience to the turn's speaker, are resolved
 * again without it, in text order so that a chain of pronouns follows.
 */
function rereadTurnPronouns(views: SentenceView[], turns: readonly Turn[], speakers: readonly (Entity | null)[], registry: PeopleRegistry): void {
  if (turns.length === 0) return;
  views.forEach((view, v) => {
    const turn = turnOf(view, turns);
    const speaker = turn >= 0 ? speakers[turn] : null;
    if (!speaker) return;
    view.mentions.forEach((mention, n) => {
      const entity = view.entities[n];
      if (mention.type !== 'pronoun' || !entity || registry.canonical(entity) !== speaker) return;
      const other = resolvePronoun(mention, n, view, views.slice(0, v), (candidate) => registry.canonical(candidate) !== speaker);
      view.entities[n] = other;
      registry.unrecord(entity, mention.text, view.sentence.index);
      if (other) registry.record(other, mention.text, view.sentence.index, view.sentence.paragraph);
    });
  });
}

/** Who "I" and "we" stand for in a sentence: the speaker of the turn it is spoken in, if any. */
function firstPersonOf(view: SentenceView, turns: readonly Turn[], speakers: readonly (Entity | null)[]): Entity | null {
  const turn = turnOf(view, turns);
  return turn >= 0 ? (speakers[turn] ?? null) : null;
}

/**
 * A description owned by "its" ("its trade ministry", "its foreign ministry said") is its antecedent's:
 * "Kestria's trade ministry", not an "its trade ministry" of nothing. "Its" stands for a thing, never a
 * person (English personal pronouns mark a person by "his"/"her"): the antecedent is the sentence's
 * subject before it, or the nearest named mention before it, that is no person by a first name or a
 * gender (an institution, a country, a firm), else the previous sentence's subject when it is one.
 */
function ownItsDescriptions(views: readonly SentenceView[], registry: PeopleRegistry): void {
  const thing = (mention: Mention | undefined, entity: Entity | null | undefined): entity is Entity =>
    !!mention && !!entity && entity.named && mention.type !== 'pronoun' && !mention.possessive && (entity.organisation || entity.place || entity.gender === null && !isFirstName(entity.nameWords[0] ?? ''));
  views.forEach((view, v) => {
    view.mentions.forEach((mention, n) => {
      const entity = view.entities[n];
      if (!entity || entity.named || view.tokens[mention.start]?.lower !== 'its' || !mention.role) return;
      // The subject first, as pronouns prefer it (Centering theory's ranking: subject over object), then
      // the nearest thing before.
      const subject = view.mentions[view.subject];
      let owner: Entity | null = subject && subject.end <= mention.start && thing(subject, view.entities[view.subject]) ? registry.canonical(view.entities[view.subject]!) : null;
      for (let m = n - 1; m >= 0 && !owner; m--) {
        const before = view.mentions[m];
        if (before && before.end <= mention.start && thing(before, view.entities[m])) owner = registry.canonical(view.entities[m]!);
      }
      const previous = views[v - 1];
      if (!owner && previous && previous.paragraph === view.paragraph || !owner && previous && previous.paragraph === view.paragraph - 1) {
        const subject = previous!.mentions[previous!.subject];
        if (thing(subject, previous!.entities[previous!.subject])) owner = registry.canonical(previous!.entities[previous!.subject]!);
      }
      if (!owner || owner === registry.canonical(entity)) return;
      const owned = mention.text.replace(/^its\s+/i, '');
      if (entity.display.startsWith(`${owner.name}'s`)) return;
      entity.name = entity.display = `${owner.name}'s ${owned}`;
    });
  });
}

/**
 * "In a statement, Hollis said … . “…,” the statement said.": a definite document ("the statement", "the
 * report") with no owner of its own refers back to the document the article introduced a few sentences before
 * ("a statement", "its report", definite anaphora, Quirk et al. 1985, 5.32), and speaks for who issued it: the
 * named subject of that sentence.
 */
function ownDefiniteDocuments(views: SentenceView[], registry: PeopleRegistry): void {
  views.forEach((view, v) => {
    view.mentions.forEach((mention, n) => {
      const entity = view.entities[n];
      if (!entity || entity.named || mention.type !== 'organisation' || !mention.head || !isDocumentNoun(mention.head) || mention.owner || mention.possessive) return;
      if (view.tokens[mention.start]?.lower !== 'the' || mention.end - mention.start !== 2) return;
      for (let u = v - 1; u >= 0 && u >= v - 4; u--) {
        const earlier = views[u] as SentenceView;
        if (earlier.paragraph < view.paragraph - 1) return;
        const at = earlier.tokens.findIndex((token, k) => token.lower === mention.head && !token.quoted && /^(?:a|an|its|his|her|their)$/.test(earlier.tokens[k - 1]?.lower ?? ''));
        if (at < 0) continue;
        const subject = earlier.mentions[earlier.subject];
        const issuer = earlier.entities[earlier.subject];
        if (!subject || !issuer || subject.possessive || (subject.start <= at && subject.end > at)) return;
        const owner = registry.canonical(issuer);
        if (!owner.named || owner.place || owner === registry.canonical(entity)) return;
        view.entities[n] = owner;
        registry.unrecord(entity, mention.text, view.sentence.index);
        registry.record(owner, mention.text, view.sentence.index, view.sentence.paragraph);
        return;
      }
    });
  });
}

/** Possessive determiners of the third person that stand for people ("his", "her", "their"). */
const PERSONAL_OWNERS = new Set(['his', 'her', 'their']);

/**
 * A description owned by "his", "her" or "their" ("His mother came to the station and said …", "her
 * brother told reporters …") is the possessive's antecedent's: "Tomás Ferreira's mother", not a "mother" of
 * no one. A possessive determiner refers as its personal pronoun does (Quirk et al. 1985, 6.27), so the
 * pronoun's own resolution (by salience) names the owner, who must agree with the determiner: a person for
 * "his" and "her", a group or a named institution for "their"; named or described ("the Ferreira boy's
 * mother"). Named people stay as they are ("her brother, Tom Reyes" is Tom Reyes), and an owner is never the
 * owned one itself.
 */
function ownPersonalDescriptions(views: readonly SentenceView[], registry: PeopleRegistry): void {
  for (const view of views) {
    view.mentions.forEach((mention, n) => {
      const entity = view.entities[n];
      const determiner = view.mentions[n - 1];
      if (!entity || entity.named || entity.organisation || mention.type !== 'person' || !mention.role || mention.possessive) return;
      if (!determiner || determiner.type !== 'pronoun' || determiner.subjectForm || determiner.end !== mention.start) return;
      const word = view.tokens[determiner.start]?.lower ?? '';
      if (!PERSONAL_OWNERS.has(word)) return;
      const resolved = view.entities[n - 1];
      if (!resolved || !determiner.pronoun) return;
      const owner = registry.canonical(resolved);
      if (owner.place || !agrees(owner, determiner.pronoun) || (owner.organisation && !owner.named) || owner === registry.canonical(entity)) return;
      if (entity.display.startsWith(`${owner.name}'s`)) return;
      entity.name = entity.display = `${owner.name}'s ${mention.text}`;
    });
  }
}

/** First-person pronouns and determiners: outside quote marks, only one answering speaks so ("US" is no "us"). */
const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'we', 'us', 'our', 'ours']);
/** First-person possessives: in a turn they stand for the one speaking. */
const FIRST_PERSON_OWNERS = new Set(['my', 'our']);
/** Second-person possessives: in a question they stand for the one asked. */
const SECOND_PERSON_OWNERS = new Set(['your']);

/**
 * A description the speaker of a turn owns ("my mother", "my first station officer", "our finance
 * director") is that speaker's: "Elspeth Gorringe's mother", not a "mother" of no one; in a question, one
 * the person asked owns ("your critics") is theirs. Named people stay as they are ("My editor, Priya
 * Nandakumar" is Priya Nandakumar).
 */
function ownDescriptions(views: readonly SentenceView[], from: number, owner: Entity, owners: ReadonlySet<string>): void {
  if (!owner.named || owner.organisation) return;
  for (const view of views) {
    if (view.sentence.end <= from) continue;
    view.mentions.forEach((mention, n) => {
      const entity = view.entities[n];
      if (!entity || entity.named || entity.organisation || mention.type !== 'person' || !mention.role) return;
      const inside = owners.has(view.tokens[mention.start]?.lower ?? '');
      // An adjective or two may stand between the possessive and the noun ("my first station officer").
      let at = mention.start - 1;
      const modifiers: string[] = [];
      while (at >= 0 && modifiers.length < 2 && !owners.has(view.tokens[at]!.lower) && isOwnedModifier(view.tokens[at]!)) modifiers.unshift(view.tokens[at--]!.text);
      if (!inside && !owners.has(view.tokens[at]?.lower ?? '')) return;
      const owned = [...modifiers, mention.text.replace(/^(?:my|our|your)\s+/i, '')].join(' ');
      if (entity.display.startsWith(`${owner.name}'s`)) return;
      entity.name = entity.display = `${owner.name}'s ${owned}`;
    });
  }
}

/** A lower-case word between a possessive and its noun: an ordinal or adjective ("first", "new", "former"). */
function isOwnedModifier(token: Token): boolean {
  return token.kind === 'word' && !token.quoted && !token.capitalised && !is(token, WORD.function) && (is(token, WORD.titleModifier) || isAdjectiveWord(token.lower) || /^(?:first|second|third|last|new|old|former|late)$/.test(token.lower));
}

/** Where each quote mark stands: `paragraph:offset` → sentence view and token. */
function indexMarks(views: readonly SentenceView[]): Map<string, Located> {
  const marks = new Map<string, Located>();
  views.forEach((view, n) => {
    view.tokens.forEach((token, t) => {
      if (token.kind === 'open' || token.kind === 'close') marks.set(`${view.paragraph}:${token.start}`, { view: n, token: t });
    });
  });
  return marks;
}

/**
 * Where the clause holding the opening mark at token `open` starts: after the last closing mark or semicolon
 * before it ("According to the embassy, …; Chinese authorities referred to him as "…"" keeps the embassy out).
 */
function clauseStart(tokens: readonly Token[], open: number): number {
  for (let k = open - 1; k >= 0; k--) {
    const token = tokens[k] as Token;
    if (token.kind === 'close' || (token.text === ';' && !token.quoted)) return k + 1;
  }
  return 0;
}

/** Index of the last closing mark before token `open`, or -1. */
function previousClose(tokens: readonly Token[], open: number): number {
  for (let k = open - 1; k >= 0; k--) if ((tokens[k] as Token).kind === 'close') return k;
  return -1;
}

/** The sentences (article-wide indexes) a quotation spans. */
function sentencesOf(span: QuoteSpan, views: readonly SentenceView[]): number[] {
  const indexes: number[] = [];
  for (const view of views) {
    const { paragraph, sentence } = view;
    if (span.parts.some((part) => part.paragraph === paragraph && sentence.start < part.end && sentence.end > part.start)) {
      indexes.push(sentence.index);
    }
  }
  return indexes;
}

/** The speaker from the cues in the quotation's own sentences (see speakers.ts for the order), with the cue that gave it. */
function speakerOf(views: readonly SentenceView[], open: Located, close: Located | null, from: number, kind: QuoteKind): Routed | null {
  const openView = views[open.view] as SentenceView;
  const closeView = close ? (views[close.view] as SentenceView) : null;
  const steps: [Route, () => Omit<SpeakerFinding, 'view'> | null][] = [
    ['after', () => (close && closeView ? cueAfter(closeView, close.token) : null)],
    // `“…” Pelosi said.` split by the sentence splitter into a sentence of its own after the quote.
    ['after', () => {
      if (!close || !closeView) return null;
      const rest = closeView.tokens.slice(close.token + 1).filter((token) => token.kind === 'word');
      const next = views[close.view + 1];
      const short = next && next.paragraph === closeView.paragraph && next.tokens.filter((t) => t.kind === 'word').length <= 6;
      return rest.length === 0 && short ? cueAfter(next, -1) : null;
    }],
    ['agent', () => (close && closeView ? agentAfter(closeView, close.token) : null)],
    ['before', () => cueBefore(openView, open.token, from)],
    // A partial quote in a clause after a semicolon belongs to that clause's subject.
    ['clause-subject', () => (kind === 'partial' && openView.tokens[from - 1]?.text === ';' ? clauseSubject(openView, from) : null)],
    ['in-sentence', () => cueInSentence(openView)],
    ['in-sentence', () => (closeView && closeView !== openView ? cueInSentence(closeView) : null)],
    ['subject', () => (kind === 'partial' ? subjectAsSpeaker(openView) : null)],
  ];
  for (const [route, step] of steps) {
    const finding = step();
    if (finding) return finding.entity ? { ...finding, route } : null;
  }
  return null;
}

/**
 * A quotation with no cue of its own: it continues the previous quotation's speaker when that one is in the
 * same or the previous paragraph (news style splits long quotes), else the subject of the sentence before.
 */
function continuation(
  previous: { entity: Entity | null; paragraph: number; view: number } | null,
  paragraph: number,
  views: readonly SentenceView[],
  view: number,
): Routed | null {
  if (previous?.entity && paragraph - previous.paragraph <= 1) return { entity: previous.entity, mention: null, cue: null, route: 'continued' };
  const before = views[view - 1];
  if (before && before.subject >= 0 && before.entities[before.subject]) {
    return { entity: before.entities[before.subject] ?? null, mention: null, cue: null, route: 'previous-subject' };
  }
  const own = views[view];
  const subject = own && own.subject >= 0 && own.entities[own.subject] ? subjectAsSpeaker(own) : null;
  return subject ? { ...subject, route: 'subject' } : null;
}

/**
 * The quoted words without the comma or period that closes them inside the marks (“…also defense,” →
 * "…also defense"): the sentence keeps them, the quote is the words. "?", "!" and an ellipsis stay.
 */
export function withoutClosingPunctuation(text: string): string {
  return text.replace(/\s*(?:,|(?<!\.)\.)$/u, '').trimEnd();
}

/**
 * A reported statement stops where a direct quotation of its sentence starts (`X was disappointed: "…," he
 * said`), so the same words are not given twice; a statement left with fewer than three words is dropped.
 */
function withoutDirectQuotations(found: readonly Found[], paragraphs: readonly string[]): Found[] {
  const kept: Found[] = [];
  for (const quote of found) {
    if (quote.kind !== 'indirect') {
      kept.push(quote);
      continue;
    }
    const inside = found.filter((other) => other.kind === 'direct' && other.paragraph === quote.paragraph && other.offset > quote.offset && other.offset < quote.end);
    if (inside.length === 0) {
      kept.push(quote);
      continue;
    }
    const cut = Math.min(...inside.map((other) => other.offset));
    const text = (paragraphs[quote.paragraph] ?? '').slice(quote.offset, cut).replace(/[\s,:;—–-]+$/u, '');
    if (text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length >= 3) kept.push({ ...quote, text, end: quote.offset + text.length });
  }
  return kept;
}

/** The mention opening the clause that starts at token `from`, as the speaker of a partial quote in it. */
function clauseSubject(view: SentenceView, from: number): Omit<SpeakerFinding, 'view'> | null {
  const index = view.mentions.findIndex((mention) => mention.start === from);
  const mention = view.mentions[index];
  if (!mention || mention.possessive || mention.type === 'place' || (mention.type === 'pronoun' && !mention.subjectForm)) return null;
  const entity = view.entities[index] ?? null;
  return entity ? { entity, mention, cue: null } : null;
}
