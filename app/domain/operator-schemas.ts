import * as z from 'zod'
import { nameField } from './account-schemas.ts'
import { centreFields } from './admin-schemas.ts'
import { bookingModes, concessionKinds, serviceCategories } from './enums.ts'
import { addDays } from './time.ts'
import { MAX_ROW_ID } from './row-id.ts'

/**
 * The centre operator's forms, shared by the server and the browser. Messages are
 * translation keys: common's form.* where one fits, else operator:form.*.
 */

const wholeNumber = (min: number, max: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message)

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'form.tooLong')
    .optional()
    .transform((value) => value ?? '')

/** Yuan as typed ("15", "15.5"), as fen; at most ¥100,000. */
const yuan = z.coerce
  .number({ error: 'operator:form.priceInvalid' })
  .min(0, 'operator:form.priceInvalid')
  .max(100_000, 'operator:form.priceInvalid')
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'operator:form.priceInvalid')
  .transform((value) => Math.round(value * 100))

export const dateField = z
  .string({ error: 'form.required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'operator:form.dateInvalid')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value && value >= '2000-01-01'
  }, 'operator:form.dateInvalid')

export const timeField = z
  .string({ error: 'form.required' })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'operator:form.timeInvalid')

const durationField = wholeNumber(5, 720, 'operator:form.durationInvalid')
const capacityField = wholeNumber(1, 10_000, 'operator:form.capacityInvalid')
const reasonField = z
  .string({ error: 'operator:form.reasonRequired' })
  .trim()
  .min(1, 'operator:form.reasonRequired')
  .max(200, 'form.tooLong')

export const concessionFieldName = (kind: (typeof concessionKinds)[number]) => `concession_${kind}` as const

/** The service form's fields, without the cross-field rules: what the browser's constraints come from. */
export const serviceFields = z.object({
  // The service form says "save" (or nothing); any other intent, say a mistyped "pause", must not save.
  intent: z.literal('save', { error: 'form.invalid' }).optional(),
  category: z.enum(serviceCategories, { error: 'form.required' }),
  bookingMode: z.enum(bookingModes, { error: 'form.required' }),
  nameZh: nameField,
  nameEn: nameField,
  summaryZh: optionalText(200),
  summaryEn: optionalText(200),
  descriptionZh: optionalText(4000),
  descriptionEn: optionalText(4000),
  whatToBringZh: optionalText(500),
  whatToBringEn: optionalText(500),
  locationZh: optionalText(100),
  locationEn: optionalText(100),
  minAge: wholeNumber(0, 150, 'operator:form.ageInvalid').optional(),
  maxAge: wholeNumber(0, 150, 'operator:form.ageInvalid').optional(),
  residentsOnly: z.boolean().default(false),
  price: yuan.optional(),
  concession_age_60: yuan.optional(),
  concession_age_80: yuan.optional(),
  concession_low_income: yuan.optional(),
  concession_disability: yuan.optional(),
  counters: wholeNumber(1, 100, 'operator:form.countersInvalid').optional(),
  slotMinutes: wholeNumber(5, 480, 'operator:form.slotMinutesInvalid').optional(),
  bookingOpensDaysBefore: wholeNumber(0, 365, 'operator:form.daysInvalid'),
  bookingClosesHoursBefore: wholeNumber(0, 720, 'operator:form.hoursInvalid'),
  cancelCutoffHours: wholeNumber(0, 720, 'operator:form.hoursInvalid'),
  maxActivePerPerson: wholeNumber(1, 100, 'operator:form.limitInvalid'),
  maxPerDayPerPerson: wholeNumber(1, 100, 'operator:form.limitInvalid').optional(),
  waitlistEnabled: z.boolean().default(false),
})

export const serviceSchema = serviceFields
  .superRefine((value, context) => {
    if (value.minAge !== undefined && value.maxAge !== undefined && value.minAge > value.maxAge) {
      context.addIssue({ code: 'custom', path: ['maxAge'], message: 'operator:form.ageOrder' })
    }
    if (value.bookingMode === 'appointment') {
      if (value.counters === undefined)
        context.addIssue({ code: 'custom', path: ['counters'], message: 'operator:form.countersNeeded' })
      if (value.slotMinutes === undefined)
        context.addIssue({ code: 'custom', path: ['slotMinutes'], message: 'operator:form.slotMinutesNeeded' })
    }
    for (const kind of concessionKinds) {
      const concession = value[concessionFieldName(kind)]
      if (concession !== undefined && concession >= (value.price ?? 0)) {
        context.addIssue({ code: 'custom', path: [concessionFieldName(kind)], message: 'operator:form.concessionHigh' })
      }
    }
  })
  .transform(({ price, counters, slotMinutes, minAge, maxAge, maxPerDayPerPerson, ...rest }) => {
    const concessions = concessionKinds.flatMap((kind) => {
      const priceFen = rest[concessionFieldName(kind)]
      return priceFen === undefined ? [] : [{ kind, priceFen }]
    })
    const appointment = rest.bookingMode === 'appointment'
    return {
      service: {
        category: rest.category,
        bookingMode: rest.bookingMode,
        nameZh: rest.nameZh,
        nameEn: rest.nameEn,
        summaryZh: rest.summaryZh,
        summaryEn: rest.summaryEn,
        descriptionZh: rest.descriptionZh,
        descriptionEn: rest.descriptionEn,
        whatToBringZh: rest.whatToBringZh,
        whatToBringEn: rest.whatToBringEn,
        locationZh: rest.locationZh,
        locationEn: rest.locationEn,
        minAge: minAge ?? null,
        maxAge: maxAge ?? null,
        residentsOnly: rest.residentsOnly,
        priceFen: price ?? 0,
        counters: appointment ? (counters ?? null) : null,
        slotMinutes: appointment ? (slotMinutes ?? null) : null,
        bookingOpensDaysBefore: rest.bookingOpensDaysBefore,
        bookingClosesHoursBefore: rest.bookingClosesHoursBefore,
        cancelCutoffHours: rest.cancelCutoffHours,
        maxActivePerPerson: rest.maxActivePerPerson,
        maxPerDayPerPerson: maxPerDayPerPerson ?? null,
        waitlistEnabled: rest.waitlistEnabled,
      },
      concessions,
    }
  })

export type ServiceInput = z.output<typeof serviceSchema>

const slugField = z
  .string({ error: 'form.required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'form.slugInvalid')

export const newServiceFields = serviceFields.extend({ slug: slugField })
export const newServiceSchema = z
  .object({ slug: slugField })
  .and(serviceSchema)
  .transform(({ slug, ...rest }) => ({ slug, ...(rest as ServiceInput) }))

export const addSlotSchema = z.object({
  intent: z.literal('add-slot'),
  date: dateField,
  startTime: timeField,
  durationMinutes: durationField,
  capacity: capacityField,
})

/** At most a year and a day from the first date to the last. */
export const MAX_SERIES_DAYS = 366

/** The series form's fields, without the cross-field rules (for the browser's constraints). */
export const seriesFields = z.object({
  intent: z.enum(['preview-series', 'add-series']),
  // Checked as a whole, so a tampered value is reported on the field rather than on an item of it.
  weekdays: z
    .array(z.coerce.number(), { error: 'operator:form.weekdaysNeeded' })
    .min(1, 'operator:form.weekdaysNeeded')
    .max(7, 'operator:form.weekdaysNeeded')
    .refine(
      (days) => days.every((day) => Number.isInteger(day) && day >= 1 && day <= 7),
      'operator:form.weekdaysNeeded',
    ),
  startTime: timeField,
  durationMinutes: durationField,
  fromDate: dateField,
  untilDate: dateField,
  capacity: capacityField,
  skipDates: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(/[\s,，、;；]+/).filter(Boolean))
    .refine((dates) => dates.length <= 400, 'form.tooLong')
    .refine((dates) => dates.every((date) => dateField.safeParse(date).success), 'operator:form.skipDatesInvalid'),
})

export const seriesSchema = seriesFields
  .superRefine((value, context) => {
    // Zod runs this even when a date above was refused (or sent twice): compare only two
    // real dates.
    if (!dateField.safeParse(value.fromDate).success || !dateField.safeParse(value.untilDate).success) return
    if (value.untilDate < value.fromDate) {
      context.addIssue({ code: 'custom', path: ['untilDate'], message: 'operator:form.untilBeforeFrom' })
    } else if (value.untilDate > addDays(value.fromDate, MAX_SERIES_DAYS)) {
      context.addIssue({ code: 'custom', path: ['untilDate'], message: 'operator:form.seriesTooLong' })
    }
  })
  .transform((value) => ({ ...value, weekdays: [...new Set(value.weekdays)].sort() }))

export const editSlotSchema = z.object({
  intent: z.literal('edit-slot'),
  /** `one`: this slot; `future`: this slot and every later slot of its series. */
  scope: z.enum(['one', 'future']).default('one'),
  date: dateField,
  startTime: timeField,
  durationMinutes: durationField,
  capacity: capacityField,
})

export const cancelSlotSchema = z.object({ intent: z.literal('cancel-slot'), reason: reasonField })

export const cancelDaySchema = z.object({ intent: z.literal('cancel-day'), reason: reasonField })

export const OPENING_PERIODS_PER_DAY = 2
export const openingFieldName = (weekday: number, period: number, edge: 'opens' | 'closes') =>
  `d${weekday}p${period}${edge}`

/** The regular week: up to two periods a day; a period left empty is no period. */
export const openingHoursSchema = z
  .object(
    Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
        Array.from({ length: OPENING_PERIODS_PER_DAY }, (_, period) => [
          [openingFieldName(weekday, period, 'opens'), timeField.optional()],
          [openingFieldName(weekday, period, 'closes'), timeField.optional()],
        ]).flat(),
      ),
    ) as Record<string, z.ZodOptional<typeof timeField>>,
  )
  .and(z.object({ intent: z.literal('hours') }))
  .superRefine((value, context) => {
    const fields = value as Record<string, string | undefined>
    for (let weekday = 1; weekday <= 7; weekday++) {
      for (let period = 0; period < OPENING_PERIODS_PER_DAY; period++) {
        const opens = fields[openingFieldName(weekday, period, 'opens')]
        const closesName = openingFieldName(weekday, period, 'closes')
        const closes = fields[closesName]
        if ((opens === undefined) !== (closes === undefined) || (opens && closes && closes <= opens)) {
          context.addIssue({ code: 'custom', path: [closesName], message: 'operator:form.hoursOrder' })
        }
      }
    }
  })
  .transform((value) => {
    const fields = value as Record<string, string | undefined>
    return [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
      Array.from({ length: OPENING_PERIODS_PER_DAY }, (_, period) => ({
        weekday,
        opensAt: fields[openingFieldName(weekday, period, 'opens')],
        closesAt: fields[openingFieldName(weekday, period, 'closes')],
      })).flatMap((entry) =>
        entry.opensAt && entry.closesAt ? [{ weekday, opensAt: entry.opensAt, closesAt: entry.closesAt }] : [],
      ),
    )
  })

export const openingExceptionSchema = z
  .object({
    intent: z.literal('add-exception'),
    date: dateField,
    closed: z.boolean().default(false),
    opensAt: timeField.optional(),
    closesAt: timeField.optional(),
    reasonZh: optionalText(100),
    reasonEn: optionalText(100),
  })
  .superRefine((value, context) => {
    if (!value.closed && (!value.opensAt || !value.closesAt || value.closesAt <= value.opensAt)) {
      context.addIssue({ code: 'custom', path: ['closesAt'], message: 'operator:form.exceptionHours' })
    }
  })

export const removeExceptionSchema = z.object({
  intent: z.literal('remove-exception'),
  exceptionId: wholeNumber(1, MAX_ROW_ID, 'form.invalid'),
})

/** What an operator may change about their own centre; the street, map and catchment are the district's. */
export const operatorCentreSchema = z.object({
  intent: z.literal('details'),
  nameZh: centreFields.nameZh,
  nameEn: centreFields.nameEn,
  addressZh: centreFields.addressZh,
  addressEn: centreFields.addressEn,
  phone: centreFields.phone,
  descriptionZh: optionalText(2000),
  descriptionEn: optionalText(2000),
})
