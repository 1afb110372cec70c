import type { LoaderFunctionArgs } from '@remix-run/node'
import { comparisonMeasures, MAX_PERIOD_DAYS } from '#app/domain/comparison.ts'
import { csvDocument } from '#app/domain/csv.ts'
import { serviceCategories } from '#app/domain/enums.ts'
import { csvHeaders } from '#app/utils/booking-export.server.ts'
import { loadComparison } from '#app/utils/comparison.server.ts'
import i18next from '#app/utils/i18next.server.ts'

// The comparison of centres as a spreadsheet: the same street, period and order as the page.
export async function loader({ request }: LoaderFunctionArgs) {
  const [comparison, t, common] = await Promise.all([
    loadComparison(request),
    i18next.getFixedT(request, 'district'),
    i18next.getFixedT(request, 'common'),
  ])
  if (comparison.periodError) {
    // Something typed into the address: a plain, translated answer rather than an error page.
    return new Response(t('periodError', { max: MAX_PERIOD_DAYS }), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  }
  const { period, street } = comparison
  const changeOf = (column: string) => t('csv.changeOf', { column })
  const header = [
    t('columns.rank'),
    t('columns.centre'),
    t('columns.street'),
    t('columns.composite'),
    changeOf(t('columns.composite')),
    t('columns.catchment'),
    t('csv.booked'),
    ...comparisonMeasures.flatMap((measure) => [t(`csv.columns.${measure}`), changeOf(t(`csv.columns.${measure}`))]),
    t('csv.ratingCount'),
    t('csv.inspectedOn'),
    ...serviceCategories.map((category) => t('columns.services', { category: common(`category.${category}.name`) })),
  ]
  const rows = comparison.rows.map((row) => [
    row.rank,
    row.name,
    row.streetName,
    row.composite,
    row.compositeChange,
    row.catchmentPopulation,
    row.figures.booked,
    ...comparisonMeasures.flatMap((measure) => [row.figures[measure], row.changes[measure]]),
    row.figures.ratingCount,
    row.inspectedOn,
    ...serviceCategories.map((category) => row.standing.services[category]),
  ])
  const name = ['comparison', street?.slug, period.from, 'to', period.until].filter(Boolean).join('-')
  return new Response(
    csvDocument([
      [
        t('csv.period', {
          from: period.from,
          until: period.until,
          previousFrom: period.previousFrom,
          previousUntil: period.previousUntil,
        }),
      ],
      header,
      ...rows,
    ]),
    { headers: csvHeaders(`${name}.csv`) },
  )
}
