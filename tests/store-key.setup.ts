/**
 * Vitest global setup: computes the persisted store's key from the sources as they are now
 * (src/store-key.ts), so the tests, and the processes they start from the sources, never load a store
 * built by other code. Referenced from vitest.config.ts.
 */
import { fileURLToPath } from 'node:url';
import { writeStoreKey } from '../src/store-key.ts';

export default function setup(): void {
  writeStoreKey(fileURLToPath(new URL('../src/', import.meta.url)));
}
