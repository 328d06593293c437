import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    // Builds the synonym map once before the workers start (a fresh checkout has no cache yet), and
    // computes the store's key from the sources as they are.
    globalSetup: ['tests/synonyms.setup.ts', 'tests/store-key.setup.ts'],
  },
});
