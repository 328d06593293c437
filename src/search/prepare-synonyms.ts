/**
 * Run after `npm ci`/`npm install` (the `postinstall` script): builds the synonym map from WordNet once
 * and caches it, so the first question after installing does not wait for it (it takes a few seconds).
 * A failure only warns: the map is then built on first use instead.
 */
import { loadSynonyms } from './synonyms.ts';

try {
  const load = loadSynonyms();
  process.stderr.write(`byline: synonym map ready (${load.terms} terms, ${Math.round(load.ms)} ms${load.fromCache ? ', cached' : ''})\n`);
} catch (error) {
  process.stderr.write(`byline: the synonym map will be built on first use (${error instanceof Error ? error.message : String(error)})\n`);
}
