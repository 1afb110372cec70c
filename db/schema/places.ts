import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'

/** district → street → centre (DOMAIN.md "Words"). */
export const districts = pgTable('districts', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  slug: text().notNull().unique('districts_slug_key'),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  timeZone: text().notNull().default('Asia/Shanghai'),
})

/** A street office's area (街道), the sub-district that looks after its centres. */
export const streets = pgTable(
  'streets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    slug: text().notNull().unique('streets_slug_key'),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    officeAddressZh: text().notNull().default(''),
    officeAddressEn: text().notNull().default(''),
    officePhone: text().notNull().default(''),
  },
  (t) => [index('streets_district_idx').on(t.districtId)],
)

/** Facility keys a centre may list; their labels live in the locale files. */
export const facilityKeys = [
  'accessible_entrance',
  'lift',
  'accessible_toilet',
  'parking',
  'bike_parking',
  'canteen',
  'reading_room',
  'gym',
  'hall',
  'nursing_room',
  'wifi',
  'aed',
] as const
export type FacilityKey = (typeof facilityKeys)[number]

export const centres = pgTable(
  'centres',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    streetId: integer()
      .notNull()
      .references(() => streets.id),
    slug: text().notNull().unique('centres_slug_key'),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    addressZh: text().notNull(),
    addressEn: text().notNull(),
    descriptionZh: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    latitude: doublePrecision().notNull(),
    longitude: doublePrecision().notNull(),
    phone: text().notNull(),
    timeZone: text().notNull().default('Asia/Shanghai'),
    facilities: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Residents the centre serves; district comparisons divide by it. */
    catchmentPopulation: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('centres_street_idx').on(t.streetId),
    check('centres_latitude_check', sql`${t.latitude} between -90 and 90`),
    check('centres_longitude_check', sql`${t.longitude} between -180 and 180`),
    check('centres_catchment_check', sql`${t.catchmentPopulation} >= 0`),
  ],
)

/** Regular opening hours: one row per opening period of an ISO weekday (1 = Monday). */
export const centreOpeningHours = pgTable(
  'centre_opening_hours',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    centreId: integer()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    weekday: smallint().notNull(),
    opensAt: time().notNull(),
    closesAt: time().notNull(),
  },
  (t) => [
    index('centre_opening_hours_centre_idx').on(t.centreId, t.weekday),
    check('centre_opening_hours_weekday_check', sql`${t.weekday} between 1 and 7`),
    check('centre_opening_hours_order_check', sql`${t.closesAt} > ${t.opensAt}`),
  ],
)

/** A dated exception to the regular hours: a holiday closure or special hours. */
export const centreOpeningExceptions = pgTable(
  'centre_opening_exceptions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    centreId: integer()
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    date: date().notNull(),
    closed: boolean().notNull().default(true),
    opensAt: time(),
    closesAt: time(),
    reasonZh: text().notNull().default(''),
    reasonEn: text().notNull().default(''),
  },
  (t) => [
    unique('centre_opening_exceptions_centre_date_key').on(t.centreId, t.date),
    check(
      'centre_opening_exceptions_hours_check',
      sql`${t.closed} or (${t.opensAt} is not null and ${t.closesAt} is not null and ${t.closesAt} > ${t.opensAt})`,
    ),
  ],
)
