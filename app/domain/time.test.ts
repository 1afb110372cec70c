import { expect, test } from 'vitest'
import { addDays, isoWeekday, zonedDate, zonedDateTime, zonedTime } from './time.ts'

test('a wall-clock time in Shanghai is eight hours ahead of UTC', () => {
  expect(zonedDateTime('2026-11-28', '09:30', 'Asia/Shanghai').toISOString()).toBe('2026-11-28T01:30:00.000Z')
})

test('a time in a zone with daylight saving lands on the right side of the change', () => {
  expect(zonedDateTime('2026-07-01', '12:00', 'Europe/London').toISOString()).toBe('2026-07-01T11:00:00.000Z')
  expect(zonedDateTime('2026-12-01', '12:00', 'Europe/London').toISOString()).toBe('2026-12-01T12:00:00.000Z')
})

test('the local date and time of an instant near midnight', () => {
  const instant = new Date('2026-11-27T16:30:00Z')
  expect(zonedDate(instant, 'Asia/Shanghai')).toBe('2026-11-28')
  expect(zonedTime(instant, 'Asia/Shanghai')).toBe('00:30')
  expect(zonedDate(instant, 'UTC')).toBe('2026-11-27')
})

test('weekdays are ISO (Monday 1, Sunday 7) and days add across months', () => {
  expect(isoWeekday('2026-11-30')).toBe(1)
  expect(isoWeekday('2026-11-29')).toBe(7)
  expect(addDays('2026-11-30', 1)).toBe('2026-12-01')
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
})
