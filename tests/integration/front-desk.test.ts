import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { attendanceRate, fillRate } from '#app/domain/figures.ts'
import type { DatabaseConnection } from '#db/connect.server.ts'
import { auditLog, bookings, slots, users } from '#db/schema/index.ts'
import { bookingReference, createCentre, createResident, createService, createSlot } from '#tests/fixtures/factories.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

// The front desk's model and the centre figures on real Postgres, against a small
// fixture whose figures are worked out by hand below.

let connection: DatabaseConnection & { url: string }
let desk: typeof import('#app/models/desk.server.ts')
let figures: typeof import('#app/models/figures.server.ts')
let verifyPassword: typeof import('#app/utils/password.server.ts').verifyPassword

beforeAll(async () => {
  connection = await migratedPostgres()
  // The models use the app's handle, which reads DATABASE_URL when first imported.
  process.env.DATABASE_URL = connection.url
  desk = await import('#app/models/desk.server.ts')
  figures = await import('#app/models/figures.server.ts')
  ;({ verifyPassword } = await import('#app/utils/password.server.ts'))
})
afterAll(async () => {
  await (await import('#db/client.server.ts')).closeDatabase()
  await connection?.close()
})

type Status = 'confirmed' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show'

/** A booking in its final state, as the engine and the desk would have left it. */
async function booking(slotId: number, status: Status, { everHeldPlace = status !== 'waitlisted' } = {}) {
  const resident = await createResident(connection.db)
  const at = new Date('2026-11-01T00:00:00Z')
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
    .returning({ id: bookings.id, reference: bookings.reference })
  return row!
}

/** A wall-clock time in Shanghai as an instant. */
const shanghai = (local: string) => new Date(`${local}:00+08:00`)

describe('centre figures', () => {
  test('match the hand-computed figures of a small fixture', async () => {
    const centre = await createCentre(connection.db)
    const other = await createCentre(connection.db)
    const yoga = await createService(connection.db, { centreId: centre.id }) // fitness
    const calligraphy = await createService(connection.db, { centreId: centre.id })
    const { services } = await import('#db/schema/index.ts')
    await connection.db
      .update(services)
      .set({ category: 'culture', nameZh: '书法', nameEn: 'Calligraphy' })
      .where(eq(services.id, calligraphy.id))
    const elsewhere = await createService(connection.db, { centreId: other.id })

    // Wednesday 25 November 2026, noon: this week runs from Monday the 23rd.
    const now = shanghai('2026-11-25T12:00')

    // This week, started: 4 places; attended, no-show, booked but not checked in; one
    // gave up a place; one queued and gave up without ever getting one.
    const s1 = await createSlot(connection.db, {
      serviceId: yoga.id,
      capacity: 4,
      startsAt: shanghai('2026-11-24T10:00'),
    })
    await booking(s1.id, 'attended')
    await booking(s1.id, 'no_show')
    await booking(s1.id, 'confirmed')
    await booking(s1.id, 'cancelled')
    await booking(s1.id, 'cancelled', { everHeldPlace: false })
    // This week, not started yet: full, with one still waiting.
    const s2 = await createSlot(connection.db, {
      serviceId: yoga.id,
      capacity: 2,
      startsAt: shanghai('2026-11-27T10:00'),
    })
    await booking(s2.id, 'confirmed')
    await booking(s2.id, 'confirmed')
    await booking(s2.id, 'waitlisted')
    // Last week: calligraphy, both came.
    const s3 = await createSlot(connection.db, {
      serviceId: calligraphy.id,
      capacity: 10,
      startsAt: shanghai('2026-11-17T14:00'),
    })
    await booking(s3.id, 'attended')
    await booking(s3.id, 'attended')
    // Left out: a slot the centre cancelled, one before the five weeks, one of another centre.
    const s4 = await createSlot(connection.db, {
      serviceId: calligraphy.id,
      capacity: 10,
      startsAt: shanghai('2026-11-18T14:00'),
    })
    await booking(s4.id, 'cancelled')
    await connection.db.update(slots).set({ status: 'cancelled', cancelledAt: now }).where(eq(slots.id, s4.id))
    const s5 = await createSlot(connection.db, {
      serviceId: yoga.id,
      capacity: 3,
      startsAt: shanghai('2026-10-25T10:00'),
    })
    await booking(s5.id, 'attended')
    const s6 = await createSlot(connection.db, {
      serviceId: elsewhere.id,
      capacity: 3,
      startsAt: shanghai('2026-11-24T10:00'),
    })
    await booking(s6.id, 'attended')

    const result = await figures.centreFigures({ centreId: centre.id, timeZone: 'Asia/Shanghai', now, lang: 'en' })
    const zero = {
      slots: 0,
      capacity: 0,
      booked: 0,
      bookedStarted: 0,
      attended: 0,
      noShows: 0,
      waitlistDemand: 0,
      cancellations: 0,
    }
    const thisWeek = {
      slots: 2,
      capacity: 6,
      booked: 5,
      bookedStarted: 3,
      attended: 1,
      noShows: 1,
      waitlistDemand: 2,
      cancellations: 1,
    }
    const lastWeek = { ...zero, slots: 1, capacity: 10, booked: 2, bookedStarted: 2, attended: 2 }
    expect(result.from).toBe('2026-10-26')
    expect(result.until).toBe('2026-11-29')
    expect(result.weeks).toEqual([
      { week: '2026-10-26', ...zero },
      { week: '2026-11-02', ...zero },
      { week: '2026-11-09', ...zero },
      { week: '2026-11-16', ...lastWeek },
      { week: '2026-11-23', ...thisWeek },
    ])
    const total = {
      slots: 3,
      capacity: 16,
      booked: 7,
      bookedStarted: 5,
      attended: 3,
      noShows: 1,
      waitlistDemand: 2,
      cancellations: 1,
    }
    expect(result.total).toEqual(total)
    expect(fillRate(result.total)).toBe(44) // 7 of 16
    expect(attendanceRate(result.total)).toBe(60) // 3 of 5
    expect(fillRate(result.weeks[4]!)).toBe(83) // 5 of 6
    expect(attendanceRate(result.weeks[4]!)).toBe(33) // 1 of 3
    expect(attendanceRate(result.weeks[0]!)).toBeNull()

    const byCategory = Object.fromEntries(result.categories.map(({ category, ...counts }) => [category, counts]))
    expect(byCategory).toEqual({
      government: zero,
      training: zero,
      fitness: thisWeek,
      culture: lastWeek,
      elder_care: zero,
    })
    expect(result.services).toEqual([
      { serviceId: yoga.id, serviceName: 'Yoga', category: 'fitness', ...thisWeek },
      { serviceId: calligraphy.id, serviceName: 'Calligraphy', category: 'culture', ...lastWeek },
    ])
  })
})

describe('front desk', () => {
  async function deskFixture() {
    const centre = await createCentre(connection.db)
    const other = await createCentre(connection.db)
    const service = await createService(connection.db, { centreId: centre.id })
    const otherService = await createService(connection.db, { centreId: other.id })
    const startsAt = new Date(Date.now() - 30 * 60_000)
    const slot = await createSlot(connection.db, { serviceId: service.id, startsAt })
    const otherSlot = await createSlot(connection.db, { serviceId: otherService.id, startsAt })
    const operator = await createResident(connection.db)
    return { centre, other, slot, otherSlot, operator }
  }

  async function statusOf(reference: string) {
    const [row] = await connection.db
      .select({ status: bookings.status, checkedInAt: bookings.checkedInAt, by: bookings.checkedInByUserId })
      .from(bookings)
      .where(eq(bookings.reference, reference))
    return row!
  }

  test('checks in, undoes, marks a no-show — each audited with before and after', async () => {
    const { centre, slot, operator } = await deskFixture()
    const { id, reference } = await booking(slot.id, 'confirmed')

    const checkedIn = await desk.changeAttendance({
      centreId: centre.id,
      reference,
      change: 'check_in',
      actorUserId: operator.id,
    })
    expect(checkedIn).toMatchObject({ ok: true, status: 'attended', slotId: slot.id })
    expect(await statusOf(reference)).toMatchObject({ status: 'attended', by: operator.id })
    expect(
      await desk.changeAttendance({ centreId: centre.id, reference, change: 'check_in', actorUserId: operator.id }),
    ).toEqual({ ok: false, reason: 'already_checked_in' })

    expect(
      await desk.changeAttendance({ centreId: centre.id, reference, change: 'undo', actorUserId: operator.id }),
    ).toMatchObject({ ok: true, status: 'confirmed' })
    expect(await statusOf(reference)).toEqual({ status: 'confirmed', checkedInAt: null, by: null })

    expect(
      await desk.changeAttendance({ centreId: centre.id, reference, change: 'no_show', actorUserId: operator.id }),
    ).toMatchObject({ ok: true, status: 'no_show' })

    const audit = await connection.db
      .select({
        action: auditLog.action,
        actor: auditLog.actorUserId,
        centreId: auditLog.centreId,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'booking'), eq(auditLog.entityId, id)))
      .orderBy(auditLog.id)
    expect(audit.map((row) => row.action)).toEqual(['booking_checked_in', 'attendance_undone', 'booking_no_show'])
    expect(audit.every((row) => row.actor === operator.id && row.centreId === centre.id)).toBe(true)
    expect(audit[0]!.details).toMatchObject({
      reference,
      before: { status: 'confirmed', checkedInAt: null },
      after: { status: 'attended', checkedInByUserId: operator.id },
    })
    expect(audit[1]!.details).toMatchObject({ before: { status: 'attended' }, after: { status: 'confirmed' } })
    // The seat stays held throughout.
    const [counts] = await connection.db
      .select({ seatsTaken: slots.seatsTaken })
      .from(slots)
      .where(eq(slots.id, slot.id))
    expect(counts!.seatsTaken).toBe(1)
  })

  test('finds nothing of another centre: its references, its slots, its rosters', async () => {
    const { centre, otherSlot, operator } = await deskFixture()
    const theirs = await booking(otherSlot.id, 'confirmed')
    for (const change of ['check_in', 'no_show', 'undo'] as const) {
      expect(
        await desk.changeAttendance({
          centreId: centre.id,
          reference: theirs.reference,
          change,
          actorUserId: operator.id,
        }),
      ).toEqual({ ok: false, reason: 'not_found' })
    }
    expect((await statusOf(theirs.reference)).status).toBe('confirmed')
    expect(await desk.getDeskSlot({ centreId: centre.id, slotId: otherSlot.id, lang: 'zh-CN' })).toBeNull()
    expect(await desk.getRoster({ centreId: centre.id, slotId: otherSlot.id })).toEqual({
      places: [],
      waitlist: [],
      cancelled: [],
    })
    expect(await desk.findDeskBooking({ centreId: centre.id, reference: theirs.reference })).toBeNull()
    expect(await desk.listBookingsForExport({ centreId: centre.id, slotId: otherSlot.id, lang: 'en' })).toEqual([])
    const audited = await connection.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, operator.id))
    expect(audited).toEqual([])
  })

  test('a roster change names its slot: a booking of another slot is not on it', async () => {
    const { centre, slot, operator } = await deskFixture()
    const service = await createService(connection.db, { centreId: centre.id })
    const second = await createSlot(connection.db, { serviceId: service.id, startsAt: new Date() })
    const { reference } = await booking(second.id, 'confirmed')
    expect(
      await desk.changeAttendance({
        centreId: centre.id,
        slotId: slot.id,
        reference,
        change: 'check_in',
        actorUserId: operator.id,
      }),
    ).toEqual({ ok: false, reason: 'not_found' })
  })

  test('shows rosters with masked phones, household bookings marked', async () => {
    const { centre, slot } = await deskFixture()
    await booking(slot.id, 'confirmed')
    await booking(slot.id, 'waitlisted')
    const roster = await desk.getRoster({ centreId: centre.id, slotId: slot.id })
    expect(roster.places).toHaveLength(1)
    expect(roster.waitlist).toHaveLength(1)
    expect(roster.places[0]!.phone).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(roster.places[0]!.forMember).toBe(false)
  })

  test('adds a resident without a usable password, once per phone, audited', async () => {
    const { centre, operator } = await deskFixture()
    const phone = `136${String(Date.now()).slice(-8)}`
    const created = await desk.createDeskResident({
      actorUserId: operator.id,
      centreId: centre.id,
      name: '赵大爷',
      phone,
      birthYear: 1948,
    })
    expect(created).toMatchObject({
      ok: true,
      resident: { name: '赵大爷', phone: `${phone.slice(0, 3)}****${phone.slice(7)}` },
    })
    const [user] = await connection.db.select({ hash: users.passwordHash }).from(users).where(eq(users.phone, phone))
    expect(await verifyPassword(user!.hash, '')).toBe(false)
    expect(await verifyPassword(user!.hash, desk.NO_PASSWORD)).toBe(false)
    expect(
      await desk.createDeskResident({
        actorUserId: operator.id,
        centreId: centre.id,
        name: '别人',
        phone,
        birthYear: 1990,
      }),
    ).toEqual({ ok: false, reason: 'phone_taken' })
    const audit = await connection.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, operator.id), eq(auditLog.entityType, 'user')))
    expect(audit).toHaveLength(1)
    expect(audit[0]!.action).toBe('resident_created_at_desk')
    expect(JSON.stringify(audit[0]!.details)).not.toContain(phone)
  })
})
