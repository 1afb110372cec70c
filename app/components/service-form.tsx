import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import type { SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import {
  concessionFieldName,
  newServiceFields,
  newServiceSchema,
  serviceFields,
  serviceSchema,
} from '#app/domain/operator-schemas.ts'
import { bookingModes, concessionKinds, serviceCategories } from '#app/domain/enums.ts'
import { CheckboxField, contentLang, ErrorSummary, Field, SelectField, TextareaField } from './forms.tsx'

/** A service's settings as form values (prices in yuan, numbers as text). */
export type ServiceFormValues = Record<string, string | undefined>

const bilingualText = [
  ['nameZh', 'input'],
  ['nameEn', 'input'],
  ['summaryZh', 'input'],
  ['summaryEn', 'input'],
  ['descriptionZh', 'textarea'],
  ['descriptionEn', 'textarea'],
  ['locationZh', 'input'],
  ['locationEn', 'input'],
  ['whatToBringZh', 'input'],
  ['whatToBringEn', 'input'],
] as const

const numbers = {
  who: ['minAge', 'maxAge'],
  booking: [
    'bookingOpensDaysBefore',
    'bookingClosesHoursBefore',
    'cancelCutoffHours',
    'maxActivePerPerson',
    'maxPerDayPerPerson',
  ],
  appointment: ['counters', 'slotMinutes'],
} as const

/** Adding a service and changing one share this form; adding also asks for its address slug. */
export function ServiceForm({
  mode,
  lastResult,
  defaultValue,
}: {
  mode: 'add' | 'edit'
  lastResult?: SubmissionResult<string[]>
  defaultValue: ServiceFormValues
}) {
  const { t } = useTranslation('operator')
  const schema = mode === 'add' ? newServiceSchema : serviceSchema
  // The form's fields are looked up by name (the list differs for adding and editing).
  const [form, fields] = useForm<Record<string, string>, unknown>({
    id: `${mode}-service`,
    lastResult,
    constraint: getZodConstraint(mode === 'add' ? newServiceFields : serviceFields),
    defaultValue,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema as typeof serviceSchema }) as never,
  })
  const field = (name: string) => fields[name]!
  const label = (name: string) => t(`service.fields.${name}`)
  const hint = (name: string) => {
    const key = `service.hints.${name}`
    const text = t(key)
    return text === key ? undefined : text
  }
  const numberField = (name: string) => (
    <Field
      key={name}
      label={label(name)}
      hint={hint(name)}
      errors={field(name).errors}
      inputProps={{ ...getInputProps(field(name), { type: 'number' }), inputMode: 'numeric' }}
    />
  )
  const allFields = [
    ...(mode === 'add' ? ['slug'] : []),
    'category',
    'bookingMode',
    ...bilingualText.map(([name]) => name),
    ...numbers.who,
    'price',
    ...concessionKinds.map(concessionFieldName),
    ...numbers.appointment,
    ...numbers.booking,
  ]
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={allFields.map((name) => ({
          id: field(name).id,
          label: name.startsWith('concession_')
            ? t('service.fields.concession', { who: t(`common:concession.${name.slice('concession_'.length)}`) })
            : label(name),
          errors: field(name).errors,
        }))}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="save" />
        <fieldset className="stack">
          <legend>{t('service.sections.what')}</legend>
          {mode === 'add' ? (
            <Field
              label={label('slug')}
              hint={t('service.hints.slug')}
              errors={field('slug').errors}
              inputProps={{ ...getInputProps(field('slug'), { type: 'text' }), autoComplete: 'off' }}
            />
          ) : null}
          <SelectField
            label={label('category')}
            errors={field('category').errors}
            selectProps={getSelectProps(field('category'))}
            emptyLabel={t('service.choose')}
            options={serviceCategories.map((value) => ({ value, label: t(`common:category.${value}.name`) }))}
          />
          <SelectField
            label={label('bookingMode')}
            hint={t('service.hints.bookingMode')}
            errors={field('bookingMode').errors}
            selectProps={getSelectProps(field('bookingMode'))}
            emptyLabel={t('service.choose')}
            options={bookingModes.map((value) => ({ value, label: t(`common:bookingMode.${value}`) }))}
          />
          {bilingualText.map(([name, kind]) =>
            kind === 'textarea' ? (
              <TextareaField
                key={name}
                label={label(name)}
                errors={field(name).errors}
                textareaProps={{ ...getTextareaProps(field(name)), lang: contentLang(name) }}
              />
            ) : (
              <Field
                key={name}
                label={label(name)}
                errors={field(name).errors}
                inputProps={{
                  ...getInputProps(field(name), { type: 'text' }),
                  autoComplete: 'off',
                  lang: contentLang(name),
                }}
              />
            ),
          )}
        </fieldset>
        <fieldset className="stack">
          <legend>{t('service.sections.who')}</legend>
          {numbers.who.map(numberField)}
          <CheckboxField
            label={label('residentsOnly')}
            inputProps={getInputProps(field('residentsOnly'), { type: 'checkbox' })}
          />
        </fieldset>
        <fieldset className="stack">
          <legend>{t('service.sections.price')}</legend>
          <Field
            label={label('price')}
            hint={t('service.hints.price')}
            errors={field('price').errors}
            inputProps={{ ...getInputProps(field('price'), { type: 'text' }), inputMode: 'decimal' }}
          />
          {concessionKinds.map((kind) => (
            <Field
              key={kind}
              label={t('service.fields.concession', { who: t(`common:concession.${kind}`) })}
              hint={t('service.hints.concession')}
              errors={field(concessionFieldName(kind)).errors}
              inputProps={{
                ...getInputProps(field(concessionFieldName(kind)), { type: 'text' }),
                inputMode: 'decimal',
              }}
            />
          ))}
        </fieldset>
        <fieldset className="stack">
          <legend>{t('service.sections.booking')}</legend>
          {numbers.appointment.map(numberField)}
          {numbers.booking.map(numberField)}
          <CheckboxField
            label={label('waitlistEnabled')}
            inputProps={getInputProps(field('waitlistEnabled'), { type: 'checkbox' })}
          />
        </fieldset>
        <button type="submit">{mode === 'add' ? t('service.add') : t('service.save')}</button>
      </Form>
    </>
  )
}

/** A saved service as the form's starting values. */
export function serviceFormValues(service: {
  category: string
  bookingMode: string
  nameZh: string
  nameEn: string
  summaryZh: string
  summaryEn: string
  descriptionZh: string
  descriptionEn: string
  whatToBringZh: string
  whatToBringEn: string
  locationZh: string
  locationEn: string
  minAge: number | null
  maxAge: number | null
  residentsOnly: boolean
  priceFen: number
  counters: number | null
  slotMinutes: number | null
  bookingOpensDaysBefore: number
  bookingClosesHoursBefore: number
  cancelCutoffHours: number
  maxActivePerPerson: number
  maxPerDayPerPerson: number | null
  waitlistEnabled: boolean
  concessions: Array<{ kind: string; priceFen: number }>
}): ServiceFormValues {
  const text = (value: number | null) => (value === null ? undefined : String(value))
  return {
    category: service.category,
    bookingMode: service.bookingMode,
    nameZh: service.nameZh,
    nameEn: service.nameEn,
    summaryZh: service.summaryZh,
    summaryEn: service.summaryEn,
    descriptionZh: service.descriptionZh,
    descriptionEn: service.descriptionEn,
    whatToBringZh: service.whatToBringZh,
    whatToBringEn: service.whatToBringEn,
    locationZh: service.locationZh,
    locationEn: service.locationEn,
    minAge: text(service.minAge),
    maxAge: text(service.maxAge),
    residentsOnly: service.residentsOnly ? 'on' : undefined,
    price: String(service.priceFen / 100),
    counters: text(service.counters),
    slotMinutes: text(service.slotMinutes),
    bookingOpensDaysBefore: String(service.bookingOpensDaysBefore),
    bookingClosesHoursBefore: String(service.bookingClosesHoursBefore),
    cancelCutoffHours: String(service.cancelCutoffHours),
    maxActivePerPerson: String(service.maxActivePerPerson),
    maxPerDayPerPerson: text(service.maxPerDayPerPerson),
    waitlistEnabled: service.waitlistEnabled ? 'on' : undefined,
    ...Object.fromEntries(service.concessions.map((c) => [`concession_${c.kind}`, String(c.priceFen / 100)])),
  }
}

/** The starting values of a new service: the house defaults of the schema. */
export const newServiceDefaults: ServiceFormValues = {
  price: '0',
  bookingOpensDaysBefore: '14',
  bookingClosesHoursBefore: '1',
  cancelCutoffHours: '2',
  maxActivePerPerson: '2',
  waitlistEnabled: 'on',
}
