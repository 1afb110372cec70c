import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { connectDatabase, type DatabaseConnection } from '#db/connect.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { bookings, notifications, services, slots } from '#db/schema/index.ts'
import { loggedInResidents, startApp, waitForStatus } from '#tests/fixtures/app-process.ts'
import { createCentre } from '#tests/fixtures/factories.ts'
import { miscountedSlots } from '#tests/fixtures/slot-counters.ts'
import { startCluster, type Cluster } from '#tests/setup/postgres-cluster.mjs'

/**
 * The app when Postgres goes away: at boot, in the middle of a booking run, and the app
 * itself stopped under load. These tests stop and start their own cluster, so nothing
 * else shares it.
 */
const UNAVAILABLE_ZH = '服务暂时不可用'
const UNAVAILABLE_EN = 'The service is unavailable for a moment'
/** A line of a JavaScript stack trace, which no page may ever show. */
const STACK_LINE = /\bat [\w.<>]+ \(?[^)]*:\d+:\d+\)?/

let cluster: Cluster
let url: string
let connection: DatabaseConnection
let serviceId: number
let clusterUp = true

function down(mode: 'fast' | 'immediate') {
  cluster.down(mode)
  clusterUp = false
}
function up() {
  cluster.up()
  clusterUp = true
}

beforeAll(async () => {
  // Commits must survive Postgres being killed, as they do in production.
  cluster = await startCluster({ durable: true })
  cluster.createDatabase('reliability')
  url = cluster.urlFor('reliability')
  await migrateDatabase({ databaseUrl: url, dataDir: 'unused' })
  connection = connectDatabase({ databaseUrl: url, dataDir: 'unused', maxConnections: 2 })
  const centre = await createCentre(connection.db)
  const [service] = await connection.db
    .insert(services)
    .values({
      centreId: centre.id,
      slug: 'reliability-yoga',
      category: 'fitness',
      bookingMode: 'class',
      nameZh: '瑜伽',
      nameEn: 'Yoga',
      maxActivePerPerson: 100,
    })
    .returning({ id: services.id })
  serviceId = service!.id
}, 60_000)

afterAll(async () => {
  if (!clusterUp) up()
  await connection?.close()
  cluster?.stop()
})

async function newSlot(capacity: number) {
  const startsAt = new Date(Date.now() + 3 * 86_400_000)
  const [slot] = await connection.db
    .insert(slots)
    .values({ serviceId, capacity, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) })
    .returning({ id: slots.id })
  return slot!.id
}

describe('Postgres going away', () => {
  test('started while Postgres is down, the app waits: /readyz fails and pages say so in both languages, until it is back', async () => {
    down('fast')
    const app = await startApp({ env: { DATABASE_URL: url }, waitFor: '/healthz' })
    try {
      expect((await fetch(`${app.origin}/readyz`)).status).toBe(503)
      const page = await fetch(`${app.origin}/centres`)
      expect(page.status).toBe(503)
      expect(page.headers.get('retry-after')).toBe('10')
      const html = await page.text()
      expect(html).toContain(UNAVAILABLE_ZH)
      expect(html).toContain(UNAVAILABLE_EN)
      expect(html).toContain('<section lang="zh-CN">')
      expect(html).toContain('<section lang="en">')
      expect(html).not.toMatch(STACK_LINE)

      up()
      await waitForStatus(`${app.origin}/readyz`, 200, 30_000)
      expect((await fetch(`${app.origin}/centres`)).status).toBe(200)
    } finally {
      if (!clusterUp) up()
      expect(await app.stop()).toBe(0)
    }
  }, 90_000)

  test('restarted during a booking run: every answer is a booking or a translated 503, the app recovers by itself, and nothing is half-written', async () => {
    const capacity = 30
    const slotId = await newSlot(capacity)
    const { cookies } = await loggedInResidents(connection.db, 400, '137')
    const app = await startApp({ env: { DATABASE_URL: url } })
    const statuses = new Map<number, number>()
    const references: string[] = []
    const badBodies: string[] = []
    let next = 0
    let stop = false
    async function resident() {
      // The last resident is kept for the booking after the restart.
      while (!stop && next < cookies.length - 1) {
        const cookie = cookies[next++]!
        const response = await fetch(`${app.origin}/book/${slotId}`, {
          method: 'POST',
          headers: { Cookie: cookie, Origin: app.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ attendee: 'self', idempotencyKey: randomUUID() }),
          redirect: 'manual',
        })
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        const body = await response.text()
        if (response.status === 303) references.push(response.headers.get('location')!.split('/').pop()!)
        else if (response.status !== 503 || !body.includes(UNAVAILABLE_ZH) || STACK_LINE.test(body)) {
          badBodies.push(`${response.status}: ${body.slice(0, 200)}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    try {
      const residents = Array.from({ length: 8 }, () => resident())
      await new Promise((resolve) => setTimeout(resolve, 400))
      down('immediate')
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      up()
      await waitForStatus(`${app.origin}/readyz`, 200, 30_000)
      await new Promise((resolve) => setTimeout(resolve, 500))
      stop = true
      await Promise.all(residents)

      expect(badBodies).toEqual([])
      expect([...statuses.keys()].sort()).toEqual([303, 503])
      // The app came back without a restart: a new booking goes through.
      const after = await fetch(`${app.origin}/book/${slotId}`, {
        method: 'POST',
        headers: {
          Cookie: cookies[cookies.length - 1]!,
          Origin: app.origin,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ attendee: 'self', idempotencyKey: randomUUID() }),
        redirect: 'manual',
      })
      expect(after.status).toBe(303)
    } finally {
      stop = true
      if (!clusterUp) up()
      expect(await app.stop()).toBe(0)
    }

    // Every booking a resident was sent to exists; the counters match the rows; every
    // booking has its notification — nothing was half-written.
    const rows = await connection.db
      .select({ reference: bookings.reference, status: bookings.status })
      .from(bookings)
      .where(eq(bookings.slotId, slotId))
    const stored = new Set(rows.map((row) => row.reference))
    expect(references.filter((reference) => !stored.has(reference))).toEqual([])
    const [slot] = await connection.db
      .select({ seatsTaken: slots.seatsTaken, waitlisted: slots.waitlistedCount })
      .from(slots)
      .where(eq(slots.id, slotId))
    const confirmed = rows.filter((row) => row.status === 'confirmed').length
    expect(slot!.seatsTaken).toBe(confirmed)
    expect(confirmed).toBeLessThanOrEqual(capacity)
    expect(slot!.waitlisted).toBe(rows.filter((row) => row.status === 'waitlisted').length)
    expect(await miscountedSlots(connection.db, [slotId])).toEqual([])
    const [orphans] = await connection.db
      .select({ count: sql<number>`count(*)::int` })
      .from(bookings)
      .where(
        and(
          eq(bookings.slotId, slotId),
          sql`not exists (select 1 from ${notifications} where ${notifications.bookingId} = ${bookings.id})`,
        ),
      )
    expect(orphans!.count).toBe(0)
  }, 120_000)
})

describe('stopping the app under load', () => {
  test.each(['1', '2'])(
    'SIGTERM with APP_PROCESSES=%s: requests in flight finish, later connections are turned away, and the server exits 0 within 10 s',
    async (processes) => {
      const app = await startApp({ env: { DATABASE_URL: url, APP_PROCESSES: processes } })
      expect(appProcessIds(app.process.pid!)).toHaveLength(processes === '1' ? 0 : 2)
      // /readyz answered from one copy; the other may still be preparing (and answer 503).
      await expect
        .poll(
          async () =>
            (await Promise.all(Array.from({ length: 8 }, () => getOnNewConnection(app.origin, '/readyz')))).every(
              (outcome) => 'status' in outcome && outcome.status === 200,
            ),
          { timeout: 30_000 },
        )
        .toBe(true)
      const outcomes: Outcome[] = []
      let stop = false
      async function reader() {
        while (!stop) outcomes.push(await getOnNewConnection(app.origin, '/centres'))
      }
      const readers = Array.from({ length: 12 }, () => reader())
      await new Promise((resolve) => setTimeout(resolve, 800))
      const signalled = performance.now()
      const exitCode = await app.stop()
      const stoppedMs = performance.now() - signalled
      stop = true
      await Promise.all(readers)

      expect(exitCode).toBe(0)
      expect(stoppedMs).toBeLessThan(10_000)
      const answered = outcomes.filter((outcome) => 'status' in outcome)
      // Every answer is whole and a success, including those finished after the signal:
      // the requests in flight when it came.
      expect(answered.filter((outcome) => outcome.status !== 200)).toEqual([])
      expect(answered.some((outcome) => outcome.finishedAt > signalled)).toBe(true)
      // What got no answer never got one started: its connection was refused, or reset
      // while still waiting to be accepted.
      const failures = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome] : []))
      expect(failures.filter((failure) => failure.afterHeaders)).toEqual([])
      expect(failures.filter((failure) => !['ECONNREFUSED', 'ECONNRESET'].includes(failure.error))).toEqual([])
    },
    60_000,
  )

  test('APP_PROCESSES=2: a copy that dies is replaced, and the others answer meanwhile', async () => {
    const app = await startApp({ env: { DATABASE_URL: url, APP_PROCESSES: '2' } })
    try {
      // startApp saw one copy ready; one killed before it is ready counts as a server that
      // cannot start, and stops the rest (server/processes.js). Under load the second
      // copy can be seconds behind.
      await waitForEveryCopy(app.origin, 2)
      const [first, second] = appProcessIds(app.process.pid!)
      process.kill(first!, 'SIGKILL')
      // Once server.js has seen it go (a connection handed over at that very instant is
      // lost with it), the port is still served while its replacement starts.
      await expect.poll(() => appProcessIds(app.process.pid!), { timeout: 10_000 }).not.toContain(first)
      for (let request = 0; request < 20; request++) {
        const response = await fetch(`${app.origin}/centres`, { signal: AbortSignal.timeout(5_000) })
        expect(response.status).toBe(200)
      }
      await expect.poll(() => appProcessIds(app.process.pid!), { timeout: 30_000 }).toHaveLength(2)
      const now = appProcessIds(app.process.pid!)
      expect(now).toContain(second)
      expect(now).not.toContain(first)
      await waitForStatus(`${app.origin}/readyz`, 200, 30_000)
    } finally {
      expect(await app.stop()).toBe(0)
    }
  }, 60_000)
})

/** The processes server.js started to serve (none when it serves by itself). */
type Outcome = { status: number; finishedAt: number } | { error: string; afterHeaders: boolean }

/** A GET on a connection of its own, noting whether a failure came before or after the answer began. */
function getOnNewConnection(origin: string, path: string) {
  return new Promise<Outcome>((resolve) => {
    let afterHeaders = false
    const request = http.get(`${origin}${path}`, { agent: false }, (response) => {
      afterHeaders = true
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode ?? 0, finishedAt: performance.now() }))
      response.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ error: error.code ?? error.message, afterHeaders }),
      )
    })
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, afterHeaders }))
  })
}

function appProcessIds(pid: number) {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
}

/**
 * Waits until every copy answers /readyz with 200. server.js hands each new connection to
 * the next copy in turn, so twice as many fresh connections in a row reach each copy twice.
 */
async function waitForEveryCopy(origin: string, copies: number) {
  await expect
    .poll(
      async () => {
        const outcomes: Outcome[] = []
        for (let index = 0; index < 2 * copies; index++) outcomes.push(await getOnNewConnection(origin, '/readyz'))
        return outcomes.every((outcome) => 'status' in outcome && outcome.status === 200)
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true)
}
