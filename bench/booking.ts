/**
 * `npm run bench:booking`: bookings per second through the whole HTTP stack (autocannon
 * against server.js on a throwaway Postgres), for bookings spread over many slots and
 * for everyone on one slot, next to the raw database ceiling for the same transaction
 * (pgbench). Prints a table and writes bench/results/booking-<time>.json.
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { connectDatabase } from '#db/connect.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { services, slots } from '#db/schema/index.ts'
import { loggedInResidents } from '#tests/fixtures/app-process.ts'
import { createCentre } from '#tests/fixtures/factories.ts'
import {
  APP_PROCESSES,
  benchDatabase,
  CONNECTIONS,
  measure,
  SECONDS,
  startServer,
  tableRow,
  WARMUP_SECONDS,
  writeResult,
} from './support.ts'

const RESIDENTS = 20_000
const SPREAD_SLOTS = 400

const { cluster, url } = await benchDatabase()
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
    Array.from({ length: 2 * SPREAD_SLOTS + 1 }, (_, index) => ({
      serviceId: service!.id,
      capacity: index === 0 ? 50 : 100_000,
      startsAt: new Date(startsAt.getTime() + index * 60_000),
      endsAt: new Date(startsAt.getTime() + index * 60_000 + 3_600_000),
    })),
  )
  .returning({ id: slots.id })
// One slot for everyone, slots for the spread-out run, and as many again for pgbench.
const [oneSlot, ...otherSlots] = slotRows.map((row) => row.id)
const spreadSlots = otherSlots.slice(0, SPREAD_SLOTS)
const rawSlots = otherSlots.slice(SPREAD_SLOTS)

const { ids: residentIds, cookies } = await loggedInResidents(db, RESIDENTS, '135')
await close()

const { origin } = await startServer({
  DATABASE_URL: url,
  SEED_DEMO: 'false',
  DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10',
  APP_PROCESSES: String(APP_PROCESSES),
})

/** Form POSTs, each as a different resident, so no booking is a repeat. */
function post(pathFor: (index: number) => string, body: () => string) {
  return {
    expectedStatus: 303,
    requestFor: (index: number) => ({
      method: 'POST' as const,
      path: pathFor(index),
      body: body(),
      headers: {
        Cookie: cookies[index % RESIDENTS]!,
        Origin: origin,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    }),
  }
}

const booking = () => `attendee=self&idempotencyKey=${randomUUID()}`
const spread = await measure(
  'spread over 400 slots',
  origin,
  post((index) => `/book/${spreadSlots[index % SPREAD_SLOTS]}`, booking),
)
const single = await measure(
  'everyone on one slot',
  origin,
  post(() => `/book/${oneSlot}`, booking),
)
// The framework's own ceiling on this machine: a Remix action that touches no data (the
// language switch reads the form, sets a cookie and redirects).
const minimal = await measure(
  'minimal Remix action, no data',
  origin,
  post(
    () => '/language',
    () => 'language=en&redirectTo=%2F',
  ),
)

// The raw ceiling: the statements one booking request sends (the session lookup, then the
// transaction of app/models/booking.server.ts: lock the slot and the attendee, read the
// facts, insert the booking with its notification and outbox rows) straight at Postgres
// with pgbench — no HTTP, no app.
const script = path.join(os.tmpdir(), `linli-bench-${Date.now()}.sql`)
writeFileSync(
  script,
  // Each client walks its own run of (resident, slot) pairs, so no booking repeats one.
  `\\set i :i + 1
\\set pair :client_id * ${Math.floor((RESIDENTS * SPREAD_SLOTS) / CONNECTIONS)} + :i
\\set slot ${rawSlots[0]} + :pair % ${SPREAD_SLOTS}
\\set user ${residentIds[0]} + (:pair / ${SPREAD_SLOTS}) % ${RESIDENTS}
\\set ref random(10000000, 99999999999)
SELECT s.last_seen_at, s.idle_timeout_seconds, s.absolute_expires_at, u.id, u.name, u.preferred_locale
  FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.user_id = :user LIMIT 1;
BEGIN;
SELECT slots.id, slots.starts_at, (slots.starts_at AT TIME ZONE centres.time_zone)::date::text, slots.status, slots.capacity, slots.seats_taken, slots.service_id,
    services.centre_id, centres.time_zone, centres.street_id, services.waitlist_enabled, services.status,
    services.min_age, services.max_age, services.residents_only, services.price_fen,
    services.booking_opens_days_before, services.booking_closes_hours_before, services.cancel_cutoff_hours,
    services.max_active_per_person, services.max_per_day_per_person,
    users.id, users.name, users.birth_year, users.home_street_id, users.low_income_verified
  FROM slots JOIN services ON services.id = slots.service_id JOIN centres ON centres.id = services.centre_id
  JOIN users ON users.id = :user
  WHERE slots.id = :slot FOR NO KEY UPDATE OF slots, users;
SELECT count(*) FILTER (WHERE slots.service_id = ${service!.id})::int,
    count(*) FILTER (WHERE slots.service_id = ${service!.id} AND (slots.starts_at AT TIME ZONE 'Asia/Shanghai')::date = current_date)::int,
    (SELECT json_build_object('reference', b.reference, 'status', b.status) FROM bookings b
      WHERE b.booked_by_user_id = :user AND b.idempotency_key = md5(random()::text)),
    (SELECT coalesce(json_agg(json_build_object('kind', kind, 'priceFen', price_fen)), '[]')
      FROM service_concessions WHERE service_id = ${service!.id})
  FROM bookings JOIN slots ON slots.id = bookings.slot_id
  WHERE bookings.attendee_user_id = :user AND bookings.status IN ('confirmed', 'waitlisted') AND bookings.slot_id <> :slot;
WITH booking AS (
    INSERT INTO bookings (reference, slot_id, booked_by_user_id, attendee_user_id, status, queued_at,
        idempotency_key, price_fen, pay_at_centre, created_at, confirmed_at)
      VALUES ('L' || :ref, :slot, :user, :user, 'confirmed', now(),
        md5(random()::text), 0, false, now(), now())
      RETURNING id),
  chosen AS (
    SELECT channel, enabled FROM notification_preferences
      WHERE user_id = :user AND kind = 'booking_confirmed'),
  notification AS (
    INSERT INTO notifications (user_id, kind, booking_id, params)
      SELECT :user, 'booking_confirmed', (SELECT id FROM booking),
        json_build_object('reference', 'L' || :ref, 'attendee', '居民')::jsonb
      RETURNING id),
  queued AS (
    INSERT INTO outbox (channel, user_id, notification_id, template, payload, dedupe_key)
      SELECT chosen.channel, :user, notification.id, 'booking_confirmed', '{}'::jsonb,
          'notification:' || notification.id || ':' || chosen.channel
        FROM chosen LEFT JOIN notification ON true
        WHERE chosen.enabled AND chosen.channel <> 'in_app')
  SELECT id FROM booking;
COMMIT;
`,
)
/**
 * pgbench's transactions per second for the script: with prepared statements (how the app
 * sends its statements, parsed and planned once per connection), or with the simple
 * protocol (each statement parsed and planned every time, the ceiling's earlier form).
 * `firstPair` is where each client starts on its own run of (resident, slot) pairs.
 */
function pgbench(mode: 'prepared' | 'simple', firstPair: number) {
  const output = execFileSync(
    `${cluster.bin}/pgbench`,
    [
      '-n',
      '-M',
      mode,
      '-c',
      String(CONNECTIONS),
      '-j',
      '2',
      '-T',
      String(SECONDS),
      '-D',
      `i=${firstPair}`,
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
  return Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ?? NaN)
}
// The ceiling is the prepared run: the database doing this work the way the app asks for
// it. The second run starts further along each client's run of pairs, so it repeats none.
const rawTps = pgbench('prepared', 0)
const rawSimpleTps = pgbench('simple', 100_000)

const ceilings = { 'of raw': rawTps, 'of minimal': minimal.requestsPerSecond }
console.log(
  `\nBooking throughput: ${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s of warm-up, ${APP_PROCESSES} app processes, ${os.cpus().length} cores`,
)
console.table({
  ...Object.fromEntries([spread, single, minimal].map((run) => [run.name, tableRow(run, ceilings)])),
  'raw transaction (pgbench, prepared)': { 'requests/s': rawTps.toFixed(0) },
  'raw transaction (pgbench, simple protocol)': { 'requests/s': rawSimpleTps.toFixed(0) },
})
const file = writeResult('booking', {
  runs: [spread, single].map((run) => ({ ...run, ratioToRaw: run.requestsPerSecond / rawTps })),
  minimal,
  appProcesses: APP_PROCESSES,
  rawTps,
  rawSimpleTps,
})
console.log(`written ${file}`)
process.exit(0)
