import { and, asc, eq, inArray, lte, ne, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { db, type Database, type Queryable } from '#db/client.server.ts'
import {
  announcements,
  bookings,
  centres,
  notificationPreferences,
  notifications,
  outbox,
  services,
  slots,
  users,
  type NotificationKind,
} from '#db/schema/index.ts'

/**
 * The outbox: email and SMS waiting to be sent. Rows move pending → sending (claimed by
 * one worker under a lease) → sent; a failed try puts the row back to pending with a
 * later next_attempt_at, and the last allowed try marks it failed with the reason.
 *
 * The `attempts` a worker claimed a row with is its fencing token: a worker whose lease
 * ran out and whose row another worker took again can no longer change that row.
 */

export type ClaimedMessage = Awaited<ReturnType<typeof claimOutboxBatch>>[number]

/**
 * Claims up to `limit` due rows for this worker. `FOR UPDATE SKIP LOCKED` lets several
 * workers (in several processes) claim at once without waiting for or taking each
 * other's rows; the claim commits at once, so the lease is what protects the row while
 * it is being sent.
 */
export async function claimOutboxBatch(
  { now, limit, leaseMs }: { now: Date; limit: number; leaseMs: number },
  database: Database = db,
) {
  const due = database.$with('due').as(
    database
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true }),
  )
  const claimed = await database
    .with(due)
    .update(outbox)
    .set({
      status: 'sending',
      attempts: sql`${outbox.attempts} + 1`,
      leaseExpiresAt: new Date(now.getTime() + leaseMs),
    })
    .where(inArray(outbox.id, database.select({ id: due.id }).from(due)))
    .returning({
      id: outbox.id,
      channel: outbox.channel,
      userId: outbox.userId,
      notificationId: outbox.notificationId,
      template: outbox.template,
      payload: outbox.payload,
      attempts: outbox.attempts,
    })
  return claimed.sort((a, b) => a.id - b.id)
}

/**
 * Records a delivery. Also when the lease ran out meanwhile but no other worker has
 * taken the row again (same attempts): the message did go, so it must not go twice.
 */
export async function markOutboxSent(
  { id, attempts, now }: { id: number; attempts: number; now: Date },
  database: Queryable = db,
): Promise<boolean> {
  const updated = await database
    .update(outbox)
    .set({ status: 'sent', sentAt: now, leaseExpiresAt: null, lastError: null })
    .where(and(eq(outbox.id, id), eq(outbox.attempts, attempts), ne(outbox.status, 'sent')))
    .returning({ id: outbox.id })
  return updated.length > 0
}

/** Records a failed try: back to pending until `retryAt`, or failed for good when `retryAt` is null. */
export async function markOutboxAttemptFailed(
  { id, attempts, error, retryAt }: { id: number; attempts: number; error: string; retryAt: Date | null },
  database: Queryable = db,
): Promise<boolean> {
  const updated = await database
    .update(outbox)
    .set(
      retryAt
        ? { status: 'pending', nextAttemptAt: retryAt, leaseExpiresAt: null, lastError: error }
        : { status: 'failed', leaseExpiresAt: null, lastError: error },
    )
    .where(and(eq(outbox.id, id), eq(outbox.attempts, attempts), eq(outbox.status, 'sending')))
    .returning({ id: outbox.id })
  return updated.length > 0
}

/**
 * Rows whose worker died or hung while sending (the lease ran out) go back to pending —
 * or to failed, when that was their last allowed try. The message may have gone out
 * before the worker died: delivery is at least once, never twice at the same time.
 */
export async function releaseExpiredLeases(
  { now, maxAttempts }: { now: Date; maxAttempts: number },
  database: Queryable = db,
) {
  return database
    .update(outbox)
    .set({
      status: sql`case when ${outbox.attempts} >= ${maxAttempts} then 'failed'::outbox_status else 'pending'::outbox_status end`,
      nextAttemptAt: now,
      leaseExpiresAt: null,
      lastError: 'lease_expired: the worker did not report back in time',
    })
    .where(and(eq(outbox.status, 'sending'), lte(outbox.leaseExpiresAt, now)))
    .returning({ id: outbox.id, status: outbox.status })
}

/** Where and in which language to send: the account's email or phone and its language. */
export async function loadRecipients(userIds: number[], database: Queryable = db) {
  if (userIds.length === 0) return new Map<number, Recipient>()
  const rows = await database
    .select({ id: users.id, email: users.email, phone: users.phone, language: users.preferredLocale })
    .from(users)
    .where(inArray(users.id, userIds))
  return new Map(rows.map((row) => [row.id, row as Recipient]))
}

export type Recipient = { id: number; email: string | null; phone: string | null; language: Language }

/**
 * What a message says beyond its notification's params, read at sending time so it
 * shows the booking as it is now (a moved slot's new time): the service, centre and
 * time of a booking, or an announcement's title, in both languages.
 */
export async function loadMessageDetails(notificationIds: number[], database: Queryable = db) {
  const rows = notificationIds.length === 0 ? [] : await selectMessageDetails(notificationIds, database)
  return new Map(rows.map((row) => [row.notificationId, row]))
}

export type MessageDetails = Awaited<ReturnType<typeof selectMessageDetails>>[number]

function selectMessageDetails(notificationIds: number[], database: Queryable) {
  return database
    .select({
      notificationId: notifications.id,
      kind: notifications.kind,
      reference: bookings.reference,
      serviceZh: services.nameZh,
      serviceEn: services.nameEn,
      centreZh: centres.nameZh,
      centreEn: centres.nameEn,
      centrePhone: centres.phone,
      timeZone: centres.timeZone,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      announcementTitleZh: announcements.titleZh,
      announcementTitleEn: announcements.titleEn,
    })
    .from(notifications)
    .leftJoin(bookings, eq(bookings.id, notifications.bookingId))
    .leftJoin(slots, eq(slots.id, bookings.slotId))
    .leftJoin(services, eq(services.id, slots.serviceId))
    .leftJoin(centres, eq(centres.id, services.centreId))
    .leftJoin(announcements, eq(announcements.id, notifications.announcementId))
    .where(inArray(notifications.id, notificationIds))
}

/**
 * Outbox rows for notifications just written, one per channel the person chose for
 * that kind. Idempotent: a row's dedupe key is its notification and channel.
 */
export async function enqueueForNotifications(
  tx: Queryable,
  {
    kind,
    written,
    now,
  }: {
    kind: NotificationKind
    written: { id: number; userId: number; params: Record<string, string | number> }[]
    now: Date
  },
) {
  if (written.length === 0) return 0
  const chosen = await tx
    .select({ userId: notificationPreferences.userId, channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(
      and(
        inArray(
          notificationPreferences.userId,
          written.map((row) => row.userId),
        ),
        eq(notificationPreferences.kind, kind),
        eq(notificationPreferences.enabled, true),
        ne(notificationPreferences.channel, 'in_app'),
      ),
    )
  const rows = written.flatMap((notification) =>
    chosen
      .filter((choice) => choice.userId === notification.userId)
      .map(({ channel }) => ({
        channel,
        userId: notification.userId,
        notificationId: notification.id,
        template: kind,
        payload: notification.params,
        dedupeKey: `notification:${notification.id}:${channel}`,
        nextAttemptAt: now,
        createdAt: now,
      })),
  )
  if (rows.length === 0) return 0
  const inserted = await tx.insert(outbox).values(rows).onConflictDoNothing().returning({ id: outbox.id })
  return inserted.length
}
