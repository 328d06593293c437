/**
 * The JSON contract of `npm run ask -- --json` (documented in the README): one object per answer, on one
 * line. Field names and shapes are stable; new fields may be added, none removed or renamed.
 */
import { commandOf, type Reply } from '../../commands/index.ts';
import type { JsonObject } from '../../commands/command.ts';
import type { Outcome } from './invoke.ts';

export function toJson(outcome: Outcome): JsonObject {
  switch (outcome.type) {
    case 'reply':
      return replyJson(outcome.reply);
    case 'suggest':
      return { option: outcome.option, typed: outcome.typed, choices: outcome.choices, ms: outcome.ms };
    case 'inspect':
      return {
        articles: outcome.articles.map((article) => {
          const people = new Map(article.people.map((p) => [p.id, p]));
          return {
            id: article.id,
            title: article.title,
            date: article.date,
            source: article.source,
            sentences: article.sentences.map((s) => ({ text: s.text, paragraph: s.paragraph })),
            quotes: article.quotes.map((q) => ({
              text: q.text,
              speaker: q.speaker ? (people.get(q.speaker)?.display ?? null) : null,
              paragraph: q.paragraph,
              kind: q.kind,
              reference: q.reference,
              speakerMention: q.speakerMention,
              cue: q.cue,
              confidence: q.confidence,
            })),
            people: article.people.map((p) => ({
              name: p.name,
              role: p.role,
              display: p.display,
              gender: p.gender,
              organisation: p.organisation,
              mentions: p.mentions.length,
            })),
          };
        }),
        ms: outcome.ms,
      };
    case 'help':
      return { help: outcome.text };
    case 'error':
      return { error: outcome.message };
  }
}

/**
 * A command's answer as its command file's JSON renderer gives it. With a page asked for (`page:2`,
 * `--page 2`), the list holds that page's items and `page`, `pages` and `total` (items in the whole list)
 * are added; without, the whole answer, as before paging existed.
 */
export function replyJson(reply: Reply): JsonObject {
  if (reply.type === 'notice') return { error: reply.message };
  const command = commandOf(reply);
  const { paging } = reply;
  if (!command.pages || !paging || paging.asked === null) return command.render.json(reply.result);
  return { ...command.render.json(command.pages.page(reply.result, paging.page)), page: paging.page, pages: paging.pages, total: paging.total };
}
