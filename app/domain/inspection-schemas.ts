import * as z from 'zod'
import { dateField } from './operator-schemas.ts'
import { MAX_ROW_ID } from './row-id.ts'

/**
 * The inspection forms' rules, shared by the server and the browser. Messages are
 * translation keys: common's form.* where one fits, else inspections:form.*.
 */

/** How many issues the inspection form offers rows for; more are added on the inspection's page. */
export const ISSUE_ROWS = 3
export const SCORES = [0, 1, 2, 3, 4, 5] as const

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'form.tooLong')
    .refine((value) => !/[\p{Cc}]/u.test(value.replace(/[\r\n\t]/g, '')), 'form.invalidCharacters')

const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((value) => value ?? '')

const requiredText = (max: number, message: string) =>
  z.string({ error: message }).trim().min(1, message).pipe(text(max))

const id = z.coerce
  .number({ error: 'form.invalid' })
  .int('form.invalid')
  .positive('form.invalid')
  .max(MAX_ROW_ID, 'form.invalid')

const scoreField = z.coerce
  .number({ error: 'inspections:form.scoreRequired' })
  .int('inspections:form.scoreRequired')
  .min(0, 'inspections:form.scoreRequired')
  .max(5, 'inspections:form.scoreRequired')

const issueDescription = requiredText(500, 'inspections:form.issueDescriptionRequired')
const fixByField = z.string({ error: 'inspections:form.fixByRequired' }).pipe(dateField)

/** One issue row: both parts, or neither (an empty row is ignored). */
const issueRow = z
  .object({ description: optionalText(500), fixBy: z.string().trim().optional() })
  .superRefine((row, context) => {
    if (row.description && !row.fixBy) {
      context.addIssue({ code: 'custom', path: ['fixBy'], message: 'inspections:form.fixByRequired' })
    } else if (!row.description && row.fixBy) {
      context.addIssue({ code: 'custom', path: ['description'], message: 'inspections:form.issueDescriptionRequired' })
    } else if (row.fixBy && !dateField.safeParse(row.fixBy).success) {
      context.addIssue({ code: 'custom', path: ['fixBy'], message: 'operator:form.dateInvalid' })
    }
  })

export const inspectionSchema = z
  .object({
    inspectedOn: dateField,
    notes: optionalText(2000),
    scores: z.array(z.object({ checklistItemId: id, score: scoreField, note: optionalText(300) })).max(100),
    issues: z.array(issueRow).max(ISSUE_ROWS).default([]),
  })
  .superRefine((value, context) => {
    value.issues.forEach((issue, index) => {
      if (issue.fixBy && issue.fixBy < value.inspectedOn) {
        context.addIssue({
          code: 'custom',
          path: ['issues', index, 'fixBy'],
          message: 'inspections:form.fixByTooEarly',
        })
      }
    })
  })

export const issueSchema = z.object({
  intent: z.literal('add-issue'),
  description: issueDescription,
  fixBy: fixByField,
})

export const photoCaptionField = requiredText(200, 'inspections:photos.captionRequired')

export const fixIssueSchema = z.object({
  intent: z.literal('fix'),
  issueId: id,
  note: requiredText(500, 'inspections:form.fixedNoteRequired'),
})

export const checklistItemSchema = z.object({
  intent: z.literal('add-item'),
  labelZh: requiredText(100, 'form.required'),
  labelEn: requiredText(100, 'form.required'),
})

export const renameChecklistItemSchema = z.object({
  intent: z.literal('rename-item'),
  itemId: id,
  labelZh: requiredText(100, 'form.required'),
  labelEn: requiredText(100, 'form.required'),
})
