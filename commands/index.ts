/**
 * The slash commands, one file each, and running them as every transport must. A command is transport-free:
 * it reads its typed arguments, asks the engine, and its renderers show the answer. Discord (src/discord/),
 * the local console and the JSON command line (src/cli/) all run these very functions and render what they
 * return; none of them knows a command by name.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserInputError, type Engine } from '../src/engine.ts';
import articles from './articles.ts';
import { optionsOf, readArguments, type Caller, type Command, type CommandContext } from './command.ts';
import library from './library.ts';
import { argumentsFromButton, pagingOf, readPageButton, resumeKey, type Paging } from './paging.ts';
import quotes from './quotes.ts';
import whatHappened from './what-happened.ts';
import whoIs from './who-is.ts';
import whoSaid from './who-said.ts';

export type { AttachmentRef, AutocompleteContext, Caller, Command, CommandContext, CommandOptions } from './command.ts';
export type { Paging } from './paging.ts';

/** Every command, in the order Discord and /help list them. Adding a command is adding it here. */
export const commands = [whoSaid, whatHappened, quotes, whoIs, articles, library] as const;

type Registered = (typeof commands)[number];

/** What one command answers: its name, the engine's answer, and how it is shown (`hide`: ephemeral where the transport has it). */
export type CommandReply<C> = C extends Command<infer R, infer D> ? { type: D['name']; result: R; hide: boolean; paging?: Paging } : never;

/** A kind, user-facing explanation of why a command cannot answer (empty query, unknown article…). */
export interface NoticeReply {
  type: 'notice';
  message: string;
  hide: boolean;
}

/**
 * What a command answers: one case per registered command, derived from the registry, so a command's reply
 * cannot exist without the renderers its command file declares (every face renders through them).
 */
export type Reply = CommandReply<Registered> | NoticeReply;

export function findCommand(name: string): Command | undefined {
  const wanted = name.replace(/^\//, '').toLowerCase();
  return commands.find((command) => command.definition.name === wanted);
}

/**
 * The command that made a reply, typed by that reply's answer. The registry pairs each reply type with its
 * command, so the lookup cannot miss for a reply a command made.
 */
export function commandOf<T extends { type: string; result: unknown }>(reply: T): Command<T['result']> {
  const command = findCommand(reply.type);
  if (!command) throw new Error(`no command answers replies of type "${reply.type}"`);
  return command as Command<T['result']>;
}

/**
 * Runs a command as every transport must: a question the engine cannot answer as asked becomes a kind
 * notice for the user (ephemeral where possible); any other error is left to the transport to log. A paged
 * command's reply carries its page (the one asked for, within range) and what its page buttons need.
 */
export async function runCommand(command: Command, context: CommandContext): Promise<Reply> {
  try {
    const result = await command.execute(context);
    const reply = { type: command.definition.name, result, hide: context.options.getBoolean('hide') ?? false };
    if (command.pages) {
      const paging = pagingOf(command.pages, result, context.options.getInteger('page'));
      const resume = await resumeFor(command, context, result, paging.digest);
      return { ...reply, paging: { ...paging, resume } } as Reply;
    }
    // The reply's type is the command's own name, and the registry types each name's result.
    return reply as Reply;
  } catch (error) {
    if (error instanceof UserInputError) return { type: 'notice', message: error.message, hide: true };
    throw error;
  }
}

/**
 * The start of the page buttons' custom_id: the arguments as given when they fit, else the first shorter
 * form the command offers that gives the very same list (checked by running it), else null.
 */
async function resumeFor(command: Command, context: CommandContext, result: unknown, digest: string): Promise<string | null> {
  const pager = command.pages!;
  if (pager.pages(result) <= 1) return null;
  const name = command.definition.name;
  const args: Readonly<Record<string, string | number | boolean | null>> = readArguments(command.definition, context.options);
  const given = resumeKey(name, digest, args);
  if (given !== null) return given;
  for (const shorter of pager.compact?.(args, result) ?? []) {
    const key = resumeKey(name, digest, shorter);
    if (key === null) continue;
    const again = await command.rerun(shorter, context.engine).catch(() => null);
    if (again !== null && pager.identity(again).digest === digest) return key;
  }
  return null;
}

/** Said when a button cannot be answered as it was made. */
export const OUT_OF_DATE_BUTTON = 'This button belongs to an answer byline can no longer page. Please ask again.';

/**
 * Answers a page button (its custom_id, see commands/paging.ts) without any state: the command runs again
 * on the arguments the button carries, for the page it names. When the list is no longer the one the
 * button was made for (the library changed), the page is still shown, marked as changed; when the question
 * cannot be answered any more, a kind notice says why.
 */
export async function turnPage(customId: string, engine: Engine): Promise<{ command: string | null; reply: Reply }> {
  const button = readPageButton(customId);
  const command = button ? findCommand(button.command) : undefined;
  const args = command && button ? argumentsFromButton(command.definition, button.values) : null;
  if (!button || !command?.pages || !args) {
    return { command: command?.definition.name ?? null, reply: { type: 'notice', message: OUT_OF_DATE_BUTTON, hide: true } };
  }
  const reply = await runCommand(command, { engine, options: optionsOf({ ...args, page: button.page }) });
  if (reply.type === 'notice') {
    return { command: command.definition.name, reply: { ...reply, message: `The library has changed since this list was shown. ${reply.message}` } };
  }
  if (reply.paging && reply.paging.digest !== button.digest) reply.paging.changed = true;
  return { command: command.definition.name, reply };
}

/** Said when a form cannot be answered as it was made (an old form, or one that is not byline's). */
export const UNKNOWN_FORM = 'This form is no longer byline’s; please run the command again.';

/**
 * Answers a submitted form (a Discord modal): its custom_id, `form;<command>;<form>`, names the command
 * whose `submit` takes it. The member's permissions come with the submission and are checked there again.
 */
export async function submitForm(
  customId: string,
  fields: Readonly<Record<string, string>>,
  context: { engine: Engine; caller?: Caller },
): Promise<{ command: string | null; reply: Reply }> {
  const [prefix, name = '', form = ''] = customId.split(';');
  const command = prefix === 'form' ? findCommand(name) : undefined;
  if (!command?.submit) return { command: null, reply: { type: 'notice', message: UNKNOWN_FORM, hide: true } };
  try {
    const result = await command.submit(form, fields, context);
    // The reply's type is the command's own name, and the registry types each name's result.
    return { command: command.definition.name, reply: { type: command.definition.name, result, hide: false } as Reply };
  } catch (error) {
    if (error instanceof UserInputError) return { command: command.definition.name, reply: { type: 'notice', message: error.message, hide: true } };
    throw error;
  }
}

/** The option that free text fills when a command is typed as a line (`/who-said <quote>`): its first text option. */
export function mainOption(command: Command): string | undefined {
  return command.definition.options?.find((o) => o.type === ApplicationCommandOptionType.String)?.name;
}
