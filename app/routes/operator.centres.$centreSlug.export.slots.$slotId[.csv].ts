import type { LoaderFunctionArgs } from '@remix-run/node'
import { zonedDate } from '#app/domain/time.ts'
import { getDeskSlot, listBookingsForExport } from '#app/models/desk.server.ts'
import { bookingsCsv, csvHeaders } from '#app/utils/booking-export.server.ts'
import i18next from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'

// One slot's roster as CSV (UTF-8 with BOM, formulas defused): for the sign-in sheet or the records.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const slotId = Number(params.slotId)
  invariantResponse(/^\d{1,9}$/.test(params.slotId ?? '') && slotId > 0, 'Not found', { status: 404 })
  const slot = await getDeskSlot({ centreId: centre.id, slotId, lang })
  invariantResponse(slot, 'Not found', { status: 404 })
  const [rows, t] = await Promise.all([
    listBookingsForExport({ centreId: centre.id, slotId, lang }),
    i18next.getFixedT(request, 'desk'),
  ])
  const day = zonedDate(slot.startsAt, centre.timeZone)
  return new Response(bookingsCsv(rows, { t, timeZone: centre.timeZone }), {
    headers: csvHeaders(`roster-${centre.slug}-${day}-${slotId}.csv`),
  })
}
