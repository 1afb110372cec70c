import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { CallCentre } from '#app/components/call-centre.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FeedbackForm } from '#app/components/feedback-form.tsx'
import type { Language } from '#app/i18n.ts'
import { cancelDeadline, cancelRefusal } from '#app/domain/booking-rules.ts'
import { feedbackClosesAt, feedbackRefusal, feedbackSchema } from '#app/domain/feedback-rules.ts'
import { cancelBooking, getBooking } from '#app/models/booking.server.ts'
import { getOwnFeedback, submitFeedback } from '#app/models/feedback.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { useElderMode } from '#app/utils/elder-mode.ts'
import { referenceQrCode } from '#app/utils/booking-files.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { formatDateTimeRange, formatPrice, formatTime, formatDate } from '#app/utils/format.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { isBookingReference } from '#app/domain/reference-format.ts'

export const handle = { i18n: ['common', 'booking', 'feedback', 'elder'] }

function referenceOf(params: { reference?: string }) {
  const reference = String(params.reference ?? '').toUpperCase()
  invariantResponse(isBookingReference(reference), 'Not found', { status: 404 })
  return reference
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const lang = await getLanguage(request)
  const booking = await getBooking({ reference: referenceOf(params), bookedByUserId: user.id, lang })
  invariantResponse(booking, 'Not found', { status: 404 })
  const now = new Date()
  const slotFacts = { ...booking, status: booking.slotStatus, timeZone: booking.centre.timeZone, centreStreetId: 0 }
  const [t, ownFeedback] = await Promise.all([
    i18next.getFixedT(request, 'booking'),
    getOwnFeedback({ bookingId: booking.id, bookedByUserId: user.id }),
  ])
  const searchParams = new URL(request.url).searchParams
  return {
    title: t('confirmation.title', { reference: booking.reference }),
    booking,
    qrCode: await referenceQrCode(booking.reference),
    cancelDeadline: cancelDeadline(booking, booking.service),
    cancelRefusal: cancelRefusal({ slot: slotFacts, rules: booking.service, status: booking.status, now }),
    cancelled: searchParams.get('cancelled') === '1',
    ownFeedback,
    // The form shows only while the rules would accept it; the action checks them again.
    mayRate: feedbackRefusal({ ...booking, alreadyRated: ownFeedback !== null, now }) === null,
    feedbackClosesAt: feedbackClosesAt(new Date(booking.endsAt)),
    rated: searchParams.get('rated') === '1',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

// Two forms: rating an attended booking (intent "feedback") and cancelling (any other).
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const reference = referenceOf(params)
  const formData = await readFormData(request)
  if (formData.get('intent') === 'feedback') {
    const submission = parseWithZod(formData, { schema: feedbackSchema })
    if (submission.status !== 'success') return data({ result: submission.reply(), error: null }, { status: 400 })
    const rated = await submitFeedback({ reference, bookedByUserId: user.id, ...submission.value })
    if (rated.ok) return redirect(`/bookings/${reference}?rated=1#feedback-title`, 303)
    if (rated.reason === 'not_found') throw new Response('Not found', { status: 404 })
    return data(
      { result: submission.reply({ formErrors: [`feedback:errors.${rated.reason}`] }), error: null },
      { status: 400 },
    )
  }
  const outcome = await cancelBooking({ reference, bookedByUserId: user.id })
  if (outcome.ok) return redirect(`/bookings/${reference}?cancelled=1`, 303)
  if (outcome.reason === 'not_found') throw new Response('Not found', { status: 404 })
  return data({ result: null, error: outcome.reason }, { status: 400 })
}

export default function BookingPage() {
  const { booking, qrCode, cancelDeadline, cancelRefusal, cancelled, ownFeedback, mayRate, feedbackClosesAt, rated } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['booking', 'feedback'])
  const lng = i18n.language as Language
  const tz = booking.centre.timeZone
  const when = formatDateTimeRange(new Date(booking.startsAt), new Date(booking.endsAt), tz, lng)
  const active = booking.status === 'confirmed' || booking.status === 'waitlisted'
  // A rating the server refused (rated meanwhile, window closed): said in words wherever the section is.
  const feedbackProblem = actionData?.result?.error?.['']?.[0]
  // In elder mode the phone comes straight after the reference; otherwise near the end.
  const elder = useElderMode() !== 'off'
  return (
    <>
      {cancelled ? (
        <p className="notice notice--success" role="status">
          {t('confirmation.cancelledNotice')}
        </p>
      ) : null}
      <section
        className={`confirmation-panel confirmation-panel--${booking.status}`}
        aria-labelledby="confirmation-heading"
      >
        <h1 id="confirmation-heading">{t(`confirmation.heading.${booking.status}`)}</h1>
        <p className="confirmation-panel__label">{t('confirmation.reference')}</p>
        <p className="confirmation-panel__reference">{booking.reference}</p>
        {booking.status === 'waitlisted' && booking.waitlistPosition ? (
          <p>{t('confirmation.position', { position: booking.waitlistPosition })}</p>
        ) : null}
      </section>
      {elder ? <CallCentre centre={booking.centre} /> : null}

      <dl className="facts">
        <div>
          <dt>{t('confirmation.what')}</dt>
          <dd>
            <Link to={`/centres/${booking.centre.slug}/services/${booking.service.slug}`}>{booking.service.name}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('confirmation.who')}</dt>
          <dd>{booking.attendeeName}</dd>
        </div>
        <div>
          <dt>{t('confirmation.when')}</dt>
          <dd>
            {when}
            {booking.slotStatus === 'cancelled' ? <strong> {t('confirmation.slotCancelled')}</strong> : null}
          </dd>
        </div>
        <div>
          <dt>{t('confirmation.where')}</dt>
          <dd>
            {booking.centre.name} · {booking.centre.address}
            {booking.service.location ? ` · ${booking.service.location}` : null}
          </dd>
        </div>
        {booking.service.whatToBring ? (
          <div>
            <dt>{t('confirmation.bring')}</dt>
            <dd>{booking.service.whatToBring}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('confirmation.price')}</dt>
          <dd>
            {booking.priceFen === 0
              ? t('book.free')
              : t('confirmation.payAtCentre', { price: formatPrice(booking.priceFen, lng) })}
          </dd>
        </div>
      </dl>

      {booking.status === 'confirmed' ? (
        <section aria-labelledby="checkin-title" className="panel">
          <h2 id="checkin-title">{t('confirmation.checkIn')}</h2>
          <p>{t('confirmation.checkInLead')}</p>
          <img
            className="qr-code"
            src={qrCode}
            width={200}
            height={200}
            alt={t('confirmation.qrAlt', { reference: booking.reference })}
          />
        </section>
      ) : null}

      {ownFeedback || mayRate || feedbackProblem ? (
        <section aria-labelledby="feedback-title" className="panel">
          <h2 id="feedback-title">{t(ownFeedback ? 'feedback:own.heading' : 'feedback:form.heading')}</h2>
          {rated && ownFeedback ? (
            <p className="notice notice--success" role="status">
              {t('feedback:form.saved')}
            </p>
          ) : null}
          {feedbackProblem && !mayRate ? (
            <p className="error-summary" role="alert">
              {t(feedbackProblem)}
            </p>
          ) : null}
          {ownFeedback ? (
            <>
              <p>
                {t('feedback:own.gave', {
                  rating: ownFeedback.rating,
                  date: formatDate(new Date(ownFeedback.createdAt), tz, lng),
                })}
              </p>
              {ownFeedback.hidden ? (
                <p>{t('feedback:own.hidden', { reason: ownFeedback.hiddenReason })}</p>
              ) : ownFeedback.comment ? (
                <p className="comment__text">{ownFeedback.comment}</p>
              ) : (
                <p className="muted">{t('feedback:own.noComment')}</p>
              )}
            </>
          ) : mayRate ? (
            <>
              <p>{t('feedback:form.lead', { date: formatDate(new Date(feedbackClosesAt), tz, lng) })}</p>
              <FeedbackForm lastResult={actionData?.result ?? undefined} />
            </>
          ) : null}
        </section>
      ) : null}

      {active ? (
        <p>
          <a href={`/bookings/${booking.reference}/calendar.ics`} download={`linli-${booking.reference}.ics`}>
            {t('confirmation.addToCalendar')}
          </a>
        </p>
      ) : null}

      {active ? (
        <section aria-labelledby="cancel-title" className="panel">
          <h2 id="cancel-title">{t('confirmation.cancelTitle')}</h2>
          {actionData?.error ? (
            <p className="error-summary" role="alert">
              {t(`errors.${actionData.error}`, { phone: booking.centre.phone })}
            </p>
          ) : null}
          {cancelRefusal ? (
            <p>{t(`errors.${cancelRefusal}`, { phone: booking.centre.phone })}</p>
          ) : (
            <>
              <p>
                {booking.status === 'waitlisted'
                  ? t('confirmation.leaveWaitlistLead')
                  : t('confirmation.cancelLead', {
                      date: formatDate(new Date(cancelDeadline), tz, lng),
                      time: formatTime(new Date(cancelDeadline), tz, lng),
                    })}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <button type="submit" className="button button--warning">
                  {booking.status === 'waitlisted' ? t('confirmation.leaveWaitlist') : t('confirmation.cancel')}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}
      {elder ? null : <CallCentre centre={booking.centre} />}
      <p>
        <Link to="/bookings">{t('confirmation.allBookings')}</Link>
      </p>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
