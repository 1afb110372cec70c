import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { db } from '#db/client.server.ts'
import type { ServiceCategory } from '#db/schema/index.ts'
import { centres, serviceConcessions, services, slots, streets } from '#db/schema/index.ts'
import { inLanguage } from './language.server.ts'
import { centreSummaryColumns } from './place.server.ts'

/** The columns the booking rules read (domain/booking-rules.ts ServiceRules). */
export const bookingRuleColumns = {
  minAge: services.minAge,
  maxAge: services.maxAge,
  residentsOnly: services.residentsOnly,
  priceFen: services.priceFen,
  bookingOpensDaysBefore: services.bookingOpensDaysBefore,
  bookingClosesHoursBefore: services.bookingClosesHoursBefore,
  cancelCutoffHours: services.cancelCutoffHours,
  maxActivePerPerson: services.maxActivePerPerson,
  maxPerDayPerPerson: services.maxPerDayPerPerson,
}

/** The columns a list of services shows, in the reader's language. */
function serviceSummaryColumns(lang: Language) {
  return {
    id: services.id,
    slug: services.slug,
    category: services.category,
    bookingMode: services.bookingMode,
    name: inLanguage(lang, services.nameZh, services.nameEn),
    summary: inLanguage(lang, services.summaryZh, services.summaryEn),
    priceFen: services.priceFen,
    minAge: services.minAge,
    maxAge: services.maxAge,
  }
}

/** A centre's active services, in category order. */
export async function listCentreServices({ centreId, lang }: { centreId: number; lang: Language }) {
  return db
    .select(serviceSummaryColumns(lang))
    .from(services)
    .where(and(eq(services.centreId, centreId), eq(services.status, 'active')))
    .orderBy(asc(services.category), asc(services.id))
}

/** One active service of a centre, with everything its page states before a resident books. */
export async function getService({
  centreSlug,
  serviceSlug,
  lang,
}: {
  centreSlug: string
  serviceSlug: string
  lang: Language
}) {
  const [service] = await db
    .select({
      ...serviceSummaryColumns(lang),
      description: inLanguage(lang, services.descriptionZh, services.descriptionEn),
      whatToBring: inLanguage(lang, services.whatToBringZh, services.whatToBringEn),
      location: inLanguage(lang, services.locationZh, services.locationEn),
      ...bookingRuleColumns,
      counters: services.counters,
      slotMinutes: services.slotMinutes,
      waitlistEnabled: services.waitlistEnabled,
      centre: centreSummaryColumns(lang),
    })
    .from(services)
    .innerJoin(centres, eq(centres.id, services.centreId))
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(and(eq(centres.slug, centreSlug), eq(services.slug, serviceSlug), eq(services.status, 'active')))
    .limit(1)
  if (!service) return null
  const concessions = await db
    .select({ kind: serviceConcessions.kind, priceFen: serviceConcessions.priceFen })
    .from(serviceConcessions)
    .where(eq(serviceConcessions.serviceId, service.id))
    .orderBy(asc(serviceConcessions.priceFen))
  return { ...service, concessions }
}

/**
 * Upcoming bookable slots between `from` and `until`, narrowed to a service, a centre,
 * or a category (optionally within a street). Seats left come from the slot's counter.
 */
export async function listUpcomingSlots({
  lang,
  from,
  until,
  serviceId,
  centreId,
  category,
  streetSlug,
  limit = 200,
  offset = 0,
}: {
  lang: Language
  from: Date
  until: Date
  serviceId?: number
  centreId?: number
  category?: ServiceCategory
  streetSlug?: string
  limit?: number
  offset?: number
}) {
  const rows = await db
    .select({
      id: slots.id,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      capacity: slots.capacity,
      seatsTaken: slots.seatsTaken,
      waitlistedCount: slots.waitlistedCount,
      serviceSlug: services.slug,
      serviceName: inLanguage(lang, services.nameZh, services.nameEn),
      category: services.category,
      bookingMode: services.bookingMode,
      waitlistEnabled: services.waitlistEnabled,
      centreSlug: centres.slug,
      centreName: inLanguage(lang, centres.nameZh, centres.nameEn),
      timeZone: centres.timeZone,
    })
    .from(slots)
    .innerJoin(services, eq(services.id, slots.serviceId))
    .innerJoin(centres, eq(centres.id, services.centreId))
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(
      and(
        eq(slots.status, 'scheduled'),
        eq(services.status, 'active'),
        gt(slots.startsAt, from),
        lt(slots.startsAt, until),
        serviceId ? eq(slots.serviceId, serviceId) : undefined,
        centreId ? eq(services.centreId, centreId) : undefined,
        category ? eq(services.category, category) : undefined,
        streetSlug ? eq(streets.slug, streetSlug) : undefined,
      ),
    )
    .orderBy(asc(slots.startsAt), asc(slots.id))
    .limit(limit)
    .offset(offset)
  return rows.map((row) => ({ ...row, seatsLeft: row.capacity - row.seatsTaken }))
}

/** Drop-in services (no booking, opening hours only) of a category, optionally in a street. */
export async function listDropInServices({
  lang,
  category,
  streetSlug,
}: {
  lang: Language
  category: ServiceCategory
  streetSlug?: string
}) {
  return db
    .select({
      ...serviceSummaryColumns(lang),
      centreSlug: centres.slug,
      centreName: inLanguage(lang, centres.nameZh, centres.nameEn),
    })
    .from(services)
    .innerJoin(centres, eq(centres.id, services.centreId))
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(
      and(
        eq(services.category, category),
        eq(services.bookingMode, 'drop_in'),
        eq(services.status, 'active'),
        streetSlug ? eq(streets.slug, streetSlug) : undefined,
      ),
    )
    .orderBy(asc(centres.id), asc(services.id))
}

/** How many active services each category has at the given centres (for category badges). */
export async function countServicesByCategory({ centreIds }: { centreIds: number[] }) {
  if (centreIds.length === 0) return []
  return db
    .select({ centreId: services.centreId, category: services.category, count: sql<number>`count(*)::int` })
    .from(services)
    .where(and(inArray(services.centreId, centreIds), eq(services.status, 'active')))
    .groupBy(services.centreId, services.category)
}
