import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { db } from '#db/client.server.ts'
import { announcements, notifications } from '#db/schema/index.ts'
import { inLanguageOrChinese } from './language.server.ts'

/**
 * The person's latest notifications; the text is rendered from kind and params in their
 * language, with the current title of the announcement a notification is about.
 */
export async function listNotifications({ userId, lang }: { userId: number; lang: Language }) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      announcementId: notifications.announcementId,
      announcementTitle: sql<string | null>`${inLanguageOrChinese(lang, announcements.titleZh, announcements.titleEn)}`,
    })
    .from(notifications)
    .leftJoin(announcements, eq(announcements.id, notifications.announcementId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(100)
}

/** Marks one of the person's notifications read; someone else's is left alone. */
export async function markNotificationRead({
  id,
  userId,
  now = new Date(),
}: {
  id: number
  userId: number
  now?: Date
}) {
  const updated = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id })
  return updated.length > 0
}

export async function markAllNotificationsRead({ userId, now = new Date() }: { userId: number; now?: Date }) {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
}
