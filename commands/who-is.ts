import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { articleOption, hideOption } from './options.ts';
import type { Command } from './index.ts';

const whoIs: Command = {
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
      hideOption,
    ],
  },
  async execute({ engine, options }) {
    const result = await engine.whoIs(options.getString('person') ?? '', { article: options.getString('article') });
    return { type: 'who-is', result, hide: options.getBoolean('hide') ?? false };
  },
  async autocomplete({ engine, options, focused }) {
    const option = focused.name === 'article' ? 'article' : 'person';
    return engine.suggest(option, focused.value, { article: options.getString('article') });
  },
};

export default whoIs;
