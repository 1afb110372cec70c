import { and, asc, eq, gt, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import type { ServiceInput } from '#app/domain/operator-schemas.ts'
import { db, type Transaction } from '#db/client.server.ts'
import { serviceConcessions, services, slots } from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { inLanguage } from './language.server.ts'

/**
 * Services as their centre's operators manage them: every query names the centre, so a
 * service id of another centre — typed into an address or forged into a form — finds
 * nothing.
 */

/** Every service of a centre, paused ones too, with how many slots are still to come. */
export async function listOperatorServices({
  centreId,
  lang,
  now = new Date(),
}: {
  centreId: number
  lang: Language
  now?: Date
}) {
  return db
    .select({
      id: services.id,
      slug: services.slug,
      name: inLanguage(lang, services.nameZh, services.nameEn),
      category: services.category,
      bookingMode: services.bookingMode,
      status: services.status,
      upcomingSlots: sql<number>`(
        select count(*)::int from ${slots}
        where ${slots.serviceId} = ${services.id} and ${slots.status} = 'scheduled' and ${gt(slots.startsAt, now)}
      )`,
    })
    .from(services)
    .where(eq(services.centreId, centreId))
    .orderBy(asc(services.category), asc(services.id))
}

const editableColumns = {
  id: services.id,
  slug: services.slug,
  status: services.status,
  category: services.category,
  bookingMode: services.bookingMode,
  nameZh: services.nameZh,
  nameEn: services.nameEn,
  summaryZh: services.summaryZh,
  summaryEn: services.summaryEn,
  descriptionZh: services.descriptionZh,
  descriptionEn: services.descriptionEn,
  whatToBringZh: services.whatToBringZh,
  whatToBringEn: services.whatToBringEn,
  locationZh: services.locationZh,
  locationEn: services.locationEn,
  minAge: services.minAge,
  maxAge: services.maxAge,
  residentsOnly: services.residentsOnly,
  priceFen: services.priceFen,
  counters: services.counters,
  slotMinutes: services.slotMinutes,
  bookingOpensDaysBefore: services.bookingOpensDaysBefore,
  bookingClosesHoursBefore: services.bookingClosesHoursBefore,
  cancelCutoffHours: services.cancelCutoffHours,
  maxActivePerPerson: services.maxActivePerPerson,
  maxPerDayPerPerson: services.maxPerDayPerPerson,
  waitlistEnabled: services.waitlistEnabled,
}

async function readService(
  tx: Transaction | typeof db,
  { centreId, serviceId }: { centreId: number; serviceId: number },
) {
  const [service] = await tx
    .select(editableColumns)
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.centreId, centreId)))
    .limit(1)
  if (!service) return null
  const concessions = await tx
    .select({ kind: serviceConcessions.kind, priceFen: serviceConcessions.priceFen })
    .from(serviceConcessions)
    .where(eq(serviceConcessions.serviceId, serviceId))
    .orderBy(asc(serviceConcessions.kind))
  return { ...service, concessions }
}

/** One service of the centre with every setting, for its edit form; null if it is not this centre's. */
export async function getServiceForEditing({ centreId, serviceId }: { centreId: number; serviceId: number }) {
  return readService(db, { centreId, serviceId })
}

export type EditableService = NonNullable<Awaited<ReturnType<typeof getServiceForEditing>>>

/** Adds a service to the centre; null when the centre already has a service of that slug. */
export async function createService({
  actorUserId,
  centreId,
  slug,
  input,
}: {
  actorUserId: number
  centreId: number
  slug: string
  input: ServiceInput
}) {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(services)
      .values({ ...input.service, centreId, slug })
      .onConflictDoNothing()
      .returning({ id: services.id })
    if (!created) return null
    if (input.concessions.length > 0) {
      await tx.insert(serviceConcessions).values(input.concessions.map((c) => ({ ...c, serviceId: created.id })))
    }
    await recordAudit(tx, {
      actorUserId,
      action: 'create_service',
      entityType: 'service',
      entityId: created.id,
      centreId,
      details: { before: null, after: { slug, ...input.service, concessions: input.concessions } },
    })
    return created
  })
}

/** Saves every setting of a service of the centre; false if it is not this centre's. */
export async function updateService({
  actorUserId,
  centreId,
  serviceId,
  input,
  now = new Date(),
}: {
  actorUserId: number
  centreId: number
  serviceId: number
  input: ServiceInput
  now?: Date
}) {
  return db.transaction(async (tx) => {
    // Lock the row so two operators saving at once leave a true before/after trail.
    const [locked] = await tx
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.id, serviceId), eq(services.centreId, centreId)))
      .for('update')
    if (!locked) return false
    const before = await readService(tx, { centreId, serviceId })
    await tx
      .update(services)
      .set({ ...input.service, updatedAt: now })
      .where(eq(services.id, serviceId))
    await tx.delete(serviceConcessions).where(eq(serviceConcessions.serviceId, serviceId))
    if (input.concessions.length > 0) {
      await tx.insert(serviceConcessions).values(input.concessions.map((c) => ({ ...c, serviceId })))
    }
    const after = await readService(tx, { centreId, serviceId })
    await recordAudit(tx, {
      actorUserId,
      action: 'update_service',
      entityType: 'service',
      entityId: serviceId,
      centreId,
      details: { before, after },
    })
    return true
  })
}

/** Pauses a service (residents no longer see or book it; bookings already made stay) or resumes it. */
export async function setServiceStatus({
  actorUserId,
  centreId,
  serviceId,
  status,
  now = new Date(),
}: {
  actorUserId: number
  centreId: number
  serviceId: number
  status: 'active' | 'paused'
  now?: Date
}) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: services.status })
      .from(services)
      .where(and(eq(services.id, serviceId), eq(services.centreId, centreId)))
      .for('update')
    if (!before) return false
    await tx.update(services).set({ status, updatedAt: now }).where(eq(services.id, serviceId))
    await recordAudit(tx, {
      actorUserId,
      action: status === 'paused' ? 'pause_service' : 'resume_service',
      entityType: 'service',
      entityId: serviceId,
      centreId,
      details: { before: { status: before.status }, after: { status } },
    })
    return true
  })
}
