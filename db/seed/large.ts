/**
 * `npm run db:seed:large`: the demo district grown to the size of a real one, to measure
 * pages and figures at scale — 50 centres (the demo's six, copied with their services
 * and opening hours), a year of sessions (half past, half to come), 200,000 residents
 * and about a million bookings with their history (attended, no-shows, cancellations).
 *
 * Meant for a PostgreSQL server (DATABASE_URL); it replaces everything in the database.
 * The rows are made by Postgres itself (generate_series), so it takes minutes, not hours.
 */
import { sql } from 'drizzle-orm'
import { connectDatabase, type Queryable } from '#db/connect.server.ts'
import { migrateOn } from '#db/migrate.server.ts'
import { seedDemoDistrict } from '#db/seed/demo-district.ts'
import { summary, truncateApplicationTables } from '#db/seed/tables.ts'

const CENTRES = 50
const RESIDENTS = 200_000
/** Sessions run from this many days ago to as many days ahead. */
const HALF_YEAR_DAYS = 182
/** Bookings per session; with the sessions of a year that makes about a million. */
const BOOKINGS_PER_SLOT = 9

const databaseUrl = process.env.DATABASE_URL || undefined
if (!databaseUrl) {
  console.error('db:seed:large needs a PostgreSQL server: set DATABASE_URL (the embedded database would take hours).')
  process.exit(1)
}
const connection = connectDatabase({ databaseUrl, dataDir: 'unused', maxConnections: 1 })

async function step(label: string, work: () => Promise<unknown>) {
  const started = performance.now()
  await work()
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

try {
  const started = performance.now()
  await migrateOn(connection.db, async (db) => {
    // Statements here run for minutes; the app's 10-second limit is for requests.
    await db.execute(sql`set statement_timeout = 0`)
    await step('demo district', () =>
      db.transaction(async (tx) => {
        await truncateApplicationTables(tx)
        await seedDemoDistrict(tx, { now: new Date() })
      }),
    )
    await step(`copies of the centres, up to ${CENTRES}`, () => copyCentres(db))
    await step(`${RESIDENTS.toLocaleString('en')} residents`, () => addResidents(db))
    await step(`a year of sessions`, () => addSlots(db))
    await step(`bookings`, () => addBookings(db))
    // Each booking updates its session's counts. Written a few big statements at a time,
    // the bookings leave every session's row with its dead versions, which the statement
    // still running keeps from being cleared: the table would be five times the size a
    // year of bookings made one at a time leaves it. Rewrite it, as it would be.
    await step('sessions compacted', () => db.execute(sql`vacuum (full) slots`))
    await step('vacuum and analyze', () => db.execute(sql`vacuum (analyze)`))
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(0)
  console.log(`Seeded the large district in ${seconds} s: ${await summary(connection.db)}`)
} finally {
  await connection.close()
}

/** Each new centre copies a demo centre: its details, opening hours and services. */
async function copyCentres(db: Queryable) {
  await db.execute(sql`
    create temp table copied_centres as
    select c.*, c.id as source_id, n
    from centres c
    cross join generate_series(1, ceil((${CENTRES} - 6) / 6.0)::int) n
    order by n, c.id
    limit ${CENTRES} - (select count(*) from centres)`)
  await db.execute(sql`
    update copied_centres set
      id = nextval(pg_get_serial_sequence('centres', 'id')),
      slug = slug || '-' || n,
      name_zh = name_zh || '（' || n || '）',
      name_en = name_en || ' ' || n,
      catchment_population = catchment_population + n * 1000`)
  await db.execute(sql`
    create temp table centre_copies as select id, source_id from copied_centres`)
  await db.execute(sql`alter table copied_centres drop column source_id, drop column n`)
  await db.execute(sql`insert into centres overriding system value select * from copied_centres`)
  for (const table of ['centre_opening_hours', 'services']) {
    await db.execute(sql`
      create temp table copied_rows as
      select t.*, copies.id as new_centre_id
      from ${sql.identifier(table)} t join centre_copies copies on copies.source_id = t.centre_id`)
    await db.execute(sql`
      update copied_rows set id = nextval(pg_get_serial_sequence(${table}, 'id')), centre_id = new_centre_id`)
    await db.execute(sql`alter table copied_rows drop column new_centre_id`)
    // Postgres writes a generated column itself (the last of the table, so the rest line up).
    if (table === 'services') await db.execute(sql`alter table copied_rows drop column search_text`)
    await db.execute(sql`insert into ${sql.identifier(table)} overriding system value select * from copied_rows`)
    await db.execute(sql`drop table copied_rows`)
  }
  await db.execute(sql`drop table copied_centres, centre_copies`)
}

async function addResidents(db: Queryable) {
  await db.execute(sql`
    with street as (select array_agg(id order by id) as ids from streets)
    insert into users (phone, password_hash, name, birth_year, home_street_id, preferred_locale)
    select '199' || lpad(n::text, 8, '0'), 'not-a-password-hash', '居民' || n, 1935 + n % 70,
      street.ids[1 + n % array_length(street.ids, 1)],
      case when n % 10 = 0 then 'en'::locale else 'zh-CN'::locale end
    from generate_series(1, ${RESIDENTS}) n, street`)
}

/**
 * Every service (appointment desks too, as sessions) gets a session on four days of each
 * week, at an hour of its own, from half a year ago to half a year ahead.
 */
async function addSlots(db: Queryable) {
  await db.execute(sql`
    insert into slots (service_id, starts_at, ends_at, capacity)
    select s.id,
      (day + make_interval(hours => 8 + s.id % 10)) at time zone c.time_zone,
      (day + make_interval(hours => 9 + s.id % 10)) at time zone c.time_zone,
      ${BOOKINGS_PER_SLOT * 2}
    from services s
    join centres c on c.id = s.centre_id
    cross join generate_series(
      date_trunc('day', now()) - make_interval(days => ${HALF_YEAR_DAYS}),
      date_trunc('day', now()) + make_interval(days => ${HALF_YEAR_DAYS}),
      interval '1 day') day
    where (extract(isodow from day)::int + s.id) % 7 < 4`)
}

/**
 * Nine bookings per session, each by a different resident. Past sessions: seven
 * attended, one no-show, one cancelled; sessions to come: eight confirmed, one cancelled.
 */
async function addBookings(db: Queryable) {
  // Month by month, so progress shows and no single statement holds a million row locks.
  for (let month = -6; month <= 6; month++) {
    await db.execute(sql`
      insert into bookings (reference, slot_id, booked_by_user_id, attendee_user_id, status, queued_at,
        price_fen, created_at, confirmed_at, cancelled_at, cancel_reason, checked_in_at)
      select
        upper(lpad(to_hex(s.id * 16 + j), 10, '0')),
        s.id, u.id, u.id,
        (case
          when j = ${BOOKINGS_PER_SLOT} then 'cancelled'
          when s.starts_at > now() then 'confirmed'
          when j = ${BOOKINGS_PER_SLOT - 1} then 'no_show'
          else 'attended' end)::booking_status,
        s.starts_at - interval '3 days', 0, s.starts_at - interval '3 days', s.starts_at - interval '3 days',
        case when j = ${BOOKINGS_PER_SLOT} then s.starts_at - interval '1 day' end,
        case when j = ${BOOKINGS_PER_SLOT} then 'resident' end,
        case when j < ${BOOKINGS_PER_SLOT - 1} and s.starts_at <= now() then s.starts_at end
      from slots s
      cross join generate_series(1, ${BOOKINGS_PER_SLOT}) j
      -- The residents were inserted together, so their ids run on from the first one.
      cross join (select min(id) as id from users where phone like '199%') first
      cross join lateral (select first.id + (s.id * 7 + j * 104729) % ${RESIDENTS} as id) u
      where s.starts_at >= date_trunc('month', now()) + make_interval(months => ${month})
        and s.starts_at < date_trunc('month', now()) + make_interval(months => ${month + 1})
        and s.capacity >= ${BOOKINGS_PER_SLOT}
        and not exists (select 1 from bookings existing where existing.slot_id = s.id)`)
    process.stdout.write('.')
  }
  process.stdout.write('\n')
}
