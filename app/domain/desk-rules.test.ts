import { describe, expect, test } from 'vitest'
import { csvCell, csvDocument } from './csv.ts'
import { checkInRefusal, noShowRefusal, normaliseReference, undoRefusal } from './desk-rules.ts'

const start = new Date('2026-11-27T02:00:00Z')
const slot = { status: 'scheduled' as const, startsAt: start, endsAt: new Date(start.getTime() + 3_600_000) }
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000)

describe('front desk rules', () => {
  test('checks in a confirmed place around the slot, and a no-show marked by mistake', () => {
    expect(checkInRefusal({ status: 'confirmed', slot, now: at(-30) })).toBeNull()
    expect(checkInRefusal({ status: 'no_show', slot, now: at(20) })).toBeNull()
    expect(checkInRefusal({ status: 'confirmed', slot, now: at(-4 * 60) })).toBe('too_early')
    expect(checkInRefusal({ status: 'confirmed', slot, now: at(14 * 60) })).toBe('too_late')
    expect(checkInRefusal({ status: 'attended', slot, now: at(0) })).toBe('already_checked_in')
    expect(checkInRefusal({ status: 'waitlisted', slot, now: at(0) })).toBe('waitlisted')
    expect(checkInRefusal({ status: 'cancelled', slot, now: at(0) })).toBe('cancelled')
    expect(checkInRefusal({ status: 'confirmed', slot: { ...slot, status: 'cancelled' }, now: at(0) })).toBe(
      'slot_cancelled',
    )
  })

  test('marks a no-show only after the start', () => {
    expect(noShowRefusal({ status: 'confirmed', slot, now: at(-1) })).toBe('not_started')
    expect(noShowRefusal({ status: 'confirmed', slot, now: at(1) })).toBeNull()
    expect(noShowRefusal({ status: 'attended', slot, now: at(1) })).toBe('already_checked_in')
  })

  test('undoes a check-in or a no-show, nothing else', () => {
    expect(undoRefusal({ status: 'attended', slot })).toBeNull()
    expect(undoRefusal({ status: 'no_show', slot })).toBeNull()
    expect(undoRefusal({ status: 'confirmed', slot })).toBe('nothing_to_undo')
  })

  test('reads references as typed or scanned', () => {
    expect(normaliseReference(' ll7k-3m9p ')).toBe('LL7K3M9P')
    expect(normaliseReference('ＬＬ７Ｋ３Ｍ９Ｐ')).toBe('LL7K3M9P')
    expect(normaliseReference('https://example.com')).toBeNull()
    expect(normaliseReference('')).toBeNull()
  })
})

describe('CSV', () => {
  test('quotes every cell and defuses formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('+86')).toBe(`"'+86"`)
    expect(csvCell('-1')).toBe(`"'-1"`)
    expect(csvCell('@SUM')).toBe(`"'@SUM"`)
    expect(csvCell(-1)).toBe('"-1"')
    expect(csvCell('王小梅')).toBe('"王小梅"')
    expect(csvCell(null)).toBe('""')
  })

  test('starts with a byte-order mark and ends lines with CRLF', () => {
    expect(
      csvDocument([
        ['a', 'b'],
        [1, '二'],
      ]),
    ).toBe('\uFEFF"a","b"\r\n"1","二"\r\n')
  })
})
