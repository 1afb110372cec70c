import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { expect, test } from './fixtures.ts'
import { apiContext, clientAddress, DEMO, DEMO_PASSWORD, logIn, postForm, signUp, t, visibleText } from './support.ts'

// A resident rates a session they attended: checked in at the desk, prompted on "My
// bookings", rates it on the booking page, and sees the average on the service page —
// with and without JavaScript. Each run has a service of its own at 望江 (wangjiang), so
// the average is exactly its own rating.

const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)

const databaseUrl = process.env.E2E_DATABASE_URL
test.skip(!databaseUrl, 'E2E_DATABASE_URL is not set: run through tests/setup/with-postgres.mjs')

async function withDatabase<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} })
  try {
    return await work(sql)
  } finally {
    await sql.end()
  }
}

test('a resident rates an attended session from My bookings and sees the average on the service page', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const stamp = randomBytes(3).toString('hex')
  const service = { slug: `rated-${stamp}`, nameZh: `评价测试课${stamp}`, nameEn: `Rated class ${stamp}` }
  const reference = `FBE${randomBytes(4).toString('hex').toUpperCase().slice(0, 7)}`

  // A new resident, and a session of a new service that started half an hour ago, booked for them.
  const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 0))
  const resident = await signUp(api, { birthYear: '1985', name: `评价居民${stamp}` })
  const slotId = await withDatabase(async (sql) => {
    const [centre] = await sql<Array<{ id: number }>>`select id from centres where slug = 'wangjiang'`
    const [row] = await sql<Array<{ id: number }>>`
      insert into services (centre_id, slug, category, booking_mode, name_zh, name_en)
      values (${centre!.id}, ${service.slug}, 'fitness', 'class', ${service.nameZh}, ${service.nameEn}) returning id`
    const startsAt = new Date(Date.now() - 30 * 60_000)
    const [slot] = await sql<Array<{ id: number }>>`
      insert into slots (service_id, starts_at, ends_at, capacity)
      values (${row!.id}, ${startsAt}, ${new Date(startsAt.getTime() + 60 * 60_000)}, 10) returning id`
    const [user] = await sql<Array<{ id: number }>>`select id from users where phone = ${resident.phone}`
    await sql`
      insert into bookings (reference, slot_id, booked_by_user_id, attendee_user_id, status, confirmed_at)
      values (${reference}, ${slot!.id}, ${user!.id}, ${user!.id}, 'confirmed', now())`
    return slot!.id
  })

  // The operator checks them in at the front desk, through the app.
  const desk = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
  expect((await logIn(desk, DEMO.operator, DEMO_PASSWORD)).status()).toBe(302)
  const checkIn = await postForm(desk, `/operator/centres/wangjiang/desk/slots/${slotId}`, {
    intent: 'check_in',
    reference,
  })
  expect(checkIn.status(), visibleText(await checkIn.text()).slice(0, 300)).toBe(302)
  await desk.dispose()
  await api.dispose()

  // The resident logs in and opens "My bookings": asked to rate it.
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo, 2) })
  await page.goto('/login?redirectTo=%2Fbookings')
  await page.getByLabel(zh('account:fields.login')).fill(resident.phone)
  await page.getByLabel(zh('account:fields.password'), { exact: true }).fill(resident.password)
  await page.getByRole('button', { name: zh('account:login.submit'), exact: true }).click()
  await expect(page).toHaveURL(/\/bookings$/)
  await expect(page.getByText(zh('feedback:list.prompt', { count: 1 }))).toBeVisible()
  await page.getByRole('link', { name: zh('feedback:list.rateLabel', { service: service.nameZh, reference }) }).click()

  // The booking page: a radio group in a fieldset, a comment, and a submit button.
  await expect(page).toHaveURL(new RegExp(`/bookings/${reference}#feedback-title$`))
  await expect(page.getByRole('heading', { name: zh('feedback:form.heading') })).toBeVisible()
  const ratingGroup = page.getByRole('group', { name: zh('feedback:form.rating') })
  await expect(ratingGroup.getByRole('radio')).toHaveCount(5)
  await ratingGroup.getByLabel(zh('feedback:rating.labels.4')).check()
  const comment = `老师很耐心 <b>${stamp}</b>`
  await page.getByLabel(zh('feedback:form.comment')).fill(comment)
  await page.getByRole('button', { name: zh('feedback:form.submit') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('feedback:form.saved'))
  await expect(page.getByText(comment, { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: zh('feedback:form.submit') })).toHaveCount(0)

  // Rated: no longer asked on "My bookings"; the notification asked once.
  await page.goto('/bookings')
  await expect(page.getByText(zh('feedback:list.prompt', { count: 1 }))).toHaveCount(0)
  await page.goto('/notifications')
  await expect(
    page.getByText(zh('booking:notifications.kinds.feedback_request', { serviceZh: service.nameZh, reference })),
  ).toHaveCount(1)

  // The service page: the average and count, and the comment as plain text (not HTML).
  await page.goto(`/centres/wangjiang/services/${service.slug}`)
  const ratings = page.getByRole('region', { name: zh('feedback:service.heading') })
  await expect(ratings).toContainText(zh('feedback:rating.summary', { average: '4.0', count: 1 }))
  await expect(ratings.getByText(comment, { exact: true })).toBeVisible()
  await expect(ratings.locator('b')).toHaveCount(0)
})
