import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import type { Language } from '#app/i18n.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { listNotifications, markAllNotificationsRead } from '#app/models/notification.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDate, formatTime } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common', 'booking'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [items, t] = await Promise.all([listNotifications({ userId: user.id }), i18next.getFixedT(request, 'booking')])
  return { title: t('notifications.title'), items }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await markAllNotificationsRead({ userId: user.id })
  return redirect('/notifications', 303)
}

export default function NotificationsPage() {
  const { items } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('booking')
  const lng = i18n.language as Language
  const unread = items.some((item) => !item.readAt)
  return (
    <>
      <h1>{t('notifications.heading')}</h1>
      {unread ? (
        <Form method="post">
          <button type="submit" className="button button--secondary">
            {t('notifications.markAllRead')}
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">{t('notifications.none')}</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={item.readAt ? 'notification' : 'notification notification--unread'}>
              <p>
                {item.readAt ? null : <span className="tag">{t('notifications.new')}</span>}
                {t(`notifications.kinds.${item.kind}`, item.params)}
              </p>
              <p className="muted">
                {formatDate(new Date(item.createdAt), DISTRICT_TIME_ZONE, lng)}{' '}
                {formatTime(new Date(item.createdAt), DISTRICT_TIME_ZONE, lng)}
                {typeof item.params.reference === 'string' ? (
                  <>
                    {' · '}
                    <Link to={`/bookings/${item.params.reference}`}>{t('notifications.open')}</Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
