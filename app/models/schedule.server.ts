import { and, asc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { seriesOccurrences, type SeriesPattern } from '#app/domain/slot-series.ts'
import { addDays, zonedDate, zonedDateTime } from '#app/domain/time.ts'
import { formatDateTimeRange } from '#app/utils/format.ts'
import { db, type Transaction } from '#db/client.server.ts'
import { bookings, centreOpeningExceptions, centres, services, slotSeries, slots } from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { constraintOf, notify, promoteFromWaitlist } from './booking.server.ts'
import { inLanguage } from './language.server.ts'

/**
 * A centre's schedule as its operators run it: add slots and weekly series, change,
 * move and cancel them. Every query is scoped to the centre (a slot or service id of
 * another centre finds nothing); every change is one transaction with its audit row and
 * the notices to the residents it affects.
 */

export type ScheduleRefusal =
  | 'not_found'
  | 'in_past'
  | 'slot_cancelled'
  | 'slot_started'
  | 'below_confirmed'
  | 'nothing_to_create'
  | 'nothing_to_cancel'

const ACTIVE = ['confirmed', 'waitlisted'] as const

/** The service, if it is this centre's, with the centre's time zone. */
async function operatedService(
  tx: Transaction | typeof db,
  { centreId, serviceId }: { centreId: number; serviceId: number },
) {
  const [service] = await tx
    .select({ id: services.id, timeZone: centres.timeZone, nameZh: services.nameZh, nameEn: services.nameEn })
    .from(services)
    .innerJoin(centres, eq(centres.id, services.centreId))
    .where(and(eq(services.id, serviceId), eq(services.centreId, centreId)))
    .limit(1)
  return service ?? null
}

/** The columns the operator's slot lists and the week calendar show. */
function slotColumns(lang: Language) {
  return {
    id: slots.id,
    startsAt: slots.startsAt,
    endsAt: slots.endsAt,
    capacity: slots.capacity,
    seatsTaken: slots.seatsTaken,
    waitlistedCount: slots.waitlistedCount,
    status: slots.status,
    cancelReason: slots.cancelReason,
    movedFromStartsAt: slots.movedFromStartsAt,
    seriesId: slots.seriesId,
    serviceId: services.id,
    serviceName: inLanguage(lang, services.nameZh, services.nameEn),
    serviceStatus: services.status,
    timeZone: centres.timeZone,
  }
}

/** Every slot of the centre (cancelled ones and those of paused services too) between two instants. */
export async function listCentreSlots({
  centreId,
  lang,
  from,
  until,
  serviceId,
  limit = 1000,
}: {
  centreId: number
  lang: Language
  from: Date
  until: Date
  serviceId?: number
  limit?: number
}) {
  return db
    .select(slotColumns(lang))
    .from(slots)
    .innerJoin(services, eq(services.id, slots.serviceId))
    .innerJoin(centres, eq(centres.id, services.centreId))
    .where(
      and(
        eq(services.centreId, centreId),
        serviceId ? eq(services.id, serviceId) : undefined,
        gte(slots.startsAt, from),
        lt(slots.startsAt, until),
      ),
    )
    .orderBy(asc(slots.startsAt), asc(slots.id))
    .limit(limit)
}

/** One slot of the centre, for its page; null if it is not this centre's. */
export async function getOperatedSlot({
  centreId,
  slotId,
  lang,
}: {
  centreId: number
  slotId: number
  lang: Language
}) {
  const [slot] = await db
    .select({ ...slotColumns(lang), seriesFrom: slotSeries.fromDate, seriesUntil: slotSeries.untilDate })
    .from(slots)
    .innerJoin(services, eq(services.id, slots.serviceId))
    .innerJoin(centres, eq(centres.id, services.centreId))
    .leftJoin(slotSeries, eq(slotSeries.id, slots.seriesId))
    .where(and(eq(slots.id, slotId), eq(services.centreId, centreId)))
    .limit(1)
  return slot ?? null
}

/** Adds one slot to a service of the centre. */
export async function addSlot({
  actorUserId,
  centreId,
  serviceId,
  date,
  startTime,
  durationMinutes,
  capacity,
  now = new Date(),
}: {
  actorUserId: number
  centreId: number
  serviceId: number
  date: string
  startTime: string
  durationMinutes: number
  capacity: number
  now?: Date
}): Promise<{ ok: true; slotId: number } | { ok: false; reason: ScheduleRefusal }> {
  return db.transaction(async (tx) => {
    const service = await operatedService(tx, { centreId, serviceId })
    if (!service) return { ok: false, reason: 'not_found' }
    const startsAt = zonedDateTime(date, startTime, service.timeZone)
    if (startsAt <= now) return { ok: false, reason: 'in_past' }
    const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000)
    const [created] = await tx
      .insert(slots)
      .values({ serviceId, startsAt, endsAt, capacity })
      .returning({ id: slots.id })
    await recordAudit(tx, {
      actorUserId,
      action: 'create_slot',
      entityType: 'slot',
      entityId: created!.id,
      centreId,
      details: { before: null, after: { serviceId, startsAt, endsAt, capacity } },
    })
    return { ok: true, slotId: created!.id }
  })
}

/** The centre's closed days (holiday exceptions) between two dates. */
async function closedDates(
  tx: Transaction | typeof db,
  { centreId, from, until }: { centreId: number; from: string; until: string },
) {
  return tx
    .select({ date: centreOpeningExceptions.date, reason: centreOpeningExceptions.reasonZh })
    .from(centreOpeningExceptions)
    .where(
      and(
        eq(centreOpeningExceptions.centreId, centreId),
        eq(centreOpeningExceptions.closed, true),
        gte(centreOpeningExceptions.date, from),
        sql`${centreOpeningExceptions.date} <= ${until}`,
      ),
    )
}

/**
 * What a weekly series would create, without writing anything. Dates before today (in
 * the centre's zone) and occurrences already started are left out as `past`.
 */
export async function previewSeries({
  centreId,
  serviceId,
  pattern,
  now = new Date(),
}: {
  centreId: number
  serviceId: number
  pattern: SeriesPattern
  now?: Date
}) {
  return planSeries(db, { centreId, serviceId, pattern, now })
}

async function planSeries(
  tx: Transaction | typeof db,
  { centreId, serviceId, pattern, now }: { centreId: number; serviceId: number; pattern: SeriesPattern; now: Date },
) {
  const service = await operatedService(tx, { centreId, serviceId })
  if (!service) return null
  const closed = await closedDates(tx, { centreId, from: pattern.fromDate, until: pattern.untilDate })
  const plan = seriesOccurrences(pattern, { timeZone: service.timeZone, closedDates: closed })
  const past = plan.occurrences.filter((occurrence) => occurrence.startsAt <= now)
  return {
    timeZone: service.timeZone,
    occurrences: plan.occurrences.filter((occurrence) => occurrence.startsAt > now),
    skipped: [...past.map((occurrence) => ({ date: occurrence.date, why: 'past' as const })), ...plan.skipped].sort(
      (a, b) => a.date.localeCompare(b.date),
    ),
  }
}

/** Creates a weekly series and all its slots, exactly as the preview showed them. */
export async function addSeries({
  actorUserId,
  centreId,
  serviceId,
  pattern,
  capacity,
  now = new Date(),
}: {
  actorUserId: number
  centreId: number
  serviceId: number
  pattern: SeriesPattern
  capacity: number
  now?: Date
}): Promise<{ ok: true; seriesId: number; created: number } | { ok: false; reason: ScheduleRefusal }> {
  return db.transaction(async (tx) => {
    const plan = await planSeries(tx, { centreId, serviceId, pattern, now })
    if (!plan) return { ok: false, reason: 'not_found' }
    if (plan.occurrences.length === 0) return { ok: false, reason: 'nothing_to_create' }
    const [series] = await tx
      .insert(slotSeries)
      .values({
        serviceId,
        weekdays: pattern.weekdays,
        startTime: pattern.startTime,
        durationMinutes: pattern.durationMinutes,
        fromDate: pattern.fromDate,
        untilDate: pattern.untilDate,
        capacity,
        skipDates: pattern.skipDates,
      })
      .returning({ id: slotSeries.id })
    await tx.insert(slots).values(
      plan.occurrences.map((occurrence) => ({
        serviceId,
        seriesId: series!.id,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        capacity,
      })),
    )
    await recordAudit(tx, {
      actorUserId,
      action: 'create_slot_series',
      entityType: 'slot_series',
      entityId: series!.id,
      centreId,
      details: {
        before: null,
        after: { serviceId, ...pattern, capacity, slots: plan.occurrences.length },
        skipped: plan.skipped,
      },
    })
    return { ok: true, seriesId: series!.id, created: plan.occurrences.length }
  })
}

/** A slot's service name and time in both languages, for notices read later in either. */
function noticeParams(slot: { startsAt: Date; endsAt: Date; nameZh: string; nameEn: string; timeZone: string }) {
  return {
    serviceZh: slot.nameZh,
    serviceEn: slot.nameEn,
    whenZh: formatDateTimeRange(slot.startsAt, slot.endsAt, slot.timeZone, 'zh-CN'),
    whenEn: formatDateTimeRange(slot.startsAt, slot.endsAt, slot.timeZone, 'en'),
  }
}

/** Locks slots of the centre for changing, with what the notices and checks need. */
async function lockSlots(tx: Transaction, where: ReturnType<typeof and>) {
  return tx
    .select({
      id: slots.id,
      serviceId: slots.serviceId,
      seriesId: slots.seriesId,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      capacity: slots.capacity,
      seatsTaken: slots.seatsTaken,
      waitlistedCount: slots.waitlistedCount,
      status: slots.status,
      movedFromStartsAt: slots.movedFromStartsAt,
      nameZh: services.nameZh,
      nameEn: services.nameEn,
      timeZone: centres.timeZone,
    })
    .from(slots)
    .innerJoin(services, eq(services.id, slots.serviceId))
    .innerJoin(centres, eq(centres.id, services.centreId))
    .where(where)
    .orderBy(asc(slots.startsAt), asc(slots.id))
    .for('update', { of: slots })
}

export type EditSlotOutcome =
  | { ok: true; changed: number; moved: number; promoted: number }
  | { ok: false; reason: Exclude<ScheduleRefusal, 'below_confirmed'> }
  | { ok: false; reason: 'below_confirmed'; confirmed: number | null; startsAt: Date | null }

/**
 * Changes the time, length and capacity of one slot, or of it and every later slot of
 * its series (each keeping its own date). Capacity never goes below the places already
 * confirmed; a larger capacity gives places to the waiting list; a new time tells every
 * booked and waiting resident, who may then cancel whatever the cutoff.
 */
export async function editSlot({
  actorUserId,
  centreId,
  slotId,
  scope,
  date,
  startTime,
  durationMinutes,
  capacity,
  now = new Date(),
}: {
  actorUserId: number
  centreId: number
  slotId: number
  scope: 'one' | 'future'
  date: string
  startTime: string
  durationMinutes: number
  capacity: number
  now?: Date
}): Promise<EditSlotOutcome> {
  try {
    return await db.transaction(async (tx): Promise<EditSlotOutcome> => {
      const [target] = await lockSlots(tx, and(eq(slots.id, slotId), eq(services.centreId, centreId)))
      if (!target) return { ok: false, reason: 'not_found' }
      if (target.status === 'cancelled') return { ok: false, reason: 'slot_cancelled' }
      if (target.startsAt <= now) return { ok: false, reason: 'slot_started' }
      const targets =
        scope === 'future' && target.seriesId !== null
          ? await lockSlots(
              tx,
              and(
                eq(slots.seriesId, target.seriesId),
                eq(services.centreId, centreId),
                eq(slots.status, 'scheduled'),
                gte(slots.startsAt, target.startsAt),
              ),
            )
          : [target]

      // Work out every change and check it before writing any, so a refusal changes nothing.
      const changes = targets.map((slot) => {
        const day = scope === 'one' ? date : zonedDate(slot.startsAt, slot.timeZone)
        const startsAt = zonedDateTime(day, startTime, slot.timeZone)
        return { slot, startsAt, endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000) }
      })
      for (const { slot, startsAt } of changes) {
        if (capacity < slot.seatsTaken) {
          return { ok: false, reason: 'below_confirmed', confirmed: slot.seatsTaken, startsAt: slot.startsAt }
        }
        if (startsAt <= now) return { ok: false, reason: 'in_past' }
      }

      let moved = 0
      let promoted = 0
      for (const { slot, startsAt, endsAt } of changes) {
        const isMove = startsAt.getTime() !== slot.startsAt.getTime()
        await tx
          .update(slots)
          .set({
            startsAt,
            endsAt,
            capacity,
            // The first time it was set, so "moved from" names what residents originally booked.
            movedFromStartsAt: isMove ? (slot.movedFromStartsAt ?? slot.startsAt) : slot.movedFromStartsAt,
          })
          .where(eq(slots.id, slot.id))
        if (isMove) {
          moved++
          const holders = await tx
            .select({ id: bookings.id, reference: bookings.reference, userId: bookings.bookedByUserId })
            .from(bookings)
            .where(and(eq(bookings.slotId, slot.id), inArray(bookings.status, ACTIVE)))
          const before = noticeParams(slot)
          const after = noticeParams({ ...slot, startsAt, endsAt })
          for (const holder of holders) {
            await notify(tx, {
              userId: holder.userId,
              kind: 'slot_moved',
              bookingId: holder.id,
              params: {
                reference: holder.reference,
                serviceZh: before.serviceZh,
                serviceEn: before.serviceEn,
                fromZh: before.whenZh,
                fromEn: before.whenEn,
                whenZh: after.whenZh,
                whenEn: after.whenEn,
              },
            })
          }
        }
        // More places: the waiting list is served first come, first served.
        for (let free = capacity - slot.seatsTaken; free > 0 && capacity > slot.capacity; free--) {
          if (!(await promoteFromWaitlist(tx, { slotId: slot.id, now }))) break
          promoted++
        }
      }
      if (scope === 'future' && target.seriesId !== null) {
        await tx
          .update(slotSeries)
          .set({ startTime, durationMinutes, capacity })
          .where(eq(slotSeries.id, target.seriesId))
      }
      await recordAudit(tx, {
        actorUserId,
        action: scope === 'future' ? 'edit_slot_series' : 'edit_slot',
        entityType: 'slot',
        entityId: target.id,
        centreId,
        details: {
          scope,
          seriesId: target.seriesId,
          slots: changes.map(({ slot, startsAt, endsAt }) => ({
            id: slot.id,
            before: { startsAt: slot.startsAt, endsAt: slot.endsAt, capacity: slot.capacity },
            after: { startsAt, endsAt, capacity },
          })),
          promoted,
        },
      })
      return { ok: true, changed: changes.length, moved, promoted }
    })
  } catch (error) {
    // A booking that slipped in between is caught by the database's own check.
    if (constraintOf(error) === 'slots_seats_taken_check') {
      return { ok: false, reason: 'below_confirmed', confirmed: null, startsAt: null }
    }
    throw error
  }
}

/**
 * Cancels locked slots: every active booking is cancelled and its holder told, in the
 * caller's transaction, with one audit row per slot.
 */
async function cancelLockedSlots(
  tx: Transaction,
  {
    actorUserId,
    centreId,
    lockedSlots,
    reason,
    action,
    now,
  }: {
    actorUserId: number
    centreId: number
    lockedSlots: Awaited<ReturnType<typeof lockSlots>>
    reason: string
    action: 'cancel_slot' | 'cancel_day'
    now: Date
  },
) {
  let notified = 0
  for (const slot of lockedSlots) {
    const affected = await tx
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: now, cancelReason: 'slot_cancelled' })
      .where(and(eq(bookings.slotId, slot.id), inArray(bookings.status, ACTIVE)))
      .returning({ id: bookings.id, reference: bookings.reference, userId: bookings.bookedByUserId })
    const params = noticeParams(slot)
    for (const booking of affected) {
      await notify(tx, {
        userId: booking.userId,
        kind: 'slot_cancelled',
        bookingId: booking.id,
        params: { reference: booking.reference, ...params, reason },
      })
    }
    notified += affected.length
    await tx
      .update(slots)
      .set({ status: 'cancelled', cancelReason: reason, cancelledAt: now })
      .where(eq(slots.id, slot.id))
    await recordAudit(tx, {
      actorUserId,
      action,
      entityType: 'slot',
      entityId: slot.id,
      centreId,
      details: {
        before: { status: slot.status, confirmed: slot.seatsTaken, waitlisted: slot.waitlistedCount },
        after: { status: 'cancelled', reason },
        bookingsCancelled: affected.map((booking) => booking.id),
      },
    })
  }
  return notified
}

/** Cancels one slot of the centre with a reason; everyone booked or waiting is told. */
export async function cancelSlot({
  actorUserId,
  centreId,
  slotId,
  reason,
  now = new Date(),
}: {
  actorUserId: number
  centreId: number
  slotId: number
  reason: string
  now?: Date
}): Promise<{ ok: true; notified: number } | { ok: false; reason: ScheduleRefusal }> {
  return db.transaction(async (tx) => {
    const [slot] = await lockSlots(tx, and(eq(slots.id, slotId), eq(services.centreId, centreId)))
    if (!slot) return { ok: false, reason: 'not_found' }
    if (slot.status === 'cancelled') return { ok: false, reason: 'slot_cancelled' }
    if (slot.startsAt <= now) return { ok: false, reason: 'slot_started' }
    const notified = await cancelLockedSlots(tx, {
      actorUserId,
      centreId,
      lockedSlots: [slot],
      reason,
      action: 'cancel_slot',
      now,
    })
    return { ok: true, notified }
  })
}

/** Cancels every slot of the centre still to start on one date (in the centre's zone). */
export async function cancelDay({
  actorUserId,
  centreId,
  date,
  reason,
  now = new Date(),
}: {
  actorUserId: number
  centreId: number
  date: string
  reason: string
  now?: Date
}): Promise<{ ok: true; cancelled: number; notified: number } | { ok: false; reason: ScheduleRefusal }> {
  return db.transaction(async (tx) => {
    const [centre] = await tx.select({ timeZone: centres.timeZone }).from(centres).where(eq(centres.id, centreId))
    if (!centre) return { ok: false, reason: 'not_found' }
    const dayStart = zonedDateTime(date, '00:00', centre.timeZone)
    const dayEnd = zonedDateTime(addDays(date, 1), '00:00', centre.timeZone)
    const lockedSlots = await lockSlots(
      tx,
      and(
        eq(services.centreId, centreId),
        eq(slots.status, 'scheduled'),
        gte(slots.startsAt, dayStart),
        lt(slots.startsAt, dayEnd),
        gt(slots.startsAt, now),
      ),
    )
    if (lockedSlots.length === 0) return { ok: false, reason: 'nothing_to_cancel' }
    const notified = await cancelLockedSlots(tx, {
      actorUserId,
      centreId,
      lockedSlots,
      reason,
      action: 'cancel_day',
      now,
    })
    return { ok: true, cancelled: lockedSlots.length, notified }
  })
}
