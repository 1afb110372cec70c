import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { householdMemberSchema, relations } from '#app/domain/account-schemas.ts'
import { ErrorSummary, Field, SelectField } from './forms.tsx'

/** Adding and editing a household member use the same form. */
export function HouseholdMemberForm({
  id,
  lastResult,
  currentYear,
  streets,
  defaultValue,
  submitLabel,
  redirectTo,
}: {
  id: string
  /** Where to go after adding, e.g. back to the booking that needed this member. */
  redirectTo?: string
  lastResult?: SubmissionResult<string[]>
  currentYear: number
  streets: Array<{ id: number; name: string }>
  defaultValue?: {
    name: string
    relation: string
    birthYear: number
    phone: string | null
    homeStreetId: number | null
  }
  submitLabel: string
}) {
  const { t } = useTranslation('account')
  const schema = householdMemberSchema(currentYear)
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: defaultValue
      ? {
          ...defaultValue,
          birthYear: String(defaultValue.birthYear),
          phone: defaultValue.phone ?? '',
          homeStreetId: defaultValue.homeStreetId ? String(defaultValue.homeStreetId) : '',
        }
      : undefined,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          { id: fields.name.id, label: t('fields.memberName'), errors: fields.name.errors },
          { id: fields.relation.id, label: t('fields.relation'), errors: fields.relation.errors },
          { id: fields.birthYear.id, label: t('fields.memberBirthYear'), errors: fields.birthYear.errors },
          { id: fields.phone.id, label: t('fields.memberPhone'), errors: fields.phone.errors },
          { id: fields.homeStreetId.id, label: t('fields.homeStreet'), errors: fields.homeStreetId.errors },
        ]}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="save" />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field
          label={t('fields.memberName')}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'off' }}
        />
        <SelectField
          label={t('fields.relation')}
          errors={fields.relation.errors}
          selectProps={getSelectProps(fields.relation)}
          emptyLabel={t('fields.relationChoose')}
          options={relations.map((relation) => ({ value: relation, label: t(`relations.${relation}`) }))}
        />
        <Field
          label={t('fields.memberBirthYear')}
          hint={t('fields.memberBirthYearHint')}
          errors={fields.birthYear.errors}
          inputProps={{
            ...getInputProps(fields.birthYear, { type: 'number' }),
            inputMode: 'numeric',
            autoComplete: 'off',
          }}
        />
        <Field
          label={t('fields.memberPhone')}
          hint={t('fields.memberPhoneHint')}
          errors={fields.phone.errors}
          inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'off' }}
        />
        <SelectField
          label={t('fields.homeStreet')}
          hint={t('fields.homeStreetHint')}
          errors={fields.homeStreetId.errors}
          selectProps={getSelectProps(fields.homeStreetId)}
          emptyLabel={t('fields.homeStreetNone')}
          options={streets.map((street) => ({ value: String(street.id), label: street.name }))}
        />
        <button type="submit">{submitLabel}</button>
      </Form>
    </>
  )
}
