import { randomUUID } from 'node:crypto'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { connectDatabase, type DatabaseConnection } from '#db/connect.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { bookings, services, slots, users } from '#db/schema/index.ts'
import { loggedInResidents, startApp, type AppProcess } from '#tests/fixtures/app-process.ts'
import { createCentre } from '#tests/fixtures/factories.ts'
import { miscountedSlots } from '#tests/fixtures/slot-counters.ts'
import { createDatabase } from '#tests/setup/database.ts'

/**
 * The booking rules under real concurrency: two app processes behind one Postgres, and
 * hundreds of residents pressing "confirm" at the same moment, over HTTP.
 */
const RESIDENTS = 200
const ROUNDS = 20
const CAPACITY = 5

let url: string
let connection: DatabaseConnection
const servers: AppProcess[] = []
let serviceId: number
let residentCookies: string[] = []

beforeAll(async () => {
  url = await createDatabase('race')
  await migrateDatabase({ databaseUrl: url, dataDir: 'unused' })
  connection = connectDatabase({ databaseUrl: url, dataDir: 'unused' })
  const centre = await createCentre(connection.db)
  const [service] = await connection.db
    .insert(services)
    .values({
      centreId: centre.id,
      slug: 'race-yoga',
      category: 'fitness',
      bookingMode: 'class',
      nameZh: '瑜伽',
      nameEn: 'Yoga',
      maxActivePerPerson: 100,
    })
    .returning({ id: services.id })
  serviceId = service!.id
  residentCookies = (await loggedInResidents(connection.db, RESIDENTS)).cookies
  for (let index = 0; index < 2; index++) servers.push(await startApp({ env: { DATABASE_URL: url } }))
}, 120_000)

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()))
  await connection?.close()
})

async function newSlot(capacity = CAPACITY) {
  const startsAt = new Date(Date.now() + 3 * 86_400_000)
  const [slot] = await connection.db
    .insert(slots)
    .values({ serviceId, capacity, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) })
    .returning({ id: slots.id })
  return slot!.id
}

/** POSTs a form as a resident to one of the two app processes. */
async function post(path: string, cookie: string, form: Record<string, string>, server: number) {
  const { origin } = servers[server % servers.length]!
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    redirect: 'manual',
  })
  return { status: response.status, location: response.headers.get('location') ?? '' }
}

async function slotState(slotId: number) {
  const [counter] = await connection.db
    .select({ seatsTaken: slots.seatsTaken, waitlisted: slots.waitlistedCount })
    .from(slots)
    .where(eq(slots.id, slotId))
  const [rows] = await connection.db
    .select({
      confirmed: sql<number>`count(*) filter (where ${bookings.status} = 'confirmed')::int`,
      waitlisted: sql<number>`count(*) filter (where ${bookings.status} = 'waitlisted')::int`,
    })
    .from(bookings)
    .where(eq(bookings.slotId, slotId))
  return { ...counter!, ...rows! }
}

describe('racing real requests at real Postgres, across two app processes', () => {
  test(
    `${RESIDENTS} residents booking a slot with ${CAPACITY} places, ${ROUNDS} times: exactly ${CAPACITY} get places, the rest wait, no server errors`,
    { timeout: 300_000 },
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const slotId = await newSlot()
        const results = await Promise.all(
          residentCookies.map((cookie, index) =>
            post(`/book/${slotId}`, cookie, { attendee: 'self', idempotencyKey: randomUUID() }, index),
          ),
        )
        expect(
          results.filter((result) => result.status >= 500),
          `round ${round}`,
        ).toEqual([])
        expect(results.every((result) => result.status === 303 && result.location.startsWith('/bookings/'))).toBe(true)
        expect(await slotState(slotId)).toEqual({
          seatsTaken: CAPACITY,
          waitlisted: RESIDENTS - CAPACITY,
          confirmed: CAPACITY,
        })
      }
    },
  )

  test('the same resident submitting twenty times at once gets one booking', async () => {
    const slotId = await newSlot()
    const cookie = residentCookies[0]!
    // Twenty tabs, each with its own form: one booking, the rest told it exists.
    const tabs = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        post(`/book/${slotId}`, cookie, { attendee: 'self', idempotencyKey: randomUUID() }, index),
      ),
    )
    expect(tabs.filter((result) => result.status === 303)).toHaveLength(1)
    expect(tabs.filter((result) => result.status === 409)).toHaveLength(19)
    // One form submitted twenty times (a double-click, a retry): every answer is the same booking.
    const otherSlot = await newSlot()
    const key = randomUUID()
    const retries = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        post(`/book/${otherSlot}`, cookie, { attendee: 'self', idempotencyKey: key }, index),
      ),
    )
    expect(new Set(retries.map((result) => `${result.status} ${result.location}`)).size).toBe(1)
    expect(retries[0]!.status).toBe(303)
    expect((await slotState(slotId)).confirmed + (await slotState(otherSlot)).confirmed).toBe(2)
  })

  test('concurrent cancels and new bookings: the counter stays true and the waiting list is served first come, first served', async () => {
    const slotId = await newSlot()
    // Five places taken, then ten in the queue, in a known order.
    const first = residentCookies.slice(0, 5)
    const queue = residentCookies.slice(5, 15)
    const late = residentCookies.slice(15, 35)
    for (const [index, cookie] of [...first, ...queue].entries()) {
      expect(
        (await post(`/book/${slotId}`, cookie, { attendee: 'self', idempotencyKey: randomUUID() }, index)).status,
      ).toBe(303)
    }
    const queued = await connection.db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.slotId, slotId), eq(bookings.status, 'waitlisted')))
      .orderBy(asc(bookings.queuedAt), asc(bookings.id))
    const holders = await connection.db
      .select({ reference: bookings.reference, userId: bookings.bookedByUserId })
      .from(bookings)
      .where(and(eq(bookings.slotId, slotId), eq(bookings.status, 'confirmed')))
      .orderBy(asc(bookings.id))

    // All five holders cancel while twenty others try to book, all at once, on both processes.
    const cookieOf = new Map<number, string>()
    const ids = await connection.db
      .select({ id: users.id, phone: users.phone })
      .from(users)
      .where(
        inArray(
          users.id,
          holders.map((holder) => holder.userId),
        ),
      )
    expect(ids).toHaveLength(5)
    for (const [index, holder] of holders.entries()) cookieOf.set(holder.userId, first[index]!)
    const results = await Promise.all([
      ...holders.map((holder, index) =>
        post(`/bookings/${holder.reference}`, cookieOf.get(holder.userId)!, { intent: 'cancel' }, index),
      ),
      ...late.map((cookie, index) =>
        post(`/book/${slotId}`, cookie, { attendee: 'self', idempotencyKey: randomUUID() }, index),
      ),
    ])
    expect(results.filter((result) => result.status >= 500)).toEqual([])
    expect(results.every((result) => result.status === 303)).toBe(true)

    const state = await slotState(slotId)
    expect(state.seatsTaken).toBe(state.confirmed)
    expect(state.confirmed).toBe(CAPACITY)
    // Every other counter the slot keeps (seats given back, waiting-list demand…) is true too.
    expect(await miscountedSlots(connection.db, [slotId])).toEqual([])
    expect(state.waitlisted).toBe(queue.length - CAPACITY + late.length)
    // The five promoted are exactly the first five who queued.
    const confirmed = await connection.db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.slotId, slotId), eq(bookings.status, 'confirmed')))
      .orderBy(asc(bookings.id))
    expect(confirmed.map((row) => row.id)).toEqual(queued.slice(0, CAPACITY).map((row) => row.id))
    // And each promoted resident was told, once.
    const told = await connection.db.execute(
      sql`select count(*)::int as count from notifications where kind = 'waitlist_promoted' and booking_id in (${sql.join(
        confirmed.map((row) => sql`${row.id}`),
        sql`, `,
      )})`,
    )
    expect(Number((told as unknown as Array<{ count: number }>)[0]!.count)).toBe(CAPACITY)
  })
})
