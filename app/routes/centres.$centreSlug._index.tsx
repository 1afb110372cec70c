import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { AnnouncementList } from '#app/components/announcement-list.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { RatingSummaryText } from '#app/components/feedback.tsx'
import { OpeningStatus, WeeklyHours } from '#app/components/opening-hours.tsx'
import { SlotList } from '#app/components/slot-list.tsx'
import { openingToday, weeklyHours } from '#app/domain/opening-hours.ts'
import { addDays, DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import { listCurrentAnnouncements } from '#app/models/announcement.server.ts'
import { getRatingSummary } from '#app/models/feedback.server.ts'
import { getCentre } from '#app/models/place.server.ts'
import { listCentreServices, listUpcomingSlots } from '#app/models/service.server.ts'
import type { Language } from '#app/i18n.ts'
import { formatDay } from '#app/utils/format.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { serviceCategories } from '#app/domain/enums.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'feedback'] }

const SLOT_DAYS = 7

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLanguage(request)
  const now = requestNow(request)
  const today = zonedDate(now, DISTRICT_TIME_ZONE)
  const centre = await getCentre({ slug: params.centreSlug ?? '', lang, today, until: addDays(today, 30) })
  invariantResponse(centre, 'Centre not found', { status: 404 })
  const [services, slots, announcements, rating] = await Promise.all([
    listCentreServices({ centreId: centre.id, lang }),
    listUpcomingSlots({
      lang,
      centreId: centre.id,
      from: now,
      until: new Date(now.getTime() + SLOT_DAYS * 86_400_000),
    }),
    listCurrentAnnouncements({ lang, now, centre: { id: centre.id, streetId: centre.streetId }, limit: 5 }),
    getRatingSummary({ centreId: centre.id }),
  ])
  const { hours, exceptions, ...details } = centre
  return {
    now,
    centre: details,
    today: openingToday({ hours, exceptions, now, timeZone: centre.timeZone }),
    week: weeklyHours(hours),
    exceptions: exceptions.filter((exception) => exception.date > today),
    servicesByCategory: serviceCategories
      .map((category) => ({ category, services: services.filter((service) => service.category === category) }))
      .filter((group) => group.services.length > 0),
    slots,
    announcements,
    rating,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: titleOr(matches, data?.centre.name) },
  { name: 'description', content: data?.centre.description },
  ...(data
    ? [
        {
          tagName: 'link',
          rel: 'alternate',
          type: 'application/atom+xml',
          href: `/centres/${data.centre.slug}/announcements.atom`,
          title: data.centre.name,
        },
      ]
    : []),
]

export default function CentrePage() {
  const { centre, today, week, exceptions, servicesByCategory, slots, announcements, now, rating } =
    useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'feedback'])
  const lng = i18n.language as Language
  return (
    <>
      <Breadcrumbs trail={[{ to: `/centres?street=${centre.streetSlug}`, label: centre.streetName }]} />
      <h1>{centre.name}</h1>
      <p className="lead">{centre.description}</p>
      <section aria-labelledby="ratings-title">
        <h2 id="ratings-title" className="visually-hidden">
          {t('feedback:centre.heading')}
        </h2>
        <RatingSummaryText {...rating} />
      </section>

      <section aria-labelledby="visit-title" className="panel">
        <h2 id="visit-title">{t('centre.visit')}</h2>
        <OpeningStatus today={today} />
        <dl className="facts">
          <div>
            <dt>{t('centre.address')}</dt>
            <dd>{centre.address}</dd>
          </div>
          <div>
            <dt>{t('centre.phone')}</dt>
            <dd>
              <a href={`tel:${centre.phone}`}>{centre.phone}</a>
            </dd>
          </div>
        </dl>
        <h3>{t('centre.hours')}</h3>
        <WeeklyHours week={week} todayWeekday={today.weekday} />
        {exceptions.length > 0 ? (
          <>
            <h3>{t('centre.exceptions')}</h3>
            <ul>
              {exceptions.map((exception) => (
                <li key={exception.date}>
                  {t('opening.exceptionLine', {
                    day: formatDay(exception.date, lng),
                    hours:
                      exception.closed || !exception.opensAt || !exception.closesAt
                        ? t('opening.closed')
                        : `${exception.opensAt.slice(0, 5)}–${exception.closesAt.slice(0, 5)}`,
                  })}
                  {exception.reason ? ` (${exception.reason})` : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {centre.facilities.length > 0 ? (
          <>
            <h3>{t('centre.facilities')}</h3>
            <ul className="tag-list">
              {centre.facilities.map((facility) => (
                <li key={facility} className="tag">
                  {t(`facility.${facility}`)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="services-title">
        <h2 id="services-title">{t('centre.services')}</h2>
        {servicesByCategory.map((group) => (
          <section key={group.category} aria-labelledby={`category-${group.category}`} className="service-group">
            <h3 id={`category-${group.category}`}>{t(`category.${group.category}.name`)}</h3>
            <ul className="service-list">
              {group.services.map((service) => (
                <li key={service.id}>
                  <Link to={`/centres/${centre.slug}/services/${service.slug}`}>{service.name}</Link>
                  <span className="muted"> — {service.summary}</span>
                  <span className="tag">{t(`bookingMode.${service.bookingMode}`)}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="slots-title">
        <h2 id="slots-title">{t('centre.upcoming', { count: SLOT_DAYS })}</h2>
        <SlotList slots={slots} showService emptyText={t('slot.none')} />
      </section>

      <section aria-labelledby="announcements-title">
        <h2 id="announcements-title">{t('centre.announcements')}</h2>
        <AnnouncementList announcements={announcements} now={now} />
        <ul className="link-list">
          <li>
            <Link to={`/announcements?centre=${centre.slug}`}>{t('centre.allAnnouncements')}</Link>
          </li>
          <li>
            <a href={`/centres/${centre.slug}/announcements.atom`} type="application/atom+xml">
              {t('centre.announcementFeed')}
            </a>
          </li>
        </ul>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
