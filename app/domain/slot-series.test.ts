import { describe, expect, test } from 'vitest'
import { MAX_SERIES_SLOTS, mondayOf, seriesOccurrences, type SeriesPattern } from './slot-series.ts'

const SHANGHAI = 'Asia/Shanghai'
const pattern = (overrides: Partial<SeriesPattern> = {}): SeriesPattern => ({
  weekdays: [1, 3],
  startTime: '09:30',
  durationMinutes: 60,
  fromDate: '2026-11-23',
  untilDate: '2026-12-09',
  skipDates: [],
  ...overrides,
})

describe('weekly series', () => {
  test('runs across the end of a month on the chosen weekdays, at the wall-clock time in Shanghai', () => {
    const { occurrences, skipped } = seriesOccurrences(pattern(), { timeZone: SHANGHAI })
    expect(occurrences.map((occurrence) => occurrence.date)).toEqual([
      '2026-11-23',
      '2026-11-25',
      '2026-11-30',
      '2026-12-02',
      '2026-12-07',
      '2026-12-09',
    ])
    // 09:30 in Shanghai (UTC+8, no daylight saving) is 01:30 UTC, every week, either side of the month end.
    expect(occurrences[2]!.startsAt.toISOString()).toBe('2026-11-30T01:30:00.000Z')
    expect(occurrences[3]!.startsAt.toISOString()).toBe('2026-12-02T01:30:00.000Z')
    expect(occurrences[3]!.endsAt.toISOString()).toBe('2026-12-02T02:30:00.000Z')
    expect(skipped).toEqual([])
  })

  test('an early-morning start falls on the previous day in UTC but keeps its local date', () => {
    const { occurrences } = seriesOccurrences(
      pattern({ weekdays: [2], startTime: '07:00', fromDate: '2026-12-29', untilDate: '2027-01-05' }),
      { timeZone: SHANGHAI },
    )
    expect(occurrences.map((occurrence) => [occurrence.date, occurrence.startsAt.toISOString()])).toEqual([
      ['2026-12-29', '2026-12-28T23:00:00.000Z'],
      ['2027-01-05', '2027-01-04T23:00:00.000Z'],
    ])
  })

  test('leaves out the dates asked for and the days the centre is closed, and says why', () => {
    const { occurrences, skipped } = seriesOccurrences(pattern({ skipDates: ['2026-11-25', '2026-11-26'] }), {
      timeZone: SHANGHAI,
      closedDates: [
        { date: '2026-12-02', reason: '设备检修' },
        { date: '2026-12-03', reason: 'not a series day' },
      ],
    })
    expect(occurrences.map((occurrence) => occurrence.date)).toEqual([
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
      '2026-12-09',
    ])
    // Only days the series would have met are reported as skipped.
    expect(skipped).toEqual([
      { date: '2026-11-25', why: 'asked' },
      { date: '2026-12-02', why: 'closed', reason: '设备检修' },
    ])
  })

  test('a range with none of the weekdays makes nothing; a single day makes one', () => {
    expect(seriesOccurrences(pattern({ weekdays: [6], untilDate: '2026-11-27' }), { timeZone: SHANGHAI })).toEqual({
      occurrences: [],
      skipped: [],
    })
    expect(
      seriesOccurrences(pattern({ fromDate: '2026-11-30', untilDate: '2026-11-30' }), { timeZone: SHANGHAI })
        .occurrences,
    ).toHaveLength(1)
  })

  test('never makes more than the ceiling', () => {
    const { occurrences } = seriesOccurrences(
      pattern({ weekdays: [1, 2, 3, 4, 5, 6, 7], fromDate: '2026-01-01', untilDate: '2028-12-31' }),
      { timeZone: SHANGHAI },
    )
    expect(occurrences).toHaveLength(MAX_SERIES_SLOTS)
  })

  test('the Monday of a week, across a month end', () => {
    expect(mondayOf('2026-12-02')).toBe('2026-11-30')
    expect(mondayOf('2026-11-30')).toBe('2026-11-30')
    expect(mondayOf('2026-12-06')).toBe('2026-11-30')
  })
})
