import { useTranslation } from '#app/utils/use-translation.tsx'
import type { Language } from '#app/i18n.ts'
import { formatDate } from '#app/utils/format.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'

/**
 * Residents' ratings as shown: the average line and the comments list (the form is in
 * feedback-form.tsx, so the pages that only show ratings load no form library). Comments
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
