/**
 * Vitest global setup: loads the synonym map once in the main process before any test worker starts, so a
 * fresh checkout parses WordNet once (a few seconds) and every worker then reads the cached map, instead of
 * each worker building it in parallel inside a test's time limit. Referenced from vitest.config.ts.
 */
import { loadSynonyms } from '../src/search/synonyms.ts';

export default function setup(): void {
  loadSynonyms();
}
