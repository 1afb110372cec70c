import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { feedbackSchema, RATINGS } from '#app/domain/feedback-rules.ts'
import { ErrorList, ErrorSummary, TextareaField } from './forms.tsx'

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
