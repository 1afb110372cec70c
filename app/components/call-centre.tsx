import { useTranslation } from '#app/utils/use-translation.tsx'

/**
 * The "call the centre" fallback of every booking page: for anyone who would rather not
 * book online, a large tel: link to the centre's phone.
 */
export function CallCentre({ centre }: { centre: { name: string; phone: string } }) {
  const { t } = useTranslation('elder')
  return (
    <section className="call-centre" aria-labelledby="call-centre-title">
      <h2 id="call-centre-title">{t('call.heading')}</h2>
      <p>{t('call.lead', { centre: centre.name })}</p>
      <p>
        <a className="call-centre__link" href={`tel:${telNumber(centre.phone)}`}>
          <CallLabel phone={centre.phone} />
        </a>
      </p>
    </section>
  )
}

/** A phone number as a tel: URI wants it: digits and a leading +, without the separators. */
export function telNumber(phone: string): string {
  return phone.replace(/[^\d+]/g, '')
}

/** "Call the centre" and the number, which wraps to a line of its own when space is short. */
export function CallLabel({ phone }: { phone: string }) {
  const { t } = useTranslation('elder')
  return (
    <>
      <span>{t('call.action')}</span> <span className="call-centre__number">{phone}</span>
    </>
  )
}
