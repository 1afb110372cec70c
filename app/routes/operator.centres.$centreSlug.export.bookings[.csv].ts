import type { LoaderFunctionArgs } from '@remix-run/node'
import { parseDay } from '#app/domain/desk-schemas.ts'
import { addDays, zonedDateTime } from '#app/domain/time.ts'
import { listBookingsForExport } from '#app/models/desk.server.ts'
import { bookingsCsv, csvHeaders } from '#app/utils/booking-export.server.ts'
import i18next from '#app/utils/i18next.server.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'

/** At most this many days in one file: a year of a centre's bookings. */
const MAX_DAYS = 366

// The bookings on the centre's slots from one day to another (both included), as CSV.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const url = new URL(request.url)
  const from = parseDay(url.searchParams.get('from'))
  const until = parseDay(url.searchParams.get('until'))
  const t = await i18next.getFixedT(request, 'desk')
  const days = from && until ? (Date.parse(until) - Date.parse(from)) / 86_400_000 : -1
  if (!from || !until || days < 0 || days >= MAX_DAYS) {
    // Something typed into the address: a plain, translated answer rather than an error page.
    return new Response(t('export.badRange', { max: MAX_DAYS }), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  }
  const rows = await listBookingsForExport({
    centreId: centre.id,
    from: zonedDateTime(from, '00:00', centre.timeZone),
    until: zonedDateTime(addDays(until, 1), '00:00', centre.timeZone),
    lang,
  })
  return new Response(bookingsCsv(rows, { t, timeZone: centre.timeZone }), {
    headers: csvHeaders(`bookings-${centre.slug}-${from}-to-${until}.csv`),
  })
}
