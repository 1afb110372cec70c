import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import type * as z from 'zod'
import {
  ComparisonCharts,
  ComparisonDefinitions,
  ComparisonTable,
  type ComparisonQuery,
} from '#app/components/comparison-table.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, Field } from '#app/components/forms.tsx'
import type { Language } from '#app/i18n.ts'
import { comparisonMeasures, MAX_PERIOD_DAYS, MAX_WEIGHT, periodKinds } from '#app/domain/comparison.ts'
import { weightsSchema } from '#app/domain/comparison-schemas.ts'
import { saveComparisonWeights } from '#app/models/district.server.ts'
import { comparisonQuery, loadComparison, requireComparisonScope } from '#app/utils/comparison.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { formatDay } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'district'] }

// The district's comparison of its centres (赛马) for a period, with the composite score's weights.
export async function loader({ request }: LoaderFunctionArgs) {
  const [comparison, t] = await Promise.all([loadComparison(request), i18next.getFixedT(request, 'district')])
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('title'),
    district: comparison.district.name,
    street: comparison.street,
    streets: comparison.streets,
    isAdmin: comparison.isAdmin,
    period: comparison.period,
    periodError: comparison.periodError,
    query: comparisonQuery(comparison),
    sort: comparison.sort,
    dir: comparison.dir,
    weights: comparison.weights,
    rows: comparison.rows,
    done: done === 'weights' ? done : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireComparisonScope(request)
  if (!scope.isAdmin) throw new Response('Forbidden', { status: 403 })
  const submission = parseWithZod(await readFormData(request), { schema: weightsSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { intent: _intent, ...weights } = submission.value
  await saveComparisonWeights({ actorUserId: scope.user.id, districtId: scope.district.id, weights })
  const back = new URL(request.url).searchParams
  back.delete('index')
  back.set('done', 'weights')
  return redirect(`/district/comparison?${back}`)
}

/** The address of a sibling view (CSV, print) for the same street, period and order. */
function viewHref(path: string, query: ComparisonQuery, sort: string, dir: string) {
  return `${path}?${new URLSearchParams({ ...query, sort, dir })}`
}

export default function DistrictComparison() {
  const { district, street, streets, isAdmin, period, periodError, query, sort, dir, weights, rows, done } =
    useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('district')
  const lng = i18n.language as Language
  return (
    <>
      <h1>{t('heading')}</h1>
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
      {periodError ? (
        <p className="notice notice--warning" role="alert">
          {t('periodError', { max: MAX_PERIOD_DAYS })}
        </p>
      ) : null}
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`done.${done}`)}
        </p>
      ) : null}

      <Form method="get" className="filter-form comparison-filter no-print">
        {streets.length > 1 ? (
          <div className="field">
            <label htmlFor="comparison-street">{t('filter.street')}</label>
            <select id="comparison-street" name="street" defaultValue={street?.slug ?? ''}>
              <option value="">{t(isAdmin ? 'filter.wholeDistrict' : 'filter.allMyStreets')}</option>
              {streets.map((option) => (
                <option key={option.slug} value={option.slug}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="comparison-period">{t('filter.period')}</label>
          <select id="comparison-period" name="period" defaultValue={period.kind}>
            {periodKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`filter.periods.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="comparison-from">{t('filter.from')}</label>
          <input
            id="comparison-from"
            type="date"
            name="from"
            defaultValue={period.from}
            aria-describedby="comparison-range-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="comparison-until">{t('filter.until')}</label>
          <input
            id="comparison-until"
            type="date"
            name="until"
            defaultValue={period.until}
            aria-describedby="comparison-range-hint"
          />
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <p id="comparison-range-hint" className="hint">
          {t('filter.rangeHint', { max: MAX_PERIOD_DAYS })}
        </p>
        <button type="submit" className="button button--secondary">
          {t('filter.show')}
        </button>
      </Form>

      <ul className="link-list no-print">
        <li>
          <a href={viewHref('/district/comparison.csv', query, sort, dir)} download>
            {t('links.csv')}
          </a>
        </li>
        <li>
          <Link to={viewHref('/district/comparison/print', query, sort, dir)}>{t('links.print')}</Link>
        </li>
      </ul>

      <ComparisonDefinitions weights={weights} />

      <section aria-labelledby="comparison-table-title">
        <h2 id="comparison-table-title">{t('table.heading')}</h2>
        {rows.length === 0 ? (
          <p className="empty">{t('table.noCentres')}</p>
        ) : (
          <ComparisonTable rows={rows} query={query} sort={sort} dir={dir} editCatchment={isAdmin} />
        )}
      </section>

      {rows.length > 0 ? (
        <section aria-labelledby="comparison-charts-title">
          <h2 id="comparison-charts-title">{t('charts.heading')}</h2>
          <ComparisonCharts rows={rows} />
        </section>
      ) : null}

      <WeightsSection weights={weights} editable={isAdmin} />
    </>
  )
}

function WeightsSection({ weights, editable }: { weights: Record<string, number>; editable: boolean }) {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('district')
  const [form, fields] = useForm<z.input<typeof weightsSchema>, z.output<typeof weightsSchema>>({
    id: 'weights',
    lastResult: actionData?.result,
    constraint: getZodConstraint(weightsSchema),
    defaultValue: Object.fromEntries(comparisonMeasures.map((measure) => [measure, String(weights[measure])])),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: weightsSchema }),
  })
  return (
    <section aria-labelledby="weights-title" className="panel no-print">
      <h2 id="weights-title">{t('weights.heading')}</h2>
      <p>{t('weights.lead', { max: MAX_WEIGHT })}</p>
      {editable ? (
        <>
          <ErrorSummary
            formErrors={form.errors}
            fields={comparisonMeasures.map((measure) => ({
              id: fields[measure].id,
              label: t(`columns.${measure}`),
              errors: fields[measure].errors,
            }))}
          />
          <Form method="post" {...getFormProps(form)} className="weights-form">
            <input type="hidden" name="intent" value="weights" />
            {comparisonMeasures.map((measure) => (
              <Field
                key={measure}
                label={t(`columns.${measure}`)}
                errors={fields[measure].errors}
                inputProps={{
                  ...getInputProps(fields[measure], { type: 'number' }),
                  inputMode: 'numeric',
                  autoComplete: 'off',
                }}
              />
            ))}
            <button type="submit">{t('weights.save')}</button>
          </Form>
        </>
      ) : (
        <>
          <ul className="weights-list">
            {comparisonMeasures.map((measure) => (
              <li key={measure}>{t('weights.item', { measure: t(`columns.${measure}`), weight: weights[measure] })}</li>
            ))}
          </ul>
          <p className="muted">{t('weights.readOnly')}</p>
        </>
      )}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
