import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Period } from '#app/domain/comparison.ts'
import type { DatabaseConnection } from '#db/connect.server.ts'
import {
  auditLog,
  bookings,
  centres,
  comparisonWeights,
  districts,
  feedback,
  inspectionChecklistItems,
  inspectionIssues,
  inspections,
  inspectionScores,
  roleGrants,
  services,
  slots,
  streets,
} from '#db/schema/index.ts'
import { bookingReference, createCentre, createResident, createService, createSlot } from '#tests/fixtures/factories.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

// The district comparison on real Postgres, against a small hand-made district whose
// figures are worked out by hand in the comments below.

let connection: DatabaseConnection & { url: string }
let district: typeof import('#app/models/district.server.ts')
let comparison: typeof import('#app/domain/comparison.ts')
let page: typeof import('#app/routes/district.comparison.tsx')
let csv: typeof import('#app/routes/district.comparison[.csv].ts')
let print: typeof import('#app/routes/district.comparison_.print.tsx')
let startSession: typeof import('#app/utils/auth.server.ts').startSession

/** The moment the comparison is made: Sunday 25 October 2026, noon in Shanghai. */
const NOW = '2026-10-25T12:00:00+08:00'
/** October 2026; the period before it of equal length runs from 31 August to 30 September. */
const OCTOBER = '?period=range&from=2026-10-01&until=2026-10-31'

const fixture = {} as {
  districtId: number
  streetX: { id: number; slug: string }
  streetY: { id: number; slug: string }
  a: number
  b: number
  c: number
  cookies: Record<'admin' | 'staffX' | 'staffY' | 'operator' | 'resident', string>
}

beforeAll(async () => {
  connection = await migratedPostgres()
  // The models use the app's handle, which reads DATABASE_URL when first imported; the
  // test clock lets each request say when it is made.
  process.env.DATABASE_URL = connection.url
  process.env.LINLI_TEST_CLOCK = 'true'
  district = await import('#app/models/district.server.ts')
  comparison = await import('#app/domain/comparison.ts')
  page = await import('#app/routes/district.comparison.tsx')
  csv = await import('#app/routes/district.comparison[.csv].ts')
  print = await import('#app/routes/district.comparison_.print.tsx')
  ;({ startSession } = await import('#app/utils/auth.server.ts'))
  await buildDistrict()
})
afterAll(async () => {
  await (await import('#db/client.server.ts')).closeDatabase()
  await connection?.close()
})

/** A wall-clock time in Shanghai as an instant. */
const shanghai = (local: string) => new Date(`${local}:00+08:00`)

type Status = 'confirmed' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show'

/** `count` bookings in their final state; a cancelled one held a place unless `everHeldPlace` is false. */
async function book(slotId: number, status: Status, count = 1, { everHeldPlace = status !== 'waitlisted' } = {}) {
  const ids: number[] = []
  for (let index = 0; index < count; index++) {
    const resident = await createResident(connection.db)
    const at = new Date('2026-09-01T00:00:00Z')
    const [row] = await connection.db
      .insert(bookings)
      .values({
        reference: bookingReference(),
        slotId,
        bookedByUserId: resident.id,
        attendeeUserId: resident.id,
        status,
        confirmedAt: everHeldPlace ? at : null,
        cancelledAt: status === 'cancelled' ? at : null,
        checkedInAt: status === 'attended' ? at : null,
      })
      .returning({ id: bookings.id, userId: bookings.attendeeUserId })
    ids.push(row!.id)
  }
  return ids
}

async function rate(bookingId: number, rating: number, { hidden = false } = {}) {
  const [row] = await connection.db
    .select({ userId: bookings.bookedByUserId })
    .from(bookings)
    .where(eq(bookings.id, bookingId))
  await connection.db.insert(feedback).values({
    bookingId,
    authorUserId: row!.userId,
    rating,
    comment: hidden ? '骂人的话' : '很好',
    hiddenAt: hidden ? new Date() : null,
    hiddenReason: hidden ? 'abusive' : null,
  })
}

async function service(centreId: number, category: 'government' | 'training' | 'fitness' | 'culture' | 'elder_care') {
  const [row] = await connection.db
    .insert(services)
    .values({
      centreId,
      slug: `${category}-${centreId}`,
      category,
      bookingMode: 'class',
      nameZh: category,
      nameEn: category,
    })
    .returning({ id: services.id })
  return row!.id
}

async function slot(serviceId: number, startsAt: string, capacity: number) {
  return (await createSlot(connection.db, { serviceId, capacity, startsAt: shanghai(startsAt) })).id
}

async function inspect(centreId: number, on: string, scores: number[], inspectorId: number, items: number[]) {
  const [row] = await connection.db
    .insert(inspections)
    .values({ centreId, inspectorUserId: inspectorId, inspectedOn: on })
    .returning({ id: inspections.id })
  await connection.db
    .insert(inspectionScores)
    .values(scores.map((score, index) => ({ inspectionId: row!.id, checklistItemId: items[index]!, score })))
  return row!.id
}

async function issue(inspectionId: number, centreId: number, fixBy: string, fixedAt?: string) {
  await connection.db.insert(inspectionIssues).values({
    inspectionId,
    centreId,
    description: '消防通道堆物',
    fixBy,
    status: fixedAt ? 'fixed' : 'open',
    fixedAt: fixedAt ? shanghai(fixedAt) : null,
  })
}

/**
 * Street X has centres A (2,000 residents) and B (1,000); street Y has centre C (no
 * catchment set). Another district's centre has bookings that must never show.
 */
async function buildDistrict() {
  const db = connection.db
  const [d] = await db
    .insert(districts)
    .values({ slug: 'cmp-district', nameZh: '比较区', nameEn: 'Comparison District' })
    .returning({ id: districts.id })
  const street = async (slug: string) =>
    (
      await db
        .insert(streets)
        .values({ districtId: d!.id, slug, nameZh: `${slug}街道`, nameEn: `${slug} Street` })
        .returning({ id: streets.id, slug: streets.slug })
    )[0]!
  const streetX = await street('cmp-x')
  const streetY = await street('cmp-y')
  const centre = async (slug: string, streetId: number, catchmentPopulation: number, nameEn: string) =>
    (
      await db
        .insert(centres)
        .values({
          streetId,
          slug,
          nameZh: nameEn,
          nameEn,
          addressZh: '路',
          addressEn: 'Road',
          latitude: 30,
          longitude: 120,
          phone: '0571-88880000',
          catchmentPopulation,
        })
        .returning({ id: centres.id })
    )[0]!.id
  const a = await centre('cmp-a', streetX.id, 2000, 'Centre A')
  const b = await centre('cmp-b', streetX.id, 1000, 'Centre B')
  const c = await centre('cmp-c', streetY.id, 0, 'Centre C')

  // Centre A offers three kinds of service (a paused one does not count).
  const aYoga = await service(a, 'fitness')
  await service(a, 'culture')
  await service(a, 'government')
  const aPaused = await service(a, 'elder_care')
  await db.update(services).set({ status: 'paused' }).where(eq(services.id, aPaused))

  // October: A1 (10 places): 4 came, 1 didn't, 1 gave up a place, 1 queued and gave up.
  const a1 = await slot(aYoga, '2026-10-10T10:00', 10)
  const a1Attended = await book(a1, 'attended', 4)
  await book(a1, 'no_show')
  await book(a1, 'cancelled')
  await book(a1, 'cancelled', 1, { everHeldPlace: false })
  // Two ratings, 5 and 4; the 4's comment was hidden by moderation and still counts.
  await rate(a1Attended[0]!, 5)
  await rate(a1Attended[1]!, 4, { hidden: true })
  // A2 (4 places) on the 28th, not started at NOW: 2 booked, 1 waiting.
  const a2 = await slot(aYoga, '2026-10-28T10:00', 4)
  await book(a2, 'confirmed', 2)
  await book(a2, 'waitlisted')
  // A3 (6 places), cancelled by the centre: its bookings count nowhere, the session once.
  const a3 = await slot(aYoga, '2026-10-12T10:00', 6)
  await book(a3, 'cancelled', 2)
  await book(a3, 'cancelled', 1, { everHeldPlace: false })
  await db
    .update(slots)
    .set({ status: 'cancelled', cancelledAt: shanghai('2026-10-11T09:00') })
    .where(eq(slots.id, a3))
  // A4 (2 places) at 00:30 on 1 October in Shanghai — still 30 September in UTC: October.
  await book(await slot(aYoga, '2026-10-01T00:30', 2), 'attended')

  // The period before: A5 at 23:30 on 30 September (2 came, 2 didn't), A6 on 10 September (4 came).
  const a5 = await slot(aYoga, '2026-09-30T23:30', 4)
  await book(a5, 'attended', 2)
  await book(a5, 'no_show', 2)
  await book(await slot(aYoga, '2026-09-10T10:00', 4), 'attended', 4)
  // Outside both periods: November, and August.
  await book(await slot(aYoga, '2026-11-02T10:00', 3), 'attended', 3)
  await book(await slot(aYoga, '2026-08-30T10:00', 3), 'attended', 3)

  // Centre B offers all five kinds. October: B1 full (5 of 5 came), B2 2 came and 1 didn't.
  const bYoga = await service(b, 'fitness')
  for (const category of ['government', 'training', 'culture', 'elder_care'] as const) await service(b, category)
  const b1 = await slot(bYoga, '2026-10-05T10:00', 5)
  const b1Attended = await book(b1, 'attended', 5)
  await rate(b1Attended[0]!, 3)
  const b2 = await slot(bYoga, '2026-10-06T10:00', 5)
  await book(b2, 'attended', 2)
  await book(b2, 'no_show')

  // Centre C offers culture only. October: C1 (2 places) both came; one still waiting, one gave up waiting.
  const cCulture = await service(c, 'culture')
  const c1 = await slot(cCulture, '2026-10-08T10:00', 2)
  await book(c1, 'attended', 2)
  await book(c1, 'waitlisted')
  await book(c1, 'cancelled', 1, { everHeldPlace: false })

  // Another district: never in this comparison.
  const elsewhere = await createCentre(db)
  const elsewhereService = await createService(db, { centreId: elsewhere.id })
  await book(
    (await createSlot(db, { serviceId: elsewhereService.id, startsAt: shanghai('2026-10-09T10:00') })).id,
    'attended',
    3,
  )

  // Inspections. A: 20 Sept [5,4,3] = 4.0 → 80; 15 Oct [5,5,4,4] = 4.5 → 90; 5 Nov [1,1] (after October) → 20.
  const inspector = await createResident(db)
  const items = (
    await db
      .insert(inspectionChecklistItems)
      // Keys of their own: the migrations already put the default checklist in every database.
      .values(
        ['clean', 'hours', 'access', 'staff', 'safety'].map((key) => ({
          key: `comparison-${key}`,
          labelZh: key,
          labelEn: key,
        })),
      )
      .returning({ id: inspectionChecklistItems.id })
  ).map((row) => row.id)
  const aSeptember = await inspect(a, '2026-09-20', [5, 4, 3], inspector.id, items)
  const aOctober = await inspect(a, '2026-10-15', [5, 5, 4, 4], inspector.id, items)
  await inspect(a, '2026-11-05', [1, 1], inspector.id, items)
  // A's issues: fix by 5 Oct, never fixed → overdue at NOW, not yet on 1 Oct;
  // fix by 25 Sept, fixed 3 Oct → overdue on 1 Oct, not at NOW;
  // fix by 30 Oct, open → not yet overdue at NOW.
  await issue(aSeptember, a, '2026-10-05')
  await issue(aSeptember, a, '2026-09-25', '2026-10-03T10:00')
  await issue(aOctober, a, '2026-10-30')
  // C: 2 Oct [3] → 60, with an issue to fix by 10 Oct, open → overdue at NOW.
  const cOctober = await inspect(c, '2026-10-02', [3], inspector.id, items)
  await issue(cOctober, c, '2026-10-10')

  // Staff, and their login cookies.
  const person = async (
    grant: { role: 'district_admin' | 'street_staff' | 'operator'; streetId?: number; centreId?: number } | null,
  ) => {
    const user = await createResident(db)
    if (grant) await db.insert(roleGrants).values({ userId: user.id, ...grant })
    return { id: user.id, cookie: (await startSession({ userId: user.id, remember: false })).split(';')[0]! }
  }
  const admin = await person({ role: 'district_admin' })
  const staffX = await person({ role: 'street_staff', streetId: streetX.id })
  const staffY = await person({ role: 'street_staff', streetId: streetY.id })
  const operator = await person({ role: 'operator', centreId: a })
  const resident = await person(null)
  Object.assign(fixture, {
    districtId: d!.id,
    streetX,
    streetY,
    a,
    b,
    c,
    cookies: {
      admin: admin.cookie,
      staffX: staffX.cookie,
      staffY: staffY.cookie,
      operator: operator.cookie,
      resident: resident.cookie,
    },
  })
}

const october = (): Period =>
  comparison.resolvePeriod({ kind: 'range', from: '2026-10-01', until: '2026-10-31', today: '2026-10-25' })!

async function countsFor(streetIds?: number[]) {
  return district.comparisonCounts({
    districtId: fixture.districtId,
    streetIds,
    period: october(),
    timeZone: 'Asia/Shanghai',
    now: new Date(NOW),
    lang: 'en',
  })
}

describe('the comparison figures', () => {
  test('the period before is of equal length', () => {
    expect(october()).toMatchObject({ days: 31, previousFrom: '2026-08-31', previousUntil: '2026-09-30' })
    expect(comparison.resolvePeriod({ kind: 'this-month', today: '2026-03-15' })).toMatchObject({
      from: '2026-03-01',
      until: '2026-03-31',
      previousFrom: '2026-01-29',
      previousUntil: '2026-02-28',
    })
    expect(comparison.resolvePeriod({ kind: 'last-month', today: '2026-01-10' })).toMatchObject({
      from: '2025-12-01',
      until: '2025-12-31',
    })
    expect(
      comparison.resolvePeriod({ kind: 'range', from: '2026-10-31', until: '2026-10-01', today: '2026-10-25' }),
    ).toBeNull()
    // At most 366 days: 2025 and New Year's Day is one day too many.
    expect(
      comparison.resolvePeriod({ kind: 'range', from: '2025-01-01', until: '2026-01-01', today: '2026-10-25' }),
    ).toMatchObject({ days: 366 })
    expect(
      comparison.resolvePeriod({ kind: 'range', from: '2025-01-01', until: '2026-01-02', today: '2026-10-25' }),
    ).toBeNull()
  })

  test('match the counts worked out by hand', async () => {
    const rows = await countsFor()
    expect(rows.map((row) => row.name)).toEqual(['Centre A', 'Centre B', 'Centre C'])
    const [a, b, c] = rows
    // A in October: A1 (10 places: 4 attended, 1 no-show), A2 (4: 2 booked, not started),
    // A4 (2: 1 attended); A3 cancelled by the centre. Waiting, never placed: A1's and A2's.
    expect(a!.current.counts).toEqual({
      slots: 3,
      cancelledSlots: 1,
      capacity: 16,
      booked: 8,
      bookedStarted: 6,
      attended: 5,
      noShows: 1,
      waitlistDemand: 2,
      ratingSum: 9,
      ratings: 2,
    })
    expect(a!.current.standing).toEqual({
      catchmentPopulation: 2000,
      inspectionScore: 90,
      overdueIssues: 1,
      services: { government: 1, training: 0, fitness: 1, culture: 1, elder_care: 0 },
    })
    // A before: A5 (4: 2 attended, 2 no-shows) and A6 (4: 4 attended).
    expect(a!.previous.counts).toEqual({
      slots: 2,
      cancelledSlots: 0,
      capacity: 8,
      booked: 8,
      bookedStarted: 8,
      attended: 6,
      noShows: 2,
      waitlistDemand: 0,
      ratingSum: 0,
      ratings: 0,
    })
    expect(a!.previous.standing).toMatchObject({ inspectionScore: 80, overdueIssues: 1 })
    expect(b!.current.counts).toEqual({
      slots: 2,
      cancelledSlots: 0,
      capacity: 10,
      booked: 8,
      bookedStarted: 8,
      attended: 7,
      noShows: 1,
      waitlistDemand: 0,
      ratingSum: 3,
      ratings: 1,
    })
    expect(b!.current.standing).toMatchObject({ inspectionScore: null, overdueIssues: 0 })
    expect(b!.previous.counts.slots).toBe(0)
    expect(c!.current.counts).toMatchObject({ slots: 1, capacity: 2, booked: 2, attended: 2, waitlistDemand: 2 })
    expect(c!.current.standing).toMatchObject({ catchmentPopulation: 0, inspectionScore: 60, overdueIssues: 1 })
    // C's inspection (2 Oct) came after the period before ended, and so did its issue.
    expect(c!.previous.standing).toMatchObject({ inspectionScore: null, overdueIssues: 0 })
  })

  test('the figures, points and composite scores are the ones worked out by hand', async () => {
    const rows = await countsFor()
    const scored = comparison.scoreCentres(
      rows.map((row) => ({ name: row.name, ...row.current })),
      comparison.DEFAULT_WEIGHTS,
    )
    const [a, b, c] = scored
    expect(a!.figures).toEqual({
      bookingsPer1000: 4, // 8 × 1000 / 2000
      fillRate: 50, // 8 / 16
      attendanceRate: 83, // 5 / 6
      noShowRate: 17, // 1 / 6
      waitlistDemand: 2,
      centreCancellations: 1,
      rating: 4.5, // (5 + 4) / 2, the hidden comment's rating included
      ratingCount: 2,
      inspectionScore: 90,
      overdueIssues: 1,
      categoriesOffered: 3,
      booked: 8,
      slots: 3,
    })
    expect(b!.figures).toMatchObject({
      bookingsPer1000: 8,
      fillRate: 80,
      attendanceRate: 88,
      noShowRate: 13,
      rating: 3,
    })
    expect(c!.figures).toMatchObject({ bookingsPer1000: null, fillRate: 100, rating: null, categoriesOffered: 1 })

    // Points, with the best bookings per 1,000 at 8 (B) and the most overdue issues at 1:
    // A: 50, 50, 83.3, 83.3, 80 (2 of 10 wanting a place didn't get one), 75 (1 of 4
    //    sessions cancelled), 87.5, 90, 0, 60 → (3·50 + 2·50 + 2·83.3 + 83.3 + 80 + 75 +
    //    2·87.5 + 2·90 + 0 + 60) / 16 = 1070 / 16 = 66.875
    // B: 100, 80, 87.5, 87.5, 100, 100, 50, –, 100, 100 → 1222.5 / 14 = 87.32
    // C: –, 100, 100, 100, 50, 100, –, 60, 0, 20 → 790 / 11 = 71.82
    expect(a!.points.attendanceRate).toBeCloseTo(83.333, 3)
    expect(a!.points.waitlistDemand).toBe(80)
    expect(a!.points.centreCancellations).toBe(75)
    expect(scored.map((row) => row.composite)).toEqual([66.9, 87.3, 71.8])
  })

  test('the composite score respects the weights: changing one changes the order', async () => {
    const rows = (await countsFor()).map((row) => ({ name: row.name, ...row.current }))
    const order = (weights: typeof comparison.DEFAULT_WEIGHTS) =>
      comparison
        .scoreCentres(rows, weights)
        .sort((x, y) => (y.composite ?? -1) - (x.composite ?? -1))
        .map((row) => [row.name, row.composite])
    expect(order(comparison.DEFAULT_WEIGHTS)).toEqual([
      ['Centre B', 87.3],
      ['Centre C', 71.8],
      ['Centre A', 66.9],
    ])
    // Rating from 2 to 9: A (1070 + 7·87.5) / 23 = 73.15, B (1222.5 + 7·50) / 21 = 74.88, C (no ratings) stays.
    expect(order({ ...comparison.DEFAULT_WEIGHTS, rating: 9 })).toEqual([
      ['Centre B', 74.9],
      ['Centre A', 73.2],
      ['Centre C', 71.8],
    ])
    // Only the fill rate: the points are the rates themselves.
    const onlyFill = Object.fromEntries(comparison.comparisonMeasures.map((measure) => [measure, 0]))
    expect(order({ ...(onlyFill as typeof comparison.DEFAULT_WEIGHTS), fillRate: 1 })).toEqual([
      ['Centre C', 100],
      ['Centre B', 80],
      ['Centre A', 50],
    ])
  })
})

/** A request for `path` by one of the fixture's people, made at NOW. */
function request(path: string, who: keyof typeof fixture.cookies | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  headers.set('X-Linli-Test-Now', new Date(NOW).toISOString())
  headers.set('Accept-Language', 'en')
  if (who) headers.set('Cookie', fixture.cookies[who])
  return new Request(`http://localhost${path}`, { ...init, headers })
}

/** What a loader answered: its data, or the status of the response it threw. */
async function load<T>(run: () => Promise<T>): Promise<T | number> {
  try {
    const result = await run()
    return result instanceof Response ? result.status : result
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

const args = (req: Request) => ({ request: req, params: {}, context: {} })

async function pageAs(who: keyof typeof fixture.cookies | null, query = '') {
  return load(() => page.loader(args(request(`/district/comparison${OCTOBER}${query}`, who))))
}

function rowsOf(result: Awaited<ReturnType<typeof pageAs>>) {
  if (typeof result === 'number') throw new Error(`the page answered ${result}`)
  return result.rows.map((row) => [row.name, row.composite, row.compositeChange, row.rank])
}

describe('the comparison page', () => {
  test('district admins see every centre, ranked, with the change since the period before', async () => {
    // The period before, default weights: A (100, 100, 75, 75, 100, 100, –, 80, 0, 60) → 1145 / 14 = 81.8;
    // B (per 1,000 at 0, overdue 100, kinds 100) → 200 / 5 = 40; C (overdue 100, kinds 20) → 120 / 2 = 60.
    expect(rowsOf(await pageAs('admin'))).toEqual([
      ['Centre B', 87.3, 47.3, 1],
      ['Centre C', 71.8, 11.8, 2],
      ['Centre A', 66.9, -14.9, 3],
    ])
    const sorted = await pageAs('admin', '&sort=fillRate&dir=asc')
    expect(rowsOf(sorted).map((row) => row[0])).toEqual(['Centre A', 'Centre B', 'Centre C'])
    const byRating = await pageAs('admin', '&sort=rating&dir=asc')
    // Centres without ratings go last, whichever way round.
    expect(rowsOf(byRating).map((row) => row[0])).toEqual(['Centre B', 'Centre A', 'Centre C'])
  })

  test('street-office staff see only their own street, and are refused another', async () => {
    expect(rowsOf(await pageAs('staffX')).map((row) => row[0])).toEqual(['Centre B', 'Centre A'])
    expect(rowsOf(await pageAs('staffX', `&street=${fixture.streetX.slug}`)).map((row) => row[0])).toEqual([
      'Centre B',
      'Centre A',
    ])
    expect(rowsOf(await pageAs('staffY')).map((row) => row[0])).toEqual(['Centre C'])
    expect(await pageAs('staffX', `&street=${fixture.streetY.slug}`)).toBe(403)
    expect(await pageAs('staffX', '&street=no-such-street')).toBe(404)
    expect(await pageAs('operator')).toBe(403)
    expect(await pageAs('resident')).toBe(403)
    expect(await pageAs(null)).toBe(302)
    // The admin may narrow to one street.
    expect(rowsOf(await pageAs('admin', `&street=${fixture.streetY.slug}`)).map((row) => row[0])).toEqual(['Centre C'])

    const csvAs = (who: keyof typeof fixture.cookies, query = '') =>
      load(() => csv.loader(args(request(`/district/comparison.csv${OCTOBER}${query}`, who))))
    expect(await csvAs('staffX', `&street=${fixture.streetY.slug}`)).toBe(403)
    expect(await csvAs('operator')).toBe(403)
    expect(
      await load(() =>
        print.loader(args(request(`/district/comparison/print${OCTOBER}&street=${fixture.streetY.slug}`, 'staffX'))),
      ),
    ).toBe(403)

    const response = await csv.loader(args(request(`/district/comparison.csv${OCTOBER}`, 'staffX')))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await response.arrayBuffer())
    // UTF-8 with a byte-order mark, so Excel reads the Chinese.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('"Centre A"')
    expect(text).toContain('"Centre B"')
    expect(text).not.toContain('Centre C')
  })

  test('a wrong range is a message, never an error page; the CSV answers 400', async () => {
    const reversed = await load(() =>
      page.loader(args(request('/district/comparison?period=range&from=2026-10-31&until=2026-10-01', 'admin'))),
    )
    expect(reversed).toMatchObject({ periodError: true, period: { kind: 'this-month', from: '2026-10-01' } })
    const junk = await load(() =>
      page.loader(
        args(request('/district/comparison?period=range&from=banana&until=%00&sort=%3Cx%3E&street=', 'admin')),
      ),
    )
    expect(junk).toMatchObject({ periodError: true, sort: 'composite' })
    const badCsv = await csv.loader(
      args(request('/district/comparison.csv?period=range&from=2026-10-31&until=2026-10-01', 'admin')),
    )
    expect(badCsv.status).toBe(400)
  })
})

describe('the weights', () => {
  const post = (who: keyof typeof fixture.cookies, form: Record<string, string>) =>
    load(() =>
      page.action(
        args(
          request(`/district/comparison${OCTOBER}`, who, {
            method: 'POST',
            body: new URLSearchParams(form),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          }),
        ),
      ),
    )
  const weightsForm = (weights: Record<string, number>) => ({
    intent: 'weights',
    ...Object.fromEntries(Object.entries(weights).map(([measure, weight]) => [measure, String(weight)])),
  })

  test('street staff cannot change them', async () => {
    expect(await post('staffX', weightsForm({ ...comparison.DEFAULT_WEIGHTS, rating: 9 }))).toBe(403)
    expect(await post('operator', weightsForm({ ...comparison.DEFAULT_WEIGHTS, rating: 9 }))).toBe(403)
    const saved = await connection.db.select().from(comparisonWeights)
    expect(saved).toEqual([])
  })

  test('bad weights are refused with a 400 and change nothing', async () => {
    const tooBig = await load(() =>
      page.action(
        args(
          request(`/district/comparison${OCTOBER}`, 'admin', {
            method: 'POST',
            body: new URLSearchParams(weightsForm({ ...comparison.DEFAULT_WEIGHTS, rating: 11 })),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          }),
        ),
      ),
    )
    // A 400 comes back as data with its status (Remix's data()), not a thrown Response.
    expect(tooBig).toMatchObject({ init: { status: 400 } })
    expect(JSON.stringify(tooBig)).toContain('district:weights.errors.range')
    const allZero = Object.fromEntries(comparison.comparisonMeasures.map((measure) => [measure, 0]))
    const refused = await post('admin', weightsForm(allZero))
    expect(refused).toMatchObject({ init: { status: 400 } })
    expect(JSON.stringify(refused)).toContain('district:weights.errors.allZero')
    expect(await connection.db.select().from(comparisonWeights)).toEqual([])
  })

  test('a district admin changes them, the change is audited, and the order follows', async () => {
    expect(await post('admin', weightsForm({ ...comparison.DEFAULT_WEIGHTS, rating: 9 }))).toBe(302)
    const saved = await connection.db
      .select({ measure: comparisonWeights.measure, weight: comparisonWeights.weight })
      .from(comparisonWeights)
      .where(and(eq(comparisonWeights.districtId, fixture.districtId), eq(comparisonWeights.measure, 'rating')))
    expect(saved).toEqual([{ measure: 'rating', weight: 9 }])
    const [audit] = await connection.db
      .select({ details: auditLog.details, entityId: auditLog.entityId })
      .from(auditLog)
      .where(eq(auditLog.action, 'update_comparison_weights'))
    expect(audit).toMatchObject({
      entityId: fixture.districtId,
      details: { before: { rating: 2 }, after: { rating: 9 } },
    })
    expect(rowsOf(await pageAs('staffX')).map((row) => row.slice(0, 2))).toEqual([
      ['Centre B', 74.9],
      ['Centre A', 73.2],
    ])
    expect(rowsOf(await pageAs('admin')).map((row) => row.slice(0, 2))).toEqual([
      ['Centre B', 74.9],
      ['Centre A', 73.2],
      ['Centre C', 71.8],
    ])
  })
})
