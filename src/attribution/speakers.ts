/**
 * Who said a quotation. The cues are tried from the closest to the loosest:
 *
 * 1. right after the closing mark: `“…,” Austin added` / `“…,” said the official` (any past-tense verb in
 *    that slot counts, listed or not: the position makes it a speech verb);
 * 2. right before the opening mark: `X said, “…”`, `X told reporters: “…”`, `X: “…”`, `according to X, “…”`;
 * 3. elsewhere in the sentence: a speech verb's subject (`He praised Ukraine’s “measured response”`), a
 *    trailing `…, he added.`, an `according to X`;
 * 4. the sentence's subject (a partial quote in a narrative sentence);
 * 5. none in the sentence: a quotation standing alone continues the previous quotation's speaker when it is
 *    in the same or the previous paragraph, else the subject of the sentence before.
 */
import type { QuoteKind, SpeakerReference } from '../model.ts';
import { mentionAfter, subjectOfVerb } from './clauses.ts';
import { isSpeechVerb, WORD } from './lexicon.ts';
import type { Mention } from './mentions.ts';
import type { Entity } from './people.ts';
import type { SentenceView } from './reading.ts';
import { is, type Token } from './tokens.ts';

export interface SpeakerFinding {
  entity: Entity | null;
  mention: Mention | null;
  cue: string | null;
  /** The sentence (index into the views) where the cue was found. */
  view: number;
}

/** Nouns of a viewpoint adjunct: "in the view of X", "in the words of X". */
const VIEWPOINTS = new Set(['view', 'opinion', 'analysis', 'words', 'estimate', 'estimation', 'assessment', 'judgment', 'judgement']);

/** Words that may stand between a quote's closing mark and its cue ("…,” he later said). */
const SLOT_FILLERS = new Set(['also', 'later', 'then', 'again', 'has', 'had', 'further', 'once', 'finally']);

const isComma = (token: Token | undefined) => !!token && token.kind === 'punct' && /^[,—–-]$/.test(token.text);

/** The entity of a mention in a view. */
function entityOf(view: SentenceView, mention: Mention): Entity | null {
  return view.entities[view.mentions.indexOf(mention)] ?? null;
}

/** Tokens of a view between two token indexes that are words outside quotations. */
function firstWordFrom(tokens: readonly Token[], from: number): number {
  let k = from;
  while (k < tokens.length && (tokens[k] as Token).kind === 'punct') k++;
  return k;
}

/** Cue right after the closing mark at token `close` (index in view.tokens). */
export function cueAfter(view: SentenceView, close: number): Omit<SpeakerFinding, 'view'> | null {
  const { tokens, mentions } = view;
  let k = firstWordFrom(tokens, close + 1);
  const token = tokens[k];
  if (!token || token.kind !== 'word' || token.quoted) return null;
  // `“…,” said the official` — inverted; only listed speech verbs.
  if (is(token, WORD.speech)) {
    let mention = mentionAfter(mentions, k + 1);
    // `…," said her brother, Tom Reyes`: a possessive pronoun is the determiner of the speaker's description.
    if (mention?.type === 'pronoun' && !mention.subjectForm) {
      const owned = mentions.find((candidate) => candidate.start === mention!.end && candidate.type === 'person');
      if (owned) mention = owned;
    }
    if (mention && (mention.type !== 'pronoun' || mention.subjectForm)) return { entity: entityOf(view, mention), mention, cue: token.text };
  }
  // `"…" — as the court's decision put it`: the speaker of an "as X put it" aside.
  if (token.lower === 'as') {
    const source = mentionAfter(mentions, k + 1);
    const verb = source ? tokens[source.end] : undefined;
    if (source && verb && source.type !== 'pronoun' && (is(verb, WORD.cue) || /^(?:put|puts|says)$/.test(verb.lower))) {
      return { entity: entityOf(view, source), mention: source, cue: verb.text };
    }
  }
  // `“…,” Austin added` — the mention, fillers, then a verb.
  const mention = mentions.find((candidate) => candidate.start === k);
  if (!mention || mention.possessive || (mention.type === 'pronoun' && !mention.subjectForm)) return null;
  k = mention.end;
  // An apposition between the speaker and the verb: `“…,” Morgan Ortagus, a spokesperson, said`.
  if (isComma(tokens[k])) {
    let m = k + 1;
    while (m < tokens.length && !isComma(tokens[m]) && (tokens[m] as Token).kind !== 'open') m++;
    if (isComma(tokens[m]) && m - k < 14) k = m + 1;
  }
  while (tokens[k] && SLOT_FILLERS.has((tokens[k] as Token).lower)) k++;
  const verb = tokens[k];
  if (verb && verb.kind === 'word' && !verb.quoted && is(verb, WORD.cue)) return { entity: entityOf(view, mention), mention, cue: verb.text };
  return null;
}

/** Cue right before the opening mark at token `open`. */
export function cueBefore(view: SentenceView, open: number, from: number): Omit<SpeakerFinding, 'view'> | null {
  const { tokens, mentions } = view;
  let end = open - 1;
  if (end < from) return null;
  const last = tokens[end] as Token;
  const colon = last.text === ':';
  if (colon || isComma(last)) end--;
  // `according to X, “…”`
  const according = accordingTo(view, from, open);
  if (according) return according;
  // The last speech verb before the mark, and its subject: `X said about Y: “…”`, `X told reporters, “…”`.
  for (let k = end; k >= from; k--) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' || token.quoted) continue;
    if (!is(token, WORD.speech) && !(k === end && is(token, WORD.cue)) && !isSpeechGerund(token.lower)) continue;
    const found = speakerOfVerb(view, k, end);
    if (found) return found;
  }
  // `X: “…”` — a mention right before the colon; or the subject of the clause the colon ends.
  if (colon) {
    const direct = mentions.find((mention) => mention.end === end + 1 && mention.start >= from);
    if (direct && !direct.possessive && direct.start === firstWordFrom(tokens, from)) return { entity: entityOf(view, direct), mention: direct, cue: ':' };
    const subject = subjectAsSpeaker(view);
    if (subject) return { ...subject, cue: ':' };
    if (direct && !direct.possessive) return { entity: entityOf(view, direct), mention: direct, cue: ':' };
  }
  return null;
}

/** Words that open a complement after a speech verb's object: "warned Feld that …", "urged them to …", "accused him of …". */
const OBJECT_COMPLEMENT = new Set(['that', 'to', 'of', 'for', 'whether', 'if']);

/** "saying", "stating", "adding": a participle cue whose speaker is the clause's subject. */
function isSpeechGerund(lower: string): boolean {
  return lower.endsWith('ing') && isSpeechVerb(lower.replace(/ing$/, 'ed')) || /^(?:saying|adding|stating|writing|telling|noting|calling|warning|arguing|explaining|claiming)$/.test(lower);
}

/**
 * The speaker of the speech verb at token k: its subject (`Austin stated`), the quoted person of `quoted X as
 * saying`, the clause's subject for a participle (`…, saying "…"`), or an inverted mention (`said X, "…"`).
 */
function speakerOfVerb(view: SentenceView, k: number, end: number): Omit<SpeakerFinding, 'view'> | null {
  const { tokens, mentions } = view;
  const token = tokens[k] as Token;
  const sentenceSubject = view.mentions[view.subject] ?? null;
  if (isSpeechGerund(token.lower) && !is(token, WORD.speech)) {
    // `Politico quoted Tim Manning … as saying "…"`
    if (tokens[k - 1]?.lower === 'as') {
      for (let m = k - 2; m >= 0; m--) {
        if (/^(?:quoted|quotes|cited|cites)$/.test((tokens[m] as Token).lower)) {
          const quoted = mentionAfter(mentions, m + 1);
          if (quoted) return { entity: entityOf(view, quoted), mention: quoted, cue: token.text };
        }
      }
    }
    if (sentenceSubject && sentenceSubject.end <= k) return { entity: entityOf(view, sentenceSubject), mention: sentenceSubject, cue: token.text };
    return null;
  }
  const subject = subjectOfVerb(tokens, mentions, k, sentenceSubject);
  if (subject && !subject.possessive && (subject.type !== 'pronoun' || subject.subjectForm)) {
    return { entity: entityOf(view, subject), mention: subject, cue: token.text };
  }
  // `said X, “…”` — not the addressee of `warned X that …`, `urged X to …`, `accused X of …`: a complement
  // after the mention makes it the verb's object (the ditransitive complementation of Quirk et al., ch. 16).
  const after = mentionAfter(mentions, k + 1);
  if (after && after.end <= end + 1 && after.type !== 'pronoun' && !tokens.slice(after.end, end + 1).some((t) => !t.quoted && OBJECT_COMPLEMENT.has(t.lower))) {
    return { entity: entityOf(view, after), mention: after, cue: token.text };
  }
  return null;
}

/** `according to X` (or its paraphrase `in accordance with X`) between token indexes. */
export function accordingTo(view: SentenceView, from: number, to: number): Omit<SpeakerFinding, 'view'> | null {
  const { tokens, mentions } = view;
  for (let k = from; k + 1 < to; k++) {
    const a = tokens[k] as Token;
    const b = tokens[k + 1] as Token;
    let at = -1;
    let cue = '';
    if (a.lower === 'according' && b.lower === 'to') {
      at = k + 2;
      cue = 'according to';
    } else if (a.lower === 'in' && b.lower === 'accordance' && tokens[k + 2]?.lower === 'with') {
      at = k + 3;
      cue = 'in accordance with';
    } else if (k === from && a.lower === 'in' && b.lower === 'the' && VIEWPOINTS.has(tokens[k + 2]?.lower ?? '') && tokens[k + 3]?.lower === 'of') {
      // A viewpoint adjunct opening the sentence sources it as "according to" does (Quirk et al. 8.96):
      // "In the view of the committee, …", "In the analysis of the institute, …".
      // A document's viewpoint is one mention with its owner ("the analysis of the institute").
      at = mentionAfter(mentions, k + 1) ? k + 1 : k + 4;
      cue = 'according to';
    }
    if (at < 0 || tokens[at]?.quoted) continue;
    // "according to local police": a modifier or two may stand before the mention, or a possessor
    // ("according to the district's transportation director").
    let mention = mentionAfter(mentions, at);
    const owned = /^['’]s$/.test(tokens[at + 2]?.text ?? '') ? 1 : 0;
    for (let skip = 1; !mention && skip <= 2 + owned && tokens[at + skip - 1]?.kind === 'word' && !tokens[at + skip - 1]?.capitalised; skip++) {
      mention = mentionAfter(mentions, at + skip);
    }
    // A pronoun is no source, unless it owns the document ("according to its press release").
    if (mention && (mention.type !== 'pronoun' || mention.end - mention.start > 1)) return { entity: entityOf(view, mention), mention, cue };
  }
  return null;
}

/** A speech verb anywhere outside quotations in the sentence, with its speaker; or the agent of `… "…" by X`. */
export function cueInSentence(view: SentenceView): Omit<SpeakerFinding, 'view'> | null {
  const { tokens, mentions } = view;
  const according = accordingTo(view, 0, tokens.length);
  if (according) return according;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    if (token.kind !== 'word' || token.quoted) continue;
    if (!is(token, WORD.speech) && !(isSpeechGerund(token.lower) && isComma(tokens[k - 1]))) continue;
    const found = speakerOfVerb(view, k, tokens.length);
    if (found) return found;
  }
  return null;
}

/** The agent of a passive right after the quotation: `described as "knife-obsessed" by the police`. */
export function agentAfter(view: SentenceView, close: number): Omit<SpeakerFinding, 'view'> | null {
  const { tokens, mentions } = view;
  if (tokens[close + 1]?.lower !== 'by') return null;
  const agent = mentionAfter(mentions, close + 2);
  if (!agent || agent.type === 'pronoun') return null;
  return { entity: entityOf(view, agent), mention: agent, cue: 'by' };
}

/** The sentence's subject as a speaker, for a partial quote in a narrative sentence. */
export function subjectAsSpeaker(view: SentenceView): Omit<SpeakerFinding, 'view'> | null {
  if (view.subject < 0) return null;
  const mention = view.mentions[view.subject] as Mention;
  const entity = view.entities[view.subject] ?? null;
  if (!entity) return null;
  return { entity, mention, cue: null };
}

/** How the speaker is referred to where the quote stands. */
export function referenceOf(mention: Mention | null): SpeakerReference {
  if (!mention) return 'none';
  if (mention.type === 'pronoun') return 'pronoun';
  if (mention.name !== null) return 'name';
  return 'description';
}

/**
 * Direct when the quotation stands as the utterance: it opens its sentence, or follows a comma, colon or
 * dash, or a speech verb (`he noted "it is…"`); partial when narrative words lead into it.
 */
export function kindOf(view: SentenceView, open: number, from: number): QuoteKind {
  let k = open - 1;
  while (k >= from && (view.tokens[k] as Token).quoted) k--;
  if (k < from) return 'direct';
  const token = view.tokens[k] as Token;
  if (token.kind === 'punct') return /^[,:;—–-]$/.test(token.text) ? 'direct' : 'partial';
  if (token.kind === 'close') return 'direct';
  return is(token, WORD.speech) ? 'direct' : 'partial';
}
