import { Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import type { Language } from '#app/i18n.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { formatDate } from '#app/utils/format.ts'

export interface AnnouncementSummary {
  id: number
  category: string
  title: string
  contentLang: Language
  publishedAt: Date | null
  pinnedUntil: Date | null
  streetName: string | null
}

export function AnnouncementList({ announcements, now }: { announcements: AnnouncementSummary[]; now: Date }) {
  const { t, i18n } = useTranslation()
  const lng = i18n.language as Language
  if (announcements.length === 0) return <p className="empty">{t('announcement.none')}</p>
  return (
    <ul className="announcement-list">
      {announcements.map((announcement) => (
        <li key={announcement.id} className={`announcement announcement--${announcement.category}`}>
          <p className="announcement__meta">
            <span className="tag">{t(`announcement.category.${announcement.category}`)}</span>
            {announcement.pinnedUntil && new Date(announcement.pinnedUntil) > new Date(now) ? (
              <span className="tag tag--pinned">{t('announcement.pinned')}</span>
            ) : null}
            {announcement.publishedAt ? (
              <time dateTime={new Date(announcement.publishedAt).toISOString()}>
                {formatDate(new Date(announcement.publishedAt), DISTRICT_TIME_ZONE, lng)}
              </time>
            ) : null}
            <span>{announcement.streetName ?? t('announcement.districtWide')}</span>
          </p>
          <p className="announcement__title">
            <Link
              to={`/announcements/${announcement.id}`}
              lang={announcement.contentLang === lng ? undefined : announcement.contentLang}
            >
              {announcement.title}
            </Link>
          </p>
        </li>
      ))}
    </ul>
  )
}
