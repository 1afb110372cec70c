import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { notifications } from '#db/schema/index.ts'

export async function countUnreadNotifications({ userId }: { userId: number }) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return row?.count ?? 0
}

/** The person's latest notifications; the text is rendered from kind and params in their language. */
export async function listNotifications({ userId }: { userId: number }) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(100)
}

export async function markAllNotificationsRead({ userId, now = new Date() }: { userId: number; now?: Date }) {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
}
