import { describe, expect, test } from 'vitest'
import { openingToday, weeklyHours } from './opening-hours.ts'

const tz = 'Asia/Shanghai'
// Friday 2026-11-27; a centre with a lunch break on weekdays and shorter Sundays.
const hours = [
  ...[1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, opensAt: '08:30:00', closesAt: '12:00:00' },
    { weekday, opensAt: '13:30:00', closesAt: '20:30:00' },
  ]),
  { weekday: 7, opensAt: '09:00:00', closesAt: '17:00:00' },
]
const at = (local: string) => new Date(`${local}+08:00`)

describe('openingToday', () => {
  test('open inside a period, closed in the lunch break and at closing time', () => {
    expect(openingToday({ hours, exceptions: [], now: at('2026-11-27T09:00:00'), timeZone: tz }).openNow).toBe(true)
    expect(openingToday({ hours, exceptions: [], now: at('2026-11-27T12:30:00'), timeZone: tz }).openNow).toBe(false)
    expect(openingToday({ hours, exceptions: [], now: at('2026-11-27T20:30:00'), timeZone: tz }).openNow).toBe(false)
  })

  test("lists today's periods in order and knows a closed day", () => {
    const friday = openingToday({ hours, exceptions: [], now: at('2026-11-27T07:00:00'), timeZone: tz })
    expect(friday.periods).toEqual([
      { opensAt: '08:30', closesAt: '12:00' },
      { opensAt: '13:30', closesAt: '20:30' },
    ])
    const saturday = openingToday({ hours, exceptions: [], now: at('2026-11-28T10:00:00'), timeZone: tz })
    expect(saturday).toMatchObject({ weekday: 6, periods: [], openNow: false })
  })

  test('a dated exception overrides the regular hours', () => {
    const closure = { date: '2026-11-27', closed: true, opensAt: null, closesAt: null, reason: '设备检修' }
    const today = openingToday({ hours, exceptions: [closure], now: at('2026-11-27T09:00:00'), timeZone: tz })
    expect(today).toMatchObject({ openNow: false, periods: [], exception: closure })
    const special = { date: '2026-11-28', closed: false, opensAt: '10:00:00', closesAt: '16:00:00', reason: '' }
    expect(openingToday({ hours, exceptions: [special], now: at('2026-11-28T11:00:00'), timeZone: tz }).openNow).toBe(
      true,
    )
  })

  test("uses the centre's date, not the server's, just after midnight", () => {
    // 00:30 on Saturday in Shanghai is still Friday in UTC.
    expect(openingToday({ hours, exceptions: [], now: at('2026-11-28T00:30:00'), timeZone: tz }).weekday).toBe(6)
  })
})

test('weeklyHours lists Monday to Sunday', () => {
  const week = weeklyHours(hours)
  expect(week.map((day) => day.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7])
  expect(week[5]?.periods).toEqual([])
  expect(week[6]?.periods).toEqual([{ opensAt: '09:00', closesAt: '17:00' }])
})
