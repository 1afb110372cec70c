import { addDays, isoWeekday, zonedDateTime } from './time.ts'

/**
 * A weekly series of slots, worked out before anything is written: the same function
 * makes the operator's preview and the rows the series creates, so what was previewed
 * is what is created.
 */

export interface SeriesPattern {
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[]
  /** Wall-clock start in the centre's zone, "HH:MM". */
  startTime: string
  durationMinutes: number
  /** First and last calendar dates, inclusive ("2026-12-01"). */
  fromDate: string
  untilDate: string
  /** Dates the operator asked to leave out. */
  skipDates: string[]
}

export interface SeriesOccurrence {
  date: string
  startsAt: Date
  endsAt: Date
}

export interface SkippedDate {
  date: string
  /** `asked`: in the operator's skip list; `closed`: the centre is closed that day (a holiday). */
  why: 'asked' | 'closed'
  reason?: string
}

/** At most this many slots from one series (a year of daily slots, with room to spare). */
export const MAX_SERIES_SLOTS = 400

export function seriesOccurrences(
  pattern: SeriesPattern,
  {
    timeZone,
    closedDates = [],
  }: {
    timeZone: string
    /** Dated closures of the centre (holiday exceptions) within the range. */
    closedDates?: Array<{ date: string; reason?: string }>
  },
): { occurrences: SeriesOccurrence[]; skipped: SkippedDate[] } {
  const weekdays = new Set(pattern.weekdays)
  const asked = new Set(pattern.skipDates)
  const closed = new Map(closedDates.map((closure) => [closure.date, closure.reason]))
  const occurrences: SeriesOccurrence[] = []
  const skipped: SkippedDate[] = []
  for (
    let date = pattern.fromDate;
    date <= pattern.untilDate && occurrences.length < MAX_SERIES_SLOTS;
    date = addDays(date, 1)
  ) {
    if (!weekdays.has(isoWeekday(date))) continue
    if (asked.has(date)) {
      skipped.push({ date, why: 'asked' })
      continue
    }
    if (closed.has(date)) {
      skipped.push({ date, why: 'closed', reason: closed.get(date) || undefined })
      continue
    }
    const startsAt = zonedDateTime(date, pattern.startTime, timeZone)
    occurrences.push({ date, startsAt, endsAt: new Date(startsAt.getTime() + pattern.durationMinutes * 60_000) })
  }
  return { occurrences, skipped }
}

/** The Monday of the week a calendar date falls in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date))
}
