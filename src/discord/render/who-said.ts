/**
 * `/who-said` as a Discord embed: the quote as a block quote, the speaker in bold, where it stands (article,
 * date, paragraph), and how the user's wording differs from the article's exact words.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { WhoSaidAnswer, WhoSaidResult, WordChange } from '../../answers.ts';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX } from '../limits.ts';
import { cutText, escapeText } from '../markdown.ts';
import { certaintyOf, speakerWords } from '../../format/certainty.ts';
import { EMBED_COLOUR, articleLine, paragraphRef } from './common.ts';

/** How many answers after the best one are shown, as short fields. */
export const MORE_ANSWERS_SHOWN = 2;
/** How many closest quotes are offered when nothing matches. */
export const SUGGESTIONS_SHOWN = 3;

/** Longest quote shown in full (characters, before escaping); longer ones are cut on a word. */
const QUOTE_MAX = 1500;
/** Longest quote in a short field or suggestion. */
const SHORT_QUOTE_MAX = 200;

const DIFFERENCES_TITLE = 'Your words against the article’s';
const DIFFERENCES_LEGEND = '(~~struck~~: in the article, not in yours · __underlined__: yours, not in the article)';

/** The quote with its quote marks, or bare for reported speech (which is not the speaker's own words). */
function quoted(answer: WhoSaidAnswer, max: number): string {
  const text = escapeText(cutText(answer.quote, max));
  return answer.kind === 'indirect' ? text : `“${text}”`;
}

/**
 * The speaker as the reply names them, in bold, with how sure the attribution is in words (see
 * format/certainty.ts): "**Kuleba**", "probably **Kuleba**", "perhaps **Kuleba** (the article does not make
 * the speaker certain)".
 */
function speakerLine(answer: Pick<WhoSaidAnswer, 'speaker' | 'confidence'>): string {
  return speakerWords(answer.speaker, answer.confidence, (name) => `**${escapeText(name)}**`);
}

/** A note on how the quote is given, when it is not a plain direct quotation. */
function kindNote(answer: WhoSaidAnswer): string {
  if (answer.kind === 'indirect') return ' (reported speech, not word for word)';
  if (answer.kind === 'partial') return ' (a quoted phrase)';
  return '';
}

/** Every line of `text` prefixed with `> `, so it renders as one block quote. */
function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** The block quote of the best answer: for a quoted phrase the whole sentence, with the phrase in bold. */
function quoteBlock(answer: WhoSaidAnswer): string {
  const at = answer.kind === 'partial' ? answer.sentence.indexOf(answer.quote) : -1;
  if (at < 0 || answer.sentence.length > QUOTE_MAX) return blockQuote(quoted(answer, QUOTE_MAX));
  const before = escapeText(answer.sentence.slice(0, at));
  const after = escapeText(answer.sentence.slice(at + answer.quote.length));
  return blockQuote(`${before}**${escapeText(answer.quote)}**${after}`);
}

/** Where the quote stands: `[Title](url) · 23 Feb 2022 · ¶4`. */
function sourceLine(answer: WhoSaidAnswer): string {
  return `${articleLine(answer.article)} · ${paragraphRef(answer.paragraph)}`;
}

/** True when the user's wording differs from the article's in at least one word. */
export function hasDifferences(changes: readonly WordChange[]): boolean {
  return changes.some((change) => change.op !== 'same');
}

/**
 * The article's exact wording with the user's changes marked: words the user left out ~~struck~~, words the
 * user added __underlined__, a changed word as both (~~article's~~ __typed__). Cut on a whole word to `max`.
 */
export function renderDifferences(changes: readonly WordChange[], max: number = EMBED_FIELD_VALUE_MAX): string {
  const words: string[] = [];
  let used = 0;
  for (const change of changes) {
    const text = escapeText(change.text);
    let word: string;
    if (change.op === 'dropped') word = `~~${text}~~`;
    else if (change.op === 'added') word = `__${text}__`;
    else if (change.op === 'changed') word = `~~${text}~~ __${escapeText(change.typed ?? '')}__`;
    else word = text;
    if (used + word.length + 2 > max) {
      words.push('…');
      break;
    }
    words.push(word);
    used += word.length + 1;
  }
  return words.join(' ');
}

/** One of the other close answers, as a short field. */
function moreField(answer: WhoSaidAnswer, rank: number): APIEmbedField {
  return {
    name: `Also close (${rank})`,
    value: `${quoted(answer, SHORT_QUOTE_MAX)}\n— ${speakerLine(answer)}${kindNote(answer)} · ${sourceLine(answer)}`,
  };
}

/** The embed for a `/who-said` result: the best answer in full, up to two more in short, or the closest quotes. */
export function renderWhoSaid(result: WhoSaidResult): APIEmbed {
  const [best, ...others] = result.answers;
  if (!best) return renderNoMatch(result);
  const fields: APIEmbedField[] = [];
  if (hasDifferences(best.differences)) {
    const budget = EMBED_FIELD_VALUE_MAX - DIFFERENCES_LEGEND.length - 1;
    fields.push({ name: DIFFERENCES_TITLE, value: `${renderDifferences(best.differences, budget)}\n${DIFFERENCES_LEGEND}` });
  }
  others.slice(0, MORE_ANSWERS_SHOWN).forEach((answer, index) => fields.push(moreField(answer, index + 2)));
  const description = [quoteBlock(best), `— ${speakerLine(best)}${kindNote(best)}`, '', sourceLine(best)].join('\n');
  if (certaintyOf(best.confidence) === 'uncertain' && best.sentence !== best.quote) {
    fields.unshift({ name: 'In the article', value: cutText(escapeText(best.sentence), EMBED_FIELD_VALUE_MAX) });
  }
  return {
    color: EMBED_COLOUR,
    title: 'Who said it',
    description: cutText(description, EMBED_DESCRIPTION_MAX),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

/** Nothing matched well enough: say so kindly, and offer the closest quotes (never as the answer). */
function renderNoMatch(result: WhoSaidResult): APIEmbed {
  const lines = [`No quote in the library matches “${escapeText(cutText(result.query, 300))}” well enough.`];
  const suggestions = result.suggestions.slice(0, SUGGESTIONS_SHOWN);
  if (suggestions.length > 0) {
    lines.push('', 'The closest quotes:');
    for (const answer of suggestions) {
      lines.push(`• ${quoted(answer, SHORT_QUOTE_MAX)} — ${speakerLine({ ...answer, speaker: answer.speakerName })}${kindNote(answer)} · ${sourceLine(answer)}`);
    }
  } else {
    lines.push('', 'Try fewer or other words, or `/quotes` to browse who is quoted.');
  }
  return {
    color: EMBED_COLOUR,
    title: 'No match',
    description: cutText(lines.join('\n'), EMBED_DESCRIPTION_MAX),
  };
}
