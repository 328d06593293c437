/**
 * `/articles`: the library, newest first, with what byline understood of each article.
 */
import type { ArticlesResult } from '../answers.ts';
import type { Library } from '../library.ts';
import { paragraphCount, sentenceCount } from '../store-format.ts';

export function listArticles(library: Library): Omit<ArticlesResult, 'ms'> {
  return {
    articles: library.byRecency.map((i) => {
      const article = library.collection[i]!;
      // From the quote table: listing the library builds no quote object, and cuts no sentence.
      const table = library.indexes.quoteEntries;
      const { first, end } = table.range(i);
      const speakers = new Set<string>();
      for (let id = first; id < end; id++) {
        const speaker = table.speakerId(id);
        if (speaker !== null) speakers.add(speaker);
      }
      return {
        ...library.ref(i),
        paragraphs: paragraphCount(article),
        sentences: sentenceCount(article),
        quotes: end - first,
        speakers: speakers.size,
      };
    }),
  };
}
