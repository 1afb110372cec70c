import { sql, type SQL } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'
import { bookingMode, concessionKind, serviceCategory, serviceStatus, slotStatus } from './enums.ts'
import { centres } from './places.ts'

/** Something a centre offers, in one category, with a booking mode and its rules. */
export const services = pgTable(
  'services',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    centreId: integer()
      .notNull()
      .references(() => centres.id),
    slug: text().notNull(),
    category: serviceCategory().notNull(),
    bookingMode: bookingMode().notNull(),
    status: serviceStatus().notNull().default('active'),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    summaryZh: text().notNull().default(''),
    summaryEn: text().notNull().default(''),
    descriptionZh: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    /**
     * What search reads: the names, summaries and descriptions in both languages, lower-cased
     * once when written. Search then compares with LIKE instead of lower-casing every
     * service's text with ILIKE on every query (2.8 ms → 0.8 ms over the large district's
     * 534 services).
     */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`lower(${services.nameZh} || ' ' || ${services.nameEn} || ' ' || ${services.summaryZh} || ' ' || ${services.summaryEn} || ' ' || ${services.descriptionZh} || ' ' || ${services.descriptionEn})`,
      ),
    whatToBringZh: text().notNull().default(''),
    whatToBringEn: text().notNull().default(''),
    /** Where in the centre: "2F 多功能厅" / "2F multi-purpose hall". */
    locationZh: text().notNull().default(''),
    locationEn: text().notNull().default(''),
    /** Eligibility, checked against the attendee's age on the slot's date. */
    minAge: smallint(),
    maxAge: smallint(),
    residentsOnly: boolean().notNull().default(false),
    /** Full price in fen (1/100 yuan); 0 is free. */
    priceFen: integer().notNull().default(0),
    /** Appointment services: how many counters serve at once (the capacity of each slot). */
    counters: smallint(),
    slotMinutes: smallint(),
    /** Booking opens this many days before a slot starts … */
    bookingOpensDaysBefore: smallint().notNull().default(14),
    /** … and closes this many hours before it starts. */
    bookingClosesHoursBefore: smallint().notNull().default(1),
    /** Residents may cancel until this many hours before the start. */
    cancelCutoffHours: smallint().notNull().default(2),
    /** Active (confirmed or waitlisted) bookings one attendee may hold for this service. */
    maxActivePerPerson: smallint().notNull().default(2),
    /** Where set, bookings one attendee may hold for this service on one day. */
    maxPerDayPerPerson: smallint(),
    waitlistEnabled: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('services_centre_slug_key').on(t.centreId, t.slug),
    index('services_category_idx').on(t.category, t.status),
    check('services_age_check', sql`${t.minAge} is null or ${t.maxAge} is null or ${t.minAge} <= ${t.maxAge}`),
    check('services_min_age_check', sql`${t.minAge} between 0 and 150`),
    check('services_max_age_check', sql`${t.maxAge} between 0 and 150`),
    check('services_price_check', sql`${t.priceFen} >= 0`),
    check(
      'services_appointment_check',
      sql`(${t.bookingMode} = 'appointment') = (${t.counters} is not null and ${t.slotMinutes} is not null)`,
    ),
    check('services_counters_check', sql`${t.counters} > 0`),
    check('services_slot_minutes_check', sql`${t.slotMinutes} between 5 and 480`),
    check('services_window_check', sql`${t.bookingOpensDaysBefore} >= 0 and ${t.bookingClosesHoursBefore} >= 0`),
    check('services_cutoff_check', sql`${t.cancelCutoffHours} >= 0`),
    check('services_max_active_check', sql`${t.maxActivePerPerson} > 0`),
    check('services_max_per_day_check', sql`${t.maxPerDayPerPerson} > 0`),
  ],
)

/** A lower price for attendees who qualify (60+, 80+, low income…). */
export const serviceConcessions = pgTable(
  'service_concessions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    serviceId: integer()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    kind: concessionKind().notNull(),
    priceFen: integer().notNull(),
  },
  (t) => [
    unique('service_concessions_service_kind_key').on(t.serviceId, t.kind),
    check('service_concessions_price_check', sql`${t.priceFen} >= 0`),
  ],
)

/** A weekly pattern an operator created slots from; editing it edits its future slots. */
export const slotSeries = pgTable(
  'slot_series',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    serviceId: integer()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    /** ISO weekdays, 1 = Monday. */
    weekdays: smallint().array().notNull(),
    startTime: time().notNull(),
    durationMinutes: smallint().notNull(),
    fromDate: date().notNull(),
    untilDate: date().notNull(),
    capacity: integer().notNull(),
    skipDates: date()
      .array()
      .notNull()
      .default(sql`'{}'::date[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('slot_series_service_idx').on(t.serviceId),
    check('slot_series_dates_check', sql`${t.untilDate} >= ${t.fromDate}`),
    check('slot_series_duration_check', sql`${t.durationMinutes} > 0`),
    check('slot_series_capacity_check', sql`${t.capacity} > 0`),
  ],
)

/**
 * One dated occurrence of a service with a capacity. `seatsTaken` is kept by a
 * trigger on bookings (migration `booking_counters`); the check constraint on
 * it is what makes overbooking impossible, whatever the application does.
 *
 * The other counters are kept by the same trigger and one on feedback (migration
 * `slot_figures`), so the district comparison and a centre's figures add up slots and
 * never count a period's bookings one by one.
 */
export const slots = pgTable(
  'slots',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    serviceId: integer()
      .notNull()
      .references(() => services.id),
    seriesId: integer().references(() => slotSeries.id, { onDelete: 'set null' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    capacity: integer().notNull(),
    /** Seats held: confirmed, attended and no-show bookings. Kept by a trigger. */
    seatsTaken: integer().notNull().default(0),
    waitlistedCount: integer().notNull().default(0),
    /** Bookings checked in. */
    attendedCount: integer().notNull().default(0),
    noShowCount: integer().notNull().default(0),
    /** Bookings that joined the waiting list and never got a seat (still waiting, or gave up). */
    waitlistDemand: integer().notNull().default(0),
    /** Bookings cancelled after holding a seat. */
    cancelledSeats: integer().notNull().default(0),
    /** Residents' ratings of the slot's bookings, hidden comments included. */
    ratingSum: integer().notNull().default(0),
    ratingCount: integer().notNull().default(0),
    status: slotStatus().notNull().default('scheduled'),
    cancelReason: text(),
    cancelledAt: timestamp({ withTimezone: true }),
    /** Set when the slot was moved; booked residents may then cancel past the cutoff. */
    movedFromStartsAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('slots_service_starts_idx').on(t.serviceId, t.startsAt),
    index('slots_starts_idx').on(t.startsAt),
    index('slots_series_idx').on(t.seriesId),
    check('slots_time_order_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('slots_capacity_check', sql`${t.capacity} > 0`),
    check('slots_seats_taken_check', sql`${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.capacity}`),
    check('slots_waitlisted_count_check', sql`${t.waitlistedCount} >= 0`),
    check(
      'slots_figures_check',
      sql`least(${t.attendedCount}, ${t.noShowCount}, ${t.waitlistDemand}, ${t.cancelledSeats}, ${t.ratingSum}, ${t.ratingCount}) >= 0`,
    ),
    check('slots_cancelled_check', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`),
  ],
)
