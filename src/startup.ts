/**
 * Opening the library at start-up, shared by the bot, the local console and `ask`.
 */
import type { Logger } from 'pino';
import { loadLibrary, type Library } from './library.ts';
import { loadSynonyms } from './search/synonyms.ts';

/**
 * Loads the library of a folder and logs what it holds. A long-running process (`warm`: the bot, the
 * console) then reads in the background what the library reads only when first asked; a one-shot `ask`
 * does not wait for that.
 */
export async function openLibrary(dir: string, logger: Logger, options: { warm?: boolean } = {}): Promise<Library> {
  const start = performance.now();
  const library = await loadLibrary(dir, { logger });
  // The synonym map is read now, so the first question does not pay for it.
  const synonyms = loadSynonyms();
  const quotes = library.indexes.quoteEntries.length;
  logger.info(
    {
      dir,
      articles: library.collection.length,
      quotes,
      problems: library.problems.length,
      synonymsMs: Math.round(synonyms.ms),
      ms: Math.round(performance.now() - start),
    },
    'library loaded',
  );
  if (library.collection.length === 0) logger.warn({ dir }, 'no articles found: add .txt, .md or .csv files to the data folder');
  if (options.warm) {
    const warming = performance.now();
    void library.warm().then(() => logger.debug({ ms: Math.round(performance.now() - warming) }, 'library warmed'));
  }
  return library;
}
