import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { ComparisonCharts, ComparisonDefinitions, ComparisonTable } from '#app/components/comparison-table.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import type { Language } from '#app/i18n.ts'
import { comparisonMeasures } from '#app/domain/comparison.ts'
import { comparisonQuery, loadComparison } from '#app/utils/comparison.server.ts'
import { formatDay } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'district'] }

// The comparison laid out for paper: no forms or sort links, the weights spelt out, charts after the table.
export async function loader({ request }: LoaderFunctionArgs) {
  const [comparison, t] = await Promise.all([loadComparison(request), i18next.getFixedT(request, 'district')])
  return {
    title: t('print.title'),
    district: comparison.district.name,
    street: comparison.street,
    isAdmin: comparison.isAdmin,
    period: comparison.period,
    query: comparisonQuery(comparison),
    sort: comparison.sort,
    dir: comparison.dir,
    weights: comparison.weights,
    rows: comparison.rows,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function PrintableComparison() {
  const { district, street, isAdmin, period, query, sort, dir, weights, rows } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('district')
  const lng = i18n.language as Language
  return (
    <article className="printable">
      <p className="no-print">
        <Link to={`/district/comparison?${new URLSearchParams({ ...query, sort, dir })}`}>{t('print.back')}</Link>{' '}
        <span className="muted">{t('print.hint')}</span>
      </p>
      <h1>{t('print.heading', { district })}</h1>
      <p className="lead">
        {t('lead', {
          district,
          scope: street ? t('scope.street', { street: street.name }) : t(isAdmin ? 'scope.district' : 'scope.own'),
          from: formatDay(period.from, lng),
          until: formatDay(period.until, lng),
          previousFrom: formatDay(period.previousFrom, lng),
          previousUntil: formatDay(period.previousUntil, lng),
        })}
      </p>
      <p>
        {t('print.weights', {
          weights: comparisonMeasures
            .map((measure) => t('weights.item', { measure: t(`columns.${measure}`), weight: weights[measure] }))
            .join(t('charts.separator')),
        })}
      </p>
      <ComparisonTable rows={rows} query={query} sort={sort} dir={dir} sortable={false} />
      <section aria-labelledby="print-charts-title" className="print-charts">
        <h2 id="print-charts-title">{t('charts.heading')}</h2>
        <ComparisonCharts rows={rows} />
      </section>
      <ComparisonDefinitions weights={weights} open />
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
