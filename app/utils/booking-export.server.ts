import { csvDocument } from '#app/domain/csv.ts'
import { zonedDate, zonedTime } from '#app/domain/time.ts'
import type { listBookingsForExport } from '#app/models/desk.server.ts'

type ExportRow = Awaited<ReturnType<typeof listBookingsForExport>>[number]
type Translate = (key: string, options?: Record<string, unknown>) => string

/** "2026-11-27 09:30" in the centre's zone: sortable, and what spreadsheets read as a date-time. */
function localStamp(instant: Date | null, timeZone: string) {
  return instant ? `${zonedDate(instant, timeZone)} ${zonedTime(instant, timeZone)}` : ''
}

/** Bookings as a spreadsheet: one header row in the reader's language, one row a booking. */
export function bookingsCsv(rows: ExportRow[], { t, timeZone }: { t: Translate; timeZone: string }) {
  const header = [
    'starts',
    'service',
    'attendee',
    'bookedBy',
    'phone',
    'reference',
    'status',
    'checkedIn',
    'assisted',
    'bookedAt',
  ].map((column) => t(`export.columns.${column}`))
  return csvDocument([
    header,
    ...rows.map((row) => [
      localStamp(row.startsAt, timeZone),
      row.serviceName,
      row.attendeeName,
      row.forMember ? row.bookerName : '',
      row.phone,
      row.reference,
      t(`status.${row.status}`),
      localStamp(row.checkedInAt, timeZone),
      row.assisted ? t('export.yes') : '',
      localStamp(row.createdAt, timeZone),
    ]),
  ])
}

/** The headers of a CSV download; the file name is ASCII and holds no personal data. */
export function csvHeaders(fileName: string) {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  }
}
