import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { renderWhoSaid } from '../src/discord/render/who-said.ts';
import { whoSaidText } from '../src/format/who-said.ts';
import { defineCommand } from './command.ts';
import { MAX_OPTION_LENGTH, articleOption, hideOption } from './options.ts';

/** `/who-said`: who said a quote typed as it is remembered. */
export default defineCommand({
  definition: {
    name: 'who-said',
    description: 'Who said a quote? Type it as you remember it.',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'quote',
        description: 'The quote, or the words you remember of it',
        required: true,
        autocomplete: true,
        max_length: MAX_OPTION_LENGTH,
      },
      articleOption,
      hideOption,
    ],
  },
  execute: ({ quote, article }, { engine }) => engine.whoSaid(quote, { article }),
  render: { discord: renderWhoSaid, text: whoSaidText, json: (result) => result },
});
