import { Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import {
  comparisonMeasures,
  defaultDirection,
  type ComparisonFigures,
  type ComparisonMeasure,
  type ComparisonSortKey,
  type SortDirection,
} from '#app/domain/comparison.ts'
import { serviceCategories, type ServiceCategory } from '#app/domain/enums.ts'
import { BarChart } from './bar-chart.tsx'

/** One centre as the comparison's table, charts and CSV show it. */
export interface ComparisonRowView {
  id: number
  slug: string
  name: string
  streetName: string
  catchmentPopulation: number
  inspectedOn: string | null
  figures: ComparisonFigures
  standing: { services: Record<ServiceCategory, number> }
  composite: number | null
  compositeChange: number | null
  rank: number | null
  changes: Record<ComparisonMeasure | 'ratingCount', number | null>
}

const PERCENT_MEASURES = new Set<ComparisonMeasure>(['fillRate', 'attendanceRate', 'noShowRate'])

/** A figure as text: percentages with their sign, a rating with its count, "—" when unknown. */
export function useFigureText() {
  const { t, i18n } = useTranslation('district')
  const number = (value: number) => value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN')
  return (row: ComparisonRowView, measure: ComparisonMeasure): string => {
    const value = row.figures[measure]
    if (value === null) return t('value.none')
    if (PERCENT_MEASURES.has(measure)) return t('value.percent', { value: number(value) })
    if (measure === 'rating') return t('value.rating', { value: number(value), count: row.figures.ratingCount })
    if (measure === 'categoriesOffered') return t('value.categories', { value })
    return number(value)
  }
}

/**
 * The change since the previous period: an arrow and a signed number for the eye, the
 * same in words for screen readers (never colour alone).
 */
export function ChangeMarker({ value }: { value: number | null }) {
  const { t } = useTranslation('district')
  if (value === null) {
    return (
      <span className="change">
        <span aria-hidden="true">{t('change.noneShort')}</span>
        <span className="visually-hidden">{t('change.none')}</span>
      </span>
    )
  }
  const kind = value > 0 ? 'up' : value < 0 ? 'down' : 'same'
  const symbol = { up: '▲', down: '▼', same: '=' }[kind]
  const shown = value > 0 ? `+${value}` : String(value)
  return (
    <span className={`change change--${kind}`}>
      <span aria-hidden="true">
        {symbol} {t(`change.${kind}Short`, { value: shown })}
      </span>
      <span className="visually-hidden">{t(`change.${kind}`, { value: Math.abs(value) })}</span>
    </span>
  )
}

export type ComparisonQuery = Record<string, string>

/** The address of the comparison sorted by `key` in `dir`, keeping the street and period. */
export function sortHref(query: ComparisonQuery, key: ComparisonSortKey, dir: SortDirection) {
  return `?${new URLSearchParams({ ...query, sort: key, dir })}`
}

/**
 * Every centre side by side. Each column header is a link that sorts by it (so sorting
 * works without JavaScript); the sorted column carries aria-sort. `sortable` is off in
 * the printable view.
 */
export function ComparisonTable({
  rows,
  query,
  sort,
  dir,
  sortable = true,
  editCatchment = false,
}: {
  rows: ComparisonRowView[]
  query: ComparisonQuery
  sort: ComparisonSortKey
  dir: SortDirection
  sortable?: boolean
  /** District admins get a link to change each centre's residents served. */
  editCatchment?: boolean
}) {
  const { t, i18n } = useTranslation('district')
  const figureText = useFigureText()
  const number = (value: number) => value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN')
  const header = (key: ComparisonSortKey, label: string) => {
    const sorted = sort === key
    const nextDir = sorted ? (dir === 'asc' ? 'desc' : 'asc') : defaultDirection(key)
    return (
      <th
        scope="col"
        key={key}
        aria-sort={sorted ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
        className={sorted ? 'sorted' : undefined}
      >
        {sortable ? (
          <Link to={sortHref(query, key, nextDir)} preventScrollReset>
            {label}
            {sorted ? <span aria-hidden="true"> {dir === 'asc' ? '↑' : '↓'}</span> : null}
            <span className="visually-hidden">
              {t('table.sortHint', { direction: t(`table.${nextDir === 'asc' ? 'ascending' : 'descending'}`) })}
            </span>
          </Link>
        ) : (
          label
        )}
      </th>
    )
  }
  return (
    <div className="table-scroll">
      <table className="data-table comparison-table">
        <caption>
          {t('table.caption')}{' '}
          <span className="muted">
            {t('table.sortedBy', {
              column: t(`columns.${sort}`),
              direction: t(`table.${dir === 'asc' ? 'ascending' : 'descending'}`),
            })}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.rank')}</th>
            {header('centre', t('columns.centre'))}
            {header('street', t('columns.street'))}
            {header('composite', t('columns.composite'))}
            {header('catchment', t('columns.catchment'))}
            {comparisonMeasures.map((measure) => header(measure, t(`columns.${measure}`)))}
            {serviceCategories.map((category) =>
              header(category, t('columns.services', { category: t(`category.${category}.name`, { ns: 'common' }) })),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.rank ?? t('value.none')}</td>
              <th scope="row">
                <Link to={`/centres/${row.slug}`}>{row.name}</Link>
              </th>
              <td>{row.streetName}</td>
              <td className="number">
                <strong>{row.composite === null ? t('value.none') : number(row.composite)}</strong>
                <br />
                <ChangeMarker value={row.compositeChange} />
              </td>
              <td className="number">
                {number(row.catchmentPopulation)}
                {editCatchment ? (
                  <>
                    <br />
                    <Link to={`/admin/centres/${row.slug}`}>
                      {t('table.editCatchment')}
                      <span className="visually-hidden"> {row.name}</span>
                    </Link>
                  </>
                ) : null}
              </td>
              {comparisonMeasures.map((measure) => (
                <td key={measure} className="number">
                  {figureText(row, measure)}
                  {measure === 'inspectionScore' && row.inspectedOn ? (
                    <span className="muted"> {t('value.inspectedOn', { date: row.inspectedOn })}</span>
                  ) : null}
                  {measure === 'categoriesOffered' ? null : (
                    <>
                      <br />
                      <ChangeMarker value={row.changes[measure]} />
                    </>
                  )}
                </td>
              ))}
              {serviceCategories.map((category) => (
                <td key={category} className="number">
                  {row.standing.services[category]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const CHARTS = [
  { key: 'composite', max: 100 },
  { key: 'bookingsPer1000', max: undefined },
  { key: 'fillRate', max: 100 },
] as const

/**
 * Three charts drawn on the server — the composite score, bookings per 1,000 residents and
 * the fill rate of each centre, best first — each with its numbers in a table beside it.
 */
export function ComparisonCharts({ rows }: { rows: ComparisonRowView[] }) {
  const { t } = useTranslation('district')
  const figureText = useFigureText()
  return (
    <>
      {CHARTS.map((chart) => {
        const valued = rows
          .map((row) => {
            const value = chart.key === 'composite' ? row.composite : row.figures[chart.key]
            const text =
              chart.key === 'composite'
                ? value === null
                  ? t('value.none')
                  : String(value)
                : figureText(row, chart.key)
            const changeValue = chart.key === 'composite' ? row.compositeChange : row.changes[chart.key]
            return { row, value, text, changeValue }
          })
          .sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
        const bars = valued.map(({ row, value, text }) => ({
          key: String(row.id),
          label: row.name,
          value: value ?? 0,
          text,
        }))
        const description = bars
          .map((bar) => t('charts.describeBar', { label: bar.label, value: bar.text }))
          .join(t('charts.separator'))
        const titleId = `chart-${chart.key}`
        return (
          <section key={chart.key} aria-labelledby={titleId} className="figures-section comparison-chart">
            <h3 id={titleId}>{t(`charts.${chart.key}`)}</h3>
            <div className="figures-layout">
              <BarChart title={t(`charts.${chart.key}`)} description={description} bars={bars} max={chart.max} />
              <div className="table-scroll">
                <table className="data-table figures-table">
                  <caption className="visually-hidden">{t(`charts.${chart.key}`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('columns.centre')}</th>
                      <th scope="col">{t(`columns.${chart.key}`)}</th>
                      <th scope="col">{t('columns.change')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {valued.map(({ row, text, changeValue }) => (
                      <tr key={row.id}>
                        <th scope="row">{row.name}</th>
                        <td>{text}</td>
                        <td>
                          <ChangeMarker value={changeValue} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </section>
        )
      })}
    </>
  )
}

/** What each measure means and how it turns into points, and its weight now. */
export function ComparisonDefinitions({
  weights,
  open = false,
}: {
  weights: Record<ComparisonMeasure, number>
  /** Open on paper, where nobody can click it open. */
  open?: boolean
}) {
  const { t } = useTranslation('district')
  return (
    <details className="panel definitions" open={open}>
      <summary>{t('definitions.title')}</summary>
      <p>{t('definitions.composite')}</p>
      <dl className="facts">
        {comparisonMeasures.map((measure) => (
          <div key={measure}>
            <dt>
              {t(`columns.${measure}`)}{' '}
              <span className="muted">{t('definitions.weight', { weight: weights[measure] })}</span>
            </dt>
            <dd>
              {t(`definitions.${measure}`)} {t(`points.${measure}`)}
            </dd>
          </div>
        ))}
      </dl>
      <p>{t('definitions.services')}</p>
      <p>{t('definitions.change')}</p>
    </details>
  )
}
