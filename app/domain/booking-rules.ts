import type { ConcessionKind } from '#app/domain/enums.ts'
import { ageInYear } from './age.ts'
import { zonedDate } from './time.ts'

/**
 * The booking rules of DOMAIN.md as pure functions. Every path that books or cancels —
 * a resident, a member of staff booking for a caller — asks these; the database is the
 * backstop for the rules that concurrency could break (capacity, one booking per slot).
 * Refusals are codes that double as translation keys (booking: errors.*).
 */

export interface ServiceRules {
  minAge: number | null
  maxAge: number | null
  residentsOnly: boolean
  priceFen: number
  bookingOpensDaysBefore: number
  bookingClosesHoursBefore: number
  cancelCutoffHours: number
  maxActivePerPerson: number
  maxPerDayPerPerson: number | null
}

export interface SlotFacts {
  startsAt: Date
  status: 'scheduled' | 'cancelled'
  timeZone: string
  centreStreetId: number
  /** Set when the centre moved the slot: cancelling is then allowed past the cutoff. */
  movedFromStartsAt?: Date | null
}

export interface Attendee {
  birthYear: number | null
  homeStreetId: number | null
  lowIncomeVerified: boolean
}

export type BookingRefusal =
  | 'slot_cancelled'
  | 'slot_started'
  | 'not_open_yet'
  | 'booking_closed'
  | 'birth_year_needed'
  | 'too_young'
  | 'too_old'
  | 'residents_only'
  | 'limit_per_service'
  | 'limit_per_day'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/** When booking opens and closes for a slot. */
export function bookingWindow(slot: Pick<SlotFacts, 'startsAt'>, rules: ServiceRules) {
  return {
    opensAt: new Date(slot.startsAt.getTime() - rules.bookingOpensDaysBefore * DAY),
    closesAt: new Date(slot.startsAt.getTime() - rules.bookingClosesHoursBefore * HOUR),
  }
}

/** Whether the attendee may come at all: age band and residence, checked on the attendee. */
export function eligibilityRefusal(slot: SlotFacts, rules: ServiceRules, attendee: Attendee): BookingRefusal | null {
  if (rules.minAge !== null || rules.maxAge !== null) {
    if (attendee.birthYear === null) return 'birth_year_needed'
    const age = ageInYear(attendee.birthYear, zonedDate(slot.startsAt, slot.timeZone))
    if (rules.minAge !== null && age < rules.minAge) return 'too_young'
    if (rules.maxAge !== null && age > rules.maxAge) return 'too_old'
  }
  if (rules.residentsOnly && attendee.homeStreetId !== slot.centreStreetId) return 'residents_only'
  return null
}

/**
 * The first reason this attendee can't book this slot now, or null. `activeForService`
 * and `onTheDay` count the attendee's other active bookings.
 */
export function bookingRefusal({
  slot,
  rules,
  attendee,
  now,
  activeForService,
  onTheDay,
}: {
  slot: SlotFacts
  rules: ServiceRules
  attendee: Attendee
  now: Date
  activeForService: number
  onTheDay: number
}): BookingRefusal | null {
  if (slot.status === 'cancelled') return 'slot_cancelled'
  if (slot.startsAt <= now) return 'slot_started'
  const { opensAt, closesAt } = bookingWindow(slot, rules)
  if (now < opensAt) return 'not_open_yet'
  if (now >= closesAt) return 'booking_closed'
  const ineligible = eligibilityRefusal(slot, rules, attendee)
  if (ineligible) return ineligible
  if (activeForService >= rules.maxActivePerPerson) return 'limit_per_service'
  if (rules.maxPerDayPerPerson !== null && onTheDay >= rules.maxPerDayPerPerson) return 'limit_per_day'
  return null
}

export type CancelRefusal = 'cutoff_passed' | 'slot_started' | 'not_active'

/** Until when a resident may cancel a booking themselves. */
export function cancelDeadline(slot: Pick<SlotFacts, 'startsAt'>, rules: Pick<ServiceRules, 'cancelCutoffHours'>) {
  return new Date(slot.startsAt.getTime() - rules.cancelCutoffHours * HOUR)
}

export function cancelRefusal({
  slot,
  rules,
  status,
  now,
}: {
  slot: SlotFacts
  rules: Pick<ServiceRules, 'cancelCutoffHours'>
  status: string
  now: Date
}): CancelRefusal | null {
  if (status !== 'confirmed' && status !== 'waitlisted') return 'not_active'
  if (slot.startsAt <= now) return 'slot_started'
  // A waiting-list place blocks no one; nor does a booking the centre moved.
  if (status === 'waitlisted' || slot.movedFromStartsAt) return null
  if (now >= cancelDeadline(slot, rules)) return 'cutoff_passed'
  return null
}

/**
 * The price for this attendee: the lowest concession they qualify for, or the full
 * price. Age concessions use the age reached in the year of the slot.
 */
export function priceFor({
  slot,
  priceFen,
  concessions,
  attendee,
}: {
  slot: Pick<SlotFacts, 'startsAt' | 'timeZone'>
  priceFen: number
  concessions: Array<{ kind: ConcessionKind; priceFen: number }>
  attendee: Attendee
}): { priceFen: number; concession: ConcessionKind | null } {
  const age =
    attendee.birthYear === null ? null : ageInYear(attendee.birthYear, zonedDate(slot.startsAt, slot.timeZone))
  const qualifies = (kind: ConcessionKind) =>
    (kind === 'age_60' && age !== null && age >= 60) ||
    (kind === 'age_80' && age !== null && age >= 80) ||
    (kind === 'low_income' && attendee.lowIncomeVerified)
  let best: { priceFen: number; concession: ConcessionKind | null } = { priceFen, concession: null }
  for (const concession of concessions) {
    if (qualifies(concession.kind) && concession.priceFen < best.priceFen) {
      best = { priceFen: concession.priceFen, concession: concession.kind }
    }
  }
  return best
}
