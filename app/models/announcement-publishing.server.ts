import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import { db, type Database, type Queryable } from '#db/client.server.ts'
import { rowsOf } from '#db/migrate.server.ts'
import { announcements, auditLog } from '#db/schema/index.ts'
import { enqueueForNotifications } from './outbox.server.ts'

/**
 * Scheduled announcements go live at their time without anyone clicking: the scheduler
 * calls this every minute or so, from every app process.
 *
 * Contract: every announcement with status 'scheduled' and publishAt <= now becomes
 * 'published', with publishedAt = publishAt (the time its author chose, whenever the
 * scheduler got to it). Drafts are never published, even with a publishAt: scheduling
 * is the author's decision. Each row is published by exactly one caller
 * (`FOR UPDATE SKIP LOCKED`); an urgent one also notifies the residents concerned, in
 * the same transaction. Returns the ids published by this call.
 */
export async function publishDueAnnouncements({ now }: { now: Date }, database: Database = db) {
  return database.transaction(async (tx) => {
    const due = tx.$with('due').as(
      tx
        .select({ id: announcements.id })
        .from(announcements)
        .where(and(eq(announcements.status, 'scheduled'), lte(announcements.publishAt, now)))
        .orderBy(asc(announcements.publishAt), asc(announcements.id))
        .limit(100)
        .for('update', { skipLocked: true }),
    )
    const published = await tx
      .with(due)
      .update(announcements)
      .set({ status: 'published', publishedAt: sql`${announcements.publishAt}` })
      .where(inArray(announcements.id, tx.select({ id: due.id }).from(due)))
      .returning({
        id: announcements.id,
        category: announcements.category,
        streetId: announcements.streetId,
        authorUserId: announcements.authorUserId,
        publishAt: announcements.publishAt,
        expiresAt: announcements.expiresAt,
      })
    published.sort((a, b) => a.id - b.id)
    for (const announcement of published) {
      // Not a person's click, but the author's decision carried out: recorded as theirs.
      await tx.insert(auditLog).values({
        actorUserId: announcement.authorUserId,
        action: 'announcement_published_on_schedule',
        entityType: 'announcement',
        entityId: announcement.id,
        streetId: announcement.streetId,
        details: { publishAt: announcement.publishAt?.toISOString() ?? null },
        createdAt: now,
      })
      const stillCurrent = announcement.expiresAt === null || announcement.expiresAt > now
      if (announcement.category === 'urgent' && stillCurrent) {
        await notifyUrgentAnnouncement(tx, { announcementId: announcement.id, now })
      }
    }
    return published.map((announcement) => announcement.id)
  })
}

/**
 * Tells the residents concerned about an urgent announcement: everyone holding an
 * upcoming booking (confirmed or on the waiting list) at a centre it is aimed at — its
 * centres, or else every centre of its street, or of the district when it has no
 * street. One notice per person per announcement, enforced by the unique index
 * notifications_announcement_user_key, so calling it twice is harmless. Call it in the
 * transaction that publishes the announcement.
 */
export async function notifyUrgentAnnouncement(
  tx: Queryable,
  { announcementId, now }: { announcementId: number; now: Date },
) {
  const at = now.toISOString()
  const written = rowsOf<{ id: number; user_id: number; params: Record<string, string | number> | string }>(
    await tx.execute(sql`
      insert into notifications (user_id, kind, params, announcement_id, dedupe_key, created_at)
      select distinct b.booked_by_user_id, 'urgent_announcement'::notification_kind,
             jsonb_build_object('announcementId', a.id), a.id,
             'urgent_announcement:' || a.id || ':' || b.booked_by_user_id, ${at}::timestamptz
        from announcements a
        join centres c on (
               exists (select 1 from announcement_centres ac where ac.announcement_id = a.id and ac.centre_id = c.id)
            or (not exists (select 1 from announcement_centres ac where ac.announcement_id = a.id)
                and (c.street_id = a.street_id
                     or (a.street_id is null
                         and c.street_id in (select st.id from streets st where st.district_id = a.district_id))))
             )
        join services sv on sv.centre_id = c.id
        join slots s on s.service_id = sv.id
        join bookings b on b.slot_id = s.id
       where a.id = ${announcementId}
         and s.status = 'scheduled'
         and s.starts_at >= ${at}::timestamptz
         and b.status in ('confirmed', 'waitlisted')
       order by 1
      on conflict do nothing
      returning id, user_id, params`),
  )
  const notifications = written.map((row) => ({
    id: Number(row.id),
    userId: Number(row.user_id),
    params: typeof row.params === 'string' ? JSON.parse(row.params) : row.params,
  }))
  await enqueueForNotifications(tx, { kind: 'urgent_announcement', written: notifications, now })
  return notifications.length
}
