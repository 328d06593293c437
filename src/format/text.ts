/**
 * Plain-text rendering of command replies, for the local console and `npm run ask` without `--json`: each
 * command's own text renderer (declared in its command file), on the page asked for when one was.
 */
import { commandOf, type Reply } from '../../commands/index.ts';

export function renderText(reply: Reply): string {
  if (reply.type === 'notice') return reply.message;
  const command = commandOf(reply);
  const { paging } = reply;
  // Without a page asked for, the whole answer: a terminal scrolls, and a script reads everything.
  if (!command.pages || !paging || paging.asked === null) return command.render.text(reply.result, null);
  const notes: string[] = [];
  if (paging.changed) notes.push('The library has changed since the previous page; this page is of the list as it is now.');
  if (paging.asked > paging.pages) notes.push(`There ${paging.pages === 1 ? 'is only one page' : `are only ${paging.pages} pages`}; this is the last.`);
  return [...notes, command.render.text(command.pages.page(reply.result, paging.page), paging)].join('\n');
}
