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
import { findIndirect } from './indirect.ts';
import { isNonQuote } from './non-quotes.ts';
import { PeopleRegistry, type Entity } from './people.ts';
import { findQuoteSpans, spanText, type QuoteSpan } from './quote-marks.ts';
import { readSentences, type SentenceView } from './reading.ts';
import { agentAfter, cueAfter, cueBefore, cueInSentence, kindOf, referenceOf, subjectAsSpeaker, type SpeakerFinding } from './speakers.ts';
import type { Token } from './tokens.ts';

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
}

/** Finds the quotations and reported statements of an article and their speakers. */
export function attribute(article: ArticleText, sentences: Sentence[]): { quotes: Quote[]; people: Person[] } {
  const spans = findQuoteSpans(article.paragraphs);
  const registry = new PeopleRegistry();
  const views = readSentences(article, sentences, spans, registry);
  const marks = indexMarks(views);
  const found: Found[] = [];
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
    const finding: Omit<SpeakerFinding, 'view'> | null = joined
      ? { entity: before?.entity ?? null, mention: null, cue: null }
      : (speakerOf(views, open, close, from, kind) ?? continuation(before, first.paragraph, views, open.view));
    if (finding?.entity) finding.entity = registry.canonical(finding.entity);
    if (finding?.entity) finding.entity.speaks = true;
    found.push({ kind, text, paragraph: first.paragraph, offset: span.open, end: span.open, sentences: sentencesOf(span, views), finding });
    previous = { entity: finding?.entity ?? null, paragraph: last.paragraph, view: close?.view ?? open.view };
  }

  views.forEach((view) => {
    for (const statement of findIndirect(view)) {
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
      });
    }
  });

  const statements = withoutDirectQuotations(found, article.paragraphs);
  found.length = 0;
  found.push(...statements);
  const { people, ids } = registry.people();
  found.sort((a, b) => a.paragraph - b.paragraph || a.offset - b.offset);
  const quotes = found.map((quote, n): Quote => {
    const entity = quote.finding?.entity ? registry.canonical(quote.finding.entity) : null;
    return {
      id: `q${n + 1}`,
      kind: quote.kind,
      text: quote.text,
      paragraph: quote.paragraph + 1,
      sentences: quote.sentences,
      speaker: entity ? ids.get(entity) ?? null : null,
      reference: entity ? referenceOf(quote.finding?.mention ?? null) : 'none',
      speakerMention: entity ? quote.finding?.mention?.text ?? null : null,
      cue: quote.finding?.cue ?? null,
    };
  });
  return { quotes, people };
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

/** The speaker from the cues in the quotation's own sentences (see speakers.ts for the order). */
function speakerOf(views: readonly SentenceView[], open: Located, close: Located | null, from: number, kind: QuoteKind): Omit<SpeakerFinding, 'view'> | null {
  const openView = views[open.view] as SentenceView;
  const closeView = close ? (views[close.view] as SentenceView) : null;
  let finding = close && closeView ? cueAfter(closeView, close.token) : null;
  if (!finding && close && closeView) {
    // `“…” Pelosi said.` split by the sentence splitter into a sentence of its own after the quote.
    const rest = closeView.tokens.slice(close.token + 1).filter((token) => token.kind === 'word');
    const next = views[close.view + 1];
    if (rest.length === 0 && next && next.paragraph === closeView.paragraph && next.tokens.filter((t) => t.kind === 'word').length <= 6) {
      finding = cueAfter(next, -1);
    }
  }
  if (!finding && close && closeView) finding = agentAfter(closeView, close.token);
  finding ??= cueBefore(openView, open.token, from);
  // A partial quote in a clause after a semicolon belongs to that clause's subject.
  if (!finding && kind === 'partial' && openView.tokens[from - 1]?.text === ';') finding = clauseSubject(openView, from);
  finding ??= cueInSentence(openView);
  if (!finding && closeView && closeView !== openView) finding ??= cueInSentence(closeView);
  if (!finding && kind === 'partial') finding = subjectAsSpeaker(openView);
  if (finding && !finding.entity) return null;
  return finding;
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
): Omit<SpeakerFinding, 'view'> | null {
  if (previous?.entity && paragraph - previous.paragraph <= 1) return { entity: previous.entity, mention: null, cue: null };
  const before = views[view - 1];
  if (before && before.subject >= 0 && before.entities[before.subject]) {
    return { entity: before.entities[before.subject] ?? null, mention: null, cue: null };
  }
  const own = views[view];
  if (own && own.subject >= 0 && own.entities[own.subject]) return subjectAsSpeaker(own);
  return null;
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
