import { describeError, logger } from '#app/utils/logger.server.ts'
import { publishDueAnnouncements } from '#app/models/announcement.server.ts'
import { createDueReminders } from '#app/models/reminder.server.ts'
import { db, type Database } from '#db/client.server.ts'

export type ScheduleReport = { published: { id: number; notified: number }[]; reminders: number; queued: number }

/**
 * One round of the scheduler: scheduled announcements whose time has come go live, and
 * tomorrow's bookings get their reminder. Every process runs it; the database makes
 * sure each announcement is published and each reminder written once. A job that
 * fails does not keep the other from running.
 */
export async function runScheduledJobs({ now }: { now: Date }, database: Database = db): Promise<ScheduleReport> {
  const report: ScheduleReport = { published: [], reminders: 0, queued: 0 }
  try {
    report.published = await publishDueAnnouncements({ now, database })
    if (report.published.length > 0) {
      logger.info(
        { event: 'announcements_published', announcements: report.published },
        'scheduled announcements published',
      )
    }
  } catch (error) {
    logger.error({ event: 'job_failed', job: 'publish_announcements', error: describeError(error) }, 'job failed')
  }
  try {
    const { notified: reminders, queued } = await createDueReminders({ now }, database)
    report.reminders = reminders
    report.queued = queued
    if (reminders > 0) logger.info({ event: 'reminders_written', reminders, queued }, 'booking reminders written')
  } catch (error) {
    logger.error({ event: 'job_failed', job: 'booking_reminders', error: describeError(error) }, 'job failed')
  }
  return report
}
