import { createHmac } from 'node:crypto'
import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import { env } from '#app/utils/env.server.ts'
import { db } from '#db/client.server.ts'
import { authAttempts } from '#db/schema/index.ts'

/**
 * Throttling of logins and sign-ups, kept in Postgres so it holds across app processes.
 * Keys name what is throttled — an account, an IP address — and are stored as HMACs,
 * so the table holds no phone numbers, emails or addresses.
 */
export interface ThrottleRule {
  key: string
  /** Attempts allowed within the window … */
  limit: number
  windowSeconds: number
  /** … counting failures only (logins), or every attempt (sign-ups). */
  countSucceeded: boolean
}

export function throttleKey(kind: string, value: string) {
  return createHmac('sha256', env.SESSION_SECRET).update(`${kind}:${value}`).digest('base64url')
}

/**
 * Claims one attempt under every rule, or says when the earliest blocked rule allows the
 * next. Each key is locked for the check-and-insert, so concurrent requests can't all
 * slip under the limit together.
 */
export async function claimAttempt({ rules, now = new Date() }: { rules: ThrottleRule[]; now?: Date }) {
  return db.transaction(async (tx) => {
    const sorted = [...rules].sort((a, b) => a.key.localeCompare(b.key))
    let retryAt: Date | null = null
    for (const rule of sorted) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${rule.key}))`)
      const since = new Date(now.getTime() - rule.windowSeconds * 1000)
      // A successful login starts the count again.
      const [lastSuccess] = rule.countSucceeded
        ? []
        : await tx
            .select({ at: authAttempts.attemptedAt })
            .from(authAttempts)
            .where(
              and(
                eq(authAttempts.keyHash, rule.key),
                eq(authAttempts.succeeded, true),
                gt(authAttempts.attemptedAt, since),
              ),
            )
            .orderBy(desc(authAttempts.attemptedAt))
            .limit(1)
      const from = lastSuccess ? lastSuccess.at : since
      const counted = and(
        eq(authAttempts.keyHash, rule.key),
        gt(authAttempts.attemptedAt, from),
        rule.countSucceeded ? undefined : eq(authAttempts.succeeded, false),
      )
      const [{ attempts } = { attempts: 0 }] = await tx.select({ attempts: count() }).from(authAttempts).where(counted)
      if (attempts >= rule.limit) {
        const [oldest] = await tx
          .select({ at: authAttempts.attemptedAt })
          .from(authAttempts)
          .where(counted)
          .orderBy(asc(authAttempts.attemptedAt))
          .limit(1)
        const allowedAt = new Date((oldest?.at ?? now).getTime() + rule.windowSeconds * 1000)
        if (!retryAt || allowedAt > retryAt) retryAt = allowedAt
      }
    }
    if (retryAt) return { allowed: false as const, retryAt, attemptIds: [] }
    const inserted = await tx
      .insert(authAttempts)
      .values(sorted.map((rule) => ({ keyHash: rule.key, succeeded: false, attemptedAt: now })))
      .returning({ id: authAttempts.id })
    return { allowed: true as const, retryAt: null, attemptIds: inserted.map((row) => row.id) }
  })
}

/** Marks claimed attempts as successful (a correct password; a completed sign-up). */
export async function markAttemptsSucceeded({ attemptIds }: { attemptIds: number[] }) {
  if (attemptIds.length === 0) return
  await db.update(authAttempts).set({ succeeded: true }).where(inArray(authAttempts.id, attemptIds))
}
