import { asc, eq } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import type { LoginIdentifier } from '#app/domain/login-identifier.ts'
import { db } from '#db/client.server.ts'
import { authSessions, centres, roleGrants, streets, users, type Role } from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { inLanguage } from './language.server.ts'

/** Every staff grant in the district, for the admin page. */
export async function listAllGrants({ lang }: { lang: Language }) {
  return db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      userId: users.id,
      name: users.name,
      phone: users.phone,
      email: users.email,
      centreName: inLanguage(lang, centres.nameZh, centres.nameEn),
      streetName: inLanguage(lang, streets.nameZh, streets.nameEn),
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(centres, eq(centres.id, roleGrants.centreId))
    .leftJoin(streets, eq(streets.id, roleGrants.streetId))
    .orderBy(asc(users.name), asc(roleGrants.role), asc(roleGrants.id))
}

export type GrantOutcome = 'granted' | 'no_such_person' | 'already_granted' | 'no_such_scope'

/**
 * Grants a staff role to the account a phone or email names. The grant, the audit row
 * and the end of that person's sessions (their next login gets a new session id with the
 * new rights) happen in one transaction.
 */
export async function grantRole({
  actorUserId,
  identifier,
  role,
  centreId,
  streetId,
}: {
  actorUserId: number
  identifier: LoginIdentifier
  role: Exclude<Role, 'resident'>
  centreId: number | null
  streetId: number | null
}): Promise<GrantOutcome> {
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: users.id })
      .from(users)
      .where(identifier.kind === 'phone' ? eq(users.phone, identifier.value) : eq(users.email, identifier.value))
      .limit(1)
    if (!person) return 'no_such_person'
    if (centreId !== null) {
      const [centre] = await tx.select({ id: centres.id }).from(centres).where(eq(centres.id, centreId)).limit(1)
      if (!centre) return 'no_such_scope'
    }
    if (streetId !== null) {
      const [street] = await tx.select({ id: streets.id }).from(streets).where(eq(streets.id, streetId)).limit(1)
      if (!street) return 'no_such_scope'
    }
    const [grant] = await tx
      .insert(roleGrants)
      .values({ userId: person.id, role, centreId, streetId, grantedByUserId: actorUserId })
      .onConflictDoNothing()
      .returning({ id: roleGrants.id })
    if (!grant) return 'already_granted'
    await tx.delete(authSessions).where(eq(authSessions.userId, person.id))
    await recordAudit(tx, {
      actorUserId,
      action: 'grant_role',
      entityType: 'role_grant',
      entityId: grant.id,
      centreId,
      streetId,
      details: { userId: person.id, role },
    })
    return 'granted'
  })
}

/** Revokes a grant (returns false if there was none); that person's sessions end. */
export async function revokeGrant({ actorUserId, grantId }: { actorUserId: number; grantId: number }) {
  return db.transaction(async (tx) => {
    const [grant] = await tx.delete(roleGrants).where(eq(roleGrants.id, grantId)).returning({
      userId: roleGrants.userId,
      role: roleGrants.role,
      centreId: roleGrants.centreId,
      streetId: roleGrants.streetId,
    })
    if (!grant) return false
    await tx.delete(authSessions).where(eq(authSessions.userId, grant.userId))
    await recordAudit(tx, {
      actorUserId,
      action: 'revoke_role',
      entityType: 'role_grant',
      entityId: grantId,
      centreId: grant.centreId,
      streetId: grant.streetId,
      details: { userId: grant.userId, role: grant.role },
    })
    return true
  })
}
