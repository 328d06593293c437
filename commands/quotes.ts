import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { articleOption, hideOption } from './options.ts';
import type { Command } from './index.ts';

const quotes: Command = {
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
      hideOption,
    ],
  },
  async execute({ engine, options }) {
    const result = await engine.quotes(options.getString('speaker'), { article: options.getString('article') });
    return { type: 'quotes', result, hide: options.getBoolean('hide') ?? false };
  },
  async autocomplete({ engine, options, focused }) {
    const option = focused.name === 'article' ? 'article' : 'speaker';
    return engine.suggest(option, focused.value, { article: options.getString('article') });
  },
};

export default quotes;
