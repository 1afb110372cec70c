import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import type { SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import type * as z from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, Field, TextareaField } from '#app/components/forms.tsx'
import { SlotFill } from '#app/components/slot-fill.tsx'
import type { Language } from '#app/i18n.ts'
import { cancelSlotSchema, editSlotSchema } from '#app/domain/operator-schemas.ts'
import { zonedDate, zonedTime } from '#app/domain/time.ts'
import { cancelSlot, editSlot, getOperatedSlot } from '#app/models/schedule.server.ts'
import { formatDateTimeRange, formatDay, formatTime } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { doneParam, idParam } from '#app/utils/operator-params.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'operator'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const slot = await getOperatedSlot({ centreId: centre.id, slotId: idParam(params.slotId), lang })
  invariantResponse(slot, 'Not found', { status: 404 })
  const t = await i18next.getFixedT(request, 'operator')
  const startsAt = new Date(slot.startsAt)
  const url = new URL(request.url)
  const count = (name: string) => Math.max(0, Math.min(10_000, Number(url.searchParams.get(name)) || 0))
  return {
    title: t('slot.title', { service: slot.serviceName, centre: centre.name }),
    centre: { slug: centre.slug },
    slot,
    started: startsAt <= new Date(),
    values: {
      date: zonedDate(startsAt, slot.timeZone),
      startTime: zonedTime(startsAt, slot.timeZone),
      durationMinutes: String(Math.round((new Date(slot.endsAt).getTime() - startsAt.getTime()) / 60_000)),
      capacity: String(slot.capacity),
      scope: 'one',
    },
    done: doneParam(request, ['saved', 'cancelled'] as const),
    counts: {
      changed: count('changed'),
      moved: count('moved'),
      promoted: count('promoted'),
      notified: count('notified'),
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const slotId = idParam(params.slotId)
  const here = `/operator/centres/${centre.slug}/slots/${slotId}`
  const formData = await readFormData(request)
  const actor = { actorUserId: user.user.id, centreId: centre.id, slotId }
  const refusal = (reason: string) => `operator:schedule.refusal.${reason}`
  if (formData.get('intent') === 'cancel-slot') {
    const submission = parseWithZod(formData, { schema: cancelSlotSchema })
    if (submission.status !== 'success') {
      return data({ form: 'cancel' as const, result: submission.reply(), detail: null }, { status: 400 })
    }
    const outcome = await cancelSlot({ ...actor, reason: submission.value.reason })
    if (!outcome.ok) {
      invariantResponse(outcome.reason !== 'not_found', 'Not found', { status: 404 })
      const reply = submission.reply({ formErrors: [refusal(outcome.reason)] })
      return data({ form: 'cancel' as const, result: reply, detail: null }, { status: 400 })
    }
    return redirect(`${here}?done=cancelled&notified=${outcome.notified}`)
  }
  const submission = parseWithZod(formData, { schema: editSlotSchema })
  if (submission.status !== 'success') {
    return data({ form: 'edit' as const, result: submission.reply(), detail: null }, { status: 400 })
  }
  const { intent: _intent, ...change } = submission.value
  const outcome = await editSlot({ ...actor, ...change })
  if (!outcome.ok) {
    invariantResponse(outcome.reason !== 'not_found', 'Not found', { status: 404 })
    if (outcome.reason === 'below_confirmed') {
      // Say plainly how many are confirmed, and on which slot of the series.
      const slot = await getOperatedSlot({ centreId: centre.id, slotId, lang })
      const reply = submission.reply({ fieldErrors: { capacity: [refusal('below_confirmed')] } })
      const when = outcome.startsAt && slot ? formatMoment(outcome.startsAt, slot.timeZone, lang) : ''
      return data(
        { form: 'edit' as const, result: reply, detail: { confirmed: outcome.confirmed, when } },
        { status: 400 },
      )
    }
    const field = outcome.reason === 'in_past' ? 'date' : ''
    const reply = field
      ? submission.reply({ fieldErrors: { [field]: [refusal(outcome.reason)] } })
      : submission.reply({ formErrors: [refusal(outcome.reason)] })
    return data({ form: 'edit' as const, result: reply, detail: null }, { status: 400 })
  }
  return redirect(`${here}?done=saved&changed=${outcome.changed}&moved=${outcome.moved}&promoted=${outcome.promoted}`)
}

export default function OperatorSlot() {
  const { centre, slot, values, done, counts, started } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('operator')
  const lng = i18n.language as Language
  const when = formatDateTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), slot.timeZone, lng)
  const editable = slot.status === 'scheduled' && !started
  return (
    <>
      <h1>{t('slot.heading', { service: slot.serviceName, when })}</h1>
      <ul className="link-list">
        <li>
          <Link to={`/operator/centres/${centre.slug}/services/${slot.serviceId}/slots`}>
            {t('services.schedule', { service: slot.serviceName })}
          </Link>
        </li>
        <li>
          <Link to={`/operator/centres/${centre.slug}/days/${values.date}`}>{t('slot.day')}</Link>
        </li>
      </ul>
      {done ? (
        <p className="notice notice--success" role="status">
          {done === 'saved'
            ? [
                t('slot.done.saved', { count: counts.changed }),
                counts.moved ? t('slot.done.moved', { count: counts.moved }) : '',
                counts.promoted ? t('slot.done.promoted', { count: counts.promoted }) : '',
              ]
                .filter(Boolean)
                .join(' ')
            : t('slot.done.cancelled', { count: counts.notified })}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('week.when')}</dt>
          <dd>{when}</dd>
        </div>
        {slot.movedFromStartsAt ? (
          <div>
            <dt>{t('slot.movedFrom')}</dt>
            <dd>{formatMoment(new Date(slot.movedFromStartsAt), slot.timeZone, lng)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('week.fill')}</dt>
          <dd>
            {slot.status === 'cancelled' ? (
              <strong>{t('slot.cancelledBecause', { reason: slot.cancelReason ?? '' })}</strong>
            ) : (
              <SlotFill taken={slot.seatsTaken} capacity={slot.capacity} />
            )}
          </dd>
        </div>
        <div>
          <dt>{t('week.waiting')}</dt>
          <dd>{slot.waitlistedCount}</dd>
        </div>
        {slot.seriesId ? (
          <div>
            <dt>{t('slot.series')}</dt>
            <dd>{t('slot.seriesRange', { from: slot.seriesFrom, until: slot.seriesUntil })}</dd>
          </div>
        ) : null}
      </dl>
      {editable ? (
        <>
          <section aria-labelledby="edit-title" className="panel">
            <h2 id="edit-title">{t('slot.edit')}</h2>
            <p className="hint">{t('slot.editLead')}</p>
            <EditSlotForm
              lastResult={actionData?.form === 'edit' ? actionData.result : undefined}
              detail={actionData?.form === 'edit' ? actionData.detail : null}
              values={values}
              inSeries={slot.seriesId !== null}
            />
          </section>
          <section aria-labelledby="cancel-title" className="panel">
            <h2 id="cancel-title">{t('slot.cancel')}</h2>
            <p className="hint">{t('slot.cancelLead', { count: slot.seatsTaken + slot.waitlistedCount })}</p>
            <CancelSlotForm lastResult={actionData?.form === 'cancel' ? actionData.result : undefined} />
          </section>
        </>
      ) : (
        <p className="notice">{slot.status === 'cancelled' ? t('slot.isCancelled') : t('slot.hasStarted')}</p>
      )}
    </>
  )
}

function EditSlotForm({
  lastResult,
  detail,
  values,
  inSeries,
}: {
  lastResult?: SubmissionResult<string[]>
  detail: { confirmed: number | null; when: string } | null
  values: Record<string, string>
  inSeries: boolean
}) {
  const { t } = useTranslation('operator')
  const [form, fields] = useForm<z.input<typeof editSlotSchema>>({
    id: 'edit-slot',
    lastResult,
    constraint: getZodConstraint(editSlotSchema),
    defaultValue: values,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editSlotSchema }),
  })
  const list = [
    ['date', 'date'],
    ['startTime', 'time'],
    ['durationMinutes', 'number'],
    ['capacity', 'number'],
  ] as const
  const scope = fields.scope.initialValue ?? 'one'
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
      {detail ? (
        <p className="notice">
          {detail.when && detail.confirmed !== null
            ? t('slot.belowConfirmedOn', { count: detail.confirmed, when: detail.when })
            : t('slot.belowConfirmed')}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="edit-slot" />
        {inSeries ? (
          <fieldset className="field">
            <legend>{t('slot.fields.scope')}</legend>
            {(['one', 'future'] as const).map((value) => (
              <div key={value} className="field--checkbox">
                <input
                  type="radio"
                  id={`${fields.scope.id}-${value}`}
                  name={fields.scope.name}
                  value={value}
                  defaultChecked={scope === value}
                />
                <label htmlFor={`${fields.scope.id}-${value}`}>{t(`slot.scope.${value}`)}</label>
              </div>
            ))}
          </fieldset>
        ) : (
          <input type="hidden" name="scope" value="one" />
        )}
        {list.map(([name, type]) => (
          <Field
            key={name}
            label={t(`slot.fields.${name}`)}
            hint={
              name === 'date' && inSeries
                ? t('slot.hints.date')
                : name === 'capacity'
                  ? t('slot.hints.capacity')
                  : undefined
            }
            errors={fields[name].errors}
            inputProps={getInputProps(fields[name], { type })}
          />
        ))}
        <button type="submit">{t('slot.save')}</button>
      </Form>
    </>
  )
}

function CancelSlotForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('operator')
  const [form, fields] = useForm<z.input<typeof cancelSlotSchema>>({
    id: 'cancel-slot',
    lastResult,
    constraint: getZodConstraint(cancelSlotSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelSlotSchema }),
  })
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={[{ id: fields.reason.id, label: t('slot.fields.reason'), errors: fields.reason.errors }]}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="cancel-slot" />
        <TextareaField
          label={t('slot.fields.reason')}
          hint={t('slot.hints.reason')}
          errors={fields.reason.errors}
          textareaProps={{ ...getTextareaProps(fields.reason), rows: 2 }}
        />
        <button type="submit" className="button button--warning">
          {t('slot.cancelSubmit')}
        </button>
      </Form>
    </>
  )
}

/** "11月30日周一 09:30" / "Mon, 30 Nov 09:30". */
function formatMoment(instant: Date, timeZone: string, lng: Language) {
  return `${formatDay(zonedDate(instant, timeZone), lng)} ${formatTime(instant, timeZone, lng)}`
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
