/**
 * Option definitions shared by several commands, so `article` and `hide` read the same everywhere.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandBasicOption } from 'discord-api-types/v10';

/** Longest text an option accepts; Discord's own cap for string options is 6000. */
export const MAX_OPTION_LENGTH = 1000;

export const articleOption = {
  type: ApplicationCommandOptionType.String,
  name: 'article',
  description: 'Only this article (start typing its title)',
  required: false,
  autocomplete: true,
  max_length: 200,
} as const satisfies APIApplicationCommandBasicOption;

export const hideOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'hide',
  description: 'Only you see the answer',
  required: false,
} as const satisfies APIApplicationCommandBasicOption;

/** The page of a long answer (see commands/paging.ts); a page past the end shows the last one. */
export const pageOption = {
  type: ApplicationCommandOptionType.Integer,
  name: 'page',
  description: 'Which page of a long answer (the buttons under it turn the pages too)',
  required: false,
  min_value: 1,
} as const satisfies APIApplicationCommandBasicOption;
