import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import type { SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import type * as z from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorList, ErrorSummary, Field, TextareaField } from '#app/components/forms.tsx'
import { SlotFill } from '#app/components/slot-fill.tsx'
import type { Language } from '#app/i18n.ts'
import { addSlotSchema, seriesFields, seriesSchema } from '#app/domain/operator-schemas.ts'
import { addDays, zonedDate } from '#app/domain/time.ts'
import { addSeries, addSlot, listCentreSlots, previewSeries } from '#app/models/schedule.server.ts'
import { getServiceForEditing } from '#app/models/service-admin.server.ts'
import { formatDateTimeRange, formatDay } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { doneParam, idParam } from '#app/utils/operator-params.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'operator'] }

/** How far ahead the schedule page lists slots. */
const LIST_DAYS = 56

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const service = await getServiceForEditing({ centreId: centre.id, serviceId: idParam(params.serviceId) })
  invariantResponse(service, 'Not found', { status: 404 })
  const now = new Date()
  const [slots, t] = await Promise.all([
    listCentreSlots({
      centreId: centre.id,
      serviceId: service.id,
      lang,
      from: now,
      until: new Date(now.getTime() + LIST_DAYS * 86_400_000),
      limit: 300,
    }),
    i18next.getFixedT(request, 'operator'),
  ])
  const name = lang === 'en' ? service.nameEn : service.nameZh
  const url = new URL(request.url)
  const created = Number(url.searchParams.get('created'))
  return {
    title: t('schedule.title', { service: name, centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name },
    service: { id: service.id, name, status: service.status },
    today: zonedDate(now, centre.timeZone),
    defaults: {
      durationMinutes: String(service.slotMinutes ?? 60),
      capacity: service.counters ? String(service.counters) : '',
    },
    slots,
    done: doneParam(request, ['slot-added', 'series-added'] as const),
    created: Number.isInteger(created) && created > 0 ? created : 0,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

type Preview = {
  occurrences: Array<{ date: string; startsAt: string; endsAt: string }>
  skipped: Array<{ date: string; why: 'asked' | 'closed' | 'past'; reason?: string }>
  timeZone: string
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, centre } = await requireOperatedCentre(request, params.centreSlug)
  const serviceId = idParam(params.serviceId)
  const here = `/operator/centres/${centre.slug}/services/${serviceId}/slots`
  const formData = await readFormData(request)
  const actor = { actorUserId: user.user.id, centreId: centre.id, serviceId }
  if (formData.get('intent') === 'add-slot') {
    const submission = parseWithZod(formData, { schema: addSlotSchema })
    if (submission.status !== 'success') {
      return data({ form: 'slot' as const, result: submission.reply(), preview: null }, { status: 400 })
    }
    const { intent: _intent, ...slot } = submission.value
    const outcome = await addSlot({ ...actor, ...slot })
    if (!outcome.ok) {
      invariantResponse(outcome.reason !== 'not_found', 'Not found', { status: 404 })
      const reply = submission.reply({ fieldErrors: { date: [`operator:schedule.refusal.${outcome.reason}`] } })
      return data({ form: 'slot' as const, result: reply, preview: null }, { status: 400 })
    }
    return redirect(`${here}?done=slot-added`)
  }
  const submission = parseWithZod(formData, { schema: seriesSchema })
  if (submission.status !== 'success') {
    return data({ form: 'series' as const, result: submission.reply(), preview: null }, { status: 400 })
  }
  const { intent, capacity, ...pattern } = submission.value
  if (intent === 'preview-series') {
    const preview = await previewSeries({ centreId: centre.id, serviceId, pattern })
    invariantResponse(preview, 'Not found', { status: 404 })
    return data({ form: 'series' as const, result: submission.reply(), preview: preview as unknown as Preview })
  }
  const outcome = await addSeries({ ...actor, pattern, capacity })
  if (!outcome.ok) {
    invariantResponse(outcome.reason !== 'not_found', 'Not found', { status: 404 })
    const reply = submission.reply({ formErrors: [`operator:schedule.refusal.${outcome.reason}`] })
    return data({ form: 'series' as const, result: reply, preview: null }, { status: 400 })
  }
  return redirect(`${here}?done=series-added&created=${outcome.created}`)
}

export default function ServiceSchedule() {
  const { centre, service, slots, done, created, defaults, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('operator')
  const lng = i18n.language as Language
  return (
    <>
      <h1>{t('schedule.heading', { service: service.name })}</h1>
      <ul className="link-list">
        <li>
          <Link to={`/operator/centres/${centre.slug}/services`}>{t('service.back')}</Link>
        </li>
        <li>
          <Link to={`/operator/centres/${centre.slug}/services/${service.id}`}>
            {t('services.edit', { service: service.name })}
          </Link>
        </li>
      </ul>
      {service.status !== 'active' ? <p className="notice">{t('schedule.paused')}</p> : null}
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`schedule.done.${done}`, { count: created })}
        </p>
      ) : null}

      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t('schedule.upcoming', { count: LIST_DAYS })}</h2>
        {slots.length === 0 ? (
          <p className="empty">{t('schedule.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('schedule.upcoming', { count: LIST_DAYS })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('week.when')}</th>
                  <th scope="col">{t('week.fill')}</th>
                  <th scope="col">{t('week.waiting')}</th>
                  <th scope="col">{t('week.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {slots.map((slot) => {
                  const when = formatDateTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), slot.timeZone, lng)
                  return (
                    <tr key={slot.id}>
                      <th scope="row">
                        {when}
                        {slot.seriesId ? <span className="tag">{t('schedule.inSeries')}</span> : null}
                      </th>
                      <td>
                        {slot.status === 'cancelled' ? (
                          <strong>{t('week.cancelled')}</strong>
                        ) : (
                          <SlotFill taken={slot.seatsTaken} capacity={slot.capacity} />
                        )}
                      </td>
                      <td>{slot.waitlistedCount}</td>
                      <td>
                        <Link to={`/operator/centres/${centre.slug}/slots/${slot.id}`}>
                          {t('week.manage', { when })}
                        </Link>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="add-slot-title" className="panel">
        <h2 id="add-slot-title">{t('schedule.addSlot')}</h2>
        <AddSlotForm
          lastResult={actionData?.form === 'slot' ? actionData.result : undefined}
          defaults={{ ...defaults, date: today }}
        />
      </section>

      <section aria-labelledby="add-series-title" className="panel">
        <h2 id="add-series-title">{t('schedule.addSeries')}</h2>
        <p className="hint">{t('schedule.seriesLead')}</p>
        <SeriesForm
          lastResult={actionData?.form === 'series' ? actionData.result : undefined}
          preview={actionData?.form === 'series' ? actionData.preview : null}
          defaults={{ ...defaults, fromDate: today, untilDate: addDays(today, 27) }}
        />
      </section>
    </>
  )
}

function AddSlotForm({
  lastResult,
  defaults,
}: {
  lastResult?: SubmissionResult<string[]>
  defaults: Record<string, string>
}) {
  const { t } = useTranslation('operator')
  const [form, fields] = useForm<z.input<typeof addSlotSchema>>({
    id: 'add-slot',
    lastResult,
    constraint: getZodConstraint(addSlotSchema),
    defaultValue: defaults,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addSlotSchema }),
  })
  const list = [
    ['date', 'date'],
    ['startTime', 'time'],
    ['durationMinutes', 'number'],
    ['capacity', 'number'],
  ] as const
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={list.map(([name]) => ({
          id: fields[name].id,
          label: t(`slot.fields.${name}`),
          errors: fields[name].errors,
        }))}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="add-slot" />
        {list.map(([name, type]) => (
          <Field
            key={name}
            label={t(`slot.fields.${name}`)}
            errors={fields[name].errors}
            inputProps={getInputProps(fields[name], { type })}
          />
        ))}
        <button type="submit">{t('schedule.addSlotSubmit')}</button>
      </Form>
    </>
  )
}

function SeriesForm({
  lastResult,
  preview,
  defaults,
}: {
  lastResult?: SubmissionResult<string[]>
  preview: Preview | null
  defaults: Record<string, string>
}) {
  const { t, i18n } = useTranslation('operator')
  const lng = i18n.language as Language
  const [form, fields] = useForm<z.input<typeof seriesSchema>, z.output<typeof seriesSchema>>({
    id: 'add-series',
    lastResult,
    constraint: getZodConstraint(seriesFields),
    defaultValue: defaults,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: seriesSchema }),
  })
  const chosen = new Set([fields.weekdays.initialValue ?? []].flat().map(String))
  const list = [
    ['startTime', 'time'],
    ['durationMinutes', 'number'],
    ['fromDate', 'date'],
    ['untilDate', 'date'],
    ['capacity', 'number'],
  ] as const
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          { id: `${fields.weekdays.id}-1`, label: t('series.fields.weekdays'), errors: fields.weekdays.errors },
          ...list.map(([name]) => ({
            id: fields[name].id,
            label: t(`series.fields.${name}`),
            errors: fields[name].errors,
          })),
          { id: fields.skipDates.id, label: t('series.fields.skipDates'), errors: fields.skipDates.errors },
        ]}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <fieldset className={fields.weekdays.errors ? 'field field--error' : 'field'}>
          <legend>{t('series.fields.weekdays')}</legend>
          <ErrorList id={`${fields.weekdays.id}-error`} errors={fields.weekdays.errors} />
          <div className="choice-row">
            {[1, 2, 3, 4, 5, 6, 7].map((weekday) => (
              <div key={weekday} className="field--checkbox">
                <input
                  type="checkbox"
                  id={`${fields.weekdays.id}-${weekday}`}
                  name={fields.weekdays.name}
                  value={weekday}
                  defaultChecked={chosen.has(String(weekday))}
                />
                <label htmlFor={`${fields.weekdays.id}-${weekday}`}>{t(`common:weekday.${weekday}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {list.map(([name, type]) => (
          <Field
            key={name}
            label={t(`series.fields.${name}`)}
            errors={fields[name].errors}
            inputProps={getInputProps(fields[name], { type })}
          />
        ))}
        <TextareaField
          label={t('series.fields.skipDates')}
          hint={t('series.hints.skipDates')}
          errors={fields.skipDates.errors}
          textareaProps={{ ...getTextareaProps(fields.skipDates), rows: 2 }}
        />
        <p className="hint">{t('series.hints.holidays')}</p>
        {preview ? (
          <section aria-labelledby="preview-title" className="preview" tabIndex={-1}>
            <h3 id="preview-title" role="status">
              {t('series.previewHeading', { count: preview.occurrences.length })}
            </h3>
            {preview.occurrences.length > 0 ? (
              <ol className="preview-list">
                {preview.occurrences.map((occurrence) => (
                  <li key={occurrence.date}>
                    {formatDateTimeRange(
                      new Date(occurrence.startsAt),
                      new Date(occurrence.endsAt),
                      preview.timeZone,
                      lng,
                    )}
                  </li>
                ))}
              </ol>
            ) : null}
            {preview.skipped.length > 0 ? (
              <>
                <h4>{t('series.skippedHeading', { count: preview.skipped.length })}</h4>
                <ul>
                  {preview.skipped.map((skip) => (
                    <li key={skip.date}>
                      {t(`series.skipped.${skip.why}`, { date: formatDay(skip.date, lng) })}
                      {skip.reason ? ` (${skip.reason})` : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        ) : null}
        <div className="button-row">
          <button type="submit" name="intent" value="preview-series" className="button button--secondary">
            {t('series.preview')}
          </button>
          <button type="submit" name="intent" value="add-series">
            {t('series.create')}
          </button>
        </div>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
