/**
 * The slash commands, one file each, and the contract they share. A command is transport-free: it reads its
 * options, asks the engine, and returns a reply object. Discord (src/discord/), the local console and the
 * JSON command line (src/cli/) all run these very functions and render what they return.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type {
  ArticlesResult,
  Choice,
  QuotesResult,
  WhatHappenedResult,
  WhoIsResult,
  WhoSaidResult,
} from '../src/answers.ts';
import { UserInputError, type Engine } from '../src/engine.ts';
import articles from './articles.ts';
import quotes from './quotes.ts';
import whatHappened from './what-happened.ts';
import whoIs from './who-is.ts';
import whoSaid from './who-said.ts';

/** The options of one invocation, however they arrived (a Discord interaction, a console line, argv). */
export interface CommandOptions {
  getString(name: string): string | null;
  getBoolean(name: string): boolean | null;
}

export interface CommandContext {
  engine: Engine;
  options: CommandOptions;
}

export interface AutocompleteContext extends CommandContext {
  /** The option being typed and what has been typed so far. */
  focused: { name: string; value: string };
}

/** What a command answers; `hide` asks for an ephemeral reply where the transport has them. */
export type Reply = { hide: boolean } & (
  | { type: 'who-said'; result: WhoSaidResult }
  | { type: 'what-happened'; result: WhatHappenedResult }
  | { type: 'quotes'; result: QuotesResult }
  | { type: 'articles'; result: ArticlesResult }
  | { type: 'who-is'; result: WhoIsResult }
  /** A kind, user-facing explanation of why the command cannot answer (empty query, unknown article…). */
  | { type: 'notice'; message: string }
);

export interface Command {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(context: CommandContext): Promise<Reply>;
  autocomplete?(context: AutocompleteContext): Promise<Choice[]>;
}

export const commands: readonly Command[] = [whoSaid, whatHappened, quotes, whoIs, articles];

export function findCommand(name: string): Command | undefined {
  const wanted = name.replace(/^\//, '').toLowerCase();
  return commands.find((command) => command.definition.name === wanted);
}

/**
 * Runs a command as every transport must: a question the engine cannot answer as asked becomes a kind
 * notice for the user (ephemeral where possible); any other error is left to the transport to log.
 */
export async function runCommand(command: Command, context: CommandContext): Promise<Reply> {
  try {
    return await command.execute(context);
  } catch (error) {
    if (error instanceof UserInputError) return { type: 'notice', message: error.message, hide: true };
    throw error;
  }
}

/** The option that free text fills when a command is typed as a line (`/who-said <quote>`): its first text option. */
export function mainOption(command: Command): string | undefined {
  return command.definition.options?.find((o) => o.type === ApplicationCommandOptionType.String)?.name;
}
