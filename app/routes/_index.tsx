import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { AnnouncementList } from '#app/components/announcement-list.tsx'
import { CategoryGrid } from '#app/components/category-grid.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { OpeningStatus } from '#app/components/opening-hours.tsx'
import { SearchForm } from '#app/components/search-form.tsx'
import { openingToday } from '#app/domain/opening-hours.ts'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import { listCurrentAnnouncements } from '#app/models/announcement.server.ts'
import { listCentrePhones, listCentres, listStreetsWithCentres } from '#app/models/place.server.ts'
import { getHomeStreetId } from '#app/models/user.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import { getElderMode } from '#app/utils/elder-mode.server.ts'
import type { Language } from '#app/i18n.ts'
import { getLanguage } from '#app/utils/i18next.server.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { ElderHome } from '#app/components/elder-home.tsx'

export const handle = { i18n: ['common', 'elder'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLanguage(request)
  const user = await getUser(request)
  if ((await getElderMode(request, user)) !== 'off') return elderHome({ request, lang, userId: user?.id ?? null })
  const now = requestNow(request)
  // One more than fits, to know whether they all do.
  const [centres, announcements, t] = await Promise.all([
    listCentres({ lang, today: zonedDate(now, DISTRICT_TIME_ZONE), limit: HOME_CENTRE_CARDS + 1 }),
    listCurrentAnnouncements({ lang, now, limit: 5 }),
    i18next.getFixedT(request, 'common'),
  ])
  const fit = centres.length <= HOME_CENTRE_CARDS
  const streets = fit ? [] : await listStreetsWithCentres({ lang })
  return {
    mode: 'standard' as const,
    now,
    title: t('home.title'),
    centres: fit
      ? centres.map(({ hours, exceptions, ...centre }) => ({
          ...centre,
          today: openingToday({ hours, exceptions, now, timeZone: centre.timeZone }),
        }))
      : null,
    streets,
    announcements,
  }
}

/**
 * A district with up to this many centres shows each on the home page; a bigger one shows
 * its streets, each with how many centres it has, leading to that street's centres. Fifty
 * cards would make a page an older resident at 200% text scrolls through for minutes.
 */
const HOME_CENTRE_CARDS = 8

/**
 * The simpler home page of elder mode: the few things older residents use most, and the
 * phone numbers of their street's centres (of every street when we don't know theirs).
 */
async function elderHome({ request, lang, userId }: { request: Request; lang: Language; userId: number | null }) {
  const streetId = userId ? await getHomeStreetId({ userId }) : null
  const [centres, t] = await Promise.all([listCentrePhones({ lang, streetId }), i18next.getFixedT(request, 'elder')])
  return { mode: 'elder' as const, title: t('home.title'), ownStreet: streetId !== null, centres }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function Home() {
  const data = useLoaderData<typeof loader>()
  if (data.mode === 'elder') return <ElderHome ownStreet={data.ownStreet} centres={data.centres} />
  return <StandardHome {...data} />
}

type StandardHomeData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { mode: 'standard' }>

function StandardHome({ centres, streets, announcements, now }: StandardHomeData) {
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
        {centres ? (
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
        ) : (
          <>
            <p>{t('home.chooseStreet')}</p>
            <ul className="link-list">
              {streets.map((street) => (
                <li key={street.id}>
                  <Link to={`/centres?street=${street.slug}`}>{street.name}</Link>{' '}
                  <span className="muted">{t('home.streetCentres', { count: street.centres })}</span>
                </li>
              ))}
            </ul>
          </>
        )}
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
