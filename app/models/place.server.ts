import { and, asc, eq, exists, gte, inArray, lte, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import type { ServiceCategory } from '#db/schema/index.ts'
import { db } from '#db/client.server.ts'
import { centreOpeningExceptions, centreOpeningHours, centres, districts, services, streets } from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { inLanguage } from './language.server.ts'

/** The columns that name and locate a centre, in the reader's language. */
export function centreSummaryColumns(lang: Language) {
  return {
    id: centres.id,
    slug: centres.slug,
    name: inLanguage(lang, centres.nameZh, centres.nameEn),
    address: inLanguage(lang, centres.addressZh, centres.addressEn),
    phone: centres.phone,
    timeZone: centres.timeZone,
    streetSlug: streets.slug,
    streetName: inLanguage(lang, streets.nameZh, streets.nameEn),
  }
}

export async function listStreets({ lang }: { lang: Language }) {
  return db
    .select({ id: streets.id, slug: streets.slug, name: inLanguage(lang, streets.nameZh, streets.nameEn) })
    .from(streets)
    .orderBy(asc(streets.id))
}

/** Centres, optionally of one street and only those offering a category, with their hours. */
export async function listCentres({
  lang,
  streetSlug,
  category,
  today,
}: {
  lang: Language
  streetSlug?: string
  category?: ServiceCategory
  /** The centres' calendar date, for today's exceptions. */
  today: string
}) {
  const rows = await db
    .select(centreSummaryColumns(lang))
    .from(centres)
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(
      and(
        streetSlug ? eq(streets.slug, streetSlug) : undefined,
        category
          ? exists(
              db
                .select({ one: sql`1` })
                .from(services)
                .where(
                  and(
                    eq(services.centreId, centres.id),
                    eq(services.category, category),
                    eq(services.status, 'active'),
                  ),
                ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(streets.id), asc(centres.id))
  const hours = await listOpeningHours({ lang, centreIds: rows.map((row) => row.id), from: today, until: today })
  return rows.map((row) => ({ ...row, ...hours.get(row.id)! }))
}

/** A centre by its slug, with its street, its regular hours and the next month's exceptions. */
export async function getCentre({
  slug,
  lang,
  today,
  until,
}: {
  slug: string
  lang: Language
  today: string
  until: string
}) {
  const [centre] = await db
    .select({
      ...centreSummaryColumns(lang),
      description: inLanguage(lang, centres.descriptionZh, centres.descriptionEn),
      latitude: centres.latitude,
      longitude: centres.longitude,
      facilities: centres.facilities,
      streetId: streets.id,
    })
    .from(centres)
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(eq(centres.slug, slug))
    .limit(1)
  if (!centre) return null
  const hours = await listOpeningHours({ lang, centreIds: [centre.id], from: today, until })
  return { ...centre, ...hours.get(centre.id)! }
}

/** Regular hours and dated exceptions between `from` and `until`, per centre. */
async function listOpeningHours({
  lang,
  centreIds,
  from,
  until,
}: {
  lang: Language
  centreIds: number[]
  from: string
  until: string
}) {
  const byCentre = new Map(
    centreIds.map((id) => [
      id,
      {
        hours: [] as Array<{ weekday: number; opensAt: string; closesAt: string }>,
        exceptions: [] as Array<{
          date: string
          closed: boolean
          opensAt: string | null
          closesAt: string | null
          reason: string
        }>,
      },
    ]),
  )
  if (centreIds.length === 0) return byCentre
  const [hours, exceptions] = await Promise.all([
    db
      .select({
        centreId: centreOpeningHours.centreId,
        weekday: centreOpeningHours.weekday,
        opensAt: centreOpeningHours.opensAt,
        closesAt: centreOpeningHours.closesAt,
      })
      .from(centreOpeningHours)
      .where(inArray(centreOpeningHours.centreId, centreIds)),
    db
      .select({
        centreId: centreOpeningExceptions.centreId,
        date: centreOpeningExceptions.date,
        closed: centreOpeningExceptions.closed,
        opensAt: centreOpeningExceptions.opensAt,
        closesAt: centreOpeningExceptions.closesAt,
        reason: inLanguage(lang, centreOpeningExceptions.reasonZh, centreOpeningExceptions.reasonEn),
      })
      .from(centreOpeningExceptions)
      .where(
        and(
          inArray(centreOpeningExceptions.centreId, centreIds),
          gte(centreOpeningExceptions.date, from),
          lte(centreOpeningExceptions.date, until),
        ),
      )
      .orderBy(asc(centreOpeningExceptions.date)),
  ])
  for (const { centreId, ...period } of hours) byCentre.get(centreId)?.hours.push(period)
  for (const { centreId, ...exception } of exceptions) byCentre.get(centreId)?.exceptions.push(exception)
  return byCentre
}

/** Whether a street id a form sent names a real street (so a forged id is a form error, not a 500). */
export async function streetExists({ id }: { id: number }) {
  const [street] = await db.select({ id: streets.id }).from(streets).where(eq(streets.id, id)).limit(1)
  return Boolean(street)
}

export interface StreetInput {
  slug: string
  nameZh: string
  nameEn: string
}

export interface CentreInput {
  streetId: number
  nameZh: string
  nameEn: string
  addressZh: string
  addressEn: string
  phone: string
  latitude: number
  longitude: number
  catchmentPopulation: number
}

/** Adds a street to the district (the only one); null when the slug is taken. */
export async function createStreet({ actorUserId, street }: { actorUserId: number; street: StreetInput }) {
  return db.transaction(async (tx) => {
    const [district] = await tx.select({ id: districts.id }).from(districts).orderBy(asc(districts.id)).limit(1)
    if (!district) return null
    const [created] = await tx
      .insert(streets)
      .values({ ...street, districtId: district.id })
      .onConflictDoNothing()
      .returning({ id: streets.id })
    if (!created) return null
    await recordAudit(tx, {
      actorUserId,
      action: 'create_street',
      entityType: 'street',
      entityId: created.id,
      streetId: created.id,
      details: { ...street },
    })
    return created
  })
}

export async function renameStreet({
  actorUserId,
  id,
  nameZh,
  nameEn,
}: {
  actorUserId: number
  id: number
  nameZh: string
  nameEn: string
}) {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(streets)
      .set({ nameZh, nameEn })
      .where(eq(streets.id, id))
      .returning({ id: streets.id })
    if (!updated) return false
    await recordAudit(tx, {
      actorUserId,
      action: 'rename_street',
      entityType: 'street',
      entityId: id,
      streetId: id,
      details: { nameZh, nameEn },
    })
    return true
  })
}

/** Adds a centre; null when the slug is taken. */
export async function createCentre({
  actorUserId,
  slug,
  centre,
}: {
  actorUserId: number
  slug: string
  centre: CentreInput
}) {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(centres)
      .values({ ...centre, slug })
      .onConflictDoNothing()
      .returning({ id: centres.id })
    if (!created) return null
    await recordAudit(tx, {
      actorUserId,
      action: 'create_centre',
      entityType: 'centre',
      entityId: created.id,
      centreId: created.id,
      streetId: centre.streetId,
      details: { slug, nameZh: centre.nameZh },
    })
    return created
  })
}

export async function updateCentre({
  actorUserId,
  id,
  centre,
}: {
  actorUserId: number
  id: number
  centre: CentreInput
}) {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(centres).set(centre).where(eq(centres.id, id)).returning({ id: centres.id })
    if (!updated) return false
    await recordAudit(tx, {
      actorUserId,
      action: 'update_centre',
      entityType: 'centre',
      entityId: id,
      centreId: id,
      streetId: centre.streetId,
      details: { ...centre },
    })
    return true
  })
}

/** The editable fields of a centre, for the admin form. */
export async function getCentreForEditing({ slug }: { slug: string }) {
  const [centre] = await db
    .select({
      id: centres.id,
      slug: centres.slug,
      streetId: centres.streetId,
      nameZh: centres.nameZh,
      nameEn: centres.nameEn,
      addressZh: centres.addressZh,
      addressEn: centres.addressEn,
      phone: centres.phone,
      latitude: centres.latitude,
      longitude: centres.longitude,
      catchmentPopulation: centres.catchmentPopulation,
    })
    .from(centres)
    .where(eq(centres.slug, slug))
    .limit(1)
  return centre ?? null
}

export async function listStreetsForEditing() {
  return db
    .select({ id: streets.id, slug: streets.slug, nameZh: streets.nameZh, nameEn: streets.nameEn })
    .from(streets)
    .orderBy(asc(streets.id))
}

/** Every centre's name and street, for choosing one in a filter. */
export async function listCentreNames({ lang }: { lang: Language }) {
  return db
    .select({
      id: centres.id,
      slug: centres.slug,
      name: inLanguage(lang, centres.nameZh, centres.nameEn),
      streetId: centres.streetId,
      streetSlug: streets.slug,
    })
    .from(centres)
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .orderBy(asc(streets.id), asc(centres.id))
}
