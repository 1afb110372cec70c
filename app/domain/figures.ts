/** A centre's figures: the counts and the rates made from them — pure, so pages in the browser use them too. */

/** The counts behind a centre's figures for one group (a week, a category, a service, or all). */
export interface FigureCounts {
  slots: number
  capacity: number
  /** Places held at the end: confirmed, attended and no-show bookings. */
  booked: number
  /** Places held on slots that have started: what attendance is measured against. */
  bookedStarted: number
  attended: number
  noShows: number
  /** People who queued for a full slot and never got a place (still waiting, or gave up). */
  waitlistDemand: number
  /** Places given up: cancelled bookings that had held a place. */
  cancellations: number
}

export const EMPTY_COUNTS: FigureCounts = {
  slots: 0,
  capacity: 0,
  booked: 0,
  bookedStarted: 0,
  attended: 0,
  noShows: 0,
  waitlistDemand: 0,
  cancellations: 0,
}

/** Places booked out of places offered, in whole percent; null when nothing was offered. */
export function fillRate(counts: FigureCounts): number | null {
  return counts.capacity > 0 ? Math.round((100 * counts.booked) / counts.capacity) : null
}

/** Places used out of places held on slots that have started; null before any started. */
export function attendanceRate(counts: FigureCounts): number | null {
  return counts.bookedStarted > 0 ? Math.round((100 * counts.attended) / counts.bookedStarted) : null
}
