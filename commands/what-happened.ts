import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { MAX_OPTION_LENGTH, articleOption, hideOption } from './options.ts';
import type { Command } from './index.ts';

const whatHappened: Command = {
  definition: {
    name: 'what-happened',
    description: 'What happened? A short summary from the articles, for a topic or the latest article.',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'What you want to know about (leave empty for a summary)',
        required: false,
        autocomplete: true,
        max_length: MAX_OPTION_LENGTH,
      },
      articleOption,
      hideOption,
    ],
  },
  async execute({ engine, options }) {
    const topic = options.getString('topic');
    const result = await engine.whatHappened(topic, { article: options.getString('article') });
    return { type: 'what-happened', result, hide: options.getBoolean('hide') ?? false };
  },
  async autocomplete({ engine, options, focused }) {
    const option = focused.name === 'article' ? 'article' : 'topic';
    return engine.suggest(option, focused.value, { article: options.getString('article') });
  },
};

export default whatHappened;
