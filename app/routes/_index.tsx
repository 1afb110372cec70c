import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AnnouncementList } from '#app/components/announcement-list.tsx'
import { CategoryGrid } from '#app/components/category-grid.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { OpeningStatus } from '#app/components/opening-hours.tsx'
import { SearchForm } from '#app/components/search-form.tsx'
import { openingToday } from '#app/domain/opening-hours.ts'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import { listCurrentAnnouncements } from '#app/models/announcement.server.ts'
import { listCentres } from '#app/models/place.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import { getLanguage } from '#app/utils/i18next.server.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLanguage(request)
  const now = requestNow(request)
  const [centres, announcements, t] = await Promise.all([
    listCentres({ lang, today: zonedDate(now, DISTRICT_TIME_ZONE) }),
    listCurrentAnnouncements({ lang, now, limit: 5 }),
    i18next.getFixedT(request, 'common'),
  ])
  return {
    now,
    title: t('home.title'),
    centres: centres.map(({ hours, exceptions, ...centre }) => ({
      ...centre,
      today: openingToday({ hours, exceptions, now, timeZone: centre.timeZone }),
    })),
    announcements,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function Home() {
  const { centres, announcements, now } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.heading')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <SearchForm id="home-search" />
      </section>

      <section aria-labelledby="categories-title">
        <h2 id="categories-title">{t('home.categories')}</h2>
        <CategoryGrid />
      </section>

      <section aria-labelledby="centres-title">
        <h2 id="centres-title">{t('home.centres')}</h2>
        <ul className="card-list">
          {centres.map((centre) => (
            <li key={centre.id} className="card">
              <h3 className="card__title">
                <Link to={`/centres/${centre.slug}`}>{centre.name}</Link>
              </h3>
              <p className="muted">{centre.streetName}</p>
              <p>{centre.address}</p>
              <OpeningStatus today={centre.today} />
            </li>
          ))}
        </ul>
        <p>
          <Link to="/centres">{t('home.allCentres')}</Link>
        </p>
      </section>

      <section aria-labelledby="announcements-title">
        <h2 id="announcements-title">{t('home.announcements')}</h2>
        <AnnouncementList announcements={announcements} now={now} />
        <p>
          <Link to="/announcements">{t('home.allAnnouncements')}</Link>
        </p>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
