import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { AnnouncementList } from '#app/components/announcement-list.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FilterForm, useStreetFilter } from '#app/components/filter-form.tsx'
import { OpeningStatus } from '#app/components/opening-hours.tsx'
import { openingToday } from '#app/domain/opening-hours.ts'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import { listCurrentAnnouncements } from '#app/models/announcement.server.ts'
import { listCentres, listStreets } from '#app/models/place.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { parseCategory, parseSlug } from '#app/utils/query.ts'
import { serviceCategories } from '#app/domain/enums.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const lang = await getLanguage(request)
  const now = requestNow(request)
  const streetSlug = parseSlug(url.searchParams.get('street'))
  const category = parseCategory(url.searchParams.get('category'))
  const [streets, centres, t] = await Promise.all([
    listStreets({ lang }),
    listCentres({ lang, streetSlug, category, today: zonedDate(now, DISTRICT_TIME_ZONE) }),
    i18next.getFixedT(request, 'common'),
  ])
  const byStreet = streets
    .map((street) => ({
      ...street,
      centres: centres
        .filter((centre) => centre.streetSlug === street.slug)
        .map(({ hours, exceptions, ...centre }) => ({
          ...centre,
          today: openingToday({ hours, exceptions, now, timeZone: centre.timeZone }),
        })),
    }))
    .filter((street) => street.centres.length > 0)
  // Chosen a street: this is the street's page, so its announcements come too.
  const street = streets.find((candidate) => candidate.slug === streetSlug)
  const announcements = street ? await listCurrentAnnouncements({ lang, now, streetId: street.id, limit: 5 }) : null
  return {
    title: t('centres.title'),
    now,
    streets,
    byStreet,
    filters: { street: streetSlug, category },
    street: street ? { slug: street.slug, name: street.name, announcements } : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: titleOr(matches, data?.title) },
  ...(data?.street
    ? [
        {
          tagName: 'link',
          rel: 'alternate',
          type: 'application/atom+xml',
          href: `/streets/${data.street.slug}/announcements.atom`,
          title: data.street.name,
        },
      ]
    : []),
]

export default function Centres() {
  const { streets, byStreet, filters, street: chosenStreet, now } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const streetFilter = useStreetFilter(streets, filters.street)
  return (
    <>
      <h1>{t('centres.heading')}</h1>
      <FilterForm
        filters={[
          streetFilter,
          {
            name: 'category',
            label: t('filter.category'),
            allLabel: t('filter.allCategories'),
            options: serviceCategories.map((category) => ({ value: category, label: t(`category.${category}.name`) })),
            value: filters.category,
          },
        ]}
      />
      {chosenStreet?.announcements ? (
        <section aria-labelledby="street-announcements-title">
          <h2 id="street-announcements-title">{t('centres.streetAnnouncements')}</h2>
          <AnnouncementList announcements={chosenStreet.announcements} now={now} />
          <ul className="link-list">
            <li>
              <Link to={`/announcements?street=${chosenStreet.slug}`}>{t('centres.allStreetAnnouncements')}</Link>
            </li>
            <li>
              <a href={`/streets/${chosenStreet.slug}/announcements.atom`} type="application/atom+xml">
                {t('centres.streetFeed')}
              </a>
            </li>
          </ul>
        </section>
      ) : null}
      {byStreet.length === 0 ? <p className="empty">{t('centres.none')}</p> : null}
      {byStreet.map((street) => (
        <section key={street.slug} aria-labelledby={`street-${street.slug}`}>
          <h2 id={`street-${street.slug}`}>{street.name}</h2>
          <ul className="card-list">
            {street.centres.map((centre) => (
              <li key={centre.id} className="card">
                <h3 className="card__title">
                  <Link to={`/centres/${centre.slug}`}>{centre.name}</Link>
                </h3>
                <p>{centre.address}</p>
                <p>
                  {t('centre.phoneLabel')}
                  <a href={`tel:${centre.phone}`}>{centre.phone}</a>
                </p>
                <OpeningStatus today={centre.today} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
