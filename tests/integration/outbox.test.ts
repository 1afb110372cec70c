import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { connectDatabase, type DatabaseConnection } from '#db/connect.server.ts'
import { outbox, users } from '#db/schema/index.ts'
import { minutes, queuedConfirmations, recordingTransport } from '#tests/fixtures/delivery.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

// The outbox worker against real Postgres: retries with backoff, giving up with a
// reason, two workers in separate connections racing for the same rows, and rows
// whose worker died mid-send.
let connection: DatabaseConnection & { url: string }
let second: DatabaseConnection
let worker: typeof import('#app/jobs/outbox-worker.server.ts')
let models: typeof import('#app/models/outbox.server.ts')
let transports: typeof import('#app/jobs/transports.server.ts')

beforeAll(async () => {
  connection = await migratedPostgres()
  second = connectDatabase({ databaseUrl: connection.url, dataDir: 'unused' })
  process.env.DATABASE_URL = connection.url
  // The worker logs every retry and failure; the assertions say what matters here.
  process.env.LOG_LEVEL = 'silent'
  worker = await import('#app/jobs/outbox-worker.server.ts')
  models = await import('#app/models/outbox.server.ts')
  transports = await import('#app/jobs/transports.server.ts')
})
afterAll(async () => {
  await (await import('#db/client.server.ts')).closeDatabase()
  await second?.close()
  await connection?.close()
})

async function rowOf(id: number) {
  const [row] = await connection.db
    .select({
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      sentAt: outbox.sentAt,
      nextAttemptAt: outbox.nextAttemptAt,
      leaseExpiresAt: outbox.leaseExpiresAt,
    })
    .from(outbox)
    .where(eq(outbox.id, id))
  return row!
}

describe('retries', () => {
  test('a transport that fails twice and then succeeds delivers the message once, on the third try', async () => {
    const start = new Date('2026-12-01T02:00:00Z')
    const [id] = await queuedConfirmations(connection.db, { count: 1, now: start })
    const {
      transports: flaky,
      calls,
      delivered,
    } = recordingTransport({
      fail: (_message, call) => (call <= 2 ? new Error('gateway unavailable') : undefined),
    })
    const deliver = (now: Date) =>
      worker.deliverDueMessages({ now, transports: flaky, maxAttempts: 5, random: () => 0.5 }, connection.db)

    expect(await deliver(start)).toMatchObject({ claimed: 1, retrying: 1, sent: 0 })
    let row = await rowOf(id!)
    expect(row).toMatchObject({ status: 'pending', attempts: 1, sentAt: null, leaseExpiresAt: null })
    expect(row.lastError).toMatch(/gateway unavailable/)
    // Backoff: 30 s after the first failure (jitter fixed at the middle), not before.
    expect(row.nextAttemptAt.getTime()).toBe(start.getTime() + 30_000)
    expect(await deliver(new Date(start.getTime() + 29_000))).toMatchObject({ claimed: 0 })

    expect(await deliver(minutes(start, 1))).toMatchObject({ claimed: 1, retrying: 1 })
    row = await rowOf(id!)
    expect(row).toMatchObject({ status: 'pending', attempts: 2 })
    // 60 s after the second.
    expect(row.nextAttemptAt.getTime()).toBe(minutes(start, 1).getTime() + 60_000)

    const sentAt = minutes(start, 3)
    expect(await deliver(sentAt)).toMatchObject({ claimed: 1, sent: 1 })
    expect(await rowOf(id!)).toMatchObject({ status: 'sent', attempts: 3, sentAt, lastError: null })
    expect(calls.get(id!)).toBe(3)
    expect(delivered.filter((message) => message.outboxId === id)).toHaveLength(1)

    // Nothing left to do, however late.
    expect(await deliver(minutes(start, 600))).toMatchObject({ claimed: 0 })
    expect(calls.get(id!)).toBe(3)
  })

  test('a message that keeps failing is marked failed after the last try, with the reason', async () => {
    const start = new Date('2026-12-01T02:00:00Z')
    const [id] = await queuedConfirmations(connection.db, { count: 1, now: start })
    const { transports: broken, calls } = recordingTransport({
      fail: () => Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:25'), { code: 'ECONNREFUSED' }),
    })
    for (let round = 0; round < 3; round++) {
      await worker.deliverDueMessages(
        { now: minutes(start, round * 120), transports: broken, maxAttempts: 3 },
        connection.db,
      )
    }
    const row = await rowOf(id!)
    expect(row).toMatchObject({ status: 'failed', attempts: 3, sentAt: null, leaseExpiresAt: null })
    expect(row.lastError).toBe('ECONNREFUSED: connect ECONNREFUSED 10.0.0.5:25')
    expect(calls.get(id!)).toBe(3)
    // Failed rows are never tried again.
    await worker.deliverDueMessages({ now: minutes(start, 10_000), transports: broken, maxAttempts: 3 }, connection.db)
    expect(calls.get(id!)).toBe(3)
  })

  test('a failure that retrying cannot fix fails at once: a refused recipient, a missing address', async () => {
    const start = new Date('2026-12-01T02:00:00Z')
    const [refused, noAddress] = await queuedConfirmations(connection.db, { count: 2, channel: 'email', now: start })
    const [row] = await connection.db.select({ userId: outbox.userId }).from(outbox).where(eq(outbox.id, noAddress!))
    await connection.db.update(users).set({ email: null }).where(eq(users.id, row!.userId!))
    const { transports: refusing, calls } = recordingTransport({
      fail: () => new transports.PermanentDeliveryError('smtp_550'),
    })
    expect(
      await worker.deliverDueMessages({ now: start, transports: refusing, maxAttempts: 5 }, connection.db),
    ).toMatchObject({ claimed: 2, failed: 2 })
    expect(await rowOf(refused!)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'smtp_550' })
    expect(await rowOf(noAddress!)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'no_email_address' })
    // The one without an address never reached the transport.
    expect(calls.get(noAddress!)).toBeUndefined()
  })

  test('what is recorded of an error leaves out addresses and phone numbers', () => {
    expect(worker.failureReason(new Error('550 5.1.1 <wang@example.org>: Recipient address rejected'))).toBe(
      'Error: 550 5.1.1 <[address]>: Recipient address rejected',
    )
    expect(worker.failureReason(new Error('number 13800000001 is blocked'))).toBe('Error: number [number] is blocked')
  })
})

describe('two workers', () => {
  test('racing on separate connections, they never send the same row', async () => {
    const start = new Date('2026-12-01T02:00:00Z')
    const ids = await queuedConfirmations(connection.db, { count: 150, now: start })
    // One transport for both, so a row sent by both would be counted twice.
    const { transports: shared, calls, delivered } = recordingTransport({ delayMs: 3 })
    const sentBy = [0, 0]
    const drain = async (database: DatabaseConnection['db'], index: number) => {
      for (;;) {
        const report = await worker.deliverDueMessages(
          { now: start, transports: shared, maxAttempts: 5, batchSize: 7 },
          database,
        )
        sentBy[index]! += report.sent
        if (report.claimed === 0) return
      }
    }
    await Promise.all([drain(connection.db, 0), drain(second.db, 1)])

    expect(delivered).toHaveLength(ids.length)
    expect(new Set(delivered.map((message) => message.outboxId)).size).toBe(ids.length)
    expect(ids.every((id) => calls.get(id) === 1)).toBe(true)
    // Both really worked: the rows were shared out, not taken by one.
    expect(sentBy[0]).toBeGreaterThan(0)
    expect(sentBy[1]).toBeGreaterThan(0)
    expect(sentBy[0]! + sentBy[1]!).toBe(ids.length)
    const rows = await connection.db
      .select({ status: outbox.status, attempts: outbox.attempts })
      .from(outbox)
      .where(inArray(outbox.id, ids))
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true)
  })
})

describe('a worker that died while sending', () => {
  test('its rows come back when the lease runs out, and its late report changes nothing', async () => {
    const start = new Date('2026-12-01T02:00:00Z')
    const [id] = await queuedConfirmations(connection.db, { count: 1, now: start })
    // Worker A claims the row and is never heard of again.
    const [claimed] = await models.claimOutboxBatch({ now: start, limit: 1, leaseMs: 60_000 }, connection.db)
    expect(claimed).toMatchObject({ id, attempts: 1 })
    expect(await rowOf(id!)).toMatchObject({ status: 'sending', leaseExpiresAt: minutes(start, 1) })

    const { transports: healthy, calls } = recordingTransport()
    const deliver = (now: Date) => worker.deliverDueMessages({ now, transports: healthy, maxAttempts: 5 }, second.db)
    // While the lease holds, nobody else touches the row.
    expect(await deliver(new Date(start.getTime() + 59_000))).toMatchObject({ released: 0, claimed: 0 })
    // Once it has run out, worker B takes the row back and sends it.
    expect(await deliver(minutes(start, 2))).toMatchObject({ released: 1, claimed: 1, sent: 1 })
    expect(await rowOf(id!)).toMatchObject({ status: 'sent', attempts: 2 })
    expect(calls.get(id!)).toBe(1)

    // Worker A wakes up: its claim (attempts 1) is stale, so it can record nothing.
    expect(await models.markOutboxSent({ id: id!, attempts: 1, now: minutes(start, 3) }, connection.db)).toBe(false)
    expect(
      await models.markOutboxAttemptFailed(
        { id: id!, attempts: 1, error: 'late', retryAt: minutes(start, 4) },
        connection.db,
      ),
    ).toBe(false)
    expect(await rowOf(id!)).toMatchObject({ status: 'sent', attempts: 2, sentAt: minutes(start, 2) })
  })

  test('a row whose last allowed try died with its worker is marked failed, saying why', async () => {
    const start = new Date('2026-12-01T02:00:00Z')
    const [id] = await queuedConfirmations(connection.db, { count: 1, now: start })
    await models.claimOutboxBatch({ now: start, limit: 1, leaseMs: 60_000 }, connection.db)
    const { transports: healthy, calls } = recordingTransport()
    expect(
      await worker.deliverDueMessages({ now: minutes(start, 5), transports: healthy, maxAttempts: 1 }, second.db),
    ).toMatchObject({ released: 1, claimed: 0 })
    const row = await rowOf(id!)
    expect(row).toMatchObject({ status: 'failed', attempts: 1, leaseExpiresAt: null })
    expect(row.lastError).toMatch(/^lease_expired/)
    expect(calls.get(id!)).toBeUndefined()
  })
})

describe('messages', () => {
  test('are written in the recipient’s language, with the booking’s service, centre and time', async () => {
    const start = new Date('2026-12-01T02:00:00Z')
    const [zhId, enId] = await queuedConfirmations(connection.db, { count: 2, channel: 'email', now: start })
    const [enRow] = await connection.db.select({ userId: outbox.userId }).from(outbox).where(eq(outbox.id, enId!))
    await connection.db.update(users).set({ preferredLocale: 'en' }).where(eq(users.id, enRow!.userId!))
    const { transports: recording, delivered } = recordingTransport()
    await worker.deliverDueMessages({ now: start, transports: recording, maxAttempts: 5 }, connection.db)
    const zh = delivered.find((message) => message.outboxId === zhId)!
    const en = delivered.find((message) => message.outboxId === enId)!
    expect(zh).toMatchObject({ channel: 'email', language: 'zh-CN', subject: '预约成功：瑜伽' })
    expect(zh.to).toMatch(/@example\.org$/)
    expect(zh.text).toContain('测试居民的预约已确认')
    expect(zh.text).toContain('地点：测试邻里中心')
    expect(zh.text).not.toMatch(/\{\{|\}\}/)
    expect(en).toMatchObject({ language: 'en', subject: 'Booked: Yoga' })
    expect(en.text).toContain('Where: Test Centre')
    expect(en.text).toMatch(/Reference: T[0-9A-F]{10}/)
    expect(en.text).not.toMatch(/\{\{|\}\}/)
  })
})
