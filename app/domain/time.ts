/**
 * Time in a centre's time zone. Instants are stored as timestamptz (UTC); people read
 * and enter wall-clock times in the centre's zone (DOMAIN.md rule 9).
 */

/** The district's zone, for what belongs to no single centre (announcements). */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai'

// Building an Intl.DateTimeFormat is slow; schedules call these in loops, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(kind: 'parts' | 'date' | 'time', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`
  let cached = formatters.get(key)
  if (!cached) {
    cached =
      kind === 'parts'
        ? new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
          })
        : kind === 'date'
          ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
          : new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(key, cached)
  }
  return cached
}

/** The UTC offset of `timeZone` at `instant`, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = formatter('parts', timeZone).formatToParts(instant)
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
}

/** The instant at wall-clock `date` ("2026-11-27") and `time` ("09:30") in `timeZone`. */
export function zonedDateTime(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const guess = Date.UTC(year, month - 1, day, hour, minute)
  // Correct by the zone's offset, twice so that a guess across a DST change settles.
  let instant = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000
  instant = guess - zoneOffsetMinutes(new Date(instant), timeZone) * 60_000
  return new Date(instant)
}

/** The calendar date ("2026-11-27") of `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): string {
  return formatter('date', timeZone).format(instant)
}

/** The wall-clock time ("07:05") of `instant` in `timeZone`. */
export function zonedTime(instant: Date, timeZone: string): string {
  return formatter('time', timeZone).format(instant)
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date string. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + days)
  return next.toISOString().slice(0, 10)
}
