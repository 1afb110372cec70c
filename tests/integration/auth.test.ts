import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseConnection } from '#db/connect.server.ts'
import { authSessions, notifications, roleGrants } from '#db/schema/index.ts'
import { createCentre, createResident as createResidentRow } from '#tests/fixtures/factories.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

// Sessions and throttling against real Postgres, through the app's own models.
let connection: DatabaseConnection & { url: string }
let sessions: typeof import('#app/models/session.server.ts')
let attempts: typeof import('#app/models/auth-attempt.server.ts')
let passwords: typeof import('#app/utils/password.server.ts')

beforeAll(async () => {
  connection = await migratedPostgres()
  process.env.DATABASE_URL = connection.url
  sessions = await import('#app/models/session.server.ts')
  attempts = await import('#app/models/auth-attempt.server.ts')
  passwords = await import('#app/utils/password.server.ts')
})
afterAll(async () => {
  await (await import('#db/client.server.ts')).closeDatabase()
  await connection?.close()
})

describe('sessions', () => {
  test('a resident session ends after two idle hours, and its row goes with it', async () => {
    const user = await createResidentRow(connection.db)
    const start = new Date('2026-11-27T08:00:00Z')
    const { token } = await sessions.createSession({ userId: user.id, remember: false, now: start })
    const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000)
    expect(await sessions.findSessionUser({ token, now: later(100) })).toMatchObject({ id: user.id })
    // Seen at 100 minutes, so still alive 110 minutes after that …
    expect(await sessions.findSessionUser({ token, now: later(210) })).toMatchObject({ id: user.id })
    // … but not two hours after the last visit.
    expect(await sessions.findSessionUser({ token, now: later(331) })).toBeNull()
    expect(await connection.db.select().from(authSessions).where(eq(authSessions.userId, user.id))).toEqual([])
  })

  test('"keep me logged in" lasts weeks; staff sessions idle out after 30 minutes whatever they ask', async () => {
    const resident = await createResidentRow(connection.db)
    const start = new Date('2026-11-27T08:00:00Z')
    const remembered = await sessions.createSession({ userId: resident.id, remember: true, now: start })
    expect(remembered.cookieExpires?.getTime()).toBe(start.getTime() + 90 * 86_400_000)
    expect(
      await sessions.findSessionUser({ token: remembered.token, now: new Date(start.getTime() + 20 * 86_400_000) }),
    ).not.toBeNull()

    const staff = await createResidentRow(connection.db)
    // A street grant makes this account staff.
    const { streetId } = await createCentre(connection.db)
    await connection.db.insert(roleGrants).values({ userId: staff.id, role: 'street_staff', streetId })
    const staffSession = await sessions.createSession({ userId: staff.id, remember: true, now: start })
    expect(staffSession.cookieExpires).toBeUndefined()
    expect(
      await sessions.findSessionUser({ token: staffSession.token, now: new Date(start.getTime() + 29 * 60_000) }),
    ).not.toBeNull()
    expect(
      await sessions.findSessionUser({ token: staffSession.token, now: new Date(start.getTime() + 60 * 60_000) }),
    ).toBeNull()
  })

  test("the session brings its person's unread notifications, theirs only, counted afresh each time", async () => {
    const user = await createResidentRow(connection.db)
    const neighbour = await createResidentRow(connection.db)
    const { token } = await sessions.createSession({ userId: user.id, remember: false })
    expect(await sessions.findSessionUser({ token })).toMatchObject({ id: user.id, unreadNotifications: 0 })
    const [first] = await connection.db
      .insert(notifications)
      .values([
        { userId: user.id, kind: 'booking_reminder' },
        { userId: user.id, kind: 'booking_confirmed' },
        { userId: user.id, kind: 'booking_reminder', readAt: new Date() },
        { userId: neighbour.id, kind: 'booking_reminder' },
      ])
      .returning({ id: notifications.id })
    expect(await sessions.findSessionUser({ token })).toMatchObject({ unreadNotifications: 2 })
    await connection.db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, first!.id))
    expect(await sessions.findSessionUser({ token })).toMatchObject({ unreadNotifications: 1 })
  })

  test('the table stores a hash of the token, never the token', async () => {
    const user = await createResidentRow(connection.db)
    const { token } = await sessions.createSession({ userId: user.id, remember: false })
    const [row] = await connection.db
      .select({ id: authSessions.id })
      .from(authSessions)
      .where(eq(authSessions.userId, user.id))
    expect(row!.id).not.toBe(token)
    expect(row!.id).not.toContain(token.slice(0, 10))
  })
})

describe('throttling', () => {
  test('twenty concurrent guesses at one account: exactly five get through', async () => {
    const key = attempts.throttleKey('login-account', `race-${Date.now()}`)
    const rule = { key, limit: 5, windowSeconds: 900, countSucceeded: false }
    const results = await Promise.all(Array.from({ length: 20 }, () => attempts.claimAttempt({ rules: [rule] })))
    expect(results.filter((result) => result.allowed)).toHaveLength(5)
    const refused = results.find((result) => !result.allowed)!
    expect(refused.retryAt!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000)
  })

  test('a successful login starts the count again; an address limit holds across accounts', async () => {
    const stamp = Date.now()
    const account = {
      key: attempts.throttleKey('login-account', `ok-${stamp}`),
      limit: 3,
      windowSeconds: 900,
      countSucceeded: false,
    }
    for (let index = 0; index < 2; index++)
      expect((await attempts.claimAttempt({ rules: [account] })).allowed).toBe(true)
    const success = await attempts.claimAttempt({ rules: [account] })
    await attempts.markAttemptsSucceeded({ attemptIds: success.attemptIds })
    for (let index = 0; index < 3; index++)
      expect((await attempts.claimAttempt({ rules: [account] })).allowed).toBe(true)
    expect((await attempts.claimAttempt({ rules: [account] })).allowed).toBe(false)

    const address = {
      key: attempts.throttleKey('login-address', `10.0.0.${stamp % 250}`),
      limit: 4,
      windowSeconds: 900,
      countSucceeded: false,
    }
    const outcomes = []
    for (let index = 0; index < 6; index++) {
      const perAccount = {
        key: attempts.throttleKey('login-account', `acct-${stamp}-${index}`),
        limit: 5,
        windowSeconds: 900,
        countSucceeded: false,
      }
      outcomes.push((await attempts.claimAttempt({ rules: [perAccount, address] })).allowed)
    }
    expect(outcomes).toEqual([true, true, true, true, false, false])
  })

  test('keys are stored as HMACs, not as the phone numbers or addresses they name', async () => {
    expect(attempts.throttleKey('login-account', '13800000001')).not.toContain('13800000001')
  })
})

test('passwords are hashed with argon2id at the OWASP settings; common ones are refused', async () => {
  const hash = await passwords.hashPassword('a long and unusual phrase')
  expect(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true)
  expect(await passwords.verifyPassword(hash, 'a long and unusual phrase')).toBe(true)
  expect(await passwords.verifyPassword(hash, 'a long and unusual phrasE')).toBe(false)
  expect(await passwords.verifyPassword('not a hash', 'anything')).toBe(false)
  for (const common of ['password1', 'woaini1314', '12345678', 'qwertyuiop', 'aaaaaaaa']) {
    expect(passwords.isCommonPassword(common), common).toBe(true)
  }
  expect(passwords.isCommonPassword('邻里中心的太极拳很好')).toBe(false)
})
