import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import type * as z from 'zod'
import { addCentreSchema, editCentreSchema, type centreFields } from '#app/domain/admin-schemas.ts'
import { contentLang, ErrorSummary, Field, SelectField } from './forms.tsx'

type CentreFieldName = keyof typeof centreFields

/** Adding a centre and editing one share this form; adding also asks for its address slug. */
export function CentreForm({
  mode,
  lastResult,
  streets,
  defaultValue,
}: {
  mode: 'add' | 'edit'
  lastResult?: SubmissionResult<string[]>
  streets: Array<{ id: number; name: string }>
  defaultValue?: Partial<Record<CentreFieldName, string>>
}) {
  const { t } = useTranslation('staff')
  const schema = mode === 'add' ? addCentreSchema : editCentreSchema
  const [form, fields] = useForm<z.input<typeof addCentreSchema>, z.output<typeof addCentreSchema>>({
    id: `${mode}-centre`,
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    // The add form's schema is the edit form's plus a slug; one submission type serves both.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema as typeof addCentreSchema }),
  })
  const text = [
    ['nameZh', 'text'],
    ['nameEn', 'text'],
    ['addressZh', 'text'],
    ['addressEn', 'text'],
    ['phone', 'tel'],
    ['latitude', 'text'],
    ['longitude', 'text'],
    ['catchmentPopulation', 'number'],
  ] as const
  const slugField = mode === 'add' ? fields.slug : null
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          ...(slugField ? [{ id: slugField.id, label: t('places.fields.slug'), errors: slugField.errors }] : []),
          { id: fields.streetId.id, label: t('places.fields.street'), errors: fields.streetId.errors },
          ...text.map(([name]) => ({
            id: fields[name].id,
            label: t(`places.fields.${name}`),
            errors: fields[name].errors,
          })),
        ]}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        {mode === 'add' ? <input type="hidden" name="intent" value="add-centre" /> : null}
        {slugField ? (
          <Field
            label={t('places.fields.slug')}
            hint={t('places.fields.slugHint')}
            errors={slugField.errors}
            inputProps={{ ...getInputProps(slugField, { type: 'text' }), autoComplete: 'off' }}
          />
        ) : null}
        <SelectField
          label={t('places.fields.street')}
          errors={fields.streetId.errors}
          selectProps={getSelectProps(fields.streetId)}
          emptyLabel={t('admin.choose')}
          options={streets.map((street) => ({ value: String(street.id), label: street.name }))}
        />
        {text.map(([name, type]) => (
          <Field
            key={name}
            label={t(`places.fields.${name}`)}
            errors={fields[name].errors}
            inputProps={{ ...getInputProps(fields[name], { type }), autoComplete: 'off', lang: contentLang(name) }}
          />
        ))}
        <button type="submit">{mode === 'add' ? t('places.addCentre') : t('places.saveCentre')}</button>
      </Form>
    </>
  )
}
