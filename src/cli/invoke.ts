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
export async function invoke(engine: Engine, line: string, defaults: Readonly<Record<string, string>> = {}): Promise<Outcome> {
  const trimmed = line.trim();
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
  const options = optionsFromText(command, text, defaults);
  const malformed = (command.definition.options ?? []).find(
    (o) => o.type === ApplicationCommandOptionType.Integer && options.getString(o.name) !== null && options.getInteger(o.name) === null,
  );
  if (malformed) return { type: 'error', message: `${malformed.name} must be a whole number from 1, like ${malformed.name}:2.` };
  return { type: 'reply', reply: await runCommand(command, { engine, options }) };
}

/** Reads `name:value` pairs for the command's options; the remaining text fills its first string option. */
export function optionsFromText(command: Command, text: string, defaults: Readonly<Record<string, string>> = {}): CommandOptions {
  const defined = command.definition.options ?? [];
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
  const main = mainOption(command);
  if (main && free && !values.has(main)) values.set(main, free);
  return {
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
    const options = (command.definition.options ?? []).map((o) => (o.required ? `<${o.name}>` : `[${o.name}:…]`));
    lines.push(`  /${command.definition.name} ${options.join(' ')}`.trimEnd(), `      ${command.definition.description}`);
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
