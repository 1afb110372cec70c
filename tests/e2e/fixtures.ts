import { expect, test as base } from '@playwright/test'

/**
 * Every e2e test fails if the page throws or logs an error (a failed hydration, a
 * missing translation file), so "it rendered" also means "it rendered cleanly".
 */
export const test = base.extend<{ pageErrors: string[]; expectedConsoleErrors: RegExp[] }>({
  /** Console errors a test expects, e.g. the 404 of the page it opens on purpose. */
  expectedConsoleErrors: [[], { option: true }],
  pageErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('console', (message) => {
        const text = message.text()
        if (message.type() === 'error' && !expectedConsoleErrors.some((pattern) => pattern.test(text)))
          errors.push(text)
      })
      await use(errors)
      expect(errors, 'errors in the browser console').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
