import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * The one error page: a translated explanation and ways on, never a stack trace.
 * Every route that loads data exports an ErrorBoundary built on it.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const kind = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 503 ? 'unavailable' : 'generic'
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
