/**
 * `/articles`: the library, newest first, with what byline understood of each article.
 */
import type { ArticlesResult } from '../answers.ts';
import type { Library } from '../library.ts';

export function listArticles(library: Library): Omit<ArticlesResult, 'ms'> {
  return {
    articles: library.byRecency.map((i) => {
      const article = library.collection[i]!;
      const speakers = new Set(article.quotes.map((q) => q.speaker).filter((s) => s !== null));
      return {
        ...library.ref(i),
        paragraphs: article.paragraphs.length,
        sentences: article.sentences.length,
        quotes: article.quotes.length,
        speakers: speakers.size,
      };
    }),
  };
}
