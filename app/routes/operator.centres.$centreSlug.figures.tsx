import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { BarChart } from '#app/components/bar-chart.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import type { Language } from '#app/i18n.ts'
import { attendanceRate, fillRate, type FigureCounts } from '#app/domain/figures.ts'
import { centreFigures } from '#app/models/figures.server.ts'
import { formatDay } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'

export const handle = { i18n: ['common', 'staff', 'desk'] }

// A centre's figures: this week and the four before, by week, category and service.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const [figures, t] = await Promise.all([
    centreFigures({ centreId: centre.id, timeZone: centre.timeZone, lang }),
    i18next.getFixedT(request, 'desk'),
  ])
  return { title: t('figures.title', { centre: centre.name }), centre: { name: centre.name }, figures }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

const MEASURES = [
  'slots',
  'capacity',
  'booked',
  'fill',
  'attendance',
  'noShows',
  'waitlistDemand',
  'cancellations',
] as const

export default function Figures() {
  const { centre, figures } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('desk')
  const lng = i18n.language as Language
  const percent = (value: number | null) => (value === null ? t('figures.none') : t('figures.percent', { value }))
  const cells = (counts: FigureCounts) => ({
    slots: String(counts.slots),
    capacity: String(counts.capacity),
    booked: String(counts.booked),
    fill: percent(fillRate(counts)),
    attendance: percent(attendanceRate(counts)),
    noShows: String(counts.noShows),
    waitlistDemand: String(counts.waitlistDemand),
    cancellations: String(counts.cancellations),
  })
  const weekLabel = (week: string) => t('figures.weekOf', { day: formatDay(week, lng) })
  const categoryLabel = (category: string) => t(`category.${category}.name`, { ns: 'common' })

  const weekBars = figures.weeks.map((week) => ({
    key: week.week,
    label: weekLabel(week.week),
    value: fillRate(week) ?? 0,
    text: percent(fillRate(week)),
  }))
  const categoryBars = figures.categories.map((category) => ({
    key: category.category,
    label: categoryLabel(category.category),
    value: category.booked,
    text: t('figures.bookedValue', { count: category.booked }),
  }))
  const serviceBars = figures.services.map((service) => ({
    key: String(service.serviceId),
    label: service.serviceName,
    value: service.booked,
    text: t('figures.bookedValue', { count: service.booked }),
  }))
  const describe = (bars: Array<{ label: string; text: string }>) =>
    bars.map((bar) => t('figures.describeBar', { label: bar.label, value: bar.text })).join(t('figures.separator'))

  return (
    <>
      <h1>{t('figures.heading', { centre: centre.name })}</h1>
      <p className="lead">
        {t('figures.period', { from: formatDay(figures.from, lng), until: formatDay(figures.until, lng) })}
      </p>
      <details className="panel">
        <summary>{t('figures.definitionsTitle')}</summary>
        <dl className="facts">
          {MEASURES.map((measure) => (
            <div key={measure}>
              <dt>{t(`figures.measures.${measure}`)}</dt>
              <dd>{t(`figures.definitions.${measure}`)}</dd>
            </div>
          ))}
        </dl>
      </details>

      <section aria-labelledby="weeks-title" className="figures-section">
        <h2 id="weeks-title">{t('figures.byWeek')}</h2>
        <div className="figures-layout">
          <BarChart title={t('figures.weekChartTitle')} description={describe(weekBars)} bars={weekBars} max={100} />
          <FiguresTable
            caption={t('figures.byWeek')}
            rowHeader={t('figures.week')}
            rows={figures.weeks.map((week) => ({ key: week.week, label: weekLabel(week.week), cells: cells(week) }))}
            total={{ label: t('figures.total'), cells: cells(figures.total) }}
          />
        </div>
      </section>

      <section aria-labelledby="categories-title" className="figures-section">
        <h2 id="categories-title">{t('figures.byCategory')}</h2>
        <div className="figures-layout">
          <BarChart title={t('figures.categoryChartTitle')} description={describe(categoryBars)} bars={categoryBars} />
          <FiguresTable
            caption={t('figures.byCategory')}
            rowHeader={t('figures.category')}
            rows={figures.categories.map((category) => ({
              key: category.category,
              label: categoryLabel(category.category),
              cells: cells(category),
            }))}
          />
        </div>
      </section>

      <section aria-labelledby="services-title" className="figures-section">
        <h2 id="services-title">{t('figures.byService')}</h2>
        {figures.services.length === 0 ? (
          <p className="empty">{t('figures.noServices')}</p>
        ) : (
          <div className="figures-layout">
            <BarChart title={t('figures.serviceChartTitle')} description={describe(serviceBars)} bars={serviceBars} />
            <FiguresTable
              caption={t('figures.byService')}
              rowHeader={t('figures.service')}
              rows={figures.services.map((service) => ({
                key: String(service.serviceId),
                label: `${service.serviceName} (${categoryLabel(service.category)})`,
                cells: cells(service),
              }))}
            />
          </div>
        )}
      </section>
    </>
  )
}

function FiguresTable({
  caption,
  rowHeader,
  rows,
  total,
}: {
  caption: string
  rowHeader: string
  rows: Array<{ key: string; label: string; cells: Record<(typeof MEASURES)[number], string> }>
  total?: { label: string; cells: Record<(typeof MEASURES)[number], string> }
}) {
  const { t } = useTranslation('desk')
  return (
    <div className="table-scroll">
      <table className="data-table figures-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {MEASURES.map((measure) => (
              <th scope="col" key={measure}>
                {t(`figures.measures.${measure}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {MEASURES.map((measure) => (
                <td key={measure}>{row.cells[measure]}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">{total.label}</th>
              {MEASURES.map((measure) => (
                <td key={measure}>{total.cells[measure]}</td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
