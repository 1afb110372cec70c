import postgres from 'postgres'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { clientAddress, postForm, signUp, t } from './support.ts'

// Elder mode (长辈版): the switch on every page, the cookie `linli_elder` that remembers it,
// the simpler home page, the sizes the ageing-friendly guidelines ask for (18px text,
// 44×44px targets, no sideways scrolling at 320px wide with the text doubled), the "call
// the centre" link of the booking pages, and the choice saved to a resident's account.
// With and without JavaScript (the two projects of playwright.config.ts).

const databaseUrl = process.env.E2E_DATABASE_URL
test.skip(!databaseUrl, 'E2E_DATABASE_URL is not set: run through tests/setup/with-postgres.mjs')

async function savedElderMode(phone: string): Promise<boolean | undefined> {
  const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql<
      Array<{ elderMode: boolean }>
    >`select elder_mode as "elderMode" from users where phone = ${phone}`
    return row?.elderMode
  } finally {
    await sql.end()
  }
}

// 望江 (wangjiang): its yoga classes, and its phone as a tel: URI.
const SERVICE = '/centres/wangjiang/services/yoga'
const CENTRE_PHONE = '0571-86021188'
const TEL = 'tel:057186021188'

const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)

const elderCookie = (page: Page) =>
  page
    .context()
    .cookies()
    .then((cookies) => cookies.find((cookie) => cookie.name === 'linli_elder'))

const px = (value: string) => Number.parseFloat(value)

/** The computed font size of the page's body text, in CSS pixels. */
const bodyFontSize = (page: Page) => page.locator('body').evaluate((el) => getComputedStyle(el).fontSize)

/** Turns elder mode on for this browser as the contract says: the cookie `linli_elder=1`. */
async function setElderCookie(page: Page, baseURL: string | undefined) {
  await page.context().addCookies([{ name: 'linli_elder', value: '1', url: baseURL! }])
}

/** Signs up a resident through the page's own request context, so the browser holds the session. */
async function signUpHere(page: Page) {
  return signUp(page.context().request, { birthYear: '1990' })
}

/** Books a place on one of the service's upcoming classes for the logged-in resident; the reference. */
async function bookSomewhere(api: APIRequestContext): Promise<{ slotId: number; reference: string }> {
  const html = await (await api.get(SERVICE)).text()
  const slotIds = [...new Set([...html.matchAll(/href="\/book\/(\d+)"/g)].map((match) => Number(match[1])))]
  for (const slotId of slotIds) {
    const form = await (await api.get(`/book/${slotId}`)).text()
    const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(form)?.[1]
    if (!key) continue
    const response = await postForm(api, `/book/${slotId}`, { attendee: 'self', idempotencyKey: key })
    const reference = /^\/bookings\/([A-Z0-9]+)$/.exec(response.headers()['location'] ?? '')?.[1]
    if (response.status() === 303 && reference) return { slotId, reference }
  }
  throw new Error(`no class of ${SERVICE} could be booked`)
}

/** Every visible link, button and form field of the page that is smaller than 44×44 CSS px. */
async function smallTargets(page: Page): Promise<string[]> {
  const targets = page.locator('a, button, input:not([type="hidden"]), select, textarea')
  const small: string[] = []
  for (const target of await targets.all()) {
    if (!(await target.isVisible())) continue
    const box = await target.boundingBox()
    if (!box || box.width < 44 || box.height < 44) {
      const name = (await target.evaluate((el) => el.outerHTML)).slice(0, 120)
      small.push(`${Math.round(box?.width ?? 0)}×${Math.round(box?.height ?? 0)} ${name}`)
    }
  }
  return small
}

/** How far the page scrolls sideways (0 when everything fits the viewport's width). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

for (const language of ['zh-CN', 'en'] as const) {
  test(`the switch turns elder mode on from any page and keeps the reader there; the cookie keeps it (${language})`, async ({
    page,
  }) => {
    const tr = (key: string, values?: Record<string, string | number>) => t(language, key, values)
    const html = page.locator('html')
    const heading = page.getByRole('heading', { level: 1 })
    const elderSwitch = page.getByRole('button', { name: tr('elder:switch.label'), exact: true })

    await page.goto(SERVICE)
    if (language === 'en') await page.getByRole('button', { name: 'English' }).click()
    await expect(html).toHaveAttribute('lang', language)
    await expect(html).not.toHaveAttribute('data-mode', 'elder')
    await expect(elderSwitch).toHaveAttribute('aria-pressed', 'false')
    const standardSize = px(await bodyFontSize(page))

    // On: the same page again, larger, with the switch pressed and a cookie for a year.
    await elderSwitch.click()
    await expect(page).toHaveURL(new RegExp(`${SERVICE}$`))
    await expect(html).toHaveAttribute('data-mode', 'elder')
    await expect(elderSwitch).toHaveAttribute('aria-pressed', 'true')
    await expect(heading).toHaveText(language === 'zh-CN' ? '瑜伽' : 'Yoga')
    const cookie = await elderCookie(page)
    expect(cookie?.value).toBe('1')
    expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 360 * 24 * 60 * 60 * 1000)
    const elderSize = px(await bodyFontSize(page))
    expect(elderSize).toBeGreaterThanOrEqual(18)
    expect(elderSize).toBeGreaterThan(standardSize)
    const lineHeight = px(await page.locator('body').evaluate((el) => getComputedStyle(el).lineHeight))
    expect(lineHeight / elderSize).toBeGreaterThanOrEqual(1.5)

    // The cookie keeps it on the next pages; the home page is the simple one.
    await page.goto('/centres')
    await expect(html).toHaveAttribute('data-mode', 'elder')
    await page.goto('/')
    await expect(heading).toHaveText(tr('elder:home.heading'))
    const cards = page.getByRole('region', { name: tr('elder:home.services') }).getByRole('link')
    await expect(cards).toHaveCount(4)
    await expect(cards.nth(0)).toHaveAttribute('href', '/categories/elder_care')
    await expect(cards.nth(0)).toContainText(tr('elder:home.elderCare.name'))
    await expect(cards.nth(3)).toHaveAttribute('href', '/bookings')
    // No one is logged in, so every centre's phone is listed, street by street.
    const phones = page.getByRole('region', { name: tr('elder:home.phones.heading') })
    await expect(phones.getByRole('heading', { level: 3 })).toHaveCount(3)
    await expect(phones.getByRole('link')).toHaveCount(6)
    await expect(phones.getByRole('link', { name: `${tr('elder:call.action')} ${CENTRE_PHONE}` })).toHaveAttribute(
      'href',
      TEL,
    )
    // The simple page leaves out the standard page's announcements and search.
    await expect(page.getByRole('heading', { name: tr('home.announcements') })).toHaveCount(0)

    // The canteen and health-check cards find those services.
    await cards.nth(1).click()
    await expect(
      page.getByRole('link', { name: language === 'zh-CN' ? '长者食堂午餐' : 'Community canteen lunch' }).first(),
    ).toBeVisible()
    await page.goto('/')
    await cards.nth(2).click()
    await expect(
      page.getByRole('link', { name: language === 'zh-CN' ? '健康检查' : 'Health check' }).first(),
    ).toBeVisible()

    // A step larger still, then off again: the standard home page and no cookie.
    await page.goto('/')
    await page.getByRole('button', { name: tr('elder:switch.larger') }).click()
    await expect(page).toHaveURL(/\/$/)
    await expect(html).toHaveAttribute('data-text-size', 'larger')
    expect((await elderCookie(page))?.value).toBe('2')
    expect(px(await bodyFontSize(page))).toBeGreaterThanOrEqual(22)
    await elderSwitch.click()
    await expect(html).not.toHaveAttribute('data-mode', 'elder')
    await expect(heading).toHaveText(tr('home.heading'))
    expect(await elderCookie(page)).toBeUndefined()
  })
}

test('booking pages offer a tel: link to the centre, in both modes; first thing in elder mode', async ({
  page,
  baseURL,
}, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  await signUpHere(page)
  const { slotId, reference } = await bookSomewhere(page.context().request)
  const call = page.getByRole('region', { name: zh('elder:call.heading') })
  const callLink = call.getByRole('link', { name: `${zh('elder:call.action')} ${CENTRE_PHONE}` })

  for (const path of [SERVICE, `/book/${slotId}`, `/bookings/${reference}`]) {
    await page.context().clearCookies({ name: 'linli_elder' })
    await page.goto(path)
    await expect(callLink, path).toHaveAttribute('href', TEL)
    await expect(call).toContainText(zh('elder:call.lead', { centre: '望江邻里中心' }))
    // Standard pages end with it; elder pages put it before the rest of the page's sections.
    const standardIndex = await sectionIndex(page, zh('elder:call.heading'))
    await setElderCookie(page, baseURL)
    await page.reload()
    await expect(callLink, path).toHaveAttribute('href', TEL)
    expect(await sectionIndex(page, zh('elder:call.heading')), path).toBeLessThan(standardIndex)
    const box = await callLink.boundingBox()
    expect(box!.height, path).toBeGreaterThanOrEqual(56)
  }
})

/** Where the h2 named `name` comes among the page's h2 headings. */
async function sectionIndex(page: Page, name: string) {
  const headings = await page.getByRole('heading', { level: 2 }).allTextContents()
  const index = headings.indexOf(name)
  expect(index, `an h2 "${name}" among ${headings.join(' | ')}`).toBeGreaterThanOrEqual(0)
  return index
}

test('in elder mode every link, button and field of the home, service and booking pages is at least 44×44px', async ({
  page,
  baseURL,
}, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  await signUpHere(page)
  const { slotId, reference } = await bookSomewhere(page.context().request)
  await setElderCookie(page, baseURL)
  for (const path of ['/', SERVICE, `/book/${slotId}`, `/bookings/${reference}`, '/account']) {
    await page.goto(path)
    await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder')
    expect(await smallTargets(page), `targets under 44×44px on ${path}`).toEqual([])
  }
})

test('in elder mode, 320px wide with the text at 200%, the home, service and booking pages never scroll sideways', async ({
  page,
  baseURL,
}, testInfo) => {
  // Two languages, four pages, three text sizes: longer than one journey.
  test.setTimeout(120_000)
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  await page.setViewportSize({ width: 320, height: 640 })
  const paths = ['/', SERVICE]
  for (const language of ['zh-CN', 'en'] as const) {
    await page.context().clearCookies()
    if (language === 'en') {
      await page.goto('/')
      await page.getByRole('button', { name: 'English' }).click()
    }
    await signUpHere(page)
    const { slotId, reference } = await bookSomewhere(page.context().request)
    await setElderCookie(page, baseURL)
    for (const path of [...paths, `/book/${slotId}`, `/bookings/${reference}`]) {
      await page.goto(path)
      await expect(page.locator('html')).toHaveAttribute('lang', language)
      await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder')
      expect(await sidewaysScroll(page), `${path} at 100% (${language})`).toBeLessThanOrEqual(0)
      // The larger step (22px) fits too.
      await page.context().addCookies([{ name: 'linli_elder', value: '2', url: baseURL! }])
      await page.reload()
      await expect(page.locator('html')).toHaveAttribute('data-text-size', 'larger')
      expect(await sidewaysScroll(page), `${path} larger step (${language})`).toBeLessThanOrEqual(0)
      await setElderCookie(page, baseURL)
      await page.reload()
      // 200% text: the root font size doubled, as a reader's browser setting would.
      // (Through the CSSOM: the CSP refuses a <style> element without the page's nonce.)
      await page.locator('html').evaluate((el) => {
        const root = Number.parseFloat(getComputedStyle(el).fontSize)
        el.style.setProperty('font-size', `${root * 2}px`, 'important')
      })
      expect(px(await bodyFontSize(page))).toBeGreaterThanOrEqual(36)
      expect(await sidewaysScroll(page), `${path} at 200% (${language})`).toBeLessThanOrEqual(0)
    }
  }
})

test('a resident who gave their street sees only its centres’ phones on the simple home page', async ({
  page,
  baseURL,
}, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  const signupPage = await (await page.context().request.get('/signup')).text()
  const liuan = /<option value="(\d+)"[^>]*>柳岸街道<\/option>/.exec(signupPage)?.[1]
  expect(liuan, 'the sign-up form offers 柳岸街道').toBeTruthy()
  await signUp(page.context().request, { birthYear: '1950', homeStreetId: liuan! })
  await setElderCookie(page, baseURL)
  await page.goto('/')
  const phones = page.getByRole('region', { name: zh('elder:home.phones.heading') })
  await expect(phones).toContainText(zh('elder:home.phones.leadStreet'))
  // 柳岸街道's two centres, 柳岸 and 枫林, and no street headings.
  await expect(phones.getByRole('link')).toHaveCount(2)
  await expect(phones.getByRole('link', { name: '0571-86107799' })).toHaveAttribute('href', 'tel:057186107799')
  await expect(phones.getByRole('link', { name: '0571-86112300' })).toHaveAttribute('href', 'tel:057186112300')
  await expect(phones.getByRole('heading', { level: 3 })).toHaveCount(0)
})

test('a resident’s choice is saved to their account and comes back at their next login', async ({ page }, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  const html = page.locator('html')
  const resident = await signUpHere(page)
  expect(await savedElderMode(resident.phone)).toBe(false)

  // Turned on with the header's switch while logged in: saved to the account.
  await page.goto('/bookings')
  await page.getByRole('button', { name: zh('elder:switch.label'), exact: true }).click()
  await expect(page).toHaveURL(/\/bookings$/)
  await expect(html).toHaveAttribute('data-mode', 'elder')
  expect(await savedElderMode(resident.phone)).toBe(true)

  // Another device (no cookies at all): standard until the resident logs in, then elder mode.
  await page.context().clearCookies()
  await page.goto('/login?redirectTo=%2F')
  await expect(html).not.toHaveAttribute('data-mode', 'elder')
  await logIn(page, resident.phone, resident.password)
  await expect(page).toHaveURL(/\/$/)
  await expect(html).toHaveAttribute('data-mode', 'elder')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('elder:home.heading'))
  expect((await elderCookie(page))?.value).toBe('1')

  // The account page shows the choice and changes it: off, saved, and the cookie gone.
  await page.goto('/account')
  const display = page.getByRole('group', { name: zh('elder:account.legend') })
  await expect(display.getByRole('radio', { name: zh('elder:account.on') })).toBeChecked()
  await display.getByRole('radio', { name: zh('elder:account.off') }).check()
  await page.getByRole('button', { name: zh('elder:account.save') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('elder:account.saved'))
  await expect(html).not.toHaveAttribute('data-mode', 'elder')
  expect(await savedElderMode(resident.phone)).toBe(false)
  expect(await elderCookie(page)).toBeUndefined()

  // And the next login stays standard.
  await page.context().clearCookies()
  await page.goto('/login?redirectTo=%2F')
  await logIn(page, resident.phone, resident.password)
  await expect(page).toHaveURL(/\/$/)
  await expect(html).not.toHaveAttribute('data-mode', 'elder')
  expect(await elderCookie(page)).toBeUndefined()

  // The account page's larger step: saved as on, with the larger text on this device.
  await page.goto('/account')
  await display.getByRole('radio', { name: zh('elder:account.larger') }).check()
  await page.getByRole('button', { name: zh('elder:account.save') }).click()
  await expect(html).toHaveAttribute('data-text-size', 'larger')
  expect(await savedElderMode(resident.phone)).toBe(true)
  expect((await elderCookie(page))?.value).toBe('2')
})

async function logIn(page: Page, phone: string, password: string) {
  await page.getByLabel(zh('account:fields.login')).fill(phone)
  await page.getByLabel(zh('account:fields.password'), { exact: true }).fill(password)
  await page.getByRole('button', { name: zh('account:login.submit'), exact: true }).click()
}

test('/elder-mode only sends readers back to this site, and ignores a mode it does not know', async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin
  const post = (fields: Record<string, string>, headers: Record<string, string> = { Origin: origin }) =>
    postForm(request, '/elder-mode', fields, headers)

  const here = await post({ elderMode: 'on', redirectTo: '/centres?street=wangjiang' })
  expect(here.status()).toBe(303)
  expect(here.headers()['location']).toBe('/centres?street=wangjiang')
  expect(here.headers()['set-cookie']).toMatch(/^linli_elder=1; Max-Age=31536000; Path=\/; SameSite=Lax; HttpOnly/)

  for (const elsewhere of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
    const response = await post({ elderMode: 'on', redirectTo: elsewhere })
    expect(response.headers()['location'], elsewhere).toBe('/')
  }

  const unknown = await post({ elderMode: 'huge', redirectTo: '/search' })
  expect(unknown.status()).toBe(303)
  expect(unknown.headers()['location']).toBe('/search')
  expect(unknown.headers()['set-cookie']).toBeUndefined()

  const off = await post({ elderMode: 'off', redirectTo: '/' })
  expect(off.headers()['set-cookie']).toMatch(/^linli_elder=; Max-Age=0;/)

  // From another site: refused before it changes anything.
  const foreign = await post({ elderMode: 'on', redirectTo: '/' }, { Origin: 'https://evil.example' })
  expect(foreign.status()).toBe(403)
  expect(foreign.headers()['set-cookie']).toBeUndefined()
})
