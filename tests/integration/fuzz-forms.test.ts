import { Agent, request as httpRequest } from 'node:http'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { connectDatabase, type DatabaseConnection } from '#db/connect.server.ts'
import { rowsOf } from '#db/migrate.server.ts'
import { comparisonMeasures } from '#app/domain/comparison.ts'
import { householdMembers, inspectionIssues, inspections, notifications } from '#db/schema/index.ts'
import { loginCookies, startApp, type AppProcess } from '#tests/fixtures/app-process.ts'
import { builtRoutes, routeIdsWithAction } from '#tests/fixtures/built-routes.ts'
import { changedTables, tableChecksums } from '#tests/fixtures/table-checksums.ts'
import { createSlot } from '#tests/fixtures/factories.ts'
import { createDatabase } from '#tests/setup/database.ts'

/**
 * Every form action of the build, fed generated bad input over HTTP: a real app process
 * on the demo district in a real Postgres, logged in as the role each form is for, with
 * the right Origin so every request reaches the action's own checks.
 *
 * Each request starts from a form the page would send and breaks it on purpose — one
 * "invalidator" that makes it invalid (a field missing, empty, far too long, of the
 * wrong type, a control character, a wrong intent, an id of another centre's row, an
 * address naming another centre's row) — then adds noise to other fields (100 KB+
 * strings, invalid UTF-8 bytes, mixed scripts, emoji, RTL overrides, NUL, duplicated and
 * unknown fields) and sends it urlencoded, multipart or as a malformed body. Answers
 * must never be a 5xx, must be the refusal the invalidator calls for, and afterwards no
 * table may have changed. A route with an action and no row here fails the first test.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=… (FUZZ_ROUTE=… for one route,
 * FUZZ_REQUESTS=… per form).
 *
 * Bugs this found, fixed in the app (regression notes):
 * - A body that is not a form (JSON, text, a broken multipart body) was a 500 on every
 *   action: `request.formData()` throws; now `readFormData` answers 400.
 * - Ids beyond Postgres' integer range (99999999999) in a form field or the address were
 *   a 500 ("out of range for type integer"); ids are now checked against 1…2³¹−1.
 * - An unknown intent on the household member and service pages fell through to "save"
 *   and saved; it is now refused like on every other page.
 * - The inspection, checklist, feedback-moderation, issue, comparison-weights, elder-mode
 *   and booking-rating actions had both 500s above again (`request.formData()`, and ids
 *   from the address or a form — inspection, checklist item, issue, feedback — unchecked).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127)
/**
 * 1,000 per form in `npm test` and CI (53,000 requests, about 9 minutes on two cores);
 * `FUZZ_REQUESTS=200` for a quicker run while working on a form.
 */
const PER_FORM = Number(process.env.FUZZ_REQUESTS ?? 1000)
const ONLY_ROUTE = process.env.FUZZ_ROUTE
const CONCURRENCY = 12
/** One request in this many is an HTML form post (the page re-rendered with its errors); the rest are the data requests the page sends with JavaScript. */
const DOCUMENT_EVERY = 40

let url: string
let app: AppProcess
let connection: DatabaseConnection
let ids: Ids
let cookies: Record<'resident' | 'operator' | 'street' | 'admin', string>
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
const figures: Array<{ route: string; requests: number; ms: number; statuses: Record<number, number> }> = []

beforeAll(async () => {
  url = await createDatabase('fuzz')
  // Background jobs off: the scheduler and the outbox worker would change rows on their own.
  app = await startApp({
    env: { DATABASE_URL: url, SEED_DEMO: 'true', JOBS: 'off', TRUST_PROXY: 'loopback' },
  })
  connection = connectDatabase({ databaseUrl: url, dataDir: 'unused' })
  ids = await demoIds(connection)
  const [resident, operator, street, admin] = await loginCookies(connection.db, [
    ids.resident,
    ids.operator,
    ids.streetStaff,
    ids.admin,
  ])
  cookies = { resident: resident!, operator: operator!, street: street!, admin: admin! }
}, 120_000)

afterAll(async () => {
  agent.destroy()
  await app?.stop()
  await connection?.close()
  if (figures.length > 0) {
    const total = figures.reduce((sum, row) => sum + row.requests, 0)
    const ms = figures.reduce((sum, row) => sum + row.ms, 0)
    console.log(
      `fuzz (seed ${SEED}): ${total} requests over ${figures.length} routes in ${(ms / 1000).toFixed(1)} s\n` +
        figures
          .map(
            (row) =>
              `  ${row.route.padEnd(64)} ${String(row.requests).padStart(5)} in ${(row.ms / 1000).toFixed(1).padStart(5)} s  ${JSON.stringify(row.statuses)}`,
          )
          .join('\n'),
    )
  }
})

// ───────────────────────────── the demo district's rows ─────────────────────────────

interface Ids {
  resident: number
  operator: number
  streetStaff: number
  admin: number
  ownStreet: number
  otherStreet: number
  ownCentre: number
  otherCentre: number
  member: number
  otherMember: number
  ownService: number
  otherService: number
  ownSlot: number
  pastSlot: number
  otherSlot: number
  otherResidentsBooking: string
  otherCentresBooking: string
  otherNotification: number
  otherException: number
  ownAnnouncement: number
  otherAnnouncement: number
  ownInspection: number
  otherInspection: number
  openIssue: number
  fixedIssue: number
  otherCentresIssue: number
  ownFeedback: number
  otherFeedback: number
  /** The checklist items an inspection scores now, in the form's order. */
  checklistItems: number[]
  /** Resident A's attended booking, not rated yet: the feedback form is for it. */
  unratedBooking: string
}

async function demoIds({ db }: DatabaseConnection): Promise<Ids> {
  const one = async <T>(query: ReturnType<typeof sql>): Promise<T> => {
    const row = rowsOf<{ value: T }>(await db.execute(query))[0]
    if (row === undefined) throw new Error(`the demo district has no row for ${JSON.stringify(query)}`)
    return row.value
  }
  const user = (login: string) =>
    one<number>(sql`select id as value from users where phone = ${login} or email = ${login}`)
  const [resident, operator, streetStaff, admin] = await Promise.all(
    ['13800000001', '13800000002', '13800000003', 'admin@linli.example'].map(user),
  )
  const ownCentre = await one<number>(sql`select id as value from centres where slug = 'wangjiang'`)
  const otherCentre = await one<number>(sql`select id as value from centres where slug = 'liuan'`)
  const ownStreet = await one<number>(sql`select id as value from streets where slug = 'wangjiang'`)
  const otherStreet = await one<number>(sql`select id as value from streets where slug = 'liuan'`)
  // Someone else's household member: resident A may not book for, see or change them.
  const [otherMember] = await db
    .insert(householdMembers)
    .values({ ownerUserId: admin!, name: '别人家的老人', relation: 'parent', birthYear: 1940 })
    .returning({ id: householdMembers.id })
  // A future class with at least two confirmed places, so capacity 1 is below them.
  const slotOf = (centre: number) =>
    one<number>(sql`select s.id as value from slots s join services sv on sv.id = s.service_id
      where sv.centre_id = ${centre} and s.status = 'scheduled' and sv.booking_mode = 'class'
        and s.starts_at > now() + interval '2 days' and s.seats_taken > 1
      order by s.starts_at limit 1`)
  const ownService = await one<number>(
    sql`select id as value from services where centre_id = ${ownCentre} and booking_mode = 'class' limit 1`,
  )
  const [otherNotification] = await db
    .insert(notifications)
    .values({ userId: admin!, kind: 'booking_reminder' })
    .returning({ id: notifications.id })
  // The demo has no past sessions: one of yesterday, whose booking has closed.
  const pastSlot = await createSlot(db, { serviceId: ownService, startsAt: new Date(Date.now() - 86_400_000) })
  // The demo inspects only Wangjiang Street's centres: one of another street's, with an open issue.
  const [otherInspection] = await db
    .insert(inspections)
    .values({ centreId: otherCentre, inspectorUserId: admin!, inspectedOn: '2026-01-05' })
    .returning({ id: inspections.id })
  const [otherCentresIssue] = await db
    .insert(inspectionIssues)
    .values({
      inspectionId: otherInspection!.id,
      centreId: otherCentre,
      description: '别处的问题',
      fixBy: '2026-01-20',
    })
    .returning({ id: inspectionIssues.id })
  const feedbackAt = (where: ReturnType<typeof sql>) =>
    one<number>(sql`select f.id as value from feedback f join bookings b on b.id = f.booking_id
      join slots s on s.id = b.slot_id join services sv on sv.id = s.service_id where ${where} order by f.id limit 1`)
  return {
    resident: resident!,
    operator: operator!,
    streetStaff: streetStaff!,
    admin: admin!,
    ownStreet,
    otherStreet,
    ownCentre,
    otherCentre,
    member: await one(sql`select id as value from household_members where owner_user_id = ${resident} limit 1`),
    otherMember: otherMember!.id,
    ownService,
    otherService: await one(sql`select id as value from services where centre_id = ${otherCentre} limit 1`),
    ownSlot: await slotOf(ownCentre),
    pastSlot: pastSlot.id,
    otherSlot: await slotOf(otherCentre),
    otherResidentsBooking: await one(
      sql`select reference as value from bookings where booked_by_user_id <> ${resident} limit 1`,
    ),
    otherCentresBooking: await one(sql`select b.reference as value from bookings b join slots s on s.id = b.slot_id
      join services sv on sv.id = s.service_id where sv.centre_id = ${otherCentre} and b.status = 'confirmed' limit 1`),
    otherNotification: otherNotification!.id,
    otherException: await one(
      sql`select id as value from centre_opening_exceptions where centre_id <> ${ownCentre} limit 1`,
    ),
    ownAnnouncement: await one(
      sql`select id as value from announcements where street_id = ${ownStreet} and status = 'scheduled' limit 1`,
    ),
    otherAnnouncement: await one(
      sql`select id as value from announcements where street_id is distinct from ${ownStreet} limit 1`,
    ),
    ownInspection: await one(sql`select id as value from inspections where centre_id = ${ownCentre} limit 1`),
    otherInspection: otherInspection!.id,
    openIssue: await one(
      sql`select id as value from inspection_issues where centre_id = ${ownCentre} and status = 'open' limit 1`,
    ),
    fixedIssue: await one(
      sql`select id as value from inspection_issues where centre_id = ${ownCentre} and status = 'fixed' limit 1`,
    ),
    otherCentresIssue: otherCentresIssue!.id,
    ownFeedback: await feedbackAt(sql`sv.centre_id = ${ownCentre} and f.hidden_at is null`),
    otherFeedback: await feedbackAt(sql`sv.centre_id <> ${ownCentre}`),
    checklistItems: await one(sql`select array_agg(id order by position) as value from inspection_checklist_items
      where retired_at is null`),
    unratedBooking: await one(sql`select b.reference as value from bookings b where b.booked_by_user_id = ${resident}
      and b.status = 'attended' and not exists (select 1 from feedback f where f.booking_id = b.id) limit 1`),
  }
}

// ──────────────────────────────── bad values ────────────────────────────────

/** A field's value: text, raw bytes (maybe not UTF-8), a file, or several values under one name. */
type Value = string | Buffer | FileValue | Value[]
interface FileValue {
  file: Buffer
  filename: string
  type: string
}
/** Changes to a valid form that make it invalid; null removes the field. */
type Breaker = Record<string, Value | null>

/** `size` characters of mostly ASCII with Chinese, emoji and an RTL override mixed in. */
const huge = (size: number) => {
  const unit = 'Linli 邻里 abcdefg😀hijklmn\u202eopq '
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
}
/** `length` characters that no trim shortens: one over a field's limit. */
const tooLong = (length: number) => '长'.repeat(length)
const HUGE = [huge(100_000), huge(130_000), `${'x'.repeat(120_000)}@example.com`]
const invalidUtf8 = [
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xc3, 0x28]), // a lead byte without its continuation
  Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
  Buffer.from([0xf4, 0x90, 0x80, 0x80]), // beyond U+10FFFF
  Buffer.from([0xc0, 0xaf]), // overlong "/"
  Buffer.from([0xe4, 0xb8]), // "中" cut short
  Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), // "中文" in GBK
  Buffer.concat([Buffer.from('王小'), Buffer.from([0x80, 0x00]), Buffer.from('梅')]),
]
const scripts = [
  '王Xiao梅ミ한',
  '👵🏻🍜👨‍👩‍👧‍👦🏳️‍🌈',
  'مرحبا بالعالم',
  'שָׁלוֹם\u202eevil',
  'Кириллица Ελληνικά',
  'e\u0301\u0302\u0303\u0304\u0305 zalgo',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31mred\u001b[0m',
  'tab\tnew\nline\rcr',
  'zero\u200bwidth\u2060joiner\ufeff',
  '\ud800 lone surrogate',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '${7*7}{{7*7}}',
  '%00%2e%2e%2f',
  '\r\nSet-Cookie: x=1',
  '   ',
]
const wrongTypes = [
  '',
  '[]',
  '{}',
  '{"a":1}',
  'true',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  '1.5',
  '０１２',
  '١٢٣',
  ' 7 x',
]
/** Ids that name no row: malformed, out of range (Postgres integers stop at 2³¹−1), or of nothing. */
const badIds = ['abc', '0', '-1', '1.5', '1e3x', '99999999999', '2147483648', '9'.repeat(400), 'NaN', '', ' ']
const missingIds = ['2147483647', '999999']
const badNames = ['', '   ', ...HUGE, 'a\u0000b', '名\u0007字', '\u202e名字', 'zero\u200bwidth', ['王', '李']]
const badPhones = ['123', 'abc', '+86 138', ...HUGE, ['13812345678', '13812345679']]
const badDates = ['2026-02-30', '2026-13-01', '26-1-1', '2026-1-1', '1999-12-31', '２０２６-01-01', 'tomorrow', '']
const badTimes = ['24:00', '7:00', '12:60', 'noon', '09:00:00', '']
const badYears = ['1899', '3000', 'abc', '1990.5', '-1990', Buffer.from([0x31, 0x39, 0xff, 0x30])]
const bytesNotUtf8 = (text: string) => Buffer.concat([Buffer.from(text), Buffer.from([0xff])])

/** `{ field: value }` breakers, one for each bad value of one field (null: the field missing). */
const each = (field: string, values: Array<Value | null>): Breaker[] => values.map((value) => ({ [field]: value }))

// A 1×1 PNG: a real image, so only the broken parts of an upload are to blame.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const image = (file: Buffer, filename = 'poster.png', type = 'image/png'): FileValue => ({ file, filename, type })
/** Files an image field refuses: none, empty, SVG, not an image, a JPEG cut short, a string. */
const badImages: Value[] = [
  image(Buffer.alloc(0)),
  image(Buffer.from('<svg onload=alert(1)>'), 'x.svg', 'image/svg+xml'),
  image(Buffer.from('not an image at all'), 'x.png', 'image/png'),
  image(Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from('truncated')]), 'x.jpg', 'image/jpeg'),
  'a plain string, not a file',
]

// ─────────────────────────────── the fuzz table ───────────────────────────────

type Role = 'anonymous' | 'resident' | 'operator' | 'street' | 'admin' | 'forged'

interface FormFuzz {
  name: string
  /** The form as the page sends it: valid, unless the invalidators say otherwise. */
  fields: Record<string, Value>
  breakers: Breaker[]
}

interface RouteFuzz {
  role: Role
  /** The route's address, with real ids of the rows the role may change. */
  address: string
  forms: FormFuzz[]
  /** The route picks its form by `intent`: a wrong intent must be refused. */
  intents?: boolean
  /** A form without an intent is the page's main form (so leaving it out is no invalidator). */
  intentOptional?: boolean
  /** Addresses of other people's or other centres' rows, and malformed ones: any form sent there is refused. */
  forgedAddresses?: string[]
  /** Body-level multipart only (the image upload). */
  multipart?: boolean
  /** Refusals that answer with a redirect and change nothing (the language switch, logging out a stranger). */
  redirects?: boolean
}

const serviceFields: Record<string, Value> = {
  intent: 'save',
  category: 'fitness',
  bookingMode: 'class',
  nameZh: '瑜伽',
  nameEn: 'Yoga',
  summaryZh: '',
  bookingOpensDaysBefore: '14',
  bookingClosesHoursBefore: '1',
  cancelCutoffHours: '2',
  maxActivePerPerson: '3',
  price: '20',
  waitlistEnabled: 'on',
}
const serviceBreakers: Breaker[] = [
  ...each('category', ['sports', 'FITNESS', '', ['fitness', 'culture']]),
  ...each('bookingMode', ['queue', '', null]),
  ...each('nameZh', badNames),
  ...each('nameEn', [null, ...badNames]),
  ...each('summaryZh', HUGE),
  ...each('descriptionZh', [tooLong(4001), ...HUGE]),
  ...each('bookingOpensDaysBefore', ['366', '-1', 'x', '1.5', null, bytesNotUtf8('1')]),
  ...each('bookingClosesHoursBefore', ['721', '-1', null]),
  ...each('cancelCutoffHours', ['721', 'abc', null]),
  ...each('maxActivePerPerson', ['0', '101', '1e309', null]),
  ...each('price', ['-1', '100001', '1.234', 'abc', '¥20', 'Infinity']),
  ...each('minAge', ['151', '-1', 'x']),
  { minAge: '80', maxAge: '60' },
  { bookingMode: 'appointment', counters: null, slotMinutes: '30' },
  { bookingMode: 'appointment', counters: '2', slotMinutes: null },
  { bookingMode: 'appointment', counters: '0', slotMinutes: '30' },
  { concession_age_60: '25' },
  { concession_low_income: '-5' },
]
const householdFields: Record<string, Value> = {
  intent: 'save',
  name: '林奶奶',
  relation: 'parent',
  birthYear: '1944',
  phone: '',
  homeStreetId: '',
}
const householdBreakers: Breaker[] = [
  ...each('name', [null, ...badNames]),
  ...each('relation', [null, 'mother', 'PARENT', '', ['parent', 'child']]),
  ...each('birthYear', [null, ...badYears]),
  ...each('phone', badPhones),
  ...each('homeStreetId', [...badIds.filter(Boolean), ...missingIds]),
]
const centreFields: Record<string, Value> = {
  streetId: '1',
  nameZh: '望江邻里中心',
  nameEn: 'Wangjiang Centre',
  addressZh: '望江路 1 号',
  addressEn: '1 Wangjiang Road',
  phone: '028-85550000',
  latitude: '30.63',
  longitude: '104.08',
  catchmentPopulation: '52000',
}
const centreBreakers: Breaker[] = [
  ...each('streetId', [null, ...badIds, ...missingIds]),
  ...each('nameZh', badNames),
  ...each('addressZh', [null, '', ...HUGE]),
  ...each('addressEn', [tooLong(201)]),
  ...each('phone', ['12', 'call me', '028-8555\u00000000', ...HUGE]),
  ...each('latitude', ['91', '-90.5', 'north', 'NaN', '1e309']),
  ...each('longitude', ['181', 'east', '']),
  ...each('catchmentPopulation', ['-1', '10000001', '1.5', 'many']),
]
const editorFields = (scope: number): Record<string, Value> => ({
  intent: 'save',
  scope: String(scope),
  category: 'notice',
  titleZh: '加装电梯说明会',
  titleEn: '',
  bodyZh: '周一 **08:00** 在望江邻里中心。',
  bodyEn: '',
  publishAt: '',
  expiresAt: '',
  pinnedUntil: '',
})
const editorBreakers = (otherStreet: number, otherCentre: number): Breaker[] => [
  ...each('intent', ['publish-now', 'Save', ['save', 'publish']]),
  ...each('scope', [null, String(otherStreet), 'district', 'street', '0', '99999999999', '1 OR 1=1']),
  ...each('centreIds', [String(otherCentre), 'abc', '-1', '99999999999', Array(101).fill('1')]),
  ...each('category', [null, 'gossip', '']),
  ...each('titleZh', [null, '', '  ', tooLong(201), ...HUGE, '标题\u0000', '标题\n换行']),
  ...each('bodyZh', [null, '', tooLong(20_001), ...HUGE, '正文\u0000', '正文\u0007']),
  ...each('titleEn', [tooLong(201), 'title\u0000']),
  ...each('publishAt', ['2026-02-30T08:00', 'next monday', '2026-12-07 08:00', '2026-12-07T25:00']),
  ...each('expiresAt', ['yesterday', '2026-13-01T00:00']),
  { intent: 'schedule', publishAt: '' },
  { intent: 'schedule', publishAt: '2001-01-01T08:00' },
  { intent: 'publish', expiresAt: '2001-01-01T08:00' },
  { intent: 'preview', bodyZh: tooLong(20_001) },
  { intent: 'preview', bodyEn: HUGE[0]! },
]

/** Checklist labels: required, at most 100 characters, no control characters. */
const badLabels: Array<Value | null> = [null, '', '   ', tooLong(101), ...HUGE, 'a\u0000b', '名\u0007字', ['王', '李']]
/** The weights form as the page sends it: every measure, 0 … 10. */
const weightFields: Record<string, Value> = Object.fromEntries([
  ['intent', 'weights'],
  ...comparisonMeasures.map((measure) => [measure, '3']),
])
/** The inspection form: a score for every current checklist item, and one issue row. */
const inspectionFields = (items: number[]): Record<string, Value> => ({
  inspectedOn: dayAfter(-1),
  notes: '整体良好',
  ...Object.fromEntries(
    items.flatMap((item, index) => [
      [`scores[${index}].checklistItemId`, String(item)],
      [`scores[${index}].score`, '4'],
      [`scores[${index}].note`, ''],
    ]),
  ),
  'issues[0].description': '消防通道堆放杂物',
  'issues[0].fixBy': dayAfter(10),
})

function fuzzTable(ids: Ids): Record<string, RouteFuzz> {
  const operatorBase = '/operator/centres/wangjiang'
  const otherCentreBase = '/operator/centres/liuan'
  return {
    'routes/account._index': {
      role: 'resident',
      address: '/account?index',
      intents: true,
      forms: [
        {
          name: 'profile',
          fields: {
            intent: 'profile',
            name: '王小梅',
            birthYear: '1990',
            homeStreetId: String(ids.ownStreet),
            preferredLocale: 'zh-CN',
          },
          breakers: [
            ...each('name', [null, ...badNames]),
            ...each('birthYear', badYears),
            ...each('homeStreetId', [...badIds.filter(Boolean), ...missingIds]),
            ...each('preferredLocale', [null, 'fr', 'ZH-cn', 'zh-CN\u0000', ['zh-CN', 'en']]),
          ],
        },
        {
          name: 'password',
          fields: { intent: 'password', currentPassword: 'linli-demo-2026', newPassword: 'a-new-secret-2027' },
          breakers: [
            ...each('newPassword', [null, '', 'short', 'x'.repeat(129), ...HUGE]),
            ...each('currentPassword', [null, '', 'x'.repeat(129)]),
          ],
        },
        // Any body is valid for these two: only a wrong intent makes them invalid.
        { name: 'notifications', fields: { intent: 'notifications', 'booking:email': 'on' }, breakers: [] },
        { name: 'logout-everywhere', fields: { intent: 'logout-everywhere' }, breakers: [] },
      ],
    },
    'routes/account.household._index': {
      role: 'resident',
      address: '/account/household?index',
      intents: true,
      intentOptional: true,
      forms: [{ name: 'add member', fields: householdFields, breakers: householdBreakers }],
    },
    'routes/account.household.$memberId': {
      role: 'resident',
      address: `/account/household/${ids.member}`,
      intents: true,
      intentOptional: true,
      forgedAddresses: [
        `/account/household/${ids.otherMember}`,
        ...badIds.slice(0, 8).map((id) => `/account/household/${id}`),
      ],
      forms: [{ name: 'edit member', fields: householdFields, breakers: householdBreakers }],
    },
    'routes/admin._index': {
      role: 'admin',
      address: '/admin?index',
      intents: true,
      forms: [
        {
          name: 'grant',
          fields: { intent: 'grant', login: '13800000001', role: 'operator', centreId: String(ids.otherCentre) },
          breakers: [
            ...each('login', [null, '', 'not a login', '1380000000', 'a@b', ...HUGE, 'x\u0000@example.com']),
            ...each('role', [null, 'root', 'OPERATOR', '', ['operator', 'district_admin']]),
            ...each('centreId', [null, ...badIds, ...missingIds]),
            { role: 'street_staff', streetId: null },
            { role: 'street_staff', streetId: '999999' },
            { login: '13999999999' }, // nobody has this number
          ],
        },
        {
          name: 'revoke',
          fields: { intent: 'revoke', grantId: '999999' },
          breakers: each('grantId', [null, ...badIds, ...missingIds]),
        },
      ],
    },
    'routes/admin.centres.$centreSlug': {
      role: 'admin',
      address: '/admin/centres/wangjiang',
      forgedAddresses: [
        '/admin/centres/no-such-centre',
        '/admin/centres/%E4%B8%AD',
        `/admin/centres/${'x'.repeat(2000)}`,
      ],
      forms: [{ name: 'edit centre', fields: centreFields, breakers: centreBreakers }],
    },
    'routes/admin.inspection-checklist': {
      role: 'admin',
      address: '/admin/inspection-checklist',
      intents: true,
      forms: [
        {
          name: 'add item',
          fields: { intent: 'add-item', labelZh: '饮水设施', labelEn: 'Drinking water' },
          breakers: [...each('labelZh', badLabels), ...each('labelEn', badLabels)],
        },
        {
          name: 'rename item',
          fields: { intent: 'rename-item', itemId: String(ids.checklistItems[0]), labelZh: '卫生', labelEn: 'Clean' },
          breakers: [
            ...each('itemId', [null, ...badIds, ...missingIds]),
            ...each('labelZh', badLabels),
            ...each('labelEn', badLabels),
          ],
        },
        // Retiring, restoring and removing take only the item: a wrong one is not found.
        ...(['retire', 'restore', 'remove'] as const).map((intent) => ({
          name: `${intent} item`,
          fields: { intent, itemId: String(ids.checklistItems[1]) },
          breakers: each('itemId', [null, ...badIds, ...missingIds]),
        })),
        {
          // Every demo item has been scored: removing one is refused (409), it may only be retired.
          name: 'remove scored item',
          fields: { intent: 'remove', itemId: String(ids.checklistItems[2]) },
          breakers: [{ itemId: String(ids.checklistItems[2]) }],
        },
      ],
    },
    'routes/admin.places': {
      role: 'admin',
      address: '/admin/places',
      intents: true,
      forms: [
        {
          name: 'add street',
          fields: { intent: 'add-street', slug: 'fuzz-street', nameZh: '测试街道', nameEn: 'Test Street' },
          breakers: [
            ...each('slug', [null, '', 'A', '-x', 'x', '中文', 'a_b', 'wangjiang', tooLong(41), ...HUGE]),
            ...each('nameZh', badNames),
            ...each('nameEn', [null, ...badNames]),
          ],
        },
        {
          name: 'rename street',
          fields: { intent: 'rename-street', streetId: String(ids.otherStreet), nameZh: '柳岸街道', nameEn: 'Liuan' },
          breakers: [...each('streetId', [null, ...badIds, ...missingIds]), ...each('nameZh', badNames)],
        },
        {
          name: 'add centre',
          fields: { intent: 'add-centre', slug: 'fuzz-centre', ...centreFields },
          breakers: [...each('slug', [null, 'Bad Slug', 'wangjiang', ...HUGE]), ...centreBreakers],
        },
      ],
    },
    'routes/book.$slotId': {
      role: 'resident',
      address: `/book/${ids.ownSlot}`,
      forgedAddresses: [
        `/book/${ids.pastSlot}`, // booking has closed: refused
        ...badIds.slice(0, 9).map((id) => `/book/${id}`),
        `/book/${missingIds[0]}`,
      ],
      forms: [
        {
          name: 'book',
          fields: { attendee: 'self', idempotencyKey: 'fuzz-idempotency-key-0001' },
          breakers: each('attendee', [
            null,
            '',
            'Self',
            'self ',
            'member-',
            'member-abc',
            'member-1234567890',
            `member-${ids.otherMember}`,
            'member-999999999',
            bytesNotUtf8('self'),
          ]),
        },
      ],
    },
    'routes/bookings.$reference': {
      // A POST with any intent but "feedback" cancels the booking in the address: the
      // cancel form has no invalid fields, so it is only sent to addresses that are not the
      // resident's own booking. The feedback form rates resident A's attended, unrated
      // booking with broken fields, or goes to those addresses too.
      role: 'resident',
      address: `/bookings/${ids.unratedBooking}`,
      forgedAddresses: [
        `/bookings/${ids.otherResidentsBooking}`,
        `/bookings/${ids.otherResidentsBooking.toLowerCase()}`,
        '/bookings/AAAAAAAA',
        '/bookings/%E4%B8%AD%E6%96%87',
        `/bookings/${'Z'.repeat(2000)}`,
        '/bookings/%FF%FE',
      ],
      forms: [
        { name: 'cancel', fields: { intent: 'cancel' }, breakers: [] },
        {
          name: 'feedback',
          fields: { intent: 'feedback', rating: '5', comment: '老师很耐心' },
          breakers: [
            ...each('rating', [null, '', '0', '6', '4.5', 'five', '５', ' 5', ['4', '5'], bytesNotUtf8('5')]),
            ...each('comment', [tooLong(2001), ...HUGE]),
          ],
        },
      ],
    },
    'routes/district.comparison': {
      role: 'admin',
      address: '/district/comparison',
      intents: true,
      forms: [
        {
          name: 'weights',
          fields: weightFields,
          breakers: [
            ...comparisonMeasures.flatMap((measure) =>
              each(measure, [null, '', '-1', '11', '1.5', 'x', '1e309', '99999999999', ['1', '2']]),
            ),
            Object.fromEntries(comparisonMeasures.map((measure) => [measure, '0'])), // all zero
          ],
        },
      ],
    },
    'routes/elder-mode': {
      // A wrong mode changes nothing and goes back to the page: a redirect, like the language switch.
      role: 'resident',
      address: '/elder-mode',
      redirects: true,
      forms: [
        {
          name: 'switch',
          fields: { elderMode: 'on', redirectTo: '/centres' },
          breakers: [
            ...each('elderMode', [null, '', 'ON', 'true', '1', 'larger ', 'on\u0000', ...HUGE, ['yes', 'on']]),
            { elderMode: bytesNotUtf8('on') },
            { elderMode: 'xx', redirectTo: '//evil.example/' },
            { elderMode: 'xx', redirectTo: 'https://evil.example/' },
          ],
        },
      ],
    },
    'routes/language': {
      role: 'anonymous',
      address: '/language',
      redirects: true,
      forms: [
        {
          name: 'switch',
          fields: { language: 'en', redirectTo: '/centres' },
          breakers: [
            ...each('language', [null, '', 'fr', 'EN', 'zh', ...HUGE, ['en', 'zh-CN']]),
            { language: 'xx', redirectTo: '//evil.example/' },
            { language: 'xx', redirectTo: 'https://evil.example/' },
            { language: 'xx', redirectTo: '/\\evil.example' },
          ],
        },
      ],
    },
    'routes/login': {
      role: 'anonymous',
      address: '/login',
      forms: [
        {
          name: 'login',
          fields: { login: '13800000001', password: 'linli-demo-2026', remember: 'on', redirectTo: '/bookings' },
          breakers: [
            ...each('login', [null, '', '   ', 'not-a-login', '1380000000', 'a@', ...HUGE, '13800000001\u0000']),
            ...each('password', [null, '', 'x'.repeat(129), ...HUGE]),
          ],
        },
      ],
    },
    'routes/logout': {
      // Logging out ends the session in the cookie: a stranger's cookie, forged or
      // unsigned, ends nothing.
      role: 'forged',
      address: '/logout',
      redirects: true,
      forms: [{ name: 'logout', fields: {}, breakers: [] }],
    },
    'routes/notifications': {
      role: 'resident',
      address: '/notifications',
      intents: true,
      // Marking read a notification that is not yours (or no notification) changes nothing and goes back to the list.
      redirects: true,
      forms: [
        {
          name: 'read',
          fields: { intent: 'read', id: String(ids.otherNotification) },
          breakers: each('id', [String(ids.otherNotification), ...badIds, ...missingIds]),
        },
      ],
    },
    'routes/operator.centres.$centreSlug.days.$date': {
      role: 'operator',
      address: `${operatorBase}/days/${dayAfter(3)}`,
      intents: true,
      forgedAddresses: [
        `${otherCentreBase}/days/${dayAfter(3)}`,
        `${operatorBase}/days/2001-01-01`,
        `${operatorBase}/days/2026-02-30`,
        `${operatorBase}/days/tomorrow`,
        `${operatorBase}/days/99999-01-01`,
      ],
      forms: [
        {
          name: 'cancel day',
          fields: { intent: 'cancel-day', reason: '水管爆裂' },
          breakers: each('reason', [null, '', '   ', tooLong(201), ...HUGE, ['水管', '爆裂']]),
        },
      ],
    },
    'routes/operator.centres.$centreSlug.desk._index': {
      role: 'operator',
      address: `${operatorBase}/desk?index`,
      intents: true,
      forgedAddresses: [`${otherCentreBase}/desk?index`],
      forms: [
        {
          name: 'check in',
          fields: { intent: 'check_in', reference: ids.otherCentresBooking },
          breakers: each('reference', [
            ids.otherCentresBooking, // another centre's booking: not found here
            null,
            '',
            'abc',
            'LL',
            tooLong(41),
            ...HUGE,
            '\u0000',
            bytesNotUtf8('LL'),
            [ids.otherCentresBooking, 'LLAAAAAA'],
          ]),
        },
      ],
    },
    'routes/operator.centres.$centreSlug.desk.assist': {
      role: 'operator',
      address: `${operatorBase}/desk/assist`,
      intents: true,
      forgedAddresses: [`${otherCentreBase}/desk/assist`],
      forms: [
        {
          name: 'create resident',
          fields: { intent: 'create', name: '来电老人', phone: '13700001111', birthYear: '1950' },
          breakers: [
            ...each('name', [null, ...badNames]),
            ...each('phone', [null, '', ...badPhones]),
            ...each('birthYear', [null, ...badYears]),
          ],
        },
        {
          name: 'assisted booking',
          fields: { intent: 'book', phone: '13800000001', slotId: String(ids.ownSlot), attendee: 'self' },
          breakers: [
            ...each('slotId', [String(ids.otherSlot), String(ids.pastSlot), null, ...badIds, ...missingIds]),
            ...each('phone', [null, '', '13999999999', ...badPhones]),
            ...each('attendee', [null, '', 'Self', String(ids.otherMember), '1234567890', 'member-1']),
          ],
        },
      ],
    },
    'routes/operator.centres.$centreSlug.desk.slots.$slotId': {
      role: 'operator',
      address: `${operatorBase}/desk/slots/${ids.ownSlot}`,
      intents: true,
      forgedAddresses: [
        `${operatorBase}/desk/slots/${ids.otherSlot}`,
        `${otherCentreBase}/desk/slots/${ids.otherSlot}`,
        ...badIds.slice(0, 8).map((id) => `${operatorBase}/desk/slots/${id}`),
      ],
      forms: [
        {
          name: 'attendance',
          fields: { intent: 'check_in', reference: ids.otherCentresBooking },
          breakers: [
            ...each('reference', [ids.otherCentresBooking, ids.otherResidentsBooking, null, '', 'abc', ...HUGE]),
            { intent: 'no_show', reference: ids.otherCentresBooking },
            { intent: 'undo', reference: 'LLZZZZZZ' },
          ],
        },
      ],
    },
    'routes/operator.centres.$centreSlug.details': {
      role: 'operator',
      address: `${operatorBase}/details`,
      intents: true,
      forgedAddresses: [`${otherCentreBase}/details`, '/operator/centres/no-such-centre/details'],
      forms: [
        {
          name: 'details',
          fields: {
            intent: 'details',
            nameZh: '望江邻里中心',
            nameEn: 'Wangjiang Centre',
            addressZh: '望江路 1 号',
            addressEn: '1 Wangjiang Road',
            phone: '028-85550000',
            descriptionZh: '',
          },
          breakers: [
            ...each('nameZh', badNames),
            ...each('addressEn', [null, '', tooLong(201)]),
            ...each('phone', [null, '12', 'call me', ...HUGE]),
            ...each('descriptionZh', [tooLong(2001), ...HUGE]),
          ],
        },
        {
          name: 'hours',
          fields: { intent: 'hours', d1p0opens: '09:00', d1p0closes: '18:00', d2p0opens: '09:00', d2p0closes: '18:00' },
          breakers: [
            // A period's edge is wrong only beside the other edge: that one is kept out of the
            // noise, or dropping it would leave an empty period, which is valid (closed).
            ...each('d1p0opens', [null, ...badTimes.filter(Boolean)]).map((breaker) => ({
              ...breaker,
              d1p0closes: '18:00',
            })),
            ...each('d2p0closes', ['08:00', '09:00', '25:00', null]).map((breaker) => ({
              ...breaker,
              d2p0opens: '09:00',
            })),
            { d3p1opens: '20:00' },
            { d7p0closes: '12:00' },
          ],
        },
        {
          name: 'add exception',
          fields: { intent: 'add-exception', date: dayAfter(20), opensAt: '10:00', closesAt: '16:00', reasonZh: '' },
          breakers: [
            ...each('date', [null, ...badDates]),
            ...each('opensAt', [null, ...badTimes]),
            { closesAt: '09:00' },
            ...each('reasonZh', [tooLong(101), ...HUGE]),
          ],
        },
        {
          name: 'remove exception',
          fields: { intent: 'remove-exception', exceptionId: String(ids.otherException) },
          breakers: each('exceptionId', [String(ids.otherException), null, ...badIds, ...missingIds]),
        },
      ],
    },
    'routes/operator.centres.$centreSlug.feedback': {
      role: 'operator',
      address: `${operatorBase}/feedback`,
      intents: true,
      forgedAddresses: [`${otherCentreBase}/feedback`, '/operator/centres/no-such-centre/feedback'],
      forms: [
        {
          name: 'hide',
          fields: { intent: 'hide', feedbackId: String(ids.ownFeedback), reason: '含有不文明用语' },
          breakers: [
            ...each('feedbackId', [String(ids.otherFeedback), null, ...badIds, ...missingIds]),
            ...each('reason', [null, '', '   ', tooLong(301), ...HUGE, ['甲', '乙']]),
          ],
        },
        {
          name: 'unhide',
          fields: { intent: 'unhide', feedbackId: String(ids.ownFeedback) },
          breakers: each('feedbackId', [String(ids.otherFeedback), null, ...badIds, ...missingIds]),
        },
      ],
    },
    'routes/operator.centres.$centreSlug.issues': {
      role: 'operator',
      address: `${operatorBase}/issues`,
      intents: true,
      forgedAddresses: [`${otherCentreBase}/issues`],
      forms: [
        {
          name: 'mark fixed',
          fields: { intent: 'fix', issueId: String(ids.openIssue), note: '已清理通道' },
          breakers: [
            ...each('issueId', [
              String(ids.otherCentresIssue),
              String(ids.fixedIssue), // fixed already
              null,
              ...badIds,
              ...missingIds,
            ]),
            ...each('note', [null, '', '   ', tooLong(501), ...HUGE, '已修\u0000好', ['甲', '乙']]),
          ],
        },
      ],
    },
    'routes/operator.centres.$centreSlug.services.$serviceId': {
      role: 'operator',
      address: `${operatorBase}/services/${ids.ownService}`,
      intents: true,
      intentOptional: true,
      forgedAddresses: [
        `${operatorBase}/services/${ids.otherService}`,
        `${otherCentreBase}/services/${ids.otherService}`,
        ...badIds.slice(0, 8).map((id) => `${operatorBase}/services/${id}`),
      ],
      forms: [{ name: 'edit service', fields: serviceFields, breakers: serviceBreakers }],
    },
    'routes/operator.centres.$centreSlug.services.$serviceId_.slots': {
      role: 'operator',
      address: `${operatorBase}/services/${ids.ownService}/slots`,
      intents: true,
      forgedAddresses: [
        `${operatorBase}/services/${ids.otherService}/slots`,
        `${otherCentreBase}/services/${ids.otherService}/slots`,
        `${operatorBase}/services/99999999999/slots`,
      ],
      forms: [
        {
          name: 'add slot',
          fields: { intent: 'add-slot', date: dayAfter(10), startTime: '19:00', durationMinutes: '60', capacity: '12' },
          breakers: [
            ...each('date', [null, '2001-01-01', ...badDates]),
            ...each('startTime', [null, ...badTimes]),
            ...each('durationMinutes', [null, '4', '721', 'an hour', '1e309']),
            ...each('capacity', [null, '0', '10001', '-3', '2.5', ...wrongTypes.slice(0, 8)]),
          ],
        },
        {
          name: 'add series',
          fields: {
            intent: 'add-series',
            weekdays: ['1', '3'],
            startTime: '19:00',
            durationMinutes: '60',
            fromDate: dayAfter(10),
            untilDate: dayAfter(40),
            capacity: '12',
            skipDates: '',
          },
          breakers: [
            ...each('weekdays', [null, '0', '8', 'mon', ['1', '9'], Array(8).fill('1')]),
            ...each('untilDate', [dayAfter(5), dayAfter(500), null, ...badDates]),
            ...each('fromDate', ['2001-01-01', null]),
            ...each('skipDates', ['2026-02-30', 'soon', Array(401).fill(dayAfter(12)).join(',')]),
            ...each('capacity', ['0', '10001', null]),
            { intent: 'preview-series', weekdays: null },
          ],
        },
      ],
    },
    'routes/operator.centres.$centreSlug.services.new': {
      role: 'operator',
      address: `${operatorBase}/services/new`,
      intents: true,
      intentOptional: true,
      forgedAddresses: [`${otherCentreBase}/services/new`],
      forms: [
        {
          name: 'new service',
          fields: { ...serviceFields, slug: 'fuzz-yoga' },
          breakers: [...each('slug', [null, '', 'Yoga Class', '-a', 'a', tooLong(42), '瑜伽']), ...serviceBreakers],
        },
      ],
    },
    'routes/operator.centres.$centreSlug.slots.$slotId': {
      role: 'operator',
      address: `${operatorBase}/slots/${ids.ownSlot}`,
      intents: true,
      forgedAddresses: [
        `${operatorBase}/slots/${ids.otherSlot}`,
        `${otherCentreBase}/slots/${ids.otherSlot}`,
        ...badIds.slice(0, 8).map((id) => `${operatorBase}/slots/${id}`),
      ],
      forms: [
        {
          name: 'edit slot',
          fields: {
            intent: 'edit-slot',
            scope: 'one',
            date: dayAfter(12),
            startTime: '10:00',
            durationMinutes: '60',
            capacity: '30',
          },
          breakers: [
            ...each('scope', ['all', 'ONE', ['one', 'future']]),
            ...each('date', [null, '2001-01-01', ...badDates]),
            ...each('startTime', [null, ...badTimes]),
            ...each('durationMinutes', [null, '0', '721']),
            // '1' is below the confirmed count of this slot: refused by the rules.
            ...each('capacity', [null, '0', '1', '10001', 'ten']),
          ],
        },
        {
          name: 'cancel slot',
          fields: { intent: 'cancel-slot', reason: '老师生病' },
          breakers: each('reason', [null, '', '  ', tooLong(201), ...HUGE]),
        },
      ],
    },
    'routes/signup': {
      role: 'anonymous',
      address: '/signup',
      forms: [
        {
          name: 'sign up',
          fields: { login: '13700009999', password: 'a-long-secret-2027', name: '新居民', birthYear: '1985' },
          breakers: [
            // (Not an existing account's number: that is counted by the sign-up throttle, as it should be.)
            ...each('login', [null, '', 'nobody', '1370000999', ...HUGE]),
            ...each('password', [null, 'short', 'password', '12345678', 'x'.repeat(129), ...HUGE]),
            { password: 'my-13700009999-secret' },
            ...each('name', [null, ...badNames]),
            ...each('birthYear', badYears),
            ...each('homeStreetId', [...badIds.filter(Boolean), ...missingIds]),
          ],
        },
      ],
    },
    'routes/staff.announcements.$announcementId': {
      role: 'street',
      address: `/staff/announcements/${ids.ownAnnouncement}`,
      intents: true,
      forgedAddresses: [
        `/staff/announcements/${ids.otherAnnouncement}`,
        ...badIds.slice(0, 8).map((id) => `/staff/announcements/${id}`),
      ],
      forms: [
        {
          name: 'edit announcement',
          fields: editorFields(ids.ownStreet),
          breakers: editorBreakers(ids.otherStreet, ids.otherCentre),
        },
      ],
    },
    'routes/staff.announcements.preview': {
      role: 'street',
      address: '/staff/announcements/preview',
      intents: true,
      forms: [
        {
          name: 'live preview',
          fields: { intent: 'preview', bodyZh: '**预览**', bodyEn: '' },
          breakers: [
            ...each('bodyZh', [tooLong(20_001), ...HUGE, ['一', '二']]),
            ...each('bodyEn', [tooLong(20_001), HUGE[0]!]),
          ],
        },
      ],
    },
    'routes/staff.announcements.new': {
      role: 'street',
      address: '/staff/announcements/new',
      intents: true,
      forms: [
        {
          name: 'new announcement',
          fields: editorFields(ids.ownStreet),
          breakers: editorBreakers(ids.otherStreet, ids.otherCentre),
        },
      ],
    },
    'routes/staff.inspections.$inspectionId': {
      role: 'street',
      address: `/staff/inspections/${ids.ownInspection}`,
      intents: true,
      forgedAddresses: [
        `/staff/inspections/${ids.otherInspection}`, // another street's centre
        ...badIds.slice(0, 8).map((id) => `/staff/inspections/${id}`),
        `/staff/inspections/${missingIds[0]}`,
      ],
      forms: [
        {
          name: 'add issue',
          fields: { intent: 'add-issue', description: '灭火器过期', fixBy: dayAfter(10) },
          breakers: [
            ...each('description', [null, '', '   ', tooLong(501), ...HUGE, '灭火器\u0000', ['甲', '乙']]),
            ...each('fixBy', [null, '2001-01-01', ...badDates]), // 2001: before the inspection
          ],
        },
        {
          name: 'add photo',
          fields: { intent: 'add-photo', photo: image(PNG, 'exit.png'), caption: '消防通道' },
          breakers: [
            ...each('photo', [null, ...badImages]),
            ...each('caption', [null, '', '   ', tooLong(201), '通道\u0000', ...HUGE]),
          ],
        },
      ],
    },
    'routes/staff.inspections.centres.$centreSlug.new': {
      // A valid form records an inspection: every request breaks a date, a score, an issue row or the checklist.
      role: 'street',
      address: '/staff/inspections/centres/wangjiang/new',
      forgedAddresses: [
        '/staff/inspections/centres/liuan/new', // another street's centre
        '/staff/inspections/centres/no-such-centre/new',
      ],
      forms: [
        {
          name: 'record inspection',
          fields: inspectionFields(Array.from(ids.checklistItems)),
          breakers: [
            ...each('inspectedOn', [null, dayAfter(3), ...badDates]),
            ...each('notes', [tooLong(2001), ...HUGE, '备注\u0007']),
            ...each('scores[0].score', [null, '', '6', '-1', '2.5', 'good', ['3', '4']]),
            ...each('scores[1].checklistItemId', [
              String(ids.checklistItems[0]), // the same item twice, one missing
              null,
              ...badIds,
              ...missingIds,
            ]),
            ...each('scores[2].note', [tooLong(301), ...HUGE]),
            { 'scores[3].checklistItemId': null, 'scores[3].score': null, 'scores[3].note': null }, // an item not scored
            { 'scores[9].checklistItemId': String(ids.checklistItems[0]), 'scores[9].score': '3' },
            { 'scores[9].checklistItemId': '999999', 'scores[9].score': '3' },
            ...each('issues[0].fixBy', [null, '2001-01-01', ...badDates.filter(Boolean)]),
            ...each('issues[0].description', [tooLong(501), ...HUGE, '描述\u0000']),
            { 'issues[3].description': '第四个问题', 'issues[3].fixBy': dayAfter(10) }, // only three rows
          ],
        },
      ],
    },
  }
}

/** The image upload: multipart only, so it gets a table of its own. */
function uploadFuzz(ids: Ids): RouteFuzz {
  return {
    role: 'street',
    address: `/staff/announcements/${ids.ownAnnouncement}`,
    multipart: true,
    forgedAddresses: [`/staff/announcements/${ids.otherAnnouncement}`],
    forms: [
      {
        name: 'upload image',
        fields: { intent: 'upload-image', image: image(PNG), altZh: '海报', altEn: 'Poster' },
        breakers: [
          ...each('image', [null, ...badImages]),
          ...each('altZh', [null, '', '   ', tooLong(201), '海报\u0000', ...HUGE]),
          ...each('altEn', [tooLong(201), 'alt\u0007']),
        ],
      },
    ],
  }
}

function dayAfter(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

// ────────────────────────────── generating requests ──────────────────────────────

/** mulberry32: a small seeded generator, so a failing run can be repeated exactly. */
function generator(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (below: number) => Math.floor(next() * below)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  return { next, int, pick }
}
type Random = ReturnType<typeof generator>

const seedOf = (text: string) =>
  [...text].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619), SEED)

interface FuzzRequest {
  description: string
  invalidator: 'field' | 'intent' | 'address' | 'cookie'
  method: 'POST'
  path: string
  headers: Record<string, string>
  body: Buffer
}

const wrongIntents: Value[] = [
  '',
  'Profile',
  'save ',
  'SAVE',
  'delete-everything',
  'check-in',
  '<script>alert(1)</script>',
  'save\u0000',
  bytesNotUtf8('save'),
  huge(100_000),
  ['nonsense', 'save'],
  ['', 'remove'],
]

const extraNames = [
  '__proto__',
  'constructor',
  '__proto__.polluted',
  'a[b]',
  'x.y.z',
  'items[0]',
  '',
  'x'.repeat(10_000),
]

function makeRequest(route: RouteFuzz, random: Random, index: number, origin: string): FuzzRequest {
  const form = random.pick(route.forms)
  const values = new Map<string, Value>(Object.entries(form.fields))
  const touched = new Set<string>(['intent'])
  let address = route.address
  const kinds: FuzzRequest['invalidator'][] = []
  if (form.breakers.length > 0) kinds.push('field', 'field', 'field', 'field')
  if (route.intents) kinds.push('intent')
  if (route.forgedAddresses) kinds.push('address', ...(form.breakers.length === 0 ? ['address' as const] : []))
  if (route.role === 'forged') kinds.push('cookie')
  const invalidator = random.pick(kinds)
  let description = `${form.name}: `
  if (invalidator === 'field') {
    const breaker = random.pick(form.breakers)
    for (const [field, value] of Object.entries(breaker)) {
      touched.add(field)
      if (value === null) values.delete(field)
      else values.set(field, value)
    }
    description += `breaks ${describeBreaker(breaker)}`
  } else if (invalidator === 'intent') {
    // Where a form may leave its intent out, an empty one is the same as none: not wrong.
    const intent = random.pick(route.intentOptional ? wrongIntents.filter((value) => value !== '') : wrongIntents)
    if (random.int(6) === 0 && !route.intentOptional) values.delete('intent')
    else values.set('intent', intent)
    description += `wrong intent ${describeValue(values.get('intent') ?? null)}`
  } else if (invalidator === 'address') {
    address = random.pick(route.forgedAddresses!)
    description += `sent to ${address.slice(0, 80)}`
  } else {
    description += 'a stranger’s cookie'
  }

  // Noise on the other fields: never on the intent, never on what the invalidator set.
  const noise = random.int(4)
  for (let count = 0; count < noise; count++) {
    const candidates = [...values.keys()].filter((field) => !touched.has(field))
    const field = candidates.length > 0 ? random.pick(candidates) : null
    const kind = random.int(7)
    if (kind === 0 && field) values.set(field, random.pick(HUGE))
    else if (kind === 1 && field) values.set(field, random.pick(scripts))
    else if (kind === 2 && field) values.set(field, random.pick(invalidUtf8))
    else if (kind === 3 && field) values.set(field, random.pick(wrongTypes))
    else if (kind === 4 && field) values.set(field, [values.get(field)!, random.pick(scripts)])
    else if (kind === 5 && field) values.delete(field)
    else values.set(`${random.pick(extraNames)}${random.int(3) === 0 ? '' : random.int(100)}`, random.pick(scripts))
    if (field) touched.add(field)
  }

  const entries = flatten(values)
  const document = index % DOCUMENT_EVERY === 0
  const path = document ? address : dataAddress(address)
  const headers: Record<string, string> = {
    Origin: origin,
    // Spread over many addresses, as many residents would be: no per-address throttle applies.
    'X-Forwarded-For': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
    Accept: document ? 'text/html' : '*/*',
  }
  const cookie = cookieFor(route.role, random)
  if (cookie) headers.Cookie = cookie

  let body: Buffer
  const encoding = route.multipart ? 1 : random.int(20)
  if (encoding <= 4 || route.multipart) {
    const boundary = `----fuzz${random.int(1e9)}`
    headers['Content-Type'] = `multipart/form-data; boundary=${boundary}`
    body = multipart(entries, boundary)
    description += ' (multipart)'
  } else if (encoding <= 17) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = urlencoded(entries)
  } else {
    const broken = malformedBody(entries, random)
    Object.assign(headers, broken.headers)
    if (broken.headers['Content-Type'] === undefined) delete headers['Content-Type']
    body = broken.body
    description += ` (${broken.label})`
  }
  headers['Content-Length'] = String(body.length)
  return {
    description: `${description} → ${document ? 'document' : 'data'} POST`,
    invalidator,
    method: 'POST',
    path,
    headers,
    body,
  }
}

function flatten(values: Map<string, Value>): Array<[string, string | Buffer | FileValue]> {
  const entries: Array<[string, string | Buffer | FileValue]> = []
  const add = (name: string, value: Value) => {
    if (Array.isArray(value)) value.forEach((item) => add(name, item))
    else entries.push([name, value])
  }
  for (const [name, value] of values) add(name, value)
  return entries
}

const byteEscapes = Array.from({ length: 256 }, (_, byte) => {
  const char = String.fromCharCode(byte)
  return /[A-Za-z0-9*\-._]/.test(char)
    ? char
    : byte === 0x20
      ? '+'
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
})
const encodedLongValues = new Map<string | Buffer, string>()

/** Percent-encodes bytes as a browser does; raw bytes that are not UTF-8 stay as they are (%FF). */
function percentEncode(value: string | Buffer): string {
  const cached = encodedLongValues.get(value)
  if (cached !== undefined) return cached
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value
  const parts = new Array<string>(bytes.length)
  for (let index = 0; index < bytes.length; index++) parts[index] = byteEscapes[bytes[index]!]!
  const encoded = parts.join('')
  if (value.length > 1000) encodedLongValues.set(value, encoded)
  return encoded
}

function urlencoded(entries: Array<[string, string | Buffer | FileValue]>): Buffer {
  return Buffer.from(
    entries
      .map(([name, value]) => `${percentEncode(name)}=${percentEncode(isFile(value) ? value.filename : value)}`)
      .join('&'),
  )
}

function multipart(entries: Array<[string, string | Buffer | FileValue]>, boundary: string): Buffer {
  const parts: Buffer[] = []
  for (const [name, value] of entries) {
    const disposition = isFile(value)
      ? `form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.type}`
      : `form-data; name="${name}"`
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`))
    parts.push(isFile(value) ? value.file : typeof value === 'string' ? Buffer.from(value) : value)
    parts.push(Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(parts)
}

/** Bodies no form sends: wrong or missing content types, broken escapes and multipart. */
function malformedBody(
  entries: Array<[string, string | Buffer | FileValue]>,
  random: Random,
): { label: string; headers: Record<string, string>; body: Buffer } {
  const form = urlencoded(entries)
  const cases: Array<() => { label: string; headers: Record<string, string>; body: Buffer }> = [
    () => ({
      label: 'JSON body',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from('{"intent":"save","a":[1,{"b":null}]}'),
    }),
    () => ({ label: 'text body', headers: { 'Content-Type': 'text/plain' }, body: form }),
    () => ({ label: 'no content type', headers: {}, body: form }),
    () => ({
      label: 'broken escapes',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.concat([form, Buffer.from('&%zz=%&%E4%B8=1&=&&a')]),
    }),
    () => ({
      label: 'raw bytes',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.concat([form, Buffer.from('&raw='), Buffer.from([0xff, 0xfe, 0x00, 0xc3])]),
    }),
    () => ({
      label: 'multipart without boundary',
      headers: { 'Content-Type': 'multipart/form-data' },
      body: multipart(entries, 'b'),
    }),
    () => ({
      label: 'multipart, wrong boundary',
      headers: { 'Content-Type': 'multipart/form-data; boundary=other' },
      body: multipart(entries, 'b'),
    }),
    () => {
      const whole = multipart(entries, 'cut')
      return {
        label: 'multipart cut short',
        headers: { 'Content-Type': 'multipart/form-data; boundary=cut' },
        body: whole.subarray(0, Math.max(1, whole.length >> 1)),
      }
    },
    () => ({
      label: 'multipart with a broken part header',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      body: Buffer.from('--b\r\nContent-Disposition: form-data; name="a\r\n\r\nx\r\n--b--\r\n'),
    }),
    () => ({
      label: 'empty body',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.alloc(0),
    }),
    () => ({
      label: 'charset latin1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=iso-8859-1' },
      body: form,
    }),
  ]
  return random.pick(cases)()
}

const isFile = (value: unknown): value is FileValue => typeof value === 'object' && value !== null && 'file' in value

/** The single-fetch address of a page: what `<Form>` posts to when JavaScript runs. */
function dataAddress(address: string) {
  const [pathname, search] = address.split('?') as [string, string | undefined]
  return `${pathname}.data${search ? `?${search}` : ''}`
}

function cookieFor(role: Role, random: Random): string | undefined {
  if (role === 'anonymous') return undefined
  if (role === 'forged') {
    return random.pick([
      '__Host-linli_session=forged-token',
      '__Host-linli_session=',
      `__Host-linli_session=${'A'.repeat(4000)}`,
      '__Host-linli_session=eyJ0b2tlbiI6ImZvcmdlZCJ9.bad-signature',
      '__Host-linli_session=%FF%FE; linli_session=x',
      'linli_session=not-a-session',
    ])
  }
  return cookies[role]
}

function describeValue(value: Value | null): string {
  if (value === null) return 'missing'
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`
  if (Buffer.isBuffer(value)) return `bytes ${value.toString('hex').slice(0, 24)}`
  if (isFile(value)) return `file ${value.filename} (${value.file.length} bytes)`
  return value.length > 40 ? `${JSON.stringify(value.slice(0, 20))}… (${value.length} chars)` : JSON.stringify(value)
}

function describeBreaker(breaker: Breaker) {
  return Object.entries(breaker)
    .map(([field, value]) => `${field}=${describeValue(value)}`)
    .join(' ')
}

// ────────────────────────────── sending and checking ──────────────────────────────

/**
 * Sends one request on the keep-alive agent. A socket the server closed for idleness
 * just as it was reused fails with ECONNRESET before anything was sent: that request is
 * sent again (as Node's documentation advises), anything else fails the test.
 */
async function send(origin: string, fuzz: FuzzRequest): Promise<{ status: number; excerpt: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(origin, fuzz)
    } catch (error) {
      const reused = (error as { reusedSocket?: boolean }).reusedSocket
      const code = (error as NodeJS.ErrnoException).code
      // A server that refuses (404, 403) before reading a large body closes the connection
      // while it is still being sent, on a fresh socket or a reused one: no answer to read,
      // nothing written (the table checksums say so). Counted as 0.
      if (fuzz.body.length > 65_536 && (code === 'ECONNRESET' || code === 'EPIPE')) {
        return { status: 0, excerpt: `connection closed while sending ${fuzz.body.length} bytes` }
      }
      if (!reused || attempt >= 3 || code !== 'ECONNRESET') throw error
    }
  }
}

function sendOnce(origin: string, fuzz: FuzzRequest): Promise<{ status: number; excerpt: string }> {
  const target = new URL(fuzz.path, origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: fuzz.method,
        headers: fuzz.headers,
      },
      (response) => {
        const chunks: Buffer[] = []
        let length = 0
        response.on('data', (chunk: Buffer) => {
          if (length < 2000) chunks.push(chunk)
          length += chunk.length
        })
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, excerpt: Buffer.concat(chunks).toString('utf8').slice(0, 300) }),
        )
        response.on('error', reject)
      },
    )
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })))
    req.end(fuzz.body)
  })
}

/** What a refusal may look like: never a 5xx, never a success. */
function allowedStatuses(route: RouteFuzz, fuzz: FuzzRequest): number[] {
  if (fuzz.invalidator === 'address') return [0, 400, 403, 404, 409, 413]
  // Redirects for the routes whose refusal is a redirect (202 is a redirect answered to a data request).
  const redirects = route.redirects ? [302, 303, 202] : []
  return [0, 400, 404, 409, 413, ...redirects]
}

/**
 * A checksum of every table, row by row. Left out, because any request may change them:
 * auth_sessions.last_seen_at — every logged-in request refreshes it (at most once a minute).
 * Nothing else is left out: refused logins and sign-ups are refused before the throttle
 * counts them (auth_attempts), and the background jobs are off.
 */
const IGNORED_COLUMNS: Record<string, string[]> = { 'public.auth_sessions': ['last_seen_at'] }

const checksums = () => tableChecksums(connection, IGNORED_COLUMNS)

async function runPool<T>(count: number, concurrency: number, work: (index: number) => Promise<T>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++)
    }),
  )
}

// ─────────────────────────────────── the tests ───────────────────────────────────

describe('every form action, fed generated bad input', () => {
  test('every route with an action in the build has a row in the fuzz table', () => {
    // Placeholder ids: only the table's keys matter here.
    const table = fuzzTable(new Proxy({} as Ids, { get: () => '1' }))
    expect(Object.keys(table).sort()).toEqual(routeIdsWithAction())
    // Index routes are addressed with ?index, or a POST would go to their layout.
    for (const [id, row] of Object.entries(table)) {
      expect(row.address.includes('?index'), id).toBe(builtRoutes()[id]?.index === true)
    }
  })

  const routeIds = routeIdsWithAction().filter(
    (id) => !ONLY_ROUTE || ONLY_ROUTE.split(',').some((part) => id.includes(part)),
  )
  test.for([...routeIds, 'upload'])(
    '%s: no 5xx, only refusals, and no row changed',
    { timeout: 900_000 },
    async (routeId) => {
      const route = routeId === 'upload' ? uploadFuzz(ids) : fuzzTable(ids)[routeId]!
      const random = generator(seedOf(routeId))
      const count = route.forms.length * PER_FORM
      const before = await checksums()
      const statuses: Record<number, number> = {}
      const failures: string[] = []
      const started = performance.now()
      await runPool(count, CONCURRENCY, async (index) => {
        const fuzz = makeRequest(route, random, index, app.origin)
        const { status, excerpt } = await send(app.origin, fuzz)
        statuses[status] = (statuses[status] ?? 0) + 1
        if (!allowedStatuses(route, fuzz).includes(status) && failures.length < 20) {
          failures.push(
            `#${index} ${status} ${fuzz.path.slice(0, 100)} — ${fuzz.description}\n    ${excerpt.slice(0, 200)}`,
          )
        }
      })
      const ms = performance.now() - started
      figures.push({ route: routeId, requests: count, ms, statuses })
      const after = await checksums()
      const changed = changedTables(before, after)
      expect(failures, `unexpected answers (FUZZ_SEED=${SEED} FUZZ_ROUTE=${routeId})`).toEqual([])
      expect(changed, `tables changed by invalid input (FUZZ_SEED=${SEED} FUZZ_ROUTE=${routeId})`).toEqual([])
      expect(count).toBeGreaterThanOrEqual(PER_FORM)
    },
  )

  test('the checksum sees a real change (a valid profile form saves)', async () => {
    const before = await checksums()
    const response = await fetch(`${app.origin}/account?index`, {
      method: 'POST',
      headers: { Origin: app.origin, Cookie: cookies.resident, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'profile', name: '王小梅', birthYear: '1991', preferredLocale: 'zh-CN' }),
      redirect: 'manual',
    })
    expect(response.status).toBe(302)
    const after = await checksums()
    expect(changedTables(before, after)).toEqual(['public.users'])
  })
})
