import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import type { Language } from '#app/i18n.ts'
import { calendarTokenFor, listBookings } from '#app/models/booking.server.ts'
import { listFeedbackPrompts } from '#app/models/feedback.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDateTimeRange } from '#app/utils/format.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'booking', 'feedback'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const lang = await getLanguage(request)
  const [bookings, token, prompts, t] = await Promise.all([
    listBookings({ bookedByUserId: user.id, lang }),
    calendarTokenFor({ userId: user.id }),
    listFeedbackPrompts({ bookedByUserId: user.id }),
    i18next.getFixedT(request, 'booking'),
  ])
  const now = new Date()
  const upcoming = bookings
    .filter((booking) => booking.endsAt > now && !prompts.some((prompt) => prompt.reference === booking.reference))
    .map((booking) => ({ ...booking, mayRate: false }))
    .reverse()
  const toRate = new Set(prompts.map((prompt) => prompt.reference))
  // An attended booking that may still be rated is listed with the past ones, even during its slot.
  const past = bookings
    .filter((booking) => booking.endsAt <= now || toRate.has(booking.reference))
    .map((booking) => ({ ...booking, mayRate: toRate.has(booking.reference) }))
  return {
    title: t('list.title'),
    upcoming,
    past,
    toRateCount: toRate.size,
    feedUrl: `${new URL(request.url).origin}/calendar/${token}/bookings.ics`,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

type Row = Awaited<ReturnType<typeof loader>>['upcoming'][number]

function BookingList({ bookings, emptyText }: { bookings: Row[]; emptyText: string }) {
  const { t, i18n } = useTranslation(['booking', 'feedback'])
  const lng = i18n.language as Language
  if (bookings.length === 0) return <p className="empty">{emptyText}</p>
  return (
    <ul className="card-list">
      {bookings.map((booking) => (
        <li key={booking.reference} className="card">
          <p>
            <span className={`tag tag--${booking.status}`}>{t(`status.${booking.status}`)}</span>
          </p>
          <h3 className="card__title">
            <Link to={`/bookings/${booking.reference}`}>{booking.service.name}</Link>
          </h3>
          <p>
            {formatDateTimeRange(new Date(booking.startsAt), new Date(booking.endsAt), booking.centre.timeZone, lng)}
          </p>
          <p className="muted">{booking.centre.name}</p>
          <p>
            {booking.forMember ? t('list.forMember', { name: booking.attendeeName }) : t('list.forSelf')} ·{' '}
            {t('list.reference', { reference: booking.reference })}
          </p>
          {booking.mayRate ? (
            <p>
              <Link
                className="button button--small"
                to={`/bookings/${booking.reference}#feedback-title`}
                aria-label={t('feedback:list.rateLabel', {
                  service: booking.service.name,
                  reference: booking.reference,
                })}
              >
                {t('feedback:list.rate')}
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

export default function MyBookings() {
  const { upcoming, past, feedUrl, toRateCount } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['booking', 'feedback'])
  return (
    <>
      <h1>{t('list.heading')}</h1>
      {toRateCount > 0 ? (
        <p className="notice">
          <a href="#past-title">{t('feedback:list.prompt', { count: toRateCount })}</a>
        </p>
      ) : null}
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t('list.upcoming')}</h2>
        <BookingList bookings={upcoming} emptyText={t('list.noUpcoming')} />
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title">{t('list.past')}</h2>
        <BookingList bookings={past} emptyText={t('list.noPast')} />
      </section>
      <section aria-labelledby="feed-title" className="panel">
        <h2 id="feed-title">{t('list.feed')}</h2>
        <p>{t('list.feedLead')}</p>
        <label htmlFor="feed-url">{t('list.feedLabel')}</label>
        <input id="feed-url" type="text" readOnly value={feedUrl} className="wide-input" />
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
