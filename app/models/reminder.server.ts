import { sql } from 'drizzle-orm'
import { db, type Database } from '#db/client.server.ts'
import { rowsOf } from '#db/migrate.server.ts'
import { enqueueForNotifications } from './outbox.server.ts'

/**
 * Reminders go out the day before, in the centre's time zone, from 09:00 until 21:00:
 * nobody's phone should buzz with a reminder at midnight. A booking made for tomorrow
 * after 21:00 gets none — its confirmation has just arrived.
 */
export const REMINDER_HOURS = { from: 9, until: 21 } as const

/**
 * Writes a `booking_reminder` notification (and its email/SMS outbox rows) for every
 * confirmed booking whose slot is tomorrow in its centre's time zone and that has none
 * yet. Safe to run from any number of processes at once: the unique index
 * notifications_booking_reminder_key allows one reminder per booking, and a run that
 * loses the race inserts nothing (`on conflict do nothing`). Rows are inserted in
 * booking order, so two runs wait for each other instead of deadlocking.
 */
export async function createDueReminders({ now }: { now: Date }, database: Database = db) {
  const at = now.toISOString()
  return database.transaction(async (tx) => {
    const written = rowsOf<{ id: number; user_id: number; params: Record<string, string | number> | string }>(
      await tx.execute(sql`
        with due as (
          select b.id as booking_id, b.booked_by_user_id as user_id, b.reference,
                 coalesce(hm.name, attendee.name) as attendee
            from bookings b
            join slots s on s.id = b.slot_id
            join services sv on sv.id = s.service_id
            join centres c on c.id = sv.centre_id
            left join users attendee on attendee.id = b.attendee_user_id
            left join household_members hm on hm.id = b.attendee_member_id
           where b.status = 'confirmed'
             and s.status = 'scheduled'
             -- A range on slots_starts_idx first; the zone arithmetic then picks "tomorrow".
             and s.starts_at > ${at}::timestamptz
             and s.starts_at < ${at}::timestamptz + interval '50 hours'
             and (s.starts_at at time zone c.time_zone)::date = (${at}::timestamptz at time zone c.time_zone)::date + 1
             and extract(hour from ${at}::timestamptz at time zone c.time_zone) >= ${REMINDER_HOURS.from}
             and extract(hour from ${at}::timestamptz at time zone c.time_zone) < ${REMINDER_HOURS.until}
             and not exists (
               select 1 from notifications n where n.booking_id = b.id and n.kind = 'booking_reminder'
             )
        )
        insert into notifications (user_id, kind, params, booking_id, dedupe_key, created_at)
        select user_id, 'booking_reminder'::notification_kind,
               jsonb_build_object('reference', reference, 'attendee', attendee),
               booking_id, 'booking_reminder:' || booking_id, ${at}::timestamptz
          from due
         order by booking_id
        on conflict do nothing
        returning id, user_id, params`),
    )
    const notifications = written.map((row) => ({
      id: Number(row.id),
      userId: Number(row.user_id),
      params: typeof row.params === 'string' ? JSON.parse(row.params) : row.params,
    }))
    const queued = await enqueueForNotifications(tx, { kind: 'booking_reminder', written: notifications, now })
    return { reminders: notifications.length, queued }
  })
}
