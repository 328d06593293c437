/**
 * `/articles`: the library, newest first, with what byline understood of each article.
 */
import type { ArticlesResult } from '../answers.ts';
import type { LibraryView } from '../seam.ts';

export function listArticles(view: LibraryView): Omit<ArticlesResult, 'ms'> {
  return {
    articles: view.byRecency.map((i) => {
      // From the view's counts (a database's article is not read whole for them) and the quote table:
      // listing the library builds no quote object, and cuts no sentence.
      const table = view.quotes;
      const { first, end } = table.range(i);
      const speakers = new Set<string>();
      for (let id = first; id < end; id++) {
        const speaker = table.speakerId(id);
        if (speaker !== null) speakers.add(speaker);
      }
      return {
        ...view.ref(i),
        ...view.counts(i),
        quotes: end - first,
        speakers: speakers.size,
      };
    }),
  };
}
