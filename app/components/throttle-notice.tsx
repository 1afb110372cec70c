import { useTranslation } from '#app/utils/use-translation.tsx'
import type { Language } from '#app/i18n.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { formatTime } from '#app/utils/format.ts'

/** "Too many attempts: try again after 14:30", when a login or sign-up was throttled. */
export function ThrottleNotice({ retryAt }: { retryAt: Date | string | null }) {
  const { t, i18n } = useTranslation('common')
  if (!retryAt) return null
  return (
    <div className="error-summary" role="alert">
      <h2>{t('form.throttledTitle')}</h2>
      <p>
        {t('form.throttled', { time: formatTime(new Date(retryAt), DISTRICT_TIME_ZONE, i18n.language as Language) })}
      </p>
    </div>
  )
}
