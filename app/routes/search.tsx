import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Pager } from '#app/components/pager.tsx'
import { SearchForm } from '#app/components/search-form.tsx'
import { searchTerms } from '#app/domain/search.ts'
import { searchCatalogue } from '#app/models/search.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { pageLinks, parsePage } from '#app/utils/query.ts'

export const handle = { i18n: ['common'] }

const MAX_QUERY_LENGTH = 100
/** Services (and centres) per page of results. */
const PAGE_SIZE = 20

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const query = (url.searchParams.get('q') ?? '').slice(0, MAX_QUERY_LENGTH).trim()
  const page = parsePage(url.searchParams.get('page'))
  const lang = await getLanguage(request)
  const [results, t] = await Promise.all([
    searchCatalogue({ terms: searchTerms(query), lang, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    i18next.getFixedT(request, 'common'),
  ])
  const hasMore = Math.max(results.serviceTotal, results.centreTotal) > page * PAGE_SIZE
  return {
    query,
    results,
    pages: pageLinks('/search', { q: query }, page, hasMore),
    title: query ? t('search.titleFor', { query }) : t('search.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: titleOr(matches, data?.title) },
  { name: 'robots', content: 'noindex' },
]

export default function SearchPage() {
  const { query, results, pages } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const total = results.centreTotal + results.serviceTotal
  return (
    <>
      <h1>{t('search.title')}</h1>
      <SearchForm defaultValue={query} />
      {query ? (
        <p role="status" className="result-count">
          {t('search.count', { count: total, query })}
        </p>
      ) : null}
      {results.services.length > 0 ? (
        <section aria-labelledby="service-results">
          <h2 id="service-results">{t('search.services')}</h2>
          <ul className="card-list">
            {results.services.map((service) => (
              <li key={`${service.centreSlug}/${service.slug}`} className="card">
                <p className="tag">{t(`category.${service.category}.name`)}</p>
                <h3 className="card__title">
                  <Link to={`/centres/${service.centreSlug}/services/${service.slug}`}>{service.name}</Link>
                </h3>
                <p className="muted">{service.centreName}</p>
                <p>{service.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {results.centres.length > 0 ? (
        <section aria-labelledby="centre-results">
          <h2 id="centre-results">{t('search.centres')}</h2>
          <ul className="card-list">
            {results.centres.map((centre) => (
              <li key={centre.slug} className="card">
                <h3 className="card__title">
                  <Link to={`/centres/${centre.slug}`}>{centre.name}</Link>
                </h3>
                <p className="muted">{centre.streetName}</p>
                <p>{centre.address}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Pager
        label={t('search.pages')}
        previous={{ to: pages.previous, text: t('search.previous') }}
        next={{ to: pages.next, text: t('search.next') }}
      />
      {query && total === 0 ? (
        <div className="panel">
          <p>{t('search.noneHint')}</p>
          <p>
            <Link to="/centres">{t('error.links.centres')}</Link>
          </p>
        </div>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
