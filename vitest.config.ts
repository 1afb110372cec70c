import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/vitest-global-setup.ts'],
    environment: 'node',
    // Integration files share one cluster; each makes its own databases.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
