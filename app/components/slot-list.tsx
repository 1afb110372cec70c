import { Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import type { Language } from '#app/i18n.ts'
import { formatDateTimeRange } from '#app/utils/format.ts'

export interface SlotSummary {
  id: number
  startsAt: Date
  endsAt: Date
  capacity: number
  seatsLeft: number
  waitlistedCount: number
  waitlistEnabled: boolean
  serviceSlug: string
  serviceName: string
  centreSlug: string
  centreName: string
  timeZone: string
}

/** Upcoming slots with seats left; names the service and/or centre where the page doesn't. */
export function SlotList({
  slots,
  showService = false,
  showCentre = false,
  emptyText,
}: {
  slots: SlotSummary[]
  showService?: boolean
  showCentre?: boolean
  emptyText: string
}) {
  const { t, i18n } = useTranslation()
  const lng = i18n.language as Language
  if (slots.length === 0) return <p className="empty">{emptyText}</p>
  return (
    <ul className="slot-list">
      {slots.map((slot) => (
        <li key={slot.id} className="slot">
          <div className="slot__main">
            <p className="slot__time">
              <time dateTime={new Date(slot.startsAt).toISOString()}>
                {formatDateTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), slot.timeZone, lng)}
              </time>
            </p>
            {showService ? (
              <p className="slot__title">
                <Link to={`/centres/${slot.centreSlug}/services/${slot.serviceSlug}`}>{slot.serviceName}</Link>
              </p>
            ) : null}
            {showCentre ? (
              <p className="slot__place">
                <Link to={`/centres/${slot.centreSlug}`}>{slot.centreName}</Link>
              </p>
            ) : null}
          </div>
          <div className="slot__action">
            <SeatsLeft slot={slot} />
            {slot.seatsLeft > 0 || slot.waitlistEnabled ? (
              <Link className="button button--small" to={`/book/${slot.id}`}>
                {slot.seatsLeft > 0 ? t('slot.book') : t('slot.joinWaitlist')}
                <span className="visually-hidden">
                  {' '}
                  {t('slot.bookWhat', {
                    service: slot.serviceName,
                    when: formatDateTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), slot.timeZone, lng),
                  })}
                </span>
              </Link>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  )
}

export function SeatsLeft({
  slot,
}: {
  slot: Pick<SlotSummary, 'seatsLeft' | 'capacity' | 'waitlistedCount' | 'waitlistEnabled'>
}) {
  const { t } = useTranslation()
  if (slot.seatsLeft > 0) {
    const few = slot.seatsLeft <= Math.max(3, Math.ceil(slot.capacity * 0.2))
    return (
      <p className={few ? 'seats seats--few' : 'seats'}>
        {t('slot.seatsLeft', { count: slot.seatsLeft, capacity: slot.capacity })}
      </p>
    )
  }
  return (
    <p className="seats seats--full">
      {slot.waitlistEnabled ? t('slot.fullWaitlist', { count: slot.waitlistedCount }) : t('slot.full')}
    </p>
  )
}
