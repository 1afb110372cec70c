import { and, asc, eq, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { db, type Database, type Queryable } from '#db/client.server.ts'
import { rowsOf } from '#db/migrate.server.ts'
import {
  announcements,
  bookings,
  centres,
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
 * What a message says beyond its params, read at sending time so it shows things as they
 * are now (a moved slot's new time, an edited title): the booking's service, centre and
 * time, or the announcement's title, in both languages. Found through the row's
 * notification, or — when the person turned the website notice off and there is none —
 * through the booking reference or announcement id in its payload.
 */
export async function loadMessageDetails(
  rows: { id: number; notificationId: number | null; payload: Record<string, string | number> }[],
  database: Queryable = db,
): Promise<Map<number, MessageDetails>> {
  const notificationIds = unique(rows.map((row) => row.notificationId))
  const links =
    notificationIds.length === 0
      ? []
      : await database
          .select({
            id: notifications.id,
            bookingId: notifications.bookingId,
            announcementId: notifications.announcementId,
          })
          .from(notifications)
          .where(inArray(notifications.id, notificationIds))
  const linkOf = new Map(links.map((link) => [link.id, link]))
  const wanted = rows.map((row) => {
    const link = row.notificationId === null ? undefined : linkOf.get(row.notificationId)
    const { reference, announcementId } = row.payload
    return {
      outboxId: row.id,
      bookingId: link?.bookingId ?? null,
      reference: typeof reference === 'string' ? reference : null,
      announcementId: link?.announcementId ?? (Number.isInteger(announcementId) ? Number(announcementId) : null),
    }
  })
  const bookingIds = unique(wanted.map((row) => row.bookingId))
  const references = unique(wanted.map((row) => row.reference))
  const announcementIds = unique(wanted.map((row) => row.announcementId))
  const [bookingRows, announcementRows] = await Promise.all([
    bookingIds.length + references.length === 0
      ? []
      : database
          .select({
            id: bookings.id,
            reference: bookings.reference,
            serviceZh: services.nameZh,
            serviceEn: services.nameEn,
            centreZh: centres.nameZh,
            centreEn: centres.nameEn,
            centrePhone: centres.phone,
            timeZone: centres.timeZone,
            startsAt: slots.startsAt,
            endsAt: slots.endsAt,
          })
          .from(bookings)
          .innerJoin(slots, eq(slots.id, bookings.slotId))
          .innerJoin(services, eq(services.id, slots.serviceId))
          .innerJoin(centres, eq(centres.id, services.centreId))
          .where(or(inArray(bookings.id, bookingIds), inArray(bookings.reference, references))),
    announcementIds.length === 0
      ? []
      : database
          .select({ id: announcements.id, titleZh: announcements.titleZh, titleEn: announcements.titleEn })
          .from(announcements)
          .where(inArray(announcements.id, announcementIds)),
  ])
  const bookingById = new Map(bookingRows.map((row) => [row.id, row]))
  const bookingByReference = new Map(bookingRows.map((row) => [row.reference, row]))
  const announcementById = new Map(announcementRows.map((row) => [row.id, row]))
  return new Map(
    wanted.map((row) => [
      row.outboxId,
      {
        booking:
          (row.bookingId === null ? undefined : bookingById.get(row.bookingId)) ??
          (row.reference === null ? undefined : bookingByReference.get(row.reference)),
        announcement: row.announcementId === null ? undefined : announcementById.get(row.announcementId),
      },
    ]),
  )
}

export type BookingDetails = {
  reference: string
  serviceZh: string
  serviceEn: string
  centreZh: string
  centreEn: string
  centrePhone: string
  timeZone: string
  startsAt: Date
  endsAt: Date
}
export type MessageDetails = {
  booking?: BookingDetails
  announcement?: { titleZh: string; titleEn: string | null }
}

function unique<T>(values: (T | null)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null))]
}

/**
 * Tells each recipient about one thing, exactly once per channel, in the caller's
 * transaction: a notice on the website (unless they turned this kind off there) and an
 * outbox row for each of email and SMS they chose. `recipients` is a query yielding
 * user_id, booking_id, announcement_id, params (jsonb) and key (text, unique per thing
 * and person); `kind:key` is the notification's dedupe key and `kind:key:channel` the
 * outbox row's, both unique in the database, so a second run — or a second process
 * running at the same moment — writes nothing more. Rows are written in key order, so
 * two concurrent runs wait for each other rather than deadlock.
 */
export async function notifyEach(
  tx: Queryable,
  { kind, recipients, now }: { kind: NotificationKind; recipients: SQL; now: Date },
) {
  const at = now.toISOString()
  const noticeKey = sql`${kind} || ':' || r.key`
  const written = rowsOf<{ id: number }>(
    await tx.execute(sql`
      with r as (${recipients})
      insert into notifications (user_id, kind, params, booking_id, announcement_id, dedupe_key, created_at)
      select r.user_id, ${kind}::notification_kind, r.params, r.booking_id, r.announcement_id, ${noticeKey},
             ${at}::timestamptz
        from r
       where not exists (
               select 1 from notification_preferences p
                where p.user_id = r.user_id and p.kind = ${kind}::notification_kind
                  and p.channel = 'in_app' and not p.enabled)
         and not exists (select 1 from notifications n where n.dedupe_key = ${noticeKey})
       order by r.key
      on conflict do nothing
      returning id`),
  )
  const queued = rowsOf<{ id: number }>(
    await tx.execute(sql`
      with r as (${recipients})
      insert into outbox (channel, user_id, notification_id, template, payload, dedupe_key, next_attempt_at, created_at)
      select p.channel, r.user_id, n.id, ${kind}, r.params, ${noticeKey} || ':' || p.channel,
             ${at}::timestamptz, ${at}::timestamptz
        from r
        join notification_preferences p
          on p.user_id = r.user_id and p.kind = ${kind}::notification_kind
         and p.enabled and p.channel in ('email', 'sms')
        left join notifications n on n.dedupe_key = ${noticeKey}
       where not exists (select 1 from outbox o where o.dedupe_key = ${noticeKey} || ':' || p.channel)
       order by r.key, p.channel
      on conflict do nothing
      returning id`),
  )
  return { notified: written.length, queued: queued.length }
}
