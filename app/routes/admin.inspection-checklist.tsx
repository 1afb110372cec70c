import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, Field } from '#app/components/forms.tsx'
import { checklistItemSchema, renameChecklistItemSchema } from '#app/domain/inspection-schemas.ts'
import { isRowId } from '#app/domain/row-id.ts'
import {
  addChecklistItem,
  listChecklistItems,
  removeChecklistItem,
  renameChecklistItem,
  setChecklistItemRetired,
} from '#app/models/inspections.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'staff', 'inspections'] }

const doneOutcomes = ['added', 'renamed', 'retired', 'restored', 'removed'] as const
type Done = (typeof doneOutcomes)[number]

// The inspection checklist, for district admins: add, rename, retire and restore items.
// An item any inspection has scored is never removed: it is retired, and its scores stay.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'district_admin')
  const lang = await getLanguage(request)
  const [items, t] = await Promise.all([
    listChecklistItems({ lang, includeRetired: true }),
    i18next.getFixedT(request, 'inspections'),
  ])
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('checklist.title'),
    items,
    done: doneOutcomes.includes(done as Done) ? (done as Done) : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireRole(request, 'district_admin')
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  const done = (outcome: Done) => redirect(`/admin/inspection-checklist?done=${outcome}`, 303)
  const itemId = () => {
    const id = Number(formData.get('itemId'))
    invariantResponse(isRowId(id), 'Not found', { status: 404 })
    return id
  }

  if (intent === 'retire' || intent === 'restore') {
    const retired = intent === 'retire'
    const changed = await setChecklistItemRetired({
      actorUserId: user.id,
      id: itemId(),
      retired,
      now: requestNow(request),
    })
    invariantResponse(changed, 'Not found', { status: 404 })
    return done(retired ? 'retired' : 'restored')
  }
  if (intent === 'remove') {
    const outcome = await removeChecklistItem({ actorUserId: user.id, id: itemId() })
    invariantResponse(outcome !== 'not_found', 'Not found', { status: 404 })
    if (outcome === 'scored') {
      return data({ intent, itemId: null, result: null, refusal: 'inspections:checklist.scored' }, { status: 409 })
    }
    return done('removed')
  }
  if (intent === 'rename-item') {
    const submission = parseWithZod(formData, { schema: renameChecklistItemSchema })
    if (submission.status !== 'success') return reply(submission.reply(), Number(formData.get('itemId')))
    const { itemId: id, labelZh, labelEn } = submission.value
    invariantResponse(await renameChecklistItem({ actorUserId: user.id, id, labelZh, labelEn }), 'Not found', {
      status: 404,
    })
    return done('renamed')
  }
  const submission = parseWithZod(formData, { schema: checklistItemSchema })
  if (submission.status !== 'success') return reply(submission.reply(), null)
  await addChecklistItem({ actorUserId: user.id, ...submission.value })
  return done('added')
}

function reply(result: SubmissionResult<string[]>, itemId: number | null) {
  return data({ intent: itemId === null ? 'add-item' : 'rename-item', itemId, result, refusal: null }, { status: 400 })
}

export default function InspectionChecklist() {
  const { items, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('inspections')
  const [form, fields] = useForm({
    id: 'add-item',
    lastResult: actionData?.intent === 'add-item' ? actionData.result : undefined,
    constraint: getZodConstraint(checklistItemSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checklistItemSchema }),
  })
  return (
    <>
      <p>
        <Link to="/admin">{t('checklist.backToAdmin')}</Link>
      </p>
      <h1>{t('checklist.heading')}</h1>
      <p>{t('checklist.lead')}</p>
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`checklist.done.${done}`)}
        </p>
      ) : null}
      {actionData?.refusal ? <ErrorSummary formErrors={[actionData.refusal]} fields={[]} /> : null}
      <ol className="card-list">
        {items.map((item) => (
          <li key={item.id} className="card">
            <ChecklistItem
              item={item}
              lastResult={
                actionData?.intent === 'rename-item' && actionData.itemId === item.id ? actionData.result : undefined
              }
            />
          </li>
        ))}
      </ol>
      <section aria-labelledby="add-item-title" className="panel">
        <h2 id="add-item-title">{t('checklist.add')}</h2>
        <ErrorSummary
          formErrors={form.errors}
          fields={[
            { id: fields.labelZh.id, label: t('checklist.labelZh'), errors: fields.labelZh.errors },
            { id: fields.labelEn.id, label: t('checklist.labelEn'), errors: fields.labelEn.errors },
          ]}
        />
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="add-item" />
          <Field
            label={t('checklist.labelZh')}
            errors={fields.labelZh.errors}
            inputProps={{ ...getInputProps(fields.labelZh, { type: 'text' }), lang: 'zh-CN', autoComplete: 'off' }}
          />
          <Field
            label={t('checklist.labelEn')}
            errors={fields.labelEn.errors}
            inputProps={{ ...getInputProps(fields.labelEn, { type: 'text' }), lang: 'en', autoComplete: 'off' }}
          />
          <button type="submit">{t('checklist.add')}</button>
        </Form>
      </section>
    </>
  )
}

function ChecklistItem({
  item,
  lastResult,
}: {
  item: { id: number; label: string; labelZh: string; labelEn: string; retired: boolean; scored: boolean }
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation('inspections')
  const [form, fields] = useForm({
    id: `item-${item.id}`,
    lastResult,
    constraint: getZodConstraint(renameChecklistItemSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    defaultValue: { labelZh: item.labelZh, labelEn: item.labelEn },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: renameChecklistItemSchema }),
  })
  return (
    <>
      <h2 className="card__title" id={`item-${item.id}-title`}>
        {item.label}
        {item.retired ? (
          <>
            {' '}
            <span className="tag">{t('checklist.retired')}</span>
          </>
        ) : null}
      </h2>
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          { id: fields.labelZh.id, label: t('checklist.labelZh'), errors: fields.labelZh.errors },
          { id: fields.labelEn.id, label: t('checklist.labelEn'), errors: fields.labelEn.errors },
        ]}
      />
      <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby={`item-${item.id}-title`}>
        <input type="hidden" name="intent" value="rename-item" />
        <input type="hidden" name="itemId" value={item.id} />
        <Field
          label={t('checklist.labelZh')}
          errors={fields.labelZh.errors}
          inputProps={{ ...getInputProps(fields.labelZh, { type: 'text' }), lang: 'zh-CN', autoComplete: 'off' }}
        />
        <Field
          label={t('checklist.labelEn')}
          errors={fields.labelEn.errors}
          inputProps={{ ...getInputProps(fields.labelEn, { type: 'text' }), lang: 'en', autoComplete: 'off' }}
        />
        <button type="submit" className="button button--secondary">
          {t('checklist.rename', { item: item.label })}
        </button>
      </Form>
      <Form method="post" className="inline-form">
        <input type="hidden" name="itemId" value={item.id} />
        {item.retired ? (
          <button type="submit" name="intent" value="restore" className="button button--secondary">
            {t('checklist.restore', { item: item.label })}
          </button>
        ) : (
          <button type="submit" name="intent" value="retire" className="button button--secondary">
            {t('checklist.retire', { item: item.label })}
          </button>
        )}
        {item.scored ? null : (
          <button type="submit" name="intent" value="remove" className="button button--warning">
            {t('checklist.remove', { item: item.label })}
          </button>
        )}
      </Form>
      {item.scored ? <p className="hint">{t('checklist.scoredHint')}</p> : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
