import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build (as Apollo's packages do); make Vite do the same, so that one
    // copy of graphql-js is loaded (two copies break `instanceof GraphQLError` and schema identity checks).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts', 'platform/**/*.test.ts', 'gateway/**/*.test.ts', 'subgraphs/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
