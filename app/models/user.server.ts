import { asc, eq, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import type { LoginIdentifier } from '#app/domain/login-identifier.ts'
import { db } from '#db/client.server.ts'
import { builtOnce } from '#db/statement.server.ts'
import {
  centres,
  isSilenceable,
  optionalChannels,
  notificationKinds,
  notificationPreferences,
  roleGrants,
  streets,
  users,
  type Channel,
  type NotificationKind,
} from '#db/schema/index.ts'
import { inLanguage, perLanguage } from './language.server.ts'

/** The account a login identifier names, with what checking the password needs. */
export async function findUserForLogin({ identifier }: { identifier: LoginIdentifier }) {
  const [user] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      preferredLocale: users.preferredLocale,
      elderMode: users.elderMode,
    })
    .from(users)
    .where(identifier.kind === 'phone' ? eq(users.phone, identifier.value) : eq(users.email, identifier.value))
    .limit(1)
  return user ?? null
}

/** Creates a resident account; null when the phone or email already has one. */
export async function createResident({
  identifier,
  passwordHash,
  name,
  birthYear,
  homeStreetId,
  preferredLocale,
  elderMode = false,
}: {
  identifier: LoginIdentifier
  passwordHash: string
  name: string
  birthYear: number | null
  homeStreetId: number | null
  preferredLocale: Language
  elderMode?: boolean
}) {
  const [user] = await db
    .insert(users)
    .values({
      phone: identifier.kind === 'phone' ? identifier.value : null,
      email: identifier.kind === 'email' ? identifier.value : null,
      passwordHash,
      name,
      birthYear,
      homeStreetId,
      preferredLocale,
      elderMode,
    })
    .onConflictDoNothing()
    .returning({ id: users.id })
  return user ?? null
}

/** What the account page shows: only the resident's own fields. */
export async function getProfile({ userId, lang }: { userId: number; lang: Language }) {
  const [profile] = await db
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      email: users.email,
      birthYear: users.birthYear,
      homeStreetId: users.homeStreetId,
      homeStreetName: inLanguage(lang, streets.nameZh, streets.nameEn),
      preferredLocale: users.preferredLocale,
    })
    .from(users)
    .leftJoin(streets, eq(streets.id, users.homeStreetId))
    .where(eq(users.id, userId))
    .limit(1)
  return profile ?? null
}

export async function updateProfile({
  userId,
  name,
  birthYear,
  homeStreetId,
  preferredLocale,
}: {
  userId: number
  name: string
  birthYear: number | null
  homeStreetId: number | null
  preferredLocale: Language
}) {
  await db.update(users).set({ name, birthYear, homeStreetId, preferredLocale }).where(eq(users.id, userId))
}

/** Saves the resident's elder-mode preference (长辈版), restored at their next login. */
export async function setElderMode({ userId, elderMode }: { userId: number; elderMode: boolean }) {
  await db.update(users).set({ elderMode }).where(eq(users.id, userId))
}

/** The street a resident lives in, if they said; the elder home page lists its centres. */
export async function getHomeStreetId({ userId }: { userId: number }) {
  const [user] = await db.select({ homeStreetId: users.homeStreetId }).from(users).where(eq(users.id, userId)).limit(1)
  return user?.homeStreetId ?? null
}

export async function getPasswordHash({ userId }: { userId: number }) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1)
  return user?.passwordHash ?? null
}

export async function setPasswordHash({ userId, passwordHash }: { userId: number; passwordHash: string }) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId))
}

/**
 * The resident's choices: for each kind, whether it shows on the website (on unless turned
 * off, and only some kinds can be) and whether it also goes by email or text (off unless chosen).
 */
export async function getNotificationChoices({ userId }: { userId: number }) {
  const rows = await db
    .select({
      kind: notificationPreferences.kind,
      channel: notificationPreferences.channel,
      enabled: notificationPreferences.enabled,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
  const chosen = (kind: NotificationKind, channel: Channel) =>
    rows.find((row) => row.kind === kind && row.channel === channel)?.enabled
  return notificationKinds.map((kind) => ({
    kind,
    inApp: { optional: isSilenceable(kind), enabled: !isSilenceable(kind) || chosen(kind, 'in_app') !== false },
    channels: optionalChannels.map((channel) => ({ channel, enabled: chosen(kind, channel) === true })),
  }))
}

export async function setNotificationChoices({
  userId,
  enabled,
}: {
  userId: number
  enabled: Array<{ kind: NotificationKind; channel: Channel }>
}) {
  const isOn = (kind: NotificationKind, channel: Channel) =>
    enabled.some((choice) => choice.kind === kind && choice.channel === channel)
  const values = notificationKinds.flatMap((kind) => [
    ...(isSilenceable(kind) ? [{ userId, kind, channel: 'in_app' as const, enabled: isOn(kind, 'in_app') }] : []),
    ...optionalChannels.map((channel) => ({ userId, kind, channel, enabled: isOn(kind, channel) })),
  ])
  await db.transaction(async (tx) => {
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId))
    await tx.insert(notificationPreferences).values(values)
  })
}

const grantsOf = perLanguage((lang) =>
  builtOnce((runner) =>
    runner
      .select({
        id: roleGrants.id,
        role: roleGrants.role,
        centreId: roleGrants.centreId,
        centreSlug: centres.slug,
        centreName: inLanguage(lang, centres.nameZh, centres.nameEn),
        streetId: roleGrants.streetId,
        streetSlug: streets.slug,
        streetName: inLanguage(lang, streets.nameZh, streets.nameEn),
      })
      .from(roleGrants)
      .leftJoin(centres, eq(centres.id, roleGrants.centreId))
      .leftJoin(streets, eq(streets.id, roleGrants.streetId))
      .where(eq(roleGrants.userId, sql.placeholder('userId')))
      .orderBy(asc(roleGrants.role), asc(roleGrants.id))
      .prepare('role_grants'),
  ),
)

/** A person's staff grants, with the names of what they cover. */
export async function listGrants({ userId, lang }: { userId: number; lang: Language }) {
  return grantsOf[lang](db, { userId })
}
