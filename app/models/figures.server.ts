import { and, asc, eq, gt, lt, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { serviceCategories, type ServiceCategory } from '#app/domain/enums.ts'
import { EMPTY_COUNTS, type FigureCounts } from '#app/domain/figures.ts'
import { addDays, isoWeekday, zonedDate, zonedDateTime } from '#app/domain/time.ts'
import { db } from '#db/client.server.ts'
import { rowsOf } from '#db/migrate.server.ts'
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

/**
 * A centre's figures for this week (Monday to Sunday in the centre's zone) and the
 * `weeksBefore` weeks before it, by week, by category and by service, in one statement
 * (grouping sets) over the counts each slot keeps. Slots the centre cancelled are left out.
 */
export async function centreFigures({
  centreId,
  timeZone,
  now = new Date(),
  weeksBefore = 4,
  lang,
}: {
  centreId: number
  timeZone: string
  now?: Date
  weeksBefore?: number
  lang: Language
}) {
  const today = zonedDate(now, timeZone)
  const thisWeek = addDays(today, 1 - isoWeekday(today))
  const weeks = Array.from({ length: weeksBefore + 1 }, (_, index) => addDays(thisWeek, 7 * (index - weeksBefore)))
  const from = zonedDateTime(weeks[0]!, '00:00', timeZone)
  const until = zonedDateTime(addDays(thisWeek, 7), '00:00', timeZone)
  const serviceName = lang === 'en' ? sql`sv.name_en` : sql`sv.name_zh`

  const rows = rowsOf<
    FigureCounts & {
      week: string | null
      category: ServiceCategory | null
      serviceId: number | null
      serviceName: string | null
      byWeek: boolean
      byCategory: boolean
      byService: boolean
    }
  >(
    await db.execute(sql`
      with per_slot as (
        select s.capacity,
               s.starts_at <= ${now.toISOString()}::timestamptz as started,
               to_char(date_trunc('week', s.starts_at at time zone ${timeZone}), 'YYYY-MM-DD') as week,
               sv.category::text as category,
               sv.id as service_id,
               ${serviceName} as service_name,
               s.seats_taken as booked,
               s.attended_count as attended,
               s.no_show_count as no_shows,
               s.waitlist_demand,
               s.cancelled_seats as cancellations
        from ${slots} s
        join ${services} sv on sv.id = s.service_id
        where sv.centre_id = ${centreId}
          and s.status = 'scheduled'
          and s.starts_at >= ${from.toISOString()}::timestamptz
          and s.starts_at < ${until.toISOString()}::timestamptz
      )
      select week,
             category,
             service_id as "serviceId",
             service_name as "serviceName",
             grouping(week) = 0 as "byWeek",
             grouping(category) = 0 and grouping(service_id) = 1 as "byCategory",
             grouping(service_id) = 0 as "byService",
             count(*)::int as slots,
             sum(capacity)::int as capacity,
             sum(booked)::int as booked,
             coalesce(sum(booked) filter (where started), 0)::int as "bookedStarted",
             sum(attended)::int as attended,
             sum(no_shows)::int as "noShows",
             sum(waitlist_demand)::int as "waitlistDemand",
             sum(cancellations)::int as cancellations
      from per_slot
      group by grouping sets ((week), (category), (category, service_id, service_name), ())
    `),
  )

  const counts = (row: (typeof rows)[number]): FigureCounts => ({
    slots: Number(row.slots),
    capacity: Number(row.capacity),
    booked: Number(row.booked),
    bookedStarted: Number(row.bookedStarted),
    attended: Number(row.attended),
    noShows: Number(row.noShows),
    waitlistDemand: Number(row.waitlistDemand),
    cancellations: Number(row.cancellations),
  })
  const byWeek = new Map(rows.filter((row) => row.byWeek).map((row) => [row.week!, counts(row)]))
  const total = rows.find((row) => !row.byWeek && !row.byCategory && !row.byService)
  const byCategory = new Map(rows.filter((row) => row.byCategory).map((row) => [row.category!, counts(row)]))
  return {
    weeks: weeks.map((week) => ({ week, ...(byWeek.get(week) ?? EMPTY_COUNTS) })),
    categories: serviceCategories.map((category) => ({ category, ...(byCategory.get(category) ?? EMPTY_COUNTS) })),
    services: rows
      .filter((row) => row.byService)
      .map((row) => ({
        serviceId: Number(row.serviceId),
        serviceName: row.serviceName!,
        category: row.category!,
        ...counts(row),
      }))
      .sort((a, b) => b.booked - a.booked || a.serviceName.localeCompare(b.serviceName)),
    total: total ? counts(total) : EMPTY_COUNTS,
    from: weeks[0]!,
    until: addDays(thisWeek, 6),
  }
}

export type CentreFigures = Awaited<ReturnType<typeof centreFigures>>
