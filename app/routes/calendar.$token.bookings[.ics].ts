import type { LoaderFunctionArgs } from '@remix-run/node'
import { listCalendarBookings } from '#app/models/booking.server.ts'
import { bookingCalendarFeed } from '#app/utils/booking-files.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'

// A resident's bookings as a calendar feed that calendar apps subscribe to. The secret in
// the address is the only key (apps can't log in); "My bookings" can replace it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = String(params.token ?? '')
  const lang = await getLanguage(request)
  const bookings = /^[A-Za-z0-9_-]{20,64}$/.test(token)
    ? await listCalendarBookings({ calendarToken: token, lang })
    : null
  if (!bookings) throw new Response('Not found', { status: 404 })
  const t = await i18next.getFixedT(request, 'booking')
  const feed = bookingCalendarFeed(
    bookings,
    (booking) =>
      t('calendar.description', {
        reference: booking.reference,
        attendee: booking.attendeeName,
        phone: booking.centre.phone,
      }),
    new URL(request.url).origin,
  )
  return new Response(feed, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' },
  })
}
