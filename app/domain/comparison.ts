/**
 * The district's comparison of its centres (赛马): the figures of each centre for a
 * period, the 0–100 points each figure earns, the weighted composite score, sorting and
 * the period itself. Pure, so the integration tests and the pages share one definition.
 */
import { serviceCategories, type ServiceCategory } from './enums.ts'
import { addDays } from './time.ts'

/** The measures that can count in the composite score, in the order the page shows them. */
export const comparisonMeasures = [
  'bookingsPer1000',
  'fillRate',
  'attendanceRate',
  'noShowRate',
  'waitlistDemand',
  'centreCancellations',
  'rating',
  'inspectionScore',
  'overdueIssues',
  'categoriesOffered',
] as const
export type ComparisonMeasure = (typeof comparisonMeasures)[number]

export type Weights = Record<ComparisonMeasure, number>

/** Weights run from 0 (left out) to this. */
export const MAX_WEIGHT = 10

/** Until a district admin sets them: use of the centre and residents' view count most. */
export const DEFAULT_WEIGHTS: Weights = {
  bookingsPer1000: 3,
  fillRate: 2,
  attendanceRate: 2,
  noShowRate: 1,
  waitlistDemand: 1,
  centreCancellations: 1,
  rating: 2,
  inspectionScore: 2,
  overdueIssues: 1,
  categoriesOffered: 1,
}

/** The counts the database returns for one centre and one period. */
export interface ComparisonCounts {
  /** Sessions held or to be held (not cancelled). */
  slots: number
  /** Sessions the centre cancelled. */
  cancelledSlots: number
  capacity: number
  /** Places held at the end: confirmed, attended and no-show bookings. */
  booked: number
  /** Places held on sessions that have started: what attendance is measured against. */
  bookedStarted: number
  attended: number
  noShows: number
  /** People who queued for a full session and never got a place. */
  waitlistDemand: number
  ratingSum: number
  ratings: number
}

export const EMPTY_COMPARISON_COUNTS: ComparisonCounts = {
  slots: 0,
  cancelledSlots: 0,
  capacity: 0,
  booked: 0,
  bookedStarted: 0,
  attended: 0,
  noShows: 0,
  waitlistDemand: 0,
  ratingSum: 0,
  ratings: 0,
}

/** What is known about a centre for one period besides its sessions. */
export interface CentreStanding {
  catchmentPopulation: number
  /** The latest inspection on or before the period's last day: mean item score as 0–100. */
  inspectionScore: number | null
  /** Issues whose fix-by date had passed, unfixed, at the end of the period (or now). */
  overdueIssues: number
  /** Active services per category (as they are now: services keep no history). */
  services: Record<ServiceCategory, number>
}

/** One centre's figures for one period, as people read them. */
export interface ComparisonFigures {
  /** Places booked per 1,000 residents of the catchment, one decimal; null without a catchment. */
  bookingsPer1000: number | null
  /** Whole percent; null when nothing was offered or nothing has started. */
  fillRate: number | null
  attendanceRate: number | null
  noShowRate: number | null
  waitlistDemand: number
  centreCancellations: number
  /** Mean rating 1–5, one decimal; null without ratings. */
  rating: number | null
  ratingCount: number
  inspectionScore: number | null
  overdueIssues: number
  /** How many of the five categories the centre offers at least one service in. */
  categoriesOffered: number
  booked: number
  slots: number
}

const percent = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null)
const round = (value: number | null, digits = 0) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits

export function comparisonFigures(counts: ComparisonCounts, standing: CentreStanding): ComparisonFigures {
  return {
    bookingsPer1000: round(
      standing.catchmentPopulation > 0 ? (1000 * counts.booked) / standing.catchmentPopulation : null,
      1,
    ),
    fillRate: round(percent(counts.booked, counts.capacity)),
    attendanceRate: round(percent(counts.attended, counts.bookedStarted)),
    noShowRate: round(percent(counts.noShows, counts.bookedStarted)),
    waitlistDemand: counts.waitlistDemand,
    centreCancellations: counts.cancelledSlots,
    rating: round(counts.ratings > 0 ? counts.ratingSum / counts.ratings : null, 1),
    ratingCount: counts.ratings,
    inspectionScore: round(standing.inspectionScore),
    overdueIssues: standing.overdueIssues,
    categoriesOffered: serviceCategories.filter((category) => standing.services[category] > 0).length,
    booked: counts.booked,
    slots: counts.slots,
  }
}

/**
 * The points (0–100, higher is better) each measure earns a centre, from its exact
 * counts rather than the rounded figures. Two measures are relative to the centres
 * compared: bookings per 1,000 residents (the best centre earns 100) and overdue issues
 * (none earns 100, the most overdue 0). A measure without data earns null and is left out.
 */
export function measurePoints(
  counts: ComparisonCounts,
  standing: CentreStanding,
  field: { bestBookingsPer1000: number; mostOverdueIssues: number },
): Record<ComparisonMeasure, number | null> {
  const per1000 = standing.catchmentPopulation > 0 ? (1000 * counts.booked) / standing.catchmentPopulation : null
  const noShowRate = percent(counts.noShows, counts.bookedStarted)
  const unmetShare = percent(counts.waitlistDemand, counts.booked + counts.waitlistDemand)
  const cancelledShare = percent(counts.cancelledSlots, counts.slots + counts.cancelledSlots)
  return {
    bookingsPer1000:
      per1000 === null || field.bestBookingsPer1000 <= 0 ? null : (100 * per1000) / field.bestBookingsPer1000,
    fillRate: percent(counts.booked, counts.capacity),
    attendanceRate: percent(counts.attended, counts.bookedStarted),
    noShowRate: noShowRate === null ? null : 100 - noShowRate,
    waitlistDemand: unmetShare === null ? null : 100 - unmetShare,
    centreCancellations: cancelledShare === null ? null : 100 - cancelledShare,
    rating: counts.ratings > 0 ? ((counts.ratingSum / counts.ratings - 1) / 4) * 100 : null,
    inspectionScore: standing.inspectionScore,
    overdueIssues: field.mostOverdueIssues > 0 ? 100 * (1 - standing.overdueIssues / field.mostOverdueIssues) : 100,
    categoriesOffered:
      (100 * serviceCategories.filter((category) => standing.services[category] > 0).length) / serviceCategories.length,
  }
}

/** The weighted mean of the points a centre earned, one decimal; null when no weighted measure has data. */
export function compositeScore(points: Record<ComparisonMeasure, number | null>, weights: Weights): number | null {
  let total = 0
  let weightSum = 0
  for (const measure of comparisonMeasures) {
    const value = points[measure]
    if (value === null || weights[measure] <= 0) continue
    total += weights[measure] * value
    weightSum += weights[measure]
  }
  return weightSum > 0 ? round(total / weightSum, 1) : null
}

/** The composite score of every centre in one period, relative measures taken across them. */
export function scoreCentres<T extends { counts: ComparisonCounts; standing: CentreStanding }>(
  centres: T[],
  weights: Weights,
): Array<
  T & { figures: ComparisonFigures; points: Record<ComparisonMeasure, number | null>; composite: number | null }
> {
  const field = {
    bestBookingsPer1000: Math.max(
      0,
      ...centres.map(({ counts, standing }) =>
        standing.catchmentPopulation > 0 ? (1000 * counts.booked) / standing.catchmentPopulation : 0,
      ),
    ),
    mostOverdueIssues: Math.max(0, ...centres.map(({ standing }) => standing.overdueIssues)),
  }
  return centres.map((centre) => {
    const points = measurePoints(centre.counts, centre.standing, field)
    return {
      ...centre,
      figures: comparisonFigures(centre.counts, centre.standing),
      points,
      composite: compositeScore(points, weights),
    }
  })
}

/** Weights as saved, over the defaults for measures never set. */
export function withDefaultWeights(saved: Array<{ measure: string; weight: number }>): Weights {
  const weights = { ...DEFAULT_WEIGHTS }
  for (const row of saved) {
    if ((comparisonMeasures as readonly string[]).includes(row.measure)) {
      weights[row.measure as ComparisonMeasure] = row.weight
    }
  }
  return weights
}

// Sorting: by any column of the table, with the centres that have no figure always last.

export const comparisonSortKeys = [
  'composite',
  'centre',
  'street',
  'catchment',
  ...comparisonMeasures,
  ...serviceCategories,
] as const
export type ComparisonSortKey = (typeof comparisonSortKeys)[number]
export type SortDirection = 'asc' | 'desc'

export function parseSort(
  sort: string | null | undefined,
  dir: string | null | undefined,
): { sort: ComparisonSortKey; dir: SortDirection } {
  const key = comparisonSortKeys.includes(sort as ComparisonSortKey) ? (sort as ComparisonSortKey) : 'composite'
  const direction = dir === 'asc' || dir === 'desc' ? dir : defaultDirection(key)
  return { sort: key, dir: direction }
}

/** Names read A→Z first; figures best-known-first: the biggest number at the top. */
export function defaultDirection(key: ComparisonSortKey): SortDirection {
  return key === 'centre' || key === 'street' ? 'asc' : 'desc'
}

export interface SortableRow {
  name: string
  streetName: string
  composite: number | null
  figures: ComparisonFigures
  standing: CentreStanding
}

function sortValue(row: SortableRow, key: ComparisonSortKey): number | string | null {
  if (key === 'centre') return row.name
  if (key === 'street') return row.streetName
  if (key === 'composite') return row.composite
  if (key === 'catchment') return row.standing.catchmentPopulation
  if ((serviceCategories as readonly string[]).includes(key)) return row.standing.services[key as ServiceCategory]
  return row.figures[key as ComparisonMeasure]
}

export function sortRows<T extends SortableRow>(rows: T[], key: ComparisonSortKey, dir: SortDirection): T[] {
  const sign = dir === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    const left = sortValue(a, key)
    const right = sortValue(b, key)
    if (left === null || right === null) {
      if (left !== right) return left === null ? 1 : -1
    } else if (left !== right) {
      return sign * (typeof left === 'string' ? left.localeCompare(String(right), 'zh-CN') : left - Number(right))
    }
    return a.name.localeCompare(b.name, 'zh-CN')
  })
}

// The period: this month, last month or a chosen range of days, in the district's zone.

export const periodKinds = ['this-month', 'last-month', 'range'] as const
export type PeriodKind = (typeof periodKinds)[number]

/** At most a year and a day in one comparison (and as much again before it). */
export const MAX_PERIOD_DAYS = 366

export interface Period {
  kind: PeriodKind
  /** First and last day, both included ("2026-11-01", "2026-11-30"). */
  from: string
  until: string
  days: number
  /** The period of equal length just before. */
  previousFrom: string
  previousUntil: string
}

export function daysBetween(from: string, until: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

function monthBounds(day: string, monthsBack: number) {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`)
  date.setUTCMonth(date.getUTCMonth() - monthsBack)
  const from = date.toISOString().slice(0, 10)
  date.setUTCMonth(date.getUTCMonth() + 1)
  return { from, until: addDays(date.toISOString().slice(0, 10), -1) }
}

/**
 * The period asked for, or null when a chosen range is missing, reversed or too long.
 * `from` and `until` must already be real dates (parseDay).
 */
export function resolvePeriod({
  kind,
  from,
  until,
  today,
}: {
  kind: PeriodKind
  from?: string
  until?: string
  today: string
}): Period | null {
  let bounds: { from: string; until: string }
  if (kind === 'range') {
    if (!from || !until) return null
    const span = daysBetween(from, until)
    if (span < 0 || span >= MAX_PERIOD_DAYS) return null
    bounds = { from, until }
  } else {
    bounds = monthBounds(today, kind === 'this-month' ? 0 : 1)
  }
  const days = daysBetween(bounds.from, bounds.until) + 1
  return {
    kind,
    ...bounds,
    days,
    previousFrom: addDays(bounds.from, -days),
    previousUntil: addDays(bounds.from, -1),
  }
}

/** The change of a figure since the previous period; null when either is unknown. */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null
  return Math.round((current - previous) * 10) / 10
}
