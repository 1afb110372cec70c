import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { RatingSummaryText } from '#app/components/feedback.tsx'
import { ErrorSummary, Field } from '#app/components/forms.tsx'
import { moderationSchema } from '#app/domain/feedback-rules.ts'
import type { Language } from '#app/i18n.ts'
import { getRatingSummary, listCentreFeedback, moderateFeedback } from '#app/models/feedback.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { formatDate, formatTime } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'

export const handle = { i18n: ['common', 'staff', 'feedback'] }

const SHOW = ['all', 'comments', 'hidden'] as const
type Show = (typeof SHOW)[number]

// The centre's feedback, newest first, with a way to hide an abusive comment (and show it again).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const url = new URL(request.url)
  const asked = url.searchParams.get('show')
  const show: Show = SHOW.includes(asked as Show) ? (asked as Show) : 'all'
  const done = url.searchParams.get('done')
  const [items, rating, t] = await Promise.all([
    listCentreFeedback({ centreId: centre.id, lang, show }),
    getRatingSummary({ centreId: centre.id }),
    i18next.getFixedT(request, 'feedback'),
  ])
  return {
    title: t('moderation.title', { centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name, timeZone: centre.timeZone },
    show,
    items,
    rating,
    done: done === 'hidden' || done === 'unhidden' ? done : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const {
    user: { user },
    centre,
  } = await requireOperatedCentre(request, params.centreSlug)
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: moderationSchema })
  const feedbackId = Number(formData.get('feedbackId')) || null
  if (submission.status !== 'success') return data({ feedbackId, result: submission.reply() }, { status: 400 })
  const { intent, feedbackId: id, ...change } = submission.value
  const outcome = await moderateFeedback({
    centreId: centre.id,
    feedbackId: id,
    change: 'reason' in change ? { intent: 'hide', reason: change.reason } : { intent: 'unhide' },
    actorUserId: user.id,
  })
  if (!outcome.ok) {
    return data(
      { feedbackId, result: submission.reply({ formErrors: [`feedback:moderation.errors.${outcome.reason}`] }) },
      { status: outcome.reason === 'not_found' ? 404 : 400 },
    )
  }
  const show = new URL(request.url).searchParams.get('show')
  const back = `/operator/centres/${centre.slug}/feedback?done=${intent === 'hide' ? 'hidden' : 'unhidden'}`
  return redirect(`${back}${SHOW.includes(show as Show) ? `&show=${show}` : ''}#feedback-${feedbackId}`, 303)
}

type Item = Awaited<ReturnType<typeof loader>>['items'][number]

export default function FeedbackModeration() {
  const { centre, show, items, rating, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('feedback')
  const base = `/operator/centres/${centre.slug}/feedback`
  // A refusal about feedback no longer listed here (another centre's, or gone) is still said.
  const orphanProblem =
    actionData && !items.some((item) => item.id === actionData.feedbackId)
      ? actionData.result.error?.['']?.[0]
      : undefined
  return (
    <>
      <h1>{t('moderation.heading')}</h1>
      <p className="lead">{t('moderation.lead')}</p>
      <RatingSummaryText {...rating} />
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`moderation.${done}`)}
        </p>
      ) : null}
      {orphanProblem ? (
        <p className="error-summary" role="alert">
          {t(orphanProblem)}
        </p>
      ) : null}
      <nav aria-label={t('moderation.show')}>
        <ul className="choice-row">
          {SHOW.map((value) => (
            <li key={value}>
              <Link
                to={value === 'all' ? base : `${base}?show=${value}`}
                aria-current={show === value ? 'page' : undefined}
              >
                {t(`moderation.show${value[0]!.toUpperCase()}${value.slice(1)}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <p className="empty">{t('moderation.none')}</p>
      ) : (
        <ul className="card-list" aria-label={t('moderation.listLabel')}>
          {items.map((item) => (
            <FeedbackItem
              key={item.id}
              item={item}
              timeZone={centre.timeZone}
              show={show}
              lastResult={actionData?.feedbackId === item.id ? actionData.result : undefined}
            />
          ))}
        </ul>
      )}
    </>
  )
}

function FeedbackItem({
  item,
  timeZone,
  show,
  lastResult,
}: {
  item: Item
  timeZone: string
  show: Show
  lastResult?: SubmissionResult<string[]>
}) {
  const { t, i18n } = useTranslation('feedback')
  const lng = i18n.language as Language
  const slotStart = new Date(item.slotStartsAt)
  const when = `${formatDate(slotStart, timeZone, lng)} ${formatTime(slotStart, timeZone, lng)}`
  const action = show === 'all' ? undefined : `?show=${show}`
  return (
    <li className="card" id={`feedback-${item.id}`}>
      <h2 className="card__title">{item.serviceName}</h2>
      <p>
        <strong>{t('rating.outOfFive', { rating: item.rating })}</strong>
        {item.hiddenAt ? <span className="tag">{t('moderation.hiddenTag')}</span> : null}
      </p>
      <p className="muted">
        {t('moderation.session', { when, reference: item.reference })} ·{' '}
        {t('moderation.received', { date: formatDate(new Date(item.createdAt), timeZone, lng) })}
      </p>
      {item.comment ? (
        <p className="comment__text">{item.comment}</p>
      ) : (
        <p className="muted">{t('moderation.noComment')}</p>
      )}
      {item.hiddenAt ? (
        <>
          <p>
            {t('moderation.hiddenNote', {
              date: formatDate(new Date(item.hiddenAt), timeZone, lng),
              reason: item.hiddenReason,
            })}
          </p>
          <ItemProblem lastResult={lastResult} />
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="unhide" />
            <input type="hidden" name="feedbackId" value={item.id} />
            <button type="submit" className="button button--secondary">
              {t('moderation.unhide')}
            </button>
          </Form>
        </>
      ) : item.comment ? (
        <HideForm feedbackId={item.id} action={action} lastResult={lastResult} />
      ) : null}
    </li>
  )
}

/** A refusal of the change (hidden meanwhile by someone else, say), next to the item it is about. */
function ItemProblem({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('feedback')
  const problem = lastResult?.error?.['']?.[0]
  if (!problem) return null
  return (
    <p className="error-summary" role="alert">
      {t(problem)}
    </p>
  )
}

function HideForm({
  feedbackId,
  action,
  lastResult,
}: {
  feedbackId: number
  action?: string
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('feedback')
  const schema = moderationSchema.options[0]
  const [form, fields] = useForm({
    id: `hide-${feedbackId}`,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={[{ id: fields.reason.id, label: t('moderation.reason'), errors: fields.reason.errors }]}
      />
      <Form method="post" action={action} {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="hide" />
        <input type="hidden" name="feedbackId" value={feedbackId} />
        <Field
          label={t('moderation.reason')}
          hint={t('moderation.reasonHint')}
          errors={fields.reason.errors}
          inputProps={{ ...getInputProps(fields.reason, { type: 'text' }), autoComplete: 'off' }}
        />
        <button type="submit" className="button button--warning">
          {t('moderation.hide')}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
