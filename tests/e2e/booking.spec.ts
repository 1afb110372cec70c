import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { APIRequest, APIRequestContext, Page, TestInfo } from '@playwright/test'
import ICAL from 'ical.js'
import jsQR from 'jsqr'
import { expect, test } from './fixtures.ts'
import {
  apiContext,
  clientAddress,
  districtTime,
  districtYear,
  PASSWORD,
  postForm,
  signUp,
  t,
  uniquePhone,
  visibleText,
} from './support.ts'

// The booking journeys of DOMAIN.md, as residents on a phone make them: book lunch for an
// elderly parent (signing up on the way), join the waiting list of a full class and be
// promoted, submit twice and still book once, be told why a booking is refused, and
// subscribe to one's bookings in a calendar app. With and without JavaScript (the two
// projects of playwright.config.ts). Every test makes its own residents, acting from its
// own client addresses, and only relies on the demo district's catalogue and timetable.

// pngjs comes with qrcode and has no type declarations; this is the part of it we use.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } }
}

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const REFERENCE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/

const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One slot as a slot list (service page, category page) shows it. */
interface ListedSlot {
  id: number
  startsAt: Date
  /** The date and time as the list shows them, e.g. "11月28日周六 11:30–12:30". */
  when: string
  seatsLeft: number
  servicePath: string | null
}

/** The slots of a page's slot list, read from its HTML (the same with or without JavaScript). */
function listedSlots(html: string): ListedSlot[] {
  return html
    .split('<li class="slot"')
    .slice(1)
    .map((chunk) => chunk.slice(0, chunk.indexOf('</li>')))
    .flatMap((item) => {
      const time = /<time[^>]*datetime="([^"]+)"[^>]*>([\s\S]*?)<\/time>/i.exec(item)
      const link = /href="\/book\/(\d+)"/.exec(item)
      const seats = /<p class="(seats[^"]*)">([\s\S]*?)<\/p>/.exec(item)
      if (!time || !link || !seats) return []
      const full = seats[1]!.includes('seats--full')
      return [
        {
          id: Number(link[1]),
          startsAt: new Date(time[1]!),
          when: visibleText(time[2]!).trim(),
          seatsLeft: full ? 0 : Number(/\d+/.exec(visibleText(seats[2]!))?.[0] ?? NaN),
          servicePath: /href="(\/centres\/[^"/]+\/services\/[^"/]+)"/.exec(item)?.[1] ?? null,
        },
      ]
    })
}

/** A page's slot list, fetched without logging in. */
async function fetchSlots(api: APIRequestContext, path: string): Promise<ListedSlot[]> {
  const response = await api.get(path)
  expect(response.status(), `GET ${path}`).toBe(200)
  const slots = listedSlots(await response.text())
  expect(slots.length, `slots listed on ${path}`).toBeGreaterThan(0)
  return slots
}

/** Slots that can be booked now and for a while: open, not closing soon, places left. */
function openSlots(slots: ListedSlot[], { minSeats = 1 } = {}) {
  const now = Date.now()
  return slots.filter(
    (slot) =>
      slot.seatsLeft >= minSeats &&
      // The demo services used here (canteen lunch, tai chi, table tennis, gym) open booking
      // 7 days ahead, and close booking and cancelling at most 3 hours before the start.
      slot.startsAt.getTime() > now + 4 * HOUR &&
      slot.startsAt.getTime() < now + 6 * DAY,
  )
}

/** The form's fresh idempotency key, as the booking page hands it out. */
async function bookingFormKey(api: APIRequestContext, slotId: number): Promise<string> {
  const response = await api.get(`/book/${slotId}`)
  expect(response.status()).toBe(200)
  const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(await response.text())?.[1]
  expect(key, 'the booking form carries an idempotency key').toBeTruthy()
  return key!
}

/** Books `slotId` for the account holder themselves, as the form would; returns the reference. */
async function bookForSelf(api: APIRequestContext, slotId: number): Promise<string> {
  const key = await bookingFormKey(api, slotId)
  const response = await postForm(api, `/book/${slotId}`, { attendee: 'self', idempotencyKey: key })
  expect(response.status(), visibleText(await response.text()).slice(0, 300)).toBe(303)
  const reference = /^\/bookings\/([A-Z0-9]+)$/.exec(response.headers()['location'] ?? '')?.[1]
  expect(reference).toMatch(REFERENCE)
  return reference!
}

/** A new resident, born in 1990, signed up from their own address: an API context holding their session. */
async function newResident(request: APIRequest, baseURL: string | undefined, testInfo: TestInfo, n: number) {
  const api = await apiContext(request, baseURL, clientAddress(testInfo, n))
  const resident = await signUp(api, { birthYear: '1990', name: `测试居民${n}` })
  return { api, ...resident }
}

async function logInOnPage(page: Page, phone: string, password: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('account:login.heading'))
  await page.getByLabel(zh('account:fields.login')).fill(phone)
  await page.getByLabel(zh('account:fields.password'), { exact: true }).fill(password)
  await page.getByRole('button', { name: zh('account:login.submit'), exact: true }).click()
}

/** The value (dd) of a fact (dt) on a booking or confirmation page. */
const fact = (page: Page, label: string) =>
  page
    .locator('dl.facts > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .locator('dd')

/** The text of the QR code in a PNG image. */
function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length)
  return jsQR(pixels, image.width, image.height)?.data ?? null
}

/** The events of an iCalendar file, parsed by a real iCalendar parser. */
function calendarEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[])
  expect(calendar.name).toBe('vcalendar')
  return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component))
}

test('a daughter signs up on the way and books the canteen lunch for her 82-year-old father', async ({
  page,
  baseURL,
  playwright,
}, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  const heading = page.getByRole('heading', { level: 1 })

  // A lunch a few days ahead with places for both projects' fathers (booking opens 7 days ahead).
  const servicePath = '/centres/xinghua/services/canteen-lunch'
  const anonymous = await playwright.request.newContext({ baseURL })
  const lunch = openSlots(await fetchSlots(anonymous, servicePath), { minSeats: 3 }).sort(
    (a, b) => b.seatsLeft - a.seatsLeft || a.startsAt.getTime() - b.startsAt.getTime(),
  )[0]
  await anonymous.dispose()
  expect(lunch, `an open canteen lunch with places on ${servicePath}`).toBeDefined()
  const bookPath = `/book/${lunch!.id}`

  // Logged out, on the service page: the lunch's 预约 link leads to logging in first.
  await page.goto(servicePath)
  const serviceName = (await heading.textContent())!.trim()
  expect(serviceName).toBe('长者食堂午餐')
  const slotItem = page.locator('li.slot').filter({ has: page.locator(`a[href="${bookPath}"]`) })
  const shownWhen = (await slotItem.locator('time').textContent())!.trim()
  expect(shownWhen).toContain('11:30')
  expect(districtTime(lunch!.startsAt, 'zh-CN')).toBe('11:30')
  await slotItem.getByRole('link', { name: new RegExp(`^${escapeRegExp(zh('slot.book'))}`) }).click()
  await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${escapeRegExp(encodeURIComponent(bookPath))}$`))
  await expect(page.getByText(zh('account:login.returnHint'))).toBeVisible()

  // No account yet: the login page's sign-up link keeps the way back to the booking.
  const signupLink = page.getByRole('link', { name: zh('account:login.signupLink') })
  await expect(signupLink).toHaveAttribute('href', `/signup?redirectTo=${encodeURIComponent(bookPath)}`)
  await signupLink.click()
  await expect(heading).toHaveText(zh('account:signup.heading'))
  const daughter = '王小红'
  await page.getByLabel(zh('account:fields.login')).fill(uniquePhone())
  await page.getByLabel(zh('account:fields.password'), { exact: true }).fill(PASSWORD)
  await page.getByLabel(zh('account:fields.name'), { exact: true }).fill(daughter)
  await page.getByLabel(zh('account:fields.birthYear')).fill('1990')
  await page.getByRole('button', { name: zh('account:signup.submit'), exact: true }).click()

  // Back on the same booking. She is too young for the canteen, and has no one else to book for yet.
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(bookPath)}$`))
  await expect(heading).toHaveText(zh('booking:book.heading', { service: serviceName }))
  const herself = page.getByRole('radio', { name: zh('booking:book.self', { name: daughter }) })
  await expect(herself).toBeDisabled()
  await expect(herself).toHaveAccessibleDescription(zh('booking:errors.too_young'))
  await expect(page.getByRole('button', { name: zh('booking:book.confirm') })).toBeDisabled()

  // She adds her father to her household.
  await page.getByRole('link', { name: zh('booking:book.addHousehold') }).click()
  await expect(heading).toHaveText(zh('account:household.heading'))
  const father = '王建国'
  await page.getByLabel(zh('account:fields.memberName')).fill(father)
  await page.getByLabel(zh('account:fields.relation')).selectOption({ label: zh('account:relations.parent') })
  await page.getByLabel(zh('account:fields.memberBirthYear'), { exact: true }).fill(String(districtYear() - 82))
  await page.getByRole('button', { name: zh('account:household.addSubmit'), exact: true }).click()

  // Adding him from the booking brings her straight back to the same lunch: he can come, at the 80+ price.
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(bookPath)}$`))
  await expect(fact(page, zh('booking:book.when'))).toHaveText(shownWhen)
  await expect(herself).toBeDisabled()
  await expect(herself).toHaveAccessibleDescription(zh('booking:errors.too_young'))
  const him = page.getByRole('radio', { name: father, exact: true })
  await expect(him).toBeEnabled()
  await expect(him).toBeChecked()
  await expect(him).toHaveAccessibleDescription(
    zh('booking:book.priceConcession', { price: '¥8.00', concession: zh('concession.age_80') }),
  )
  await page.getByRole('button', { name: zh('booking:book.confirm') }).click()

  // The confirmation: reference, who, when (in Shanghai time), the price and a QR code of the reference.
  await expect(page).toHaveURL(/\/bookings\/[A-Z0-9]{8}$/)
  const reference = new URL(page.url()).pathname.split('/').pop()!
  expect(reference).toMatch(REFERENCE)
  await expect(heading).toHaveText(zh('booking:confirmation.heading.confirmed'))
  await expect(page.locator('.confirmation-panel__reference')).toHaveText(reference)
  await expect(fact(page, zh('booking:confirmation.what'))).toHaveText(serviceName)
  await expect(fact(page, zh('booking:confirmation.who'))).toHaveText(father)
  await expect(fact(page, zh('booking:confirmation.when'))).toHaveText(shownWhen)
  await expect(fact(page, zh('booking:confirmation.price'))).toHaveText(
    zh('booking:confirmation.payAtCentre', { price: '¥8.00' }),
  )
  const qrCode = page.locator('img.qr-code')
  await expect(qrCode).toHaveAttribute('alt', zh('booking:confirmation.qrAlt', { reference }))
  await expect(qrCode).toBeVisible()
  expect(decodeQr(await qrCode.screenshot())).toBe(reference)

  // "Add to calendar" downloads one event at the slot's time.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: zh('booking:confirmation.addToCalendar') }).click(),
  ])
  expect(download.suggestedFilename()).toBe(`linli-${reference}.ics`)
  const events = calendarEvents(await readFile((await download.path())!, 'utf8'))
  expect(events).toHaveLength(1)
  const [event] = events
  expect(event!.uid).toContain(reference)
  expect(event!.summary).toBe(serviceName)
  const startsAt = event!.startDate.toJSDate()
  expect(startsAt.getTime()).toBe(lunch!.startsAt.getTime())
  expect(districtTime(startsAt, 'zh-CN')).toBe('11:30')
  expect(shownWhen).toContain(districtTime(startsAt, 'zh-CN'))

  // Plans change: she cancels.
  await page.getByRole('button', { name: zh('booking:confirmation.cancel') }).click()
  await expect(page).toHaveURL(new RegExp(`/bookings/${reference}\\?cancelled=1$`))
  await expect(page.getByRole('status')).toHaveText(zh('booking:confirmation.cancelledNotice'))
  await expect(heading).toHaveText(zh('booking:confirmation.heading.cancelled'))
  await expect(qrCode).toHaveCount(0)
  await expect(page.getByRole('button', { name: zh('booking:confirmation.cancel') })).toHaveCount(0)

  // My bookings lists it, cancelled.
  await page.getByRole('link', { name: zh('booking:confirmation.allBookings') }).click()
  await expect(heading).toHaveText(zh('booking:list.heading'))
  const card = page
    .getByRole('listitem')
    .filter({ hasText: zh('booking:list.reference', { reference }) })
    .filter({ has: page.getByRole('link', { name: serviceName }) })
  await expect(card).toHaveCount(1)
  await expect(card.locator('.tag')).toHaveText(zh('booking:status.cancelled'))
  await expect(card).toContainText(zh('booking:list.forMember', { name: father }))
  await expect(card).toContainText(shownWhen)
})

test('a full class: join the waiting list, someone cancels, the first in the queue is promoted and told', async ({
  page,
  baseURL,
  playwright,
}, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  const heading = page.getByRole('heading', { level: 1 })

  // This week's fitness class with the fewest places left (not the demo's full one, and not
  // the demo's yoga class); fresh residents take the rest of its places.
  const anonymous = await playwright.request.newContext({ baseURL })
  const candidates = openSlots(await fetchSlots(anonymous, '/categories/fitness'))
    .filter((slot) => slot.servicePath !== null && !slot.servicePath.endsWith('/yoga'))
    .sort((a, b) => a.seatsLeft - b.seatsLeft || a.startsAt.getTime() - b.startsAt.getTime())
  await anonymous.dispose()
  const slot = candidates[0]
  expect(slot, 'an open fitness class this week').toBeDefined()
  expect(slot!.seatsLeft, 'few enough places to fill quickly').toBeLessThanOrEqual(8)

  const booked: { api: APIRequestContext; reference: string }[] = []
  const waiting = await newResident(playwright.request, baseURL, testInfo, 0)
  let waitingReference: string | undefined
  try {
    const fillers = await Promise.all(
      Array.from({ length: slot!.seatsLeft }, (_, index) =>
        newResident(playwright.request, baseURL, testInfo, index + 1),
      ),
    )
    for (const filler of fillers) booked.push({ api: filler.api, reference: await bookForSelf(filler.api, slot!.id) })

    // The class is full now. W, on her phone, goes to book and is asked to log in first.
    await page.goto(`/book/${slot!.id}`)
    await logInOnPage(page, waiting.phone, waiting.password)
    await expect(page).toHaveURL(new RegExp(`/book/${slot!.id}$`))
    const breadcrumb = page.getByRole('navigation', { name: zh('breadcrumb.label') })
    const serviceName = (await breadcrumb.getByRole('link').last().textContent())!.trim()
    await expect(breadcrumb.getByRole('link').last()).toHaveAttribute('href', slot!.servicePath!)
    await expect(heading).toHaveText(zh('booking:book.headingWaitlist', { service: serviceName }))
    await expect(page.getByText(zh('booking:book.waitlistExplained_other', { count: 0 }))).toBeVisible()
    await page.getByRole('button', { name: zh('booking:book.joinWaitlist') }).click()

    // On the waiting list, first in the queue; no QR code yet.
    await expect(page).toHaveURL(/\/bookings\/[A-Z0-9]{8}$/)
    waitingReference = new URL(page.url()).pathname.split('/').pop()!
    await expect(heading).toHaveText(zh('booking:confirmation.heading.waitlisted'))
    await expect(page.getByText(zh('booking:confirmation.position', { position: 1 }))).toBeVisible()
    await expect(page.locator('img.qr-code')).toHaveCount(0)

    // One of the booked residents cancels.
    const [first] = booked
    const cancel = await postForm(first!.api, `/bookings/${first!.reference}`, { intent: 'cancel' })
    expect(cancel.status()).toBe(303)
    expect(cancel.headers()['location']).toBe(`/bookings/${first!.reference}?cancelled=1`)

    // W is told, and her booking is confirmed.
    await page.goto('/notifications')
    await expect(heading).toHaveText(zh('booking:notifications.heading'))
    const promoted = page
      .getByRole('listitem')
      .filter({ hasText: zh('booking:notifications.kinds.waitlist_promoted', { reference: waitingReference }) })
    await expect(promoted).toHaveCount(1)
    await promoted.getByRole('link', { name: zh('booking:notifications.open') }).click()
    await expect(page).toHaveURL(new RegExp(`/bookings/${waitingReference}$`))
    await expect(heading).toHaveText(zh('booking:confirmation.heading.confirmed'))
    await expect(page.locator('img.qr-code')).toBeVisible()
    await expect(page.getByText(zh('booking:confirmation.position', { position: 1 }))).toHaveCount(0)
  } finally {
    // Give the places back, so the demo's "one full class this week" stays true for other specs.
    const release = [
      ...booked.slice(1),
      ...(waitingReference ? [{ api: waiting.api, reference: waitingReference }] : []),
    ]
    await Promise.all(
      release.map(({ api, reference }) => postForm(api, `/bookings/${reference}`, { intent: 'cancel' })),
    )
    await Promise.all([waiting.api, ...booked.map(({ api }) => api)].map((api) => api.dispose()))
  }
})

test('a double-clicked or retried submit makes one booking; a second booking of the same person is refused', async ({
  baseURL,
  playwright,
}, testInfo) => {
  const { api } = await newResident(playwright.request, baseURL, testInfo, 0)
  const slot = openSlots(await fetchSlots(api, '/centres/yunxi/services/tai-chi'), { minSeats: 2 })[0]
  expect(slot, 'an open tai chi class').toBeDefined()
  const key = await bookingFormKey(api, slot!.id)
  const form = { attendee: 'self', idempotencyKey: key }

  // A double click: the same form twice at once; then a retry after a dropped connection.
  const [first, second] = await Promise.all([
    postForm(api, `/book/${slot!.id}`, form),
    postForm(api, `/book/${slot!.id}`, form),
  ])
  const retry = await postForm(api, `/book/${slot!.id}`, form)
  for (const response of [first!, second!, retry]) {
    expect(response.status(), visibleText(await response.text()).slice(0, 300)).toBe(303)
  }
  const location = first!.headers()['location']
  expect(location).toMatch(/^\/bookings\/[A-Z0-9]{8}$/)
  expect(second!.headers()['location']).toBe(location)
  expect(retry.headers()['location']).toBe(location)
  const reference = location!.split('/').pop()!

  // One booking.
  const list = await (await api.get('/bookings')).text()
  expect(list.match(/href="\/bookings\/[A-Z0-9]+"/g)).toEqual([`href="${location}"`])
  expect(visibleText(list).split(zh('booking:list.reference', { reference })).length).toBe(2)

  // A new form (a new key) for the same person and slot: refused, and the page says why.
  const newKey = await bookingFormKey(api, slot!.id)
  expect(newKey).not.toBe(key)
  const again = await postForm(api, `/book/${slot!.id}`, { attendee: 'self', idempotencyKey: newKey })
  expect(again.status()).toBe(409)
  const page = visibleText(await again.text())
  expect(page).toContain(zh('booking:book.problem'))
  expect(page).toContain(zh('booking:errors.already_booked'))
  expect(page).toContain(zh('booking:errors.already_booked_next'))
  expect((await (await api.get('/bookings')).text()).match(/href="\/bookings\/[A-Z0-9]+"/g)).toEqual([
    `href="${location}"`,
  ])
  await api.dispose()
})

test('refusals are translated and say why: booking not open yet, and the age rule', async ({
  page,
  baseURL,
  playwright,
}, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  const heading = page.getByRole('heading', { level: 1 })
  const resident = await newResident(playwright.request, baseURL, testInfo, 0)
  const { api } = resident
  const servicePath = '/centres/yunxi/services/canteen-lunch'

  // The service page states the window: booking opens 7 days ahead and closes 3 hours before.
  await page.goto(servicePath)
  await expect(
    page.getByText(
      zh('rules.window', {
        opens: zh('rules.days_other', { count: 7 }),
        closes: zh('rules.hours_other', { count: 3 }),
      }),
    ),
  ).toBeVisible()
  const slots = listedSlots(await page.content())
  const later = slots.filter((slot) => slot.startsAt.getTime() > Date.now() + 8 * DAY).pop()
  const open = openSlots(slots)[0]
  expect(later, 'a lunch more than 7 days ahead').toBeDefined()
  expect(open, 'a lunch open for booking').toBeDefined()

  // A lunch weeks ahead: the booking page says it hasn't opened and offers the phone instead.
  await page
    .locator('li.slot')
    .filter({ has: page.locator(`a[href="/book/${later!.id}"]`) })
    .getByRole('link')
    .click()
  await logInOnPage(page, resident.phone, resident.password)
  await expect(page).toHaveURL(new RegExp(`/book/${later!.id}$`))
  const note = page.getByRole('note')
  await expect(note).toContainText(zh('booking:errors.not_open_yet'))
  await expect(note).toContainText(zh('booking:book.callCentre', { phone: '0571-86253018' }))
  await expect(page.getByRole('radio')).toHaveCount(0)
  await expect(page.getByRole('button', { name: zh('booking:book.confirm') })).toHaveCount(0)
  // Posting a booking anyway (there is no form to take a key from) is refused for the same reason.
  const early = await postForm(api, `/book/${later!.id}`, { attendee: 'self', idempotencyKey: randomUUID() })
  expect(early.status()).toBe(400)
  expect(visibleText(await early.text())).toContain(zh('booking:errors.not_open_yet'))

  // An open lunch, but the canteen is for people aged 60 and over and she was born in 1990.
  await page.goto(`/book/${open!.id}`)
  await expect(heading).toHaveText(zh('booking:book.heading', { service: '长者食堂午餐' }))
  const herself = page.getByRole('radio', { name: zh('booking:book.self', { name: resident.name }) })
  await expect(herself).toBeDisabled()
  await expect(herself).toHaveAccessibleDescription(zh('booking:errors.too_young'))
  await expect(page.getByRole('button', { name: zh('booking:book.confirm') })).toBeDisabled()
  await expect(page.getByText(zh('rules.ageFrom', { min: 60 }), { exact: true })).toBeVisible()
  // Posting the form anyway is refused, in the reader's language.
  for (const language of ['zh-CN', 'en'] as const) {
    const refused = await postForm(api, `/book/${open!.id}?lng=${language}`, {
      attendee: 'self',
      idempotencyKey: await bookingFormKey(api, open!.id),
    })
    expect(refused.status()).toBe(400)
    const text = visibleText(await refused.text())
    expect(text).toContain(t(language, 'booking:book.problem'))
    expect(text).toContain(t(language, 'booking:errors.too_young'))
  }
  // Nothing was booked.
  await page.goto('/bookings')
  await expect(page.getByText(zh('booking:list.noUpcoming'))).toBeVisible()
  await api.dispose()
})

test('my bookings give a calendar feed address that calendar apps can read without logging in', async ({
  page,
  baseURL,
  playwright,
}, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  const resident = await newResident(playwright.request, baseURL, testInfo, 0)
  const { api } = resident
  const slot = openSlots(await fetchSlots(api, '/centres/wangjiang/services/tai-chi'), { minSeats: 2 })[0]
  expect(slot, 'an open tai chi class').toBeDefined()
  const reference = await bookForSelf(api, slot!.id)

  // My bookings: the booking, and the feed's address.
  await page.goto('/bookings')
  await logInOnPage(page, resident.phone, resident.password)
  await expect(page).toHaveURL(/\/bookings$/)
  const card = page.getByRole('listitem').filter({ hasText: zh('booking:list.reference', { reference }) })
  await expect(card.locator('.tag')).toHaveText(zh('booking:status.confirmed'))
  const serviceName = (await card.getByRole('link').textContent())!.trim()
  expect(serviceName).toBe('太极拳')
  const feedField = page.getByLabel(zh('booking:list.feedLabel'))
  await expect(feedField).toHaveValue(
    new RegExp(`^${escapeRegExp(new URL(baseURL!).origin)}/calendar/[A-Za-z0-9_-]{20,64}/bookings\\.ics$`),
  )
  const feedUrl = await feedField.inputValue()

  // A calendar app fetches it with no cookies at all.
  const calendarApp = await playwright.request.newContext()
  const feed = await calendarApp.get(feedUrl)
  expect(feed.status()).toBe(200)
  expect(feed.headers()['content-type']).toMatch(/^text\/calendar/)
  const events = calendarEvents(await feed.text())
  const event = events.find((candidate) => candidate.uid.includes(reference))
  expect(event, `an event for ${reference} in the feed`).toBeDefined()
  expect(event!.summary).toBe(serviceName)
  expect(event!.startDate.toJSDate().getTime()).toBe(slot!.startsAt.getTime())
  expect(slot!.when).toContain(districtTime(event!.startDate.toJSDate(), 'zh-CN'))

  // Once cancelled, the booking leaves the feed.
  const cancel = await postForm(api, `/bookings/${reference}`, { intent: 'cancel' })
  expect(cancel.status()).toBe(303)
  const after = calendarEvents(await (await calendarApp.get(feedUrl)).text())
  expect(after.filter((candidate) => candidate.uid.includes(reference))).toEqual([])
  await calendarApp.dispose()
  await api.dispose()
})
