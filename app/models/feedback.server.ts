import { and, desc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import {
  feedbackClosesAt,
  feedbackRefusal,
  FEEDBACK_WINDOW_DAYS,
  type FeedbackRefusal,
} from '#app/domain/feedback-rules.ts'
import { builtOnce } from '#db/statement.server.ts'
import { db } from '#db/client.server.ts'
import { bookings, feedback, services, slots } from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { constraintOf } from './booking.server.ts'
import { inLanguage } from './language.server.ts'

/**
 * Residents' ratings of what they attended, and the centre's moderation of comments.
 *
 * A hidden comment leaves every page residents see (the author's own booking page says
 * it was hidden, and why, without repeating it); its rating still counts in the average,
 * so hiding words can't be used to hide a low score. Ratings count only while their
 * booking stands as attended (an undone check-in takes its rating out of the figures).
 */

export type FeedbackOutcome = { ok: true } | { ok: false; reason: FeedbackRefusal }

/**
 * Rates a booking the account made, once. In one transaction: the booking's facts read
 * under a share lock (so the desk can't undo the check-in half way), the rules, the row.
 * Two submissions at once both pass the check; the unique index on the booking lets one
 * in and the other is told, in words, that the booking is already rated.
 */
export async function submitFeedback({
  reference,
  bookedByUserId,
  rating,
  comment,
  now = new Date(),
}: {
  reference: string
  bookedByUserId: number
  rating: number
  comment?: string | null
  now?: Date
}): Promise<FeedbackOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const [booking] = await tx
        .select({
          id: bookings.id,
          status: bookings.status,
          endsAt: slots.endsAt,
          alreadyRated: sql<boolean>`exists (select 1 from ${feedback} where ${feedback.bookingId} = ${bookings.id})`,
        })
        .from(bookings)
        .innerJoin(slots, eq(slots.id, bookings.slotId))
        .where(and(eq(bookings.reference, reference), eq(bookings.bookedByUserId, bookedByUserId)))
        .for('share', { of: bookings })
      if (!booking) return { ok: false, reason: 'not_found' }
      const refusal = feedbackRefusal({ ...booking, now })
      if (refusal) return { ok: false, reason: refusal }
      await tx.insert(feedback).values({
        bookingId: booking.id,
        authorUserId: bookedByUserId,
        rating,
        comment: comment || null,
        createdAt: now,
      })
      return { ok: true }
    })
  } catch (error) {
    if (constraintOf(error) === 'feedback_booking_key') return { ok: false, reason: 'already_rated' }
    throw error
  }
}

/** The account's own rating of one of its bookings, as its booking page shows it. */
export async function getOwnFeedback({ bookingId, bookedByUserId }: { bookingId: number; bookedByUserId: number }) {
  const [row] = await db
    .select({
      rating: feedback.rating,
      comment: feedback.comment,
      createdAt: feedback.createdAt,
      hidden: sql<boolean>`${feedback.hiddenAt} is not null`,
      hiddenReason: feedback.hiddenReason,
    })
    .from(feedback)
    .innerJoin(bookings, eq(bookings.id, feedback.bookingId))
    .where(and(eq(feedback.bookingId, bookingId), eq(bookings.bookedByUserId, bookedByUserId)))
    .limit(1)
  if (!row) return null
  // The words of a hidden comment are not sent back, even to their author.
  return { ...row, comment: row.hidden ? null : row.comment }
}

const unratedBookings = builtOnce((runner) =>
  runner
    .select({ reference: bookings.reference, endsAt: slots.endsAt })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .leftJoin(feedback, eq(feedback.bookingId, bookings.id))
    .where(
      and(
        eq(bookings.bookedByUserId, sql.placeholder('bookedByUserId')),
        eq(bookings.status, 'attended'),
        isNull(feedback.id),
        gte(slots.endsAt, sql.placeholder('endedSince')),
      ),
    )
    .limit(200)
    .prepare('unrated_bookings'),
)

/** The account's attended bookings that may still be rated, by reference, with when rating closes. */
export async function listFeedbackPrompts({
  bookedByUserId,
  now = new Date(),
}: {
  bookedByUserId: number
  now?: Date
}) {
  const rows = await unratedBookings(db, {
    bookedByUserId,
    endedSince: new Date(now.getTime() - FEEDBACK_WINDOW_DAYS * 86_400_000),
  })
  return rows.map((row) => ({ reference: row.reference, closesAt: feedbackClosesAt(row.endsAt) }))
}

/** The feedback that counts: on bookings that stand as attended. */
const counted = () =>
  db
    .select({
      average: sql<number | null>`round(avg(${feedback.rating}), 1)::float8`,
      count: sql<number>`count(*)::int`,
    })
    .from(feedback)
    .innerJoin(bookings, and(eq(bookings.id, feedback.bookingId), eq(bookings.status, 'attended')))
    .innerJoin(slots, eq(slots.id, bookings.slotId))

export type RatingSummary = { average: number | null; count: number }

/** The average rating (one decimal) and how many ratings, for one service or a whole centre. */
export async function getRatingSummary(scope: { serviceId: number } | { centreId: number }): Promise<RatingSummary> {
  const [row] =
    'serviceId' in scope
      ? await counted().where(eq(slots.serviceId, scope.serviceId))
      : await counted()
          .innerJoin(services, eq(services.id, slots.serviceId))
          .where(eq(services.centreId, scope.centreId))
  return { average: row?.average ?? null, count: row?.count ?? 0 }
}

/** The latest comments on a service that are not hidden: rating, words and date, never who wrote them. */
export async function listRecentComments({ serviceId, limit = 10 }: { serviceId: number; limit?: number }) {
  return db
    .select({
      id: feedback.id,
      rating: feedback.rating,
      comment: sql<string>`${feedback.comment}`,
      createdAt: feedback.createdAt,
    })
    .from(feedback)
    .innerJoin(bookings, and(eq(bookings.id, feedback.bookingId), eq(bookings.status, 'attended')))
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .where(and(eq(slots.serviceId, serviceId), isNull(feedback.hiddenAt), isNotNull(feedback.comment)))
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(limit)
}

/** The centre's feedback for its operator, newest first; `show` narrows to comments or hidden ones. */
export async function listCentreFeedback({
  centreId,
  lang,
  show = 'all',
  limit = 200,
}: {
  centreId: number
  lang: Language
  show?: 'all' | 'comments' | 'hidden'
  limit?: number
}) {
  return db
    .select({
      id: feedback.id,
      rating: feedback.rating,
      comment: feedback.comment,
      createdAt: feedback.createdAt,
      hiddenAt: feedback.hiddenAt,
      hiddenReason: feedback.hiddenReason,
      reference: bookings.reference,
      slotStartsAt: slots.startsAt,
      serviceName: inLanguage(lang, services.nameZh, services.nameEn),
    })
    .from(feedback)
    .innerJoin(bookings, eq(bookings.id, feedback.bookingId))
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(services, eq(services.id, slots.serviceId))
    .where(
      and(
        eq(services.centreId, centreId),
        show === 'comments' ? isNotNull(feedback.comment) : undefined,
        show === 'hidden' ? isNotNull(feedback.hiddenAt) : undefined,
      ),
    )
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(limit)
}

export type ModerationChange = { intent: 'hide'; reason: string } | { intent: 'unhide' }
export type ModerationOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'already_hidden' | 'not_hidden' }

/**
 * Hides a comment with a reason, or shows it again — one transaction with the row locked
 * and its audit row (before and after). Feedback on another centre's services is not found.
 */
export async function moderateFeedback({
  centreId,
  feedbackId,
  change,
  actorUserId,
  now = new Date(),
}: {
  centreId: number
  feedbackId: number
  change: ModerationChange
  actorUserId: number
  now?: Date
}): Promise<ModerationOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: feedback.id,
        hiddenAt: feedback.hiddenAt,
        hiddenReason: feedback.hiddenReason,
        hiddenByUserId: feedback.hiddenByUserId,
      })
      .from(feedback)
      .innerJoin(bookings, eq(bookings.id, feedback.bookingId))
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(services, eq(services.id, slots.serviceId))
      .where(and(eq(feedback.id, feedbackId), eq(services.centreId, centreId)))
      .for('update', { of: feedback })
    if (!row) return { ok: false, reason: 'not_found' }
    if (change.intent === 'hide' && row.hiddenAt) return { ok: false, reason: 'already_hidden' }
    if (change.intent === 'unhide' && !row.hiddenAt) return { ok: false, reason: 'not_hidden' }
    const after =
      change.intent === 'hide'
        ? { hiddenAt: now, hiddenReason: change.reason, hiddenByUserId: actorUserId }
        : { hiddenAt: null, hiddenReason: null, hiddenByUserId: null }
    await tx.update(feedback).set(after).where(eq(feedback.id, row.id))
    await recordAudit(tx, {
      actorUserId,
      action: change.intent === 'hide' ? 'feedback_hidden' : 'feedback_unhidden',
      entityType: 'feedback',
      entityId: row.id,
      centreId,
      details: {
        before: {
          hiddenAt: row.hiddenAt?.toISOString() ?? null,
          hiddenReason: row.hiddenReason,
          hiddenByUserId: row.hiddenByUserId,
        },
        after: { ...after, hiddenAt: after.hiddenAt?.toISOString() ?? null },
      },
    })
    return { ok: true }
  })
}
