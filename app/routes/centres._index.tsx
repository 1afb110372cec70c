import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FilterForm, useStreetFilter } from '#app/components/filter-form.tsx'
import { OpeningStatus } from '#app/components/opening-hours.tsx'
import { openingToday } from '#app/domain/opening-hours.ts'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import { listCentres, listStreets } from '#app/models/place.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { parseCategory, parseSlug } from '#app/utils/query.ts'
import { serviceCategories } from '#app/domain/enums.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const lang = await getLanguage(request)
  const now = new Date()
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
  return { title: t('centres.title'), streets, byStreet, filters: { street: streetSlug, category } }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function Centres() {
  const { streets, byStreet, filters } = useLoaderData<typeof loader>()
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
