import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, TextareaField } from '#app/components/forms.tsx'
import { IssueStanding, type IssueView } from '#app/components/inspection-parts.tsx'
import type { Language } from '#app/i18n.ts'
import { fixIssueSchema } from '#app/domain/inspection-schemas.ts'
import { listCentreIssues, markIssueFixed } from '#app/models/inspections.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { formatDay } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { districtToday } from '#app/utils/inspections.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'

export const handle = { i18n: ['common', 'staff', 'inspections'] }

// The issues the street office found at this centre: open ones to fix (overdue ones say
// so), each marked fixed with a note of what was done; and those fixed lately.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre } = await requireOperatedCentre(request, params.centreSlug)
  const [issues, t] = await Promise.all([
    listCentreIssues({ centreId: centre.id, today: districtToday(request) }),
    i18next.getFixedT(request, 'inspections'),
  ])
  return {
    title: t('operator.title', { centre: centre.name }),
    centre: { name: centre.name },
    issues,
    fixed: new URL(request.url).searchParams.get('fixed') === '1',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, centre } = await requireOperatedCentre(request, params.centreSlug)
  const formData = await readFormData(request)
  const issueId = Number(formData.get('issueId'))
  const submission = parseWithZod(formData, { schema: fixIssueSchema })
  if (submission.status !== 'success') return data({ issueId, result: submission.reply() }, { status: 400 })
  const fixed = await markIssueFixed({
    actorUserId: user.user.id,
    centreId: centre.id,
    issueId: submission.value.issueId,
    note: submission.value.note,
    now: requestNow(request),
  })
  if (!fixed) {
    return data(
      { issueId, result: submission.reply({ formErrors: ['inspections:operator.notOpen'] }) },
      { status: 400 },
    )
  }
  return redirect(`/operator/centres/${centre.slug}/issues?fixed=1`, 303)
}

export default function CentreIssues() {
  const { centre, issues, fixed } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('inspections')
  const overdue = issues.open.filter((issue) => issue.overdue).length
  return (
    <>
      <h1>{t('operator.heading', { centre: centre.name })}</h1>
      {fixed ? (
        <p className="notice notice--success" role="status">
          {t('operator.fixedDone')}
        </p>
      ) : null}
      <p>
        {t('operator.summary', { count: issues.open.length })}
        {overdue > 0 ? (
          <>
            {' '}
            <strong className="tag tag--overdue">{t('list.overdue', { count: overdue })}</strong>
          </>
        ) : null}
      </p>
      <section aria-labelledby="open-title">
        <h2 id="open-title">{t('operator.open')}</h2>
        {issues.open.length === 0 ? (
          <p className="empty">{t('operator.noneOpen')}</p>
        ) : (
          <ul className="card-list">
            {issues.open.map((issue) => (
              <li key={issue.id} className="card">
                <OpenIssue
                  issue={issue}
                  lastResult={actionData?.issueId === issue.id ? actionData.result : undefined}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="fixed-title">
        <h2 id="fixed-title">{t('operator.recentlyFixed')}</h2>
        {issues.fixed.length === 0 ? (
          <p className="empty">{t('operator.noneFixed')}</p>
        ) : (
          <ul className="card-list">
            {issues.fixed.map((issue) => (
              <li key={issue.id} className="card">
                <p>{issue.description}</p>
                <IssueStanding issue={issue} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

function OpenIssue({ issue, lastResult }: { issue: IssueView; lastResult?: SubmissionResult<string[]> }) {
  const { t, i18n } = useTranslation('inspections')
  const lng = i18n.language as Language
  const [form, fields] = useForm({
    id: `fix-${issue.id}`,
    lastResult,
    constraint: getZodConstraint(fixIssueSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: fixIssueSchema }),
  })
  const noteLabel = t('operator.note')
  return (
    <>
      <h3 className="card__title" id={`issue-${issue.id}-title`}>
        {issue.description}
      </h3>
      <IssueStanding issue={issue} />
      <p className="muted">{t('operator.foundAt', { date: formatDay(issue.inspectedOn, lng) })}</p>
      <ErrorSummary
        formErrors={form.errors}
        fields={[{ id: fields.note.id, label: noteLabel, errors: fields.note.errors }]}
      />
      <Form method="post" {...getFormProps(form)} aria-labelledby={`issue-${issue.id}-title`} className="stack">
        <input type="hidden" name="intent" value="fix" />
        <input type="hidden" name="issueId" value={issue.id} />
        <TextareaField
          label={noteLabel}
          hint={t('operator.noteHint')}
          errors={fields.note.errors}
          textareaProps={{ ...getTextareaProps(fields.note), rows: 2 }}
        />
        <button type="submit" className="button button--secondary">
          {t('operator.markFixed')}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
