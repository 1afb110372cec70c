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

/** The streets that have centres, with how many each has. */
export async function listStreetsWithCentres({ lang }: { lang: Language }) {
  return db
    .select({
      id: streets.id,
      slug: streets.slug,
      name: inLanguage(lang, streets.nameZh, streets.nameEn),
      centres: sql<number>`count(*)::int`,
    })
    .from(streets)
    .innerJoin(centres, eq(centres.streetId, streets.id))
    .groupBy(streets.id)
    .orderBy(asc(streets.id))
}

/** Centres, optionally of one street and only those offering a category, with their hours. */
export async function listCentres({
  lang,
  streetSlug,
  category,
  today,
  limit,
}: {
  lang: Language
  streetSlug?: string
  category?: ServiceCategory
  /** The centres' calendar date, for today's exceptions. */
  today: string
  /** At most this many, in the same order. */
  limit?: number
}) {
  const query = db
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
    .$dynamic()
  const rows = await (limit === undefined ? query : query.limit(limit))
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

/**
 * The centres to phone, street by street: those of one street (a resident's home street)
 * or, without one, every centre of the district. For the elder home page.
 */
export async function listCentrePhones({ lang, streetId }: { lang: Language; streetId?: number | null }) {
  return db
    .select(centreSummaryColumns(lang))
    .from(centres)
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(streetId ? eq(centres.streetId, streetId) : undefined)
    .orderBy(asc(streets.id), asc(centres.id))
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

/** What an operator may change about their own centre; the admin changes all of CentreInput. */
export interface CentreDetailsInput {
  nameZh: string
  nameEn: string
  addressZh: string
  addressEn: string
  phone: string
  descriptionZh: string
  descriptionEn: string
}

/**
 * Saves a centre's details — all of them from the district admin's form, or the
 * operator's part — with the fields before and after in the audit log.
 */
export async function updateCentre({
  actorUserId,
  id,
  centre,
}: {
  actorUserId: number
  id: number
  centre: CentreInput | CentreDetailsInput
}) {
  return db.transaction(async (tx) => {
    const columns = Object.fromEntries(Object.keys(centre).map((key) => [key, centres[key as keyof CentreInput]]))
    const [before] = await tx
      .select({ ...columns, streetId: centres.streetId })
      .from(centres)
      .where(eq(centres.id, id))
      .for('update')
    if (!before) return false
    const [updated] = await tx
      .update(centres)
      .set(centre)
      .where(eq(centres.id, id))
      .returning({ id: centres.id, streetId: centres.streetId })
    if (!updated) return false
    const { streetId: _streetId, ...beforeFields } = before as Record<string, unknown>
    await recordAudit(tx, {
      actorUserId,
      action: 'update_centre',
      entityType: 'centre',
      entityId: id,
      centreId: id,
      streetId: updated.streetId,
      details: { before: beforeFields, after: { ...centre } },
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

/** A centre's name, address and street by its slug, for pages about one centre. */
export async function getCentreSummary({ slug, lang }: { slug: string; lang: Language }) {
  const [centre] = await db
    .select(centreSummaryColumns(lang))
    .from(centres)
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(eq(centres.slug, slug))
    .limit(1)
  return centre ?? null
}

/** The operator's part of a centre's details, for their form. */
export async function getCentreDetails({ id }: { id: number }) {
  const [centre] = await db
    .select({
      nameZh: centres.nameZh,
      nameEn: centres.nameEn,
      addressZh: centres.addressZh,
      addressEn: centres.addressEn,
      phone: centres.phone,
      descriptionZh: centres.descriptionZh,
      descriptionEn: centres.descriptionEn,
    })
    .from(centres)
    .where(eq(centres.id, id))
    .limit(1)
  return centre ?? null
}

const openingExceptionColumns = {
  date: centreOpeningExceptions.date,
  closed: centreOpeningExceptions.closed,
  opensAt: centreOpeningExceptions.opensAt,
  closesAt: centreOpeningExceptions.closesAt,
  reasonZh: centreOpeningExceptions.reasonZh,
  reasonEn: centreOpeningExceptions.reasonEn,
}

/** A centre's regular hours and its dated exceptions from `from` on, for editing. */
export async function getOpeningHoursForEditing({ centreId, from }: { centreId: number; from: string }) {
  const [hours, exceptions] = await Promise.all([
    db
      .select({
        weekday: centreOpeningHours.weekday,
        opensAt: centreOpeningHours.opensAt,
        closesAt: centreOpeningHours.closesAt,
      })
      .from(centreOpeningHours)
      .where(eq(centreOpeningHours.centreId, centreId))
      .orderBy(asc(centreOpeningHours.weekday), asc(centreOpeningHours.opensAt)),
    db
      .select({ id: centreOpeningExceptions.id, ...openingExceptionColumns })
      .from(centreOpeningExceptions)
      .where(and(eq(centreOpeningExceptions.centreId, centreId), gte(centreOpeningExceptions.date, from)))
      .orderBy(asc(centreOpeningExceptions.date)),
  ])
  return { hours, exceptions }
}

/** Replaces a centre's regular week in one change. */
export async function replaceOpeningHours({
  actorUserId,
  centreId,
  hours,
}: {
  actorUserId: number
  centreId: number
  hours: Array<{ weekday: number; opensAt: string; closesAt: string }>
}) {
  return db.transaction(async (tx) => {
    const before = await tx.delete(centreOpeningHours).where(eq(centreOpeningHours.centreId, centreId)).returning({
      weekday: centreOpeningHours.weekday,
      opensAt: centreOpeningHours.opensAt,
      closesAt: centreOpeningHours.closesAt,
    })
    if (hours.length > 0) await tx.insert(centreOpeningHours).values(hours.map((hour) => ({ ...hour, centreId })))
    await recordAudit(tx, {
      actorUserId,
      action: 'update_opening_hours',
      entityType: 'centre',
      entityId: centreId,
      centreId,
      details: { before: before.sort((a, b) => a.weekday - b.weekday), after: hours },
    })
  })
}

export interface OpeningExceptionInput {
  date: string
  closed: boolean
  opensAt?: string
  closesAt?: string
  reasonZh: string
  reasonEn: string
}

/** Adds (or replaces) the exception for one date: a holiday closure or special hours. */
export async function saveOpeningException({
  actorUserId,
  centreId,
  exception,
}: {
  actorUserId: number
  centreId: number
  exception: OpeningExceptionInput
}) {
  const row = {
    date: exception.date,
    closed: exception.closed,
    opensAt: exception.closed ? null : (exception.opensAt ?? null),
    closesAt: exception.closed ? null : (exception.closesAt ?? null),
    reasonZh: exception.reasonZh,
    reasonEn: exception.reasonEn,
  }
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: centreOpeningExceptions.id, ...openingExceptionColumns })
      .from(centreOpeningExceptions)
      .where(and(eq(centreOpeningExceptions.centreId, centreId), eq(centreOpeningExceptions.date, exception.date)))
      .for('update')
    const [saved] = await tx
      .insert(centreOpeningExceptions)
      .values({ ...row, centreId })
      .onConflictDoUpdate({ target: [centreOpeningExceptions.centreId, centreOpeningExceptions.date], set: row })
      .returning({ id: centreOpeningExceptions.id })
    await recordAudit(tx, {
      actorUserId,
      action: 'save_opening_exception',
      entityType: 'opening_exception',
      entityId: saved!.id,
      centreId,
      details: { before: before ?? null, after: row },
    })
  })
}

/** Removes one of the centre's exceptions; false if there is no such exception at this centre. */
export async function removeOpeningException({
  actorUserId,
  centreId,
  exceptionId,
}: {
  actorUserId: number
  centreId: number
  exceptionId: number
}) {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(centreOpeningExceptions)
      .where(and(eq(centreOpeningExceptions.id, exceptionId), eq(centreOpeningExceptions.centreId, centreId)))
      .returning(openingExceptionColumns)
    if (!removed) return false
    await recordAudit(tx, {
      actorUserId,
      action: 'remove_opening_exception',
      entityType: 'opening_exception',
      entityId: exceptionId,
      centreId,
      details: { before: removed, after: null },
    })
    return true
  })
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
