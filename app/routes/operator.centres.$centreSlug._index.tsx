import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import type { Language } from '#app/i18n.ts'
import { listUpcomingSlots } from '#app/models/service.server.ts'
import { formatDateTimeRange } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'

export const handle = { i18n: ['common', 'staff'] }

const DAYS = 7

// A centre's coming week for the people who run it: every slot with places taken and waiting.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const now = new Date()
  const [slots, t] = await Promise.all([
    listUpcomingSlots({
      lang,
      centreId: centre.id,
      from: now,
      until: new Date(now.getTime() + DAYS * 86_400_000),
      limit: 500,
    }),
    i18next.getFixedT(request, 'staff'),
  ])
  return { title: t('operator.title', { centre: centre.name }), centre: { name: centre.name }, slots }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function OperatorCentre() {
  const { centre, slots } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('staff')
  const lng = i18n.language as Language
  return (
    <>
      <h1>{t('operator.heading', { centre: centre.name })}</h1>
      <h2>{t('operator.week', { count: DAYS })}</h2>
      {slots.length === 0 ? (
        <p className="empty">{t('operator.noSlots')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('operator.week', { count: DAYS })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('operator.when')}</th>
                <th scope="col">{t('operator.service')}</th>
                <th scope="col">{t('operator.taken')}</th>
                <th scope="col">{t('operator.waiting')}</th>
              </tr>
            </thead>
            <tbody>
              {slots.map((slot) => (
                <tr key={slot.id}>
                  <td>{formatDateTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), slot.timeZone, lng)}</td>
                  <td>{slot.serviceName}</td>
                  <td>{t('operator.takenOf', { taken: slot.seatsTaken, capacity: slot.capacity })}</td>
                  <td>{slot.waitlistedCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
