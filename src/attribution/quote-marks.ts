/**
 * Pairing quote marks. Hand-written on purpose: it is a small, exact job that no tagger does, and the rules
 * are those of news typography:
 *
 * - double marks, straight (") or curly (“ ”), low-high („ “), guillemets (« »), or two apostrophes ('' as
 *   in some wire copy), delimit quotations; straight marks alternate open/close;
 * - single marks (‘ ’ or ') delimit a quotation only at the top level (British style), when the opening one
 *   follows a space and the closing one is not followed by a letter — so apostrophes (Russia’s, players')
 *   never pair; single marks inside a double quotation are nested quotes and stay part of its text;
 * - a quotation may run over paragraphs: a paragraph that leaves its quotation open continues into the next
 *   paragraph when that one opens with a quote mark (news style repeats the opening mark and closes only
 *   on the last paragraph).
 */
import { isCueVerb, isSpeechVerb } from './lexicon.ts';

/** One stretch of a quotation inside one paragraph (offsets of the quoted words, marks excluded). */
export interface QuotePart {
  /** 0-based paragraph index. */
  paragraph: number;
  start: number;
  end: number;
}

/** A quotation found by its marks, possibly over several paragraphs. */
export interface QuoteSpan {
  parts: QuotePart[];
  /** Offset of the opening mark in the first part's paragraph. */
  open: number;
  /** Offset of the closing mark in the last part's paragraph, or null when the text never closes it. */
  close: number | null;
}

/** Every character that may be a quote mark: the scan jumps from one to the next. */
const MARK = /["“”„«»‘’']/g;
const OPEN_DOUBLE = '“„«';
const CLOSE_DOUBLE = '”»';
const isLetter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpaceOrStart = (ch: string | undefined) => ch === undefined || /[\s([{—–-]/.test(ch);

/** Finds every quotation in an article's paragraphs, in order. */
export function findQuoteSpans(paragraphs: readonly string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let carried: QuoteSpan | null = null;
  /** A single-quoted quotation (British style) left open at the end of the previous paragraph. */
  let carriedSingle: QuoteSpan | null = null;
  paragraphs.forEach((text, paragraph) => {
    let current: QuoteSpan | null = null;
    let single: { open: number; span?: QuoteSpan } | null = null;
    /** Whether the open quotation began with a low mark („), which “ closes. */
    let low = false;
    // A quotation left open by the previous paragraph continues when this one opens with a mark.
    const leading = /^\s*/.exec(text)?.[0].length ?? 0;
    const first = text[leading];
    if (carried && first !== undefined && (first === '"' || OPEN_DOUBLE.includes(first))) {
      current = carried;
      low = first === '„';
      current.parts.push({ paragraph, start: leading + 1, end: text.length });
    } else if (carried) {
      finish(carried, null);
    }
    carried = null;
    // The same for single marks: the paragraph reopens the quotation with ‘ and closes it later.
    if (carriedSingle && current === null && (first === '‘' || first === "'") && isLetter(text[leading + 1])) {
      single = { open: leading, span: carriedSingle };
    }
    carriedSingle = null;
    const startAt = current ? leading + 1 : single ? leading + 1 : 0;
    MARK.lastIndex = startAt;
    for (let found = MARK.exec(text); found; found = MARK.exec(text)) {
      const i = found.index;
      // Two apostrophes ('') stand for a double mark in some wire copy: one mark, two characters wide.
      const doubled = found[0] === "'" && text[i + 1] === "'";
      if (doubled) MARK.lastIndex = i + 2;
      const ch = doubled ? '"' : found[0];
      const width = doubled ? 2 : 1;
      const before = text[i - 1];
      const after = text[i + 1];
      if (ch === '"' || OPEN_DOUBLE.includes(ch) || CLOSE_DOUBLE.includes(ch)) {
        // „…“ (German and others): after a low opening mark, “ closes.
        const closesLow = ch === '“' && current !== null && low;
        const opens = !closesLow && (OPEN_DOUBLE.includes(ch) || (ch === '"' && current === null));
        if (opens && current === null) {
          single = null;
          low = ch === '„';
          current = { parts: [{ paragraph, start: i + width, end: text.length }], open: i, close: null };
        } else if (!opens && current !== null) {
          const part = current.parts[current.parts.length - 1] as QuotePart;
          part.end = i;
          finish(current, i);
          current = null;
        } else if (opens && current !== null && OPEN_DOUBLE.includes(ch)) {
          // A second opening mark before any close: the first was never closed; restart here.
          const part = current.parts[current.parts.length - 1] as QuotePart;
          part.end = i;
          finish(current, null);
          current = { parts: [{ paragraph, start: i + 1, end: text.length }], open: i, close: null };
          low = ch === '„';
        }
        continue;
      }
      if (current !== null) continue;
      if ((ch === '‘' || ch === "'") && single === null && isSpaceOrStart(before) && isLetter(after)) {
        single = { open: i };
      } else if ((ch === '’' || ch === "'") && single !== null && !isLetter(after) && !/\s/.test(before ?? ' ')) {
        // "players' union": a closing-looking apostrophe after s followed by a lower-case word is a possessive.
        // A closing mark before a lower-case word is followed by its cue ("…,’ said Kelleher"); before any other
        // lower-case word it is a plural's apostrophe ("the players’ effort").
        const nextWord = /^\s*([a-z]+)/.exec(text.slice(i + 1))?.[1];
        const possessive = before === 's' && nextWord !== undefined && !isSpeechVerb(nextWord) && !isCueVerb(nextWord);
        if (!possessive) {
          const part = { paragraph, start: single.open + 1, end: i };
          if (single.span) {
            single.span.parts.push(part);
            single.span.close = i;
            spans.push(single.span);
          } else {
            spans.push({ parts: [part], open: single.open, close: i });
          }
          single = null;
        }
      }
    }
    if (current !== null) carried = current;
    // A single-quoted quotation still open at the paragraph's end runs on if the next paragraph reopens it.
    else if (single !== null) {
      const part = { paragraph, start: single.open + 1, end: text.trimEnd().length };
      if (single.span) single.span.parts.push(part);
      carriedSingle = single.span ?? { parts: [part], open: single.open, close: null };
    }
  });
  if (carried) finish(carried, null);

  function finish(span: QuoteSpan, close: number | null): void {
    span.close = close;
    if (span.parts.some((part) => part.end > part.start)) spans.push(span);
  }
  spans.sort((a, b) => {
    const pa = a.parts[0] as QuotePart;
    const pb = b.parts[0] as QuotePart;
    return pa.paragraph - pb.paragraph || a.open - b.open;
  });
  return spans;
}

/** The quoted words of a span, parts joined with a space, trimmed. */
export function spanText(span: QuoteSpan, paragraphs: readonly string[]): string {
  return span.parts
    .map((part) => (paragraphs[part.paragraph] ?? '').slice(part.start, part.end).trim())
    .join(' ')
    .trim();
}
