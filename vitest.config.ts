import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // Apollo's packages require() graphql's CommonJS build; ESM imports must get the same instance
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**'],
    // timeouts only catch a hang: on a shared, loaded machine a test is slow, not wrong, and every wait
    // inside a test is for a condition with its own deadline (test/support/wait.ts)
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // lets memory tests (the fuzz test) collect garbage before they measure
    execArgv: ['--expose-gc'],
  },
});
