import { randomBytes } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { isSilenceable, type ConcessionKind } from '#app/domain/enums.ts'
import {
  bookingRefusal,
  cancelRefusal,
  priceFor,
  type Attendee,
  type BookingRefusal,
  type CancelRefusal,
} from '#app/domain/booking-rules.ts'
import { newBookingReference } from '#app/domain/reference.ts'
import { db, type Queryable, type Transaction } from '#db/client.server.ts'
import { rowsOf } from '#db/migrate.server.ts'
import { builtOnce, inlineLimit } from '#db/statement.server.ts'
import {
  bookings,
  centres,
  householdMembers,
  notificationPreferences,
  notifications,
  outbox,
  serviceConcessions,
  services,
  slots,
  streets,
  users,
  type NotificationKind,
} from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { inLanguage, perLanguage } from './language.server.ts'
import { centreSummaryColumns } from './place.server.ts'
import { bookingRuleColumns } from './service.server.ts'

/**
 * The booking engine, in named steps: load the slot and the attendee → check the rules
 * (domain/booking-rules.ts) → take a place under the slot's row lock → write the
 * booking, its notification and (for staff) its audit row in the same transaction.
 */

export type AttendeeChoice = { kind: 'self' } | { kind: 'member'; memberId: number }

export type BookingOutcome =
  | { ok: true; reference: string; status: 'confirmed' | 'waitlisted'; existing: boolean }
  | { ok: false; reason: BookingRefusal | 'slot_full' | 'already_booked' | 'not_found' }

const ACTIVE = ['confirmed', 'waitlisted'] as const

/** Everything the booking page states before a resident books: the slot, its service and centre. */
export async function getBookableSlot({ slotId, lang }: { slotId: number; lang: Language }) {
  const [slot] = await db
    .select({
      id: slots.id,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      capacity: slots.capacity,
      seatsTaken: slots.seatsTaken,
      waitlistedCount: slots.waitlistedCount,
      status: slots.status,
      movedFromStartsAt: slots.movedFromStartsAt,
      service: {
        id: services.id,
        slug: services.slug,
        category: services.category,
        bookingMode: services.bookingMode,
        name: inLanguage(lang, services.nameZh, services.nameEn),
        whatToBring: inLanguage(lang, services.whatToBringZh, services.whatToBringEn),
        location: inLanguage(lang, services.locationZh, services.locationEn),
        ...bookingRuleColumns,
        counters: services.counters,
        slotMinutes: services.slotMinutes,
        waitlistEnabled: services.waitlistEnabled,
      },
      centre: { ...centreSummaryColumns(lang), streetId: centres.streetId },
    })
    .from(slots)
    .innerJoin(services, eq(services.id, slots.serviceId))
    .innerJoin(centres, eq(centres.id, services.centreId))
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(and(eq(slots.id, slotId), eq(services.status, 'active')))
    .limit(1)
  if (!slot) return null
  const concessions = await db
    .select({ kind: serviceConcessions.kind, priceFen: serviceConcessions.priceFen })
    .from(serviceConcessions)
    .where(eq(serviceConcessions.serviceId, slot.service.id))
  return { ...slot, seatsLeft: slot.capacity - slot.seatsTaken, concessions }
}

export type BookableSlot = NonNullable<Awaited<ReturnType<typeof getBookableSlot>>>

/** The people an account can book for: themselves and their household, with what the rules need. */
export async function listAttendees({ userId }: { userId: number }) {
  const [self] = await db
    .select({
      name: users.name,
      birthYear: users.birthYear,
      homeStreetId: users.homeStreetId,
      lowIncomeVerified: users.lowIncomeVerified,
    })
    .from(users)
    .where(eq(users.id, userId))
  const members = await db
    .select({
      id: householdMembers.id,
      name: householdMembers.name,
      relation: householdMembers.relation,
      birthYear: householdMembers.birthYear,
      homeStreetId: householdMembers.homeStreetId,
      lowIncomeVerified: householdMembers.lowIncomeVerified,
    })
    .from(householdMembers)
    .where(and(eq(householdMembers.ownerUserId, userId), isNull(householdMembers.removedAt)))
    .orderBy(asc(householdMembers.id))
  return { self: self ?? null, members }
}

/**
 * What the rules need to know beyond the slot, read in one statement after the locks are
 * held (so it sees every booking committed before): the attendee's active bookings for
 * the service and on the slot's day, an earlier booking from the same form, and the
 * service's concessions.
 */
const factsFor = (attendeeColumn: typeof bookings.attendeeUserId | typeof bookings.attendeeMemberId) =>
  builtOnce((runner) =>
    runner
      .select({
        forService: sql<number>`count(*) filter (where ${slots.serviceId} = ${sql.placeholder('serviceId')})::int`,
        onTheDay: sql<number>`count(*) filter (where ${slots.serviceId} = ${sql.placeholder('serviceId')}
          and (${slots.startsAt} at time zone ${sql.placeholder('timeZone')})::date = ${sql.placeholder('day')}::date)::int`,
        earlier: sql<{ reference: string; status: string } | null>`(
          select json_build_object('reference', ${bookings.reference}, 'status', ${bookings.status})
          from ${bookings}
          where ${bookings.bookedByUserId} = ${sql.placeholder('bookedByUserId')}
            and ${bookings.idempotencyKey} = ${sql.placeholder('idempotencyKey')}
        )`,
        concessions: sql<Array<{ kind: ConcessionKind; priceFen: number }>>`(
          select coalesce(json_agg(json_build_object('kind', ${serviceConcessions.kind}, 'priceFen', ${serviceConcessions.priceFen})), '[]')
          from ${serviceConcessions}
          where ${serviceConcessions.serviceId} = ${sql.placeholder('serviceId')}
        )`,
      })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(
        and(
          eq(attendeeColumn, sql.placeholder('attendeeId')),
          inArray(bookings.status, ACTIVE),
          sql`${bookings.slotId} <> ${sql.placeholder('excludeSlotId')}`,
        ),
      )
      .prepare('booking_facts'),
  )
const factsStatements = {
  self: factsFor(bookings.attendeeUserId),
  member: factsFor(bookings.attendeeMemberId),
}

/**
 * What the rules need to know beyond the slot, read in one statement after the locks are
 * held (so it sees every booking committed before): the attendee's active bookings for
 * the service and on the slot's day (`day` in the centre's time zone), an earlier booking
 * from the same form, and the service's concessions.
 */
async function bookingFacts(
  tx: Transaction,
  {
    attendee,
    idempotencyKey,
    ...values
  }: {
    attendee: AttendeeChoice['kind']
    attendeeId: number
    serviceId: number
    day: string
    timeZone: string
    excludeSlotId: number
    bookedByUserId: number
    idempotencyKey: string | null
  },
) {
  const [facts] = await factsStatements[attendee](tx, { ...values, idempotencyKey: idempotencyKey ?? '' })
  return {
    forService: facts?.forService ?? 0,
    onTheDay: facts?.onTheDay ?? 0,
    earlier: idempotencyKey ? (facts?.earlier ?? null) : null,
    concessions: facts?.concessions ?? [],
  }
}

/**
 * Books a place for one attendee. Idempotent per (account, idempotency key): a retried or
 * double-clicked submit returns the first booking. `assistedByUserId` marks a booking a
 * member of staff made for a caller (audited).
 *
 * Three statements, and a fourth for staff: lock the slot and the attendee together, read
 * the facts, write the booking with its notification (and outbox rows), and for staff the
 * audit row.
 */
export async function bookSlot({
  slotId,
  bookedByUserId,
  attendee,
  idempotencyKey,
  assistedByUserId = null,
  now = new Date(),
}: {
  slotId: number
  bookedByUserId: number
  attendee: AttendeeChoice
  idempotencyKey: string | null
  assistedByUserId?: number | null
  now?: Date
}): Promise<BookingOutcome> {
  try {
    return await db.transaction(async (tx) => {
      // Step 1: the slot and the attendee (the account holder or one of their household),
      // locked for the rest of this transaction: bookings on the slot queue here, and so do
      // one attendee's bookings, so the per-person limits hold under concurrency.
      const locked = await lockSlotAndAttendee(tx, { slotId, bookedByUserId, attendee })
      if (!locked || locked.slot.serviceStatus !== 'active') return { ok: false, reason: 'not_found' }
      const { slot, person } = locked

      // Step 2: the facts, read after the locks, so a retry that waited for the first
      // submit sees its booking.
      const facts = await bookingFacts(tx, {
        attendee: attendee.kind,
        attendeeId: person.id,
        serviceId: slot.serviceId,
        day: slot.day,
        timeZone: slot.timeZone,
        excludeSlotId: slot.id,
        bookedByUserId,
        idempotencyKey,
      })
      if (facts.earlier) return replay(facts.earlier)
      const slotFacts = {
        startsAt: slot.startsAt,
        status: slot.status,
        timeZone: slot.timeZone,
        centreStreetId: slot.centreStreetId,
      }
      const refusal = bookingRefusal({
        slot: slotFacts,
        rules: slot.rules,
        attendee: person.facts,
        now,
        activeForService: facts.forService,
        onTheDay: facts.onTheDay,
      })
      if (refusal) return { ok: false, reason: refusal }

      // Step 3: a seat if there is one, else the waiting list.
      const status = slot.seatsTaken < slot.capacity ? ('confirmed' as const) : ('waitlisted' as const)
      if (status === 'waitlisted' && !slot.waitlistEnabled) return { ok: false, reason: 'slot_full' }
      const price = priceFor({
        slot: slotFacts,
        priceFen: slot.rules.priceFen,
        concessions: facts.concessions,
        attendee: person.facts,
      })

      // Step 4: the booking and its notification, in one statement, and, when staff
      // booked, the audit row.
      const reference = newBookingReference()
      const [booking] = rowsOf<{ id: number }>(
        await bookingStatement(tx, {
          reference,
          slotId: slot.id,
          bookedByUserId,
          attendeeUserId: attendee.kind === 'self' ? person.id : null,
          attendeeMemberId: attendee.kind === 'member' ? person.id : null,
          status,
          now,
          idempotencyKey,
          assistedByUserId,
          priceFen: price.priceFen,
          concession: price.concession,
          payAtCentre: price.priceFen > 0,
          confirmedAt: status === 'confirmed' ? now : null,
          ...noticeValues({
            userId: bookedByUserId,
            kind: status === 'confirmed' ? 'booking_confirmed' : 'booking_waitlisted',
            params: { reference, attendee: person.name },
          }),
        }),
      )
      if (assistedByUserId) {
        await recordAudit(tx, {
          actorUserId: assistedByUserId,
          action: 'assisted_booking',
          entityType: 'booking',
          entityId: booking!.id,
          centreId: slot.centreId,
          // Who booked for whom, and the booking as it now stands (there was none before).
          details: {
            slotId: slot.id,
            status,
            before: null,
            after: { reference, status, bookedByUserId, attendee: attendee.kind },
          },
        })
      }
      return { ok: true, reference, status, existing: false }
    })
  } catch (error) {
    return friendlyConflict(error, { bookedByUserId, idempotencyKey })
  }
}

/** A unique violation is a race someone else won: say so, or return the booking it protects. */
async function friendlyConflict(
  error: unknown,
  { bookedByUserId, idempotencyKey }: { bookedByUserId: number; idempotencyKey: string | null },
): Promise<BookingOutcome> {
  const constraint = constraintOf(error)
  if (!constraint) throw error
  // Whichever index reported it, a retry of a form that already booked gets that booking.
  const earlier = await findByIdempotencyKey(db, { bookedByUserId, idempotencyKey })
  if (earlier) return replay(earlier)
  if (constraint === 'bookings_active_user_attendee_key' || constraint === 'bookings_active_member_attendee_key') {
    return { ok: false, reason: 'already_booked' }
  }
  if (constraint === 'slots_seats_taken_check') return { ok: false, reason: 'slot_full' }
  throw error
}

async function findByIdempotencyKey(
  tx: Queryable,
  { bookedByUserId, idempotencyKey }: { bookedByUserId: number; idempotencyKey: string | null },
) {
  if (!idempotencyKey) return null
  const [earlier] = await tx
    .select({ reference: bookings.reference, status: bookings.status })
    .from(bookings)
    .where(and(eq(bookings.bookedByUserId, bookedByUserId), eq(bookings.idempotencyKey, idempotencyKey)))
    .limit(1)
  return earlier ?? null
}

function replay(earlier: { reference: string; status: string }): BookingOutcome {
  const status = earlier.status === 'waitlisted' ? 'waitlisted' : 'confirmed'
  return { ok: true, reference: earlier.reference, status, existing: true }
}

export function constraintOf(error: unknown): string | undefined {
  const candidates = [error, (error as { cause?: unknown })?.cause]
  for (const candidate of candidates) {
    const record = candidate as { constraint_name?: string; constraint?: string } | undefined
    if (record?.constraint_name) return record.constraint_name
    if (record?.constraint) return record.constraint
  }
  return undefined
}

const attendeeColumns = {
  self: {
    id: users.id,
    name: users.name,
    birthYear: users.birthYear,
    homeStreetId: users.homeStreetId,
    lowIncomeVerified: users.lowIncomeVerified,
  },
  member: {
    id: householdMembers.id,
    name: householdMembers.name,
    birthYear: householdMembers.birthYear,
    homeStreetId: householdMembers.homeStreetId,
    lowIncomeVerified: householdMembers.lowIncomeVerified,
  },
}

const slotColumns = {
  id: slots.id,
  startsAt: slots.startsAt,
  /** The slot's date in its centre's time zone. */
  day: sql<string>`(${slots.startsAt} at time zone ${centres.timeZone})::date::text`,
  status: slots.status,
  capacity: slots.capacity,
  seatsTaken: slots.seatsTaken,
  serviceId: slots.serviceId,
  centreId: services.centreId,
  timeZone: centres.timeZone,
  centreStreetId: centres.streetId,
  waitlistEnabled: services.waitlistEnabled,
  serviceStatus: services.status,
}

const lockedRow = <Person extends (typeof attendeeColumns)[keyof typeof attendeeColumns]>(
  runner: Queryable,
  person: Person,
) =>
  runner
    .select({ ...slotColumns, rules: bookingRuleColumns, person })
    .from(slots)
    .innerJoin(services, eq(services.id, slots.serviceId))
    .innerJoin(centres, eq(centres.id, services.centreId))

const lockStatements = {
  self: builtOnce((runner) =>
    lockedRow(runner, attendeeColumns.self)
      .innerJoin(users, eq(users.id, sql.placeholder('bookedByUserId')))
      .where(eq(slots.id, sql.placeholder('slotId')))
      .for('no key update', { of: [slots, users] })
      .prepare('lock_slot_and_self'),
  ),
  member: builtOnce((runner) =>
    lockedRow(runner, attendeeColumns.member)
      .innerJoin(
        householdMembers,
        and(
          eq(householdMembers.id, sql.placeholder('memberId')),
          eq(householdMembers.ownerUserId, sql.placeholder('bookedByUserId')),
          isNull(householdMembers.removedAt),
        ),
      )
      .where(eq(slots.id, sql.placeholder('slotId')))
      .for('no key update', { of: [slots, householdMembers] })
      .prepare('lock_slot_and_member'),
  ),
}

/**
 * The slot (with its service's rules and centre) and the attendee, both row-locked in one
 * statement. The attendee must be the account holder or a current member of their
 * household; anyone else finds nothing.
 */
async function lockSlotAndAttendee(
  tx: Transaction,
  { slotId, bookedByUserId, attendee }: { slotId: number; bookedByUserId: number; attendee: AttendeeChoice },
) {
  const [row] =
    attendee.kind === 'self'
      ? await lockStatements.self(tx, { slotId, bookedByUserId })
      : await lockStatements.member(tx, { slotId, bookedByUserId, memberId: attendee.memberId })
  if (!row) return null
  const { person, ...slot } = row
  return {
    slot,
    person: { id: person.id, name: person.name, facts: person as Attendee },
  }
}

/**
 * An in-app notification (unless the person turned this kind off on the website), plus an
 * outbox row for each channel they chose for this kind — in the caller's transaction, so a
 * booking and its notice commit together.
 */
export async function notify(tx: Transaction, notice: Notice) {
  await noticeStatement(tx, noticeValues(notice))
}

interface Notice {
  userId: number
  kind: NotificationKind
  /** The booking it is about, if any. */
  bookingId?: number
  params: Record<string, string | number>
}

/** The values `noticeSteps` takes, for a notice. */
function noticeValues({ userId, kind, bookingId, params }: Notice) {
  return {
    noticeUserId: userId,
    noticeKind: kind,
    noticeAlways: !isSilenceable(kind),
    noticeBookingId: bookingId ?? null,
    noticePayload: JSON.stringify(params),
  }
}

/**
 * The steps of a notice, as the WITH list of one statement: the person's choices for this
 * kind, the notification on the website (unless it is a kind they turned off there), and
 * an outbox row per other channel they chose. Postgres runs every step of a WITH that
 * writes, whatever the statement then selects. The values are placeholders, filled from
 * `noticeValues`; the booking is `bookingId` when given (a query for it, in the statement
 * that writes it).
 */
function noticeSteps(bookingId: SQL = sql`${sql.placeholder('noticeBookingId')}::int`) {
  const userId = sql`${sql.placeholder('noticeUserId')}::int`
  const kind = sql`${sql.placeholder('noticeKind')}::notification_kind`
  const payload = sql`${sql.placeholder('noticePayload')}::jsonb`
  return sql`
    chosen as (
      select channel, enabled from ${notificationPreferences}
      where user_id = ${userId} and kind = ${kind}
    ),
    notification as (
      insert into ${notifications} (user_id, kind, booking_id, params)
      select ${userId}, ${kind}, ${bookingId}, ${payload}
      where ${sql.placeholder('noticeAlways')}::boolean
        or not exists (select 1 from chosen where channel = 'in_app' and not enabled)
      returning id
    ),
    queued as (
      insert into ${outbox} (channel, user_id, notification_id, template, payload, dedupe_key)
      select chosen.channel, ${userId}, notification.id, ${kind}::text, ${payload},
        'notification:' || notification.id || ':' || chosen.channel
      from chosen
      left join notification on true
      where chosen.enabled and chosen.channel <> 'in_app'
    )`
}

const noticeStatement = builtOnce(() => sql`with ${noticeSteps()} select 1`)

/** A booking and its notice, in one statement. */
const bookingStatement = builtOnce((runner) => {
  const insertBooking = runner
    .insert(bookings)
    .values({
      reference: sql.placeholder('reference'),
      slotId: sql.placeholder('slotId'),
      bookedByUserId: sql.placeholder('bookedByUserId'),
      attendeeUserId: sql.placeholder('attendeeUserId'),
      attendeeMemberId: sql.placeholder('attendeeMemberId'),
      status: sql.placeholder('status'),
      queuedAt: sql`${sql.placeholder('now')}`,
      idempotencyKey: sql.placeholder('idempotencyKey'),
      assistedByUserId: sql.placeholder('assistedByUserId'),
      priceFen: sql.placeholder('priceFen'),
      concession: sql.placeholder('concession'),
      payAtCentre: sql.placeholder('payAtCentre'),
      createdAt: sql`${sql.placeholder('now')}`,
      confirmedAt: sql`${sql.placeholder('confirmedAt')}`,
    })
    .returning({ id: bookings.id })
  return sql`with booking as (${insertBooking.getSQL()}), ${noticeSteps(sql`(select id from booking)`)} select id from booking`
})

/**
 * Cancels a booking the account made and, if it held a seat, gives the seat to the first
 * on the waiting list — in one transaction under the slot's lock, so concurrent cancels
 * never promote twice.
 */
export async function cancelBooking({
  reference,
  bookedByUserId,
  now = new Date(),
}: {
  reference: string
  bookedByUserId: number
  now?: Date
}): Promise<{ ok: true } | { ok: false; reason: CancelRefusal | 'not_found' }> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ slotId: bookings.slotId })
      .from(bookings)
      .where(and(eq(bookings.reference, reference), eq(bookings.bookedByUserId, bookedByUserId)))
    if (!found) return { ok: false, reason: 'not_found' }
    const [slot] = await tx
      .select({
        id: slots.id,
        startsAt: slots.startsAt,
        status: slots.status,
        movedFromStartsAt: slots.movedFromStartsAt,
        timeZone: centres.timeZone,
        centreStreetId: centres.streetId,
        cancelCutoffHours: services.cancelCutoffHours,
      })
      .from(slots)
      .innerJoin(services, eq(services.id, slots.serviceId))
      .innerJoin(centres, eq(centres.id, services.centreId))
      .where(eq(slots.id, found.slotId))
      .for('update', { of: slots })
    // Read again under the lock: a concurrent cancel may have got here first.
    const [booking] = await tx
      .select({ id: bookings.id, status: bookings.status })
      .from(bookings)
      .where(eq(bookings.reference, reference))
    if (!slot || !booking) return { ok: false, reason: 'not_found' }
    const refusal = cancelRefusal({ slot, rules: slot, status: booking.status, now })
    if (refusal) return { ok: false, reason: refusal }
    await tx
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: now, cancelReason: 'resident' })
      .where(eq(bookings.id, booking.id))
    await notify(tx, {
      userId: bookedByUserId,
      kind: 'booking_cancelled',
      bookingId: booking.id,
      params: { reference },
    })
    if (booking.status === 'confirmed') await promoteFromWaitlist(tx, { slotId: slot.id, now })
    return { ok: true }
  })
}

/** The first in the queue takes the freed seat, and their account is told. Call under the slot's lock. */
export async function promoteFromWaitlist(tx: Transaction, { slotId, now }: { slotId: number; now: Date }) {
  const [next] = await tx
    .select({ id: bookings.id, reference: bookings.reference, bookedByUserId: bookings.bookedByUserId })
    .from(bookings)
    .where(and(eq(bookings.slotId, slotId), eq(bookings.status, 'waitlisted')))
    .orderBy(asc(bookings.queuedAt), asc(bookings.id))
    .limit(1)
  if (!next) return null
  await tx.update(bookings).set({ status: 'confirmed', confirmedAt: now }).where(eq(bookings.id, next.id))
  await notify(tx, {
    userId: next.bookedByUserId,
    kind: 'waitlist_promoted',
    bookingId: next.id,
    params: { reference: next.reference },
  })
  return next
}

/** One booking of the account, by reference, with what the confirmation page shows. */
export async function getBooking({
  reference,
  bookedByUserId,
  lang,
}: {
  reference: string
  bookedByUserId: number
  lang: Language
}) {
  const [booking] = await bookingReads[lang].byReference(db, { reference, bookedByUserId })
  if (!booking) return null
  const position =
    booking.status === 'waitlisted' ? await waitlistPosition({ slotId: booking.slotId, bookingId: booking.id }) : null
  return { ...booking, waitlistPosition: position }
}

/** 1 for the first in the queue. */
export async function waitlistPosition({ slotId, bookingId }: { slotId: number; bookingId: number }) {
  const [row] = await db
    .select({ position: sql<number>`count(*)::int` })
    .from(bookings)
    .where(
      and(
        eq(bookings.slotId, slotId),
        eq(bookings.status, 'waitlisted'),
        sql`(${bookings.queuedAt}, ${bookings.id}) <= (select queued_at, id from bookings where id = ${bookingId})`,
      ),
    )
  return row?.position ?? null
}

/** The account's bookings (for themselves and their household), newest slot first. */
export async function listBookings({ bookedByUserId, lang }: { bookedByUserId: number; lang: Language }) {
  return bookingReads[lang].byBooker(db, { bookedByUserId })
}

/** A person's upcoming active bookings, for their calendar feed. */
export async function listCalendarBookings({ calendarToken, lang }: { calendarToken: string; lang: Language }) {
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.calendarToken, calendarToken)).limit(1)
  if (!owner) return null
  return bookingReads[lang].activeByBooker(db, { bookedByUserId: owner.id })
}

const calendarTokenOf = builtOnce((runner) =>
  runner
    .select({ token: users.calendarToken })
    .from(users)
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare('calendar_token'),
)

/** The secret in the address of a person's calendar feed, made on first use. */
export async function calendarTokenFor({ userId }: { userId: number }) {
  const [user] = await calendarTokenOf(db, { userId })
  if (user?.token) return user.token
  const token = randomBytes(24).toString('base64url')
  await db
    .update(users)
    .set({ calendarToken: token })
    .where(and(eq(users.id, userId), isNull(users.calendarToken)))
  const [saved] = await calendarTokenOf(db, { userId })
  return saved!.token!
}

/** A booking with what the pages about it show: its slot, service, centre and attendee. */
function bookingRows(runner: Queryable, lang: Language) {
  return runner
    .select({
      id: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      priceFen: bookings.priceFen,
      concession: bookings.concession,
      createdAt: bookings.createdAt,
      slotId: slots.id,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      slotStatus: slots.status,
      cancelReason: slots.cancelReason,
      movedFromStartsAt: slots.movedFromStartsAt,
      attendeeName: sql<string>`coalesce(${householdMembers.name}, ${users.name})`,
      forMember: sql<boolean>`${bookings.attendeeMemberId} is not null`,
      service: {
        slug: services.slug,
        name: inLanguage(lang, services.nameZh, services.nameEn),
        whatToBring: inLanguage(lang, services.whatToBringZh, services.whatToBringEn),
        location: inLanguage(lang, services.locationZh, services.locationEn),
        cancelCutoffHours: services.cancelCutoffHours,
      },
      centre: {
        slug: centres.slug,
        name: inLanguage(lang, centres.nameZh, centres.nameEn),
        address: inLanguage(lang, centres.addressZh, centres.addressEn),
        phone: centres.phone,
        timeZone: centres.timeZone,
        latitude: centres.latitude,
        longitude: centres.longitude,
      },
    })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(services, eq(services.id, slots.serviceId))
    .innerJoin(centres, eq(centres.id, services.centreId))
    .leftJoin(users, eq(users.id, bookings.attendeeUserId))
    .leftJoin(householdMembers, eq(householdMembers.id, bookings.attendeeMemberId))
}

const bookedBy = eq(bookings.bookedByUserId, sql.placeholder('bookedByUserId'))
const newestFirst = [desc(slots.startsAt), desc(bookings.id)]

/** The newest 200 bookings a person made, for "my bookings" (also read by a test of its plan). */
export function bookingsOfBooker(runner: Queryable, lang: Language) {
  return bookingRows(runner, lang)
    .where(bookedBy)
    .orderBy(...newestFirst)
    .limit(inlineLimit(200))
}

/** The ways bookings are read, each built once per language. */
const bookingReads = perLanguage((lang) => ({
  byReference: builtOnce((runner) =>
    bookingRows(runner, lang)
      .where(and(eq(bookings.reference, sql.placeholder('reference')), bookedBy))
      .limit(1)
      .prepare('booking_by_reference'),
  ),
  byBooker: builtOnce((runner) => bookingsOfBooker(runner, lang).prepare('bookings_by_booker')),
  activeByBooker: builtOnce((runner) =>
    bookingRows(runner, lang)
      .where(and(bookedBy, inArray(bookings.status, ACTIVE)))
      .orderBy(...newestFirst)
      .limit(inlineLimit(500))
      .prepare('active_bookings_by_booker'),
  ),
}))
