import * as z from 'zod'
import { parseLoginIdentifier } from './login-identifier.ts'
import { MAX_ROW_ID } from './row-id.ts'

// Any problem a schema does not name gets a translated "not valid" rather than zod's
// English default, so even a tampered form answers in the reader's language.
z.config({ customError: () => 'form.invalid' })

/**
 * The account forms' rules, shared by the server and the browser. Messages are
 * translation keys (common: form.*).
 */
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128
export const NAME_MAX = 50

const requiredText = (max: number) =>
  z
    .string({ error: 'form.required' })
    .trim()
    .min(1, 'form.required')
    .max(max, 'form.tooLong')
    // Control characters have no place in a name; they only break displays and exports.
    .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value.replace(/\u200d|\ufe0f/g, '')), 'form.invalidCharacters')

export const nameField = requiredText(NAME_MAX)

export const loginField = z
  .string({ error: 'form.required' })
  .trim()
  .min(1, 'form.required')
  .max(254, 'form.loginInvalid')
  .refine((value) => parseLoginIdentifier(value) !== null, 'form.loginInvalid')

export const passwordField = z
  .string({ error: 'form.required' })
  .min(PASSWORD_MIN, 'form.passwordTooShort')
  .max(PASSWORD_MAX, 'form.passwordTooLong')

export function birthYearField(currentYear: number) {
  return z.coerce
    .number({ error: 'form.birthYearInvalid' })
    .int('form.birthYearInvalid')
    .min(1900, 'form.birthYearInvalid')
    .max(currentYear, 'form.birthYearInvalid')
}

export const optionalId = z.coerce
  .number({ error: 'form.invalid' })
  .int('form.invalid')
  .positive('form.invalid')
  .max(MAX_ROW_ID, 'form.invalid')
  .optional()

export const loginSchema = z.object({
  login: loginField,
  password: z.string({ error: 'form.required' }).min(1, 'form.required').max(PASSWORD_MAX, 'form.passwordTooLong'),
  // Fields the page never shows in error fall back to safe values instead.
  remember: z.boolean().catch(false).optional(),
  redirectTo: z.string().max(2000).catch('').optional(),
})

export function signupSchema(currentYear: number) {
  return z.object({
    login: loginField,
    password: passwordField,
    name: nameField,
    birthYear: birthYearField(currentYear).optional(),
    homeStreetId: optionalId,
    redirectTo: z.string().max(2000).catch('').optional(),
  })
}

export const relations = ['parent', 'grandparent', 'spouse', 'child', 'grandchild', 'sibling', 'other'] as const

export function householdMemberSchema(currentYear: number) {
  return z.object({
    // The member form says "save" (or nothing); any other intent, say a mistyped "remove", must not save.
    intent: z.literal('save', { error: 'form.invalid' }).optional(),
    name: nameField,
    relation: z.enum(relations, { error: (issue) => (issue.input === undefined ? 'form.required' : 'form.invalid') }),
    birthYear: birthYearField(currentYear),
    phone: z
      .string()
      .trim()
      .max(20, 'form.phoneInvalid')
      .refine((value) => parseLoginIdentifier(value)?.kind === 'phone', 'form.phoneInvalid')
      .optional(),
    homeStreetId: optionalId,
  })
}

export function profileSchema(currentYear: number) {
  return z.object({
    intent: z.literal('profile').catch('profile'),
    name: nameField,
    birthYear: birthYearField(currentYear).optional(),
    homeStreetId: optionalId,
    preferredLocale: z.enum(['zh-CN', 'en'], { error: 'form.invalid' }),
  })
}

export const passwordChangeSchema = z.object({
  intent: z.literal('password').catch('password'),
  currentPassword: z
    .string({ error: 'form.required' })
    .min(1, 'form.required')
    .max(PASSWORD_MAX, 'form.passwordTooLong'),
  newPassword: passwordField,
})
