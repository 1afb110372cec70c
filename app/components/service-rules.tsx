import { useTranslation, type Translate } from '#app/utils/use-translation.tsx'
import type { Language } from '#app/i18n.ts'
import type { BookingMode, ConcessionKind } from '#app/domain/enums.ts'
import { formatPrice } from '#app/utils/format.ts'

export interface ServiceRulesProps {
  bookingMode: BookingMode
  minAge: number | null
  maxAge: number | null
  residentsOnly: boolean
  streetName: string
  priceFen: number
  concessions: Array<{ kind: ConcessionKind; priceFen: number }>
  counters: number | null
  slotMinutes: number | null
  bookingOpensDaysBefore: number
  bookingClosesHoursBefore: number
  cancelCutoffHours: number
  maxActivePerPerson: number
  maxPerDayPerPerson: number | null
  waitlistEnabled: boolean
}

/** Who may book, what it costs and the booking rules, in plain words, before anyone books. */
export function ServiceRules(rules: ServiceRulesProps) {
  const { t, i18n } = useTranslation()
  const lng = i18n.language as Language
  return (
    <dl className="facts facts--rules">
      <div>
        <dt>{t('rules.who')}</dt>
        <dd>
          <p>{ageRule(rules, t)}</p>
          {rules.residentsOnly ? <p>{t('rules.residentsOnly', { street: rules.streetName })}</p> : null}
        </dd>
      </div>
      <div>
        <dt>{t('rules.price')}</dt>
        <dd>
          <p>{rules.priceFen === 0 ? t('rules.free') : formatPrice(rules.priceFen, lng)}</p>
          {rules.concessions.length > 0 ? (
            <ul>
              {rules.concessions.map((concession) => (
                <li key={concession.kind}>
                  {t('rules.concession', {
                    who: t(`concession.${concession.kind}`),
                    price: concession.priceFen === 0 ? t('rules.free') : formatPrice(concession.priceFen, lng),
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          {rules.priceFen > 0 ? <p className="muted">{t('rules.payAtCentre')}</p> : null}
        </dd>
      </div>
      {rules.bookingMode === 'drop_in' ? (
        <div>
          <dt>{t('rules.booking')}</dt>
          <dd>{t('rules.dropIn')}</dd>
        </div>
      ) : (
        <>
          {rules.bookingMode === 'appointment' && rules.counters && rules.slotMinutes ? (
            <div>
              <dt>{t('rules.appointments')}</dt>
              <dd>{t('rules.appointmentLength', { minutes: rules.slotMinutes, count: rules.counters })}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('rules.booking')}</dt>
            <dd>
              {t('rules.window', {
                opens: t('rules.days', { count: rules.bookingOpensDaysBefore }),
                closes: t('rules.hours', { count: rules.bookingClosesHoursBefore }),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('rules.cancelling')}</dt>
            <dd>
              {rules.cancelCutoffHours === 0
                ? t('rules.cancelUntilStart')
                : t('rules.cancelCutoff', { hours: t('rules.hours', { count: rules.cancelCutoffHours }) })}
            </dd>
          </div>
          <div>
            <dt>{t('rules.limits')}</dt>
            <dd>
              <p>{t('rules.maxActive', { count: rules.maxActivePerPerson })}</p>
              {rules.maxPerDayPerPerson ? <p>{t('rules.maxPerDay', { count: rules.maxPerDayPerPerson })}</p> : null}
              <p>{rules.waitlistEnabled ? t('rules.waitlist') : t('rules.noWaitlist')}</p>
            </dd>
          </div>
        </>
      )}
    </dl>
  )
}

function ageRule({ minAge, maxAge }: Pick<ServiceRulesProps, 'minAge' | 'maxAge'>, t: Translate) {
  if (minAge !== null && maxAge !== null) return t('rules.ageBetween', { min: minAge, max: maxAge })
  if (minAge !== null) return t('rules.ageFrom', { min: minAge })
  if (maxAge !== null) return t('rules.ageUpTo', { max: maxAge })
  return t('rules.everyone')
}
