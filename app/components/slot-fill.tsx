import { useTranslation } from 'react-i18next'

/** How full a slot is, in words and as a bar — never by colour alone. */
export function SlotFill({ taken, capacity }: { taken: number; capacity: number }) {
  const { t } = useTranslation('operator')
  const percent = capacity > 0 ? Math.round((taken / capacity) * 100) : 0
  return (
    <span className="slot-fill">
      <span>{t('week.fillText', { taken, capacity, percent })}</span>
      <span className="slot-fill__bar" aria-hidden="true">
        <span style={{ width: `${Math.min(percent, 100)}%` }} />
      </span>
    </span>
  )
}
