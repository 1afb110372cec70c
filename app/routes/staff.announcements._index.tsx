import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FilterForm } from '#app/components/filter-form.tsx'
import type { Language } from '#app/i18n.ts'
import { announcementStatuses, type AnnouncementStatus } from '#app/domain/enums.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { listManagedAnnouncements, listWritableStreets } from '#app/models/announcement.server.ts'
import { requireAnnouncementStaff } from '#app/utils/announcement-editor.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import { formatDate, formatTime } from '#app/utils/format.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { parseSlug } from '#app/utils/query.ts'

export const handle = { i18n: ['common', 'staff', 'announcements'] }

// The announcements a street office (or the district) has written, with what became of them.
export async function loader({ request }: LoaderFunctionArgs) {
  const { managed } = await requireAnnouncementStaff(request)
  const lang = await getLanguage(request)
  const url = new URL(request.url)
  const streets = await listWritableStreets({ scope: managed, lang })
  const streetParam = url.searchParams.get('street')
  const street = streetParam === 'district' ? 'district' : parseSlug(streetParam)
  const streetId =
    street === 'district' && managed.district ? null : streets.find((candidate) => candidate.slug === street)?.id
  const statusParam = url.searchParams.get('status')
  const status = announcementStatuses.includes(statusParam as AnnouncementStatus)
    ? (statusParam as AnnouncementStatus)
    : undefined
  const [announcements, t] = await Promise.all([
    listManagedAnnouncements({ scope: managed, lang, streetId, status }),
    i18next.getFixedT(request, 'announcements'),
  ])
  return {
    title: t('staffList.title'),
    now: requestNow(request),
    announcements,
    streets: streets.map(({ slug, name }) => ({ slug, name })),
    mayWriteDistrictWide: managed.district,
    deleted: url.searchParams.get('deleted') === '1',
    filters: {
      street: streetId === null ? 'district' : streetId === undefined ? undefined : street,
      status,
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function StaffAnnouncements() {
  const { announcements, streets, mayWriteDistrictWide, filters, now, deleted } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('announcements')
  const lng = i18n.language as Language
  const when = (instant: Date | string) =>
    `${formatDate(new Date(instant), DISTRICT_TIME_ZONE, lng)} ${formatTime(new Date(instant), DISTRICT_TIME_ZONE, lng)}`
  return (
    <>
      <h1>{t('staffList.heading')}</h1>
      {deleted ? (
        <p className="notice notice--success" role="status">
          {t('staffList.deleted')}
        </p>
      ) : null}
      <p>
        <Link to="/staff/announcements/new" className="button">
          {t('staffList.new')}
        </Link>
      </p>
      <FilterForm
        filters={[
          {
            name: 'street',
            label: t('staffList.filterScope'),
            allLabel: t('staffList.allScopes'),
            options: [
              ...(mayWriteDistrictWide ? [{ value: 'district', label: t('editor.scopeDistrict') }] : []),
              ...streets.map((street) => ({ value: street.slug, label: street.name })),
            ],
            value: filters.street,
          },
          {
            name: 'status',
            label: t('staffList.filterStatus'),
            allLabel: t('staffList.allStatuses'),
            options: announcementStatuses.map((status) => ({ value: status, label: t(`status.${status}`) })),
            value: filters.status,
          },
        ]}
      />
      {announcements.length === 0 ? (
        <p className="empty">{t('staffList.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('staffList.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffList.columns.title')}</th>
                <th scope="col">{t('staffList.columns.status')}</th>
                <th scope="col">{t('staffList.columns.when')}</th>
                <th scope="col">{t('staffList.columns.reads')}</th>
              </tr>
            </thead>
            <tbody>
              {announcements.map((announcement) => {
                const expired =
                  announcement.status === 'published' &&
                  announcement.expiresAt !== null &&
                  new Date(announcement.expiresAt) <= new Date(now)
                const pinned =
                  announcement.status === 'published' &&
                  announcement.pinnedUntil !== null &&
                  new Date(announcement.pinnedUntil) > new Date(now)
                return (
                  <tr key={announcement.id}>
                    <th scope="row">
                      <Link
                        to={`/staff/announcements/${announcement.id}`}
                        lang={announcement.contentLang === lng ? undefined : announcement.contentLang}
                      >
                        {announcement.title}
                      </Link>
                      <p className="muted">
                        {t(`common:announcement.category.${announcement.category}`)} ·{' '}
                        {announcement.streetName ?? t('editor.scopeDistrict')}
                      </p>
                    </th>
                    <td>
                      <span className={`tag tag--${announcement.status}`}>{t(`status.${announcement.status}`)}</span>
                      {expired ? <span className="tag">{t('status.expired')}</span> : null}
                      {pinned ? <span className="tag tag--pinned">{t('status.pinned')}</span> : null}
                      {announcement.editedAt ? <span className="tag">{t('status.updated')}</span> : null}
                    </td>
                    <td>
                      {announcement.status === 'scheduled' && announcement.publishAt
                        ? t('staffList.publishesAt', { when: when(announcement.publishAt) })
                        : announcement.publishedAt
                          ? t('staffList.publishedAt', { when: when(announcement.publishedAt) })
                          : '—'}
                    </td>
                    <td>
                      {t('figures.reads', { count: announcement.reads })}
                      {announcement.notified > 0 ? (
                        <p className="muted">{t('figures.notified', { count: announcement.notified })}</p>
                      ) : null}
                    </td>
                  </tr>
                )
              })}
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
