import type { Language } from '#app/i18n.ts'

/** Formatting for people: times in the centre's zone, in the reader's language. */

// Building an Intl formatter costs far more than using one, and a schedule formats
// hundreds of times per page: keep one per (kind, language, zone).
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
const DATE_TIME_OPTIONS = {
  day: { month: 'short', day: 'numeric', weekday: 'short' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { dateStyle: 'medium' },
} satisfies Record<string, Intl.DateTimeFormatOptions>

function dateTimeFormat(kind: keyof typeof DATE_TIME_OPTIONS, locale: string, timeZone: string) {
  const key = `${kind} ${locale} ${timeZone}`
  let format = dateTimeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...DATE_TIME_OPTIONS[kind] })
    dateTimeFormats.set(key, format)
  }
  return format
}

export function formatDateTimeRange(startsAt: Date, endsAt: Date, timeZone: string, lng: Language): string {
  const day = dateTimeFormat('day', lng, timeZone).format(startsAt)
  return `${day} ${formatTime(startsAt, timeZone, lng)}–${formatTime(endsAt, timeZone, lng)}`
}

export function formatTime(instant: Date, timeZone: string, lng: Language): string {
  return dateTimeFormat('time', lng, timeZone).format(instant)
}

/** A calendar date string ("2026-11-28") as "11月28日 周六" / "Sat, 28 Nov". */
export function formatDay(date: string, lng: Language): string {
  return dateTimeFormat('day', lng === 'en' ? 'en-GB' : lng, 'UTC').format(new Date(`${date}T00:00:00Z`))
}

export function formatDate(instant: Date, timeZone: string, lng: Language): string {
  return dateTimeFormat('date', lng === 'en' ? 'en-GB' : lng, timeZone).format(instant)
}

const priceFormats = new Map<Language, Intl.NumberFormat>()

/** Fen (1/100 yuan) as money: "¥15.00". */
export function formatPrice(fen: number, lng: Language): string {
  let format = priceFormats.get(lng)
  if (!format) {
    format = new Intl.NumberFormat(lng, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' })
    priceFormats.set(lng, format)
  }
  return format.format(fen / 100)
}

/** "08:30:00" (a Postgres time) as "08:30". */
export function formatClock(time: string): string {
  return time.slice(0, 5)
}
