import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { getStreet, streetWeekSummary } from '#app/models/figures.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'staff', 'inspections', 'district'] }

const DAYS = 7

// How the centres of a street are doing this week, for its street office.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLanguage(request)
  const street = await getStreet({ slug: params.streetSlug ?? '', lang })
  invariantResponse(street, 'Not found', { status: 404 })
  await requireRole(request, 'street_staff', { streetId: street.id })
  const now = new Date()
  const [centres, t] = await Promise.all([
    streetWeekSummary({ streetId: street.id, from: now, until: new Date(now.getTime() + DAYS * 86_400_000), lang }),
    i18next.getFixedT(request, 'staff'),
  ])
  return {
    title: t('street.title', { street: street.name }),
    street: { name: street.name, slug: street.slug },
    centres,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function StreetOffice() {
  const { street, centres } = useLoaderData<typeof loader>()
  const { t } = useTranslation('staff')
  return (
    <>
      <h1>{t('street.heading', { street: street.name })}</h1>
      <p>
        <Link to={`/staff/announcements?street=${street.slug}`}>{t('street.announcements')}</Link>
      </p>
      <p>
        <Link to="/staff/inspections">{t('inspections:home.link')}</Link>
      </p>
      <p>
        <Link to={`/district/comparison?street=${street.slug}`}>{t('links.comparison', { ns: 'district' })}</Link>
      </p>
      <h2>{t('street.week', { count: DAYS })}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t('street.week', { count: DAYS })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('street.centre')}</th>
              <th scope="col">{t('street.slots')}</th>
              <th scope="col">{t('street.fill')}</th>
              <th scope="col">{t('street.waiting')}</th>
            </tr>
          </thead>
          <tbody>
            {centres.map((centre) => (
              <tr key={centre.id}>
                <th scope="row">
                  <Link to={`/centres/${centre.slug}`}>{centre.name}</Link>
                </th>
                <td>{centre.slots}</td>
                <td>
                  {centre.capacity > 0
                    ? t('street.fillValue', {
                        percent: Math.round((centre.seatsTaken / centre.capacity) * 100),
                        taken: centre.seatsTaken,
                        capacity: centre.capacity,
                      })
                    : '—'}
                </td>
                <td>{centre.waitlisted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
