import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, smallint, text, timestamp, unique } from 'drizzle-orm/pg-core'
import { inspectionIssueStatus } from './enums.ts'
import { centres } from './places.ts'
import { storedImageChecks, storedImageColumns } from './stored-images.ts'
import { users } from './users.ts'

/** The checklist street offices inspect centres against; editable by district admins. */
export const inspectionChecklistItems = pgTable('inspection_checklist_items', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  key: text().notNull().unique('inspection_checklist_items_key_key'),
  labelZh: text().notNull(),
  labelEn: text().notNull(),
  position: smallint().notNull().default(0),
  retiredAt: timestamp({ withTimezone: true }),
})

export const inspections = pgTable(
  'inspections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    centreId: integer()
      .notNull()
      .references(() => centres.id),
    inspectorUserId: integer()
      .notNull()
      .references(() => users.id),
    inspectedOn: date().notNull(),
    notes: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspections_centre_idx').on(t.centreId, t.inspectedOn)],
)

export const inspectionScores = pgTable(
  'inspection_scores',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    inspectionId: integer()
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    checklistItemId: integer()
      .notNull()
      .references(() => inspectionChecklistItems.id),
    score: smallint().notNull(),
    note: text().notNull().default(''),
  },
  (t) => [
    unique('inspection_scores_item_key').on(t.inspectionId, t.checklistItemId),
    check('inspection_scores_score_check', sql`${t.score} between 0 and 5`),
  ],
)

export const inspectionIssues = pgTable(
  'inspection_issues',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    inspectionId: integer()
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    centreId: integer()
      .notNull()
      .references(() => centres.id),
    description: text().notNull(),
    fixBy: date().notNull(),
    status: inspectionIssueStatus().notNull().default('open'),
    fixedAt: timestamp({ withTimezone: true }),
    fixedNote: text(),
    fixedByUserId: integer().references(() => users.id),
  },
  (t) => [
    index('inspection_issues_centre_status_idx').on(t.centreId, t.status, t.fixBy),
    check('inspection_issues_fixed_check', sql`(${t.status} = 'fixed') = (${t.fixedAt} is not null)`),
    // The operator says what was done: a fixed issue always has a note.
    check('inspection_issues_fixed_note_check', sql`${t.status} <> 'fixed' or char_length(btrim(${t.fixedNote})) > 0`),
  ],
)

/**
 * A photo taken at an inspection. Not public: street staff, district admins and the
 * centre's operators fetch it at /inspection-photos/<storageKey>.
 */
export const inspectionPhotos = pgTable(
  'inspection_photos',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    inspectionId: integer()
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    ...storedImageColumns(),
    /** What the photo shows, in the inspector's words; its alt text. */
    caption: text().notNull(),
  },
  (t) => [index('inspection_photos_inspection_idx').on(t.inspectionId), ...storedImageChecks('inspection_photos', t)],
)
