import { useTranslation } from '#app/utils/use-translation.tsx'
import type { OpeningToday } from '#app/domain/opening-hours.ts'

/** "Open now · today 08:30–20:30" in words, not colour alone. */
export function OpeningStatus({ today }: { today: OpeningToday }) {
  const { t } = useTranslation()
  const periods = today.periods.map((period) => `${period.opensAt}–${period.closesAt}`).join(t('list.separator'))
  return (
    <p className={today.openNow ? 'opening opening--open' : 'opening opening--closed'}>
      <strong>{today.openNow ? t('opening.openNow') : t('opening.closedNow')}</strong>{' '}
      <span>
        {today.periods.length > 0 ? t('opening.today', { periods }) : t('opening.closedToday')}
        {today.exception?.reason ? ` (${today.exception.reason})` : null}
      </span>
    </p>
  )
}

export function WeeklyHours({
  week,
  todayWeekday,
}: {
  week: Array<{ weekday: number; periods: Array<{ opensAt: string; closesAt: string }> }>
  todayWeekday: number
}) {
  const { t } = useTranslation()
  return (
    <table className="hours-table">
      <caption className="visually-hidden">{t('centre.hoursCaption')}</caption>
      <tbody>
        {week.map((day) => (
          <tr key={day.weekday} aria-current={day.weekday === todayWeekday ? 'date' : undefined}>
            <th scope="row">
              {t(`weekday.${day.weekday}`)}
              {day.weekday === todayWeekday ? <span className="tag">{t('opening.todayTag')}</span> : null}
            </th>
            <td>
              {day.periods.length > 0
                ? day.periods.map((period) => `${period.opensAt}–${period.closesAt}`).join(t('list.separator'))
                : t('opening.closed')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
