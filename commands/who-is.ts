import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { WhoIsResult } from '../src/answers.ts';
import { renderWhoIs } from '../src/discord/render/listings.ts';
import { whoIsText } from '../src/format/listings.ts';
import { defineCommand } from './command.ts';
import { articleOption, hideOption, pageOption } from './options.ts';
import { identityOf, pageCount } from './paging.ts';

/** Articles a page of where a person appears lists. */
export const APPEARANCES_A_PAGE = 5;

/** Where the first person of the answer appears: the list the pages after the first go through. */
const appearances = (result: WhoIsResult) => result.people[0]?.articles ?? [];

/**
 * `/who-is`: who a person is across the library. Page 1 is everyone matching; when the first of them appears
 * in several articles, or in more paragraphs than are listed, the next pages go through every article they
 * appear in, with the paragraphs that mention them and what they said there.
 */
export default defineCommand({
  definition: {
    name: 'who-is',
    description: 'Who is this person in the articles: their role, what they said, where they appear',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'person',
        description: 'A name or a role (start typing)',
        required: true,
        autocomplete: true,
        max_length: 200,
      },
      articleOption,
      pageOption,
      hideOption,
    ],
  },
  execute: ({ person, article }, { engine }) => engine.whoIs(person, { article }),
  pages: {
    identity: (result) => identityOf(appearances(result).map((a) => `${result.people[0]!.name}:${a.article.id}:${a.mentionedIn.join(',')}`)),
    size: () => APPEARANCES_A_PAGE,
    pages: (result) => {
      const [first] = result.people;
      const count = appearances(result).length;
      return first && (count > 1 || first.mentions) ? 1 + pageCount(count, APPEARANCES_A_PAGE) : 1;
    },
    page: (result, page) => {
      const [first] = result.people;
      if (page <= 1 || !first) return result;
      const from = (page - 2) * APPEARANCES_A_PAGE;
      return { ...result, people: [{ ...first, articles: appearances(result).slice(from, from + APPEARANCES_A_PAGE) }] };
    },
    first: (_result, page) => (page <= 1 ? 0 : (page - 2) * APPEARANCES_A_PAGE),
    // A long name typed becomes the name found (checked to give the same list before it is used).
    compact: (args, result) => (result.people[0] ? [{ ...args, person: result.people[0].name }] : []),
  },
  render: { discord: renderWhoIs, text: whoIsText, json: (result) => result },
});
