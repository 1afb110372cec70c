import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import type { SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import type * as z from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { CheckboxField, contentLang, ErrorList, ErrorSummary, Field, TextareaField } from '#app/components/forms.tsx'
import type { Language } from '#app/i18n.ts'
import {
  OPENING_PERIODS_PER_DAY,
  openingExceptionSchema,
  openingFieldName,
  openingHoursSchema,
  operatorCentreSchema,
  removeExceptionSchema,
} from '#app/domain/operator-schemas.ts'
import { zonedDate } from '#app/domain/time.ts'
import {
  getCentreDetails,
  getOpeningHoursForEditing,
  removeOpeningException,
  replaceOpeningHours,
  saveOpeningException,
  updateCentre,
} from '#app/models/place.server.ts'
import { formatClock, formatDay } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { doneParam } from '#app/utils/operator-params.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'operator'] }

const DONE = ['details', 'hours', 'exception-saved', 'exception-removed'] as const

// The centre's own details, its regular week and its dated exceptions (holidays, special hours).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre } = await requireOperatedCentre(request, params.centreSlug)
  const today = zonedDate(new Date(), centre.timeZone)
  const [details, opening, t] = await Promise.all([
    getCentreDetails({ id: centre.id }),
    getOpeningHoursForEditing({ centreId: centre.id, from: today }),
    i18next.getFixedT(request, 'operator'),
  ])
  invariantResponse(details, 'Not found', { status: 404 })
  const hourValues: Record<string, string> = {}
  for (let weekday = 1; weekday <= 7; weekday++) {
    opening.hours
      .filter((hour) => hour.weekday === weekday)
      .slice(0, OPENING_PERIODS_PER_DAY)
      .forEach((hour, period) => {
        hourValues[openingFieldName(weekday, period, 'opens')] = formatClock(hour.opensAt)
        hourValues[openingFieldName(weekday, period, 'closes')] = formatClock(hour.closesAt)
      })
  }
  return {
    title: t('details.title', { centre: centre.name }),
    centre: { name: centre.name },
    details,
    hourValues,
    exceptions: opening.exceptions,
    done: doneParam(request, DONE),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, centre } = await requireOperatedCentre(request, params.centreSlug)
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  const actor = { actorUserId: user.user.id, centreId: centre.id }
  const done = (what: (typeof DONE)[number]) => redirect(`/operator/centres/${centre.slug}/details?done=${what}`)
  if (intent === 'details') {
    const submission = parseWithZod(formData, { schema: operatorCentreSchema })
    if (submission.status !== 'success') return data({ form: 'details', result: submission.reply() }, { status: 400 })
    const { intent: _intent, ...details } = submission.value
    await updateCentre({ actorUserId: user.user.id, id: centre.id, centre: details })
    return done('details')
  }
  if (intent === 'hours') {
    const submission = parseWithZod(formData, { schema: openingHoursSchema })
    if (submission.status !== 'success') return data({ form: 'hours', result: submission.reply() }, { status: 400 })
    await replaceOpeningHours({ ...actor, hours: submission.value })
    return done('hours')
  }
  if (intent === 'add-exception') {
    const submission = parseWithZod(formData, { schema: openingExceptionSchema })
    if (submission.status !== 'success') {
      return data({ form: 'exception', result: submission.reply() }, { status: 400 })
    }
    const { intent: _intent, ...exception } = submission.value
    await saveOpeningException({ ...actor, exception })
    return done('exception-saved')
  }
  const submission = parseWithZod(formData, { schema: removeExceptionSchema })
  if (submission.status !== 'success') return data({ form: 'remove', result: submission.reply() }, { status: 400 })
  const removed = await removeOpeningException({ ...actor, exceptionId: submission.value.exceptionId })
  invariantResponse(removed, 'Not found', { status: 404 })
  return done('exception-removed')
}

export default function CentreDetails() {
  const { centre, details, hourValues, exceptions, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('operator')
  const lng = i18n.language as Language
  const resultFor = (form: string) => (actionData?.form === form ? actionData.result : undefined)
  return (
    <>
      <h1>{t('details.heading', { centre: centre.name })}</h1>
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`details.done.${done}`)}
        </p>
      ) : null}
      <section aria-labelledby="details-title" className="panel">
        <h2 id="details-title">{t('details.about')}</h2>
        <DetailsForm lastResult={resultFor('details')} defaultValue={details} />
      </section>
      <section aria-labelledby="hours-title" className="panel">
        <h2 id="hours-title">{t('details.hours')}</h2>
        <p className="hint">{t('details.hoursLead')}</p>
        <HoursForm lastResult={resultFor('hours')} defaultValue={hourValues} />
      </section>
      <section aria-labelledby="exceptions-title" className="panel">
        <h2 id="exceptions-title">{t('details.exceptions')}</h2>
        {actionData?.form === 'remove' ? <ErrorList errors={['form.invalid']} /> : null}
        {exceptions.length === 0 ? (
          <p className="empty">{t('details.noExceptions')}</p>
        ) : (
          <ul className="card-list">
            {exceptions.map((exception) => {
              const day = formatDay(exception.date, lng)
              return (
                <li key={exception.id} className="card">
                  <p>
                    <strong>{day}</strong>{' '}
                    {exception.closed
                      ? t('details.closedAllDay')
                      : t('details.specialHours', {
                          opens: formatClock(exception.opensAt ?? ''),
                          closes: formatClock(exception.closesAt ?? ''),
                        })}
                    <ExceptionReason reasonZh={exception.reasonZh} reasonEn={exception.reasonEn} lng={lng} />
                  </p>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-exception" />
                    <input type="hidden" name="exceptionId" value={exception.id} />
                    <button type="submit" className="button button--secondary">
                      {t('details.removeException', { day })}
                    </button>
                  </Form>
                </li>
              )
            })}
          </ul>
        )}
        <h3>{t('details.addException')}</h3>
        <ExceptionForm lastResult={resultFor('exception')} />
      </section>
    </>
  )
}

function DetailsForm({
  lastResult,
  defaultValue,
}: {
  lastResult?: SubmissionResult<string[]>
  defaultValue: Record<string, string>
}) {
  const { t } = useTranslation('operator')
  const [form, fields] = useForm<z.input<typeof operatorCentreSchema>>({
    id: 'centre-details',
    lastResult,
    constraint: getZodConstraint(operatorCentreSchema),
    defaultValue,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: operatorCentreSchema }),
  })
  const inputs = ['nameZh', 'nameEn', 'addressZh', 'addressEn', 'phone'] as const
  const areas = ['descriptionZh', 'descriptionEn'] as const
  const label = (name: string) => t(`details.fields.${name}`)
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={[...inputs, ...areas].map((name) => ({
          id: fields[name].id,
          label: label(name),
          errors: fields[name].errors,
        }))}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="details" />
        {inputs.map((name) => (
          <Field
            key={name}
            label={label(name)}
            errors={fields[name].errors}
            inputProps={{
              ...getInputProps(fields[name], { type: name === 'phone' ? 'tel' : 'text' }),
              lang: contentLang(name),
              autoComplete: 'off',
            }}
          />
        ))}
        {areas.map((name) => (
          <TextareaField
            key={name}
            label={label(name)}
            errors={fields[name].errors}
            textareaProps={{ ...getTextareaProps(fields[name]), lang: contentLang(name) }}
          />
        ))}
        <button type="submit">{t('details.saveDetails')}</button>
      </Form>
    </>
  )
}

function HoursForm({
  lastResult,
  defaultValue,
}: {
  lastResult?: SubmissionResult<string[]>
  defaultValue: Record<string, string>
}) {
  const { t } = useTranslation('operator')
  const [form, fields] = useForm<Record<string, string>>({
    id: 'opening-hours',
    lastResult,
    defaultValue,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openingHoursSchema }) as never,
  })
  const periods = Array.from({ length: OPENING_PERIODS_PER_DAY }, (_, period) => period)
  return (
    <>
      <ErrorSummary formErrors={form.errors} fields={[]} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="hours" />
        <div className="table-scroll">
          <table className="data-table hours-form">
            <caption className="visually-hidden">{t('details.hours')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('details.weekday')}</th>
                {periods.map((period) => (
                  <th key={period} scope="col">
                    {t('details.period', { n: period + 1 })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[1, 2, 3, 4, 5, 6, 7].map((weekday) => (
                <tr key={weekday}>
                  <th scope="row">{t(`common:weekday.${weekday}`)}</th>
                  {periods.map((period) => {
                    const opens = fields[openingFieldName(weekday, period, 'opens')]!
                    const closes = fields[openingFieldName(weekday, period, 'closes')]!
                    const day = t(`common:weekday.${weekday}`)
                    return (
                      <td key={period}>
                        <ErrorList id={`${closes.id}-error`} errors={closes.errors} />
                        <label htmlFor={opens.id} className="visually-hidden">
                          {t('details.opensLabel', { day, n: period + 1 })}
                        </label>
                        <input
                          {...getInputProps(opens, { type: 'time' })}
                          aria-invalid={closes.errors ? true : undefined}
                        />
                        {' – '}
                        <label htmlFor={closes.id} className="visually-hidden">
                          {t('details.closesLabel', { day, n: period + 1 })}
                        </label>
                        <input
                          {...getInputProps(closes, { type: 'time' })}
                          aria-invalid={closes.errors ? true : undefined}
                          aria-describedby={closes.errors ? `${closes.id}-error` : undefined}
                        />
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">{t('details.hoursHint')}</p>
        <button type="submit">{t('details.saveHours')}</button>
      </Form>
    </>
  )
}

function ExceptionForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('operator')
  const [form, fields] = useForm<z.input<typeof openingExceptionSchema>>({
    id: 'opening-exception',
    lastResult,
    constraint: getZodConstraint(openingExceptionSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openingExceptionSchema }),
  })
  const list = [
    ['date', 'date'],
    ['opensAt', 'time'],
    ['closesAt', 'time'],
    ['reasonZh', 'text'],
    ['reasonEn', 'text'],
  ] as const
  const label = (name: string) => t(`details.exceptionFields.${name}`)
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={list.map(([name]) => ({ id: fields[name].id, label: label(name), errors: fields[name].errors }))}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="add-exception" />
        <Field
          label={label('date')}
          errors={fields.date.errors}
          inputProps={getInputProps(fields.date, { type: 'date' })}
        />
        <CheckboxField label={label('closed')} inputProps={getInputProps(fields.closed, { type: 'checkbox' })} />
        {list.slice(1).map(([name, type]) => (
          <Field
            key={name}
            label={label(name)}
            hint={name === 'opensAt' ? t('details.exceptionHint') : undefined}
            errors={fields[name].errors}
            inputProps={getInputProps(fields[name], { type })}
          />
        ))}
        <button type="submit">{t('details.saveException')}</button>
      </Form>
    </>
  )
}

/** A holiday's reason in the reader's language, else in the other one, marked as such. */
function ExceptionReason({
  reasonZh,
  reasonEn,
  lng,
}: {
  reasonZh: string | null
  reasonEn: string | null
  lng: string
}) {
  const ours = lng === 'en' ? reasonEn : reasonZh
  const other = lng === 'en' ? reasonZh : reasonEn
  if (ours) return <> — {ours}</>
  if (other)
    return (
      <>
        {' '}
        — <span lang={lng === 'en' ? 'zh-CN' : 'en'}>{other}</span>
      </>
    )
  return null
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
