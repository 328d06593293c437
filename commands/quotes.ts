import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { SpeakerCount, WhoSaidAnswer } from '../src/answers.ts';
import { renderQuotes } from '../src/discord/render/listings.ts';
import { shortArticleRef } from '../src/engine.ts';
import { quotesText } from '../src/format/listings.ts';
import { defineCommand } from './command.ts';
import { articleOption, hideOption, pageOption } from './options.ts';

/** Quotes a page of one speaker's quotes lists, and speakers a page of everyone quoted. */
export const QUOTES_A_PAGE = 8;
export const SPEAKERS_A_PAGE = 15;

/** `/quotes`: a speaker's quotes, or everyone quoted with how often, a page at a time. */
export default defineCommand({
  definition: {
    name: 'quotes',
    description: "A speaker's quotes, or everyone quoted with how often",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'speaker',
        description: 'Whose quotes (leave empty to list the speakers)',
        required: false,
        autocomplete: true,
        max_length: 200,
      },
      articleOption,
      pageOption,
      hideOption,
    ],
  },
  execute: ({ speaker, article }, { engine }) => engine.quotes(speaker, { article }),
  pages: {
    size: (result) => (result.speaker !== null ? QUOTES_A_PAGE : SPEAKERS_A_PAGE),
    list: (result): readonly (WhoSaidAnswer | SpeakerCount)[] => (result.speaker !== null ? result.quotes : result.speakers),
    key: (item) => ('quote' in item ? `${item.article.id}:${item.paragraph}:${item.quote}` : `${item.speakerName}:${item.quotes}`),
    slice: (result, from, to) =>
      result.speaker !== null ? { ...result, quotes: result.quotes.slice(from, to) } : { ...result, speakers: result.speakers.slice(from, to) },
    // A title typed as the article becomes its id, then its short reference; a long speaker, the name found.
    compact: (args, result) => {
      const article = result.article ? shortArticleRef(result.article.id) : null;
      const speaker = result.quotes[0]?.speakerName ?? args.speaker;
      return [
        { ...args, article: result.article?.id ?? null },
        { ...args, article },
        { ...args, speaker, article },
      ];
    },
  },
  render: { discord: renderQuotes, text: quotesText, json: (result) => result },
});
