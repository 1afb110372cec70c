import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import type { Language } from '#app/i18n.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '#app/models/notification.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDate, formatTime } from '#app/utils/format.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { isRowId } from '#app/domain/row-id.ts'

export const handle = { i18n: ['common', 'booking'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const lang = await getLanguage(request)
  const [items, t] = await Promise.all([
    listNotifications({ userId: user.id, lang }),
    i18next.getFixedT(request, 'booking'),
  ])
  return { title: t('notifications.title'), items }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

// Mark one read (intent "read" with its id) or all of them ("read-all"); someone else's stays as it is.
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  if (intent === 'read') {
    const id = Number(formData.get('id'))
    if (isRowId(id)) await markNotificationRead({ id, userId: user.id })
    return redirect(isRowId(id) ? `/notifications#notification-${id}` : '/notifications', 303)
  }
  if (intent === 'read-all') {
    await markAllNotificationsRead({ userId: user.id })
    return redirect('/notifications', 303)
  }
  throw new Response('Unknown form', { status: 400 })
}

export default function NotificationsPage() {
  const { items } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('booking')
  const lng = i18n.language as Language
  const unread = items.filter((item) => !item.readAt).length
  return (
    <>
      <h1>{t('notifications.heading')}</h1>
      <p className="lead">
        {unread > 0 ? t('notifications.unreadCount', { count: unread }) : t('notifications.allRead')}
      </p>
      <ul className="link-list">
        <li>
          <Link to="/account#notifications-title">{t('notifications.preferences')}</Link>
        </li>
      </ul>
      {unread > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="read-all" className="button button--secondary">
            {t('notifications.markAllRead')}
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">{t('notifications.none')}</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => {
            const text = t(`notifications.kinds.${item.kind}`, {
              ...item.params,
              title: item.announcementTitle ?? '',
            })
            return (
              <li
                key={item.id}
                id={`notification-${item.id}`}
                className={item.readAt ? 'notification' : 'notification notification--unread'}
              >
                <p>
                  {item.readAt ? null : <span className="tag">{t('notifications.new')}</span>}
                  {item.kind === 'urgent_announcement' ? (
                    <span className="tag tag--urgent">{t('common:announcement.category.urgent')}</span>
                  ) : null}
                  {text}
                </p>
                <p className="muted">
                  <time dateTime={new Date(item.createdAt).toISOString()}>
                    {formatDate(new Date(item.createdAt), DISTRICT_TIME_ZONE, lng)}{' '}
                    {formatTime(new Date(item.createdAt), DISTRICT_TIME_ZONE, lng)}
                  </time>
                  {typeof item.params.reference === 'string' ? (
                    <>
                      {' · '}
                      <Link to={`/bookings/${item.params.reference}`}>{t('notifications.open')}</Link>
                    </>
                  ) : null}
                  {item.announcementId ? (
                    <>
                      {' · '}
                      <Link to={`/announcements/${item.announcementId}`}>{t('notifications.openAnnouncement')}</Link>
                    </>
                  ) : null}
                </p>
                {item.readAt ? null : (
                  <Form method="post" className="notification__action">
                    <input type="hidden" name="id" value={item.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="read"
                      className="button button--secondary button--small"
                      aria-label={t('notifications.markReadLabel', { text })}
                    >
                      {t('notifications.markRead')}
                    </button>
                  </Form>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
