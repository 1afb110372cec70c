import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseConnection } from '#db/connect.server.ts'
import { bookings, feedback, roleGrants, slots } from '#db/schema/index.ts'
import { createCentre, createResident, createService, createSlot, insertBooking } from '#tests/fixtures/factories.ts'
import { miscountedSlots } from '#tests/fixtures/slot-counters.ts'
import { migratedPglite, migratedPostgres } from '#tests/setup/database.ts'

/** The constraint a failed statement broke, whichever driver reported it. */
async function violatedConstraint(statement: Promise<unknown>): Promise<string> {
  try {
    await statement
  } catch (error) {
    const cause =
      (error as { cause?: { constraint?: string; constraint_name?: string; message?: string } }).cause ?? error
    const { constraint, constraint_name, message } = cause as {
      constraint?: string
      constraint_name?: string
      message?: string
    }
    return constraint ?? constraint_name ?? message ?? String(error)
  }
  throw new Error('the database accepted a change it should have refused')
}

// The rules of DOMAIN.md that the database itself enforces, on real Postgres and on
// the embedded PGlite default alike.
describe.each([
  ['PostgreSQL', migratedPostgres],
  ['PGlite', migratedPglite],
] as const)('database rules on %s', (_name, open) => {
  let connection: DatabaseConnection

  beforeAll(async () => {
    connection = await open()
  })
  afterAll(async () => {
    await connection?.close()
  })

  async function slotWithCapacity(capacity: number) {
    const centre = await createCentre(connection.db)
    const service = await createService(connection.db, { centreId: centre.id })
    return createSlot(connection.db, { serviceId: service.id, capacity })
  }

  async function seats(slotId: number) {
    const [row] = await connection.db
      .select({ seatsTaken: slots.seatsTaken, waitlisted: slots.waitlistedCount })
      .from(slots)
      .where(eq(slots.id, slotId))
    return row!
  }

  test('refuses a confirmed booking over the slot capacity', async () => {
    const slot = await slotWithCapacity(2)
    for (let index = 0; index < 2; index++) {
      const resident = await createResident(connection.db)
      await insertBooking(connection.db, { slotId: slot.id, userId: resident.id })
    }
    const late = await createResident(connection.db)
    expect(await violatedConstraint(insertBooking(connection.db, { slotId: slot.id, userId: late.id }))).toMatch(
      /slots_seats_taken_check/,
    )
    // Waiting for a place is not taking one.
    await insertBooking(connection.db, { slotId: slot.id, userId: late.id, status: 'waitlisted' })
    expect(await seats(slot.id)).toEqual({ seatsTaken: 2, waitlisted: 1 })
  })

  test('refuses turning a waitlisted booking into a confirmed one when the slot is full', async () => {
    const slot = await slotWithCapacity(1)
    const first = await createResident(connection.db)
    const second = await createResident(connection.db)
    await insertBooking(connection.db, { slotId: slot.id, userId: first.id })
    const waiting = await insertBooking(connection.db, { slotId: slot.id, userId: second.id, status: 'waitlisted' })
    expect(
      await violatedConstraint(
        connection.db.update(bookings).set({ status: 'confirmed' }).where(eq(bookings.id, waiting.id)),
      ),
    ).toMatch(/slots_seats_taken_check/)
  })

  test('frees the seat when a booking is cancelled', async () => {
    const slot = await slotWithCapacity(1)
    const resident = await createResident(connection.db)
    const booking = await insertBooking(connection.db, { slotId: slot.id, userId: resident.id })
    await connection.db
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where(eq(bookings.id, booking.id))
    expect(await seats(slot.id)).toEqual({ seatsTaken: 0, waitlisted: 0 })
  })

  test('refuses a second active booking for the same attendee on a slot', async () => {
    const slot = await slotWithCapacity(5)
    const resident = await createResident(connection.db)
    const first = await insertBooking(connection.db, { slotId: slot.id, userId: resident.id })
    expect(
      await violatedConstraint(
        insertBooking(connection.db, { slotId: slot.id, userId: resident.id, status: 'waitlisted' }),
      ),
    ).toMatch(/bookings_active_user_attendee_key/)
    // Once the first is cancelled, booking again is fine.
    await connection.db
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where(eq(bookings.id, first.id))
    await insertBooking(connection.db, { slotId: slot.id, userId: resident.id })
    expect((await seats(slot.id)).seatsTaken).toBe(1)
  })

  test('refuses a slot that ends before it starts, or has no capacity', async () => {
    const centre = await createCentre(connection.db)
    const service = await createService(connection.db, { centreId: centre.id })
    const startsAt = new Date(Date.now() + 86_400_000)
    expect(
      await violatedConstraint(
        connection.db
          .insert(slots)
          .values({ serviceId: service.id, capacity: 5, startsAt, endsAt: new Date(startsAt.getTime() - 1) }),
      ),
    ).toMatch(/slots_time_order_check/)
    expect(
      await violatedConstraint(
        connection.db
          .insert(slots)
          .values({ serviceId: service.id, capacity: 0, startsAt, endsAt: new Date(startsAt.getTime() + 1) }),
      ),
    ).toMatch(/slots_capacity_check/)
  })

  test('refuses lowering capacity below the seats taken', async () => {
    const slot = await slotWithCapacity(3)
    for (let index = 0; index < 2; index++) {
      const resident = await createResident(connection.db)
      await insertBooking(connection.db, { slotId: slot.id, userId: resident.id })
    }
    expect(
      await violatedConstraint(connection.db.update(slots).set({ capacity: 1 }).where(eq(slots.id, slot.id))),
    ).toMatch(/slots_seats_taken_check/)
    await connection.db.update(slots).set({ capacity: 2 }).where(eq(slots.id, slot.id))
  })

  test('refuses setting the seat counters by hand', async () => {
    const slot = await slotWithCapacity(3)
    expect(
      await violatedConstraint(connection.db.update(slots).set({ seatsTaken: 2 }).where(eq(slots.id, slot.id))),
    ).toMatch(/maintained by bookings/)
    expect(
      await violatedConstraint(connection.db.update(slots).set({ ratingSum: 5 }).where(eq(slots.id, slot.id))),
    ).toMatch(/maintained by bookings/)
    const startsAt = new Date(Date.now() + 86_400_000)
    expect(
      await violatedConstraint(
        connection.db.insert(slots).values({
          serviceId: (await createService(connection.db, { centreId: (await createCentre(connection.db)).id })).id,
          capacity: 5,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
          attendedCount: 1,
        }),
      ),
    ).toMatch(/starts with no bookings/)
  })

  test("keeps a slot's figures through its bookings' lives and their ratings, and keeps each booking on its slot", async () => {
    const slot = await slotWithCapacity(2)
    const other = await slotWithCapacity(2)
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => createResident(connection.db)))
    const setBooking = (id: number, values: Partial<typeof bookings.$inferInsert>) =>
      connection.db.update(bookings).set(values).where(eq(bookings.id, id))
    const figures = async (slotId: number) => {
      const [row] = await connection.db
        .select({
          seatsTaken: slots.seatsTaken,
          waitlisted: slots.waitlistedCount,
          attended: slots.attendedCount,
          noShows: slots.noShowCount,
          demand: slots.waitlistDemand,
          givenBack: slots.cancelledSeats,
          ratingSum: slots.ratingSum,
          ratings: slots.ratingCount,
        })
        .from(slots)
        .where(eq(slots.id, slotId))
      return row!
    }

    const attends = await insertBooking(connection.db, { slotId: slot.id, userId: a!.id })
    const givesBack = await insertBooking(connection.db, { slotId: slot.id, userId: b!.id })
    const waits = await insertBooking(connection.db, { slotId: slot.id, userId: c!.id, status: 'waitlisted' })
    const givesUp = await insertBooking(connection.db, { slotId: slot.id, userId: d!.id, status: 'waitlisted' })
    expect(await figures(slot.id)).toMatchObject({ seatsTaken: 2, waitlisted: 2, demand: 2, givenBack: 0 })

    // A seat given back and the first in line promoted: the promoted one is no longer unmet demand.
    await setBooking(givesBack.id, { status: 'cancelled', cancelledAt: new Date() })
    await setBooking(waits.id, { status: 'confirmed', confirmedAt: new Date() })
    await setBooking(givesUp.id, { status: 'cancelled', cancelledAt: new Date() })
    expect(await figures(slot.id)).toMatchObject({ seatsTaken: 2, waitlisted: 0, demand: 1, givenBack: 1 })

    await setBooking(attends.id, { status: 'attended', checkedInAt: new Date() })
    await setBooking(waits.id, { status: 'no_show' })
    const [rating] = await connection.db
      .insert(feedback)
      .values({ bookingId: attends.id, authorUserId: a!.id, rating: 4 })
      .returning({ id: feedback.id })
    await connection.db.update(feedback).set({ rating: 5 }).where(eq(feedback.id, rating!.id))
    expect(await figures(slot.id)).toEqual({
      seatsTaken: 2,
      waitlisted: 0,
      attended: 1,
      noShows: 1,
      demand: 1,
      givenBack: 1,
      ratingSum: 5,
      ratings: 1,
    })

    // A booking stays on its slot: its counts and rating could not follow it.
    expect(await violatedConstraint(setBooking(attends.id, { slotId: other.id }))).toMatch(/stays on its slot/)
    await connection.db.delete(feedback).where(eq(feedback.id, rating!.id))
    expect(await figures(slot.id)).toMatchObject({ attended: 1, ratingSum: 0, ratings: 0 })
    expect(await miscountedSlots(connection.db, [slot.id, other.id])).toEqual([])
  })

  test('refuses a staff grant whose scope does not fit its role', async () => {
    const centre = await createCentre(connection.db)
    const resident = await createResident(connection.db)
    expect(
      await violatedConstraint(connection.db.insert(roleGrants).values({ userId: resident.id, role: 'operator' })),
    ).toMatch(/role_grants_scope_check/)
    expect(
      await violatedConstraint(
        connection.db.insert(roleGrants).values({ userId: resident.id, role: 'street_staff', centreId: centre.id }),
      ),
    ).toMatch(/role_grants_scope_check/)
  })
})
