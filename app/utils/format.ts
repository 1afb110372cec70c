import type { Language } from '#app/i18n.ts'

/** Formatting for people: times in the centre's zone, in the reader's language. */

export function formatDateTimeRange(startsAt: Date, endsAt: Date, timeZone: string, lng: Language): string {
  const day = new Intl.DateTimeFormat(lng, { timeZone, month: 'short', day: 'numeric', weekday: 'short' }).format(
    startsAt,
  )
  return `${day} ${formatTime(startsAt, timeZone, lng)}–${formatTime(endsAt, timeZone, lng)}`
}

export function formatTime(instant: Date, timeZone: string, lng: Language): string {
  return new Intl.DateTimeFormat(lng, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  )
}

/** A calendar date string ("2026-11-28") as "11月28日 周六" / "Sat, 28 Nov". */
export function formatDay(date: string, lng: Language): string {
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : lng, {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(`${date}T00:00:00Z`))
}

export function formatDate(instant: Date, timeZone: string, lng: Language): string {
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : lng, { timeZone, dateStyle: 'medium' }).format(instant)
}

/** Fen (1/100 yuan) as money: "¥15.00". */
export function formatPrice(fen: number, lng: Language): string {
  return new Intl.NumberFormat(lng, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(
    fen / 100,
  )
}

/** "08:30:00" (a Postgres time) as "08:30". */
export function formatClock(time: string): string {
  return time.slice(0, 5)
}
