import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { channel, locale, notificationKind, role } from './enums.ts'
import { centres, streets } from './places.ts'

/** An account holder: a resident, and possibly staff through role grants. */
export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Mainland mobile number, 11 digits; login identifier. */
    phone: text(),
    /** Stored lower-cased; login identifier. */
    email: text(),
    passwordHash: text().notNull(),
    name: text().notNull(),
    birthYear: smallint(),
    /** The street the resident lives in; "residents only" services check it. */
    homeStreetId: integer().references(() => streets.id),
    preferredLocale: locale().notNull().default('zh-CN'),
    /** Set by a centre after checking papers; unlocks the low-income concession. */
    lowIncomeVerified: boolean().notNull().default(false),
    elderMode: boolean().notNull().default(false),
    /** Secret for the personal calendar feed; rotating it revokes old subscriptions. */
    calendarToken: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_phone_key').on(t.phone),
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_calendar_token_key').on(t.calendarToken),
    check('users_login_check', sql`${t.phone} is not null or ${t.email} is not null`),
    check('users_phone_check', sql`${t.phone} ~ '^1[3-9][0-9]{9}$'`),
    check('users_email_check', sql`${t.email} = lower(${t.email}) and position('@' in ${t.email}) > 1`),
    check('users_birth_year_check', sql`${t.birthYear} between 1900 and 2100`),
  ],
)

/**
 * A staff grant. Operators are granted per centre, street staff per street, district
 * admins district-wide; every resident is a resident without a grant.
 */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: role().notNull(),
    centreId: integer().references(() => centres.id, { onDelete: 'cascade' }),
    streetId: integer().references(() => streets.id, { onDelete: 'cascade' }),
    grantedByUserId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('role_grants_user_idx').on(t.userId),
    uniqueIndex('role_grants_scope_key').on(
      t.userId,
      t.role,
      sql`coalesce(${t.centreId}, 0)`,
      sql`coalesce(${t.streetId}, 0)`,
    ),
    check(
      'role_grants_scope_check',
      sql`case ${t.role}
        when 'operator' then ${t.centreId} is not null and ${t.streetId} is null
        when 'street_staff' then ${t.streetId} is not null and ${t.centreId} is null
        when 'district_admin' then ${t.centreId} is null and ${t.streetId} is null
        else false end`,
    ),
  ],
)

/** Someone a resident books for — an elderly parent, a child. Not an account. */
export const householdMembers = pgTable(
  'household_members',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ownerUserId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    relation: text().notNull(),
    birthYear: smallint().notNull(),
    phone: text(),
    homeStreetId: integer().references(() => streets.id),
    lowIncomeVerified: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('household_members_owner_idx').on(t.ownerUserId),
    check('household_members_birth_year_check', sql`${t.birthYear} between 1900 and 2100`),
    check('household_members_phone_check', sql`${t.phone} ~ '^1[3-9][0-9]{9}$'`),
  ],
)

/** Server-side login sessions; the cookie holds only a random token whose hash is the id. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    idleTimeoutSeconds: integer().notNull(),
    absoluteExpiresAt: timestamp({ withTimezone: true }).notNull(),
    remember: boolean().notNull().default(false),
  },
  (t) => [
    index('auth_sessions_user_idx').on(t.userId),
    index('auth_sessions_expiry_idx').on(t.absoluteExpiresAt),
    check('auth_sessions_idle_check', sql`${t.idleTimeoutSeconds} > 0`),
  ],
)

/**
 * Login and sign-up attempts, keyed by account or by IP (hashed), so throttling holds
 * across app processes.
 */
export const authAttempts = pgTable(
  'auth_attempts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    keyHash: text().notNull(),
    succeeded: boolean().notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('auth_attempts_key_time_idx').on(t.keyHash, t.attemptedAt)],
)

/** Which notifications a resident wants by which channel; in-app is always on. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKind().notNull(),
    channel: channel().notNull(),
    enabled: boolean().notNull(),
  },
  (t) => [primaryKey({ name: 'notification_preferences_pkey', columns: [t.userId, t.kind, t.channel] })],
)
