import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Language } from '#app/i18n.ts'
import { checkInRefusal, noShowRefusal, undoRefusal, type DeskRefusal } from '#app/domain/desk-rules.ts'
import { maskPhone } from '#app/domain/login-identifier.ts'
import { addDays, zonedDateTime } from '#app/domain/time.ts'
import { db, type Transaction } from '#db/client.server.ts'
import { bookings, householdMembers, notifications, services, slots, users } from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { constraintOf, notify } from './booking.server.ts'
import { inLanguage } from './language.server.ts'

/**
 * The front desk of one centre: the day's slots, each slot's roster, attendance marks
 * and residents found or added for assisted booking. Every query is scoped by the
 * centre: a reference or slot of another centre is simply not found.
 */

const bookers = alias(users, 'bookers')
const attendeeUsers = alias(users, 'attendee_users')

/** The centre's slots starting on `date` (a calendar day in the centre's zone), cancelled ones too. */
export async function listDeskSlots({
  centreId,
  date,
  timeZone,
  lang,
}: {
  centreId: number
  date: string
  timeZone: string
  lang: Language
}) {
  return db
    .select({
      id: slots.id,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      status: slots.status,
      capacity: slots.capacity,
      seatsTaken: slots.seatsTaken,
      waitlistedCount: slots.waitlistedCount,
      serviceName: inLanguage(lang, services.nameZh, services.nameEn),
      attended: sql<number>`(select count(*) from ${bookings} where ${bookings.slotId} = ${slots.id} and ${bookings.status} = 'attended')::int`,
    })
    .from(slots)
    .innerJoin(services, eq(services.id, slots.serviceId))
    .where(
      and(
        eq(services.centreId, centreId),
        gte(slots.startsAt, zonedDateTime(date, '00:00', timeZone)),
        lt(slots.startsAt, zonedDateTime(addDays(date, 1), '00:00', timeZone)),
      ),
    )
    .orderBy(asc(slots.startsAt), asc(services.nameZh), asc(slots.id))
    .limit(500)
}

/** One slot of the centre, or null for a slot of any other centre. */
export async function getDeskSlot({ centreId, slotId, lang }: { centreId: number; slotId: number; lang: Language }) {
  const [slot] = await db
    .select({
      id: slots.id,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      status: slots.status,
      capacity: slots.capacity,
      seatsTaken: slots.seatsTaken,
      waitlistedCount: slots.waitlistedCount,
      serviceId: services.id,
      serviceStatus: services.status,
      serviceName: inLanguage(lang, services.nameZh, services.nameEn),
      location: inLanguage(lang, services.locationZh, services.locationEn),
    })
    .from(slots)
    .innerJoin(services, eq(services.id, slots.serviceId))
    .where(and(eq(slots.id, slotId), eq(services.centreId, centreId)))
    .limit(1)
  return slot ?? null
}

/** The columns of a roster row; phones leave this module masked. */
const rosterColumns = {
  id: bookings.id,
  reference: bookings.reference,
  status: bookings.status,
  queuedAt: bookings.queuedAt,
  checkedInAt: bookings.checkedInAt,
  cancelledAt: bookings.cancelledAt,
  createdAt: bookings.createdAt,
  assisted: sql<boolean>`${bookings.assistedByUserId} is not null`,
  forMember: sql<boolean>`${bookings.attendeeMemberId} is not null`,
  attendeeName: sql<string>`coalesce(${householdMembers.name}, ${attendeeUsers.name})`,
  bookerName: bookers.name,
  phone: sql<string | null>`coalesce(${householdMembers.phone}, ${attendeeUsers.phone}, ${bookers.phone})`,
  priceFen: bookings.priceFen,
}

function rosterQuery() {
  return db
    .select({ ...rosterColumns, slotId: slots.id })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(services, eq(services.id, slots.serviceId))
    .innerJoin(bookers, eq(bookers.id, bookings.bookedByUserId))
    .leftJoin(attendeeUsers, eq(attendeeUsers.id, bookings.attendeeUserId))
    .leftJoin(householdMembers, eq(householdMembers.id, bookings.attendeeMemberId))
}

function masked<Row extends { phone: string | null }>(rows: Row[]) {
  return rows.map(({ phone, ...row }) => ({ ...row, phone: maskPhone(phone) }))
}

/** Who holds a place on the slot (in booking order) and who waits (in queue order); cancellations last. */
export async function getRoster({ centreId, slotId }: { centreId: number; slotId: number }) {
  const rows = masked(
    await rosterQuery()
      .where(and(eq(bookings.slotId, slotId), eq(services.centreId, centreId)))
      .orderBy(asc(bookings.queuedAt), asc(bookings.id)),
  )
  return {
    places: rows.filter((row) => row.status === 'confirmed' || row.status === 'attended' || row.status === 'no_show'),
    waitlist: rows.filter((row) => row.status === 'waitlisted'),
    cancelled: rows.filter((row) => row.status === 'cancelled'),
  }
}

/** One booking of the centre by reference, for the notice after a change. */
export async function findDeskBooking({ centreId, reference }: { centreId: number; reference: string }) {
  const [row] = await rosterQuery()
    .where(and(eq(bookings.reference, reference), eq(services.centreId, centreId)))
    .limit(1)
  return row ? masked([row])[0]! : null
}

export type AttendanceChange = 'check_in' | 'no_show' | 'undo'
export type AttendanceOutcome =
  | { ok: true; reference: string; slotId: number; attendeeName: string; status: 'attended' | 'no_show' | 'confirmed' }
  | { ok: false; reason: DeskRefusal }

/**
 * Checks a booking in, marks it a no-show, or undoes either — one transaction with the
 * booking row locked and its audit row (before and after). The seat stays held either
 * way (the slot counters count attended and no-show places), so capacity is untouched.
 */
export async function changeAttendance({
  centreId,
  reference,
  slotId,
  change,
  actorUserId,
  now = new Date(),
}: {
  centreId: number
  reference: string
  /** Where the desk is looking at one roster: a booking of any other slot is not found. */
  slotId?: number
  change: AttendanceChange
  actorUserId: number
  now?: Date
}): Promise<AttendanceOutcome> {
  return db.transaction(async (tx) => {
    const [booking] = await tx
      .select({
        id: bookings.id,
        reference: bookings.reference,
        status: bookings.status,
        checkedInAt: bookings.checkedInAt,
        checkedInByUserId: bookings.checkedInByUserId,
        bookedByUserId: bookings.bookedByUserId,
        serviceZh: services.nameZh,
        serviceEn: services.nameEn,
        slotId: slots.id,
        slotStatus: slots.status,
        startsAt: slots.startsAt,
        endsAt: slots.endsAt,
        attendeeName: sql<string>`coalesce(${householdMembers.name}, ${attendeeUsers.name})`,
      })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(services, eq(services.id, slots.serviceId))
      .leftJoin(attendeeUsers, eq(attendeeUsers.id, bookings.attendeeUserId))
      .leftJoin(householdMembers, eq(householdMembers.id, bookings.attendeeMemberId))
      .where(
        and(
          eq(bookings.reference, reference),
          eq(services.centreId, centreId),
          slotId ? eq(bookings.slotId, slotId) : undefined,
        ),
      )
      .for('update', { of: bookings })
    if (!booking) return { ok: false, reason: 'not_found' }
    const facts = {
      status: booking.status,
      slot: { status: booking.slotStatus, startsAt: booking.startsAt, endsAt: booking.endsAt },
      now,
    }
    const refusal =
      change === 'check_in' ? checkInRefusal(facts) : change === 'no_show' ? noShowRefusal(facts) : undoRefusal(facts)
    if (refusal) return { ok: false, reason: refusal }

    const after =
      change === 'check_in'
        ? { status: 'attended' as const, checkedInAt: now, checkedInByUserId: actorUserId }
        : change === 'no_show'
          ? { status: 'no_show' as const, checkedInAt: null, checkedInByUserId: null }
          : { status: 'confirmed' as const, checkedInAt: null, checkedInByUserId: null }
    await tx.update(bookings).set(after).where(eq(bookings.id, booking.id))
    if (change === 'check_in') await askForFeedback(tx, booking)
    await recordAudit(tx, {
      actorUserId,
      action:
        change === 'check_in' ? 'booking_checked_in' : change === 'no_show' ? 'booking_no_show' : 'attendance_undone',
      entityType: 'booking',
      entityId: booking.id,
      centreId,
      details: {
        reference: booking.reference,
        slotId: booking.slotId,
        before: {
          status: booking.status,
          checkedInAt: booking.checkedInAt?.toISOString() ?? null,
          checkedInByUserId: booking.checkedInByUserId,
        },
        after: { ...after, checkedInAt: after.checkedInAt?.toISOString() ?? null },
      },
    })
    return {
      ok: true,
      reference: booking.reference,
      slotId: booking.slotId,
      attendeeName: booking.attendeeName,
      status: after.status,
    }
  })
}

/**
 * After a check-in, the account holder is asked to rate what they (or their household
 * member) attended — once per booking, even if the check-in is undone and made again.
 * Called under the booking's row lock, so two check-ins can't both ask.
 */
async function askForFeedback(
  tx: Transaction,
  booking: { id: number; reference: string; bookedByUserId: number; serviceZh: string; serviceEn: string },
) {
  const [asked] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.bookingId, booking.id), eq(notifications.kind, 'feedback_request')))
    .limit(1)
  if (asked) return
  await notify(tx, {
    userId: booking.bookedByUserId,
    kind: 'feedback_request',
    bookingId: booking.id,
    params: { reference: booking.reference, serviceZh: booking.serviceZh, serviceEn: booking.serviceEn },
  })
}

/** A resident found by phone for assisted booking: their name, masked number, household. */
export async function findResidentByPhone({ phone }: { phone: string }) {
  const [resident] = await db
    .select({ id: users.id, name: users.name, phone: users.phone, birthYear: users.birthYear })
    .from(users)
    .where(eq(users.phone, phone))
    .limit(1)
  if (!resident) return null
  const members = await db
    .select({
      id: householdMembers.id,
      name: householdMembers.name,
      relation: householdMembers.relation,
      birthYear: householdMembers.birthYear,
    })
    .from(householdMembers)
    .where(and(eq(householdMembers.ownerUserId, resident.id), isNull(householdMembers.removedAt)))
    .orderBy(asc(householdMembers.id))
  return { id: resident.id, name: resident.name, birthYear: resident.birthYear, phone: maskPhone(phone), members }
}

export type DeskResident = NonNullable<Awaited<ReturnType<typeof findResidentByPhone>>>

/**
 * A placeholder in the password column that no password can match (argon2 refuses to
 * verify it), so a resident added at the desk has an account nobody can log in to.
 */
export const NO_PASSWORD = '!desk-created:no-password'

/**
 * A minimal resident record for a walk-in or phone caller: name, phone, birth year, no
 * password. Audited in the same transaction. A taken phone is reported, never overwritten.
 */
export async function createDeskResident({
  actorUserId,
  centreId,
  name,
  phone,
  birthYear,
}: {
  actorUserId: number
  centreId: number
  name: string
  phone: string
  birthYear: number
}): Promise<{ ok: true; resident: DeskResident } | { ok: false; reason: 'phone_taken' }> {
  try {
    await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name, phone, birthYear, passwordHash: NO_PASSWORD })
        .returning({ id: users.id })
      await recordAudit(tx, {
        actorUserId,
        action: 'resident_created_at_desk',
        entityType: 'user',
        entityId: user!.id,
        centreId,
        details: { before: null, after: { name, phone: maskPhone(phone), birthYear, password: false } },
      })
    })
  } catch (error) {
    if (constraintOf(error) === 'users_phone_key') return { ok: false, reason: 'phone_taken' }
    throw error
  }
  const resident = await findResidentByPhone({ phone })
  return { ok: true, resident: resident! }
}

/** Every booking on the centre's slots starting within [from, until), for the CSV export. */
export async function listBookingsForExport({
  centreId,
  from,
  until,
  slotId,
  lang,
}: {
  centreId: number
  from?: Date
  until?: Date
  slotId?: number
  lang: Language
}) {
  return masked(
    await db
      .select({
        ...rosterColumns,
        slotId: slots.id,
        startsAt: slots.startsAt,
        endsAt: slots.endsAt,
        slotStatus: slots.status,
        serviceName: inLanguage(lang, services.nameZh, services.nameEn),
        category: services.category,
      })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(services, eq(services.id, slots.serviceId))
      .innerJoin(bookers, eq(bookers.id, bookings.bookedByUserId))
      .leftJoin(attendeeUsers, eq(attendeeUsers.id, bookings.attendeeUserId))
      .leftJoin(householdMembers, eq(householdMembers.id, bookings.attendeeMemberId))
      .where(
        and(
          eq(services.centreId, centreId),
          slotId ? eq(slots.id, slotId) : undefined,
          from ? gte(slots.startsAt, from) : undefined,
          until ? lt(slots.startsAt, until) : undefined,
        ),
      )
      .orderBy(asc(slots.startsAt), asc(slots.id), asc(bookings.queuedAt), asc(bookings.id))
      .limit(20_000),
  )
}
