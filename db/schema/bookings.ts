import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { bookingStatus, concessionKind } from './enums.ts'
import { slots } from './services.ts'
import { householdMembers, users } from './users.ts'

/**
 * A place on a slot for one attendee — the account holder or one of their household
 * members. Exactly one of attendeeUserId / attendeeMemberId is set.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Short human code shown on the confirmation and the QR code, e.g. "LL7K3M9P". */
    reference: text().notNull(),
    slotId: integer()
      .notNull()
      .references(() => slots.id),
    bookedByUserId: integer()
      .notNull()
      .references(() => users.id),
    attendeeUserId: integer().references(() => users.id),
    attendeeMemberId: integer().references(() => householdMembers.id),
    status: bookingStatus().notNull(),
    /** When the booking joined the queue; the waitlist is served in this order. */
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A client-chosen key; a retried or double-clicked submit finds the first booking. */
    idempotencyKey: text(),
    /** Staff member who booked on the resident's behalf (代办), if any. */
    assistedByUserId: integer().references(() => users.id),
    priceFen: integer().notNull().default(0),
    concession: concessionKind(),
    payAtCentre: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    checkedInAt: timestamp({ withTimezone: true }),
    checkedInByUserId: integer().references(() => users.id),
  },
  (t) => [
    uniqueIndex('bookings_reference_key').on(t.reference),
    // Rule 2: one active booking per attendee per slot.
    uniqueIndex('bookings_active_user_attendee_key')
      .on(t.slotId, t.attendeeUserId)
      .where(sql`${t.status} in ('confirmed', 'waitlisted') and ${t.attendeeUserId} is not null`),
    uniqueIndex('bookings_active_member_attendee_key')
      .on(t.slotId, t.attendeeMemberId)
      .where(sql`${t.status} in ('confirmed', 'waitlisted') and ${t.attendeeMemberId} is not null`),
    uniqueIndex('bookings_idempotency_key').on(t.bookedByUserId, t.idempotencyKey),
    index('bookings_slot_status_idx').on(t.slotId, t.status, t.queuedAt),
    index('bookings_booked_by_idx').on(t.bookedByUserId, t.createdAt),
    index('bookings_attendee_user_idx').on(t.attendeeUserId),
    index('bookings_attendee_member_idx').on(t.attendeeMemberId),
    check('bookings_one_attendee_check', sql`num_nonnulls(${t.attendeeUserId}, ${t.attendeeMemberId}) = 1`),
    check('bookings_reference_check', sql`${t.reference} ~ '^[A-Z0-9]{6,12}$'`),
    check('bookings_price_check', sql`${t.priceFen} >= 0`),
    check('bookings_cancelled_check', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`),
    check('bookings_attended_check', sql`${t.status} <> 'attended' or ${t.checkedInAt} is not null`),
  ],
)

/** A resident's rating of a booking they attended: once, 1–5, optionally a comment. */
export const feedback = pgTable(
  'feedback',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    bookingId: integer()
      .notNull()
      .references(() => bookings.id),
    authorUserId: integer()
      .notNull()
      .references(() => users.id),
    rating: smallint().notNull(),
    comment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenReason: text(),
    hiddenByUserId: integer().references(() => users.id),
  },
  (t) => [
    uniqueIndex('feedback_booking_key').on(t.bookingId),
    check('feedback_rating_check', sql`${t.rating} between 1 and 5`),
    check('feedback_comment_length_check', sql`char_length(${t.comment}) <= 2000`),
    check('feedback_hidden_check', sql`(${t.hiddenAt} is null) = (${t.hiddenReason} is null)`),
  ],
)
