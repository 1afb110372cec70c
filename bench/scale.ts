/**
 * `npm run bench:scale`: each page's server time on the demo district and on the large
 * one (`db/seed/large.ts`: 50 centres, a year of sessions, 200,000 residents, about a
 * million bookings), one request at a time with the page cache off, so each figure is
 * the cost of one render. Every query the pages send to the large database is planned
 * under auto_explain, as the one plan Postgres settles on for any values, and the plans
 * are searched for sequential scans of the big tables and for steps that read many of
 * their rows through an index.
 * Prints a table and writes bench/results/scale-<time>.json.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import postgres from 'postgres'
import { benchDatabase, benchPages, startServer, writeResult, type BenchPage } from './support.ts'

/** What a page at scale may cost: at most this many times its demo-size figure. */
const TARGET_RATIO = 1.5
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40)
/** Tables that grow with the district; a sequential scan of one is a missing index. */
const LARGE_TABLES = ['bookings', 'slots', 'users', 'auth_sessions', 'notifications', 'audit_log', 'feedback']

const { cluster, url: demoUrl } = await benchDatabase('demo')
cluster.createDatabase('large')
const largeUrl = cluster.urlFor('large')

console.log('Seeding the large district (a few minutes)…')
execFileSync(process.execPath, ['--import', 'tsx', 'db/seed/large.ts'], {
  env: { ...process.env, DATABASE_URL: largeUrl },
  stdio: 'inherit',
})

const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} })
// postgres.js prepares every statement, and after five runs Postgres may keep one plan for
// any values. Both districts are measured with that plan from the first run, as a server
// that has been up a while would be, so a plan that only turns bad then shows here.
for (const database of ['demo', 'large']) {
  await admin.unsafe(`alter database ${database} set plan_cache_mode = force_generic_plan`)
}
// The plan of every statement sent to the large database, with how many rows each step
// read (not its timing, which costs more).
await admin.unsafe(`alter database large set session_preload_libraries = 'auto_explain'`)
await admin.unsafe(`alter database large set auto_explain.log_min_duration = 0`)
await admin.unsafe(`alter database large set auto_explain.log_analyze = on`)
await admin.unsafe(`alter database large set auto_explain.log_timing = off`)
await admin.end()

const demo = await startServer({ DATABASE_URL: demoUrl, SEED_DEMO: 'true', PAGE_CACHE_MS: '0', JOBS: 'off' })
// The statistics autovacuum gathers a minute after the seed (the large seed gathers its own).
const demoDatabase = postgres(demoUrl, { max: 1, onnotice: () => {} })
await demoDatabase.unsafe('analyze')
await demoDatabase.end()
const demoTimes = await timePages(demo.origin, await benchPages(demoUrl))

const logStart = readFileSync(cluster.logFile, 'utf8').length
const large = await startServer({ DATABASE_URL: largeUrl, SEED_DEMO: 'false', PAGE_CACHE_MS: '0', JOBS: 'off' })
const largeTimes = await timePages(large.origin, await benchPages(largeUrl))
const plans = readFileSync(cluster.logFile, 'utf8')
  .slice(logStart)
  .split(/\n(?=\S.*LOG: {2}duration: )/)
const seqScans = plans.flatMap((plan) =>
  [...plan.matchAll(/Seq Scan on (\w+)/g)]
    .map((match) => match[1]!)
    .filter((table) => LARGE_TABLES.includes(table))
    .map((table) => ({ table, query: /Query Text: ([^\n]*)/.exec(plan)?.[1]?.slice(0, 200) ?? '' })),
)
// A plan may use an index and still read a big table through it row by row: a walk of
// every session in time order, looking for one person's, is no sequential scan.
const WIDE_READ_ROWS = 10_000
const wideReads = plans.flatMap((plan) =>
  [
    ...plan.matchAll(
      /(Index Scan Backward|Index Scan|Index Only Scan|Bitmap Heap Scan) (?:using \w+ )?on (\w+)[^\n]*\(actual rows=(\d+) loops=(\d+)\)/g,
    ),
  ]
    .map((match) => ({ step: match[1]!, table: match[2]!, rows: Number(match[3]) * Number(match[4]) }))
    .filter((read) => LARGE_TABLES.includes(read.table) && read.rows >= WIDE_READ_ROWS)
    .map((read) => ({ ...read, query: /Query Text: ([^\n]*)/.exec(plan)?.[1]?.slice(0, 200) ?? '' })),
)

const rows = demoTimes.map((demoRun, index) => {
  const largeRun = largeTimes[index]!
  const ratio = largeRun.median / demoRun.median
  return {
    page: demoRun.name,
    path: demoRun.path,
    demoMedianMs: demoRun.median,
    largeMedianMs: largeRun.median,
    demoP95Ms: demoRun.p95,
    largeP95Ms: largeRun.p95,
    ratio: Number(ratio.toFixed(2)),
    target: ratio <= TARGET_RATIO ? 'met' : 'missed',
  }
})
console.log(`\nServer time per page, ${REQUESTS} requests one at a time, page cache off`)
console.table(
  Object.fromEntries(
    rows.map((row) => [
      row.page,
      {
        'demo ms (median)': row.demoMedianMs.toFixed(1),
        'large ms (median)': row.largeMedianMs.toFixed(1),
        'demo p95': row.demoP95Ms.toFixed(1),
        'large p95': row.largeP95Ms.toFixed(1),
        'large / demo': row.ratio,
        [`within ${TARGET_RATIO}×`]: row.target,
      },
    ]),
  ),
)
// A sequential scan of a table of a few rows is the planner's right choice; of a big one,
// a missing index. Each table with scans, with its size on the large database.
const sizes = postgres(largeUrl, { max: 1, onnotice: () => {} })
const rowCounts = Object.fromEntries(
  (
    await sizes.unsafe<{ table: string; rows: number }[]>(
      `select relname as table, reltuples::bigint::int as rows from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`,
    )
  ).map((row) => [row.table, row.rows]),
)
await sizes.end()
const BIG_TABLE_ROWS = 10_000
const scannedTables = [...new Set(seqScans.map((scan) => scan.table))].map((table) => ({
  table,
  rows: rowCounts[table] ?? 0,
  scans: seqScans.filter((scan) => scan.table === table).length,
  query: seqScans.find((scan) => scan.table === table)!.query,
}))
const badScans = scannedTables.filter((scanned) => scanned.rows >= BIG_TABLE_ROWS)
console.log(
  `Plans logged for the large district: ${plans.length - 1}; sequential scans of ${LARGE_TABLES.join(', ')}: ` +
    (seqScans.length === 0 ? 'none' : seqScans.length),
)
for (const scanned of scannedTables) {
  console.log(
    `  ${scanned.table} (${scanned.rows.toLocaleString('en')} rows): ${scanned.scans} scans` +
      (scanned.rows >= BIG_TABLE_ROWS ? ' — A MISSING INDEX' : ' — small enough to read whole') +
      `\n    ${scanned.query}`,
  )
}
console.log(`Sequential scans of tables of ${BIG_TABLE_ROWS.toLocaleString('en')} rows or more: ${badScans.length}`)
console.log(
  `Steps reading ${WIDE_READ_ROWS.toLocaleString('en')} rows or more of those tables by index: ${wideReads.length}`,
)
for (const read of wideReads.slice(0, 10)) {
  console.log(`  ${read.step} on ${read.table}: ${read.rows.toLocaleString('en')} rows\n    ${read.query}`)
}
const file = writeResult('scale', {
  requests: REQUESTS,
  rows,
  plans: plans.length - 1,
  scannedTables,
  seqScans,
  wideReads,
})
console.log(`written ${file}`)
process.exit(0)

/** Each page, one request at a time after a few to warm up: median and p95 in ms. */
async function timePages(origin: string, pages: BenchPage[]) {
  const results = []
  for (const page of pages) {
    const headers = page.cookie ? { Cookie: page.cookie } : undefined
    for (let warm = 0; warm < 5; warm++) await (await fetch(`${origin}${page.path}`, { headers })).text()
    const times: number[] = []
    for (let request = 0; request < REQUESTS; request++) {
      const started = performance.now()
      const response = await fetch(`${origin}${page.path}`, { headers })
      await response.text()
      if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`)
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    results.push({
      name: page.name,
      path: page.path,
      median: times[Math.floor(times.length / 2)]!,
      p95: times[Math.floor(times.length * 0.95)]!,
    })
  }
  return results
}
