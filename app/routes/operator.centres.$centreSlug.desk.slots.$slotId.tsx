import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import type { Language } from '#app/i18n.ts'
import { attendanceSchema } from '#app/domain/desk-schemas.ts'
import { zonedDate } from '#app/domain/time.ts'
import { changeAttendance, getDeskSlot, getRoster } from '#app/models/desk.server.ts'
import { formatDateTimeRange, formatTime } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { isBookingReference } from '#app/domain/reference-format.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'desk'] }

const DONE = ['check_in', 'no_show', 'undo'] as const

function slotIdOf(param: string | undefined) {
  const slotId = Number(param)
  invariantResponse(/^\d{1,9}$/.test(param ?? '') && slotId > 0, 'Not found', { status: 404 })
  return slotId
}

// One slot's roster: who holds a place, who waits, and the marks the desk makes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const slotId = slotIdOf(params.slotId)
  const slot = await getDeskSlot({ centreId: centre.id, slotId, lang })
  invariantResponse(slot, 'Not found', { status: 404 })
  const [roster, t] = await Promise.all([
    getRoster({ centreId: centre.id, slotId }),
    i18next.getFixedT(request, 'desk'),
  ])
  const url = new URL(request.url)
  const done = url.searchParams.get('done')
  const reference = url.searchParams.get('reference')
  return {
    title: t('roster.title', { service: slot.serviceName, centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name, timeZone: centre.timeZone },
    day: zonedDate(slot.startsAt, centre.timeZone),
    slot,
    started: slot.startsAt.getTime() <= Date.now(),
    roster,
    done:
      DONE.includes(done as (typeof DONE)[number]) && isBookingReference(reference)
        ? { change: done as (typeof DONE)[number], reference }
        : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const {
    user: { user },
    centre,
  } = await requireOperatedCentre(request, params.centreSlug)
  const slotId = slotIdOf(params.slotId)
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: attendanceSchema })
  if (submission.status !== 'success') {
    return data({ error: 'desk:errors.referenceInvalid', reference: null }, { status: 400 })
  }
  const { intent, reference } = submission.value
  const outcome = await changeAttendance({
    centreId: centre.id,
    slotId,
    reference,
    change: intent,
    actorUserId: user.id,
  })
  if (!outcome.ok) return data({ error: `desk:errors.${outcome.reason}`, reference }, { status: 400 })
  return redirect(`/operator/centres/${centre.slug}/desk/slots/${slotId}?done=${intent}&reference=${reference}`)
}

export default function Roster() {
  const { centre, day, slot, started, roster, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('desk')
  const lng = i18n.language as Language
  const base = `/operator/centres/${centre.slug}`
  const when = formatDateTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), centre.timeZone, lng)
  return (
    <>
      <p>
        <Link to={`${base}/desk?date=${day}`}>{t('roster.backToDesk')}</Link>
      </p>
      <h1>
        {slot.serviceName} <span className="muted">{when}</span>
      </h1>
      {slot.status === 'cancelled' ? <p className="notice">{t('roster.cancelled')}</p> : null}
      <p>
        {t('desk.bookedOf', { booked: slot.seatsTaken, capacity: slot.capacity })}
        {slot.location ? ` · ${slot.location}` : ''}
      </p>
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`roster.done.${done.change}`, { reference: done.reference })}
        </p>
      ) : null}
      {actionData?.error ? (
        <div className="error-summary" role="alert" aria-labelledby="roster-error-title" tabIndex={-1}>
          <h2 id="roster-error-title">{t('form.problem', { ns: 'common' })}</h2>
          <p>
            {actionData.reference ? `${actionData.reference}: ` : ''}
            {t(actionData.error)}
          </p>
        </div>
      ) : null}
      <p className="button-row">
        <Link className="button button--secondary" to={`${base}/desk/assist?slot=${slot.id}`}>
          {t('roster.assist')}
        </Link>
        <a className="button button--secondary" href={`${base}/export/slots/${slot.id}.csv`} download>
          {t('roster.export')}
        </a>
      </p>

      <section aria-labelledby="places-title">
        <h2 id="places-title">{t('roster.places', { count: roster.places.length })}</h2>
        {roster.places.length === 0 ? (
          <p className="empty">{t('roster.noPlaces')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table roster">
              <caption className="visually-hidden">
                {t('roster.placesCaption', { service: slot.serviceName, when })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('roster.attendee')}</th>
                  <th scope="col">{t('roster.phone')}</th>
                  <th scope="col">{t('roster.reference')}</th>
                  <th scope="col">{t('roster.status')}</th>
                  <th scope="col">{t('roster.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {roster.places.map((booking) => (
                  <tr key={booking.id}>
                    <th scope="row">
                      {booking.attendeeName}
                      {booking.forMember ? (
                        <span className="badge">{t('roster.household', { booker: booking.bookerName })}</span>
                      ) : null}
                      {booking.assisted ? <span className="badge">{t('roster.assisted')}</span> : null}
                    </th>
                    <td>{booking.phone}</td>
                    <td>
                      <code>{booking.reference}</code>
                    </td>
                    <td>
                      {t(`status.${booking.status}`)}
                      {booking.checkedInAt ? ` ${formatTime(new Date(booking.checkedInAt), centre.timeZone, lng)}` : ''}
                    </td>
                    <td>
                      <div className="button-row">
                        {booking.status !== 'attended' ? (
                          <AttendanceButton
                            intent="check_in"
                            reference={booking.reference}
                            label={t('roster.checkIn', { name: booking.attendeeName })}
                          />
                        ) : null}
                        {booking.status === 'confirmed' && started ? (
                          <AttendanceButton
                            intent="no_show"
                            reference={booking.reference}
                            label={t('roster.noShow', { name: booking.attendeeName })}
                            secondary
                          />
                        ) : null}
                        {booking.status === 'attended' || booking.status === 'no_show' ? (
                          <AttendanceButton
                            intent="undo"
                            reference={booking.reference}
                            label={t(booking.status === 'attended' ? 'roster.undoCheckIn' : 'roster.undoNoShow', {
                              name: booking.attendeeName,
                            })}
                            secondary
                          />
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="waitlist-title">
        <h2 id="waitlist-title">{t('roster.waitlist', { count: roster.waitlist.length })}</h2>
        {roster.waitlist.length === 0 ? (
          <p className="empty">{t('roster.noWaitlist')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">
                {t('roster.waitlistCaption', { service: slot.serviceName, when })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('roster.position')}</th>
                  <th scope="col">{t('roster.attendee')}</th>
                  <th scope="col">{t('roster.phone')}</th>
                  <th scope="col">{t('roster.reference')}</th>
                </tr>
              </thead>
              <tbody>
                {roster.waitlist.map((booking, index) => (
                  <tr key={booking.id}>
                    <td>{index + 1}</td>
                    <th scope="row">
                      {booking.attendeeName}
                      {booking.forMember ? (
                        <span className="badge">{t('roster.household', { booker: booking.bookerName })}</span>
                      ) : null}
                      {booking.assisted ? <span className="badge">{t('roster.assisted')}</span> : null}
                    </th>
                    <td>{booking.phone}</td>
                    <td>
                      <code>{booking.reference}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {roster.cancelled.length > 0 ? (
        <p className="muted">{t('roster.cancelledCount', { count: roster.cancelled.length })}</p>
      ) : null}
    </>
  )
}

function AttendanceButton({
  intent,
  reference,
  label,
  secondary = false,
}: {
  intent: 'check_in' | 'no_show' | 'undo'
  reference: string
  label: string
  secondary?: boolean
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="reference" value={reference} />
      <button type="submit" className={secondary ? 'button button--secondary' : 'button'}>
        {label}
      </button>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
