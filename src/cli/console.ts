/**
 * The local console: `npm start` without a Discord token. A person types the commands they would type in
 * Discord (`/who-said diplomacy means also defense`) and gets the same answers, rendered as text.
 */
import { createInterface } from 'node:readline/promises';
import type { Logger } from 'pino';
import { commands } from '../../commands/index.ts';
import { operator, type Caller } from '../../commands/command.ts';
import type { Engine } from '../engine.ts';
import { invoke } from './invoke.ts';
import { renderOutcome } from './render.ts';

const EXTRA = ['/suggest', '/inspect', '/help', '/quit', '/add', '/remove', '/list'];

export async function runConsole(engine: Engine, logger: Logger, input = process.stdin, output = process.stdout, caller: Caller = operator(null)): Promise<void> {
  const names = [...commands.map((c) => `/${c.definition.name}`), ...EXTRA];
  const lines = createInterface({
    input,
    output,
    terminal: input.isTTY === true,
    completer: (line: string): [string[], string] => {
      const hits = names.filter((n) => n.startsWith(line.trim()));
      return [hits.length > 0 ? hits : names, line];
    },
  });
  output.write('byline local console — type /help for the commands, /quit to leave.\n');
  lines.setPrompt('byline> ');
  lines.prompt();
  for await (const line of lines) {
    const trimmed = line.trim();
    if (/^\/?(quit|exit)$/i.test(trimmed)) break;
    if (trimmed) {
      try {
        output.write(`${renderOutcome(await invoke(engine, trimmed, {}, caller))}\n`);
      } catch (error) {
        logger.error({ err: error, line: trimmed.slice(0, 200) }, 'command failed');
        output.write('Something went wrong while answering; the log has the details.\n');
      }
    }
    lines.prompt();
  }
  lines.close();
}
