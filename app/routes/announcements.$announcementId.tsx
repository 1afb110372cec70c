import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import type { Language } from '#app/i18n.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { getPublishedAnnouncement } from '#app/models/announcement.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.announcementId)
  invariantResponse(Number.isSafeInteger(id) && id > 0, 'Announcement not found', { status: 404 })
  const lang = await getLanguage(request)
  const announcement = await getPublishedAnnouncement({ id, lang, now: new Date() })
  invariantResponse(announcement, 'Announcement not found', { status: 404 })
  return { announcement }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: titleOr(matches, data?.announcement.title) },
]

export default function AnnouncementPage() {
  const { announcement } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const lng = i18n.language as Language
  // Paragraphs of plain text; Markdown rendering arrives with the announcements editor.
  const paragraphs = announcement.body.split(/\n\s*\n/).map((paragraph) => paragraph.replace(/^#+\s*/, ''))
  return (
    <article className="announcement-page">
      <p className="announcement__meta">
        <span className="tag">{t(`announcement.category.${announcement.category}`)}</span>
        <span>{announcement.streetName ?? t('announcement.districtWide')}</span>
      </p>
      <h1 lang={announcement.contentLang === lng ? undefined : announcement.contentLang}>{announcement.title}</h1>
      {announcement.expired ? (
        <p className="notice notice--warning" role="note">
          {t('announcement.expired')}
        </p>
      ) : null}
      <p className="muted">
        {announcement.publishedAt
          ? t('announcement.published', {
              date: formatDate(new Date(announcement.publishedAt), DISTRICT_TIME_ZONE, lng),
            })
          : null}
        {announcement.editedAt
          ? ` · ${t('announcement.updated', { date: formatDate(new Date(announcement.editedAt), DISTRICT_TIME_ZONE, lng) })}`
          : null}
      </p>
      <div className="prose" lang={announcement.bodyLang === lng ? undefined : announcement.bodyLang}>
        {paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <p>
        <Link to="/">{t('announcement.back')}</Link>
      </p>
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
