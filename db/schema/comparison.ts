import { sql } from 'drizzle-orm'
import { check, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core'
import { comparisonMeasures } from '#app/domain/comparison.ts'
import { districts } from './places.ts'
import { users } from './users.ts'

/**
 * How much each measure counts in the district's composite score of its centres (赛马).
 * One row per measure the district admins have set; a measure without a row counts
 * with its default weight (app/domain/comparison.ts).
 */
export const comparisonWeights = pgTable(
  'comparison_weights',
  {
    districtId: integer()
      .notNull()
      .references(() => districts.id, { onDelete: 'cascade' }),
    measure: text().notNull(),
    weight: smallint().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: integer().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ name: 'comparison_weights_pkey', columns: [t.districtId, t.measure] }),
    check('comparison_weights_weight_check', sql`${t.weight} between 0 and 10`),
    check(
      'comparison_weights_measure_check',
      sql`${t.measure} in (${sql.raw(comparisonMeasures.map((measure) => `'${measure}'`).join(', '))})`,
    ),
  ],
)
