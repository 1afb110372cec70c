import { createEvent, createEvents, type EventAttributes } from 'ics'
import QRCode from 'qrcode'

/** The booking reference as a QR code (an SVG data URI) for scanning at the front desk. */
export async function referenceQrCode(reference: string): Promise<string> {
  const svg = await QRCode.toString(reference, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}

export interface CalendarBooking {
  reference: string
  attendeeName: string
  startsAt: Date
  endsAt: Date
  status: string
  service: { name: string }
  centre: { name: string; address: string; phone: string; latitude: number; longitude: number }
}

/** Instants as UTC date-times: every calendar app shows them in the reader's own zone. */
function utcParts(instant: Date): [number, number, number, number, number] {
  return [
    instant.getUTCFullYear(),
    instant.getUTCMonth() + 1,
    instant.getUTCDate(),
    instant.getUTCHours(),
    instant.getUTCMinutes(),
  ]
}

function eventOf(
  booking: CalendarBooking,
  { origin, description }: { origin: string; description: string },
): EventAttributes {
  return {
    uid: `${booking.reference}@linli`,
    title: booking.service.name,
    start: utcParts(booking.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcParts(booking.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    location: `${booking.centre.name}, ${booking.centre.address}`,
    geo: { lat: booking.centre.latitude, lon: booking.centre.longitude },
    description,
    url: `${origin}/bookings/${booking.reference}`,
    status: booking.status === 'cancelled' ? 'CANCELLED' : booking.status === 'waitlisted' ? 'TENTATIVE' : 'CONFIRMED',
    productId: 'linli/bookings',
  }
}

export function bookingCalendarFile(
  booking: CalendarBooking,
  options: { origin: string; description: string },
): string {
  const { error, value } = createEvent(eventOf(booking, options))
  if (error || !value) throw error ?? new Error('could not make the calendar file')
  return value
}

export function bookingCalendarFeed<T extends CalendarBooking>(
  bookings: T[],
  describe: (booking: T) => string,
  origin: string,
) {
  if (bookings.length === 0) {
    // An empty feed is still a valid calendar.
    return 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:linli/bookings\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n'
  }
  const { error, value } = createEvents(
    bookings.map((booking) => eventOf(booking, { origin, description: describe(booking) })),
  )
  if (error || !value) throw error ?? new Error('could not make the calendar feed')
  return value
}
