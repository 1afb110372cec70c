/**
 * `npm run bench:booking`: bookings per second through the whole HTTP stack (autocannon
 * against server.js on a throwaway Postgres), for bookings spread over many slots and
 * for everyone on one slot, next to the raw database ceiling for the same transaction
 * (pgbench). Prints a table and writes bench/results/booking-<time>.json.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCookie } from '@remix-run/node'
import autocannon from 'autocannon'
import { connectDatabase } from '#db/connect.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { authSessions, services, slots, users } from '#db/schema/index.ts'
import { createCentre } from '#tests/fixtures/factories.ts'
import { freePort, startCluster } from '#tests/setup/postgres-cluster.mjs'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const RESIDENTS = 20_000
const SPREAD_SLOTS = 400
const SECRET = 'bench-secret-0123456789abcdef'

const cluster = await startCluster()
const stopAll: Array<() => void> = [() => cluster.stop()]
process.on('exit', () => stopAll.reverse().forEach((stop) => stop()))

cluster.createDatabase('bench')
const url = cluster.urlFor('bench')
await migrateDatabase({ databaseUrl: url, dataDir: 'unused' })
const { db, close } = connectDatabase({ databaseUrl: url, dataDir: 'unused' })

// A service anyone may book many times over, slots three days out, and residents with sessions.
const centre = await createCentre(db)
const [service] = await db
  .insert(services)
  .values({
    centreId: centre.id,
    slug: 'bench',
    category: 'fitness',
    bookingMode: 'class',
    nameZh: '瑜伽',
    nameEn: 'Yoga',
    maxActivePerPerson: 10_000,
  })
  .returning({ id: services.id })
const startsAt = new Date(Date.now() + 3 * 86_400_000)
const slotRows = await db
  .insert(slots)
  .values(
    Array.from({ length: SPREAD_SLOTS + 1 }, (_, index) => ({
      serviceId: service!.id,
      capacity: index === 0 ? 50 : 100_000,
      startsAt: new Date(startsAt.getTime() + index * 60_000),
      endsAt: new Date(startsAt.getTime() + index * 60_000 + 3_600_000),
    })),
  )
  .returning({ id: slots.id })
const [oneSlot, ...spreadSlots] = slotRows.map((row) => row.id)

const cookieJar = createCookie('__Host-linli_session', { secrets: [SECRET] })
const cookies: string[] = []
for (let start = 0; start < RESIDENTS; start += 2000) {
  const batch = await db
    .insert(users)
    .values(
      Array.from({ length: 2000 }, (_, index) => ({
        phone: `135${String(start + index).padStart(8, '0')}`,
        passwordHash: 'unused',
        name: '居民',
        birthYear: 1970,
      })),
    )
    .returning({ id: users.id })
  const tokens = batch.map(() => randomBytes(32).toString('base64url'))
  await db.insert(authSessions).values(
    batch.map((row, index) => ({
      id: createHash('sha256').update(tokens[index]!).digest('base64url'),
      userId: row.id,
      idleTimeoutSeconds: 86_400,
      absoluteExpiresAt: new Date(Date.now() + 86_400_000),
    })),
  )
  for (const token of tokens) cookies.push((await cookieJar.serialize(token)).split(';')[0]!)
}
await close()

const port = await freePort()
const server = spawn(
  process.execPath,
  [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/linli-prof'] : []), 'server.js'],
  {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
)
stopAll.push(() => server.kill('SIGTERM'))
const origin = `http://127.0.0.1:${port}`
for (let attempt = 0; ; attempt++) {
  if (
    await fetch(`${origin}/readyz`)
      .then((response) => response.ok)
      .catch(() => false)
  )
    break
  if (attempt > 300) throw new Error('server.js did not start')
  await new Promise((resolve) => setTimeout(resolve, 100))
}

/** Each request is a different resident (and, spread out, a different slot), so none is a repeat. */
async function runHttp(name: string, slotFor: (index: number) => number) {
  let counter = 0
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const index = counter++
          return {
            ...request,
            path: `/book/${slotFor(index)}`,
            headers: {
              Cookie: cookies[index % RESIDENTS]!,
              Origin: origin,
              'Content-Type': 'application/x-www-form-urlencoded',
            },
            body: `attendee=self&idempotencyKey=${randomUUID()}`,
          }
        },
      },
    ],
  })
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    // A booking answers 303 (to its confirmation); anything else is counted here.
    non3xx: result.non2xx - (result['3xx'] ?? 0),
    errors: result.errors,
    total: result.requests.total,
  }
}

const spread = await runHttp('spread over 400 slots', (index) => spreadSlots[index % SPREAD_SLOTS]!)
const single = await runHttp('everyone on one slot', () => oneSlot!)

// The raw ceiling: the same transaction (lock the slot, check the attendee, insert the
// booking and its notification) straight at Postgres with pgbench, no HTTP, no app.
const script = path.join(os.tmpdir(), `linli-bench-${Date.now()}.sql`)
writeFileSync(
  script,
  `\\set user random(1, ${RESIDENTS})
\\set slot random(${spreadSlots[0]}, ${spreadSlots[SPREAD_SLOTS - 1]})
BEGIN;
SELECT id, seats_taken, capacity FROM slots WHERE id = :slot FOR UPDATE;
SELECT count(*) FROM bookings WHERE attendee_user_id = :user AND status IN ('confirmed', 'waitlisted');
INSERT INTO bookings (reference, slot_id, booked_by_user_id, attendee_user_id, status, confirmed_at)
  VALUES (upper(substr(md5(random()::text), 1, 10)), :slot, :user, :user, 'confirmed', now())
  ON CONFLICT DO NOTHING;
INSERT INTO notifications (user_id, kind, params) VALUES (:user, 'booking_confirmed', '{}');
COMMIT;
`,
)
const pgbenchOut = execFileSync(
  `${cluster.bin}/pgbench`,
  [
    '-n',
    '-c',
    String(CONNECTIONS),
    '-j',
    '2',
    '-T',
    String(SECONDS),
    '-f',
    script,
    '-h',
    '127.0.0.1',
    '-p',
    String(cluster.port),
    '-U',
    'postgres',
    'bench',
  ],
  { encoding: 'utf8' },
)
const rawTps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(pgbenchOut)?.[1] ?? NaN)

const rows = [spread, single].map((run) => ({ ...run, ratioToRaw: run.requestsPerSecond / rawTps }))
console.log(
  `\nBooking throughput: ${CONNECTIONS} connections, ${SECONDS} s each, one app process, ${os.cpus().length} cores`,
)
console.table(
  Object.fromEntries([
    ...rows.map((row) => [
      row.name,
      {
        'bookings/s': row.requestsPerSecond.toFixed(0),
        'p50 ms': row.p50,
        'p97.5 ms': row.p97_5,
        'p99 ms': row.p99,
        'not 303': row.non3xx,
        errors: row.errors,
        'of raw': `${(row.ratioToRaw * 100).toFixed(0)}%`,
      },
    ]),
    [
      'raw transaction (pgbench)',
      {
        'bookings/s': rawTps.toFixed(0),
        'p50 ms': '',
        'p97.5 ms': '',
        'p99 ms': '',
        'not 303': '',
        errors: '',
        'of raw': '100%',
      },
    ],
  ]),
)
mkdirSync('bench/results', { recursive: true })
const file = `bench/results/booking-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
writeFileSync(
  file,
  JSON.stringify(
    { at: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, runs: rows, rawTps },
    null,
    2,
  ),
)
console.log(`written ${file}`)
process.exit(0)
