import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { db } from '#db/client.server.ts'
import { householdMembers, streets } from '#db/schema/index.ts'
import { inLanguage } from './language.server.ts'

// Every query here is scoped by ownerUserId: a resident reaches only their own household.

/** A current member of this owner's household: the scope of every read and write by id. */
function ownedMember({ id, ownerUserId }: { id: number; ownerUserId: number }) {
  return and(
    eq(householdMembers.id, id),
    eq(householdMembers.ownerUserId, ownerUserId),
    isNull(householdMembers.removedAt),
  )
}

export interface HouseholdMemberInput {
  name: string
  relation: string
  birthYear: number
  phone: string | null
  homeStreetId: number | null
}

export async function listHouseholdMembers({ ownerUserId, lang }: { ownerUserId: number; lang: Language }) {
  return db
    .select({
      id: householdMembers.id,
      name: householdMembers.name,
      relation: householdMembers.relation,
      birthYear: householdMembers.birthYear,
      phone: householdMembers.phone,
      homeStreetName: inLanguage(lang, streets.nameZh, streets.nameEn),
    })
    .from(householdMembers)
    .leftJoin(streets, eq(streets.id, householdMembers.homeStreetId))
    .where(and(eq(householdMembers.ownerUserId, ownerUserId), isNull(householdMembers.removedAt)))
    .orderBy(asc(householdMembers.id))
}

export async function countHouseholdMembers({ ownerUserId }: { ownerUserId: number }) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(householdMembers)
    .where(and(eq(householdMembers.ownerUserId, ownerUserId), isNull(householdMembers.removedAt)))
  return row?.count ?? 0
}

export async function getHouseholdMember({ id, ownerUserId }: { id: number; ownerUserId: number }) {
  const [member] = await db
    .select({
      id: householdMembers.id,
      name: householdMembers.name,
      relation: householdMembers.relation,
      birthYear: householdMembers.birthYear,
      phone: householdMembers.phone,
      homeStreetId: householdMembers.homeStreetId,
    })
    .from(householdMembers)
    .where(ownedMember({ id, ownerUserId }))
    .limit(1)
  return member ?? null
}

export async function addHouseholdMember({
  ownerUserId,
  member,
}: {
  ownerUserId: number
  member: HouseholdMemberInput
}) {
  const [row] = await db
    .insert(householdMembers)
    .values({ ownerUserId, ...member })
    .returning({ id: householdMembers.id })
  return row!
}

/** Returns false when there is no such member in this resident's household. */
export async function updateHouseholdMember({
  id,
  ownerUserId,
  member,
}: {
  id: number
  ownerUserId: number
  member: HouseholdMemberInput
}) {
  const updated = await db
    .update(householdMembers)
    .set(member)
    .where(ownedMember({ id, ownerUserId }))
    .returning({ id: householdMembers.id })
  return updated.length > 0
}

/** Removed members keep their row, because past bookings name them. */
export async function removeHouseholdMember({ id, ownerUserId }: { id: number; ownerUserId: number }) {
  const removed = await db
    .update(householdMembers)
    .set({ removedAt: new Date() })
    .where(ownedMember({ id, ownerUserId }))
    .returning({ id: householdMembers.id })
  return removed.length > 0
}
