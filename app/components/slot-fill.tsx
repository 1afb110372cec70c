import { useTranslation } from '#app/utils/use-translation.tsx'

/** How full a slot is, in words and as a bar — never by colour alone. */
export function SlotFill({ taken, capacity }: { taken: number; capacity: number }) {
  const { t } = useTranslation('operator')
  const percent = capacity > 0 ? Math.round((taken / capacity) * 100) : 0
  return (
    <span className="slot-fill">
      <span>{t('week.fillText', { taken, capacity, percent })}</span>
      {/* The words say it all; the bar repeats them for the eye (a meter needs no inline style, which the CSP forbids). */}
      <meter className="slot-fill__bar" min={0} max={capacity} value={taken} aria-hidden="true" />
    </span>
  )
}
