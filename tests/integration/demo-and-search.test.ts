import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { searchTerms } from '#app/domain/search.ts'
import type { DatabaseConnection } from '#db/connect.server.ts'
import { migrateOn, rowsOf } from '#db/migrate.server.ts'
import { seedDemoDistrict } from '#db/seed/demo-district.ts'
import { miscountedSlots } from '#tests/fixtures/slot-counters.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

// The demo district on real Postgres, and search over it in Chinese and English.
let connection: DatabaseConnection & { url: string }
let searchCatalogue: typeof import('#app/models/search.server.ts').searchCatalogue

beforeAll(async () => {
  connection = await migratedPostgres()
  await migrateOn(connection.db, (db) => seedDemoDistrict(db, { now: new Date() }))
  // The models use the app's handle, which reads DATABASE_URL when first imported.
  process.env.DATABASE_URL = connection.url
  ;({ searchCatalogue } = await import('#app/models/search.server.ts'))
})
afterAll(async () => {
  await (await import('#db/client.server.ts')).closeDatabase()
  await connection?.close()
})

async function rows<T>(query: ReturnType<typeof sql>) {
  return rowsOf<T>(await connection.db.execute(query))
}

describe('the demo district', () => {
  test('has three streets and at least six centres, each offering all five categories', async () => {
    const centres = await rows<{ street: string; categories: number }>(sql`
      select c.street_id::text as street, count(distinct s.category)::int as categories
      from centres c join services s on s.centre_id = c.id group by c.id`)
    expect(new Set(centres.map((centre) => centre.street)).size).toBe(3)
    expect(centres.length).toBeGreaterThanOrEqual(6)
    expect(centres.every((centre) => centre.categories === 5)).toBe(true)
  })

  test('has upcoming slots over four weeks, some nearly full and exactly one full', async () => {
    const [counts] = await rows<{ slots: number; full: number; nearlyFull: number; lastDay: number }>(sql`
      select count(*)::int as slots,
             count(*) filter (where seats_taken = capacity)::int as full,
             count(*) filter (where seats_taken < capacity and capacity - seats_taken <= 3)::int as "nearlyFull",
             extract(day from max(starts_at) - now())::int as "lastDay"
      from slots where starts_at > now()`)
    expect(counts!.slots).toBeGreaterThan(500)
    expect(counts!.full).toBe(1)
    expect(counts!.nearlyFull).toBeGreaterThan(0)
    expect(counts!.lastDay).toBeGreaterThanOrEqual(25)
  })

  test("keeps every slot's counters equal to its bookings and ratings", async () => {
    const [kinds] = await rows<{ attended: number; demand: number; ratings: number }>(sql`
      select sum(attended_count)::int as attended, sum(waitlist_demand)::int as demand,
             sum(rating_count)::int as ratings
      from slots`)
    // The demo has attended, waiting and rated bookings, so those counters are exercised
    // here (no-shows and seats given back in schema-invariants).
    expect(Object.values(kinds!).every((count) => count > 0)).toBe(true)
    expect(await miscountedSlots(connection.db)).toEqual([])
  })

  test('has an account for each role', async () => {
    const grants = await rows<{ role: string }>(sql`select distinct role::text as role from role_grants order by role`)
    expect(grants.map((grant) => grant.role)).toEqual(['district_admin', 'operator', 'street_staff'])
  })
})

describe('search', () => {
  const names = async (query: string, lang: 'zh-CN' | 'en' = 'zh-CN') =>
    (await searchCatalogue({ terms: searchTerms(query), lang })).services.map((service) => service.name)

  test.each([
    ['太极', /太极/],
    ['社保', /社保/],
    ['瑜伽', /瑜伽/],
    ['食堂', /食堂/],
  ])('a Chinese query %s finds services named with it, and only matching ones first', async (query, pattern) => {
    const found = await names(query)
    expect(found.length).toBeGreaterThan(0)
    expect(found[0]).toMatch(pattern)
  })

  test('an English query finds the same services, named in English', async () => {
    const found = await names('tai chi', 'en')
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((name) => /tai chi/i.test(name))).toBe(true)
  })

  test('a service is found by what its description says now, in any case, and by its centre', async () => {
    const [service] = await rows<{ id: number; name: string; centre: string }>(sql`
      select s.id, s.name_zh as name, c.name_zh as centre from services s join centres c on c.id = s.centre_id
      where s.status = 'active' order by s.id limit 1`)
    expect(await names('Zumba Gold')).toEqual([])
    await connection.db.execute(
      sql`update services set description_en = description_en || ' Now with ZUMBA Gold.' where id = ${service!.id}`,
    )
    expect(await names('zumba gold')).toEqual([service!.name])
    // A word of the centre's name and one of the service's, together.
    expect(await names(`${service!.centre} zumba`)).toEqual([service!.name])
  })

  test('a longer Chinese phrase still finds what it names (太极课 → 太极拳)', async () => {
    expect((await names('太极课')).some((name) => name.includes('太极'))).toBe(true)
  })

  test('a category name finds the whole category', async () => {
    const fitness = await searchCatalogue({ terms: searchTerms('健身'), lang: 'zh-CN' })
    expect(fitness.services.length).toBeGreaterThan(5)
    expect(fitness.services.every((service) => service.category === 'fitness')).toBe(true)
  })

  test('results come a page at a time, in the same order, with how many match in all', async () => {
    const search = (limit: number, offset = 0) =>
      searchCatalogue({ terms: searchTerms('健身'), lang: 'zh-CN', limit, offset })
    const all = await search(1000)
    const [first, second] = [await search(4), await search(4, 4)]
    const key = (service: { centreSlug: string; slug: string }) => `${service.centreSlug}/${service.slug}`
    expect(all.services.length).toBeGreaterThan(8)
    expect([...first.services, ...second.services].map(key)).toEqual(all.services.slice(0, 8).map(key))
    expect([first.serviceTotal, second.serviceTotal]).toEqual([all.services.length, all.services.length])
    expect(first.centreTotal).toBe(all.centres.length)
  })

  test('centres are found by name or street', async () => {
    const [centre] = await rows<{ name: string }>(sql`select name_zh as name from centres order by id limit 1`)
    const found = await searchCatalogue({ terms: searchTerms(centre!.name.slice(0, 2)), lang: 'zh-CN' })
    expect(found.centres.map((row) => row.name)).toContain(centre!.name)
  })

  test('wildcards are taken literally and nonsense finds nothing', async () => {
    expect(await names('%')).toEqual([])
    expect(await names('_')).toEqual([])
    expect(await names('xyzzy')).toEqual([])
  })
})

describe('the plans Postgres settles on', () => {
  // postgres.js prepares every statement, and after five runs Postgres may keep one plan
  // for any values: the plan forced here.
  test("a person's bookings are found from their bookings, not by walking the district's sessions in time order", async () => {
    const { bookingsOfBooker } = await import('#app/models/booking.server.ts')
    // The statistics autovacuum gathers a minute after the seed, which the plan depends on.
    await connection.db.execute(sql`analyze`)
    const [booker] = await rows<{ id: number; bookings: number }>(sql`
      select booked_by_user_id as id, count(*)::int as bookings from bookings
      group by booked_by_user_id order by count(*), booked_by_user_id limit 1`)
    const query = bookingsOfBooker(connection.db, 'zh-CN').toSQL()
    const values = query.params.map((param) => (typeof param === 'object' ? booker!.id : param))
    const plan = await connection.db.transaction(async (tx) => {
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`)
      await tx.execute(sql.raw(`prepare bookings_of_booker as ${query.sql}`))
      const explained = await tx.execute(
        sql.raw(`explain (analyze, format json) execute bookings_of_booker(${values.map(Number).join(', ')})`),
      )
      await tx.execute(sql`deallocate bookings_of_booker`)
      return rowsOf<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(explained)[0]!['QUERY PLAN'][0].Plan
    })
    expect(plan['Actual Rows']).toBe(booker!.bookings)
    // Not every session of the district in time order, looking for theirs.
    expect(nodes(plan).filter((node) => node['Index Name'] === 'slots_starts_idx')).toEqual([])
  })
})

interface PlanNode {
  'Index Name'?: string
  'Actual Rows': number
  Plans?: PlanNode[]
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)]
}
