import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'

const errorKinds: Record<number, string> = { 400: 'badRequest', 403: 'forbidden', 404: 'notFound', 503: 'unavailable' }

/**
 * The one error page: a translated explanation and ways on, never a stack trace.
 * Every route that loads data exports an ErrorBoundary built on it.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const kind = errorKinds[status] ?? 'generic'
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">{t('error.status', { status })}</p>
      <h1 id="error-title">{t(`error.${kind}.title`)}</h1>
      <p>{t(`error.${kind}.body`)}</p>
      <ul className="link-list">
        <li>
          <Link to="/">{t('error.links.home')}</Link>
        </li>
        <li>
          <Link to="/centres">{t('error.links.centres')}</Link>
        </li>
        <li>
          <Link to="/search">{t('error.links.search')}</Link>
        </li>
      </ul>
    </section>
  )
}
