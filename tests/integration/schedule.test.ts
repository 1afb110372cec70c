import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseConnection } from '#db/connect.server.ts'
import { auditLog, bookings, notifications, slots } from '#db/schema/index.ts'
import { createCentre, createResident, createService, createSlot, insertBooking } from '#tests/fixtures/factories.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

// The operator's schedule changes against real Postgres, through the app's own models.
let connection: DatabaseConnection & { url: string }
let schedule: typeof import('#app/models/schedule.server.ts')
let serviceAdmin: typeof import('#app/models/service-admin.server.ts')

beforeAll(async () => {
  connection = await migratedPostgres()
  // The models use the app's handle, which reads DATABASE_URL when first imported.
  process.env.DATABASE_URL = connection.url
  schedule = await import('#app/models/schedule.server.ts')
  serviceAdmin = await import('#app/models/service-admin.server.ts')
})
afterAll(async () => {
  await (await import('#db/client.server.ts')).closeDatabase()
  await connection?.close()
})

const DAY = 86_400_000

async function slotOf(id: number) {
  const [row] = await connection.db
    .select({
      capacity: slots.capacity,
      seatsTaken: slots.seatsTaken,
      waitlisted: slots.waitlistedCount,
      status: slots.status,
      startsAt: slots.startsAt,
      movedFromStartsAt: slots.movedFromStartsAt,
    })
    .from(slots)
    .where(eq(slots.id, id))
  return row!
}

async function auditRows(entityType: string, entityId: number) {
  return connection.db
    .select({ actorUserId: auditLog.actorUserId, action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
}

/** A centre with a service and a slot in three days holding `confirmed` bookings and `waiting` on the list. */
async function bookedSlot({
  capacity,
  confirmed,
  waiting = 0,
}: {
  capacity: number
  confirmed: number
  waiting?: number
}) {
  const centre = await createCentre(connection.db)
  const service = await createService(connection.db, { centreId: centre.id })
  // On a whole minute, as an operator's form can name it.
  const startsAt = new Date(Math.floor((Date.now() + 3 * DAY) / 60_000) * 60_000)
  const slot = await createSlot(connection.db, { serviceId: service.id, capacity, startsAt })
  const residents = []
  for (let index = 0; index < confirmed + waiting; index++) {
    const resident = await createResident(connection.db)
    await insertBooking(connection.db, {
      slotId: slot.id,
      userId: resident.id,
      status: index < confirmed ? 'confirmed' : 'waitlisted',
    })
    residents.push(resident)
  }
  const operator = await createResident(connection.db)
  return { centre, service, slot, residents, operator }
}

const editTo = (slot: { startsAt: Date }, capacity: number) => {
  const local = new Date(slot.startsAt.getTime() + 8 * 3_600_000).toISOString()
  return { date: local.slice(0, 10), startTime: local.slice(11, 16), durationMinutes: 60, capacity }
}

describe('capacity', () => {
  test('is never lowered below the confirmed places, and a refusal changes nothing', async () => {
    const { centre, slot, operator } = await bookedSlot({ capacity: 5, confirmed: 3 })
    const before = await slotOf(slot.id)
    const outcome = await schedule.editSlot({
      actorUserId: operator.id,
      centreId: centre.id,
      slotId: slot.id,
      scope: 'one',
      ...editTo(before, 2),
    })
    expect(outcome).toMatchObject({ ok: false, reason: 'below_confirmed', confirmed: 3 })
    expect(await slotOf(slot.id)).toEqual(before)
    expect(await auditRows('slot', slot.id)).toEqual([])

    // Down to exactly the confirmed count is fine, and audited with before and after.
    const lowered = await schedule.editSlot({
      actorUserId: operator.id,
      centreId: centre.id,
      slotId: slot.id,
      scope: 'one',
      ...editTo(before, 3),
    })
    expect(lowered).toMatchObject({ ok: true, changed: 1, moved: 0 })
    expect((await slotOf(slot.id)).capacity).toBe(3)
    const [audit] = await auditRows('slot', slot.id)
    expect(audit).toMatchObject({ actorUserId: operator.id, action: 'edit_slot' })
    expect(audit!.details).toMatchObject({ slots: [{ id: slot.id, before: { capacity: 5 }, after: { capacity: 3 } }] })
  })

  test('the database refuses it too, whatever the code does', async () => {
    const { slot } = await bookedSlot({ capacity: 4, confirmed: 3 })
    await expect(connection.db.update(slots).set({ capacity: 2 }).where(eq(slots.id, slot.id))).rejects.toThrow()
  })

  test('more places promote the waiting list first come, first served, each told in the same change', async () => {
    const { centre, slot, residents, operator } = await bookedSlot({ capacity: 2, confirmed: 2, waiting: 3 })
    const before = await slotOf(slot.id)
    const outcome = await schedule.editSlot({
      actorUserId: operator.id,
      centreId: centre.id,
      slotId: slot.id,
      scope: 'one',
      ...editTo(before, 4),
    })
    expect(outcome).toMatchObject({ ok: true, promoted: 2 })
    expect(await slotOf(slot.id)).toMatchObject({ capacity: 4, seatsTaken: 4, waitlisted: 1 })
    const promoted = await connection.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.kind, 'waitlist_promoted'))
    expect(promoted.map((row) => row.userId)).toEqual(expect.arrayContaining([residents[2]!.id, residents[3]!.id]))
    expect(promoted.map((row) => row.userId)).not.toContain(residents[4]!.id)
  })
})

describe('cancelling and moving', () => {
  test('cancelling a slot cancels every booking and tells every holder, booked and waiting', async () => {
    const { centre, slot, residents, operator } = await bookedSlot({ capacity: 2, confirmed: 2, waiting: 1 })
    const outcome = await schedule.cancelSlot({
      actorUserId: operator.id,
      centreId: centre.id,
      slotId: slot.id,
      reason: '水管爆裂',
    })
    expect(outcome).toEqual({ ok: true, notified: 3 })
    expect(await slotOf(slot.id)).toMatchObject({ status: 'cancelled', seatsTaken: 0, waitlisted: 0 })
    const left = await connection.db
      .select({ status: bookings.status })
      .from(bookings)
      .where(eq(bookings.slotId, slot.id))
    expect(left.every((row) => row.status === 'cancelled')).toBe(true)
    for (const resident of residents) {
      const [notice] = await connection.db
        .select({ kind: notifications.kind, params: notifications.params })
        .from(notifications)
        .where(eq(notifications.userId, resident.id))
        .orderBy(notifications.id)
      expect(notice).toMatchObject({ kind: 'slot_cancelled', params: { reason: '水管爆裂', serviceZh: '瑜伽' } })
    }
    const [audit] = await auditRows('slot', slot.id)
    expect(audit).toMatchObject({
      actorUserId: operator.id,
      action: 'cancel_slot',
      details: { before: { status: 'scheduled', confirmed: 2, waitlisted: 1 }, after: { status: 'cancelled' } },
    })
  })

  test('moving a slot tells its residents and lets them cancel past the cutoff', async () => {
    const { centre, slot, residents, operator } = await bookedSlot({ capacity: 3, confirmed: 1 })
    const before = await slotOf(slot.id)
    const target = new Date(before.startsAt.getTime() + DAY)
    const outcome = await schedule.editSlot({
      actorUserId: operator.id,
      centreId: centre.id,
      slotId: slot.id,
      scope: 'one',
      ...editTo({ startsAt: target }, 3),
    })
    expect(outcome).toMatchObject({ ok: true, moved: 1 })
    const after = await slotOf(slot.id)
    expect(after.startsAt.getTime()).toBe(target.getTime())
    expect(after.movedFromStartsAt?.getTime()).toBe(before.startsAt.getTime())
    const [notice] = await connection.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, residents[0]!.id))
    expect(notice?.kind).toBe('slot_moved')
  })

  test('a slot or service of another centre is not found, by any id, and nothing changes', async () => {
    const a = await bookedSlot({ capacity: 3, confirmed: 1 })
    const b = await bookedSlot({ capacity: 3, confirmed: 1 })
    const asA = { actorUserId: a.operator.id, centreId: a.centre.id }
    expect(await schedule.cancelSlot({ ...asA, slotId: b.slot.id, reason: 'x' })).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(
      await schedule.editSlot({ ...asA, slotId: b.slot.id, scope: 'one', ...editTo(await slotOf(b.slot.id), 9) }),
    ).toEqual({ ok: false, reason: 'not_found' })
    expect(
      await schedule.addSlot({
        ...asA,
        serviceId: b.service.id,
        date: '2099-01-01',
        startTime: '09:00',
        durationMinutes: 60,
        capacity: 5,
      }),
    ).toEqual({ ok: false, reason: 'not_found' })
    expect(await serviceAdmin.setServiceStatus({ ...asA, serviceId: b.service.id, status: 'paused' })).toBe(false)
    expect(await serviceAdmin.getServiceForEditing({ centreId: a.centre.id, serviceId: b.service.id })).toBeNull()
    expect(await slotOf(b.slot.id)).toMatchObject({ status: 'scheduled', capacity: 3, seatsTaken: 1 })
    expect(await auditRows('slot', b.slot.id)).toEqual([])
  })
})

describe('weekly series', () => {
  test('creates what the preview showed, in one change, audited', async () => {
    const { centre, service, operator } = await bookedSlot({ capacity: 1, confirmed: 0 })
    const pattern = {
      weekdays: [1, 3],
      startTime: '09:30',
      durationMinutes: 60,
      fromDate: '2099-11-23',
      untilDate: '2099-12-09',
      skipDates: ['2099-11-25'],
    }
    const preview = await schedule.previewSeries({ centreId: centre.id, serviceId: service.id, pattern })
    const created = await schedule.addSeries({
      actorUserId: operator.id,
      centreId: centre.id,
      serviceId: service.id,
      pattern,
      capacity: 12,
    })
    expect(created).toMatchObject({ ok: true, created: preview!.occurrences.length })
    if (!created.ok) return
    const rows = await connection.db
      .select({ startsAt: slots.startsAt, capacity: slots.capacity })
      .from(slots)
      .where(eq(slots.seriesId, created.seriesId))
      .orderBy(slots.startsAt)
    expect(rows.map((row) => row.startsAt.toISOString())).toEqual(
      preview!.occurrences.map((occurrence) => occurrence.startsAt.toISOString()),
    )
    expect(rows.every((row) => row.capacity === 12)).toBe(true)
    const [audit] = await auditRows('slot_series', created.seriesId)
    expect(audit).toMatchObject({ actorUserId: operator.id, action: 'create_slot_series' })
  })
})

describe('editing a series from one slot on', () => {
  test('changes this and every later slot, each keeping its date; earlier ones stay; audited as one change', async () => {
    const { centre, service, operator } = await bookedSlot({ capacity: 1, confirmed: 0 })
    const created = await schedule.addSeries({
      actorUserId: operator.id,
      centreId: centre.id,
      serviceId: service.id,
      pattern: {
        weekdays: [2],
        startTime: '18:00',
        durationMinutes: 60,
        fromDate: '2099-03-03',
        untilDate: '2099-03-31',
        skipDates: [],
      },
      capacity: 10,
    })
    if (!created.ok) throw new Error('series not created')
    const series = await connection.db
      .select({ id: slots.id })
      .from(slots)
      .where(eq(slots.seriesId, created.seriesId))
      .orderBy(slots.startsAt)
    expect(series).toHaveLength(5)
    // Three people on the fourth Tuesday: the series can't drop to two places from the second on.
    for (let index = 0; index < 3; index++) {
      const resident = await createResident(connection.db)
      await insertBooking(connection.db, { slotId: series[3]!.id, userId: resident.id })
    }
    const change = { scope: 'future' as const, date: '2099-03-10', startTime: '19:30', durationMinutes: 90 }
    const refused = await schedule.editSlot({
      actorUserId: operator.id,
      centreId: centre.id,
      slotId: series[1]!.id,
      ...change,
      capacity: 2,
    })
    expect(refused).toMatchObject({ ok: false, reason: 'below_confirmed', confirmed: 3 })
    expect((await slotOf(series[1]!.id)).capacity).toBe(10)

    const saved = await schedule.editSlot({
      actorUserId: operator.id,
      centreId: centre.id,
      slotId: series[1]!.id,
      ...change,
      capacity: 6,
    })
    expect(saved).toMatchObject({ ok: true, changed: 4, moved: 4 })
    const after = await connection.db
      .select({ startsAt: slots.startsAt, capacity: slots.capacity })
      .from(slots)
      .where(eq(slots.seriesId, created.seriesId))
      .orderBy(slots.startsAt)
    expect(after.map((row) => [row.startsAt.toISOString(), row.capacity])).toEqual([
      ['2099-03-03T10:00:00.000Z', 10],
      ['2099-03-10T11:30:00.000Z', 6],
      ['2099-03-17T11:30:00.000Z', 6],
      ['2099-03-24T11:30:00.000Z', 6],
      ['2099-03-31T11:30:00.000Z', 6],
    ])
    // The three booked on the 24th were told of the new time.
    const moved = await connection.db
      .select({ params: notifications.params })
      .from(notifications)
      .where(eq(notifications.kind, 'slot_moved'))
    expect(moved.filter((row) => String(row.params.whenZh).includes('19:30'))).toHaveLength(3)
    const [audit] = await auditRows('slot', series[1]!.id)
    expect(audit).toMatchObject({ action: 'edit_slot_series', details: { scope: 'future' } })
    expect((audit!.details as { slots: unknown[] }).slots).toHaveLength(4)
  })

  test('a slot in the past is refused, not written', async () => {
    const { centre, service, operator } = await bookedSlot({ capacity: 1, confirmed: 0 })
    expect(
      await schedule.addSlot({
        actorUserId: operator.id,
        centreId: centre.id,
        serviceId: service.id,
        date: '2020-01-01',
        startTime: '09:00',
        durationMinutes: 60,
        capacity: 5,
      }),
    ).toEqual({ ok: false, reason: 'in_past' })
  })
})

describe('centre details and hours', () => {
  test('the operator part of the details and the week are saved with before and after in the audit log', async () => {
    const places = await import('#app/models/place.server.ts')
    const { centre, operator } = await bookedSlot({ capacity: 1, confirmed: 0 })
    const details = {
      nameZh: '新名字邻里中心',
      nameEn: 'New Name Centre',
      addressZh: '新路 2 号',
      addressEn: '2 New Road',
      phone: '0571-88880001',
      descriptionZh: '介绍',
      descriptionEn: 'About',
    }
    expect(await places.updateCentre({ actorUserId: operator.id, id: centre.id, centre: details })).toBe(true)
    await places.replaceOpeningHours({
      actorUserId: operator.id,
      centreId: centre.id,
      hours: [{ weekday: 1, opensAt: '08:30', closesAt: '12:00' }],
    })
    const rows = await auditRows('centre', centre.id)
    expect(rows.map((row) => row.action)).toEqual(['update_centre', 'update_opening_hours'])
    expect(rows[0]!.details).toMatchObject({
      before: { nameZh: '测试邻里中心', phone: '0571-88880000' },
      after: { nameZh: '新名字邻里中心', phone: '0571-88880001' },
    })
    expect(rows[1]!.details).toMatchObject({ before: [], after: [{ weekday: 1, opensAt: '08:30' }] })
  })
})
