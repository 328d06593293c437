/**
 * `/who-said` as plain text: the best answer with its speaker, source and the exact words against what was
 * typed, the other close answers, or the closest quotes when nothing matches.
 */
import type { WhoSaidAnswer, WhoSaidResult, WordChange } from '../answers.ts';
import { certaintyOf, speakerWords } from './certainty.ts';
import { quoted, source } from './common.ts';

export function whoSaidText(result: WhoSaidResult): string {
  const { answers, suggestions, query } = result;
  if (answers.length === 0) {
    const lines = [`No quote in the library matches “${query}” well enough.`];
    if (suggestions.length > 0) {
      lines.push('', 'The closest quotes:');
      for (const s of suggestions) lines.push(`  • ${quoted(s, 160)} — ${speakerWords(s.speaker, s.confidence)} (${source(s.article, s.paragraph)})`);
    }
    return lines.join('\n');
  }
  const [best, ...others] = answers;
  const lines = whoSaidAnswer(best!);
  if (others.length > 0) {
    lines.push('', 'Also close:');
    for (const o of others) lines.push(`  • ${quoted(o, 160)} — ${speakerWords(o.speaker, o.confidence)} (${source(o.article, o.paragraph)})`);
  }
  return lines.join('\n');
}

function whoSaidAnswer(answer: WhoSaidAnswer): string[] {
  const lines = [quoted(answer), `  — ${speakerWords(answer.speaker, answer.confidence)}`];
  if (certaintyOf(answer.confidence) === 'uncertain') lines.push(`  In the article: ${answer.sentence}`);
  lines.push(`  ${source(answer.article, answer.paragraph)}`);
  if (answer.differences.length > 0) lines.push(`  Exact words: ${differencesText(answer.differences)}`);
  return lines;
}

/**
 * The article's exact wording set against what was typed, as a correction of it: `{+word+}` is a word of
 * the article the user left out, `[-word-]` a word the user typed that the article does not have, and
 * `[-typed-]{+word+}` a word remembered differently.
 */
export function differencesText(changes: WordChange[]): string {
  return changes
    .map((c) => {
      switch (c.op) {
        case 'same':
          return c.text;
        case 'dropped':
          return `{+${c.text}+}`;
        case 'added':
          return `[-${c.text}-]`;
        case 'changed':
          return `[-${c.typed}-]{+${c.text}+}`;
      }
    })
    .join(' ');
}
