import { sql } from 'drizzle-orm'
import { db, type Database } from '#db/client.server.ts'
import { notifyEach } from './outbox.server.ts'

/**
 * Reminders go out the day before, in the centre's time zone, from 09:00 until 21:00:
 * nobody's phone should buzz with a reminder at midnight. A booking made for tomorrow
 * after 21:00 gets none — its confirmation has just arrived.
 */
export const REMINDER_HOURS = { from: 9, until: 21 } as const

/**
 * Reminds the holder of every confirmed booking whose slot is tomorrow in its centre's
 * time zone: a `booking_reminder` notice on the website (unless they turned reminders off
 * there) and the email or SMS they chose. Safe to run from any number of processes at
 * once: the database allows one reminder notice per booking (notifications_dedupe_key,
 * and notifications_booking_reminder_key whatever writes it) and one outbox row per
 * booking and channel (outbox_dedupe_key); a run that loses the race writes nothing.
 */
export async function createDueReminders({ now }: { now: Date }, database: Database = db) {
  const at = now.toISOString()
  const tomorrowsBookings = sql`
    select b.booked_by_user_id as user_id, b.id as booking_id, null::integer as announcement_id,
           jsonb_build_object('reference', b.reference, 'attendee', coalesce(hm.name, attendee.name)) as params,
           b.id::text as key
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
       and extract(hour from ${at}::timestamptz at time zone c.time_zone) < ${REMINDER_HOURS.until}`
  return database.transaction((tx) => notifyEach(tx, { kind: 'booking_reminder', recipients: tomorrowsBookings, now }))
}
