import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { apiContext, clientAddress, DEMO, DEMO_PASSWORD, logIn, postForm, signUp, t, visibleText } from './support.ts'

// A centre operator's schedule work, as 李运营 of 望江 does it on the console: a new
// service with a weekly series checked in a preview first (residents then see it), and a
// cancelled session whose booked resident is told why. With and without JavaScript. An
// operator of another centre can do none of it, by address or by a forged id.

const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)
const CONSOLE = '/operator/centres/wangjiang'

/** The calendar date `days` from today in Shanghai. */
function shanghaiDate(days: number): string {
  const date = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000)
  return date.toISOString().slice(0, 10)
}

/** A unique service slug and names, so both projects and reruns never collide. */
function newServiceNames(project: string) {
  const stamp = `${Date.now().toString(36)}${project === 'with-js' ? 'j' : 'n'}`
  return { slug: `e2e-${stamp}`, nameZh: `测试书法班${stamp}`, nameEn: `Test calligraphy ${stamp}` }
}

async function logInOnPage(page: Page, login: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(CONSOLE)}`)
  await page.getByLabel(zh('account:fields.login')).fill(login)
  await page.getByLabel(zh('account:fields.password'), { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: zh('account:login.submit'), exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`${CONSOLE}$`))
}

/** Adds a class service through the console's form (an API context of a logged-in operator); returns its id. */
async function addService(api: APIRequestContext, names: ReturnType<typeof newServiceNames>) {
  const added = await postForm(api, `${CONSOLE}/services/new`, {
    intent: 'save',
    ...names,
    category: 'culture',
    bookingMode: 'class',
    price: '0',
    bookingOpensDaysBefore: '14',
    bookingClosesHoursBefore: '1',
    cancelCutoffHours: '2',
    maxActivePerPerson: '2',
    waitlistEnabled: 'on',
  })
  expect(added.status(), visibleText(await added.text()).slice(0, 300)).toBe(302)
  const list = await (await api.get(`${CONSOLE}/services`)).text()
  const row = list.split('<tr').find((chunk) => chunk.includes(names.nameZh))
  const id = row && /services\/(\d+)"/.exec(row)?.[1]
  expect(id, 'the new service in the list').toBeTruthy()
  return Number(id)
}

test('an operator creates a weekly series after checking its preview, and residents see it', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  const names = newServiceNames(testInfo.project.name)
  await logInOnPage(page, DEMO.operator)

  // A new service, through the form.
  await page
    .getByRole('navigation', { name: zh('staff:operator.nav.label', { centre: '望江邻里中心' }) })
    .getByRole('link', { name: zh('staff:operator.nav.services') })
    .click()
  await page.getByRole('link', { name: zh('operator:services.add') }).click()
  await page.getByLabel(zh('operator:service.fields.slug')).fill(names.slug)
  await page.getByLabel(zh('operator:service.fields.category')).selectOption('culture')
  await page.getByLabel(zh('operator:service.fields.bookingMode')).selectOption('class')
  await page.getByLabel(zh('operator:service.fields.nameZh')).fill(names.nameZh)
  await page.getByLabel(zh('operator:service.fields.nameEn')).fill(names.nameEn)
  await page.getByRole('button', { name: zh('operator:service.add') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('operator:services.done.added'))
  await page.getByRole('link', { name: zh('operator:services.schedule', { service: names.nameZh }) }).click()

  // Every day for the next two weeks at 19:00, but not the day after tomorrow.
  const skip = shanghaiDate(2)
  const series = page.locator('#add-series')
  for (let weekday = 1; weekday <= 7; weekday++) {
    await series.getByLabel(zh(`weekday.${weekday}`), { exact: true }).check()
  }
  await series.getByLabel(zh('operator:series.fields.startTime')).fill('19:00')
  await series.getByLabel(zh('operator:series.fields.durationMinutes')).fill('90')
  await series.getByLabel(zh('operator:series.fields.fromDate')).fill(shanghaiDate(1))
  await series.getByLabel(zh('operator:series.fields.untilDate')).fill(shanghaiDate(14))
  await series.getByLabel(zh('operator:series.fields.capacity')).fill('12')
  await series.getByLabel(zh('operator:series.fields.skipDates')).fill(skip)
  await page.getByRole('button', { name: zh('operator:series.preview') }).click()

  // The preview lists what will be created and what is skipped, and has written nothing yet.
  const previewHeading = page.locator('#preview-title')
  await expect(previewHeading).toBeVisible()
  const count = Number(/\d+/.exec((await previewHeading.textContent()) ?? '')?.[0])
  expect(count).toBeGreaterThanOrEqual(10)
  expect(count).toBeLessThanOrEqual(13)
  await expect(page.locator('.preview-list li')).toHaveCount(count)
  const skipDay = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(`${skip}T00:00:00Z`))
  await expect(page.locator('.preview')).toContainText(zh('operator:series.skipped.asked', { date: skipDay }))
  await expect(page.getByText(zh('operator:schedule.none'))).toBeVisible()

  await page.getByRole('button', { name: zh('operator:series.create') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('operator:schedule.done.series-added_other', { count }))
  await expect(page.locator('table.data-table tbody tr')).toHaveCount(count)

  // A resident, not logged in, sees the sessions on the service's page, 19:00–20:30.
  const resident = await playwright.request.newContext({ baseURL })
  const servicePage = await resident.get(`/centres/wangjiang/services/${names.slug}`)
  expect(servicePage.status()).toBe(200)
  const text = visibleText(await servicePage.text())
  expect(text).toContain(names.nameZh)
  expect(text).toContain('19:00–20:30')
  expect((await servicePage.text()).match(/href="\/book\/\d+"/g)?.length ?? 0).toBeGreaterThan(0)
  await resident.dispose()
})

test.describe('cancelling', () => {
  // Without JavaScript the form without a reason goes to the server, which answers 400.
  test.use({ expectedConsoleErrors: [/status of 400/] })

  test('an operator cancels a session with a reason, and the booked resident is told why', async ({
    page,
    playwright,
    baseURL,
  }, testInfo) => {
    await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
    const names = newServiceNames(testInfo.project.name)
    const operator = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
    expect((await logIn(operator, DEMO.operator, DEMO_PASSWORD)).status()).toBe(302)
    const serviceId = await addService(operator, names)
    const added = await postForm(operator, `${CONSOLE}/services/${serviceId}/slots`, {
      intent: 'add-slot',
      date: shanghaiDate(3),
      startTime: '15:00',
      durationMinutes: '60',
      capacity: '8',
    })
    expect(added.status()).toBe(302)
    const slotId = /\/book\/(\d+)"/.exec(
      await (await operator.get(`/centres/wangjiang/services/${names.slug}`)).text(),
    )?.[1]
    expect(slotId, 'the new session on the service page').toBeTruthy()

    // A resident books it.
    const resident = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 2))
    await signUp(resident, { birthYear: '1960' })
    const form = await (await resident.get(`/book/${slotId}`)).text()
    const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(form)?.[1]
    const booked = await postForm(resident, `/book/${slotId}`, { attendee: 'self', idempotencyKey: key! })
    expect(booked.status()).toBe(303)
    const reference = /\/bookings\/([A-Z0-9]+)$/.exec(booked.headers()['location'] ?? '')?.[1]
    expect(reference).toBeTruthy()

    // The operator cancels the session on its page, saying why.
    await logInOnPage(page, DEMO.operator)
    await page.goto(`${CONSOLE}/slots/${slotId}`)
    await expect(page.getByText(zh('operator:slot.cancelLead_other', { count: 1 }))).toBeVisible()
    // A reason is required.
    await page.getByRole('button', { name: zh('operator:slot.cancelSubmit') }).click()
    await expect(page.locator('.error-summary')).toContainText(zh('operator:form.reasonRequired'))
    await page.getByLabel(zh('operator:slot.fields.reason')).fill('水管爆裂，活动室暂停使用')
    await page.getByRole('button', { name: zh('operator:slot.cancelSubmit') }).click()
    await expect(page.getByRole('status')).toHaveText(zh('operator:slot.done.cancelled_other', { count: 1 }))
    await expect(page.getByText(zh('operator:slot.isCancelled'))).toBeVisible()

    // The resident is told, with the service and the reason; the booking shows it cancelled.
    const notices = visibleText(await (await resident.get('/notifications')).text())
    expect(notices).toContain(`${names.nameZh}（预约号 ${reference}），原因：水管爆裂，活动室暂停使用`)
    const bookingPage = visibleText(await (await resident.get(`/bookings/${reference}`)).text())
    expect(bookingPage).toContain(zh('booking:confirmation.slotCancelled'))
    await Promise.all([operator.dispose(), resident.dispose()])
  })
})

test('an operator of one centre can change nothing of another, by address or by a forged id', async ({
  playwright,
  baseURL,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'with-js', 'no browser involved; once is enough')
  const admin = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 0))
  expect((await logIn(admin, DEMO.admin, DEMO_PASSWORD)).status()).toBe(302)
  const operator = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
  expect((await logIn(operator, DEMO.operator, DEMO_PASSWORD)).status()).toBe(302)

  // A slot, a service and a holiday of 柳岸 (centre B), as the district admin sees them.
  const other = '/operator/centres/liuan'
  const week = await (await admin.get(`${other}?week=${shanghaiDate(1)}`)).text()
  const slotId = /\/operator\/centres\/liuan\/slots\/(\d+)"/.exec(week)?.[1]
  const services = await (await admin.get(`${other}/services`)).text()
  const serviceId = /\/operator\/centres\/liuan\/services\/(\d+)"/.exec(services)?.[1]
  const holiday = shanghaiDate(40)
  expect(
    (
      await postForm(admin, `${other}/details`, {
        intent: 'add-exception',
        date: holiday,
        closed: 'on',
        reasonZh: '测试',
        reasonEn: 'Test',
      })
    ).status(),
  ).toBe(302)
  const exceptionId = /name="exceptionId" value="(\d+)"/.exec(await (await admin.get(`${other}/details`)).text())?.[1]
  expect(slotId && serviceId && exceptionId, "centre B's slot, service and holiday").toBeTruthy()

  // By centre B's address: forbidden.
  for (const path of [`${other}/slots/${slotId}`, `${other}/services/${serviceId}`, `${other}/details`]) {
    expect((await operator.get(path, { maxRedirects: 0 })).status(), path).toBe(403)
  }
  expect((await postForm(operator, `${other}/slots/${slotId}`, { intent: 'cancel-slot', reason: 'x' })).status()).toBe(
    403,
  )
  // By centre A's address with centre B's ids: not found, and nothing changes.
  const forged: Array<[string, Record<string, string>]> = [
    [`${CONSOLE}/slots/${slotId}`, { intent: 'cancel-slot', reason: '伪造' }],
    [
      `${CONSOLE}/slots/${slotId}`,
      {
        intent: 'edit-slot',
        scope: 'one',
        date: shanghaiDate(5),
        startTime: '10:00',
        durationMinutes: '60',
        capacity: '99',
      },
    ],
    [`${CONSOLE}/services/${serviceId}`, { intent: 'pause' }],
    [
      `${CONSOLE}/services/${serviceId}/slots`,
      { intent: 'add-slot', date: shanghaiDate(5), startTime: '10:00', durationMinutes: '60', capacity: '5' },
    ],
    [`${CONSOLE}/details`, { intent: 'remove-exception', exceptionId: exceptionId! }],
  ]
  for (const [path, form] of forged) {
    expect((await postForm(operator, path, form)).status(), `${form.intent} on ${path}`).toBe(404)
  }
  expect((await operator.get(`${CONSOLE}/slots/${slotId}`)).status()).toBe(404)
  expect((await operator.get(`${CONSOLE}/services/${serviceId}`)).status()).toBe(404)
  const slotPage = visibleText(await (await admin.get(`${other}/slots/${slotId}`)).text())
  expect(slotPage).not.toContain(zh('operator:slot.isCancelled'))
  expect(visibleText(await (await admin.get(`${other}/services/${serviceId}`)).text())).toContain(
    zh('operator:service.statusNow.active'),
  )
  expect(await (await admin.get(`${other}/details`)).text()).toContain(`name="exceptionId" value="${exceptionId}"`)
  // Tidy up: the holiday was only for this test.
  await postForm(admin, `${other}/details`, { intent: 'remove-exception', exceptionId: exceptionId! })
  await Promise.all([admin.dispose(), operator.dispose()])
})
