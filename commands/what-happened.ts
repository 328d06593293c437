import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { renderWhatHappened } from '../src/discord/render/what-happened.ts';
import { whatHappenedText } from '../src/format/what-happened.ts';
import { defineCommand } from './command.ts';
import { MAX_OPTION_LENGTH, articleOption, hideOption } from './options.ts';

/** `/what-happened`: the passages that answer a topic, or a summary of the newest article. */
export default defineCommand({
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
  execute: ({ topic, article }, { engine }) => engine.whatHappened(topic, { article }),
  render: { discord: renderWhatHappened, text: whatHappenedText, json: (result) => result },
});
