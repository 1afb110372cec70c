import { defineConfig, devices } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3210)
export const baseURL = `http://localhost:${port}`

/**
 * End-to-end tests drive Debian's Chromium against the built app (`npm run build`),
 * served by server.js on a throwaway Postgres database (E2E_DATABASE_URL, set by
 * tests/setup/with-postgres.mjs). Every journey runs twice: with and without JavaScript.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  // In CI a test that fails is run once more, and one that passes only then is listed as
  // flaky in the summary, with the page it saw printed (tests/setup/run-all.mjs): one
  // stall of a loaded machine does not throw away a whole run, and is still reported.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    // Most residents arrive on a phone set to Chinese.
    { name: 'with-js', use: { ...devices['Pixel 7'], locale: 'zh-CN', javaScriptEnabled: true } },
    { name: 'without-js', use: { ...devices['Pixel 7'], locale: 'zh-CN', javaScriptEnabled: false } },
  ],
  webServer: {
    command: 'node server.js',
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      LOG_LEVEL: 'warn',
      // Tests send X-Forwarded-For to act as residents on different addresses (throttling is per address).
      TRUST_PROXY: 'loopback',
      // No background jobs: reminders written by the wall clock would make the pages
      // differ by time of day. tests/integration/background-jobs.test.ts covers them.
      JOBS: 'off',
      // Announcement tests move the clock per request (app/utils/clock.server.ts).
      LINLI_TEST_CLOCK: 'true',
      // Tests change rows behind the app's back (publishing due announcements, setting up
      // bookings) and look at once, where residents would see the change a second later:
      // no page cache here. tests/integration/page-cache.test.ts covers the cache.
      PAGE_CACHE_MS: '0',
    },
  },
})
