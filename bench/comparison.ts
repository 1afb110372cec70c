/**
 * `npm run bench:comparison`: the district comparison's server time and the plans of its
 * two statements (EXPLAIN (ANALYZE, BUFFERS)), on the demo district and on the district
 * at scale (`db:seed:large`: 50 centres, a year of sessions, a million bookings).
 *
 * Both seeds have no ratings or inspections yet, so this adds them first, the same way
 * on both: a rating for every third attended booking and a monthly inspection of every
 * centre for the past year, with an issue on every other one.
 *
 * DEMO_DATABASE_URL and LARGE_DATABASE_URL name databases already seeded (the large seed
 * takes minutes); without them it makes a throwaway cluster and seeds both itself.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { resolvePeriod } from '#app/domain/comparison.ts'
import { zonedDate } from '#app/domain/time.ts'
import { connectDatabase, type Queryable } from '#db/connect.server.ts'
import { rowsOf } from '#db/migrate.server.ts'
import { loginCookies } from '#tests/fixtures/app-process.ts'
import { benchDatabase, startServer, writeResult } from './support.ts'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20)

async function databases() {
  if (process.env.DEMO_DATABASE_URL && process.env.LARGE_DATABASE_URL) {
    return { demo: process.env.DEMO_DATABASE_URL, large: process.env.LARGE_DATABASE_URL }
  }
  const { cluster, url: demo } = await benchDatabase('demo')
  // The app migrates and seeds the demo district when it first starts on an empty database.
  const seeding = await startServer({ DATABASE_URL: demo, SEED_DEMO: 'true', JOBS: 'off' })
  await seeding.stop()
  cluster.createDatabase('large')
  const large = cluster.urlFor('large')
  const code = await new Promise<number | null>((resolve) =>
    spawn('npx', ['tsx', 'db/seed/large.ts'], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: large } }).on(
      'exit',
      resolve,
    ),
  )
  if (code !== 0) throw new Error('db:seed:large failed')
  return { demo, large }
}

/**
 * Ratings for a third of the attended bookings and a monthly inspection of every centre
 * for a year (scores, and an issue on every other one), where there are none yet: the
 * demo seed has a few of its own, and a reused database has the rest already.
 */
async function addRatingsAndInspections(db: Queryable) {
  await db.execute(sql`set statement_timeout = 0`)
  await db.execute(sql`
    insert into feedback (booking_id, author_user_id, rating, comment, created_at)
    select b.id, b.booked_by_user_id, 1 + (b.id * 7) % 5, case when b.id % 4 = 0 then '很好' end, b.checked_in_at
    from bookings b
    where b.status = 'attended' and b.id % 3 = 0
    on conflict (booking_id) do nothing`)
  await db.execute(sql`
    insert into inspection_checklist_items (key, label_zh, label_en, position)
    select key, key, key, n from unnest(array['cleanliness', 'opening_hours', 'accessibility', 'staff_on_duty',
      'safety', 'information_posted']) with ordinality as item(key, n)
    on conflict (key) do nothing`)
  await db.execute(sql`
    insert into inspections (centre_id, inspector_user_id, inspected_on)
    select c.id, (select min(id) from users), (current_date - make_interval(months => m))::date
    from centres c cross join generate_series(0, 11) m
    where not exists (
      select 1 from inspections i where i.centre_id = c.id
        and date_trunc('month', i.inspected_on) = date_trunc('month', current_date - make_interval(months => m)))`)
  await db.execute(sql`
    insert into inspection_scores (inspection_id, checklist_item_id, score)
    select i.id, item.id, (i.id + item.id) % 6 from inspections i cross join inspection_checklist_items item
    where not exists (select 1 from inspection_scores s where s.inspection_id = i.id)`)
  await db.execute(sql`
    insert into inspection_issues (inspection_id, centre_id, description, fix_by)
    select i.id, i.centre_id, '消防通道堆物', i.inspected_on + 14 from inspections i
    where i.id % 2 = 0 and not exists (select 1 from inspection_issues x where x.inspection_id = i.id)`)
  // The ratings, added in one statement, left each rated session's row with dead versions
  // (its counts were updated once per rating) that ratings given one at a time would not.
  await db.execute(sql`vacuum (full, analyze) slots`)
  await db.execute(sql`analyze`)
}

interface Timing {
  view: string
  p50: number
  p95: number
  max: number
  /** Answers other than 200 (a statement past the 10-second limit answers 500). */
  failed: number
}

async function timeView(origin: string, cookie: string, view: string, query: string): Promise<Timing> {
  let failed = 0
  const get = async () => {
    const started = performance.now()
    const response = await fetch(`${origin}/district/comparison${query}`, { headers: { Cookie: cookie } })
    await response.text()
    if (response.status !== 200) failed++
    return performance.now() - started
  }
  for (let warm = 0; warm < 3; warm++) await get()
  failed = 0
  const times: number[] = []
  for (let index = 0; index < REQUESTS; index++) times.push(await get())
  times.sort((a, b) => a - b)
  const at = (share: number) => Math.round(times[Math.min(times.length - 1, Math.floor(share * times.length))]!)
  return { view, p50: at(0.5), p95: at(0.95), max: Math.round(times[times.length - 1]!), failed }
}

async function measureDatabase(name: string, url: string) {
  const { db, close } = connectDatabase({ databaseUrl: url, dataDir: 'unused', maxConnections: 1 })
  await addRatingsAndInspections(db)
  const [counts] = rowsOf<Record<string, number>>(
    await db.execute(sql`select (select count(*) from centres)::int as centres, (select count(*) from slots)::int as slots,
      (select count(*) from bookings)::int as bookings, (select count(*) from feedback)::int as ratings,
      (select count(*) from inspections)::int as inspections`),
  )
  const [admin] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from users where email = 'admin@linli.example'`),
  )
  const [district] = rowsOf<{ id: number; time_zone: string }>(
    await db.execute(sql`select id, time_zone from districts order by id limit 1`),
  )
  const [cookie] = await loginCookies(db, [admin!.id])

  const { origin, process: server } = await startServer({ DATABASE_URL: url, SEED_DEMO: 'false', JOBS: 'off' })
  const today = zonedDate(new Date(), district!.time_zone)
  const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10)
  const views = [
    { view: 'this month', query: '' },
    { view: 'last month', query: '?period=last-month' },
    { view: 'the past year (range)', query: `?period=range&from=${yearAgo}&until=${today}` },
    { view: 'this month, one street', query: '?street=wangjiang' },
  ]
  const timings: Timing[] = []
  for (const { view, query } of views) timings.push(await timeView(origin, cookie!, view, query))
  server.kill('SIGTERM')

  // The plans, for this month and for the past year.
  process.env.DATABASE_URL = url
  const { comparisonStatements } = await import('#app/models/district.server.ts')
  const plans: Record<string, string> = {}
  for (const [label, period] of [
    ['this month', resolvePeriod({ kind: 'this-month', today })!],
    ['the past year', resolvePeriod({ kind: 'range', from: yearAgo, until: today, today })!],
  ] as const) {
    const statements = comparisonStatements({
      districtId: district!.id,
      period,
      timeZone: district!.time_zone,
      lang: 'zh-CN',
    })
    for (const [statement, query] of Object.entries(statements)) {
      const rows = rowsOf<{ 'QUERY PLAN': string }>(await db.execute(sql`explain (analyze, buffers) ${query}`))
      plans[`${label}: ${statement}`] = rows.map((row) => row['QUERY PLAN']).join('\n')
    }
  }
  await close()
  return { name, counts, timings, plans }
}

const urls = await databases()
const results = []
for (const [name, url] of Object.entries(urls)) results.push(await measureDatabase(name, url))

for (const result of results) {
  console.log(`\n${result.name}: ${JSON.stringify(result.counts)}`)
  console.table(result.timings)
  for (const [label, plan] of Object.entries(result.plans)) {
    const lines = plan.split('\n')
    console.log(`  ${label}: ${lines.find((line) => line.startsWith('Execution Time')) ?? ''}`)
  }
}
const file = writeResult('comparison', { requests: REQUESTS, results })
const plansFile = file.replace(/\.json$/, '-plans.txt')
writeFileSync(
  plansFile,
  results
    .flatMap((result) => Object.entries(result.plans).map(([label, plan]) => `## ${result.name} — ${label}\n${plan}\n`))
    .join('\n'),
)
console.log(`\n${file}\n${plansFile}`)
process.exit(0)
