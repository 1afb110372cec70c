import { expect, test } from './fixtures.ts'
import { apiContext, bookCultureClass, clientAddress, postForm, SESSION_COOKIE, signUp } from './support.ts'
import { auditPages, residentPages } from '../lighthouse/run.mjs'

/**
 * Lighthouse's accessibility score is 100 on the main resident pages — home, a centre, a
 * service, a category, search, and a booking's confirmation — in Debian's Chromium
 * (tests/lighthouse/run.mjs). Lighthouse drives its own browser, so one project runs it.
 */

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'Lighthouse runs its own Chromium, once')
test.use({ trace: 'off' })

test('Lighthouse accessibility is 100 on the main resident pages', async ({ playwright, baseURL }, testInfo) => {
  test.setTimeout(300_000)
  // A new resident's booking, for the confirmation page.
  const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
  await signUp(api, { birthYear: '1990', name: '灯塔居民' })
  const confirmation = await bookCultureClass(api)
  const session = (await api.storageState()).cookies.find((cookie) => cookie.name === SESSION_COOKIE)
  expect(session, 'the session cookie').toBeTruthy()

  const results = [
    ...(await auditPages(residentPages.map((path) => new URL(path, baseURL).href))),
    ...(await auditPages([new URL(confirmation, baseURL).href], {
      headers: { Cookie: `${SESSION_COOKIE}=${session!.value}` },
    })),
  ]
  testInfo.annotations.push({ type: 'lighthouse', description: results.map((r) => `${r.score} ${r.url}`).join('; ') })
  expect(results.filter((result) => result.score !== 100)).toEqual([])
  expect(results).toHaveLength(residentPages.length + 1)

  expect((await postForm(api, confirmation, { intent: 'cancel' })).status()).toBe(303)
  await api.dispose()
})
