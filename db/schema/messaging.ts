import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { announcements } from './announcements.ts'
import { bookings } from './bookings.ts'
import { channel, notificationKind, outboxStatus } from './enums.ts'
import { users } from './users.ts'

/**
 * An in-app notification. The text is rendered from `kind` and `params` in the
 * reader's language, so it is stored once for both languages.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKind().notNull(),
    params: jsonb().$type<Record<string, string | number>>().notNull().default({}),
    bookingId: integer().references(() => bookings.id),
    announcementId: integer().references(() => announcements.id, { onDelete: 'cascade' }),
    /** Keeps a job that runs on several processes from notifying twice. */
    dedupeKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
    // "Never twice", whatever code path writes them: one reminder per booking, and one
    // notice per person per announcement.
    uniqueIndex('notifications_booking_reminder_key')
      .on(t.bookingId)
      .where(sql`${t.kind} = 'booking_reminder'`),
    uniqueIndex('notifications_announcement_user_key')
      .on(t.announcementId, t.userId)
      .where(sql`${t.announcementId} is not null`),
  ],
)

/** Email and SMS waiting to be sent by the worker loop (claimed FOR UPDATE SKIP LOCKED). */
export const outbox = pgTable(
  'outbox',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    channel: channel().notNull(),
    userId: integer().references(() => users.id, { onDelete: 'cascade' }),
    notificationId: integer().references(() => notifications.id, { onDelete: 'set null' }),
    template: text().notNull(),
    payload: jsonb().$type<Record<string, string | number>>().notNull().default({}),
    status: outboxStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Why the last attempt failed (or why the row gave up): an error code and message, no personal data. */
    lastError: text(),
    /** While 'sending': when the claiming worker's lease runs out and another may take the row back. */
    leaseExpiresAt: timestamp({ withTimezone: true }),
    dedupeKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex('outbox_dedupe_key').on(t.dedupeKey),
    check('outbox_channel_check', sql`${t.channel} <> 'in_app'`),
    check('outbox_attempts_check', sql`${t.attempts} >= 0`),
    check('outbox_sent_check', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    check('outbox_failed_check', sql`${t.status} <> 'failed' or ${t.lastError} is not null`),
    index('outbox_lease_idx')
      .on(t.leaseExpiresAt)
      .where(sql`${t.leaseExpiresAt} is not null`),
  ],
)

/** Every staff action that changes data, written in the same transaction as the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    actorUserId: integer().references(() => users.id),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: integer(),
    centreId: integer(),
    streetId: integer(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_centre_idx').on(t.centreId, t.createdAt),
    index('audit_log_actor_idx').on(t.actorUserId, t.createdAt),
  ],
)

/** Named runs of scheduled jobs, so a job run by several processes happens once per period. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    job: text().notNull(),
    periodKey: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('job_runs_job_period_key').on(t.job, t.periodKey)],
)
