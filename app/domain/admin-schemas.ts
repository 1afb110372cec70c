import * as z from 'zod'
import { loginField, nameField, optionalId } from './account-schemas.ts'
import { MAX_ROW_ID } from './row-id.ts'

// The district admin's forms. Messages are translation keys (common: form.*).

export const staffRoles = ['operator', 'street_staff', 'district_admin'] as const

export const grantSchema = z
  .object({
    intent: z.literal('grant'),
    login: loginField,
    role: z.enum(staffRoles, { error: 'form.required' }),
    centreId: optionalId,
    streetId: optionalId,
  })
  .superRefine((value, context) => {
    if (value.role === 'operator' && value.centreId === undefined) {
      context.addIssue({ code: 'custom', path: ['centreId'], message: 'form.chooseCentre' })
    }
    if (value.role === 'street_staff' && value.streetId === undefined) {
      context.addIssue({ code: 'custom', path: ['streetId'], message: 'form.chooseStreet' })
    }
  })

const slugField = z
  .string({ error: 'form.required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'form.slugInvalid')

export const streetSchema = z.object({
  intent: z.literal('add-street'),
  slug: slugField,
  nameZh: nameField,
  nameEn: nameField,
})

export const renameStreetSchema = z.object({
  intent: z.literal('rename-street'),
  streetId: z.coerce
    .number({ error: 'form.invalid' })
    .int('form.invalid')
    .positive('form.invalid')
    .max(MAX_ROW_ID, 'form.invalid'),
  nameZh: nameField,
  nameEn: nameField,
})

const addressField = z.string({ error: 'form.required' }).trim().min(1, 'form.required').max(200, 'form.tooLong')

export const centreFields = {
  streetId: z.coerce
    .number({ error: 'form.required' })
    .int('form.invalid')
    .positive('form.invalid')
    .max(MAX_ROW_ID, 'form.invalid'),
  nameZh: nameField,
  nameEn: nameField,
  addressZh: addressField,
  addressEn: addressField,
  phone: z
    .string({ error: 'form.required' })
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, 'form.centrePhoneInvalid'),
  latitude: z.coerce
    .number({ error: 'form.latitudeInvalid' })
    .min(-90, 'form.latitudeInvalid')
    .max(90, 'form.latitudeInvalid'),
  longitude: z.coerce
    .number({ error: 'form.longitudeInvalid' })
    .min(-180, 'form.longitudeInvalid')
    .max(180, 'form.longitudeInvalid'),
  catchmentPopulation: z.coerce
    .number({ error: 'form.populationInvalid' })
    .int('form.populationInvalid')
    .min(0, 'form.populationInvalid')
    .max(10_000_000, 'form.populationInvalid'),
}

export const addCentreSchema = z.object({ intent: z.literal('add-centre'), slug: slugField, ...centreFields })
export const editCentreSchema = z.object(centreFields)
