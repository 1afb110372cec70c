import { useTranslation } from '#app/utils/use-translation.tsx'
import type { Language } from '#app/i18n.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { formatDate, formatDay } from '#app/utils/format.ts'

/** Pieces the inspection pages of street staff and the operator's issue list share. */

/** An inspection's score as "82 / 100" (or a dash when nothing was scored). */
export function ScoreOutOf100({ score }: { score: number | null }) {
  const { t } = useTranslation('inspections')
  return <span>{score === null ? '—' : t('score', { score })}</span>
}

export interface IssueView {
  id: number
  description: string
  fixBy: string
  status: 'open' | 'fixed'
  overdue: boolean
  fixedAt: Date | string | null
  fixedNote: string | null
  inspectedOn: string
}

/**
 * Where an issue stands, in words: to fix by a date, overdue (said, not only coloured),
 * or fixed with the operator's note.
 */
export function IssueStanding({ issue }: { issue: IssueView }) {
  const { t, i18n } = useTranslation('inspections')
  const lng = i18n.language as Language
  const fixBy = formatDay(issue.fixBy, lng)
  if (issue.status === 'fixed') {
    return (
      <p>
        <span className="tag tag--fixed">{t('issue.fixed')}</span>{' '}
        {issue.fixedAt
          ? t('issue.fixedOn', { date: formatDate(new Date(issue.fixedAt), DISTRICT_TIME_ZONE, lng) })
          : null}
        {issue.fixedNote ? (
          <>
            <br />
            {t('issue.fixedNote', { note: issue.fixedNote })}
          </>
        ) : null}
      </p>
    )
  }
  if (issue.overdue) {
    return (
      <p>
        <strong className="tag tag--overdue">{t('issue.overdue')}</strong> {t('issue.wasDue', { date: fixBy })}
      </p>
    )
  }
  return <p>{t('issue.fixBy', { date: fixBy })}</p>
}
