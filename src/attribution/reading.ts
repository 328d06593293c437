/**
 * The first pass over an article: every sentence tokenised, its mentions found and linked to people in text
 * order (names, descriptions, appositions, pronouns), and its subject noted for the pronouns that follow.
 */
import type { ArticleText, Sentence } from '../model.ts';
import { affiliationEnd, sentenceSubject } from './clauses.ts';
import { isDocumentNoun, isFirstName, isHonorific, isSpeechVerb, singularOf, WORD } from './lexicon.ts';
import { findMentions, type Mention } from './mentions.ts';
import { PeopleRegistry, agrees, type Entity } from './people.ts';
import type { QuoteSpan } from './quote-marks.ts';
import { is, tokenize, type Token } from './tokens.ts';
import { isRoleLabel, labelOf } from './transcript.ts';

/** A sentence as attribution sees it. */
export interface SentenceView {
  sentence: Sentence;
  /** 0-based paragraph index. */
  paragraph: number;
  tokens: Token[];
  mentions: Mention[];
  /** The entity each mention refers to (same order as `mentions`), null when unresolved. */
  entities: (Entity | null)[];
  /** The subject mention's index in `mentions`, or -1. */
  subject: number;
}

/** Reads the sentences of an article, linking every mention to a person of the registry. */
export function readSentences(article: ArticleText, sentences: readonly Sentence[], spans: readonly QuoteSpan[], registry: PeopleRegistry): SentenceView[] {
  const marks = article.paragraphs.map(() => new Map<number, 'open' | 'close'>());
  const quoted = article.paragraphs.map((): [number, number][] => []);
  for (const span of spans) {
    const first = span.parts[0];
    const last = span.parts[span.parts.length - 1];
    if (first) marks[first.paragraph]?.set(span.open, 'open');
    if (last && span.close !== null) marks[last.paragraph]?.set(span.close, 'close');
    span.parts.forEach((part, n) => {
      if (n > 0) marks[part.paragraph]?.set(part.start - 1, 'open');
      quoted[part.paragraph]?.push([part.start, part.end]);
    });
  }
  const views: SentenceView[] = [];
  /** The words of the people's names read so far: at a sentence's start such a word is a name, whatever its shape. */
  const knownNames = new Set<string>();
  for (const sentence of sentences) {
    const paragraph = sentence.paragraph - 1;
    const text = article.paragraphs[paragraph] ?? '';
    // A label that names no one ("A:", "Q:", "((WN))") is not part of its first sentence's grammar; a name
    // label ("SMITH:", "((Dorsa Derakhshani))") stays, a mention of who speaks.
    const found = sentence.start === firstSentenceStart(text) ? labelOf(text) : null;
    const label = found && isRoleLabel(found.label) ? found : null;
    const from = label && label.start > sentence.start && label.start < sentence.end ? label.start : sentence.start;
    const tokens = tokenize(text, from, sentence.end, marks[paragraph] ?? new Map(), quoted[paragraph] ?? []);
    // A wire dateline ("WASHINGTON (Reuters) -", "SAN MATEO, Calif. —") says where the story was filed: no one in it speaks.
    const dateline = sentence.start === firstSentenceStart(text) ? datelineEnd(tokens) : 0;
    const mentions = findMentions(tokens, knownNames).filter((mention) => mention.start >= dateline);
    const view: SentenceView = { sentence, paragraph, tokens, mentions, entities: [], subject: -1 };
    const subject = sentenceSubject(tokens, mentions, isSpeechVerb, dateline);
    view.subject = subject ? mentions.indexOf(subject) : -1;
    mentions.forEach((mention, n) => {
      let entity: Entity | null;
      if (mention.type === 'pronoun') {
        entity = resolvePronoun(mention, n, view, views);
        if (entity) {
          registry.record(entity, mention.text, sentence.index, sentence.paragraph);
          if (entity.gender === null && (mention.pronoun === 'male' || mention.pronoun === 'female')) entity.gender = mention.pronoun;
        }
      } else {
        // A document speaks for its owner: "the WHO's website said" is said by the WHO.
        const oblique = OBLIQUE.has(tokens[mention.start - 1]?.lower ?? '');
        entity = registry.link(ownedDescription(mention, n, view) ?? mention.owner ?? mention, sentence.index, sentence.paragraph, oblique);
        // The owner is who "the guidelines" means later ("per WHO guidelines …. The guidelines cite …").
        if (entity && mention.owner && mention.head && isDocumentNoun(mention.head)) entity.heads.add(mention.head);
        linkServedInstitution(mention, view, registry);
      }
      view.entities.push(entity);
    });
    linkDocumentSources(view);
    linkCoordinatedTitles(view, registry);
    linkAppositions(view, registry);
    linkNamingClauses(view, registry);
    for (const mention of mentions) {
      if (mention.type !== 'person' || !mention.name) continue;
      for (const word of mention.name.split(/\s+/)) if (word.length > 2 && /^\p{Lu}/u.test(word)) knownNames.add(word.toLowerCase());
    }
    views.push(view);
  }
  return views;
}

/** Possessive determiners that give a description its owner: "his associates", "her brother", "their lawyer". */
const OWNER_DETERMINERS = new Set(['his', 'her', 'their']);

/**
 * A description owned by a person named before, as that person's: "his associates" after "Alexei Navalny"
 * is "Alexei Navalny's associates", "her brother" another person's brother than "his brother". The owner
 * is the possessive pronoun's antecedent (resolved just before, as pronouns are); without a named one, the
 * description stands as written.
 */
function ownedDescription(mention: Mention, index: number, view: SentenceView): Mention | null {
  if (mention.type !== 'person' || mention.name !== null || mention.definite || !mention.role) return null;
  const before = view.mentions[index - 1];
  if (!before || before.type !== 'pronoun' || before.end !== mention.start || !OWNER_DETERMINERS.has(before.text.toLowerCase())) return null;
  const owner = view.entities[index - 1];
  if (!owner || !owner.named || owner.place) return null;
  const text = `${owner.name}'s ${mention.text}`;
  return { ...mention, text, role: text, definite: true };
}

/** The index of a sentence's first word, after a speaker's label that opens it ("Sen. Price: …"). */
function firstWord(tokens: readonly Token[]): number {
  const colon = tokens.findIndex((token, n) => n < 6 && token.text === ':');
  return tokens.findIndex((token, n) => n > colon && token.kind === 'word');
}

/**
 * Where a wire dateline ends (the token after its dash), or 0 when the paragraph opens with none: a place in
 * capitals ("WASHINGTON", "SAN MATEO"), then only a state or date, commas and periods, a news agency in
 * brackets ("(AP)", "(Reuters)"), and a dash, as AP and Reuters open a story.
 */
export function datelineEnd(tokens: readonly Token[]): number {
  const first = tokens[0];
  if (!first || first.kind !== 'word' || !/^[A-Z][A-Z.'-]+$/.test(first.text)) return 0;
  for (let k = 1; k < Math.min(tokens.length, 14); k++) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' && /^[—–-]$/.test(token.text)) return k + 1;
    if (token.quoted) return 0;
    if (token.kind === 'word' ? !(token.capitalised || /^\d/.test(token.text)) : !/^[,.()]$/.test(token.text)) return 0;
  }
  return 0;
}

/** Where a paragraph's first sentence starts (after its leading blanks). */
const firstSentenceStart = (text: string): number => text.length - text.trimStart().length;

/**
 * Two mentions side by side, separated by a comma, are one person when one is a name and the other a
 * description: "Morgan Ortagus, a State Department spokesperson," / "a spokesperson, Morgan Ortagus,".
 */
function linkAppositions(view: SentenceView, registry: PeopleRegistry): void {
  const { mentions, tokens, entities } = view;
  for (let n = 0; n + 1 < mentions.length; n++) {
    const a = mentions[n] as Mention;
    const b = mentions[n + 1] as Mention;
    // A description's time post-modifier may stand before the comma: "The Institution's chief executive at the
    // time, Sir Anthony Carrick," (the holder then, not now).
    const comma = a.name === null ? a.end + timeModifierLength(tokens, a.end) : a.end;
    if (tokens[comma]?.text !== ',') continue;
    // Up to two lower-case modifiers may open the second: "Her neighbor, retired firefighter Gene Albright,".
    const between = tokens.slice(comma + 1, b.start);
    if (between.length > 2 || between.some((token) => token.kind !== 'word' || token.quoted || token.capitalised || is(token, WORD.function))) continue;
    if (between.length > 0 && !(b.name !== null && b.role !== null)) continue;
    // Two persons, or two institutions (one named, one described, no document): "The Rural Telecom
    // Association, an industry group,".
    // "her longtime publisher, Greenbriar Music,": a name in apposition to an institution's description is
    // that institution (apposition is coreference, Quirk et al. 1985, 17.65) when nothing in it marks a
    // person (no given name, no honorific, no gender).
    const institutionNamed = a.type !== b.type && [a, b].some((m) => m.type === 'organisation' && m.name === null && m.head !== null && !isDocumentNoun(m.head) && !m.plural) &&
      [a, b].some((m) => m.type === 'person' && m.name !== null && m.role === null && m.gender === null && !startsWithFirstName(m));
    if ((a.type !== b.type && !institutionNamed) || !SPEAKING.has(a.type) || !SPEAKING.has(b.type) || a.possessive || b.possessive) continue;
    if (a.type === 'organisation' && [a, b].some((m) => m.head !== null && isDocumentNoun(m.head))) continue;
    if ((a.name === null) === (b.name === null)) continue;
    const description = a.name === null ? a : b;
    if (description.plural) continue;
    // The apposition closes with a comma, a verb or the sentence's end: "Ortagus, a spokesperson, said" — after
    // the name's affiliation, if it has one: "Another analyst, Priscilla Dunn of Harrow & Lane, said".
    const affiliation = b.type === 'person' && b.name !== null && !/^(?:a|an|the)\s/i.test(b.text) ? affiliationEnd(tokens, b.end) : b.end;
    const after = tokens[tokens[affiliation]?.text === ',' ? affiliation : b.end];
    if (after && after.text !== ',' && after.text !== '.' && after.kind === 'word' && !is(after, WORD.cue)) continue;
    // A name opening the sentence, then a description running straight into its verb, is someone addressed:
    // "Dr. Lindqvist, the Farm Bureau's own consultant told this committee …" (a vocative, not an apposition).
    if (a.name !== null && a.start === firstWord(tokens) && after?.kind === 'word') continue;
    const ea = entities[n];
    const eb = entities[n + 1];
    if (!ea || !eb || ea === eb) continue;
    if (institutionNamed) {
      // Only a name met here for the first time: one the article already gave a person stays theirs
      // ("According to Murphy, the hospital spent …" is no apposition).
      // And a true apposition, closed by a comma or the sentence's end: not "… from Morvania, its trade
      // ministry said" (a cue) nor "According to Larkspur, the company spent" (a clause).
      if (after && after.text !== ',' && after.text !== '.') continue;
      const named = ea.named ? ea : eb;
      if (named.organisation || named.mentions.length > 1 || named.gender !== null || isFirstName(named.nameWords[0] ?? '')) continue;
      ea.organisation = eb.organisation = true;
    }
    const merged = registry.merge(ea, eb);
    view.entities = view.entities.map((entity) => (entity === ea || entity === eb ? merged : entity));
  }
}

/** Participles that name someone after "as": "identified as X", "named only as X", "known as X". */
const NAMING_PARTICIPLES = new Set(['identified', 'named', 'known', 'listed']);

/**
 * A description followed by a clause that names its referent is that person: "The attacker, identified as
 * Sudesh Amman," / "a retired teacher who gave her name only as Mrs. Hale" (news's naming formulas, in which
 * "as" introduces a name that is the description's referent, Quirk et al. 1985, 16.49 on "as" complements).
 * The described one is the nearest person described (not named) before the formula.
 */
function linkNamingClauses(view: SentenceView, registry: PeopleRegistry): void {
  const { mentions, tokens } = view;
  for (let n = 0; n < mentions.length; n++) {
    const named = mentions[n] as Mention;
    if (named.type !== 'person' || named.name === null || named.possessive || tokens[named.start - 1]?.lower !== 'as') continue;
    // "identified (only) as" / "gave her name (only) as".
    let k = named.start - 2;
    if (tokens[k]?.lower === 'only') k--;
    const word = tokens[k]?.lower ?? '';
    const formula = NAMING_PARTICIPLES.has(word) || (word === 'name' && /^(?:gave|gives|giving|give)$/.test(tokens[k - 2]?.lower ?? '') && /^(?:his|her|their)$/.test(tokens[k - 1]?.lower ?? ''));
    if (!formula || (tokens[k] as Token).quoted) continue;
    const opens = word === 'name' ? k - 2 : k;
    let described = -1;
    for (let m = n - 1; m >= 0 && described < 0; m--) {
      const mention = mentions[m] as Mention;
      if (mention.end > opens || mention.type === 'pronoun') continue;
      if (mention.type !== 'person' || mention.possessive) break;
      described = m;
    }
    const description = mentions[described];
    if (!description || description.name !== null || description.plural) continue;
    const a = view.entities[described];
    const b = view.entities[n];
    if (!a || !b || a === b || a.named) continue;
    const merged = registry.merge(b, a);
    view.entities = view.entities.map((entity) => (entity === a || entity === b ? merged : entity));
    // A description in apposition before it is the same one: "Her neighbor, a retired nurse who gave her name as X".
    const before = mentions[described - 1];
    const other = view.entities[described - 1];
    if (before && other && other !== merged && !other.named && before.type === 'person' && before.name === null && !before.plural && !before.possessive &&
      tokens[before.end]?.text === ',' && description.start - before.end <= 4 && tokens.slice(before.end + 1, description.start).every((token) => token.kind === 'word' && !token.capitalised)) {
      const again = registry.merge(merged, other);
      view.entities = view.entities.map((entity) => (entity === merged || entity === other ? again : entity));
    }
  }
}

/**
 * A title with the institution it serves, named ("A spokesperson for Seaward Partners said", "the chief
 * executive of Hollis & Crane"): the institution is one the article has named, and "the company" may mean
 * it later. Its name is the capitalised words after the title's first "for", "of" or "at" (an article and
 * name joiners inside), none a given name, an honorific or a title ("a spokesman for Senator Reed" names a
 * person).
 */
function linkServedInstitution(mention: Mention, view: SentenceView, registry: PeopleRegistry): void {
  const { tokens } = view;
  if (mention.type !== 'person' || mention.name !== null || !mention.role || mention.plural) return;
  // The institution runs from the title's first joiner: "a spokesperson for the Department of Public Health".
  let at = -1;
  for (let k = mention.start + 1; k < mention.end && at < 0; k++) if (/^(?:for|of|at)$/.test((tokens[k] as Token).lower)) at = k;
  if (at < 0) return;
  const words = tokens.slice(tokens[at + 1]?.lower === 'the' ? at + 2 : at + 1, mention.end);
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last || !first.capitalised || !last.capitalised || isFirstName(first.lower) || isHonorific(first.lower.replace(/\.$/, '')) || is(first, WORD.role) || is(first, WORD.place)) return;
  if (!words.every((token) => token.text === '&' || (token.kind === 'word' && !token.quoted && (token.capitalised || /^(?:of|and|for)$/.test(token.lower))))) return;
  registry.servedInstitution(words.map((token) => token.text).join(' '), view.sentence.index, view.sentence.paragraph);
}

/** Does a name open with a given name ("Greenbriar Music" does not; "Tim Cook" does)? */
function startsWithFirstName(mention: Mention): boolean {
  const first = mention.name?.split(/\s+/)[0]?.toLowerCase() ?? '';
  return isFirstName(first) || isHonorific(first.replace(/\.$/, ''));
}

/** Time post-modifiers of a role ("at the time", "at that time", "then"): how many tokens one takes at k, or 0. */
function timeModifierLength(tokens: readonly Token[], k: number): number {
  const words = tokens.slice(k, k + 3).map((token) => (token.kind === 'word' && !token.quoted ? token.lower : ''));
  if (words[0] === 'then') return 1;
  if (words[0] === 'at' && (words[1] === 'the' || words[1] === 'that') && words[2] === 'time') return 3;
  return 0;
}

/**
 * Two titles joined by "and" without a determiner of their own are one person's: "The hospital's president
 * and chief executive, Dr. Alan Whitcombe," (but "the mayor and the governor" are two).
 */
function linkCoordinatedTitles(view: SentenceView, registry: PeopleRegistry): void {
  const { mentions, tokens, entities } = view;
  for (let n = 0; n + 1 < mentions.length; n++) {
    const a = mentions[n] as Mention;
    const b = mentions[n + 1] as Mention;
    if (tokens[a.end]?.lower !== 'and' || b.start !== a.end + 1) continue;
    if (a.type !== 'person' || b.type !== 'person' || a.name !== null || b.name !== null || a.plural || b.plural || a.possessive) continue;
    const first = tokens[b.start] as Token;
    if (first.capitalised || DETERMINER_WORDS.has(first.lower)) continue;
    const ea = entities[n];
    const eb = entities[n + 1];
    if (!ea || !eb || ea === eb || ea.named || eb.named) continue;
    const merged = registry.merge(ea, eb);
    view.entities = view.entities.map((entity) => (entity === ea || entity === eb ? merged : entity));
  }
}
const DETERMINER_WORDS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'this', 'that', 'another', 'one']);

/** Prepositions whose object is named as a medium or a place of publication ("on Twitter", "in The Tennessean"), not as an actor. */
const OBLIQUE = new Set(['on', 'in', 'via']);

/** Mentions that can stand in apposition to each other. */
const SPEAKING = new Set<Mention['type']>(['person', 'organisation']);

/** Prepositions that tie a document to its source: "a report by Tasnim News Agency", "a study in the Lancet". */
const SOURCE_LINKS = new Set(['by', 'from', 'of', 'in']);

/**
 * A document followed by its source speaks for the source: "the report by Tasnim News Agency", "Estimates by
 * the Argentinian government", "One study in the Journal of Threatened Taxa". A place is no source ("a
 * study in China").
 */
function linkDocumentSources(view: SentenceView): void {
  const { mentions, tokens, entities } = view;
  for (let n = 0; n + 1 < mentions.length; n++) {
    const document = mentions[n] as Mention;
    if (document.type !== 'organisation' || document.name !== null || document.owner || !document.head || !isDocumentNoun(document.head)) continue;
    const source = mentions[n + 1] as Mention;
    const link = tokens[document.end]?.lower ?? '';
    if (source.start !== document.end + 1 || !SOURCE_LINKS.has(link)) continue;
    // After a noun of investigation "of" names what is investigated, not who investigates ("a survey of
    // members", "an audit of the district": the objective "of" of a deverbal noun, Quirk et al. 1985, ch. 17).
    if (link === 'of' && INVESTIGATIONS.has(singularOf(document.head))) continue;
    if (source.type === 'place' || source.type === 'pronoun' || (link === 'in' && source.name === null)) continue;
    if (source.head && isDocumentNoun(source.head)) continue;
    const owner = entities[n + 1];
    if (owner) entities[n] = owner;
  }
}

/** Documents that are investigations, whose "of" phrase is their object ("a survey of members"). */
const INVESTIGATIONS = new Set(['survey', 'poll', 'study', 'review', 'audit', 'inquiry', 'analysis', 'census', 'investigation', 'examination', 'evaluation', 'assessment']);

/** Words that open a clause of its own after the sentence's subject: its subject follows them. */
const CLAUSE_OPENERS = new Set(['when', 'while', 'after', 'before', 'because', 'although', 'though', 'if', 'since', 'until', 'once', 'whereas', 'unless']);

/** How many sentences back a pronoun may find its antecedent. */
const PRONOUN_REACH = 5;

/**
 * Is the mention at `index` a pronoun opening a parenthetical cue: set off by commas inside the clause it
 * interrupts, after a word of it and before the rest, with a speech verb ("The companies, they said, billed
 * …")? A cue after a quotation (`"…", he said.`) closes it and interrupts nothing.
 */
function parentheticalCue(view: SentenceView, index: number): boolean {
  const mention = view.mentions[index];
  if (!mention || mention.type !== 'pronoun' || !mention.subjectForm || index === 0) return false;
  const { tokens } = view;
  const before = tokens[mention.start - 1];
  const word = tokens[mention.start - 2];
  const verb = tokens[mention.end];
  const after = tokens[mention.end + 1];
  return !!before && before.text === ',' && !before.quoted && !!word && word.kind === 'word' && !word.quoted &&
    !!verb && verb.kind === 'word' && !verb.quoted && isSpeechVerb(verb.lower) && !!after && after.text === ',' && !after.quoted;
}

/**
 * Resolves a pronoun by salience: the subject of its own sentence when it stands before the pronoun (or the
 * noun phrase opening it, when the sentence's reported source is no antecedent), then going back sentence by
 * sentence, a parenthetical cue's subject or the subject of that sentence if it agrees, else its nearest
 * agreeing mention (right to left). The first sentence holding an agreeing mention decides: a farther
 * antecedent is never preferred to a nearer compatible one. A parenthetical cue's pronoun never stands for a
 * name of the clause it interrupts. `allowed` leaves out entities the pronoun cannot stand for.
 */
export function resolvePronoun(
  pronoun: Mention,
  index: number,
  view: SentenceView,
  before: readonly SentenceView[],
  allowed: (entity: Entity) => boolean = () => true,
): Entity | null {
  const kind = pronoun.pronoun;
  if (!kind) return null;
  // The subject of a parenthetical cue ("The shell companies, they said, billed …") reports the clause it
  // interrupts: that clause is its complement, so nothing named there is what it stands for (binding
  // theory's Principle C: a pronoun never binds a name or description it c-commands, though it may
  // corefer with another pronoun there: "Her husband, she said, …"; Quirk et al. 1985,
  // 15.53 on comment clauses as reporting clauses).
  const reported = parentheticalCue(view, index) ? new Set(view.entities.filter((_, n) => n < index && view.mentions[n]?.type !== 'pronoun')) : null;
  const ok = (entity: Entity | null | undefined): entity is Entity => !!entity && agrees(entity, kind) && allowed(entity) && !reported?.has(entity);
  // In its own clause: a later clause's subject is nearer than the sentence's ("…, and when Tobias ran
  // them through his software …").
  const subjectEnd = view.subject >= 0 && view.subject < index ? (view.mentions[view.subject] as Mention).end : -1;
  if (subjectEnd >= 0) {
    let boundary = -1;
    for (let k = pronoun.start - 1; k >= subjectEnd; k--) {
      if (CLAUSE_OPENERS.has((view.tokens[k] as Token).lower) && !(view.tokens[k] as Token).quoted) {
        boundary = k;
        break;
      }
    }
    if (boundary >= 0) {
      const clauseSubject = view.mentions.findIndex((mention, n) => n < index && mention.start === boundary + 1 && !mention.possessive && mention.type !== 'place');
      if (clauseSubject >= 0 && ok(view.entities[clauseSubject])) return view.entities[clauseSubject] as Entity;
    }
  }
  // In its own sentence: the subject, when it comes before the pronoun ("Kuleba … stated he was …").
  const ownSubject = view.subject >= 0 && view.subject < index ? view.entities[view.subject] : null;
  if (ok(ownSubject)) return ownSubject;
  for (let n = index - 1; n >= 0; n--) {
    const mention = view.mentions[n] as Mention;
    const entity = view.entities[n];
    if (mention.possessive || !ok(entity)) continue;
    if (mention.type === 'pronoun') return entity;
  }
  // The noun phrase opening the sentence is its grammatical subject even when the sentence reports a source
  // ("The stores were reluctant, according to a report in which they said …"): the subject of the main
  // clause is the most salient entity of its sentence (Centering's ranking, Grosz et al. 1995).
  const opening = view.mentions[0];
  if (index > 0 && opening && opening.start === firstWord(view.tokens) && !opening.possessive && opening.type !== 'pronoun' && ok(view.entities[0])) return view.entities[0];
  for (let back = before.length - 1; back >= Math.max(0, before.length - PRONOUN_REACH); back--) {
    const earlier = before[back] as SentenceView;
    // A parenthetical cue's subject is the sentence's main subject (its clause reports the rest), and the
    // most salient for what follows: "The shell companies, they said, billed … They told jurors …".
    const cue = earlier.mentions.findIndex((_, n) => parentheticalCue(earlier, n));
    if (cue >= 0 && ok(earlier.entities[cue])) return earlier.entities[cue];
    const subject = earlier.subject >= 0 ? earlier.entities[earlier.subject] : null;
    if (ok(subject)) return subject;
    // "the panel asked her what she would do if a crew member refused. She said …": beyond the subject, one
    // known to be of the pronoun's gender comes before one whose gender is unknown (agreement is evidence;
    // an unknown gender only fails to rule out).
    if (kind === 'male' || kind === 'female') {
      for (let n = earlier.mentions.length - 1; n >= 0; n--) {
        const entity = earlier.entities[n];
        if (ok(entity) && entity.gender === kind && !entity.organisation && !entity.place) return entity;
      }
    }
    for (let n = earlier.mentions.length - 1; n >= 0; n--) {
      const entity = earlier.entities[n];
      if (ok(entity) && !(entity.place && kind !== 'group' && kind !== 'thing')) return entity;
    }
  }
  return null;
}
