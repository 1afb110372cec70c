import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorList, ErrorSummary, Field, TextareaField } from '#app/components/forms.tsx'
import { inspectionSchema, ISSUE_ROWS, SCORES } from '#app/domain/inspection-schemas.ts'
import { listChecklistItems, recordInspection } from '#app/models/inspections.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import i18next from '#app/utils/i18next.server.ts'
import { districtToday, requireInspectableCentre } from '#app/utils/inspections.server.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'staff', 'operator', 'inspections'] }

// Recording an inspection: a score for every checklist item, notes, and the issues found.
// Photos and further issues are added on the inspection's page once it is saved.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireInspectableCentre(request, params.centreSlug)
  const [items, t] = await Promise.all([listChecklistItems({ lang }), i18next.getFixedT(request, 'inspections')])
  return {
    title: t('record.title', { centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name },
    items: items.map(({ id, label }) => ({ id, label })),
    today: districtToday(request),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope, centre } = await requireInspectableCentre(request, params.centreSlug)
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: inspectionSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const value = submission.value
  if (value.inspectedOn > districtToday(request)) {
    return data(
      { result: submission.reply({ fieldErrors: { inspectedOn: ['inspections:form.inspectedInFuture'] } }) },
      { status: 400 },
    )
  }
  const recorded = await recordInspection({
    actorUserId: user.id,
    scope,
    input: {
      centreId: centre.id,
      inspectedOn: value.inspectedOn,
      notes: value.notes,
      scores: value.scores,
      issues: value.issues.flatMap((issue) =>
        issue.description && issue.fixBy ? [{ description: issue.description, fixBy: issue.fixBy }] : [],
      ),
    },
  })
  if (!recorded.ok) {
    return data({ result: submission.reply({ formErrors: [`inspections:form.${recorded.error}`] }) }, { status: 400 })
  }
  return redirect(`/staff/inspections/${recorded.id}?saved=recorded`, 303)
}

export default function RecordInspection() {
  const { centre, items, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('inspections')
  const [form, fields] = useForm({
    id: 'inspection',
    lastResult: actionData?.result,
    constraint: getZodConstraint(inspectionSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    defaultValue: {
      inspectedOn: today,
      scores: items.map((item) => ({ checklistItemId: String(item.id) })),
      issues: Array.from({ length: ISSUE_ROWS }, () => ({})),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inspectionSchema }),
  })
  const scoreRows = fields.scores.getFieldList()
  const issueRows = fields.issues.getFieldList()
  const labelOf = (index: number) => items[index]?.label ?? ''
  return (
    <>
      <p>
        <Link to={`/staff/inspections/centres/${centre.slug}`}>{t('record.back', { centre: centre.name })}</Link>
      </p>
      <h1>{t('record.heading', { centre: centre.name })}</h1>
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          { id: fields.inspectedOn.id, label: t('record.inspectedOn'), errors: fields.inspectedOn.errors },
          ...scoreRows.map((row, index) => {
            const parts = row.getFieldset()
            return {
              id: `${parts.score.id}-0`,
              label: labelOf(index),
              errors: [...(parts.score.errors ?? []), ...(parts.note.errors ?? []), ...(row.errors ?? [])],
            }
          }),
          { id: fields.notes.id, label: t('record.notes'), errors: fields.notes.errors },
          ...issueRows.flatMap((row, index) => {
            const parts = row.getFieldset()
            return [
              {
                id: parts.description.id,
                label: t('record.issueDescription', { n: index + 1 }),
                errors: parts.description.errors,
              },
              { id: parts.fixBy.id, label: t('record.issueFixBy', { n: index + 1 }), errors: parts.fixBy.errors },
            ]
          }),
        ]}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <Field
          label={t('record.inspectedOn')}
          errors={fields.inspectedOn.errors}
          inputProps={{ ...getInputProps(fields.inspectedOn, { type: 'date' }), max: today }}
        />
        <fieldset className="stack">
          <legend>{t('record.checklist')}</legend>
          <p className="hint" id="score-hint">
            {t('record.scoreHint')}
          </p>
          {scoreRows.map((row, index) => {
            const parts = row.getFieldset()
            const errorId = parts.score.errors?.length ? `${parts.score.id}-error` : undefined
            return (
              <div key={row.key} className={parts.score.errors?.length ? 'field field--error' : 'field'}>
                <input {...getInputProps(parts.checklistItemId, { type: 'hidden' })} />
                <fieldset className="score-choice" aria-describedby={['score-hint', errorId].filter(Boolean).join(' ')}>
                  <legend>{labelOf(index)}</legend>
                  <ErrorList id={errorId} errors={parts.score.errors} />
                  <div className="score-choice__options">
                    {SCORES.map((score) => {
                      const id = `${parts.score.id}-${score}`
                      return (
                        <span key={score} className="score-choice__option">
                          <input
                            {...getInputProps(parts.score, { type: 'radio', value: String(score) })}
                            id={id}
                            key={`${parts.score.key}-${score}`}
                          />
                          <label htmlFor={id}>{t('record.scoreValue', { score })}</label>
                        </span>
                      )
                    })}
                  </div>
                </fieldset>
                <Field
                  label={t('record.itemNote', { item: labelOf(index) })}
                  errors={parts.note.errors}
                  inputProps={getInputProps(parts.note, { type: 'text' })}
                />
              </div>
            )
          })}
        </fieldset>
        <TextareaField
          label={t('record.notes')}
          hint={t('record.notesHint')}
          errors={fields.notes.errors}
          textareaProps={getTextareaProps(fields.notes)}
        />
        <fieldset className="stack">
          <legend>{t('record.issues')}</legend>
          <p className="hint">{t('record.issuesHint', { count: ISSUE_ROWS })}</p>
          {issueRows.map((row, index) => {
            const parts = row.getFieldset()
            return (
              <div key={row.key} className="panel stack">
                <TextareaField
                  label={t('record.issueDescription', { n: index + 1 })}
                  errors={parts.description.errors}
                  textareaProps={{ ...getTextareaProps(parts.description), rows: 2 }}
                />
                <Field
                  label={t('record.issueFixBy', { n: index + 1 })}
                  errors={parts.fixBy.errors}
                  inputProps={getInputProps(parts.fixBy, { type: 'date' })}
                />
              </div>
            )
          })}
        </fieldset>
        <button type="submit">{t('record.save')}</button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
