import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { SlotFill } from '#app/components/slot-fill.tsx'
import type { Language } from '#app/i18n.ts'
import { dateField } from '#app/domain/operator-schemas.ts'
import { mondayOf } from '#app/domain/slot-series.ts'
import { addDays, zonedDate, zonedDateTime } from '#app/domain/time.ts'
import { listCentreSlots } from '#app/models/schedule.server.ts'
import { formatDay, formatTime } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'

export const handle = { i18n: ['common', 'staff', 'operator'] }

// A centre's week for the people who run it: every slot by day, with how full it is.
// `?week=2026-11-30` picks the week (any date in it); previous and next are plain links.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const today = zonedDate(new Date(), centre.timeZone)
  const asked = dateField.safeParse(new URL(request.url).searchParams.get('week') ?? undefined)
  const monday = mondayOf(asked.success ? asked.data : today)
  const [slots, t] = await Promise.all([
    listCentreSlots({
      centreId: centre.id,
      lang,
      from: zonedDateTime(monday, '00:00', centre.timeZone),
      until: zonedDateTime(addDays(monday, 7), '00:00', centre.timeZone),
    }),
    i18next.getFixedT(request, 'staff'),
  ])
  const days = Array.from({ length: 7 }, (_, index) => addDays(monday, index)).map((date) => ({
    date,
    slots: slots.filter((slot) => zonedDate(new Date(slot.startsAt), slot.timeZone) === date),
  }))
  return {
    title: t('operator.title', { centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name },
    monday,
    today,
    days,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function OperatorWeek() {
  const { centre, monday, today, days } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('operator')
  const lng = i18n.language as Language
  const base = `/operator/centres/${centre.slug}`
  const range = { from: formatDay(monday, lng), until: formatDay(addDays(monday, 6), lng) }
  return (
    <>
      <h1>{t('staff:operator.heading', { centre: centre.name })}</h1>
      <h2 id="week-title">{t('week.heading', range)}</h2>
      <nav aria-label={t('week.navLabel')} className="week-nav">
        <Link to={`${base}?week=${addDays(monday, -7)}`} rel="prev">
          {t('week.previous')}
        </Link>
        {monday !== mondayOf(today) ? <Link to={base}>{t('week.thisWeek')}</Link> : null}
        <Link to={`${base}?week=${addDays(monday, 7)}`} rel="next">
          {t('week.next')}
        </Link>
      </nav>
      <ol className="week" aria-labelledby="week-title">
        {days.map((day) => (
          <li key={day.date} className="week-day" aria-current={day.date === today ? 'date' : undefined}>
            <h3>
              <Link to={`${base}/days/${day.date}`}>{formatDay(day.date, lng)}</Link>
              {day.date === today ? <span className="tag">{t('week.today')}</span> : null}
            </h3>
            {day.slots.length === 0 ? (
              <p className="muted">{t('week.emptyDay')}</p>
            ) : (
              <ul className="week-slots">
                {day.slots.map((slot) => (
                  <li
                    key={slot.id}
                    className={slot.status === 'cancelled' ? 'week-slot week-slot--cancelled' : 'week-slot'}
                  >
                    <Link to={`${base}/slots/${slot.id}`}>
                      <span className="week-slot__time">
                        {formatTime(new Date(slot.startsAt), slot.timeZone, lng)}–
                        {formatTime(new Date(slot.endsAt), slot.timeZone, lng)}
                      </span>{' '}
                      {slot.serviceName}
                    </Link>
                    {slot.status === 'cancelled' ? (
                      <strong>{t('week.cancelled')}</strong>
                    ) : (
                      <SlotFill taken={slot.seatsTaken} capacity={slot.capacity} />
                    )}
                    {slot.waitlistedCount > 0 ? (
                      <span>{t('week.waitingCount', { count: slot.waitlistedCount })}</span>
                    ) : null}
                    {slot.serviceStatus !== 'active' ? <span className="tag">{t('week.servicePaused')}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
