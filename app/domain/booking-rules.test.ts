import { describe, expect, test } from 'vitest'
import {
  bookingRefusal,
  cancelRefusal,
  eligibilityRefusal,
  priceFor,
  type Attendee,
  type ServiceRules,
  type SlotFacts,
} from './booking-rules.ts'

const rules: ServiceRules = {
  minAge: null,
  maxAge: null,
  residentsOnly: false,
  priceFen: 1500,
  bookingOpensDaysBefore: 7,
  bookingClosesHoursBefore: 2,
  cancelCutoffHours: 24,
  maxActivePerPerson: 2,
  maxPerDayPerPerson: null,
}
// Saturday 5 December 2026, 11:30 in Shanghai.
const slot: SlotFacts = {
  startsAt: new Date('2026-12-05T03:30:00Z'),
  status: 'scheduled',
  timeZone: 'Asia/Shanghai',
  centreStreetId: 1,
}
const attendee: Attendee = { birthYear: 1950, homeStreetId: 1, lowIncomeVerified: false }
const at = (iso: string) => new Date(iso)
const ask = (overrides: Partial<Parameters<typeof bookingRefusal>[0]> = {}) =>
  bookingRefusal({
    slot,
    rules,
    attendee,
    now: at('2026-12-01T00:00:00Z'),
    activeForService: 0,
    onTheDay: 0,
    ...overrides,
  })

describe('the booking window', () => {
  test('opens exactly N days before the start, not a millisecond earlier', () => {
    expect(ask({ now: at('2026-11-28T03:29:59.999Z') })).toBe('not_open_yet')
    expect(ask({ now: at('2026-11-28T03:30:00Z') })).toBeNull()
  })

  test('closes exactly M hours before the start', () => {
    expect(ask({ now: at('2026-12-05T01:29:59.999Z') })).toBeNull()
    expect(ask({ now: at('2026-12-05T01:30:00Z') })).toBe('booking_closed')
  })

  test('never books a slot that has started or was cancelled', () => {
    expect(ask({ now: at('2026-12-05T03:30:00Z') })).toBe('slot_started')
    expect(ask({ slot: { ...slot, status: 'cancelled' } })).toBe('slot_cancelled')
  })
})

describe('eligibility, checked against the attendee', () => {
  const elders = { ...rules, minAge: 60 }
  test('someone turning 60 during the slot’s year counts as 60, also on their birthday', () => {
    expect(eligibilityRefusal(slot, elders, { ...attendee, birthYear: 1966 })).toBeNull()
    expect(eligibilityRefusal(slot, elders, { ...attendee, birthYear: 1967 })).toBe('too_young')
  })

  test('the age is taken in the slot’s year in the centre’s zone (New Year’s Eve in UTC is already next year in Shanghai)', () => {
    const newYear = { ...slot, startsAt: new Date('2026-12-31T17:00:00Z') }
    expect(eligibilityRefusal(newYear, elders, { ...attendee, birthYear: 1967 })).toBeNull()
  })

  test('an upper age, an unknown birth year and the residents-only rule', () => {
    expect(eligibilityRefusal(slot, { ...rules, maxAge: 17 }, attendee)).toBe('too_old')
    expect(eligibilityRefusal(slot, elders, { ...attendee, birthYear: null })).toBe('birth_year_needed')
    expect(eligibilityRefusal(slot, { ...rules, residentsOnly: true }, { ...attendee, homeStreetId: 2 })).toBe(
      'residents_only',
    )
    expect(eligibilityRefusal(slot, { ...rules, residentsOnly: true }, { ...attendee, homeStreetId: null })).toBe(
      'residents_only',
    )
    expect(eligibilityRefusal(slot, rules, { ...attendee, birthYear: null })).toBeNull()
  })
})

describe('per-person limits', () => {
  test('active bookings per service', () => {
    expect(ask({ activeForService: 1 })).toBeNull()
    expect(ask({ activeForService: 2 })).toBe('limit_per_service')
  })

  test('per day, where the service sets it', () => {
    expect(ask({ onTheDay: 5 })).toBeNull()
    expect(ask({ rules: { ...rules, maxPerDayPerPerson: 1 }, onTheDay: 1 })).toBe('limit_per_day')
  })
})

describe('cancelling', () => {
  test('allowed until the cutoff, refused exactly at it', () => {
    expect(cancelRefusal({ slot, rules, status: 'confirmed', now: at('2026-12-04T03:29:59.999Z') })).toBeNull()
    expect(cancelRefusal({ slot, rules, status: 'confirmed', now: at('2026-12-04T03:30:00Z') })).toBe('cutoff_passed')
  })

  test('a waiting-list place or a moved slot can be left until the start', () => {
    const late = at('2026-12-05T03:00:00Z')
    expect(cancelRefusal({ slot, rules, status: 'waitlisted', now: late })).toBeNull()
    expect(
      cancelRefusal({
        slot: { ...slot, movedFromStartsAt: at('2026-12-04T03:30:00Z') },
        rules,
        status: 'confirmed',
        now: late,
      }),
    ).toBeNull()
    expect(cancelRefusal({ slot, rules, status: 'confirmed', now: at('2026-12-05T03:30:00Z') })).toBe('slot_started')
  })

  test('only active bookings can be cancelled', () => {
    expect(cancelRefusal({ slot, rules, status: 'cancelled', now: at('2026-12-01T00:00:00Z') })).toBe('not_active')
    expect(cancelRefusal({ slot, rules, status: 'attended', now: at('2026-12-01T00:00:00Z') })).toBe('not_active')
  })
})

describe('prices and concessions', () => {
  const concessions = [
    { kind: 'age_60' as const, priceFen: 1200 },
    { kind: 'age_80' as const, priceFen: 800 },
    { kind: 'low_income' as const, priceFen: 0 },
  ]
  test('the lowest concession the attendee qualifies for', () => {
    expect(priceFor({ slot, priceFen: 1500, concessions, attendee: { ...attendee, birthYear: 1990 } })).toEqual({
      priceFen: 1500,
      concession: null,
    })
    expect(priceFor({ slot, priceFen: 1500, concessions, attendee: { ...attendee, birthYear: 1960 } })).toEqual({
      priceFen: 1200,
      concession: 'age_60',
    })
    expect(priceFor({ slot, priceFen: 1500, concessions, attendee: { ...attendee, birthYear: 1944 } })).toEqual({
      priceFen: 800,
      concession: 'age_80',
    })
    expect(
      priceFor({
        slot,
        priceFen: 1500,
        concessions,
        attendee: { ...attendee, birthYear: 1944, lowIncomeVerified: true },
      }),
    ).toEqual({ priceFen: 0, concession: 'low_income' })
  })

  test('80 in the slot’s year counts, 79 does not', () => {
    expect(priceFor({ slot, priceFen: 1500, concessions, attendee: { ...attendee, birthYear: 1946 } }).concession).toBe(
      'age_80',
    )
    expect(priceFor({ slot, priceFen: 1500, concessions, attendee: { ...attendee, birthYear: 1947 } }).concession).toBe(
      'age_60',
    )
  })
})
