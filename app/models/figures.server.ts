import { and, asc, eq, gt, lt, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { db } from '#db/client.server.ts'
import { centres, services, slots, streets } from '#db/schema/index.ts'
import { inLanguage } from './language.server.ts'

/** A street's centres with their coming week in numbers: slots, places taken, waiting lists. */
export async function streetWeekSummary({
  streetId,
  from,
  until,
  lang,
}: {
  streetId: number
  from: Date
  until: Date
  lang: Language
}) {
  return db
    .select({
      id: centres.id,
      slug: centres.slug,
      name: inLanguage(lang, centres.nameZh, centres.nameEn),
      slots: sql<number>`count(${slots.id})::int`,
      capacity: sql<number>`coalesce(sum(${slots.capacity}), 0)::int`,
      seatsTaken: sql<number>`coalesce(sum(${slots.seatsTaken}), 0)::int`,
      waitlisted: sql<number>`coalesce(sum(${slots.waitlistedCount}), 0)::int`,
    })
    .from(centres)
    .leftJoin(services, eq(services.centreId, centres.id))
    .leftJoin(
      slots,
      and(
        eq(slots.serviceId, services.id),
        eq(slots.status, 'scheduled'),
        gt(slots.startsAt, from),
        lt(slots.startsAt, until),
      ),
    )
    .where(eq(centres.streetId, streetId))
    .groupBy(centres.id)
    .orderBy(asc(centres.id))
}

export async function getStreet({ slug, lang }: { slug: string; lang: Language }) {
  const [street] = await db
    .select({ id: streets.id, slug: streets.slug, name: inLanguage(lang, streets.nameZh, streets.nameEn) })
    .from(streets)
    .where(eq(streets.slug, slug))
    .limit(1)
  return street ?? null
}
