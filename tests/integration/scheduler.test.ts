import { and, eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { connectDatabase, type DatabaseConnection } from '#db/connect.server.ts'
import {
  announcementCentres,
  announcements,
  auditLog,
  bookings,
  notificationPreferences,
  notifications,
  outbox,
  streets,
} from '#db/schema/index.ts'
import { minutes, queuedConfirmations, recordingTransport, residentWanting } from '#tests/fixtures/delivery.ts'
import { createCentre, createResident, createService, createSlot, insertBooking } from '#tests/fixtures/factories.ts'
import { migratedPglite, migratedPostgres } from '#tests/setup/database.ts'

// The scheduler's jobs with the clock moved by hand: reminders the day before in the
// centre's time zone, scheduled announcements going live, urgent ones telling the
// residents concerned — each exactly once, even with two schedulers at the same moment.
let connection: DatabaseConnection & { url: string }
let second: DatabaseConnection
let scheduler: typeof import('#app/jobs/scheduler.server.ts')
let publishing: typeof import('#app/models/announcement.server.ts')
let worker: typeof import('#app/jobs/outbox-worker.server.ts')

beforeAll(async () => {
  connection = await migratedPostgres()
  second = connectDatabase({ databaseUrl: connection.url, dataDir: 'unused' })
  process.env.DATABASE_URL = connection.url
  process.env.LOG_LEVEL = 'silent'
  scheduler = await import('#app/jobs/scheduler.server.ts')
  publishing = await import('#app/models/announcement.server.ts')
  worker = await import('#app/jobs/outbox-worker.server.ts')
})
afterAll(async () => {
  await (await import('#db/client.server.ts')).closeDatabase()
  await second?.close()
  await connection?.close()
})

/** Asia/Shanghai wall-clock time as an instant (UTC+8, no daylight saving). */
const shanghai = (isoLocal: string) => new Date(`${isoLocal}+08:00`)

/** Both schedulers run `rounds` times at the same moment, on separate connections. */
async function twoSchedulers(now: Date, rounds = 3) {
  for (let round = 0; round < rounds; round++) {
    await Promise.all([
      scheduler.runScheduledJobs({ now }, connection.db),
      scheduler.runScheduledJobs({ now }, second.db),
    ])
  }
}

async function remindersFor(bookingIds: number[]) {
  return connection.db
    .select({ bookingId: notifications.bookingId, userId: notifications.userId, params: notifications.params })
    .from(notifications)
    .where(and(eq(notifications.kind, 'booking_reminder'), inArray(notifications.bookingId, bookingIds)))
}

describe('reminders the day before', () => {
  test('each confirmed booking of tomorrow (in the centre’s zone) gets one reminder, however many schedulers run', async () => {
    const centre = await createCentre(connection.db)
    const service = await createService(connection.db, { centreId: centre.id })
    const slotAt = async (local: string, capacity = 5) =>
      createSlot(connection.db, { serviceId: service.id, capacity, startsAt: shanghai(local) })
    const tomorrowMorning = await slotAt('2026-12-02T09:00:00', 20)
    const tomorrowLate = await slotAt('2026-12-02T23:30:00')
    // 16:30 UTC on 2 December: "tomorrow" in UTC, but the 3rd in Shanghai.
    const dayAfter = await slotAt('2026-12-03T00:30:00')
    const today = await slotAt('2026-12-01T19:00:00')

    const due: number[] = []
    const withSms: number[] = []
    for (let index = 0; index < 19; index++) {
      const resident =
        index % 2 === 0
          ? await residentWanting(connection.db, { channels: ['sms'], kinds: ['booking_reminder'] })
          : await createResident(connection.db)
      const booking = await insertBooking(connection.db, { slotId: tomorrowMorning.id, userId: resident.id })
      due.push(booking.id)
      if (index % 2 === 0) withSms.push(booking.id)
    }
    // Turned reminders off on the website but wants them by SMS.
    const smsOnly = await residentWanting(connection.db, { channels: ['sms'], kinds: ['booking_reminder'] })
    await connection.db
      .insert(notificationPreferences)
      .values({ userId: smsOnly.id, kind: 'booking_reminder', channel: 'in_app', enabled: false })
    const smsOnlyBooking = await insertBooking(connection.db, { slotId: tomorrowMorning.id, userId: smsOnly.id })
    withSms.push(smsOnlyBooking.id)
    due.push(
      (
        await insertBooking(connection.db, {
          slotId: tomorrowLate.id,
          userId: (await createResident(connection.db)).id,
        })
      ).id,
    )
    const notDue = [
      // The slot is full: this one waits for a place.
      await insertBooking(connection.db, {
        slotId: tomorrowMorning.id,
        userId: (await createResident(connection.db)).id,
        status: 'waitlisted',
      }),
      await insertBooking(connection.db, { slotId: dayAfter.id, userId: (await createResident(connection.db)).id }),
      await insertBooking(connection.db, { slotId: today.id, userId: (await createResident(connection.db)).id }),
    ].map((booking) => booking.id)
    const cancelled = await insertBooking(connection.db, {
      slotId: tomorrowLate.id,
      userId: (await createResident(connection.db)).id,
    })
    await connection.db
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where(eq(bookings.id, cancelled.id))
    notDue.push(cancelled.id)

    // Not before 09:00 in Shanghai, and not from 21:00.
    await twoSchedulers(shanghai('2026-12-01T08:59:00'), 1)
    await twoSchedulers(shanghai('2026-12-01T21:00:00'), 1)
    expect(await remindersFor([...due, ...notDue])).toEqual([])

    await twoSchedulers(shanghai('2026-12-01T10:00:00'))
    const written = await remindersFor([...due, ...notDue, smsOnlyBooking.id])
    expect(written.map((row) => row.bookingId).sort()).toEqual([...due].sort())
    expect(written[0]!.params).toMatchObject({ reference: expect.stringMatching(/^T/), attendee: '测试居民' })

    // An SMS for those who asked for one, once each — also for the one without a website notice.
    const smsKeys = (bookingIds: number[]) => bookingIds.map((id) => `booking_reminder:${id}:sms`)
    const queued = await connection.db
      .select({ dedupeKey: outbox.dedupeKey, notificationId: outbox.notificationId })
      .from(outbox)
      .where(eq(outbox.template, 'booking_reminder'))
    const mine = queued.filter((row) => smsKeys([...due, ...notDue, smsOnlyBooking.id]).includes(row.dedupeKey!))
    expect(mine.map((row) => row.dedupeKey).sort()).toEqual(smsKeys(withSms).sort())
    expect(mine.find((row) => row.dedupeKey === `booking_reminder:${smsOnlyBooking.id}:sms`)?.notificationId).toBeNull()

    // Later in the day, nothing more.
    await twoSchedulers(shanghai('2026-12-01T18:00:00'), 1)
    expect(await remindersFor(due)).toHaveLength(due.length)
    const again = await connection.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.template, 'booking_reminder'))
    expect(again).toHaveLength(queued.length)

    // The SMS says what and when, in the resident's language, with or without a website notice.
    const { transports, delivered } = recordingTransport()
    for (;;) {
      const report = await worker.deliverDueMessages(
        { now: shanghai('2026-12-01T18:01:00'), transports, maxAttempts: 3 },
        connection.db,
      )
      if (report.claimed === 0) break
    }
    const reminders = delivered.filter((message) => message.template === 'booking_reminder')
    expect(reminders).toHaveLength(withSms.length)
    for (const message of reminders) {
      expect(message.text).toMatch(
        /^【邻里】提醒：测试居民明天在测试邻里中心参加「瑜伽」（12月2日.* 09:00–10:00），编号T[0-9A-F]{10}。/,
      )
    }
  })

  test('the database itself refuses a second reminder for a booking', async () => {
    const centre = await createCentre(connection.db)
    const service = await createService(connection.db, { centreId: centre.id })
    const slot = await createSlot(connection.db, { serviceId: service.id, startsAt: shanghai('2026-12-02T09:00:00') })
    const resident = await createResident(connection.db)
    const booking = await insertBooking(connection.db, { slotId: slot.id, userId: resident.id })
    const reminder = { userId: resident.id, kind: 'booking_reminder' as const, bookingId: booking.id, params: {} }
    await connection.db.insert(notifications).values(reminder)
    await expect(connection.db.insert(notifications).values(reminder)).rejects.toMatchObject({
      cause: { constraint_name: 'notifications_booking_reminder_key' },
    })
  })
})

describe('scheduled announcements', () => {
  async function streetOf(centre: { streetId: number }) {
    const [street] = await connection.db
      .select({ districtId: streets.districtId })
      .from(streets)
      .where(eq(streets.id, centre.streetId))
    return { streetId: centre.streetId, districtId: street!.districtId }
  }

  async function scheduled(
    place: { streetId: number; districtId: number },
    {
      publishAt,
      category = 'notice',
      status = 'scheduled',
      centreIds = [],
    }: {
      publishAt: Date
      category?: 'notice' | 'urgent'
      status?: 'scheduled' | 'draft'
      centreIds?: number[]
    },
  ) {
    const [announcement] = await connection.db
      .insert(announcements)
      .values({ ...place, category, status, publishAt, titleZh: '测试公告', titleEn: 'Test notice', bodyZh: '正文' })
      .returning({ id: announcements.id })
    for (const centreId of centreIds) {
      await connection.db.insert(announcementCentres).values({ announcementId: announcement!.id, centreId })
    }
    return announcement!.id
  }

  async function stateOf(id: number) {
    const [row] = await connection.db
      .select({ status: announcements.status, publishedAt: announcements.publishedAt })
      .from(announcements)
      .where(eq(announcements.id, id))
    return row!
  }

  test('go live at their time, without anyone clicking, and drafts stay drafts', async () => {
    const place = await streetOf(await createCentre(connection.db))
    const monday = shanghai('2026-12-07T08:00:00')
    const id = await scheduled(place, { publishAt: monday })
    const draft = await scheduled(place, { publishAt: monday, status: 'draft' })

    await twoSchedulers(minutes(monday, -1), 1)
    expect(await stateOf(id)).toEqual({ status: 'scheduled', publishedAt: null })

    const ranAt = new Date(monday.getTime() + 20_000)
    const report = await scheduler.runScheduledJobs({ now: ranAt }, connection.db)
    expect(report.published).toContainEqual({ id, notified: 0 })
    expect(await stateOf(id)).toEqual({ status: 'published', publishedAt: ranAt })
    expect(await stateOf(draft)).toEqual({ status: 'draft', publishedAt: null })
    const audit = await connection.db
      .select({ action: auditLog.action, actorUserId: auditLog.actorUserId, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'announcement'), eq(auditLog.entityId, id)))
    expect(audit).toEqual([
      { action: 'announcement.publish', actorUserId: null, details: { scheduled: true, notified: 0 } },
    ])
  })

  test('two schedulers at once publish each announcement once', async () => {
    const place = await streetOf(await createCentre(connection.db))
    const at = shanghai('2026-12-08T08:00:00')
    const ids: number[] = []
    for (let index = 0; index < 30; index++) ids.push(await scheduled(place, { publishAt: minutes(at, -index) }))
    const [first, other] = await Promise.all([
      publishing.publishDueAnnouncements({ now: at, database: connection.db }),
      publishing.publishDueAnnouncements({ now: at, database: second.db }),
    ])
    const mine = (list: { id: number }[]) => list.map(({ id }) => id).filter((id) => ids.includes(id))
    expect([...mine(first), ...mine(other)].sort()).toEqual([...ids].sort())
    expect(mine(first).filter((id) => mine(other).includes(id))).toEqual([])
  })

  test('an urgent one tells each resident with an upcoming booking at the centres concerned, once', async () => {
    const centre = await createCentre(connection.db)
    const place = await streetOf(centre)
    // A second centre in the same street.
    const otherCentre = await createCentreInStreet(place.streetId)
    const service = await createService(connection.db, { centreId: centre.id })
    const otherService = await createService(connection.db, { centreId: otherCentre })
    const publishAt = shanghai('2026-12-09T08:00:00')
    const upcoming = await createSlot(connection.db, {
      serviceId: service.id,
      capacity: 1,
      startsAt: shanghai('2026-12-10T09:00:00'),
    })
    const later = await createSlot(connection.db, { serviceId: service.id, startsAt: shanghai('2026-12-11T09:00:00') })
    const past = await createSlot(connection.db, { serviceId: service.id, startsAt: shanghai('2026-12-08T09:00:00') })
    const elsewhere = await createSlot(connection.db, {
      serviceId: otherService.id,
      startsAt: shanghai('2026-12-10T09:00:00'),
    })

    const twoBookings = await residentWanting(connection.db, { channels: ['email'], kinds: ['urgent_announcement'] })
    await insertBooking(connection.db, { slotId: upcoming.id, userId: twoBookings.id })
    await insertBooking(connection.db, { slotId: later.id, userId: twoBookings.id })
    const waiting = await createResident(connection.db)
    await insertBooking(connection.db, { slotId: upcoming.id, userId: waiting.id, status: 'waitlisted' })
    const atOtherCentre = await createResident(connection.db)
    await insertBooking(connection.db, { slotId: elsewhere.id, userId: atOtherCentre.id })
    const onlyPast = await createResident(connection.db)
    await insertBooking(connection.db, { slotId: past.id, userId: onlyPast.id })
    // Turned urgent notices off on the website, but wants them by email.
    const emailOnly = await residentWanting(connection.db, { channels: ['email'], kinds: ['urgent_announcement'] })
    await connection.db
      .insert(notificationPreferences)
      .values({ userId: emailOnly.id, kind: 'urgent_announcement', channel: 'in_app', enabled: false })
    await insertBooking(connection.db, { slotId: later.id, userId: emailOnly.id })

    const forCentre = await scheduled(place, { publishAt, category: 'urgent', centreIds: [centre.id] })
    await twoSchedulers(publishAt)
    const told = async (announcementId: number) =>
      (
        await connection.db
          .select({ userId: notifications.userId })
          .from(notifications)
          .where(and(eq(notifications.kind, 'urgent_announcement'), eq(notifications.announcementId, announcementId)))
      )
        .map((row) => row.userId)
        .sort()
    expect(await told(forCentre)).toEqual([twoBookings.id, waiting.id].sort())
    const emails = await connection.db
      .select({ userId: outbox.userId, channel: outbox.channel, notificationId: outbox.notificationId })
      .from(outbox)
      .where(sql`${outbox.dedupeKey} like ${`urgent_announcement:${forCentre}:%`}`)
    expect(emails.sort((a, b) => a.userId! - b.userId!)).toEqual([
      { userId: twoBookings.id, channel: 'email', notificationId: expect.any(Number) },
      { userId: emailOnly.id, channel: 'email', notificationId: null },
    ])

    // Aimed at the whole street: the other centre's residents too. Calling again adds nothing.
    const forStreet = await scheduled(place, { publishAt, category: 'urgent' })
    await twoSchedulers(minutes(publishAt, 1))
    await connection.db.transaction((tx) =>
      publishing.notifyUrgentAnnouncement(tx, { announcementId: forStreet, now: minutes(publishAt, 2) }),
    )
    expect(await told(forStreet)).toEqual([twoBookings.id, waiting.id, atOtherCentre.id].sort())

    // The email goes out in the resident's language, with the title.
    const { transports, delivered } = recordingTransport()
    // Everything due, including what earlier tests queued.
    for (;;) {
      const report = await worker.deliverDueMessages(
        { now: minutes(publishAt, 3), transports, maxAttempts: 3 },
        connection.db,
      )
      if (report.claimed === 0) break
    }
    const sent = delivered.filter((message) => message.template === 'urgent_announcement')
    // Two for the centre's notice, two for the street's.
    expect(sent).toHaveLength(4)
    expect(sent[0]).toMatchObject({ subject: '紧急公告：测试公告', channel: 'email' })
  })

  async function createCentreInStreet(streetId: number) {
    const other = await createCentre(connection.db)
    await connection.db.execute(sql`update centres set street_id = ${streetId} where id = ${other.id}`)
    return other.id
  }
})

describe('on the embedded PGlite', () => {
  let embedded: DatabaseConnection
  beforeAll(async () => {
    embedded = await migratedPglite()
  })
  afterAll(async () => {
    await embedded?.close()
  })

  test('the worker and the scheduler run on the single-connection default too', async () => {
    const now = shanghai('2026-12-01T10:00:00')
    const ids = await queuedConfirmations(embedded.db, { count: 3, now })
    const { transports, delivered } = recordingTransport()
    expect(await worker.deliverDueMessages({ now, transports, maxAttempts: 3 }, embedded.db)).toMatchObject({
      claimed: 3,
      sent: 3,
    })
    expect(delivered.map((message) => message.outboxId).sort()).toEqual(ids)

    const centre = await createCentre(embedded.db)
    const service = await createService(embedded.db, { centreId: centre.id })
    const slot = await createSlot(embedded.db, { serviceId: service.id, startsAt: shanghai('2026-12-02T09:00:00') })
    const resident = await createResident(embedded.db)
    const booking = await insertBooking(embedded.db, { slotId: slot.id, userId: resident.id })
    const [street] = await embedded.db
      .select({ districtId: streets.districtId })
      .from(streets)
      .where(eq(streets.id, centre.streetId))
    const [announcement] = await embedded.db
      .insert(announcements)
      .values({
        districtId: street!.districtId,
        streetId: centre.streetId,
        category: 'urgent',
        status: 'scheduled',
        publishAt: now,
        titleZh: '停水通知',
        bodyZh: '正文',
      })
      .returning({ id: announcements.id })

    for (let round = 0; round < 2; round++) {
      await scheduler.runScheduledJobs({ now }, embedded.db)
    }
    const written = await embedded.db
      .select({
        kind: notifications.kind,
        bookingId: notifications.bookingId,
        announcementId: notifications.announcementId,
      })
      .from(notifications)
      .where(eq(notifications.userId, resident.id))
    expect(written).toEqual(
      expect.arrayContaining([
        { kind: 'booking_reminder', bookingId: booking.id, announcementId: null },
        { kind: 'urgent_announcement', bookingId: null, announcementId: announcement!.id },
      ]),
    )
    expect(written).toHaveLength(2)
  })
})
