import { createHash, randomBytes } from 'node:crypto'
import { eq, lt, or, sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { builtOnce } from '#db/statement.server.ts'
import { authSessions, notifications, roleGrants, users } from '#db/schema/index.ts'

/** How long a login lasts, by who it is for (issue: residents may stay logged in; staff may not). */
export const SESSION_POLICY = {
  resident: { idleSeconds: 2 * 60 * 60, absoluteSeconds: 12 * 60 * 60 },
  residentRemembered: { idleSeconds: 30 * 24 * 60 * 60, absoluteSeconds: 90 * 24 * 60 * 60 },
  staff: { idleSeconds: 30 * 60, absoluteSeconds: 12 * 60 * 60 },
} as const

// Touching last_seen_at on every request would write on every page view; once a minute is enough.
const TOUCH_AFTER_MS = 60_000

/** The session id stored is a hash of the cookie's token, so a leaked table opens no sessions. */
function sessionId(token: string) {
  return createHash('sha256').update(token).digest('base64url')
}

export async function isStaff(userId: number) {
  const [grant] = await db.select({ id: roleGrants.id }).from(roleGrants).where(eq(roleGrants.userId, userId)).limit(1)
  return Boolean(grant)
}

/** Starts a session; returns the token for the cookie and when the cookie should expire. */
export async function createSession({
  userId,
  remember,
  now = new Date(),
}: {
  userId: number
  remember: boolean
  now?: Date
}) {
  const staff = await isStaff(userId)
  const policy = staff ? SESSION_POLICY.staff : remember ? SESSION_POLICY.residentRemembered : SESSION_POLICY.resident
  const token = randomBytes(32).toString('base64url')
  const absoluteExpiresAt = new Date(now.getTime() + policy.absoluteSeconds * 1000)
  await db.insert(authSessions).values({
    id: sessionId(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    idleTimeoutSeconds: policy.idleSeconds,
    absoluteExpiresAt,
    remember: remember && !staff,
  })
  return { token, cookieExpires: remember && !staff ? absoluteExpiresAt : undefined }
}

const sessionUser = builtOnce((runner) =>
  runner
    .select({
      lastSeenAt: authSessions.lastSeenAt,
      idleTimeoutSeconds: authSessions.idleTimeoutSeconds,
      absoluteExpiresAt: authSessions.absoluteExpiresAt,
      user: {
        id: users.id,
        name: users.name,
        preferredLocale: users.preferredLocale,
        elderMode: users.elderMode,
        // Every page's header shows it, so it comes with the session rather than in a second round trip.
        unreadNotifications: sql<number>`(select count(*)::int from ${notifications} where ${notifications.userId} = ${users.id} and ${notifications.readAt} is null)`,
      },
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(eq(authSessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('session_user'),
)

/** The account behind a session token, if the session is still within both timeouts. */
export async function findSessionUser({ token, now = new Date() }: { token: string; now?: Date }) {
  const id = sessionId(token)
  const [row] = await sessionUser(db, { id })
  if (!row) return null
  const idleUntil = row.lastSeenAt.getTime() + row.idleTimeoutSeconds * 1000
  if (now.getTime() >= idleUntil || now >= row.absoluteExpiresAt) {
    await db.delete(authSessions).where(eq(authSessions.id, id))
    return null
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, id))
  }
  return row.user
}

export async function deleteSession({ token }: { token: string }) {
  await db.delete(authSessions).where(eq(authSessions.id, sessionId(token)))
}

/** Logs a person out everywhere (also used when their staff grants change). */
export async function deleteUserSessions({ userId }: { userId: number }) {
  await db.delete(authSessions).where(eq(authSessions.userId, userId))
}

/** Housekeeping: sessions past either timeout. */
export async function deleteExpiredSessions({ now = new Date() }: { now?: Date } = {}) {
  await db
    .delete(authSessions)
    .where(
      or(
        lt(authSessions.absoluteExpiresAt, now),
        sql`${authSessions.lastSeenAt} + make_interval(secs => ${authSessions.idleTimeoutSeconds}) < ${now.toISOString()}::timestamptz`,
      ),
    )
}
