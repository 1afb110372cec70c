import * as z from 'zod'
import { birthYearField, nameField } from './account-schemas.ts'
import { normaliseReference } from './desk-rules.ts'
import { normalisePhone } from './login-identifier.ts'
import { MAX_ROW_ID } from './row-id.ts'

/**
 * The front desk's forms, shared by the server and the browser. Messages are translation
 * keys (common: form.*, desk: desk:errors.*).
 */

export const referenceField = z
  .string({ error: 'form.required' })
  .trim()
  .min(1, 'form.required')
  .max(40, 'desk:errors.referenceInvalid')
  .refine((value) => normaliseReference(value) !== null, 'desk:errors.referenceInvalid')
  .transform((value) => normaliseReference(value)!)

export const checkInSchema = z.object({ intent: z.literal('check_in'), reference: referenceField })

export const attendanceSchema = z.object({
  intent: z.enum(['check_in', 'no_show', 'undo']),
  reference: referenceField,
})

const phoneField = z
  .string({ error: 'form.required' })
  .trim()
  .min(1, 'form.required')
  .max(20, 'form.phoneInvalid')
  .refine((value) => normalisePhone(value) !== null, 'form.phoneInvalid')
  .transform((value) => normalisePhone(value)!)

export const findResidentSchema = z.object({ intent: z.literal('find'), phone: phoneField })

export function newResidentSchema(currentYear: number) {
  return z.object({
    intent: z.literal('create'),
    name: nameField,
    phone: phoneField,
    birthYear: birthYearField(currentYear),
  })
}

export const assistedBookingSchema = z.object({
  intent: z.literal('book'),
  phone: phoneField,
  slotId: z.coerce
    .number({ error: 'desk:errors.slotRequired' })
    .int('desk:errors.slotRequired')
    .positive('desk:errors.slotRequired')
    .max(MAX_ROW_ID, 'desk:errors.slotRequired'),
  // "self", or the id of one of the resident's household members.
  attendee: z
    .string({ error: 'desk:errors.attendeeRequired' })
    .regex(/^(self|\d{1,9})$/, 'desk:errors.attendeeRequired'),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional()
    .catch(undefined),
})

/** A day in the address (?date=2026-11-27), or null when absent or not a real date. */
export function parseDay(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value ? value : null
}
