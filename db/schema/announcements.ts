import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { announcementCategory, announcementStatus } from './enums.ts'
import { centres, districts, streets } from './places.ts'
import { storedImageChecks, storedImageColumns } from './stored-images.ts'
import { users } from './users.ts'

/**
 * A notice from a street office (or the district). Scope: the whole street when it has
 * no rows in announcement_centres, else those centres; district-wide when streetId is null.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    streetId: integer().references(() => streets.id),
    authorUserId: integer().references(() => users.id),
    category: announcementCategory().notNull().default('notice'),
    status: announcementStatus().notNull().default('draft'),
    titleZh: text().notNull(),
    titleEn: text(),
    /** Markdown; rendered with raw HTML off and sanitised. */
    bodyZh: text().notNull(),
    bodyEn: text(),
    publishAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    pinnedUntil: timestamp({ withTimezone: true }),
    /** Shown as "updated" when an announcement is edited after publishing. */
    editedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('announcements_listing_idx').on(t.status, t.publishedAt),
    index('announcements_street_idx').on(t.streetId, t.status),
    index('announcements_due_idx')
      .on(t.publishAt)
      .where(sql`${t.status} = 'scheduled'`),
    check('announcements_title_check', sql`char_length(${t.titleZh}) between 1 and 200`),
    check(
      'announcements_expiry_check',
      sql`${t.expiresAt} is null or ${t.publishAt} is null or ${t.expiresAt} > ${t.publishAt}`,
    ),
    check('announcements_scheduled_check', sql`${t.status} <> 'scheduled' or ${t.publishAt} is not null`),
    check('announcements_published_check', sql`${t.status} <> 'published' or ${t.publishedAt} is not null`),
  ],
)

export const announcementCentres = pgTable(
  'announcement_centres',
  {
    announcementId: integer()
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    centreId: integer()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ name: 'announcement_centres_pkey', columns: [t.announcementId, t.centreId] }),
    index('announcement_centres_centre_idx').on(t.centreId),
  ],
)

/**
 * An image for announcement bodies; readers fetch it at /announcement-images/<storageKey>.
 */
export const announcementImages = pgTable(
  'announcement_images',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    announcementId: integer()
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    ...storedImageColumns(),
    altZh: text().notNull().default(''),
    altEn: text().notNull().default(''),
  },
  (t) => [
    index('announcement_images_announcement_idx').on(t.announcementId),
    ...storedImageChecks('announcement_images', t),
  ],
)

/** Read receipts of logged-in residents; anonymous readers are not tracked. */
export const announcementReads = pgTable(
  'announcement_reads',
  {
    announcementId: integer()
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'announcement_reads_pkey', columns: [t.announcementId, t.userId] })],
)
