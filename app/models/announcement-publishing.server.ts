import { and, asc, eq, lte, sql } from 'drizzle-orm'
import { db, type Queryable, type Transaction } from '#db/client.server.ts'
import { announcements, auditLog } from '#db/schema/index.ts'
import { notifyEach } from './outbox.server.ts'

/*
 * Publishing at the scheduled time, for the scheduler. The announcements work (its own
 * branch) has the same two functions in announcement.server.ts with the same contract;
 * when both have landed, the scheduler should call those and this file can go.
 */

/**
 * Every announcement with status 'scheduled' and publishAt <= now becomes 'published'
 * (publishedAt = now), each in its own transaction under its row lock, so two schedulers
 * — or a scheduler and a person pressing "publish" — publish it once. An urgent one also
 * tells the residents concerned, in that transaction. Drafts are never published, even
 * with a publishAt: scheduling is the author's decision. Returns what this call published.
 */
export async function publishDueAnnouncements({ now, database = db }: { now: Date; database?: Queryable }) {
  const due = await database
    .select({ id: announcements.id })
    .from(announcements)
    .where(and(eq(announcements.status, 'scheduled'), lte(announcements.publishAt, now)))
    .orderBy(asc(announcements.publishAt), asc(announcements.id))
  const published: { id: number; notified: number }[] = []
  for (const { id } of due) {
    const result = await database.transaction((tx) => publishScheduled(tx, { id, now }))
    if (result) published.push(result)
  }
  return published
}

async function publishScheduled(tx: Transaction, { id, now }: { id: number; now: Date }) {
  // Skip a row another scheduler holds: it is publishing it.
  const [row] = await tx
    .select({
      status: announcements.status,
      category: announcements.category,
      streetId: announcements.streetId,
      publishAt: announcements.publishAt,
      expiresAt: announcements.expiresAt,
    })
    .from(announcements)
    .where(eq(announcements.id, id))
    .for('update', { skipLocked: true })
  if (!row || row.status !== 'scheduled' || !row.publishAt || row.publishAt > now) return null
  await tx.update(announcements).set({ status: 'published', publishedAt: now }).where(eq(announcements.id, id))
  const stillCurrent = row.expiresAt === null || row.expiresAt > now
  const notified =
    row.category === 'urgent' && stillCurrent ? await notifyUrgentAnnouncement(tx, { announcementId: id, now }) : 0
  // The author's decision carried out by the system: no actor.
  await tx.insert(auditLog).values({
    actorUserId: null,
    action: 'announcement.publish',
    entityType: 'announcement',
    entityId: id,
    streetId: row.streetId,
    details: { scheduled: true, notified },
    createdAt: now,
  })
  return { id, notified }
}

/**
 * Tells the residents concerned about an urgent announcement: every account holder with
 * an upcoming booking (confirmed or waiting) at a centre it is aimed at — its centres, or
 * else every centre of its street, or of the district when it has no street. Once per
 * person and announcement (see notifyEach), so calling it again is harmless. Call it in
 * the transaction that publishes the announcement. Returns how many notices it wrote.
 */
export async function notifyUrgentAnnouncement(
  tx: Queryable,
  { announcementId, now }: { announcementId: number; now: Date },
) {
  const at = now.toISOString()
  const bookedThere = sql`
    select distinct b.booked_by_user_id as user_id, null::integer as booking_id, a.id as announcement_id,
           jsonb_build_object('announcementId', a.id, 'titleZh', a.title_zh, 'titleEn', coalesce(a.title_en, '')) as params,
           a.id || ':' || b.booked_by_user_id as key
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
       and b.status in ('confirmed', 'waitlisted')`
  const { notified } = await notifyEach(tx, { kind: 'urgent_announcement', recipients: bookedThere, now })
  return notified
}
