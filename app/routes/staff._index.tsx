import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { listGrants } from '#app/models/user.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'staff', 'inspections', 'district'] }

// The staff start page: each of the person's roles, with where it lets them work.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const lang = await getLanguage(request)
  const grants = await listGrants({ userId: user.id, lang })
  if (grants.length === 0) {
    logger.warn({ event: 'authorisation_refused', userId: user.id, path: '/staff' }, 'refused')
    throw new Response('Forbidden', { status: 403 })
  }
  const t = await i18next.getFixedT(request, 'staff')
  const writesAnnouncements = grants.some((grant) => grant.role === 'street_staff' || grant.role === 'district_admin')
  return { title: t('home.title'), grants, writesAnnouncements }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function StaffHome() {
  const { grants, writesAnnouncements } = useLoaderData<typeof loader>()
  const { t } = useTranslation('staff')
  return (
    <>
      <h1>{t('home.heading')}</h1>
      {writesAnnouncements ? (
        <p>
          <Link to="/staff/announcements">{t('home.announcements')}</Link>
        </p>
      ) : null}
      {writesAnnouncements ? (
        <>
          <p>
            <Link to="/staff/inspections">{t('inspections:home.link')}</Link>
          </p>
          <p>
            <Link to="/district/comparison">{t('links.comparison', { ns: 'district' })}</Link>
          </p>
        </>
      ) : null}
      <ul className="card-list">
        {grants.map((grant) => (
          <li key={grant.id} className="card">
            <p className="tag">{t(`roles.${grant.role}`)}</p>
            {grant.role === 'operator' && grant.centreSlug ? (
              <h2 className="card__title">
                <Link to={`/operator/centres/${grant.centreSlug}`}>{grant.centreName}</Link>
              </h2>
            ) : null}
            {grant.role === 'street_staff' && grant.streetSlug ? (
              <h2 className="card__title">
                <Link to={`/street/${grant.streetSlug}`}>{grant.streetName}</Link>
              </h2>
            ) : null}
            {grant.role === 'district_admin' ? (
              <h2 className="card__title">
                <Link to="/admin">{t('home.admin')}</Link>
              </h2>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
