import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { listOperatorServices } from '#app/models/service-admin.server.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { doneParam } from '#app/utils/operator-params.ts'

export const handle = { i18n: ['common', 'staff', 'operator'] }

// The centre's services, paused ones too, each with its settings and its schedule.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const [services, t] = await Promise.all([
    listOperatorServices({ centreId: centre.id, lang }),
    i18next.getFixedT(request, 'operator'),
  ])
  return {
    title: t('services.title', { centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name },
    services,
    done: doneParam(request, ['added'] as const),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function OperatorServices() {
  const { centre, services, done } = useLoaderData<typeof loader>()
  const { t } = useTranslation('operator')
  const base = `/operator/centres/${centre.slug}/services`
  return (
    <>
      <h1>{t('services.heading', { centre: centre.name })}</h1>
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`services.done.${done}`)}
        </p>
      ) : null}
      <p>
        <Link to={`${base}/new`} className="button">
          {t('services.add')}
        </Link>
      </p>
      {services.length === 0 ? (
        <p className="empty">{t('services.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t('services.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('services.name')}</th>
                <th scope="col">{t('services.category')}</th>
                <th scope="col">{t('services.status')}</th>
                <th scope="col">{t('services.upcoming')}</th>
                <th scope="col">{t('services.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => (
                <tr key={service.id}>
                  <th scope="row">{service.name}</th>
                  <td>
                    {t(`common:category.${service.category}.name`)} · {t(`common:bookingMode.${service.bookingMode}`)}
                  </td>
                  <td>{t(`service.status.${service.status}`)}</td>
                  <td>{service.upcomingSlots}</td>
                  <td>
                    <ul className="link-list">
                      <li>
                        <Link to={`${base}/${service.id}`}>{t('services.edit', { service: service.name })}</Link>
                      </li>
                      {service.bookingMode === 'drop_in' ? null : (
                        <li>
                          <Link to={`${base}/${service.id}/slots`}>
                            {t('services.schedule', { service: service.name })}
                          </Link>
                        </li>
                      )}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
