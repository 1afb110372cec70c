import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import type { Language } from '#app/i18n.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { getPublishedAnnouncement, recordAnnouncementRead } from '#app/models/announcement.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import { formatDate } from '#app/utils/format.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { announcementSummary, renderAnnouncementMarkdown } from '#app/utils/markdown.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { isRowId } from '#app/domain/row-id.ts'

export const handle = { i18n: ['common', 'announcements'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.announcementId)
  invariantResponse(isRowId(id), 'Announcement not found', { status: 404 })
  const lang = await getLanguage(request)
  const now = requestNow(request)
  const [announcement, user, t] = await Promise.all([
    getPublishedAnnouncement({ id, lang, now }),
    getUser(request),
    i18next.getFixedT(request, 'common'),
  ])
  invariantResponse(announcement, 'Announcement not found', { status: 404 })
  // A read receipt for logged-in residents only; nobody else is tracked.
  if (user) await recordAnnouncementRead({ announcementId: id, userId: user.id, now })
  const { body, ...rest } = announcement
  const url = new URL(request.url)
  return {
    announcement: { ...rest, html: renderAnnouncementMarkdown(body) },
    share: {
      url: `${url.origin}/announcements/${id}`,
      description: announcementSummary(body),
      siteName: t('site.name'),
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: titleOr(matches, null) }]
  const { announcement, share } = data
  const locale = (matches.find((match) => match.id === 'root')?.data as { locale?: string } | undefined)?.locale
  return [
    { title: titleOr(matches, announcement.title) },
    { name: 'description', content: share.description },
    { tagName: 'link', rel: 'canonical', href: share.url },
    { property: 'og:type', content: 'article' },
    { property: 'og:title', content: announcement.title },
    { property: 'og:description', content: share.description },
    { property: 'og:url', content: share.url },
    { property: 'og:site_name', content: share.siteName },
    { property: 'og:locale', content: locale === 'en' ? 'en_GB' : 'zh_CN' },
    ...(announcement.publishedAt
      ? [{ property: 'article:published_time', content: new Date(announcement.publishedAt).toISOString() }]
      : []),
    ...(announcement.editedAt
      ? [{ property: 'article:modified_time', content: new Date(announcement.editedAt).toISOString() }]
      : []),
    ...(announcement.expiresAt
      ? [{ property: 'article:expiration_time', content: new Date(announcement.expiresAt).toISOString() }]
      : []),
    { name: 'twitter:card', content: 'summary' },
    { name: 'twitter:title', content: announcement.title },
    { name: 'twitter:description', content: share.description },
  ]
}

export default function AnnouncementPage() {
  const { announcement } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const lng = i18n.language as Language
  return (
    <article className={`announcement-page announcement-page--${announcement.category}`}>
      <p className="announcement__meta">
        <span className="tag">{t(`announcement.category.${announcement.category}`)}</span>
        <span>{announcement.streetName ?? t('announcement.districtWide')}</span>
      </p>
      <h1 lang={announcement.contentLang === lng ? undefined : announcement.contentLang}>{announcement.title}</h1>
      {announcement.expired ? (
        <p className="notice notice--warning" role="note">
          {announcement.status === 'archived' ? t('announcement.archived') : t('announcement.expired')}
        </p>
      ) : null}
      <p className="muted">
        {announcement.publishedAt ? (
          <time dateTime={new Date(announcement.publishedAt).toISOString()}>
            {t('announcement.published', {
              date: formatDate(new Date(announcement.publishedAt), DISTRICT_TIME_ZONE, lng),
            })}
          </time>
        ) : null}
        {announcement.editedAt ? (
          <>
            {' · '}
            <time dateTime={new Date(announcement.editedAt).toISOString()}>
              {t('announcement.updated', {
                date: formatDate(new Date(announcement.editedAt), DISTRICT_TIME_ZONE, lng),
              })}
            </time>
          </>
        ) : null}
      </p>
      {announcement.centres.length > 0 ? (
        <p>
          {t('announcements:page.forCentres')}{' '}
          {announcement.centres.map((centre, index) => (
            <span key={centre.slug}>
              {index > 0 ? t('list.separator') : null}
              <Link to={`/centres/${centre.slug}`}>{centre.name}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {/* Rendered from Markdown with raw HTML off and sanitised on the server (app/utils/markdown.server.ts). */}
      <div
        className="prose"
        lang={announcement.bodyLang === lng ? undefined : announcement.bodyLang}
        dangerouslySetInnerHTML={{ __html: announcement.html }}
      />
      <p>
        <Link to="/announcements">{t('announcements:page.all')}</Link>
      </p>
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
