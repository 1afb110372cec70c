import { Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { CallLabel, telNumber } from './call-centre.tsx'

interface CentrePhone {
  id: number
  slug: string
  name: string
  address: string
  phone: string
  streetSlug: string
  streetName: string
}

/**
 * The home page of elder mode (长辈版): four large, plain cards for what older residents
 * use most, then the centres' phone numbers. No carousel, no announcements, nothing moves.
 */
export function ElderHome({ ownStreet, centres }: { ownStreet: boolean; centres: CentrePhone[] }) {
  const { t } = useTranslation('elder')
  const cards = [
    { key: 'elderCare', to: '/categories/elder_care' },
    { key: 'canteen', to: `/search?${new URLSearchParams({ q: t('home.canteen.query') })}` },
    { key: 'health', to: `/search?${new URLSearchParams({ q: t('home.health.query') })}` },
    { key: 'bookings', to: '/bookings' },
  ] as const
  return (
    <div className="elder-home">
      <h1>{t('home.heading')}</h1>
      <p className="lead">{t('home.lead')}</p>

      <section aria-labelledby="elder-services-title">
        <h2 id="elder-services-title">{t('home.services')}</h2>
        <ul className="elder-cards">
          {cards.map((card) => (
            <li key={card.key}>
              <Link to={card.to} className={`elder-card elder-card--${card.key}`}>
                <span className="elder-card__name">{t(`home.${card.key}.name`)}</span>
                <span className="elder-card__hint">{t(`home.${card.key}.hint`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="elder-phones-title">
        <h2 id="elder-phones-title">{t('home.phones.heading')}</h2>
        <p>{ownStreet ? t('home.phones.leadStreet') : t('home.phones.leadAll')}</p>
        {ownStreet ? (
          <PhoneList centres={centres} />
        ) : (
          groupByStreet(centres).map((street) => (
            <div key={street.slug}>
              <h3>{street.name}</h3>
              <PhoneList centres={street.centres} />
            </div>
          ))
        )}
      </section>

      <p>{t('home.standard')}</p>
    </div>
  )
}

function PhoneList({ centres }: { centres: CentrePhone[] }) {
  return (
    <ul className="elder-phones">
      {centres.map((centre) => (
        <li key={centre.id} className="elder-phone">
          <p className="elder-phone__name">{centre.name}</p>
          <p>{centre.address}</p>
          <a className="call-centre__link" href={`tel:${telNumber(centre.phone)}`}>
            <CallLabel phone={centre.phone} />
          </a>
        </li>
      ))}
    </ul>
  )
}

function groupByStreet(centres: CentrePhone[]) {
  const streets: Array<{ slug: string; name: string; centres: CentrePhone[] }> = []
  for (const centre of centres) {
    const last = streets.at(-1)
    if (last?.slug === centre.streetSlug) last.centres.push(centre)
    else streets.push({ slug: centre.streetSlug, name: centre.streetName, centres: [centre] })
  }
  return streets
}
