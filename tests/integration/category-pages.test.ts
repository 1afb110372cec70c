import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { connectDatabase, type DatabaseConnection } from '#db/connect.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { centres, services, streets } from '#db/schema/index.ts'
import { startApp, type AppProcess } from '#tests/fixtures/app-process.ts'
import { createCentre, createService, createSlot } from '#tests/fixtures/factories.ts'
import { createDatabase } from '#tests/setup/database.ts'

/**
 * A category's sessions come 40 to a page, so a district of fifty centres does not put
 * hundreds on one page; the links to the other pages keep the street and day chosen.
 * A service's page shows its sessions 30 to a page: it used to cut them at 120 without a
 * word, which an appointment desk with short times passes within a week. The home page
 * shows each centre of a small district, and a big one's streets.
 */
const SESSIONS = 47
const HOUR = 3_600_000

let connection: DatabaseConnection
let app: AppProcess
let street: string
let servicePath: string
let centreId: number

beforeAll(async () => {
  const url = await createDatabase('category_pages')
  await migrateDatabase({ databaseUrl: url, dataDir: 'unused' })
  connection = connectDatabase({ databaseUrl: url, dataDir: 'unused' })
  const { db } = connection
  const centre = await createCentre(db)
  centreId = centre.id
  const service = await createService(db, { centreId: centre.id })
  // Hourly from tomorrow morning: well inside the next seven days.
  const first = Date.now() + 20 * HOUR
  for (let index = 0; index < SESSIONS; index++) {
    await createSlot(db, { serviceId: service.id, startsAt: new Date(first + index * HOUR) })
  }
  const [row] = await db
    .select({ street: streets.slug, centre: centres.slug, service: services.slug })
    .from(services)
    .innerJoin(centres, eq(centres.id, services.centreId))
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(eq(services.id, service.id))
  street = row!.street
  servicePath = `/centres/${row!.centre}/services/${row!.service}`
  app = await startApp({ env: { DATABASE_URL: url, PAGE_CACHE_MS: '0' } })
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await connection?.close()
})

async function page(path: string) {
  const response = await fetch(`${app.origin}${path}`, { headers: { 'Accept-Language': 'en' } })
  const html = await response.text()
  const link = (rel: string) =>
    /<nav aria-label="Pages of sessions"[\s\S]*?<\/nav>/
      .exec(html)?.[0]
      .match(new RegExp(`href="([^"]+)"[^>]*rel="${rel}"|rel="${rel}"[^>]*href="([^"]+)"`))
      ?.slice(1)
      .find(Boolean)
      ?.replaceAll('&amp;', '&')
  return {
    status: response.status,
    times: [...html.matchAll(/<time dateTime="([^"]+)"/g)].map((match) => match[1]!),
    previous: link('prev'),
    next: link('next'),
  }
}

test('the first page shows 40 sessions in time order and links to the rest, keeping the street', async () => {
  const first = await page(`/categories/fitness?street=${street}`)
  expect(first.status).toBe(200)
  expect(first.times).toHaveLength(40)
  expect([...first.times].sort()).toEqual(first.times)
  expect(first.previous).toBeUndefined()
  expect(first.next).toBe(`/categories/fitness?street=${street}&page=2`)

  const second = await page(first.next!)
  expect(second.times).toHaveLength(SESSIONS - 40)
  expect(second.times[0]! > first.times.at(-1)!).toBe(true)
  expect(second.next).toBeUndefined()
  // Page 1 is the address without a page number.
  expect(second.previous).toBe(`/categories/fitness?street=${street}`)
})

test('a page number that is not one shows the first page, and a page past the end shows none', async () => {
  for (const value of ['0', '-3', 'abc', '1.5', '99999999999']) {
    const shown = await page(`/categories/fitness?street=${street}&page=${value}`)
    expect([value, shown.status, shown.times.length]).toEqual([value, 200, 40])
  }
  const beyond = await page(`/categories/fitness?street=${street}&page=9`)
  expect([beyond.status, beyond.times.length, beyond.next]).toEqual([200, 0, undefined])
  expect(beyond.previous).toBe(`/categories/fitness?street=${street}&page=8`)
})

test("a service's page shows 30 sessions a page, in time order, and links to the rest", async () => {
  const first = await page(servicePath)
  expect(first.status).toBe(200)
  expect(first.times).toHaveLength(30)
  expect([...first.times].sort()).toEqual(first.times)
  expect(first.previous).toBeUndefined()
  expect(first.next).toBe(`${servicePath}?page=2`)

  const second = await page(first.next!)
  expect(second.times).toHaveLength(SESSIONS - 30)
  expect(second.times[0]! > first.times.at(-1)!).toBe(true)
  expect(second.next).toBeUndefined()
  expect(second.previous).toBe(servicePath)

  const odd = await page(`${servicePath}?page=abc`)
  expect([odd.status, odd.times]).toEqual([200, first.times])
})

test('the home page shows each centre of a district of up to eight, then the streets with how many centres each has', async () => {
  const home = async () => (await fetch(`${app.origin}/`, { headers: { 'Accept-Language': 'en' } })).text()
  const { db } = connection
  const [first] = await db
    .select({ slug: centres.slug, streetId: centres.streetId })
    .from(centres)
    .where(eq(centres.id, centreId))
  const small = await home()
  expect(small).toContain(`href="/centres/${first!.slug}"`)
  expect(small).not.toContain(`href="/centres?street=${street}"`)

  // Eight more on the same street: nine centres no longer fit as cards.
  await db.insert(centres).values(
    Array.from({ length: 8 }, (_, index) => ({
      streetId: first!.streetId,
      slug: `${first!.slug}-${index}`,
      nameZh: `测试邻里中心 ${index}`,
      nameEn: `Test Centre ${index}`,
      addressZh: '测试路 2 号',
      addressEn: '2 Test Road',
      latitude: 30.25,
      longitude: 120.16,
      phone: '0571-88880000',
    })),
  )
  const big = await home()
  expect(big).not.toContain(`href="/centres/${first!.slug}"`)
  expect(big).toMatch(
    new RegExp(
      `href="/centres\\?street=${street}"[^>]*>Test Street</a>[^<]*(<!-- -->)?[^<]*<span class="muted">9 centres</span>`,
    ),
  )
})
