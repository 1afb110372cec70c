import { parseWithZod } from '@conform-to/zod/v4'
import { expect, test } from 'vitest'
import { seriesSchema, serviceSchema } from './operator-schemas.ts'

const form = (pairs: Array<[string, string]>) => {
  const data = new FormData()
  for (const [name, value] of pairs) data.append(name, value)
  return data
}
const series = (extra: Array<[string, string]>) =>
  form([
    ['intent', 'preview-series'],
    ['startTime', '09:00'],
    ['durationMinutes', '60'],
    ['fromDate', '2099-01-01'],
    ['untilDate', '2099-02-01'],
    ['capacity', '5'],
    ...extra,
  ])

test('a weekly series: weekdays once each and in order, skip dates split on spaces and commas', () => {
  const parsed = parseWithZod(
    series([
      ['weekdays', '3'],
      ['weekdays', '1'],
      ['weekdays', '3'],
      ['skipDates', '2099-01-05，2099-01-07 2099-01-12'],
    ]),
    { schema: seriesSchema },
  )
  expect(parsed.status).toBe('success')
  if (parsed.status !== 'success') return
  expect(parsed.value.weekdays).toEqual([1, 3])
  expect(parsed.value.skipDates).toEqual(['2099-01-05', '2099-01-07', '2099-01-12'])
})

test('tampered or mistyped values are reported on the field the reader can see, translated', () => {
  const parsed = parseWithZod(
    series([
      ['weekdays', '9'],
      ['skipDates', '2099-02-30'],
    ]),
    { schema: seriesSchema },
  )
  expect(parsed.reply().error).toMatchObject({
    weekdays: ['operator:form.weekdaysNeeded'],
    skipDates: ['operator:form.skipDatesInvalid'],
  })
})

test('a first date sent twice, or not a date, is refused on its field rather than throwing', () => {
  const twice = series([['weekdays', '1']])
  twice.append('fromDate', '2099-01-02')
  const notADate = series([['weekdays', '1']])
  notADate.set('fromDate', '26-1-1')
  for (const data of [twice, notADate]) {
    const parsed = parseWithZod(data, { schema: seriesSchema })
    expect(parsed.status).toBe('error')
    expect(Object.keys(parsed.reply().error ?? {})).toEqual(['fromDate'])
  }
})

test('a service: appointments need counters; a concession below the full price; prices in fen', () => {
  const base: Array<[string, string]> = [
    ['category', 'government'],
    ['nameZh', '社保窗口'],
    ['nameEn', 'Social insurance desk'],
    ['bookingOpensDaysBefore', '7'],
    ['bookingClosesHoursBefore', '1'],
    ['cancelCutoffHours', '2'],
    ['maxActivePerPerson', '1'],
  ]
  const refused = parseWithZod(
    form([...base, ['bookingMode', 'appointment'], ['price', '10'], ['concession_age_60', '10']]),
    { schema: serviceSchema },
  )
  expect(refused.reply().error).toMatchObject({
    counters: ['operator:form.countersNeeded'],
    slotMinutes: ['operator:form.slotMinutesNeeded'],
    concession_age_60: ['operator:form.concessionHigh'],
  })
  const saved = parseWithZod(
    form([...base, ['bookingMode', 'class'], ['price', '12.5'], ['concession_age_60', '6'], ['counters', '3']]),
    { schema: serviceSchema },
  )
  expect(saved.status).toBe('success')
  if (saved.status !== 'success') return
  // A class keeps no counters even if the form sent some.
  expect(saved.value.service).toMatchObject({ priceFen: 1250, counters: null, waitlistEnabled: false })
  expect(saved.value.concessions).toEqual([{ kind: 'age_60', priceFen: 600 }])
})
