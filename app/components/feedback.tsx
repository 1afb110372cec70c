import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { feedbackSchema, RATINGS } from '#app/domain/feedback-rules.ts'
import type { Language } from '#app/i18n.ts'
import { formatDate } from '#app/utils/format.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { ErrorList, ErrorSummary, TextareaField } from './forms.tsx'

/**
 * Residents' ratings: the average line, the comments list and the rating form. Comments
 * are residents' own words: always rendered as text (React escapes them), never as HTML.
 */

export function RatingSummaryText({ average, count }: { average: number | null; count: number }) {
  const { t, i18n } = useTranslation('feedback')
  if (count === 0 || average === null) return <p className="empty">{t('rating.none')}</p>
  const shown = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    average,
  )
  return (
    <p className="rating-summary">
      <span className="rating-summary__stars" aria-hidden="true">
        {'★'.repeat(Math.round(average))}
        {'☆'.repeat(5 - Math.round(average))}
      </span>{' '}
      {t('rating.summary', { average: shown, count })}
    </p>
  )
}

export function CommentList({
  comments,
}: {
  comments: Array<{ id: number; rating: number; comment: string; createdAt: Date | string }>
}) {
  const { t, i18n } = useTranslation('feedback')
  const lng = i18n.language as Language
  if (comments.length === 0) return <p className="empty">{t('service.noComments')}</p>
  return (
    <ul className="comment-list">
      {comments.map((item) => (
        <li key={item.id} className="comment">
          <p className="comment__meta">
            <strong>{t('rating.outOfFive', { rating: item.rating })}</strong> ·{' '}
            <time dateTime={new Date(item.createdAt).toISOString()}>
              {formatDate(new Date(item.createdAt), DISTRICT_TIME_ZONE, lng)}
            </time>
          </p>
          <p className="comment__text">{item.comment}</p>
        </li>
      ))}
    </ul>
  )
}

/** Rate one booking: a 1–5 radio group in a fieldset and an optional comment. */
export function FeedbackForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('feedback')
  const [form, fields] = useForm({
    id: 'feedback-form',
    lastResult,
    constraint: getZodConstraint(feedbackSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: feedbackSchema }),
  })
  const ratingErrorId = fields.rating.errors?.length ? `${fields.rating.id}-error` : undefined
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          { id: `${fields.rating.id}-1`, label: t('form.rating'), errors: fields.rating.errors },
          { id: fields.comment.id, label: t('form.comment'), errors: fields.comment.errors },
        ]}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="feedback" />
        <fieldset
          className={['field', 'rating-choices', ratingErrorId ? 'field--error' : ''].join(' ').trim()}
          aria-describedby={ratingErrorId}
        >
          <legend>{t('form.rating')}</legend>
          <ErrorList id={ratingErrorId} errors={fields.rating.errors} />
          {RATINGS.map((value) => (
            <div key={value} className="field--checkbox">
              <input
                type="radio"
                id={`${fields.rating.id}-${value}`}
                name={fields.rating.name}
                value={value}
                defaultChecked={fields.rating.initialValue === value}
                required
              />
              <label htmlFor={`${fields.rating.id}-${value}`}>{t(`rating.labels.${value}`)}</label>
            </div>
          ))}
        </fieldset>
        <TextareaField
          label={t('form.comment')}
          hint={t('form.commentHint')}
          errors={fields.comment.errors}
          textareaProps={getTextareaProps(fields.comment)}
        />
        <button type="submit">{t('form.submit')}</button>
      </Form>
    </>
  )
}
