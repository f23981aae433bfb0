import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local for the whole run; each test file makes its own table.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    silent: 'passed-only',
    // The JSON report lets .ci/run print vitest's own pass/fail counts.
    reporters: ['default', ['json', { outputFile: '.cache/vitest-report.json' }]],
  },
});
