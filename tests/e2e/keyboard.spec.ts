import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { apiContext, clientAddress, signUp, t } from './support.ts'

/**
 * The booking journey with the keyboard only — Tab, Enter and Space (and typing into the
 * log-in fields): the home page → a category → a service → a slot → log in → confirm →
 * the confirmation, then cancelling it. Every element that takes focus on the way shows
 * a visible focus indicator and is not hidden under anything. With and without JavaScript.
 */

const HOUR = 60 * 60 * 1000
const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)

/** What the focused element looks like: enough to tell a visible, unobscured focus. */
interface Focused {
  matches: boolean
  description: string
  indicator: boolean
  inView: boolean
  onTop: boolean
}

/**
 * Presses Tab until the element matching `selector` has focus, checking at every stop that
 * the focus can be seen: an outline (or the focus ring's box-shadow) and the element in the
 * viewport, on top at its centre (not under a sticky header or a banner).
 */
async function tabTo(page: Page, selector: string, { limit = 120 } = {}) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate((wanted): Focused => {
      const element = document.activeElement as HTMLElement | null
      if (!element || element === document.body) {
        return { matches: false, description: 'body', indicator: true, inView: true, onTop: true }
      }
      const style = getComputedStyle(element)
      const indicator =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none'
      const box = element.getBoundingClientRect()
      const inView = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      const onTop = hit !== null && (element.contains(hit) || (hit as HTMLLabelElement).control === element)
      const description = `<${element.tagName.toLowerCase()}> ${(element.textContent ?? element.getAttribute('name') ?? '').trim().slice(0, 40)}`
      return { matches: element.matches(wanted), description, indicator, inView, onTop }
    }, selector)
    expect(focused.indicator, `a visible focus indicator on ${focused.description}`).toBe(true)
    expect(focused.inView && focused.onTop, `${focused.description} in view and not covered`).toBe(true)
    if (focused.matches) return
  }
  throw new Error(`${selector} never took focus after ${limit} presses of Tab`)
}

/**
 * Waits for the next page. With JavaScript a navigation is client-side, and the app moves
 * focus to the main content, as a page load would start the reader at the top.
 */
async function arrive(page: Page, url: RegExp, javaScriptEnabled: boolean) {
  await expect(page).toHaveURL(url)
  if (javaScriptEnabled) await expect(page.locator('main')).toBeFocused()
}

test('a resident books a class and cancels it with the keyboard alone', async ({
  page,
  playwright,
  baseURL,
  javaScriptEnabled,
}, testInfo) => {
  test.setTimeout(90_000)
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
  const resident = await signUp(api, { birthYear: '1990', name: '键盘居民' })

  // A fitness class with places, open for booking and before its cutoff (not the demo's
  // yoga class, which other specs fill), as the fitness page lists it.
  const fitness = await (await api.get('/categories/fitness')).text()
  const target = fitness
    .split('<li class="slot"')
    .slice(1)
    .map((item) => ({
      slot: item.match(/href="\/book\/(\d+)"/)?.[1],
      service: item.match(/href="(\/centres\/[^"/]+\/services\/[^"/]+)"/)?.[1],
      startsAt: Date.parse(item.match(/datetime="([^"]+)"/i)?.[1] ?? ''),
      full: item.includes('seats--full'),
    }))
    .find(
      (item) =>
        item.slot &&
        item.service &&
        !item.service.endsWith('/yoga') &&
        !item.full &&
        item.startsAt > Date.now() + 4 * HOUR &&
        item.startsAt < Date.now() + 6 * 24 * HOUR,
    )
  expect(target, 'an open fitness class this week').toBeDefined()
  const { slot, service } = target as { slot: string; service: string }
  await api.dispose()

  // The skip link is the first stop and takes the reader to the main content.
  await page.goto('/')
  // With JavaScript, act once the page is hydrated: a key pressed before that would make a
  // full page load, not the client-side navigation this test checks.
  if (javaScriptEnabled)
    await page.waitForFunction(() => '__remixRouter' in window && document.readyState === 'complete')
  if (javaScriptEnabled) await page.waitForLoadState('networkidle')
  await page.keyboard.press('Tab')
  const skipLink = page.getByRole('link', { name: zh('nav.skip') })
  await expect(skipLink).toBeFocused()
  await expect(skipLink).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.locator('main')).toBeFocused()
  // The next stop is inside the main content, past the header's links.
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true)

  await tabTo(page, 'main a[href="/categories/fitness"]')
  await page.keyboard.press('Enter')
  await arrive(page, /\/categories\/fitness$/, javaScriptEnabled)

  await tabTo(page, `main a[href="${service}"]`, { limit: 200 })
  await page.keyboard.press('Enter')
  await arrive(page, new RegExp(`${service}$`), javaScriptEnabled)

  await tabTo(page, `main a[href="/book/${slot}"]`, { limit: 200 })
  await page.keyboard.press('Enter')
  // Not logged in: the log-in page, which comes back to the same booking.
  await arrive(page, /\/login\?redirectTo=/, javaScriptEnabled)
  await tabTo(page, 'input[name="login"]')
  await page.keyboard.type(resident.phone)
  await tabTo(page, 'input[name="password"]')
  await page.keyboard.type(resident.password)
  await page.keyboard.press('Enter')
  await arrive(page, new RegExp(`/book/${slot}$`), javaScriptEnabled)

  // The attendee is chosen already (the resident herself); Space presses the confirm button.
  await tabTo(page, 'main form[method="post"] button[type="submit"]')
  await page.keyboard.press('Space')
  await arrive(page, /\/bookings\/[A-Z0-9]{8}$/, javaScriptEnabled)
  const reference = page.url().split('/').pop()!
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('booking:confirmation.heading.confirmed'))
  await expect(page.getByText(reference, { exact: true })).toBeVisible()

  await tabTo(page, 'main form:has(input[name="intent"][value="cancel"]) button', { limit: 200 })
  await page.keyboard.press('Enter')
  await arrive(page, new RegExp(`/bookings/${reference}\\?cancelled=1$`), javaScriptEnabled)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('booking:confirmation.heading.cancelled'))
})
