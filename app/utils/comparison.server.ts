import {
  change,
  comparisonMeasures,
  parseSort,
  periodKinds,
  resolvePeriod,
  scoreCentres,
  sortRows,
  type ComparisonMeasure,
  type Period,
  type PeriodKind,
} from '#app/domain/comparison.ts'
import { zonedDate } from '#app/domain/time.ts'
import {
  comparisonCounts,
  getComparisonWeights,
  getDistrict,
  listDistrictStreets,
} from '#app/models/district.server.ts'
import { getStreet } from '#app/models/figures.server.ts'
import { requireRole } from './auth.server.ts'
import { requestNow } from './clock.server.ts'
import { getLanguage } from './i18next.server.ts'
import { invariantResponse } from './invariant.ts'
import { parseDay, parseSlug } from './query.ts'

/**
 * Who may see the comparison, and of which centres: district admins see every centre
 * (or one street's, with ?street=); street-office staff see their own street's centres
 * only — another street in the address is refused (403), an unknown one not found (404).
 * The page, its CSV and its printable view all start here.
 */
export async function requireComparisonScope(request: Request) {
  const lang = await getLanguage(request)
  const streetParam = new URL(request.url).searchParams.get('street')
  let street: { id: number; slug: string; name: string } | null = null
  if (streetParam) {
    const slug = parseSlug(streetParam)
    street = slug ? await getStreet({ slug, lang }) : null
    invariantResponse(street, 'Not found', { status: 404 })
  }
  const { user, grants } = await requireRole(request, 'street_staff', street ? { streetId: street.id } : {})
  const isAdmin = grants.some((grant) => grant.role === 'district_admin')
  const ownStreetIds = grants.flatMap((grant) =>
    grant.role === 'street_staff' && grant.streetId !== null ? [grant.streetId] : [],
  )
  const streetIds = street ? [street.id] : isAdmin ? undefined : ownStreetIds
  const district = await getDistrict({ lang, streetId: streetIds?.[0] })
  invariantResponse(district, 'Not found', { status: 404 })
  // The streets this person may choose between.
  const streets = await listDistrictStreets({
    districtId: district.id,
    streetIds: isAdmin ? undefined : ownStreetIds,
    lang,
  })
  return { user, isAdmin, lang, district, street, streetIds, streets }
}

/** ?period=this-month|last-month|range&from=…&until=…; null when a range is wrong. */
export function periodFromQuery(searchParams: URLSearchParams, today: string): Period | null {
  const asked = searchParams.get('period')
  const kind: PeriodKind = periodKinds.includes(asked as PeriodKind) ? (asked as PeriodKind) : 'this-month'
  return resolvePeriod({
    kind,
    from: parseDay(searchParams.get('from')),
    until: parseDay(searchParams.get('until')),
    today,
  })
}

/**
 * The comparison as the page, the CSV and the printable view show it: every centre in
 * scope with its figures for the period, the change since the period before, its composite
 * score and rank, sorted as asked. `periodError` is set when the range asked for was
 * wrong; the current month is shown instead.
 */
export async function loadComparison(request: Request) {
  const scope = await requireComparisonScope(request)
  const url = new URL(request.url)
  const now = requestNow(request)
  const today = zonedDate(now, scope.district.timeZone)
  const asked = periodFromQuery(url.searchParams, today)
  const period = asked ?? resolvePeriod({ kind: 'this-month', today })!
  const { sort, dir } = parseSort(url.searchParams.get('sort'), url.searchParams.get('dir'))
  const [centres, weights] = await Promise.all([
    comparisonCounts({
      districtId: scope.district.id,
      streetIds: scope.streetIds,
      period,
      timeZone: scope.district.timeZone,
      now,
      lang: scope.lang,
    }),
    getComparisonWeights({ districtId: scope.district.id }),
  ])
  const current = scoreCentres(
    centres.map((centre) => ({ ...centre, ...centre.current })),
    weights,
  )
  const previous = scoreCentres(
    centres.map((centre) => ({ ...centre, ...centre.previous })),
    weights,
  )
  const ranked = [...current].sort((a, b) => (b.composite ?? -1) - (a.composite ?? -1))
  const rows = current.map((centre, index) => {
    const before = previous[index]!
    const changes = Object.fromEntries(
      [...comparisonMeasures, 'ratingCount' as const].map((measure) => [
        measure,
        change(centre.figures[measure], before.figures[measure]),
      ]),
    ) as Record<ComparisonMeasure | 'ratingCount', number | null>
    return {
      id: centre.id,
      slug: centre.slug,
      name: centre.name,
      streetSlug: centre.streetSlug,
      streetName: centre.streetName,
      inspectedOn: centre.inspectedOn,
      catchmentPopulation: centre.standing.catchmentPopulation,
      standing: centre.standing,
      figures: centre.figures,
      composite: centre.composite,
      compositeChange: change(centre.composite, before.composite),
      rank: centre.composite === null ? null : ranked.findIndex((other) => other.id === centre.id) + 1,
      changes,
    }
  })
  return {
    ...scope,
    period,
    periodError: asked === null,
    sort,
    dir,
    weights,
    rows: sortRows(rows, sort, dir),
  }
}

export type Comparison = Awaited<ReturnType<typeof loadComparison>>

/** The street and period of a comparison as query parameters, for links that keep them. */
export function comparisonQuery({ street, period }: Pick<Comparison, 'street' | 'period'>): Record<string, string> {
  return {
    ...(street ? { street: street.slug } : {}),
    period: period.kind,
    ...(period.kind === 'range' ? { from: period.from, until: period.until } : {}),
  }
}
