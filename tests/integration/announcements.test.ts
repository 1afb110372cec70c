import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseConnection } from '#db/connect.server.ts'
import {
  auditLog,
  bookings,
  centres,
  districts,
  notificationPreferences,
  notifications,
  outbox,
  roleGrants,
  streets,
} from '#db/schema/index.ts'
import { createCentre, createResident, createService, createSlot, insertBooking } from '#tests/fixtures/factories.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

// Announcements through the app's own model, against real Postgres: scheduling and
// publishing, who an urgent one notifies, scope rules, ordering, expiry and read receipts.
let connection: DatabaseConnection & { url: string }
let model: typeof import('#app/models/announcement.server.ts')

const HOUR = 3_600_000
const DAY = 24 * HOUR
const T0 = new Date(Date.now() + 2 * DAY)

interface World {
  street: number
  centreA: number
  centreB: number
  otherStreet: number
  staff: number
  managed: { district: boolean; streetIds: number[] }
}

let world: World

async function bookAt(centreId: number, startsAt: Date, status: 'confirmed' | 'waitlisted' = 'confirmed') {
  const resident = await createResident(connection.db)
  const service = await createService(connection.db, { centreId })
  const slot = await createSlot(connection.db, { serviceId: service.id, startsAt })
  await insertBooking(connection.db, { slotId: slot.id, userId: resident.id, status })
  return resident.id
}

const input = (overrides: Partial<import('#app/models/announcement.server.ts').AnnouncementInput> = {}) => ({
  streetId: world.street,
  centreIds: [] as number[],
  category: 'notice' as const,
  titleZh: '测试公告',
  titleEn: null,
  bodyZh: '正文',
  bodyEn: null,
  publishAt: null,
  expiresAt: null,
  pinnedUntil: null,
  ...overrides,
})

beforeAll(async () => {
  connection = await migratedPostgres()
  process.env.DATABASE_URL = connection.url
  model = await import('#app/models/announcement.server.ts')
  const a = await createCentre(connection.db)
  const [b] = await connection.db
    .insert(centres)
    .values({
      streetId: a.streetId,
      slug: `b-${a.id}`,
      nameZh: '第二中心',
      nameEn: 'Second Centre',
      addressZh: '测试路 2 号',
      addressEn: '2 Test Road',
      latitude: 30.25,
      longitude: 120.16,
      phone: '0571-88880001',
    })
    .returning({ id: centres.id })
  const other = await createCentre(connection.db)
  const staff = await createResident(connection.db)
  await connection.db.insert(roleGrants).values({ userId: staff.id, role: 'street_staff', streetId: a.streetId })
  world = {
    street: a.streetId,
    centreA: a.id,
    centreB: b!.id,
    otherStreet: other.streetId,
    staff: staff.id,
    managed: { district: false, streetIds: [a.streetId] },
  }
})
afterAll(async () => {
  await (await import('#db/client.server.ts')).closeDatabase()
  await connection?.close()
})

describe('scheduling and publishing', () => {
  test('a scheduled urgent notice goes out at its time and tells the residents booked at its centre', async () => {
    const publishAt = new Date(T0.getTime() + HOUR)
    const bookedAtA = await bookAt(world.centreA, new Date(T0.getTime() + DAY))
    const waitingAtA = await bookAt(world.centreA, new Date(T0.getTime() + DAY), 'waitlisted')
    const bookedAtB = await bookAt(world.centreB, new Date(T0.getTime() + DAY))
    const pastAtA = await bookAt(world.centreA, new Date(T0.getTime() - HOUR))
    const cancelledAtA = await bookAt(world.centreA, new Date(T0.getTime() + DAY))
    await connection.db
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: T0 })
      .where(eq(bookings.bookedByUserId, cancelledAtA))
    // One resident wants urgent notices by text message only, not on the website.
    const textOnly = await bookAt(world.centreA, new Date(T0.getTime() + DAY))
    await connection.db.insert(notificationPreferences).values([
      { userId: textOnly, kind: 'urgent_announcement', channel: 'in_app', enabled: false },
      { userId: textOnly, kind: 'urgent_announcement', channel: 'sms', enabled: true },
    ])

    const saved = await model.saveAnnouncement({
      input: input({ category: 'urgent', centreIds: [world.centreA], publishAt, titleZh: '停水通知' }),
      intent: 'schedule',
      managed: world.managed,
      actorUserId: world.staff,
      now: T0,
    })
    expect(saved).toMatchObject({ ok: true, status: 'scheduled', notified: 0 })
    const id = (saved as { id: number }).id
    const centreA = { id: world.centreA, streetId: world.street }
    expect(await model.listCurrentAnnouncements({ lang: 'zh-CN', now: publishAt, centre: centreA })).not.toContainEqual(
      expect.objectContaining({ id }),
    )

    expect(await model.publishDueAnnouncements({ now: new Date(publishAt.getTime() - 1) })).toEqual([])
    // Two schedulers at once: it goes out once.
    const runs = await Promise.all([
      model.publishDueAnnouncements({ now: publishAt }),
      model.publishDueAnnouncements({ now: publishAt }),
    ])
    expect(runs.flat().filter((run) => run.id === id)).toEqual([{ id, notified: 3 }])

    const told = await connection.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.announcementId, id))
    expect(told.map((row) => row.userId).sort()).toEqual([bookedAtA, waitingAtA].sort())
    expect(told.map((row) => row.userId)).not.toContain(bookedAtB)
    expect(told.map((row) => row.userId)).not.toContain(pastAtA)
    const texts = await connection.db
      .select({ userId: outbox.userId, channel: outbox.channel })
      .from(outbox)
      .where(eq(outbox.template, 'urgent_announcement'))
    expect(texts).toEqual([{ userId: textOnly, channel: 'sms' }])

    const later = new Date(publishAt.getTime() + 1)
    expect(await model.listCurrentAnnouncements({ lang: 'zh-CN', now: later, centre: centreA })).toContainEqual(
      expect.objectContaining({ id, title: '停水通知' }),
    )
    expect(
      await model.listCurrentAnnouncements({
        lang: 'zh-CN',
        now: later,
        centre: { id: world.centreB, streetId: world.street },
      }),
    ).not.toContainEqual(expect.objectContaining({ id }))
    // The street's list shows what is aimed at any of its centres.
    expect(await model.listCurrentAnnouncements({ lang: 'zh-CN', now: later, streetId: world.street })).toContainEqual(
      expect.objectContaining({ id }),
    )
    expect(
      await model.listCurrentAnnouncements({ lang: 'zh-CN', now: later, streetId: world.otherStreet }),
    ).not.toContainEqual(expect.objectContaining({ id }))

    const audit = await connection.db
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'announcement'), eq(auditLog.entityId, id)))
    expect(audit).toEqual([
      { action: 'announcement.create', actor: world.staff },
      { action: 'announcement.publish', actor: null },
    ])
  })

  test('publishing now from a draft, then editing, marks it as updated and keeps it published', async () => {
    const draft = await model.saveAnnouncement({
      input: input(),
      intent: 'save',
      managed: world.managed,
      actorUserId: world.staff,
      now: T0,
    })
    expect(draft).toMatchObject({ ok: true, status: 'draft' })
    const id = (draft as { id: number }).id
    const published = await model.saveAnnouncement({
      id,
      input: input(),
      intent: 'publish',
      managed: world.managed,
      actorUserId: world.staff,
      now: T0,
    })
    expect(published).toMatchObject({ ok: true, status: 'published' })
    const edited = await model.saveAnnouncement({
      id,
      input: input({ bodyZh: '改过的正文' }),
      intent: 'save',
      managed: world.managed,
      actorUserId: world.staff,
      now: new Date(T0.getTime() + HOUR),
    })
    expect(edited).toMatchObject({ ok: true, status: 'published' })
    const page = await model.getPublishedAnnouncement({ id, lang: 'zh-CN', now: new Date(T0.getTime() + 2 * HOUR) })
    expect(page).toMatchObject({ body: '改过的正文', expired: false })
    expect(page?.editedAt?.getTime()).toBe(T0.getTime() + HOUR)
    // Publishing twice is refused rather than repeated.
    const again = await model.saveAnnouncement({
      id,
      input: input(),
      intent: 'publish',
      managed: world.managed,
      actorUserId: world.staff,
      now: T0,
    })
    expect(again).toEqual({ ok: false, error: { field: null, code: 'announcements:form.notEditable' } })
  })
})

describe('district-wide', () => {
  test("an admin's urgent notice for the whole district tells residents booked at any of its centres", async () => {
    const elsewhere = await createCentre(connection.db)
    const [street] = await connection.db
      .select({ districtId: streets.districtId })
      .from(streets)
      .where(eq(streets.id, elsewhere.streetId))
    // The notice goes to the first district; a resident of that district's centre, and one of another.
    const [first] = await connection.db.select({ id: districts.id }).from(districts).orderBy(districts.id).limit(1)
    const [firstCentre] = await connection.db
      .select({ id: centres.id })
      .from(centres)
      .innerJoin(streets, eq(streets.id, centres.streetId))
      .where(eq(streets.districtId, first!.id))
      .limit(1)
    expect(street!.districtId).not.toBe(first!.id)
    const inDistrict = await bookAt(firstCentre!.id, new Date(T0.getTime() + DAY))
    const otherDistrict = await bookAt(elsewhere.id, new Date(T0.getTime() + DAY))
    const result = await model.saveAnnouncement({
      input: input({ streetId: null, category: 'urgent', titleZh: '全区紧急通知' }),
      intent: 'publish',
      managed: { district: true, streetIds: [] },
      actorUserId: world.staff,
      now: T0,
    })
    expect(result).toMatchObject({ ok: true, status: 'published' })
    const told = await connection.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.announcementId, (result as { id: number }).id))
    expect(told.map((row) => row.userId)).toContain(inDistrict)
    expect(told.map((row) => row.userId)).not.toContain(otherDistrict)
  })
})

describe('scope', () => {
  test('street staff write only for their street and its centres', async () => {
    const save = (overrides: Parameters<typeof input>[0]) =>
      model.saveAnnouncement({
        input: input(overrides),
        intent: 'save',
        managed: world.managed,
        actorUserId: world.staff,
        now: T0,
      })
    expect(await save({ streetId: null })).toEqual({
      ok: false,
      error: { field: 'streetId', code: 'announcements:form.scopeNotAllowed' },
    })
    expect(await save({ streetId: world.otherStreet })).toMatchObject({ ok: false, error: { field: 'streetId' } })
    const otherCentre = await connection.db
      .select({ id: centres.id })
      .from(centres)
      .where(eq(centres.streetId, world.otherStreet))
    expect(await save({ centreIds: [otherCentre[0]!.id] })).toEqual({
      ok: false,
      error: { field: 'centreIds', code: 'announcements:form.centreNotInStreet' },
    })
    expect(await save({ centreIds: [world.centreA, world.centreB] })).toMatchObject({ ok: true })
  })

  test('times are checked: a schedule in the future, an end after the start', async () => {
    const schedule = (overrides: Parameters<typeof input>[0]) =>
      model.saveAnnouncement({
        input: input(overrides),
        intent: 'schedule',
        managed: world.managed,
        actorUserId: world.staff,
        now: T0,
      })
    expect(await schedule({})).toMatchObject({ error: { code: 'announcements:form.publishAtRequired' } })
    expect(await schedule({ publishAt: new Date(T0.getTime() - 1) })).toMatchObject({
      error: { code: 'announcements:form.publishAtPast' },
    })
    expect(
      await schedule({ publishAt: new Date(T0.getTime() + DAY), expiresAt: new Date(T0.getTime() + HOUR) }),
    ).toMatchObject({ error: { field: 'expiresAt', code: 'announcements:form.expiresBeforePublish' } })
  })
})

describe('reading', () => {
  test('pinned first, then urgent, then newest; expired ones leave the list but keep their page', async () => {
    const { id: streetId } = { id: (await createCentre(connection.db)).streetId }
    const admin = { district: true, streetIds: [] }
    const publish = async (overrides: Parameters<typeof input>[0], at: Date) => {
      const result = await model.saveAnnouncement({
        input: input({ streetId, ...overrides }),
        intent: 'publish',
        managed: admin,
        actorUserId: world.staff,
        now: at,
      })
      return (result as { id: number }).id
    }
    const old = await publish({ titleZh: '旧' }, T0)
    const pinned = await publish(
      { titleZh: '置顶', pinnedUntil: new Date(T0.getTime() + DAY) },
      new Date(T0.getTime() + 1000),
    )
    const urgent = await publish({ titleZh: '紧急', category: 'urgent' }, new Date(T0.getTime() + 2000))
    const newest = await publish(
      { titleZh: '新', expiresAt: new Date(T0.getTime() + 2 * DAY) },
      new Date(T0.getTime() + 3000),
    )
    const order = async (now: Date) =>
      (await model.listCurrentAnnouncements({ lang: 'zh-CN', now, streetId, limit: 50 }))
        .map((row) => row.id)
        .filter((id) => [old, pinned, urgent, newest].includes(id))
    expect(await order(new Date(T0.getTime() + HOUR))).toEqual([pinned, urgent, newest, old])
    // The pin lapses, then the newest expires.
    expect(await order(new Date(T0.getTime() + DAY + HOUR))).toEqual([urgent, newest, pinned, old])
    expect(await order(new Date(T0.getTime() + 3 * DAY))).toEqual([urgent, pinned, old])
    expect(
      await model.getPublishedAnnouncement({ id: newest, lang: 'zh-CN', now: new Date(T0.getTime() + 3 * DAY) }),
    ).toMatchObject({ id: newest, expired: true })
  })

  test('a resident reading counts once, and reading it marks their notification read; staff are not counted', async () => {
    const resident = await bookAt(world.centreA, new Date(T0.getTime() + DAY))
    const result = await model.saveAnnouncement({
      input: input({ category: 'urgent' }),
      intent: 'publish',
      managed: world.managed,
      actorUserId: world.staff,
      now: T0,
    })
    const id = (result as { id: number }).id
    await model.recordAnnouncementRead({ announcementId: id, userId: resident, now: T0 })
    await model.recordAnnouncementRead({ announcementId: id, userId: resident, now: T0 })
    await model.recordAnnouncementRead({ announcementId: id, userId: world.staff, now: T0 })
    const figures = await model.getAnnouncementForEditing({ id })
    expect(figures?.reads).toBe(1)
    expect(figures?.notified).toBeGreaterThanOrEqual(1)
    const [notice] = await connection.db
      .select({ readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.announcementId, id), eq(notifications.userId, resident)))
    expect(notice?.readAt).toEqual(T0)
  })
})
