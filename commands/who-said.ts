import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { MAX_OPTION_LENGTH, articleOption, hideOption } from './options.ts';
import type { Command } from './index.ts';

const whoSaid: Command = {
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
  async execute({ engine, options }) {
    const quote = options.getString('quote') ?? '';
    const result = await engine.whoSaid(quote, { article: options.getString('article') });
    return { type: 'who-said', result, hide: options.getBoolean('hide') ?? false };
  },
  async autocomplete({ engine, options, focused }) {
    const option = focused.name === 'article' ? 'article' : 'quote';
    return engine.suggest(option, focused.value, { article: options.getString('article') });
  },
};

export default whoSaid;
