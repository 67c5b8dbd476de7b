import { defineConfig } from 'vitest/config';

/** `npm run test:unit`: the fast tests, with no database, no browser and no UI build. */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
