import { expect, test } from './fixtures.ts'
import { apiContext, bookCultureClass, clientAddress, postForm, signUp, t, uniquePhone } from './support.ts'

/**
 * What a screen reader gets on the booking journey, read from the browser's accessibility
 * tree: the slot list (a list whose items say the time and the places left in words), a
 * full class, the confirmation panel (a region named by its heading, with the reference),
 * and errors (an alert that takes focus, linking to each field, tied to the fields).
 */

const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)

test('the slot list says each time and the places left in words; a full class says so', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
  const fitness = await (await api.get('/categories/fitness')).text()
  const full = fitness
    .split('<li class="slot"')
    .slice(1)
    .find((item) => item.includes('seats--full'))
  const service = full?.match(/href="(\/centres\/[^"/]+\/services\/[^"/]+)"/)?.[1]
  expect(service, "the demo's full class").toBeTruthy()
  await api.dispose()

  await page.goto(service!)
  const slots = page
    .getByRole('main')
    .getByRole('list')
    .filter({ has: page.getByRole('link', { name: /^预约|^排队候补/ }) })
  await expect(slots).toHaveCount(1)
  const items = slots.getByRole('listitem')
  expect(await items.count()).toBeGreaterThan(1)
  // Every item: the date and time, then the places left (or full) as text, then its link.
  const seatsText = new RegExp(
    `${zh('slot.seatsLeft_other', { count: '\\d+', capacity: '\\d+' }).replace(/[()（）]/g, '.')}|${zh('slot.full')}`,
  )
  for (const item of await items.all()) {
    const tree = await item.ariaSnapshot()
    expect(tree, 'the time of the slot').toMatch(/\d+月\d+日周. \d\d:\d\d–\d\d:\d\d/)
    expect(tree, 'the places left, in words').toMatch(seatsText)
  }
  // The full class: "full" in words, and the link says what it does and for which class.
  const fullItem = items.filter({ hasText: zh('slot.full') }).first()
  await expect(fullItem).toMatchAriaSnapshot(`
    - listitem:
      - paragraph: /${zh('slot.full')}/
      - link /${zh('slot.joinWaitlist')} .+，\\d+月\\d+日/
  `)
})

test('the confirmation panel is a region named by its heading, with the booking reference', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
  await signUp(api, { birthYear: '1990', name: '读屏居民' })
  // The culture class with the most places, a day or more ahead (open for booking, before its cutoff).
  const reference = (await bookCultureClass(api)).split('/').pop()!
  await page.context().addCookies((await api.storageState()).cookies)

  await page.goto(`/bookings/${reference}`)
  const heading = zh('booking:confirmation.heading.confirmed')
  await expect(page.getByRole('main')).toMatchAriaSnapshot(`
    - region "${heading}":
      - heading "${heading}" [level=1]
      - paragraph: ${zh('booking:confirmation.reference')}
      - paragraph: ${reference}
  `)
  await expect(page.getByRole('region', { name: heading })).toContainText(reference)
  // Leave the place for others.
  expect((await postForm(api, `/bookings/${reference}`, { intent: 'cancel' })).status()).toBe(303)
  await api.dispose()
})

test.describe('errors', () => {
  // The refused forms answer 400, which the browser logs.
  test.use({ expectedConsoleErrors: [/status of 400/] })

  test('errors are announced: the summary is an alert that takes focus, links to each field, and the fields say what is wrong', async ({
    page,
    javaScriptEnabled,
  }, testInfo) => {
    await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })

    // A refused log-in: a problem with the whole form.
    await page.goto('/login')
    await page.getByRole('textbox', { name: zh('account:fields.login') }).fill(uniquePhone())
    await page.getByLabel(zh('account:fields.password')).fill('not the password')
    await page.getByRole('button', { name: zh('account:login.submit') }).click()
    const alert = page.getByRole('alert')
    await expect(alert).toBeFocused()
    await expect(alert).toMatchAriaSnapshot(`
    - alert "${zh('form.problem')}":
      - heading "${zh('form.problem')}" [level=2]
      - list:
        - listitem: ${zh('form.loginFailed')}
  `)

    // Sign-up sent empty: one link per field in error, each to its field, which says why.
    await page.goto('/signup')
    await page.locator('form#signup').evaluate((form) => form.setAttribute('novalidate', ''))
    await page.getByRole('button', { name: zh('account:signup.submit') }).click()
    await expect(alert).toBeFocused()
    const login = page.getByRole('textbox', { name: zh('account:fields.login') })
    await expect(login).toHaveAttribute('aria-invalid', 'true')
    await expect(login).toHaveAccessibleDescription(new RegExp(zh('form.required')))
    const toLogin = alert.getByRole('link', { name: `${zh('account:fields.login')}：${zh('form.required')}` })
    await expect(toLogin).toHaveAttribute('href', `#${await login.getAttribute('id')}`)
    await toLogin.focus()
    await page.keyboard.press('Enter')
    // With JavaScript the link focuses the field; without, the browser scrolls to it and
    // the next Tab starts there.
    if (javaScriptEnabled) await expect(login).toBeFocused()
    else await expect(page).toHaveURL(/#signup-login$/)
  })
})
