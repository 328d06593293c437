/**
 * Long answers in pages (`/quotes`, `/articles`, `/who-is`): which items a page shows, the `page` option, and
 * the page buttons' `custom_id`, which carries everything needed to show another page — the command, its
 * arguments (or shorter ones that give the same list), a digest of the list, and the page — so that a button
 * is answered without byline keeping any state. When the library changed between two pages, the digest no
 * longer matches and the page says so.
 */
import { createHash } from 'node:crypto';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { CUSTOM_ID_MAX } from '../src/discord/limits.ts';
import type { CommandDefinition } from './command.ts';
import { optionsOfDefinition, subcommandsOf } from './subcommands.ts';

/** Where a page stands in its list; what a renderer needs to say "page 2 of 8". */
export interface PageView {
  /** The page shown, from 1. */
  page: number;
  pages: number;
  /** Items in the whole list. */
  total: number;
  /** Items a page lists. */
  size: number;
  /** Index in the whole list (from 0) of the first item this page shows. */
  first: number;
}

/** The paging of one answer, as the command layer hands it to the transports. */
export interface Paging extends PageView {
  /** The page asked for (`page` option or a button), or null when none was: then the console and JSON show everything. */
  asked: number | null;
  /** Fingerprint of the whole list: a later page checks the list it pages is still this one. */
  digest: string;
  /** The start of the page buttons' custom_id (see {@link pageButtonId}), or null when the arguments cannot fit in one. */
  resume: string | null;
  /** True when this page was asked for from a listing whose list has changed since (the library was updated). */
  changed: boolean;
}

/** What a paged list is: how many items it has, and a digest of their identities (which tells a changed list). */
export interface ListIdentity {
  count: number;
  digest: string;
}

/** How a command pages its answer. `A` is the command's arguments. */
export interface Pager<R, A> {
  /** The list being paged: its length, and the digest a later page compares with. */
  identity(result: R): ListIdentity;
  /** Items a page lists. */
  size(result: R): number;
  /** Pages the answer has (at least 1). */
  pages(result: R): number;
  /** The answer as page `page` (1 ≤ page ≤ pages) shows it. */
  page(result: R, page: number): R;
  /** Index in the list (from 0) of the first item page `page` shows. */
  first(result: R, page: number): number;
  /**
   * Shorter arguments for the same list, tried in turn when the arguments as given do not fit in a custom_id
   * (each is checked to give the very same list before it is used).
   */
  compact?(args: A, result: R): A[];
}

/** How a command pages an answer holding one list: page `n` shows items `(n-1)·size` to `n·size`. */
export interface ListPages<R, A, T> {
  /** Items a page lists. */
  size: number | ((result: R) => number);
  /** The list being paged. */
  list(result: R): readonly T[];
  /** An item's identity: what, changed, makes the list another one. */
  key(item: T): string;
  /** The answer with its list cut to items [from, to). */
  slice(result: R, from: number, to: number): R;
  compact?(args: A, result: R): A[];
}

/**
 * The pager of an answer holding one list. A list's identity is worked out once per list: the library hands
 * the same array for the same question (everyone quoted, at 10,000 articles 82,000 speakers) until it changes.
 */
export function listPager<R, A, T>(spec: ListPages<R, A, T>): Pager<R, A> {
  const size = (result: R) => (typeof spec.size === 'number' ? spec.size : spec.size(result));
  const identities = new WeakMap<readonly T[], ListIdentity>();
  return {
    identity: (result) => {
      const list = spec.list(result);
      let identity = identities.get(list);
      if (!identity) identities.set(list, (identity = identityOf(list.map((item) => spec.key(item)))));
      return identity;
    },
    size,
    pages: (result) => pageCount(spec.list(result).length, size(result)),
    page: (result, page) => spec.slice(result, (page - 1) * size(result), page * size(result)),
    first: (result, page) => (page - 1) * size(result),
    ...(spec.compact ? { compact: (args: A, result: R) => spec.compact!(args, result) } : {}),
  };
}

/** The identity of a list whose items are identified by `keys`. */
export function identityOf(keys: readonly string[]): ListIdentity {
  return { count: keys.length, digest: digestOf(keys) };
}

/** Pages for `count` items, `size` a page: at least one, even for an empty list. */
export function pageCount(count: number, size: number): number {
  return Math.max(1, Math.ceil(count / size));
}

/** The page shown for `asked`: within 1…pages, whatever was typed (0, negative, past the end). */
export function pageWithin(asked: number | null, pages: number): number {
  if (asked === null || !Number.isFinite(asked)) return 1;
  return Math.min(Math.max(1, Math.trunc(asked)), pages);
}

/** A short fingerprint of a list (6 characters of base64url SHA-256: 36 bits). */
export function digestOf(items: readonly string[]): string {
  return createHash('sha256').update(items.join('\n')).digest('base64url').slice(0, 6);
}

/** The paging of `result` for the page asked for (without `resume`, which needs the engine). */
export function pagingOf<R, A>(pager: Pager<R, A>, result: R, asked: number | null): Omit<Paging, 'resume'> {
  const { count, digest } = pager.identity(result);
  const pages = pager.pages(result);
  const page = pageWithin(asked, pages);
  return { page, pages, total: count, size: pager.size(result), first: pager.first(result, page), asked, digest, changed: false };
}

// ---- the page buttons' custom_id ----------------------------------------------------------------------

/**
 * `p1;<command>;<digest>;<name=value&…>;<page>`: `p1` names this format (a button of another format is
 * answered kindly as out of date), the arguments are those that reproduce the list (not `hide` nor
 * `page`), with `%`, `;`, `&`, `=` and control characters percent-encoded and everything else as typed,
 * so that a name in any script costs one character a character.
 */
const FORMAT = 'p1';
/** Room kept for `;<page>` after the resume key: pages up to 9,999,999. */
const PAGE_SUFFIX_MAX = 8;
/** Arguments a page button never carries: how the answer is shown, not what it lists. */
const NOT_CARRIED = new Set(['hide', 'page']);

type ArgumentValues = Readonly<Record<string, string | number | boolean | null>>;

function escapeValue(value: string): string {
  // Lone surrogates cannot be sent as JSON text; they stand for nothing anyone typed on purpose.
  const wellFormed = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return wellFormed.replace(/[%;&=\u0000-\u001F\u007F]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function unescapeValue(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The custom_id of a page button without its page, or null when the arguments make it too long for Discord. */
export function resumeKey(command: string, digest: string, args: ArgumentValues): string | null {
  const pairs = Object.entries(args)
    .filter(([name, value]) => !NOT_CARRIED.has(name) && value !== null && value !== '')
    .map(([name, value]) => `${name}=${escapeValue(String(value))}`);
  const key = [FORMAT, command, digest, pairs.join('&')].join(';');
  return key.length + PAGE_SUFFIX_MAX <= CUSTOM_ID_MAX ? key : null;
}

/** The custom_id of the button that shows page `page`. */
export function pageButtonId(resume: string, page: number): string {
  return `${resume};${page}`;
}

/** What a page button's custom_id says, or null when it is not one byline made (or not in this format). */
export function readPageButton(customId: string): { command: string; digest: string; values: Record<string, string>; page: number } | null {
  if (customId.length > CUSTOM_ID_MAX) return null;
  const parts = customId.split(';');
  if (parts.length !== 5 || parts[0] !== FORMAT) return null;
  const [, command = '', digest = '', pairs = '', pageText = ''] = parts;
  if (!/^[\w-]{1,32}$/.test(command) || !/^[\w-]{6}$/.test(digest) || !/^\d{1,7}$/.test(pageText)) return null;
  const values: Record<string, string> = {};
  for (const pair of pairs === '' ? [] : pairs.split('&')) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    const value = unescapeValue(pair.slice(at + 1));
    if (at <= 0 || value === null || !/^[\w-]{1,32}$/.test(name)) return null;
    values[name] = value;
  }
  return { command, digest, values, page: Number(pageText) };
}

/** A button's values typed by the command's definition; a value for no option, or of the wrong type, makes it unreadable (null). */
export function argumentsFromButton(definition: CommandDefinition, values: Readonly<Record<string, string>>): ArgumentValues | null {
  const args: Record<string, string | number | boolean | null> = {};
  // A command of subcommands (`/library list`) carries which one; its options are that subcommand's.
  const subcommand = values.subcommand ?? null;
  if (subcommand !== null) {
    if (!subcommandsOf(definition).includes(subcommand)) return null;
    args.subcommand = subcommand;
  }
  const options = optionsOfDefinition(definition, subcommand);
  for (const [name, value] of Object.entries(values)) {
    if (name === 'subcommand') continue;
    const option = options.find((o) => o.name === name);
    if (!option || NOT_CARRIED.has(name)) return null;
    if (option.type === ApplicationCommandOptionType.String) args[name] = value;
    else if (option.type === ApplicationCommandOptionType.Integer && /^-?\d{1,15}$/.test(value)) args[name] = Number(value);
    else if (option.type === ApplicationCommandOptionType.Boolean && (value === 'true' || value === 'false')) args[name] = value === 'true';
    else return null;
  }
  return args;
}
