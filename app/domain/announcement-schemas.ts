import * as z from 'zod'
import { announcementCategories } from './enums.ts'
import { DISTRICT_TIME_ZONE, zonedDate, zonedDateTime, zonedTime } from './time.ts'
import { MAX_ROW_ID } from './row-id.ts'

// The announcement editor's form. Messages are translation keys: common form.* or,
// with their namespace, announcements:form.*.

export const MAX_TITLE_LENGTH = 200
export const MAX_BODY_LENGTH = 20_000

/** What the editor's buttons ask for. */
export const editorIntents = ['preview', 'save', 'schedule', 'publish'] as const

/** A wall-clock time from a datetime-local field ("2026-12-07T08:00"), in the district's zone. */
const wallClock = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'announcements:form.dateTimeInvalid')
  .refine((value) => parseWallClock(value) !== null, 'announcements:form.dateTimeInvalid')
  .optional()

// Control characters only break displays, feeds and the database (which cannot store U+0000).
// eslint-disable-next-line no-control-regex
const controlInTitle = /[\u0000-\u001F\u007F]/
// eslint-disable-next-line no-control-regex
const controlInBody = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const noControls = (pattern: RegExp) => (value: string) => !pattern.test(value)

const title = z
  .string()
  .trim()
  .max(MAX_TITLE_LENGTH, 'form.tooLong')
  .refine(noControls(controlInTitle), 'form.invalidCharacters')
const body = z
  .string()
  .trim()
  .max(MAX_BODY_LENGTH, 'announcements:form.bodyTooLong')
  .refine(noControls(controlInBody), 'form.invalidCharacters')

export const announcementSchema = z.object({
  intent: z.enum(['save', 'schedule', 'publish'], { error: 'form.invalid' }),
  /** "district" (district admins only) or a street's id. */
  scope: z.string({ error: 'form.required' }).regex(/^(district|[1-9]\d{0,8})$/, 'form.invalid'),
  centreIds: z
    .array(
      z.coerce
        .number({ error: 'form.invalid' })
        .int('form.invalid')
        .positive('form.invalid')
        .max(MAX_ROW_ID, 'form.invalid'),
    )
    .max(100, 'form.invalid')
    .default([]),
  category: z.enum(announcementCategories, { error: 'form.required' }),
  titleZh: z.string({ error: 'form.required' }).trim().min(1, 'form.required').pipe(title),
  titleEn: title.optional(),
  bodyZh: z.string({ error: 'form.required' }).trim().min(1, 'form.required').pipe(body),
  bodyEn: body.optional(),
  publishAt: wallClock,
  expiresAt: wallClock,
  pinnedUntil: wallClock,
})

/** A preview needs nothing but the bodies; the other fields are kept as they were typed. */
export const previewSchema = z.object({
  intent: z.literal('preview'),
  bodyZh: z.string().max(MAX_BODY_LENGTH, 'announcements:form.bodyTooLong').optional(),
  bodyEn: z.string().max(MAX_BODY_LENGTH, 'announcements:form.bodyTooLong').optional(),
})

/** The instant of a datetime-local value in the district's zone, or null for an impossible date. */
export function parseWallClock(value: string): Date | null {
  // Zod runs this refinement even after the format check failed: anything else is no time.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null
  const [date, time] = value.split('T') as [string, string]
  const instant = zonedDateTime(date, time, DISTRICT_TIME_ZONE)
  if (Number.isNaN(instant.getTime())) return null
  // 2026-02-30 would roll over to March: refuse what does not come back the same.
  return zonedDate(instant, DISTRICT_TIME_ZONE) === date && zonedTime(instant, DISTRICT_TIME_ZONE) === time
    ? instant
    : null
}

/** An instant as a datetime-local value in the district's zone, for filling the form. */
export function toWallClock(instant: Date | string | null | undefined): string {
  if (!instant) return ''
  const date = new Date(instant)
  return `${zonedDate(date, DISTRICT_TIME_ZONE)}T${zonedTime(date, DISTRICT_TIME_ZONE)}`
}
