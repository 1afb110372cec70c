import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ScoreOutOf100 } from '#app/components/inspection-parts.tsx'
import { listInspectableCentres } from '#app/models/inspections.server.ts'
import { formatDay } from '#app/utils/format.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { districtToday, requireInspectionStaff } from '#app/utils/inspections.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import type { Language } from '#app/i18n.ts'

export const handle = { i18n: ['common', 'staff', 'inspections'] }

// The centres a street office inspects, with the last inspection and the issues still open.
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireInspectionStaff(request)
  const lang = await getLanguage(request)
  const [centres, t] = await Promise.all([
    listInspectableCentres({ scope, lang, today: districtToday(request) }),
    i18next.getFixedT(request, 'inspections'),
  ])
  return { title: t('list.title'), centres, editsChecklist: scope.district }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function Inspections() {
  const { centres, editsChecklist } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('inspections')
  const lng = i18n.language as Language
  return (
    <>
      <h1>{t('list.heading')}</h1>
      <p>{t('list.lead')}</p>
      {editsChecklist ? (
        <p>
          <Link to="/admin/inspection-checklist">{t('list.checklistLink')}</Link>
        </p>
      ) : null}
      {centres.length === 0 ? (
        <p className="empty">{t('list.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('list.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.columns.centre')}</th>
                <th scope="col">{t('list.columns.last')}</th>
                <th scope="col">{t('list.columns.issues')}</th>
                <th scope="col">{t('list.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {centres.map((centre) => (
                <tr key={centre.id}>
                  <th scope="row">
                    <Link to={`/staff/inspections/centres/${centre.slug}`}>{centre.name}</Link>
                    <p className="muted">{centre.streetName}</p>
                  </th>
                  <td>
                    {centre.latestInspectedOn ? (
                      <>
                        {formatDay(centre.latestInspectedOn, lng)}
                        <br />
                        <ScoreOutOf100 score={centre.latestScore} />
                      </>
                    ) : (
                      t('list.never')
                    )}
                  </td>
                  <td>
                    {t('list.open', { count: centre.openIssues })}
                    {centre.overdueIssues > 0 ? (
                      <p>
                        <strong className="tag tag--overdue">
                          {t('list.overdue', { count: centre.overdueIssues })}
                        </strong>
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <Link to={`/staff/inspections/centres/${centre.slug}/new`}>
                      {t('list.record', { centre: centre.name })}
                    </Link>
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
