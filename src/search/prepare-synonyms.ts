/**
 * Run after `npm ci`/`npm install` (the `postinstall` script): builds the synonym map from WordNet and the
 * gazetteer of names (src/attribution/gazetteer.ts) once and caches them, so the first question after
 * installing does not wait for them (they take a few seconds). A failure only warns: each is then built
 * on first use instead.
 */
import { prepareGazetteer } from '../attribution/gazetteer.ts';
import { loadSynonyms } from './synonyms.ts';

try {
  const load = loadSynonyms();
  process.stderr.write(`byline: synonym map ready (${load.terms} terms, ${Math.round(load.ms)} ms${load.fromCache ? ', cached' : ''})\n`);
} catch (error) {
  process.stderr.write(`byline: the synonym map will be built on first use (${error instanceof Error ? error.message : String(error)})\n`);
}
try {
  const gazetteer = prepareGazetteer();
  process.stderr.write(`byline: gazetteer ready (${gazetteer.places} places, ${gazetteer.nouns} nouns classed (events, times, people, groups), ${gazetteer.ms} ms)\n`);
} catch (error) {
  process.stderr.write(`byline: the gazetteer will be built on first use (${error instanceof Error ? error.message : String(error)})\n`);
}
