import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { ReferenceScanner } from '#app/components/reference-scanner.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, Field } from '#app/components/forms.tsx'
import type { Language } from '#app/i18n.ts'
import { checkInSchema, parseDay } from '#app/domain/desk-schemas.ts'
import { addDays, zonedDate } from '#app/domain/time.ts'
import { changeAttendance, findDeskBooking, listDeskSlots } from '#app/models/desk.server.ts'
import { formatDay, formatTime } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { isBookingReference } from '#app/domain/reference-format.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'desk'] }

// The front desk: check in by reference (typed or scanned), and the day's slots with their rosters.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const url = new URL(request.url)
  const today = zonedDate(new Date(), centre.timeZone)
  const day = parseDay(url.searchParams.get('date')) ?? today
  const checkedIn = url.searchParams.get('checkedIn')
  const [slots, booking, t] = await Promise.all([
    listDeskSlots({ centreId: centre.id, date: day, timeZone: centre.timeZone, lang }),
    isBookingReference(checkedIn) ? findDeskBooking({ centreId: centre.id, reference: checkedIn }) : null,
    i18next.getFixedT(request, 'desk'),
  ])
  return {
    title: t('desk.title', { centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name, timeZone: centre.timeZone },
    day,
    today,
    previous: addDays(day, -1),
    next: addDays(day, 1),
    slots,
    checkedIn:
      booking?.status === 'attended'
        ? { reference: booking.reference, attendeeName: booking.attendeeName, slotId: booking.slotId }
        : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const {
    user: { user },
    centre,
  } = await requireOperatedCentre(request, params.centreSlug)
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: checkInSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const outcome = await changeAttendance({
    centreId: centre.id,
    reference: submission.value.reference,
    change: 'check_in',
    actorUserId: user.id,
  })
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ fieldErrors: { reference: [`desk:errors.${outcome.reason}`] } }) },
      { status: 400 },
    )
  }
  const url = new URL(request.url)
  const day = parseDay(url.searchParams.get('date'))
  return redirect(
    `/operator/centres/${centre.slug}/desk?${new URLSearchParams({ ...(day ? { date: day } : {}), checkedIn: outcome.reference })}`,
  )
}

export default function FrontDesk() {
  const { centre, day, today, previous, next, slots, checkedIn } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('desk')
  const lng = i18n.language as Language
  const base = `/operator/centres/${centre.slug}`
  const [form, fields] = useForm({
    id: 'check-in',
    lastResult: actionData?.result,
    constraint: getZodConstraint(checkInSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkInSchema }),
  })
  return (
    <>
      <h1>{t('desk.heading', { centre: centre.name })}</h1>
      {checkedIn ? (
        <p className="notice notice--success" role="status">
          {t('desk.checkedIn', { name: checkedIn.attendeeName, reference: checkedIn.reference })}{' '}
          <Link to={`${base}/desk/slots/${checkedIn.slotId}`}>{t('desk.openRoster')}</Link>
        </p>
      ) : null}
      <section aria-labelledby="check-in-title" className="panel desk-check-in">
        <h2 id="check-in-title">{t('desk.checkInTitle')}</h2>
        <ErrorSummary
          formErrors={form.errors}
          fields={[{ id: fields.reference.id, label: t('desk.reference'), errors: fields.reference.errors }]}
        />
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="check_in" />
          <Field
            label={t('desk.reference')}
            hint={t('desk.referenceHint')}
            errors={fields.reference.errors}
            className="field--large"
            inputProps={{
              ...getInputProps(fields.reference, { type: 'text' }),
              autoComplete: 'off',
              autoCapitalize: 'characters',
              spellCheck: false,
            }}
          />
          <div className="button-row">
            <button type="submit" className="button button--large">
              {t('desk.checkIn')}
            </button>
            <ReferenceScanner formId={form.id} inputId={fields.reference.id} />
          </div>
        </Form>
      </section>

      <section aria-labelledby="day-title">
        <h2 id="day-title">{day === today ? t('desk.today', { day: formatDay(day, lng) }) : formatDay(day, lng)}</h2>
        <nav aria-label={t('desk.dayNav')} className="button-row">
          <Link className="button button--secondary" to={`${base}/desk?date=${previous}`}>
            {t('desk.previousDay')}
          </Link>
          {day !== today ? (
            <Link className="button button--secondary" to={`${base}/desk`}>
              {t('desk.backToToday')}
            </Link>
          ) : null}
          <Link className="button button--secondary" to={`${base}/desk?date=${next}`}>
            {t('desk.nextDay')}
          </Link>
        </nav>
        {slots.length === 0 ? (
          <p className="empty">{t('desk.noSlots')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('desk.slotsCaption', { day: formatDay(day, lng) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('desk.time')}</th>
                  <th scope="col">{t('desk.service')}</th>
                  <th scope="col">{t('desk.booked')}</th>
                  <th scope="col">{t('desk.arrived')}</th>
                  <th scope="col">{t('desk.waiting')}</th>
                  <th scope="col">{t('desk.roster')}</th>
                </tr>
              </thead>
              <tbody>
                {slots.map((slot) => (
                  <tr key={slot.id}>
                    <td>
                      {formatTime(new Date(slot.startsAt), centre.timeZone, lng)}–
                      {formatTime(new Date(slot.endsAt), centre.timeZone, lng)}
                    </td>
                    <th scope="row">
                      {slot.serviceName}
                      {slot.status === 'cancelled' ? <span className="badge">{t('desk.slotCancelled')}</span> : null}
                    </th>
                    <td>{t('desk.bookedOf', { booked: slot.seatsTaken, capacity: slot.capacity })}</td>
                    <td>{slot.attended}</td>
                    <td>{slot.waitlistedCount}</td>
                    <td>
                      <Link className="button button--secondary" to={`${base}/desk/slots/${slot.id}`}>
                        {t('desk.openRosterFor', {
                          service: slot.serviceName,
                          time: formatTime(new Date(slot.startsAt), centre.timeZone, lng),
                        })}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="more-title" className="panel">
        <h2 id="more-title">{t('desk.more')}</h2>
        <p>
          <Link className="button" to={`${base}/desk/assist`}>
            {t('desk.assistLink')}
          </Link>
        </p>
        <Form method="get" action={`${base}/export/bookings.csv`} reloadDocument className="stack">
          <fieldset>
            <legend>{t('desk.exportTitle')}</legend>
            <div className="field">
              <label htmlFor="export-from">{t('desk.exportFrom')}</label>
              <input id="export-from" name="from" type="date" defaultValue={addDays(day, -6)} required />
            </div>
            <div className="field">
              <label htmlFor="export-until">{t('desk.exportUntil')}</label>
              <input id="export-until" name="until" type="date" defaultValue={day} required />
            </div>
            <button type="submit" className="button button--secondary">
              {t('desk.exportSubmit')}
            </button>
          </fieldset>
        </Form>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
