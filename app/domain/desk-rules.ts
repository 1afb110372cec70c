import type { BookingStatus, SlotStatus } from './enums.ts'
import { isBookingReference } from './reference-format.ts'

/**
 * The front desk's rules for marking attendance, as pure functions: each returns the
 * reason it refuses (a translation key under `desk:errors`) or null.
 */

const HOUR = 3_600_000
/** Staff may check someone in from this long before the start … */
export const CHECK_IN_OPENS_BEFORE_MS = 3 * HOUR
/** … until this long after the end (a late entry on a busy day). */
export const CHECK_IN_CLOSES_AFTER_MS = 12 * HOUR

export type DeskRefusal =
  | 'not_found'
  | 'slot_cancelled'
  | 'cancelled'
  | 'waitlisted'
  | 'already_checked_in'
  | 'already_no_show'
  | 'too_early'
  | 'too_late'
  | 'not_started'
  | 'nothing_to_undo'

interface AttendanceFacts {
  status: BookingStatus
  slot: { status: SlotStatus; startsAt: Date; endsAt: Date }
  now: Date
}

/** Checking in: a confirmed place (or one marked no-show by mistake), around the slot's time. */
export function checkInRefusal({ status, slot, now }: AttendanceFacts): DeskRefusal | null {
  if (slot.status === 'cancelled') return 'slot_cancelled'
  if (status === 'attended') return 'already_checked_in'
  if (status === 'cancelled') return 'cancelled'
  if (status === 'waitlisted') return 'waitlisted'
  if (now.getTime() < slot.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS) return 'too_early'
  if (now.getTime() > slot.endsAt.getTime() + CHECK_IN_CLOSES_AFTER_MS) return 'too_late'
  return null
}

/** A no-show: only a confirmed place, and only once the slot has started. */
export function noShowRefusal({ status, slot, now }: AttendanceFacts): DeskRefusal | null {
  if (slot.status === 'cancelled') return 'slot_cancelled'
  if (status === 'no_show') return 'already_no_show'
  if (status === 'attended') return 'already_checked_in'
  if (status === 'cancelled') return 'cancelled'
  if (status === 'waitlisted') return 'waitlisted'
  if (now.getTime() < slot.startsAt.getTime()) return 'not_started'
  return null
}

/** Undo: a check-in or a no-show goes back to a plain confirmed place. */
export function undoRefusal({ status, slot }: Omit<AttendanceFacts, 'now'>): DeskRefusal | null {
  if (slot.status === 'cancelled') return 'slot_cancelled'
  if (status !== 'attended' && status !== 'no_show') return 'nothing_to_undo'
  return null
}

/**
 * A reference as typed or scanned: "ll7k-3m9p ", a QR payload, full-width letters — made
 * into the stored form (upper-case letters and digits), or null if it can't be one.
 */
export function normaliseReference(input: string): string | null {
  const cleaned = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
  return isBookingReference(cleaned) ? cleaned : null
}
