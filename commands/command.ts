/**
 * What a command is: its definition (Discord's JSON, as plain typed data), its call into the engine with
 * arguments typed from that definition, how its answer is paged when it is a long list, and its renderers
 * for every face (Discord, the console, the JSON command line). `defineCommand` turns that one place into
 * the object the transports run; nothing about a command is written anywhere else.
 */
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type APIEmbed,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Choice, FormSpec, SuggestOption } from '../src/answers.ts';
import type { Engine } from '../src/engine.ts';
import { listPager, type ListPages, type Pager, type PageView } from './paging.ts';
import { optionsOfDefinition, subcommandsOf } from './subcommands.ts';

/** The options of one invocation, however they arrived (a Discord interaction, a console line, argv, raw JSON). */
export interface CommandOptions {
  getString(name: string): string | null;
  getBoolean(name: string): boolean | null;
  /** A whole number (Discord's INTEGER options, such as `page`); null when absent or not a whole number. */
  getInteger(name: string): number | null;
  /** The subcommand chosen (`/library add`), or null; transports of commands without subcommands may leave it out. */
  getSubcommand?(): string | null;
  /** A file attached to an ATTACHMENT option, or null; a transport that cannot attach files leaves it out. */
  getAttachment?(name: string): AttachmentRef | null;
}

/** A file a member attached to a command (Discord uploads it to its CDN; byline fetches it from there). */
export interface AttachmentRef {
  url: string;
  name: string;
  /** Bytes, as Discord states them; null when unknown. */
  size: number | null;
  contentType: string | null;
  /** The file's bytes, when the transport read it itself (the command line, from the operator's own disk). */
  bytes?: Uint8Array;
}

/**
 * Who asks, as the transport knows it: the server (null in a direct message), the member, and the member's
 * permissions in the channel as Discord's bitfield (a decimal string) — what a command that changes
 * something checks before acting, whatever the server's command settings say. The local console and `ask`
 * act as the machine's operator: every permission.
 */
export interface Caller {
  guildId: string | null;
  userId: string | null;
  permissions: string | null;
}

/** The operator at the machine (the console, `ask`): every permission, in the server `--guild` names. */
export function operator(guildId: string | null): Caller {
  return { guildId, userId: null, permissions: ALL_PERMISSIONS };
}

/** Every permission bit set (what Discord sends for a server's administrator). */
export const ALL_PERMISSIONS = ((1n << 53n) - 1n).toString();

export interface CommandContext {
  engine: Engine;
  options: CommandOptions;
  /** Who asks; absent where no one in particular does (a page button turned again). */
  caller?: Caller;
}

export interface AutocompleteContext extends CommandContext {
  /** The option being typed and what has been typed so far. */
  focused: { name: string; value: string };
}

/**
 * A chat-input command as Discord registers it, written as a `const` object: its options are a readonly
 * list, so their names, types and `required` flags stay literal and type the command's arguments.
 */
export type CommandDefinition = Readonly<Omit<RESTPostAPIChatInputApplicationCommandsJSONBody, 'options'>> & {
  readonly options?: readonly (APIApplicationCommandBasicOption | SubcommandDefinition)[];
};

/** A subcommand (`/library add`) with its own options, written as `const` data like a command. */
export type SubcommandDefinition = Readonly<Omit<APIApplicationCommandSubcommandOption, 'options'>> & {
  readonly options?: readonly APIApplicationCommandBasicOption[];
};

/** The value an option of Discord type `O` holds. */
type OptionValue<O> = O extends { type: ApplicationCommandOptionType.String }
  ? string
  : O extends { type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number }
    ? number
    : O extends { type: ApplicationCommandOptionType.Boolean }
      ? boolean
      : O extends { type: ApplicationCommandOptionType.Attachment }
        ? AttachmentRef
        : never;

/** One property per option, of its type; null when optional and not given. */
type OptionArguments<O> = {
  readonly [P in O as P extends { name: infer N extends string } ? N : never]: P extends { required: true } ? OptionValue<P> : OptionValue<P> | null;
};

/** A subcommand's arguments: its name as `subcommand`, and its own options. */
type SubcommandArguments<O> = O extends { type: ApplicationCommandOptionType.Subcommand; name: infer N extends string }
  ? { readonly subcommand: N } & OptionArguments<O extends { options: readonly (infer I)[] } ? I : never>
  : never;

/**
 * The arguments of a command, typed from its definition: one property per option, named as the option,
 * of the option's type; `null` when the option is optional and not given. A renamed or removed option
 * fails to compile wherever it is read, instead of reading as null in a server. A command of subcommands
 * takes one of them: a union, told apart by `subcommand`.
 */
export type ArgumentsOf<D extends CommandDefinition> = D['options'] extends readonly (infer O)[]
  ? [Extract<O, { type: ApplicationCommandOptionType.Subcommand }>] extends [never]
    ? OptionArguments<O>
    : SubcommandArguments<O>
  : Record<never, never>;

/** A plain JSON object, as the JSON command line prints it. */
export type JsonObject = object;

/**
 * How one command's answer is shown in each face. Each is a pure function of the engine's answer (for a
 * paged command: of the page shown, see {@link Pager.page}), so every transport shows the same thing.
 */
export interface Renderers<R> {
  /** The Discord embed (mentions off, markdown escaped, within Discord's limits); `page` when the answer is paged. */
  discord(result: R, page: PageView | null): APIEmbed;
  /** Plain text for the local console and `ask` without `--json`; `page` only when a page was asked for. */
  text(result: R, page: PageView | null): string;
  /**
   * The object of the JSON contract (README): fields may be added, none renamed or removed. The paging
   * fields (`page`, `pages`, `total`) are added to it by the JSON face when a page was asked for.
   */
  json(result: R): JsonObject;
  /**
   * A form to show instead of a message (a Discord modal), or null: for an answer that asks the member to
   * fill something in first. The text faces say what to do without it (their `text` renderer).
   */
  form?(result: R): FormSpec | null;
}

/** What a command is written as: see commands/who-said.ts for an example (`T`: an item of its paged list). */
export interface CommandSpec<D extends CommandDefinition, R, T = unknown> {
  definition: D;
  /** Asks the engine; throws `UserInputError` for a question it cannot answer as asked (shown as a kind notice). */
  execute(args: ArgumentsOf<D>, context: { engine: Engine; caller: Caller | null }): Promise<R>;
  /** Autocomplete of its own, for a command whose options are not the engine's kinds of suggestion. */
  autocomplete?(context: AutocompleteContext): Promise<Choice[]>;
  /**
   * Whether these arguments open a form (a Discord modal) instead of answering: a form must be Discord's
   * first response, so the transport must not defer before it.
   */
  opensForm?(args: ArgumentsOf<D>): boolean;
  /** Answers a submitted form of this command: its id after `form;<command>;`, and its fields by input id. */
  submit?(form: string, fields: Readonly<Record<string, string>>, context: { engine: Engine; caller: Caller | null }): Promise<R>;
  /**
   * For an answer that is a long list: how it is paged (the definition then has a `page` option). Most
   * answers hold one list ({@link ListPages}: its items and how to cut it); others say everything ({@link Pager}).
   */
  pages?: ListPages<R, ArgumentsOf<D>, T> | Pager<R, ArgumentsOf<D>>;
  render: Renderers<R>;
}

/** A command as the transports run it. `R` is what its engine call answers, `D` its definition. */
export interface Command<R = unknown, D extends CommandDefinition = CommandDefinition> {
  definition: D;
  /** Reads the options as the definition types them and asks the engine. */
  execute(context: CommandContext): Promise<R>;
  /** The engine's suggestions for the option being typed; present when an option has `autocomplete`. */
  autocomplete?(context: AutocompleteContext): Promise<Choice[]>;
  /** Whether these options open a form (see {@link CommandSpec.opensForm}): the transport answers at once, never deferring first. */
  opensForm?(options: CommandOptions): boolean;
  /** Answers a submitted form of this command (see {@link CommandSpec.submit}). */
  submit?(form: string, fields: Readonly<Record<string, string>>, context: { engine: Engine; caller?: Caller }): Promise<R>;
  /** Runs the command again on arguments recovered from an earlier answer (a page button). */
  rerun(args: Readonly<Record<string, string | number | boolean | null>>, engine: Engine): Promise<R>;
  pages?: Pager<R, Readonly<Record<string, string | number | boolean | null>>>;
  render: Renderers<R>;
}

type ArgumentValues = Readonly<Record<string, string | number | boolean | null>>;

const SUGGESTIONS: readonly string[] = ['quote', 'topic', 'speaker', 'article', 'person'] satisfies SuggestOption[];

/**
 * The arguments of an invocation, read from its options as the definition types them. A required option
 * that is missing (a console line, a raw payload) reads as empty ('' / false / 0), so the engine answers
 * it with its own kind notice rather than the command crashing.
 */
export function readArguments<D extends CommandDefinition>(definition: D, options: CommandOptions): ArgumentsOf<D> {
  const args: Record<string, string | number | boolean | AttachmentRef | null> = {};
  const subcommands = subcommandsOf(definition);
  const subcommand = subcommands.length > 0 ? (options.getSubcommand?.() ?? '') : null;
  if (subcommand !== null) args.subcommand = subcommand;
  for (const option of optionsOfDefinition(definition, subcommand)) {
    const required = 'required' in option && option.required === true;
    switch (option.type) {
      case ApplicationCommandOptionType.String:
        args[option.name] = options.getString(option.name) ?? (required ? '' : null);
        break;
      case ApplicationCommandOptionType.Integer:
      case ApplicationCommandOptionType.Number:
        args[option.name] = options.getInteger(option.name) ?? (required ? 0 : null);
        break;
      case ApplicationCommandOptionType.Boolean:
        args[option.name] = options.getBoolean(option.name) ?? (required ? false : null);
        break;
      case ApplicationCommandOptionType.Attachment:
        args[option.name] = options.getAttachment?.(option.name) ?? null;
        break;
      default:
        args[option.name] = null;
    }
  }
  // The one place the definition's runtime options meet their type: each was read by its declared type above.
  return args as ArgumentsOf<D>;
}

/** Options read from arguments recovered from a page button: the same seam every transport uses. */
export function optionsOf(values: Readonly<Record<string, string | number | boolean | null>>): CommandOptions {
  return {
    getString: (name) => {
      const value = values[name];
      return typeof value === 'string' && value.trim() !== '' ? value : null;
    },
    getBoolean: (name) => {
      const value = values[name];
      return typeof value === 'boolean' ? value : null;
    },
    getInteger: (name) => {
      const value = values[name];
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
    },
    getSubcommand: () => {
      const value = values.subcommand;
      return typeof value === 'string' ? value : null;
    },
  };
}

/**
 * Autocomplete as every command does it: an option with `autocomplete` is named after the kind of
 * suggestion it takes (`quote`, `topic`, `speaker`, `person`, `article`), and the engine suggests for it
 * within the article already chosen, if any. A focused option the command does not complete is taken as
 * its first completed option.
 */
function suggestionsFor(definition: CommandDefinition): Command['autocomplete'] {
  const completed = (definition.options ?? []).filter((o) => 'autocomplete' in o && o.autocomplete === true).map((o) => o.name);
  if (completed.length === 0) return undefined;
  for (const name of completed) {
    if (!SUGGESTIONS.includes(name)) {
      throw new Error(`/${definition.name}: option "${name}" has autocomplete but names no kind of suggestion (${SUGGESTIONS.join(', ')})`);
    }
  }
  return async ({ engine, options, focused }) => {
    const option = (completed.includes(focused.name) ? focused.name : completed[0]!) as SuggestOption;
    return engine.suggest(option, focused.value, { article: options.getString('article') });
  };
}

/** Builds the command the transports run from what is written in one command file. */
export function defineCommand<const D extends CommandDefinition, R, T = unknown>(spec: CommandSpec<D, R, T>): Command<R, D> {
  const { definition } = spec;
  const given = spec.pages as ListPages<R, ArgumentValues, T> | Pager<R, ArgumentValues> | undefined;
  const pages = given && 'slice' in given ? listPager(given) : given;
  const everyOption = [...(definition.options ?? []), ...(definition.options ?? []).flatMap((o) => (o.type === ApplicationCommandOptionType.Subcommand ? (o.options ?? []) : []))];
  if (pages && !everyOption.some((o) => o.name === 'page' && o.type === ApplicationCommandOptionType.Integer)) {
    throw new Error(`/${definition.name} pages its answer but has no integer "page" option`);
  }
  const autocomplete = spec.autocomplete ?? suggestionsFor(definition);
  const { opensForm, submit } = spec;
  return {
    definition,
    execute: ({ engine, options, caller }) => spec.execute(readArguments(definition, options), { engine, caller: caller ?? null }),
    ...(autocomplete ? { autocomplete } : {}),
    ...(opensForm ? { opensForm: (options: CommandOptions) => opensForm(readArguments(definition, options)) } : {}),
    ...(submit ? { submit: (form: string, fields: Readonly<Record<string, string>>, context: { engine: Engine; caller?: Caller }) => submit(form, fields, { engine: context.engine, caller: context.caller ?? null }) } : {}),
    rerun: (args, engine) => spec.execute(readArguments(definition, optionsOf(args)), { engine, caller: null }),
    ...(pages ? { pages } : {}),
    render: spec.render,
  };
}
