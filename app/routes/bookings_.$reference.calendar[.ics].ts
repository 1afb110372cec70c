import type { LoaderFunctionArgs } from '@remix-run/node'
import { getBooking } from '#app/models/booking.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { bookingCalendarFile } from '#app/utils/booking-files.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { isBookingReference } from '#app/domain/reference-format.ts'

// "Add to calendar": one booking as an .ics file.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const reference = String(params.reference ?? '').toUpperCase()
  const lang = await getLanguage(request)
  const booking = isBookingReference(reference) ? await getBooking({ reference, bookedByUserId: user.id, lang }) : null
  if (!booking) throw new Response('Not found', { status: 404 })
  const t = await i18next.getFixedT(request, 'booking')
  const origin = new URL(request.url).origin
  const file = bookingCalendarFile(booking, {
    origin,
    description: t('calendar.description', {
      reference: booking.reference,
      attendee: booking.attendeeName,
      phone: booking.centre.phone,
    }),
  })
  return new Response(file, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="linli-${booking.reference}.ics"`,
      'Cache-Control': 'no-store',
    },
  })
}
