/**
 * Running a command from a line of text, the way the local console and `npm run ask` do: the same
 * command code Discord runs, with options taken from the text instead of an interaction.
 *
 * A line reads `[/]<command> [text] [option:value …]`: the text fills the command's main option
 * (`quote`, `topic`, `speaker`, `person`) and `name:value` pairs set the others, as Discord shows them
 * (`/who-said diplomacy means also defense article:000_4cbc08951dad2f3b hide:true`).
 * `suggest <option> <typed>` and `inspect` are command-line extras that show what autocomplete would
 * offer and how the articles were understood.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Choice, SuggestOption } from '../answers.ts';
import {
  commands,
  findCommand,
  mainOption,
  runCommand,
  type Command,
  type CommandOptions,
  type Reply,
} from '../../commands/index.ts';
import { distance } from 'fastest-levenshtein';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { operator, type AttachmentRef, type Caller } from '../../commands/command.ts';
import { optionsOfDefinition, subcommandsOf } from '../../commands/subcommands.ts';
import type { Engine } from '../engine.ts';
import type { Article } from '../model.ts';

export type Outcome =
  | { type: 'reply'; reply: Reply }
  | { type: 'suggest'; option: SuggestOption; typed: string; choices: Choice[]; ms: number }
  | { type: 'inspect'; articles: Article[]; ms: number }
  | { type: 'help'; text: string }
  | { type: 'error'; message: string };

export const SUGGEST_OPTIONS: readonly SuggestOption[] = ['quote', 'topic', 'speaker', 'article', 'person'];

/** The longest line read; longer input is refused with a kind message rather than searched. */
export const MAX_LINE_LENGTH = 4000;

/**
 * Answers one line. `defaults` are options given apart from the line (`ask --page 2`): each applies to the
 * commands that have it, unless the line sets it.
 */
export async function invoke(
  engine: Engine,
  line: string,
  defaults: Readonly<Record<string, string>> = {},
  caller: Caller = operator(null),
): Promise<Outcome> {
  const trimmed = aliased(line.trim());
  if (!trimmed) return { type: 'error', message: 'Empty line: type a command, or /help.' };
  if (trimmed.length > MAX_LINE_LENGTH) {
    return { type: 'error', message: `That line is ${trimmed.length} characters long; byline reads at most ${MAX_LINE_LENGTH}.` };
  }
  const [head = '', ...rest] = trimmed.split(/\s+/);
  const name = head.replace(/^\//, '').toLowerCase();
  const text = trimmed.slice(head.length).trim();

  if (name === 'help' || name === '?') return { type: 'help', text: helpText() };
  if (name === 'suggest') {
    const option = (rest[0] ?? '').toLowerCase() as SuggestOption;
    if (!SUGGEST_OPTIONS.includes(option)) {
      return { type: 'error', message: `suggest needs an option: ${SUGGEST_OPTIONS.join(', ')} (e.g. "suggest quote diplomacy").` };
    }
    const typed = text.slice(rest[0]!.length).trim();
    const start = performance.now();
    const choices = await engine.suggest(option, typed);
    return { type: 'suggest', option, typed, choices, ms: elapsed(start) };
  }
  if (name === 'inspect') {
    const start = performance.now();
    const articles = await engine.inspect();
    return { type: 'inspect', articles, ms: elapsed(start) };
  }
  const command = findCommand(name);
  if (!command) {
    const guess = closestCommand(name);
    return { type: 'error', message: `Unknown command "${head}".${guess ? ` Did you mean /${guess}?` : ''} ${commandList()}` };
  }
  // A command of subcommands (`library add …`) is followed by the subcommand's name.
  const subcommands = subcommandsOf(command.definition);
  const subcommand = subcommands.length > 0 ? (text.split(/\s+/)[0] ?? '').toLowerCase() : null;
  const rest_ = subcommand ? text.slice(text.split(/\s+/)[0]!.length).trim() : text;
  if (subcommand !== null && !subcommands.includes(subcommand)) {
    return { type: 'error', message: `/${command.definition.name} takes one of: ${subcommands.join(', ')} (e.g. "/${command.definition.name} ${subcommands[0]}").` };
  }
  const options = optionsFromText(command, rest_, defaults, subcommand);
  const defined = optionsOfDefinition(command.definition, subcommand);
  const malformed = defined.find(
    (o) => o.type === ApplicationCommandOptionType.Integer && options.getString(o.name) !== null && options.getInteger(o.name) === null,
  );
  if (malformed) return { type: 'error', message: `${malformed.name} must be a whole number from 1, like ${malformed.name}:2.` };
  // A file named on the command line is the operator's own: read here, from disk, and handed over as an attachment.
  const files = new Map<string, AttachmentRef>();
  for (const option of defined.filter((o) => o.type === ApplicationCommandOptionType.Attachment)) {
    const file = options.getString(option.name);
    if (file === null) continue;
    try {
      const bytes = await readFile(file);
      files.set(option.name, { url: pathToFileURL(path.resolve(file)).href, name: path.basename(file), size: bytes.byteLength, contentType: null, bytes });
    } catch (error) {
      return { type: 'error', message: `Cannot read the file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.` };
    }
  }
  const withFiles: CommandOptions = { ...options, getAttachment: (name) => files.get(name) ?? null };
  return { type: 'reply', reply: await runCommand(command, { engine, options: withFiles, caller }) };
}

/**
 * The command line's short forms of `/library` (`ask --guild ID add <url|file>`, `remove <article>`,
 * `list`); `add` with a bare argument takes a link as `url:`, anything else as a file to read.
 */
function aliased(line: string): string {
  const match = /^\/?(?:(library)\s+)?(add|remove|list)\b\s*(.*)$/is.exec(line);
  if (!match || (!match[1] && !/^\/?(add|remove|list)\b/i.test(line))) return line;
  const [, , action = '', rest = ''] = match;
  const verb = action.toLowerCase();
  if (verb === 'add' && rest && !/^(url|file|text|hide):/i.test(rest)) {
    return `library add ${/^https?:\/\//i.test(rest) ? 'url' : 'file'}:${rest}`;
  }
  return `library ${verb}${rest ? ` ${rest}` : ''}`;
}

/** Reads `name:value` pairs for the command's options; the remaining text fills its first string option. */
export function optionsFromText(
  command: Command,
  text: string,
  defaults: Readonly<Record<string, string>> = {},
  subcommand: string | null = null,
): CommandOptions {
  const defined = optionsOfDefinition(command.definition, subcommand);
  const names = defined.map((o) => o.name);
  const values = new Map<string, string>(Object.entries(defaults).filter(([name]) => names.includes(name)));
  let free = text;
  if (names.length > 0) {
    const pattern = new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join('|')}):`, 'gi');
    const marks = [...text.matchAll(pattern)];
    if (marks.length > 0) {
      free = text.slice(0, marks[0]!.index).trim();
      marks.forEach((mark, i) => {
        const from = mark.index + mark[0].length;
        const to = marks[i + 1]?.index ?? text.length;
        values.set(mark[1]!.toLowerCase(), text.slice(from, to).trim());
      });
    }
  }
  const main = subcommand === null ? mainOption(command) : defined.find((o) => o.type === ApplicationCommandOptionType.String)?.name;
  if (main && free && !values.has(main)) values.set(main, free);
  return {
    getSubcommand: () => subcommand,
    getString: (name) => {
      const value = values.get(name);
      return value === undefined || value === '' ? null : value;
    },
    getBoolean: (name) => {
      const value = values.get(name)?.toLowerCase();
      if (value === undefined) return null;
      return ['true', 'yes', '1', 'on'].includes(value);
    },
    getInteger: (name) => {
      const value = values.get(name);
      if (value === undefined || !/^[+-]?\d{1,15}$/.test(value)) return null;
      return Number(value);
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}

function commandList(): string {
  return `Commands: ${commands.map((c) => `/${c.definition.name}`).join(', ')}, /suggest, /inspect, /help.`;
}

export function helpText(): string {
  const lines = ['byline answers questions about the articles in its library.', ''];
  for (const command of commands) {
    const subcommands = subcommandsOf(command.definition);
    for (const subcommand of subcommands.length > 0 ? subcommands : [null]) {
      const options = optionsOfDefinition(command.definition, subcommand).map((o) => ('required' in o && o.required ? `<${o.name}>` : `[${o.name}:…]`));
      lines.push(`  /${command.definition.name}${subcommand ? ` ${subcommand}` : ''} ${options.join(' ')}`.trimEnd());
    }
    lines.push(`      ${command.definition.description}`);
  }
  lines.push(
    '  /suggest <quote|topic|speaker|article|person> <typed text>',
    '      What autocomplete would offer for what has been typed',
    '  /inspect',
    '      Every article as byline understood it: sentences, quotes, speakers',
    '',
    'Example: /who-said diplomacy means also defense',
  );
  return lines.join('\n');
}

/** The command (or console extra) a mistyped name most likely meant: within two edits, or a prefix of it. */
export function closestCommand(name: string): string | null {
  const names = [...commands.map((command) => command.definition.name), 'suggest', 'inspect', 'help'];
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of names) {
    const d = candidate.startsWith(name) && name.length >= 3 ? 0.5 : distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
