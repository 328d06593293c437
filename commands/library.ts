/**
 * `/library`: a server's own articles (issue #11) — `add` a link, a file or text typed in a form, `remove`
 * one, `list` them. Adding and removing change the server's library, so they are for members who may
 * manage the server: the command is registered with Manage Server as its default permission, and the
 * member's permissions in the interaction are checked again here before anything is done (a server can
 * change who may use a command; this check is byline's own). Refusals are kind and only for the member.
 */
import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { FormSpec, LibraryResult } from '../src/answers.ts';
import { renderLibrary } from '../src/discord/render/library.ts';
import { UserInputError, type Engine, type ServerLibrary } from '../src/engine.ts';
import { libraryText } from '../src/format/library.ts';
import type { AddSource } from '../src/guild/input.ts';
import { defineCommand, type Caller } from './command.ts';
import { hideOption, pageOption } from './options.ts';

/** Articles a page of `/library list` shows. */
export const LIBRARY_A_PAGE = 10;

/** The form of `/library add text:` (its custom_id routes the submitted form back here). */
export const TEXT_FORM_ID = 'form;library;text';
/** Longest article text the form takes (Discord's limit for one text input). */
export const FORM_TEXT_MAX = 4000;

export const TEXT_FORM: FormSpec = {
  id: TEXT_FORM_ID,
  title: 'Add an article to byline',
  inputs: [
    { id: 'title', label: 'Title', style: 'short', required: false, maxLength: 200, placeholder: 'The headline (optional: the first sentence otherwise)' },
    { id: 'date', label: 'Date (YYYY-MM-DD)', style: 'short', required: false, maxLength: 10, placeholder: '2024-05-31' },
    { id: 'text', label: 'Article text', style: 'paragraph', required: true, maxLength: FORM_TEXT_MAX, placeholder: 'Paste the article; a blank line between paragraphs.' },
  ],
};

/** Discord's Manage Server and Administrator permission bits. */
const MANAGE_SERVER = BigInt(PermissionFlagsBits.ManageGuild);
const ADMINISTRATOR = BigInt(PermissionFlagsBits.Administrator);

/** Whether the caller may change the server's library: Manage Server (or Administrator) in this interaction. */
export function mayManageServer(caller: Caller | null): boolean {
  if (!caller?.permissions || !/^\d{1,40}$/.test(caller.permissions)) return false;
  const bits = BigInt(caller.permissions);
  return (bits & MANAGE_SERVER) !== 0n || (bits & ADMINISTRATOR) !== 0n;
}

/** The server's own library, once the caller is known to may change it; kind refusals otherwise. */
export function managedLibrary(engine: Engine, caller: Caller | null, action: string): ServerLibrary {
  if (!engine.server) {
    throw new UserInputError(`Articles are ${action} in a server's own library, so this works in a server only (in direct messages byline answers from the shared library).`);
  }
  if (!mayManageServer(caller)) {
    throw new UserInputError(`Only members who may manage this server (the Manage Server permission) can change its library. Ask a moderator to add or remove articles.`);
  }
  return engine.server;
}

const result = (fields: Partial<LibraryResult> & Pick<LibraryResult, 'action'>): LibraryResult => ({
  added: [],
  duplicates: [],
  refused: [],
  removed: null,
  articles: [],
  form: null,
  ms: 0,
  ...fields,
});

async function timed(work: () => Promise<LibraryResult>): Promise<LibraryResult> {
  const start = performance.now();
  const answer = await work();
  return { ...answer, ms: Math.round((performance.now() - start) * 100) / 100 };
}

/** Adds what a source holds to the server's library. */
export async function addTo(library: ServerLibrary, source: AddSource, caller: Caller | null): Promise<LibraryResult> {
  const { added, duplicates } = await library.add(source, caller?.userId ?? null);
  return result({ action: 'add', added, duplicates });
}

export default defineCommand({
  definition: {
    name: 'library',
    description: "This server's own articles: add one (a link, a file, or text), remove one, list them",
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        description: 'Add an article: a link, a file (.txt .md .html .csv), or text typed in a form',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'url', description: 'Link to the article (http or https)', required: false, max_length: 2000 },
          { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'An article file: .txt, .md, .html or .csv', required: false },
          { type: ApplicationCommandOptionType.Boolean, name: 'text', description: 'Type or paste the article in a form', required: false },
          hideOption,
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'remove',
        description: "Remove an article added in this server",
        options: [
          { type: ApplicationCommandOptionType.String, name: 'article', description: 'The article (start typing its title)', required: true, autocomplete: true, max_length: 200 },
          hideOption,
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'list',
        description: 'The articles added in this server',
        options: [pageOption, hideOption],
      },
    ],
  },
  execute: (args, { engine, caller }) =>
    timed(async () => {
      switch (args.subcommand) {
        case 'add': {
          const library = managedLibrary(engine, caller, 'added');
          const given = [args.url, args.file].filter((value) => value !== null).length;
          if (given > 1) throw new UserInputError('Give one of url:, file: or text:True at a time.');
          if (args.url !== null) return addTo(library, { kind: 'url', url: args.url }, caller);
          if (args.file !== null) {
            const file = args.file;
            const source: AddSource = file.bytes
              ? { kind: 'upload', name: file.name, bytes: file.bytes }
              : { kind: 'attachment', url: file.url, name: file.name, size: file.size };
            return addTo(library, source, caller);
          }
          return result({ action: 'form', form: TEXT_FORM });
        }
        case 'remove': {
          const library = managedLibrary(engine, caller, 'removed');
          return result({ action: 'remove', removed: await library.remove(args.article) });
        }
        case 'list': {
          if (!engine.server) throw new UserInputError("A server's own articles are listed in that server; /articles shows the shared library.");
          return result({ action: 'list', articles: await engine.server.list() });
        }
        default:
          throw new UserInputError('Say what to do: /library add, /library remove or /library list.');
      }
    }),
  // The form opens before anything else is sent: a modal must be Discord's first response.
  opensForm: (args) => args.subcommand === 'add' && args.url === null && args.file === null,
  submit: (form, fields, { engine, caller }) =>
    timed(async () => {
      if (form !== 'text') throw new UserInputError('This form is no longer byline’s; please run /library add again.');
      const library = managedLibrary(engine, caller, 'added');
      return addTo(library, { kind: 'text', title: fields.title ?? null, date: fields.date ?? null, text: fields.text ?? '' }, caller);
    }),
  // `/library remove` completes the server's own articles only: the shared ones cannot be removed here.
  autocomplete: async ({ engine, focused }) => (engine.server ? engine.suggest('article', focused.value, { library: 'server' }) : []),
  pages: {
    size: LIBRARY_A_PAGE,
    list: (answer) => answer.articles,
    key: (a) => `${a.id}:${a.paragraphs}:${a.quotes}`,
    slice: (answer, from, to) => ({ ...answer, articles: answer.articles.slice(from, to) }),
  },
  render: { discord: renderLibrary, text: libraryText, json: (answer) => answer, form: (answer) => answer.form },
});
