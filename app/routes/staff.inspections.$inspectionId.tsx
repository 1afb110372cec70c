import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorList, ErrorSummary, Field, TextareaField } from '#app/components/forms.tsx'
import { ImageFileField } from '#app/components/image-file-field.tsx'
import { IssueStanding, ScoreOutOf100 } from '#app/components/inspection-parts.tsx'
import type { Language } from '#app/i18n.ts'
import { isRowId } from '#app/domain/row-id.ts'
import { issueSchema, photoCaptionField } from '#app/domain/inspection-schemas.ts'
import { addInspectionIssue, addInspectionPhoto, getInspection, mayInspect } from '#app/models/inspections.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { formatDay } from '#app/utils/format.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { readImageUpload, uploadTooLarge } from '#app/utils/image-upload.server.ts'
import { districtToday, refuseOutsideScope, requireInspectionStaff } from '#app/utils/inspections.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'staff', 'operator', 'inspections'] }

const savedOutcomes = ['recorded', 'issue', 'photo'] as const
type SavedOutcome = (typeof savedOutcomes)[number]

/** The inspection, if it exists and this person may see it: 404 for none, 403 for another street's centre. */
async function loadForStaff(request: Request, idParam: string | undefined) {
  const { user, scope } = await requireInspectionStaff(request)
  const id = Number(idParam)
  invariantResponse(isRowId(id), 'Not found', { status: 404 })
  const lang = await getLanguage(request)
  const inspection = await getInspection({ id, lang, today: districtToday(request) })
  invariantResponse(inspection, 'Not found', { status: 404 })
  if (!mayInspect(scope, inspection.streetId)) refuseOutsideScope(request, user.id)
  return { user, scope, inspection }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { inspection } = await loadForStaff(request, params.inspectionId)
  const t = await i18next.getFixedT(request, 'inspections')
  const saved = new URL(request.url).searchParams.get('saved')
  return {
    title: t('detail.title', { centre: inspection.centreName, date: inspection.inspectedOn }),
    inspection,
    saved: savedOutcomes.includes(saved as SavedOutcome) ? (saved as SavedOutcome) : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope, inspection } = await loadForStaff(request, params.inspectionId)
  // Only the photo form is multipart; refuse a body too large to hold one before reading it.
  if (uploadTooLarge(request)) return data({ photoError: 'inspections:photos.tooBig' }, { status: 413 })
  const formData = await readFormData(request)
  const target = { actorUserId: user.id, scope, inspectionId: inspection.id }
  if (formData.get('intent') === 'add-photo') {
    const refuse = (photoError: string) => data({ photoError }, { status: 400 })
    const upload = await readImageUpload(formData, 'photo')
    if (!upload.ok) return refuse(`inspections:photos.${upload.refusal}`)
    const caption = photoCaptionField.safeParse(formData.get('caption'))
    if (!caption.success) return refuse('inspections:photos.captionRequired')
    const added = await addInspectionPhoto({ ...target, ...upload, caption: caption.data })
    if (!added) return refuse('inspections:form.not_allowed')
    return redirect(`/staff/inspections/${inspection.id}?saved=photo#photos-title`, 303)
  }
  const submission = parseWithZod(formData, { schema: issueSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const outcome = await addInspectionIssue({ ...target, ...submission.value })
  if (outcome === 'fix_by_before_inspection') {
    return data(
      { result: submission.reply({ fieldErrors: { fixBy: ['inspections:form.fixByTooEarly'] } }) },
      { status: 400 },
    )
  }
  if (outcome !== 'added') {
    return data({ result: submission.reply({ formErrors: ['inspections:form.not_allowed'] }) }, { status: 400 })
  }
  return redirect(`/staff/inspections/${inspection.id}?saved=issue#issues-title`, 303)
}

export default function InspectionPage() {
  const { inspection, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('inspections')
  const lng = i18n.language as Language
  const photoError = actionData && 'photoError' in actionData ? actionData.photoError : null
  const [form, fields] = useForm({
    id: 'add-issue',
    lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(issueSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueSchema }),
  })
  return (
    <>
      <p>
        <Link to={`/staff/inspections/centres/${inspection.centreSlug}`}>
          {t('record.back', { centre: inspection.centreName })}
        </Link>
      </p>
      <h1>{t('detail.heading', { centre: inspection.centreName, date: formatDay(inspection.inspectedOn, lng) })}</h1>
      {saved ? (
        <p className="notice notice--success" role="status">
          {t(`detail.saved.${saved}`)}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('detail.score')}</dt>
          <dd>
            <ScoreOutOf100 score={inspection.score} />
          </dd>
        </div>
        <div>
          <dt>{t('detail.inspector')}</dt>
          <dd>{inspection.inspectorName}</dd>
        </div>
      </dl>

      <section aria-labelledby="scores-title">
        <h2 id="scores-title">{t('record.checklist')}</h2>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('record.checklist')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('detail.item')}</th>
                <th scope="col">{t('detail.itemScore')}</th>
                <th scope="col">{t('detail.itemNote')}</th>
              </tr>
            </thead>
            <tbody>
              {inspection.scores.map((score) => (
                <tr key={score.id}>
                  <th scope="row">{score.label}</th>
                  <td>{t('detail.outOf5', { score: score.score })}</td>
                  <td>{score.note || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {inspection.notes ? (
          <>
            <h3>{t('record.notes')}</h3>
            <p className="preserve-lines">{inspection.notes}</p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="issues-title">
        <h2 id="issues-title" tabIndex={-1}>
          {t('detail.issues')}
        </h2>
        {inspection.issues.length === 0 ? (
          <p className="empty">{t('detail.noIssues')}</p>
        ) : (
          <ul className="card-list">
            {inspection.issues.map((issue) => (
              <li key={issue.id} className="card">
                <p>{issue.description}</p>
                <IssueStanding issue={issue} />
              </li>
            ))}
          </ul>
        )}
        <div className="panel">
          <h3>{t('detail.addIssue')}</h3>
          <ErrorSummary
            formErrors={form.errors}
            fields={[
              { id: fields.description.id, label: t('detail.issueDescription'), errors: fields.description.errors },
              { id: fields.fixBy.id, label: t('detail.issueFixBy'), errors: fields.fixBy.errors },
            ]}
          />
          <Form method="post" {...getFormProps(form)} className="stack">
            <input type="hidden" name="intent" value="add-issue" />
            <TextareaField
              label={t('detail.issueDescription')}
              errors={fields.description.errors}
              textareaProps={{ ...getTextareaProps(fields.description), rows: 2 }}
            />
            <Field
              label={t('detail.issueFixBy')}
              errors={fields.fixBy.errors}
              inputProps={getInputProps(fields.fixBy, { type: 'date' })}
            />
            <button type="submit" className="button button--secondary">
              {t('detail.addIssue')}
            </button>
          </Form>
        </div>
      </section>

      <section aria-labelledby="photos-title">
        <h2 id="photos-title" tabIndex={-1}>
          {t('photos.heading')}
        </h2>
        {inspection.photos.length > 0 ? (
          <ul className="image-list">
            {inspection.photos.map((photo) => (
              <li key={photo.storageKey}>
                <a href={`/inspection-photos/${photo.storageKey}`}>
                  <img src={`/inspection-photos/${photo.storageKey}`} alt={photo.caption} width="160" />
                </a>
                <p>{photo.caption}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('photos.none')}</p>
        )}
        {photoError ? (
          <div className="error-summary" role="alert" aria-labelledby="photo-error-title">
            <h3 id="photo-error-title">{t('common:form.problem')}</h3>
            <ErrorList id="photo-error" errors={[photoError]} />
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="stack">
          <ImageFileField
            id="photo-file"
            name="photo"
            label={t('photos.file')}
            hint={t('photos.fileHint')}
            errorId={photoError ? 'photo-error' : undefined}
          />
          <div className="field">
            <label htmlFor="photo-caption">{t('photos.caption')}</label>
            <p className="hint" id="photo-caption-hint">
              {t('photos.captionHint')}
            </p>
            <input
              type="text"
              id="photo-caption"
              name="caption"
              maxLength={200}
              required
              aria-describedby="photo-caption-hint"
            />
          </div>
          <button type="submit" name="intent" value="add-photo" className="button button--secondary">
            {t('photos.upload')}
          </button>
        </Form>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
