/**
 * Plain-text rendering of what a command line produced, for the local console and `ask` without --json.
 */
import { renderText } from '../format/text.ts';
import type { Outcome } from './invoke.ts';

export function renderOutcome(outcome: Outcome): string {
  switch (outcome.type) {
    case 'reply':
      return renderText(outcome.reply);
    case 'suggest':
      return outcome.choices.length === 0
        ? 'No choices.'
        : outcome.choices.map((c) => `${c.name}  →  ${c.value}`).join('\n');
    case 'inspect':
      return outcome.articles
        .map((a) => {
          const people = new Map(a.people.map((p) => [p.id, p]));
          const lines = [`# ${a.title} [${a.id}] ${a.date ?? 'undated'}`];
          let paragraph = 0;
          for (const s of a.sentences) {
            if (s.paragraph !== paragraph) {
              paragraph = s.paragraph;
              lines.push(`¶${paragraph}`);
            }
            lines.push(`  ${s.text}`);
          }
          lines.push('Quotes:');
          for (const q of a.quotes) {
            const who = q.speaker ? (people.get(q.speaker)?.display ?? '?') : 'unattributed';
            lines.push(`  ¶${q.paragraph} [${q.kind}] “${q.text}” — ${who}${q.speakerMention ? ` (via “${q.speakerMention}”)` : ''}`);
          }
          lines.push('People:');
          for (const p of a.people) lines.push(`  ${p.display}${p.organisation ? ' (organisation)' : ''} — ${p.mentions.length} mentions`);
          return lines.join('\n');
        })
        .join('\n\n');
    case 'help':
      return outcome.text;
    case 'error':
      return outcome.message;
  }
}

