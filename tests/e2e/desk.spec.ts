import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Page, TestInfo } from '@playwright/test'
import postgres from 'postgres'
import { expect, test } from './fixtures.ts'
import { clientAddress, DEMO, DEMO_PASSWORD, t, uniquePhone } from './support.ts'

// The front desk as an operator on a tablet uses it: check residents in by reference,
// undo a mistake, mark no-shows, book for a walk-in or caller, download a roster — with
// and without JavaScript. The demo operator runs 望江 (wangjiang); 柳岸 (liuan) is a centre
// they do not run. Each test makes its own sessions and bookings straight in the database
// (sessions that have already started can't be booked through the app).

const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)
const DESK = '/operator/centres/wangjiang/desk'

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

const newReference = () => `E2E${randomBytes(4).toString('hex').toUpperCase().slice(0, 7)}`

interface Fixture {
  slotId: number
  /** A resident's own booking. */
  self: { reference: string; name: string; phone: string }
  /** A booking an account holder made for their household member. */
  member: { reference: string; name: string; booker: string }
}

/**
 * A calligraphy session at `centre` that started `startedMinutesAgo` minutes ago (negative:
 * starts later), with two booked places: one resident for themselves, one for a parent.
 */
async function sessionWithBookings({
  centre = 'wangjiang',
  startedMinutesAgo = 30,
  attendeeName,
}: { centre?: string; startedMinutesAgo?: number; attendeeName?: string } = {}): Promise<Fixture> {
  return withDatabase(async (sql) => {
    const [service] = await sql<Array<{ id: number }>>`
      select s.id from services s join centres c on c.id = s.centre_id
      where c.slug = ${centre} and s.booking_mode = 'class' and s.status = 'active'
      order by (s.slug = 'calligraphy') desc, s.id limit 1`
    const startsAt = new Date(Date.now() - startedMinutesAgo * 60_000)
    const [slot] = await sql<Array<{ id: number }>>`
      insert into slots (service_id, starts_at, ends_at, capacity)
      values (${service!.id}, ${startsAt}, ${new Date(startsAt.getTime() + 90 * 60_000)}, 10) returning id`
    const stamp = randomBytes(2).toString('hex')
    const self = { name: attendeeName ?? `签到居民${stamp}`, phone: uniquePhone(), reference: newReference() }
    const booker = { name: `子女${stamp}`, phone: uniquePhone() }
    const [selfUser] = await sql<Array<{ id: number }>>`
      insert into users (phone, password_hash, name, birth_year) values (${self.phone}, 'x', ${self.name}, 1950) returning id`
    const [bookerUser] = await sql<Array<{ id: number }>>`
      insert into users (phone, password_hash, name, birth_year) values (${booker.phone}, 'x', ${booker.name}, 1975) returning id`
    const memberName = `老人${stamp}`
    const [member] = await sql<Array<{ id: number }>>`
      insert into household_members (owner_user_id, name, relation, birth_year)
      values (${bookerUser!.id}, ${memberName}, 'parent', 1940) returning id`
    const memberReference = newReference()
    await sql`
      insert into bookings (reference, slot_id, booked_by_user_id, attendee_user_id, attendee_member_id, status, confirmed_at)
      values (${self.reference}, ${slot!.id}, ${selfUser!.id}, ${selfUser!.id}, null, 'confirmed', now()),
             (${memberReference}, ${slot!.id}, ${bookerUser!.id}, null, ${member!.id}, 'confirmed', now())`
    return {
      slotId: slot!.id,
      self,
      member: { reference: memberReference, name: memberName, booker: booker.name },
    }
  })
}

async function bookingRow(reference: string) {
  return withDatabase(async (sql) => {
    const [row] = await sql<Array<{ status: string; assisted_by_user_id: number | null; id: number }>>`
      select id, status, assisted_by_user_id from bookings where reference = ${reference}`
    return row
  })
}

async function logInAsOperator(page: Page, testInfo: TestInfo, to = DESK) {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`)
  await page.getByLabel(zh('account:fields.login')).fill(DEMO.operator)
  await page.getByLabel(zh('account:fields.password'), { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: zh('account:login.submit'), exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
}

/** The roster row of one attendee (rows are headed by the attendee's name). */
const rosterRow = (page: Page, name: string) =>
  page.locator('table.roster tbody tr').filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) })

test.describe('front desk', () => {
  test('checks a resident in by typing the reference, and undoes a mistaken check-in', async ({ page }, testInfo) => {
    const fixture = await sessionWithBookings()
    await logInAsOperator(page, testInfo)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      zh('desk:desk.heading', { centre: '望江邻里中心' }),
    )

    // Typed as people type: lower case, with a space.
    const typed = `${fixture.self.reference.slice(0, 4).toLowerCase()} ${fixture.self.reference.slice(4)}`
    await page.getByLabel(zh('desk:desk.reference')).fill(typed)
    await page.getByRole('button', { name: zh('desk:desk.checkIn'), exact: true }).click()
    await expect(page.getByRole('status')).toContainText(
      zh('desk:desk.checkedIn', { name: fixture.self.name, reference: fixture.self.reference }),
    )
    expect((await bookingRow(fixture.self.reference))?.status).toBe('attended')

    // The roster: masked phones, the household booking marked, the check-in shown.
    await page.getByRole('link', { name: zh('desk:desk.openRoster') }).click()
    const row = rosterRow(page, fixture.self.name)
    await expect(row).toContainText(`${fixture.self.phone.slice(0, 3)}****${fixture.self.phone.slice(7)}`)
    await expect(row).toContainText(zh('desk:status.attended'))
    await expect(page.locator('main, body').first()).not.toContainText(fixture.self.phone)
    await expect(rosterRow(page, fixture.member.name)).toContainText(
      zh('desk:roster.household', { booker: fixture.member.booker }),
    )

    // Checked in the wrong person: undo.
    await row.getByRole('button', { name: zh('desk:roster.undoCheckIn', { name: fixture.self.name }) }).click()
    await expect(page.getByRole('status')).toHaveText(
      zh('desk:roster.done.undo', { reference: fixture.self.reference }),
    )
    await expect(rosterRow(page, fixture.self.name)).toContainText(zh('desk:status.confirmed'))
    expect((await bookingRow(fixture.self.reference))?.status).toBe('confirmed')
  })

  test('marks a no-show after the start, and records who changed what', async ({ page }, testInfo) => {
    const fixture = await sessionWithBookings()
    await logInAsOperator(page, testInfo, `${DESK}/slots/${fixture.slotId}`)
    const row = rosterRow(page, fixture.member.name)
    await row.getByRole('button', { name: zh('desk:roster.noShow', { name: fixture.member.name }) }).click()
    await expect(page.getByRole('status')).toHaveText(
      zh('desk:roster.done.no_show', { reference: fixture.member.reference }),
    )
    await expect(rosterRow(page, fixture.member.name)).toContainText(zh('desk:status.no_show'))
    const booking = await bookingRow(fixture.member.reference)
    expect(booking?.status).toBe('no_show')
    const audit = await withDatabase(
      (sql) => sql<
        Array<{ action: string; details: { before: { status: string }; after: { status: string } }; phone: string }>
      >`
        select a.action, a.details, u.phone from audit_log a join users u on u.id = a.actor_user_id
        where a.entity_type = 'booking' and a.entity_id = ${booking!.id}`,
    )
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      action: 'booking_no_show',
      phone: DEMO.operator,
      details: { before: { status: 'confirmed' }, after: { status: 'no_show' } },
    })
  })

  test('no-shows wait for the start', async ({ page }, testInfo) => {
    const fixture = await sessionWithBookings({ startedMinutesAgo: -60 })
    await logInAsOperator(page, testInfo, `${DESK}/slots/${fixture.slotId}`)
    await expect(rosterRow(page, fixture.self.name)).toBeVisible()
    await expect(page.getByRole('button', { name: zh('desk:roster.noShow', { name: fixture.self.name }) })).toHaveCount(
      0,
    )
    // An hour before the start, check-in is already open.
    await rosterRow(page, fixture.self.name)
      .getByRole('button', { name: zh('desk:roster.checkIn', { name: fixture.self.name }) })
      .click()
    await expect(rosterRow(page, fixture.self.name)).toContainText(zh('desk:status.attended'))
  })

  test('books for a caller who already has an account', async ({ page }, testInfo) => {
    const future = await sessionWithBookings({ startedMinutesAgo: -2 * 24 * 60 })
    const caller = { name: `来电居民${randomBytes(2).toString('hex')}`, phone: uniquePhone() }
    await withDatabase(
      (sql) =>
        sql`insert into users (phone, password_hash, name, birth_year) values (${caller.phone}, 'x', ${caller.name}, 1952)`,
    )
    await logInAsOperator(page, testInfo, `${DESK}/assist?slot=${future.slotId}`)
    const find = page.getByRole('region', { name: zh('desk:assist.findTitle') })
    await find.getByLabel(zh('desk:assist.phone')).fill(caller.phone)
    await find.getByRole('button', { name: zh('desk:assist.findSubmit') }).click()
    const masked = `${caller.phone.slice(0, 3)}****${caller.phone.slice(7)}`
    await expect(
      page.getByRole('heading', { name: zh('desk:assist.bookFor', { name: caller.name, phone: masked }) }),
    ).toBeVisible()
    await expect(page.getByLabel(zh('desk:assist.slot'))).toHaveValue(String(future.slotId))
    await page.getByRole('button', { name: zh('desk:assist.bookSubmit') }).click()
    await expect(page).toHaveURL(/\/desk\/assist\?booked=[A-Z0-9]{6,12}$/)
    const notice = page.getByRole('status')
    await expect(notice).toContainText(caller.name)
    const reference = /\(([A-Z0-9]{6,12})\)|（([A-Z0-9]{6,12})）/.exec((await notice.textContent()) ?? '')
    const ref = reference?.[1] ?? reference?.[2]
    expect(ref).toBeTruthy()
    const booking = await bookingRow(ref!)
    expect(booking?.status).toBe('confirmed')
    expect(booking?.assisted_by_user_id).toBeTruthy()
    const audit = await withDatabase(
      (sql) =>
        sql<Array<{ action: string; phone: string; details: { before: null; after: { reference: string } } }>>`
          select a.action, a.details, u.phone from audit_log a join users u on u.id = a.actor_user_id
          where a.entity_type = 'booking' and a.entity_id = ${booking!.id}`,
    )
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'assisted_booking',
        phone: DEMO.operator,
        details: expect.objectContaining({ before: null, after: expect.objectContaining({ reference: ref }) }),
      }),
    ])

    // On the roster, the booking is marked as made at the desk.
    await page.getByRole('link', { name: zh('desk:desk.openRoster') }).click()
    await expect(rosterRow(page, caller.name)).toContainText(zh('desk:roster.assisted'))
  })

  test('adds a new caller without a password and books for them', async ({ page }, testInfo) => {
    const future = await sessionWithBookings({ startedMinutesAgo: -2 * 24 * 60 })
    const caller = { name: `新居民${randomBytes(2).toString('hex')}`, phone: uniquePhone() }
    await logInAsOperator(page, testInfo, `${DESK}/assist?slot=${future.slotId}`)
    const form = page.getByRole('region', { name: zh('desk:assist.newTitle') })
    await form.getByLabel(zh('desk:assist.name')).fill(caller.name)
    await form.getByLabel(zh('desk:assist.phone')).fill(caller.phone)
    await form.getByLabel(zh('desk:assist.birthYear')).fill('1946')
    await form.getByRole('button', { name: zh('desk:assist.newSubmit') }).click()
    await expect(page.getByRole('status')).toHaveText(zh('desk:assist.notice.created', { name: caller.name }))
    await page.getByRole('button', { name: zh('desk:assist.bookSubmit') }).click()
    await expect(page).toHaveURL(/\/desk\/assist\?booked=[A-Z0-9]{6,12}$/)
    await expect(page.getByRole('status')).toContainText(caller.name)
    const user = await withDatabase(async (sql) => {
      const [row] = await sql<Array<{ password_hash: string; bookings: number }>>`
        select u.password_hash, (select count(*)::int from bookings b where b.booked_by_user_id = u.id and b.assisted_by_user_id is not null) as bookings
        from users u where u.phone = ${caller.phone}`
      return row
    })
    expect(user).toEqual({ password_hash: '!desk-created:no-password', bookings: 1 })
  })

  test('downloads a roster as CSV: BOM, header, rows, formulas defused', async ({ page }, testInfo) => {
    const fixture = await sessionWithBookings({ attendeeName: '=HYPERLINK("x")' })
    await logInAsOperator(page, testInfo, `${DESK}/slots/${fixture.slotId}`)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: zh('desk:roster.export') }).click(),
    ])
    const text = await readFile((await download.path())!, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      ['starts', 'service', 'attendee', 'bookedBy', 'phone', 'reference', 'status', 'checkedIn', 'assisted', 'bookedAt']
        .map((column) => `"${zh(`desk:export.columns.${column}`)}"`)
        .join(','),
    )
    expect(lines).toHaveLength(3)
    const own = lines.find((line) => line.includes(fixture.self.reference))!
    expect(own).toContain(`"'=HYPERLINK(""x"")"`)
    expect(own).toContain(`"${fixture.self.phone.slice(0, 3)}****${fixture.self.phone.slice(7)}"`)
    expect(own).toContain(`"${zh('desk:status.confirmed')}"`)
    expect(text).not.toContain(fixture.self.phone)
    const members = lines.find((line) => line.includes(fixture.member.reference))!
    expect(members).toContain(`"${fixture.member.booker}"`)
  })

  test('downloads a date range of bookings as CSV', async ({ page }, testInfo) => {
    const fixture = await sessionWithBookings()
    await logInAsOperator(page, testInfo)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: zh('desk:desk.exportSubmit') }).click(),
    ])
    const text = await readFile((await download.path())!, 'utf8')
    expect(text.startsWith('\uFEFF"')).toBe(true)
    expect(text).toContain(fixture.self.reference)
    expect(text).toContain(fixture.member.reference)
  })
})

test.describe('scanner and figures', () => {
  test('offers the camera scanner only where JavaScript runs, and falls back to typing', async ({
    page,
    javaScriptEnabled,
  }, testInfo) => {
    await logInAsOperator(page, testInfo)
    const scan = page.getByRole('button', { name: zh('desk:scanner.start') })
    if (!javaScriptEnabled) {
      await expect(scan).toHaveCount(0)
      return
    }
    // No camera here: the scanner loads, asks, is refused and says to type the reference.
    await scan.click()
    await expect(page.getByText(zh('desk:scanner.failed'))).toBeVisible()
    await expect(page.getByLabel(zh('desk:desk.reference'))).toBeEditable()
  })

  test('shows this week and the four before as charts, with the numbers in tables', async ({ page }, testInfo) => {
    await logInAsOperator(page, testInfo, '/operator/centres/wangjiang/figures')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      zh('desk:figures.heading', { centre: '望江邻里中心' }),
    )
    await expect(page.getByRole('link', { name: zh('staff:operator.nav.figures') })).toHaveAttribute(
      'aria-current',
      'page',
    )
    for (const title of ['weekChartTitle', 'categoryChartTitle', 'serviceChartTitle']) {
      await expect(page.getByRole('img', { name: new RegExp(`^${zh(`desk:figures.${title}`)}`) })).toBeVisible()
    }
    const weeks = page.getByRole('table', { name: zh('desk:figures.byWeek') })
    await expect(weeks.locator('tbody tr')).toHaveCount(5)
    await expect(weeks.locator('tfoot th')).toHaveText(zh('desk:figures.total'))
    await expect(weeks.getByRole('columnheader')).toHaveCount(9)
    const categories = page.getByRole('table', { name: zh('desk:figures.byCategory') })
    await expect(categories.locator('tbody tr')).toHaveCount(5)
    await expect(categories).toContainText(zh('category.elder_care.name'))
  })
})

test.describe('front desk mistakes', () => {
  // The refused form answers 400, which the browser logs.
  test.use({ expectedConsoleErrors: [/status of 400/] })

  test('a reference that is no booking of this centre is refused in words, and nothing changes', async ({
    page,
  }, testInfo) => {
    const theirs = await sessionWithBookings({ centre: 'liuan' })
    await logInAsOperator(page, testInfo)
    for (const reference of ['ZZZZ9999', theirs.self.reference]) {
      await page.getByLabel(zh('desk:desk.reference')).fill(reference)
      // Wait for each answer, so the next try doesn't overtake it.
      await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST'),
        page.getByRole('button', { name: zh('desk:desk.checkIn'), exact: true }).click(),
      ])
      await expect(page.getByRole('alert')).toContainText(zh('desk:errors.not_found'))
    }
    await page.getByLabel(zh('desk:desk.reference')).fill('!!')
    await page.getByRole('button', { name: zh('desk:desk.checkIn'), exact: true }).click()
    await expect(page.getByRole('alert')).toContainText(zh('desk:errors.referenceInvalid'))
    expect((await bookingRow(theirs.self.reference))?.status).toBe('confirmed')
  })
})

test.describe('front desk of another centre', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'requests only: the same for both projects')

  test("an operator can't reach or change another centre's bookings, by address or by form field", async ({
    page,
  }, testInfo) => {
    const theirs = await sessionWithBookings({ centre: 'liuan' })
    const ours = await sessionWithBookings({ startedMinutesAgo: -2 * 24 * 60 })
    await logInAsOperator(page, testInfo)
    const api = page.request
    const origin = new URL(page.url()).origin
    const post = (path: string, form: Record<string, string>) =>
      api.post(path, { form, headers: { Origin: origin, 'X-Forwarded-For': clientAddress(testInfo) }, maxRedirects: 0 })

    // By address: the other centre's console, its slot under our centre, its roster export.
    expect((await api.get('/operator/centres/liuan/desk', { maxRedirects: 0 })).status()).toBe(403)
    expect((await api.get('/operator/centres/liuan/figures', { maxRedirects: 0 })).status()).toBe(403)
    expect((await api.get(`${DESK}/slots/${theirs.slotId}`, { maxRedirects: 0 })).status()).toBe(404)
    expect((await api.get(`/operator/centres/wangjiang/export/slots/${theirs.slotId}.csv`)).status()).toBe(404)
    expect(
      (
        await post(`/operator/centres/liuan/desk?index`, { intent: 'check_in', reference: theirs.self.reference })
      ).status(),
    ).toBe(403)

    // By form field: their reference posted to our desk and to our roster.
    const desk = await post(`${DESK}?index`, { intent: 'check_in', reference: theirs.self.reference })
    expect(desk.status()).toBe(400)
    expect(await desk.text()).toContain(zh('desk:errors.not_found'))
    for (const intent of ['check_in', 'no_show', 'undo']) {
      const roster = await post(`${DESK}/slots/${ours.slotId}`, { intent, reference: theirs.self.reference })
      expect(roster.status()).toBe(400)
    }
    expect((await bookingRow(theirs.self.reference))?.status).toBe('confirmed')

    // Their slot id in our assisted-booking form.
    const booked = await post(`${DESK}/assist`, {
      intent: 'book',
      phone: ours.self.phone,
      slotId: String(theirs.slotId),
      attendee: 'self',
    })
    expect(booked.status()).toBe(400)
    expect(await booked.text()).toContain(zh('desk:errors.slotNotFound'))
    const count = await withDatabase(
      (sql) => sql`select count(*)::int as n from bookings where slot_id = ${theirs.slotId}`,
    )
    expect(count[0]!.n).toBe(2)
  })
})
