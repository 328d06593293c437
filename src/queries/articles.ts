/**
 * `/articles`: the library, newest first, with what byline understood of each article.
 */
import type { ArticlesResult } from '../answers.ts';
import type { LibraryView } from '../seam.ts';
import { paragraphCount, sentenceCount } from '../load/store-format.ts';

export function listArticles(view: LibraryView): Omit<ArticlesResult, 'ms'> {
  return {
    articles: view.byRecency.map((i) => {
      const article = view.article(i);
      // From the quote table: listing the library builds no quote object, and cuts no sentence.
      const table = view.quotes;
      const { first, end } = table.range(i);
      const speakers = new Set<string>();
      for (let id = first; id < end; id++) {
        const speaker = table.speakerId(id);
        if (speaker !== null) speakers.add(speaker);
      }
      return {
        ...view.ref(i),
        paragraphs: paragraphCount(article),
        sentences: sentenceCount(article),
        quotes: end - first,
        speakers: speakers.size,
      };
    }),
  };
}
