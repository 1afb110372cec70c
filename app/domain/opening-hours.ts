import { isoWeekday, zonedDate, zonedTime } from './time.ts'

export interface OpeningPeriod {
  weekday: number
  opensAt: string
  closesAt: string
}

export interface OpeningException {
  date: string
  closed: boolean
  opensAt: string | null
  closesAt: string | null
  reason: string
}

export interface OpeningToday {
  date: string
  weekday: number
  /** Periods the centre is open today, after any dated exception. */
  periods: Array<{ opensAt: string; closesAt: string }>
  openNow: boolean
  exception: OpeningException | null
}

/** Today's hours at a centre and whether it is open right now, in the centre's time zone. */
export function openingToday({
  hours,
  exceptions,
  now,
  timeZone,
}: {
  hours: OpeningPeriod[]
  exceptions: OpeningException[]
  now: Date
  timeZone: string
}): OpeningToday {
  const date = zonedDate(now, timeZone)
  const weekday = isoWeekday(date)
  const exception = exceptions.find((candidate) => candidate.date === date) ?? null
  let periods = hours
    .filter((period) => period.weekday === weekday)
    .map(({ opensAt, closesAt }) => ({ opensAt: opensAt.slice(0, 5), closesAt: closesAt.slice(0, 5) }))
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
  if (exception) {
    periods =
      exception.closed || !exception.opensAt || !exception.closesAt
        ? []
        : [{ opensAt: exception.opensAt.slice(0, 5), closesAt: exception.closesAt.slice(0, 5) }]
  }
  const clock = zonedTime(now, timeZone)
  const openNow = periods.some((period) => period.opensAt <= clock && clock < period.closesAt)
  return { date, weekday, periods, openNow, exception }
}

/** The regular week, Monday first, with each day's periods in order. */
export function weeklyHours(hours: OpeningPeriod[]) {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    periods: hours
      .filter((period) => period.weekday === weekday)
      .map(({ opensAt, closesAt }) => ({ opensAt: opensAt.slice(0, 5), closesAt: closesAt.slice(0, 5) }))
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt)),
  }))
}
