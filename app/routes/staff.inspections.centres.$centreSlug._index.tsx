import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { IssueStanding, ScoreOutOf100 } from '#app/components/inspection-parts.tsx'
import type { Language } from '#app/i18n.ts'
import { listCentreInspections, listCentreIssues } from '#app/models/inspections.server.ts'
import { formatDay } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { districtToday, requireInspectableCentre } from '#app/utils/inspections.server.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'staff', 'inspections'] }

// One centre, for its street office: the issues still open and every inspection so far.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre } = await requireInspectableCentre(request, params.centreSlug)
  const [issues, inspections, t] = await Promise.all([
    listCentreIssues({ centreId: centre.id, today: districtToday(request) }),
    listCentreInspections({ centreId: centre.id }),
    i18next.getFixedT(request, 'inspections'),
  ])
  return {
    title: t('centre.title', { centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name, streetName: centre.streetName },
    openIssues: issues.open,
    inspections,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function CentreInspections() {
  const { centre, openIssues, inspections } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('inspections')
  const lng = i18n.language as Language
  return (
    <>
      <p>
        <Link to="/staff/inspections">{t('centre.back')}</Link>
      </p>
      <h1>{t('centre.heading', { centre: centre.name })}</h1>
      <p className="muted">{centre.streetName}</p>
      <p>
        <Link to={`/staff/inspections/centres/${centre.slug}/new`} className="button">
          {t('centre.record')}
        </Link>
      </p>
      <section aria-labelledby="open-issues-title">
        <h2 id="open-issues-title">{t('centre.openIssues', { count: openIssues.length })}</h2>
        {openIssues.length === 0 ? (
          <p className="empty">{t('centre.noOpenIssues')}</p>
        ) : (
          <ul className="card-list">
            {openIssues.map((issue) => (
              <li key={issue.id} className="card">
                <p>{issue.description}</p>
                <IssueStanding issue={issue} />
                <p className="muted">
                  <Link to={`/staff/inspections/${issue.inspectionId}`}>
                    {t('centre.foundAt', { date: formatDay(issue.inspectedOn, lng) })}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('centre.history')}</h2>
        {inspections.length === 0 ? (
          <p className="empty">{t('centre.noInspections')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('centre.history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('centre.columns.date')}</th>
                  <th scope="col">{t('centre.columns.score')}</th>
                  <th scope="col">{t('centre.columns.issues')}</th>
                  <th scope="col">{t('centre.columns.inspector')}</th>
                </tr>
              </thead>
              <tbody>
                {inspections.map((inspection) => (
                  <tr key={inspection.id}>
                    <th scope="row">
                      <Link to={`/staff/inspections/${inspection.id}`}>{formatDay(inspection.inspectedOn, lng)}</Link>
                    </th>
                    <td>
                      <ScoreOutOf100 score={inspection.score} />
                    </td>
                    <td>{inspection.issues}</td>
                    <td>{inspection.inspectorName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
