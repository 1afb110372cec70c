import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import type * as z from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, TextareaField } from '#app/components/forms.tsx'
import { SlotFill } from '#app/components/slot-fill.tsx'
import type { Language } from '#app/i18n.ts'
import { cancelDaySchema, dateField } from '#app/domain/operator-schemas.ts'
import { mondayOf } from '#app/domain/slot-series.ts'
import { addDays, zonedDateTime } from '#app/domain/time.ts'
import { cancelDay, listCentreSlots } from '#app/models/schedule.server.ts'
import { formatDay, formatTime } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { doneParam } from '#app/utils/operator-params.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'operator'] }

function dateParam(value: string | undefined) {
  const parsed = dateField.safeParse(value)
  invariantResponse(parsed.success, 'Not found', { status: 404 })
  return parsed.data
}

// One day at the centre: every slot, and cancelling the whole day (a burst pipe, a power cut).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const date = dateParam(params.date)
  const [slots, t] = await Promise.all([
    listCentreSlots({
      centreId: centre.id,
      lang,
      from: zonedDateTime(date, '00:00', centre.timeZone),
      until: zonedDateTime(addDays(date, 1), '00:00', centre.timeZone),
    }),
    i18next.getFixedT(request, 'operator'),
  ])
  const url = new URL(request.url)
  return {
    title: t('day.title', { date, centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name },
    date,
    slots,
    upcoming: slots.filter((slot) => slot.status === 'scheduled' && new Date(slot.startsAt) > new Date()).length,
    done: doneParam(request, ['cancelled'] as const),
    notified: Math.max(0, Math.min(100_000, Number(url.searchParams.get('notified')) || 0)),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, centre } = await requireOperatedCentre(request, params.centreSlug)
  const date = dateParam(params.date)
  const submission = parseWithZod(await readFormData(request), { schema: cancelDaySchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const outcome = await cancelDay({
    actorUserId: user.user.id,
    centreId: centre.id,
    date,
    reason: submission.value.reason,
  })
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ formErrors: [`operator:schedule.refusal.${outcome.reason}`] }) },
      { status: 400 },
    )
  }
  return redirect(`/operator/centres/${centre.slug}/days/${date}?done=cancelled&notified=${outcome.notified}`)
}

export default function OperatorDay() {
  const { centre, date, slots, upcoming, done, notified } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('operator')
  const lng = i18n.language as Language
  const day = formatDay(date, lng)
  const [form, fields] = useForm<z.input<typeof cancelDaySchema>>({
    id: 'cancel-day',
    lastResult: actionData?.result,
    constraint: getZodConstraint(cancelDaySchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelDaySchema }),
  })
  return (
    <>
      <h1>{t('day.heading', { day })}</h1>
      <p>
        <Link to={`/operator/centres/${centre.slug}?week=${mondayOf(date)}`}>{t('day.backToWeek')}</Link>
      </p>
      {done ? (
        <p className="notice notice--success" role="status">
          {t('day.done', { count: notified })}
        </p>
      ) : null}
      {slots.length === 0 ? (
        <p className="empty">{t('week.empty')}</p>
      ) : (
        <ul className="week-slots">
          {slots.map((slot) => (
            <li key={slot.id} className={slot.status === 'cancelled' ? 'week-slot week-slot--cancelled' : 'week-slot'}>
              <Link to={`/operator/centres/${centre.slug}/slots/${slot.id}`}>
                {formatTime(new Date(slot.startsAt), slot.timeZone, lng)}–
                {formatTime(new Date(slot.endsAt), slot.timeZone, lng)} {slot.serviceName}
              </Link>
              {slot.status === 'cancelled' ? (
                <strong>{t('week.cancelled')}</strong>
              ) : (
                <SlotFill taken={slot.seatsTaken} capacity={slot.capacity} />
              )}
              {slot.waitlistedCount > 0 ? <span>{t('week.waitingCount', { count: slot.waitlistedCount })}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {upcoming > 0 ? (
        <section aria-labelledby="cancel-day-title" className="panel">
          <h2 id="cancel-day-title">{t('day.cancel', { day })}</h2>
          <p className="hint">{t('day.cancelLead', { count: upcoming })}</p>
          <ErrorSummary
            formErrors={form.errors}
            fields={[{ id: fields.reason.id, label: t('slot.fields.reason'), errors: fields.reason.errors }]}
          />
          <Form method="post" {...getFormProps(form)} className="stack">
            <input type="hidden" name="intent" value="cancel-day" />
            <TextareaField
              label={t('slot.fields.reason')}
              hint={t('slot.hints.reason')}
              errors={fields.reason.errors}
              textareaProps={{ ...getTextareaProps(fields.reason), rows: 2 }}
            />
            <button type="submit" className="button button--warning">
              {t('day.cancelSubmit', { count: upcoming })}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
