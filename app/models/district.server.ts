import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import {
  comparisonMeasures,
  EMPTY_COMPARISON_COUNTS,
  withDefaultWeights,
  type ComparisonCounts,
  type CentreStanding,
  type Period,
  type Weights,
} from '#app/domain/comparison.ts'
import { serviceCategories, type ServiceCategory } from '#app/domain/enums.ts'
import { addDays, zonedDate, zonedDateTime } from '#app/domain/time.ts'
import { db } from '#db/client.server.ts'
import { rowsOf } from '#db/migrate.server.ts'
import { comparisonWeights, districts, streets } from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { inLanguage } from './language.server.ts'

/**
 * The district the portal serves: the one of `streetId` when given, else the first.
 * (One portal serves one district; the table allows more for the future.)
 */
export async function getDistrict({ lang, streetId }: { lang: Language; streetId?: number }) {
  const columns = {
    id: districts.id,
    name: inLanguage(lang, districts.nameZh, districts.nameEn),
    timeZone: districts.timeZone,
  }
  const [district] = streetId
    ? await db
        .select(columns)
        .from(districts)
        .innerJoin(streets, eq(streets.districtId, districts.id))
        .where(eq(streets.id, streetId))
        .limit(1)
    : await db.select(columns).from(districts).orderBy(asc(districts.id)).limit(1)
  return district ?? null
}

/** The streets of a district, optionally only some (a street office's own). */
export async function listDistrictStreets({
  districtId,
  streetIds,
  lang,
}: {
  districtId: number
  streetIds?: number[]
  lang: Language
}) {
  return db
    .select({ id: streets.id, slug: streets.slug, name: inLanguage(lang, streets.nameZh, streets.nameEn) })
    .from(streets)
    .where(and(eq(streets.districtId, districtId), streetIds ? inArray(streets.id, streetIds) : undefined))
    .orderBy(asc(streets.id))
}

export async function getComparisonWeights({ districtId }: { districtId: number }): Promise<Weights> {
  const rows = await db
    .select({ measure: comparisonWeights.measure, weight: comparisonWeights.weight })
    .from(comparisonWeights)
    .where(eq(comparisonWeights.districtId, districtId))
  return withDefaultWeights(rows)
}

/** Saves every weight of the district's composite score, with before and after in the audit log. */
export async function saveComparisonWeights({
  actorUserId,
  districtId,
  weights,
}: {
  actorUserId: number
  districtId: number
  weights: Weights
}) {
  await db.transaction(async (tx) => {
    const before = withDefaultWeights(
      await tx
        .select({ measure: comparisonWeights.measure, weight: comparisonWeights.weight })
        .from(comparisonWeights)
        .where(eq(comparisonWeights.districtId, districtId))
        .for('update'),
    )
    await tx
      .insert(comparisonWeights)
      .values(
        comparisonMeasures.map((measure) => ({
          districtId,
          measure,
          weight: weights[measure],
          updatedByUserId: actorUserId,
        })),
      )
      .onConflictDoUpdate({
        target: [comparisonWeights.districtId, comparisonWeights.measure],
        set: {
          weight: sql`excluded.weight`,
          updatedAt: sql`now()`,
          updatedByUserId: sql`excluded.updated_by_user_id`,
        },
      })
    await recordAudit(tx, {
      actorUserId,
      action: 'update_comparison_weights',
      entityType: 'district',
      entityId: districtId,
      details: { before, after: weights },
    })
  })
}

/** One centre's counts for the current period or the one before. */
interface SlotFigureRow extends ComparisonCounts {
  centreId: number
  current: boolean
}

interface CentreRow {
  id: number
  slug: string
  name: string
  streetId: number
  streetSlug: string
  streetName: string
  catchmentPopulation: number
  inspectionScore: number | null
  inspectedOn: string | null
  previousInspectionScore: number | null
  overdueIssues: number
  previousOverdueIssues: number
  services: Partial<Record<ServiceCategory, number>> | null
}

/**
 * Every centre of the district (or of some of its streets) with its counts for `period`
 * and for the period of equal length before it. Two statements:
 *
 * 1. sessions, with the counts of bookings and ratings each slot keeps, added up per
 *    centre and period (the period's sessions by their start, in the district's zone);
 * 2. the centres themselves with their latest inspection on or before each period's last
 *    day, their overdue issues at the end of each period (or now, for a period not yet
 *    over) and their active services per category.
 *
 * Ratings count whether or not the operator hid the comment: moderation hides words,
 * and an operator must not be able to lift their own centre's score by hiding ratings.
 */
export async function comparisonCounts(args: ComparisonArgs) {
  const statements = comparisonStatements(args)
  const [slotRows, centreRows] = await Promise.all([db.execute(statements.slotFigures), db.execute(statements.centres)])
  return assembleComparison(slotRows, centreRows)
}

export interface ComparisonArgs {
  districtId: number
  /** Only these streets' centres; all the district's when undefined. */
  streetIds?: number[]
  period: Period
  timeZone: string
  now?: Date
  lang: Language
}

/** The comparison's two statements, exported so the benchmark can EXPLAIN them. */
export function comparisonStatements({
  districtId,
  streetIds,
  period,
  timeZone,
  now = new Date(),
  lang,
}: ComparisonArgs) {
  const from = zonedDateTime(period.from, '00:00', timeZone)
  const until = zonedDateTime(addDays(period.until, 1), '00:00', timeZone)
  const previousFrom = zonedDateTime(period.previousFrom, '00:00', timeZone)
  // Overdue issues are counted at the end of a period, or now if it has not ended.
  const asOf = (end: Date) => (end.getTime() > now.getTime() ? now : end)
  const currentAsOf = asOf(until)
  const previousAsOf = asOf(from)
  const inScope = streetIds
    ? sql`c.street_id in (${sql.join(
        streetIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql`true`
  const centreName = lang === 'en' ? sql`c.name_en` : sql`c.name_zh`
  const streetName = lang === 'en' ? sql`st.name_en` : sql`st.name_zh`

  const overdueAt = (instant: Date) => sql`(
    select count(*)::int
    from inspection_issues i
    join inspections ins on ins.id = i.inspection_id
    where i.centre_id = c.id
      and ins.inspected_on < ${zonedDate(instant, timeZone)}::date
      and i.fix_by < ${zonedDate(instant, timeZone)}::date
      and (i.fixed_at is null or i.fixed_at >= ${instant.toISOString()}::timestamptz))`
  // The latest scored inspection by the centre's (centre, date) index, then only its scores.
  const latestInspection = (lastDay: string) => sql`(
    select ins.inspected_on::text as inspected_on,
           (select avg(sc.score) * 20 from inspection_scores sc where sc.inspection_id = ins.id) as score
    from inspections ins
    where ins.centre_id = c.id
      and ins.inspected_on <= ${lastDay}::date
      and exists (select 1 from inspection_scores sc where sc.inspection_id = ins.id)
    order by ins.inspected_on desc, ins.id desc
    limit 1)`

  return {
    // Sessions and their figures, counted per centre and period from the slots alone: each
    // slot keeps its bookings' and ratings' counts (migration `slot_figures`).
    slotFigures: sql`
      with in_period as (
        select sv.centre_id,
               s.starts_at >= ${from.toISOString()}::timestamptz as current,
               s.status = 'cancelled' as cancelled,
               s.starts_at <= ${now.toISOString()}::timestamptz as started,
               s.capacity, s.seats_taken, s.attended_count, s.no_show_count, s.waitlist_demand,
               s.rating_sum, s.rating_count
        from slots s
        join services sv on sv.id = s.service_id
        join centres c on c.id = sv.centre_id
        join streets st on st.id = c.street_id
        where st.district_id = ${districtId}
          and ${inScope}
          and s.starts_at >= ${previousFrom.toISOString()}::timestamptz
          and s.starts_at < ${until.toISOString()}::timestamptz
      )
      select centre_id as "centreId",
             current,
             count(*) filter (where not cancelled)::int as slots,
             count(*) filter (where cancelled)::int as "cancelledSlots",
             coalesce(sum(capacity) filter (where not cancelled), 0)::int as capacity,
             coalesce(sum(seats_taken) filter (where not cancelled), 0)::int as booked,
             coalesce(sum(seats_taken) filter (where not cancelled and started), 0)::int as "bookedStarted",
             coalesce(sum(attended_count) filter (where not cancelled), 0)::int as attended,
             coalesce(sum(no_show_count) filter (where not cancelled), 0)::int as "noShows",
             coalesce(sum(waitlist_demand) filter (where not cancelled), 0)::int as "waitlistDemand",
             coalesce(sum(rating_sum) filter (where not cancelled), 0)::int as "ratingSum",
             coalesce(sum(rating_count) filter (where not cancelled), 0)::int as ratings
      from in_period
      group by centre_id, current
    `,
    centres: sql`
      select c.id,
             c.slug,
             ${centreName} as name,
             st.id as "streetId",
             st.slug as "streetSlug",
             ${streetName} as "streetName",
             c.catchment_population as "catchmentPopulation",
             latest.score::float8 as "inspectionScore",
             latest.inspected_on as "inspectedOn",
             (select score::float8 from ${latestInspection(period.previousUntil)} previous) as "previousInspectionScore",
             ${overdueAt(currentAsOf)} as "overdueIssues",
             ${overdueAt(previousAsOf)} as "previousOverdueIssues",
             (select jsonb_object_agg(category, n)
              from (select sv.category, count(*)::int as n
                    from services sv
                    where sv.centre_id = c.id and sv.status = 'active'
                    group by sv.category) per_category) as services
      from centres c
      join streets st on st.id = c.street_id
      left join lateral ${latestInspection(period.until)} latest on true
      where st.district_id = ${districtId} and ${inScope}
      order by st.id, c.id
    `,
  }
}

function assembleComparison(slotRows: unknown, centreRows: unknown) {
  const counts = new Map<string, ComparisonCounts>()
  for (const row of rowsOf<SlotFigureRow>(slotRows)) {
    const { centreId, current, ...rest } = row
    counts.set(
      `${centreId} ${current}`,
      Object.fromEntries(
        Object.entries(rest).map(([key, value]) => [key, Number(value)]),
      ) as unknown as ComparisonCounts,
    )
  }
  return rowsOf<CentreRow>(centreRows).map((row) => {
    const services = Object.fromEntries(
      serviceCategories.map((category) => [category, Number(row.services?.[category] ?? 0)]),
    ) as Record<ServiceCategory, number>
    const standing = (inspectionScore: number | null, overdueIssues: number): CentreStanding => ({
      catchmentPopulation: Number(row.catchmentPopulation),
      inspectionScore: inspectionScore === null ? null : Number(inspectionScore),
      overdueIssues: Number(overdueIssues),
      services,
    })
    return {
      id: Number(row.id),
      slug: row.slug,
      name: row.name,
      streetId: Number(row.streetId),
      streetSlug: row.streetSlug,
      streetName: row.streetName,
      inspectedOn: row.inspectedOn,
      current: {
        counts: counts.get(`${row.id} true`) ?? EMPTY_COMPARISON_COUNTS,
        standing: standing(row.inspectionScore, row.overdueIssues),
      },
      previous: {
        counts: counts.get(`${row.id} false`) ?? EMPTY_COMPARISON_COUNTS,
        standing: standing(row.previousInspectionScore, row.previousOverdueIssues),
      },
    }
  })
}

export type ComparisonCentre = Awaited<ReturnType<typeof comparisonCounts>>[number]
