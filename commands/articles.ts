import { hideOption } from './options.ts';
import type { Command } from './index.ts';

const articles: Command = {
  definition: {
    name: 'articles',
    description: 'The articles byline knows: titles, dates, quotes',
    options: [hideOption],
  },
  async execute({ engine, options }) {
    const result = await engine.articles();
    return { type: 'articles', result, hide: options.getBoolean('hide') ?? false };
  },
};

export default articles;
