import { renderArticles } from '../src/discord/render/listings.ts';
import { articlesText } from '../src/format/listings.ts';
import { defineCommand } from './command.ts';
import { hideOption, pageOption } from './options.ts';

/** Articles a page of `/articles` lists. */
export const ARTICLES_A_PAGE = 10;

/** `/articles`: the library, newest first, a page at a time. */
export default defineCommand({
  definition: {
    name: 'articles',
    description: 'The articles byline knows: titles, dates, quotes',
    options: [pageOption, hideOption],
  },
  execute: (_args, { engine }) => engine.articles(),
  pages: {
    size: ARTICLES_A_PAGE,
    list: (result) => result.articles,
    key: (a) => `${a.id}:${a.paragraphs}:${a.quotes}:${a.speakers}`,
    slice: (result, from, to) => ({ ...result, articles: result.articles.slice(from, to) }),
  },
  render: { discord: renderArticles, text: articlesText, json: (result) => result },
});
