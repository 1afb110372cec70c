import type { Language } from '#app/i18n.ts'
import { listAnnouncementsForFeed } from '#app/models/announcement.server.ts'
import { renderAtomFeed } from './atom.ts'
import { requestNow } from './clock.server.ts'
import i18next, { getLanguage } from './i18next.server.ts'
import { announcementSummary, renderAnnouncementMarkdown } from './markdown.server.ts'

/**
 * The Atom feed of a street's or a centre's current announcements, in the reader's
 * language (?lng=en for English). Entries are rendered by the same sanitiser as the page.
 */
export async function announcementFeedResponse({
  request,
  name,
  page,
  scope,
}: {
  request: Request
  /** The street's or centre's name, in the reader's language. */
  name: string
  /** The page the feed belongs to, as a path. */
  page: string
  scope: { centre: { id: number; streetId: number } } | { streetId: number }
}) {
  const lang: Language = await getLanguage(request)
  const now = requestNow(request)
  const [entries, t, common] = await Promise.all([
    listAnnouncementsForFeed({ lang, now, ...scope }),
    i18next.getFixedT(lang, 'announcements'),
    i18next.getFixedT(lang, 'common'),
  ])
  const url = new URL(request.url)
  const self = `${url.origin}${url.pathname}`
  const updated = entries.reduce((latest, entry) => {
    const changed = entry.editedAt ?? entry.publishedAt
    return changed && changed > latest ? changed : latest
  }, new Date(0))
  const xml = renderAtomFeed({
    id: self,
    title: t('feed.title', { name }),
    subtitle: t('feed.subtitle', { name }),
    self,
    alternate: `${url.origin}${page}`,
    author: common('site.name'),
    lang,
    updated: entries.length ? updated : now,
    entries: entries.map((entry) => ({
      id: `${url.origin}/announcements/${entry.id}`,
      url: `${url.origin}/announcements/${entry.id}`,
      title: entry.title,
      published: entry.publishedAt ?? now,
      updated: entry.editedAt ?? entry.publishedAt ?? now,
      summary: announcementSummary(entry.body),
      html: renderAnnouncementMarkdown(entry.body),
      category: { term: entry.category, label: common(`announcement.category.${entry.category}`) },
      lang: entry.bodyLang,
    })),
  })
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Content-Language': lang,
      Vary: 'Accept-Language, Cookie',
    },
  })
}
