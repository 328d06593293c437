/**
 * Message context menus (Discord's "Apps" menu on a message; the interaction carries the message, so no
 * privileged intent is needed):
 *
 * - **Who said this?** runs /who-said on the message's text, or on its quoted part when it has one (a
 *   `> ` quote block, or words in quote marks): what someone pasted into the discussion.
 * - **Add article to byline** adds the links in the message to the server's library, as /library add
 *   url: would (Manage Server only: registered so, and checked again here).
 *
 * Transport-free like the slash commands: a transport hands over the message as plain data and renders
 * the {@link Reply} with the renderers of the command it comes from.
 */
import { ApplicationCommandType, PermissionFlagsBits, InteractionContextType, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { LibraryResult } from '../src/answers.ts';
import { UserInputError, type Engine } from '../src/engine.ts';
import { optionsOf, type Caller } from './command.ts';
import library, { addTo, managedLibrary } from './library.ts';
import whoSaid from './who-said.ts';
import { runCommand, type Reply } from './index.ts';

/** The message a context menu was used on, as the transports hand it over. */
export interface TargetMessage {
  id: string;
  content: string;
  /** Links of the message's embeds (Discord's previews of the links it holds). */
  embedUrls: string[];
}

export interface MessageCommand {
  definition: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  run(message: TargetMessage, context: { engine: Engine; caller: Caller | null }): Promise<Reply>;
}

/** Links one message may add at once. */
export const MAX_LINKS = 3;

export const WHO_SAID_THIS = 'Who said this?';
export const ADD_ARTICLE = 'Add article to byline';

/**
 * The part of a message that is a quotation: its `> ` quote-block lines, else the longest stretch in
 * quote marks of three words or more, else the whole text.
 */
export function quotedPart(text: string): string {
  const block = text
    .split('\n')
    .filter((line) => /^\s*>{1,3}\s?/.test(line))
    .map((line) => line.replace(/^\s*>{1,3}\s?/, ''))
    .join(' ')
    .trim();
  if (block) return block;
  const marked = [...text.matchAll(/[“"„«‘]([^“”"„«»‘’]{3,})[”"“»’]/g)]
    .map((match) => match[1]!.trim())
    .filter((quote) => quote.split(/\s+/).length >= 3)
    .sort((x, y) => y.length - x.length);
  return marked[0] ?? text;
}

/** The http(s) links of a message, in order, each once (its text first, then its embeds'). */
export function linksOf(message: TargetMessage): string[] {
  const found = [...message.content.matchAll(/<?(https?:\/\/[^\s<>|]+)>?/gi)].map((match) => match[1]!.replace(/[)\].,;:!?'"”’]+$/, ''));
  const links: string[] = [];
  for (const link of [...found, ...message.embedUrls]) if (/^https?:\/\//i.test(link) && !links.includes(link)) links.push(link);
  return links;
}

const whoSaidThis: MessageCommand = {
  definition: { type: ApplicationCommandType.Message, name: WHO_SAID_THIS, contexts: [InteractionContextType.Guild, InteractionContextType.BotDM] },
  async run(message, { engine, caller }) {
    const quote = quotedPart(message.content).trim();
    if (!quote) return { type: 'notice', message: 'That message has no text to look up: "Who said this?" reads the words of a message.', hide: true };
    return runCommand(whoSaid, { engine, options: optionsOf({ quote }), ...(caller ? { caller } : {}) });
  },
};

const addArticle: MessageCommand = {
  definition: {
    type: ApplicationCommandType.Message,
    name: ADD_ARTICLE,
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
  },
  async run(message, { engine, caller }) {
    try {
      const server = managedLibrary(engine, caller, 'added');
      const links = linksOf(message);
      if (links.length === 0) return { type: 'notice', message: 'That message has no link (http or https) to add.', hide: true };
      const total: LibraryResult = { action: 'add', added: [], duplicates: [], refused: [], removed: null, articles: [], form: null, ms: 0 };
      const start = performance.now();
      for (const link of links.slice(0, MAX_LINKS)) {
        try {
          const one = await addTo(server, { kind: 'url', url: link }, caller);
          total.added.push(...one.added);
          total.duplicates.push(...one.duplicates);
        } catch (error) {
          if (!(error instanceof UserInputError)) throw error;
          total.refused.push({ source: link, reason: error.message });
        }
      }
      for (const link of links.slice(MAX_LINKS)) total.refused.push({ source: link, reason: `byline adds at most ${MAX_LINKS} links of one message at a time.` });
      total.ms = Math.round((performance.now() - start) * 100) / 100;
      // One link that could not be added is said as a notice, only to the member.
      if (total.added.length === 0 && total.duplicates.length === 0 && total.refused.length === 1) {
        return { type: 'notice', message: total.refused[0]!.reason, hide: true };
      }
      return { type: library.definition.name, result: total, hide: false } as Reply;
    } catch (error) {
      if (error instanceof UserInputError) return { type: 'notice', message: error.message, hide: true };
      throw error;
    }
  },
};

/** Every message context menu, in the order Discord lists them. */
export const messageCommands: readonly MessageCommand[] = [whoSaidThis, addArticle];

export function findMessageCommand(name: string): MessageCommand | undefined {
  return messageCommands.find((command) => command.definition.name === name);
}
