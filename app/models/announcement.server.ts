import { and, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { db } from '#db/client.server.ts'
import { announcementCentres, announcements, streets } from '#db/schema/index.ts'
import { inLanguageOrChinese, languageOf } from './language.server.ts'

function announcementColumns(lang: Language) {
  return {
    id: announcements.id,
    category: announcements.category,
    title: inLanguageOrChinese(lang, announcements.titleZh, announcements.titleEn),
    contentLang: languageOf(lang, announcements.titleEn),
    publishedAt: announcements.publishedAt,
    expiresAt: announcements.expiresAt,
    pinnedUntil: announcements.pinnedUntil,
    editedAt: announcements.editedAt,
    streetName: sql<string | null>`${lang === 'en' ? streets.nameEn : streets.nameZh}`,
  }
}

/** Published and not yet expired. */
function isCurrent(now: Date) {
  return and(
    eq(announcements.status, 'published'),
    lte(announcements.publishedAt, now),
    or(isNull(announcements.expiresAt), gt(announcements.expiresAt, now)),
  )
}

/**
 * Announcements a reader should see now: pinned first, then urgent, then newest. For a
 * centre: the district's, its street's whole-street notices, and those aimed at it.
 */
export async function listCurrentAnnouncements({
  lang,
  now,
  centre,
  limit = 5,
}: {
  lang: Language
  now: Date
  centre?: { id: number; streetId: number }
  limit?: number
}) {
  const aimedAtCentre = centre
    ? or(
        isNull(announcements.streetId),
        and(
          eq(announcements.streetId, centre.streetId),
          sql`not exists (select 1 from ${announcementCentres} where ${announcementCentres.announcementId} = ${announcements.id})`,
        ),
        sql`exists (select 1 from ${announcementCentres} where ${announcementCentres.announcementId} = ${announcements.id} and ${announcementCentres.centreId} = ${centre.id})`,
      )
    : undefined
  const pinned = sql`coalesce(${gt(announcements.pinnedUntil, now)}, false)`
  return db
    .select(announcementColumns(lang))
    .from(announcements)
    .leftJoin(streets, eq(streets.id, announcements.streetId))
    .where(and(isCurrent(now), aimedAtCentre))
    .orderBy(desc(pinned), desc(sql`${announcements.category} = 'urgent'`), desc(announcements.publishedAt))
    .limit(limit)
}

/**
 * One published announcement. Expired ones keep their address and say so; drafts and
 * scheduled ones are not there yet.
 */
export async function getPublishedAnnouncement({ id, lang, now }: { id: number; lang: Language; now: Date }) {
  const [announcement] = await db
    .select({
      ...announcementColumns(lang),
      body: inLanguageOrChinese(lang, announcements.bodyZh, announcements.bodyEn),
      bodyLang: languageOf(lang, announcements.bodyEn),
    })
    .from(announcements)
    .leftJoin(streets, eq(streets.id, announcements.streetId))
    .where(and(eq(announcements.id, id), eq(announcements.status, 'published'), lte(announcements.publishedAt, now)))
    .limit(1)
  if (!announcement) return null
  return { ...announcement, expired: announcement.expiresAt !== null && announcement.expiresAt <= now }
}
