import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import type { AnnouncementCategory, AnnouncementStatus, Channel } from '#app/domain/enums.ts'
import { newStorageKey, type ImageType } from '#app/domain/image-type.ts'
import { db, type Queryable, type Transaction } from '#db/client.server.ts'
import {
  announcementCentres,
  announcementImages,
  announcementReads,
  announcements,
  bookings,
  centres,
  districts,
  notificationPreferences,
  notifications,
  outbox,
  roleGrants,
  services,
  slots,
  streets,
} from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { inLanguage, inLanguageOrChinese, languageOf } from './language.server.ts'

function announcementColumns(lang: Language) {
  return {
    id: announcements.id,
    category: announcements.category,
    title: inLanguageOrChinese(lang, announcements.titleZh, announcements.titleEn),
    contentLang: languageOf(lang, announcements.titleEn),
    publishedAt: announcements.publishedAt,
    expiresAt: announcements.expiresAt,
    pinnedUntil: announcements.pinnedUntil,
    editedAt: announcements.editedAt,
    streetName: sql<string | null>`${lang === 'en' ? streets.nameEn : streets.nameZh}`,
  }
}

/** Published and not yet expired. */
function isCurrent(now: Date) {
  return and(
    eq(announcements.status, 'published'),
    lte(announcements.publishedAt, now),
    or(isNull(announcements.expiresAt), gt(announcements.expiresAt, now)),
  )
}

const hasNoCentres = sql`not exists (select 1 from ${announcementCentres} where ${announcementCentres.announcementId} = ${announcements.id})`

/** What readers of one centre see: the district's, its street's whole-street notices, and those aimed at it. */
function aimedAtCentre(centre: { id: number; streetId: number }) {
  return or(
    isNull(announcements.streetId),
    and(eq(announcements.streetId, centre.streetId), hasNoCentres),
    sql`exists (select 1 from ${announcementCentres} where ${announcementCentres.announcementId} = ${announcements.id} and ${announcementCentres.centreId} = ${centre.id})`,
  )
}

/** What readers of a street see: the district's and everything of that street, for any of its centres. */
function aimedAtStreet(streetId: number) {
  return or(isNull(announcements.streetId), eq(announcements.streetId, streetId))
}

/**
 * Announcements a reader should see now: pinned first, then urgent, then newest. For a
 * centre: the district's, its street's whole-street notices, and those aimed at it.
 */
export async function listCurrentAnnouncements({
  lang,
  now,
  centre,
  streetId,
  category,
  limit = 5,
  offset = 0,
}: {
  lang: Language
  now: Date
  centre?: { id: number; streetId: number }
  streetId?: number
  category?: AnnouncementCategory
  limit?: number
  offset?: number
}) {
  const pinned = sql`coalesce(${gt(announcements.pinnedUntil, now)}, false)`
  return db
    .select(announcementColumns(lang))
    .from(announcements)
    .leftJoin(streets, eq(streets.id, announcements.streetId))
    .where(currentFor({ now, centre, streetId, category }))
    .orderBy(
      desc(pinned),
      desc(sql`${announcements.category} = 'urgent'`),
      desc(announcements.publishedAt),
      desc(announcements.id),
    )
    .limit(limit)
    .offset(offset)
}

function currentFor({
  now,
  centre,
  streetId,
  category,
}: {
  now: Date
  centre?: { id: number; streetId: number }
  streetId?: number
  category?: AnnouncementCategory
}) {
  return and(
    isCurrent(now),
    centre ? aimedAtCentre(centre) : undefined,
    streetId !== undefined ? aimedAtStreet(streetId) : undefined,
    category ? eq(announcements.category, category) : undefined,
  )
}

/** Current announcements of a centre or street with their text, newest first, for a feed. */
export async function listAnnouncementsForFeed({
  lang,
  now,
  centre,
  streetId,
  limit = 50,
}: {
  lang: Language
  now: Date
  centre?: { id: number; streetId: number }
  streetId?: number
  limit?: number
}) {
  return db
    .select({
      ...announcementColumns(lang),
      body: inLanguageOrChinese(lang, announcements.bodyZh, announcements.bodyEn),
      bodyLang: languageOf(lang, announcements.bodyEn),
    })
    .from(announcements)
    .leftJoin(streets, eq(streets.id, announcements.streetId))
    .where(currentFor({ now, centre, streetId }))
    .orderBy(desc(announcements.publishedAt), desc(announcements.id))
    .limit(limit)
}

/**
 * One announcement as readers see it. Expired and archived ones keep their address and
 * say so; drafts and scheduled ones are not there yet.
 */
export async function getPublishedAnnouncement({ id, lang, now }: { id: number; lang: Language; now: Date }) {
  const [announcement] = await db
    .select({
      ...announcementColumns(lang),
      status: announcements.status,
      streetId: announcements.streetId,
      streetSlug: streets.slug,
      body: inLanguageOrChinese(lang, announcements.bodyZh, announcements.bodyEn),
      bodyLang: languageOf(lang, announcements.bodyEn),
    })
    .from(announcements)
    .leftJoin(streets, eq(streets.id, announcements.streetId))
    .where(
      and(
        eq(announcements.id, id),
        inArray(announcements.status, ['published', 'archived']),
        lte(announcements.publishedAt, now),
      ),
    )
    .limit(1)
  if (!announcement) return null
  const aimedAt = await db
    .select({ slug: centres.slug, name: inLanguage(lang, centres.nameZh, centres.nameEn) })
    .from(announcementCentres)
    .innerJoin(centres, eq(centres.id, announcementCentres.centreId))
    .where(eq(announcementCentres.announcementId, id))
    .orderBy(asc(centres.id))
  return {
    ...announcement,
    centres: aimedAt,
    expired: announcement.status === 'archived' || (announcement.expiresAt !== null && announcement.expiresAt <= now),
  }
}

/**
 * A logged-in resident has read an announcement: one receipt per person (staff reading
 * their own street's notices are not counted), and their notification about it is read.
 */
export async function recordAnnouncementRead({
  announcementId,
  userId,
  now,
}: {
  announcementId: number
  userId: number
  now: Date
}) {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into ${announcementReads} (announcement_id, user_id, read_at)
        select ${announcementId}, ${userId}, ${now.toISOString()}::timestamptz
        where not exists (select 1 from ${roleGrants} where ${roleGrants.userId} = ${userId})
        on conflict do nothing`,
    )
    await tx
      .update(notifications)
      .set({ readAt: now })
      .where(
        and(
          eq(notifications.userId, userId),
          eq(notifications.announcementId, announcementId),
          isNull(notifications.readAt),
        ),
      )
  })
}

// ---------------------------------------------------------------------------------------
// Staff: writing, scheduling, publishing
// ---------------------------------------------------------------------------------------

/** Where an announcement speaks: the whole district (admins only), or a street, or some of its centres. */
export interface AnnouncementScope {
  streetId: number | null
  centreIds: number[]
}

/** Which announcements a person may manage: the district's (admins) and their streets'. */
export interface ManagedScope {
  district: boolean
  streetIds: number[]
}

export function mayManage(scope: ManagedScope, streetId: number | null): boolean {
  return scope.district || (streetId !== null && scope.streetIds.includes(streetId))
}

/** Staff grants as the announcements they let a person manage. */
export function managedScopeOf(grants: Array<{ role: string; streetId: number | null }>): ManagedScope {
  return {
    district: grants.some((grant) => grant.role === 'district_admin'),
    streetIds: grants.flatMap((grant) =>
      grant.role === 'street_staff' && grant.streetId !== null ? [grant.streetId] : [],
    ),
  }
}

function managedBy(scope: ManagedScope): SQL | undefined {
  if (scope.district) return undefined
  if (scope.streetIds.length === 0) return sql`false`
  return inArray(announcements.streetId, scope.streetIds)
}

/** Read receipts of an announcement. */
const readCount = sql<number>`(select count(*)::int from ${announcementReads} where ${announcementReads.announcementId} = ${announcements.id})`
/** Residents told about it (urgent announcements). */
const notifiedCount = sql<number>`(select count(*)::int from ${notifications} where ${notifications.announcementId} = ${announcements.id})`

/** The announcements a person manages, newest first, with how many residents read each. */
export async function listManagedAnnouncements({
  scope,
  lang,
  streetId,
  status,
  limit = 100,
}: {
  scope: ManagedScope
  lang: Language
  streetId?: number | null
  status?: AnnouncementStatus
  limit?: number
}) {
  return db
    .select({
      ...announcementColumns(lang),
      status: announcements.status,
      publishAt: announcements.publishAt,
      streetId: announcements.streetId,
      reads: readCount,
      notified: notifiedCount,
    })
    .from(announcements)
    .leftJoin(streets, eq(streets.id, announcements.streetId))
    .where(
      and(
        managedBy(scope),
        streetId === null ? isNull(announcements.streetId) : undefined,
        streetId !== undefined && streetId !== null ? eq(announcements.streetId, streetId) : undefined,
        status ? eq(announcements.status, status) : undefined,
      ),
    )
    .orderBy(
      sql`case ${announcements.status} when 'draft' then 0 when 'scheduled' then 1 when 'published' then 2 else 3 end`,
      desc(sql`coalesce(${announcements.publishedAt}, ${announcements.publishAt}, ${announcements.createdAt})`),
      desc(announcements.id),
    )
    .limit(limit)
}

/** Everything the editor needs about one announcement, or null. The route checks who may see it. */
export async function getAnnouncementForEditing({ id }: { id: number }) {
  const [announcement] = await db
    .select({
      id: announcements.id,
      streetId: announcements.streetId,
      category: announcements.category,
      status: announcements.status,
      titleZh: announcements.titleZh,
      titleEn: announcements.titleEn,
      bodyZh: announcements.bodyZh,
      bodyEn: announcements.bodyEn,
      publishAt: announcements.publishAt,
      publishedAt: announcements.publishedAt,
      expiresAt: announcements.expiresAt,
      pinnedUntil: announcements.pinnedUntil,
      editedAt: announcements.editedAt,
      createdAt: announcements.createdAt,
      reads: readCount,
      notified: notifiedCount,
    })
    .from(announcements)
    .where(eq(announcements.id, id))
    .limit(1)
  if (!announcement) return null
  const aimedAt = await db
    .select({ centreId: announcementCentres.centreId })
    .from(announcementCentres)
    .where(eq(announcementCentres.announcementId, id))
  return { ...announcement, centreIds: aimedAt.map((row) => row.centreId) }
}

/** The streets (and their centres) a person may write for, in the reader's language. */
export async function listWritableStreets({ scope, lang }: { scope: ManagedScope; lang: Language }) {
  const rows = await db
    .select({
      streetId: streets.id,
      streetSlug: streets.slug,
      streetName: inLanguage(lang, streets.nameZh, streets.nameEn),
      centreId: centres.id,
      centreName: inLanguage(lang, centres.nameZh, centres.nameEn),
    })
    .from(streets)
    .leftJoin(centres, eq(centres.streetId, streets.id))
    .where(scope.district ? undefined : scope.streetIds.length ? inArray(streets.id, scope.streetIds) : sql`false`)
    .orderBy(asc(streets.id), asc(centres.id))
  const byStreet = new Map<
    number,
    { id: number; slug: string; name: string; centres: Array<{ id: number; name: string }> }
  >()
  for (const row of rows) {
    let street = byStreet.get(row.streetId)
    if (!street) {
      street = { id: row.streetId, slug: row.streetSlug, name: row.streetName, centres: [] }
      byStreet.set(row.streetId, street)
    }
    if (row.centreId !== null && row.centreName !== null)
      street.centres.push({ id: row.centreId, name: row.centreName })
  }
  return [...byStreet.values()]
}

export interface AnnouncementInput extends AnnouncementScope {
  category: AnnouncementCategory
  titleZh: string
  titleEn: string | null
  bodyZh: string
  bodyEn: string | null
  publishAt: Date | null
  expiresAt: Date | null
  pinnedUntil: Date | null
}

/** What the author asked for when saving: keep the status, schedule, or publish now. */
export type SaveIntent = 'save' | 'schedule' | 'publish'

/** Domain failures, as translation keys (announcements namespace) for the field they concern. */
export type AnnouncementError =
  | { field: 'centreIds'; code: 'announcements:form.centreNotInStreet' }
  | { field: 'streetId'; code: 'announcements:form.scopeNotAllowed' }
  | { field: 'publishAt'; code: 'announcements:form.publishAtRequired' | 'announcements:form.publishAtPast' }
  | { field: 'expiresAt'; code: 'announcements:form.expiresBeforePublish' }
  | { field: null; code: 'announcements:form.notEditable' }

type SaveResult =
  { ok: true; id: number; status: AnnouncementStatus; notified: number } | { ok: false; error: AnnouncementError }

/** The one district (a street's, or the first for district-wide notices). */
async function districtOf(tx: Queryable, streetId: number | null) {
  if (streetId !== null) {
    const [street] = await tx
      .select({ districtId: streets.districtId })
      .from(streets)
      .where(eq(streets.id, streetId))
      .limit(1)
    return street?.districtId ?? null
  }
  const [district] = await tx.select({ id: districts.id }).from(districts).orderBy(asc(districts.id)).limit(1)
  return district?.id ?? null
}

/** Checks the scope against the author's rights and the street's centres, in the transaction. */
async function checkScope(
  tx: Queryable,
  { scope, managed }: { scope: AnnouncementScope; managed: ManagedScope },
): Promise<AnnouncementError | null> {
  if (!mayManage(managed, scope.streetId)) return { field: 'streetId', code: 'announcements:form.scopeNotAllowed' }
  if (scope.centreIds.length === 0) return null
  if (scope.streetId === null) return { field: 'centreIds', code: 'announcements:form.centreNotInStreet' }
  const found = await tx
    .select({ id: centres.id })
    .from(centres)
    .where(and(inArray(centres.id, scope.centreIds), eq(centres.streetId, scope.streetId)))
  return found.length === new Set(scope.centreIds).size
    ? null
    : { field: 'centreIds', code: 'announcements:form.centreNotInStreet' }
}

function checkTimes(input: AnnouncementInput, intent: SaveIntent, now: Date): AnnouncementError | null {
  if (intent === 'schedule') {
    if (!input.publishAt) return { field: 'publishAt', code: 'announcements:form.publishAtRequired' }
    if (input.publishAt <= now) return { field: 'publishAt', code: 'announcements:form.publishAtPast' }
  }
  const goesOutAt = intent === 'publish' ? now : input.publishAt
  if (input.expiresAt && goesOutAt && input.expiresAt <= goesOutAt) {
    return { field: 'expiresAt', code: 'announcements:form.expiresBeforePublish' }
  }
  return null
}

/**
 * Creates (id undefined) or changes an announcement, and schedules or publishes it when
 * asked — with its audit row, and for an urgent one its residents' notifications, in one
 * transaction. A published announcement stays published and is marked as updated.
 */
export async function saveAnnouncement({
  id,
  input,
  intent,
  managed,
  actorUserId,
  now,
}: {
  id?: number
  input: AnnouncementInput
  intent: SaveIntent
  managed: ManagedScope
  actorUserId: number
  now: Date
}): Promise<SaveResult> {
  return db.transaction(async (tx): Promise<SaveResult> => {
    let current:
      | { status: AnnouncementStatus; streetId: number | null; category: AnnouncementCategory; publishAt: Date | null }
      | undefined
    if (id !== undefined) {
      ;[current] = await tx
        .select({
          status: announcements.status,
          streetId: announcements.streetId,
          category: announcements.category,
          publishAt: announcements.publishAt,
        })
        .from(announcements)
        .where(eq(announcements.id, id))
        .for('update')
      if (!current || !mayManage(managed, current.streetId) || current.status === 'archived') {
        return { ok: false, error: { field: null, code: 'announcements:form.notEditable' } }
      }
      if (current.status === 'published' && intent !== 'save') {
        return { ok: false, error: { field: null, code: 'announcements:form.notEditable' } }
      }
    }
    // A published announcement keeps the time it was scheduled for (the form no longer shows it).
    if (current?.status === 'published') input = { ...input, publishAt: current.publishAt }
    const problem = (await checkScope(tx, { scope: input, managed })) ?? checkTimes(input, intent, now)
    if (problem) return { ok: false, error: problem }

    const districtId = await districtOf(tx, input.streetId)
    if (districtId === null)
      return { ok: false, error: { field: 'streetId', code: 'announcements:form.scopeNotAllowed' } }
    // A draft saved with a time is still a draft; only "schedule" makes it wait for that time.
    const status: AnnouncementStatus =
      current?.status === 'published'
        ? 'published'
        : intent === 'schedule'
          ? 'scheduled'
          : intent === 'save' && current?.status === 'scheduled'
            ? 'scheduled'
            : 'draft'
    if (status === 'scheduled') {
      const check = checkTimes(input, 'schedule', now)
      if (check) return { ok: false, error: check }
    }
    const values = {
      districtId,
      streetId: input.streetId,
      category: input.category,
      titleZh: input.titleZh,
      titleEn: input.titleEn,
      bodyZh: input.bodyZh,
      bodyEn: input.bodyEn,
      publishAt: input.publishAt,
      expiresAt: input.expiresAt,
      pinnedUntil: input.pinnedUntil,
      status,
    }
    let announcementId: number
    if (id === undefined) {
      const [created] = await tx
        .insert(announcements)
        .values({ ...values, authorUserId: actorUserId })
        .returning({ id: announcements.id })
      announcementId = created!.id
    } else {
      announcementId = id
      await tx
        .update(announcements)
        .set({ ...values, editedAt: status === 'published' ? now : null })
        .where(eq(announcements.id, id))
      await tx.delete(announcementCentres).where(eq(announcementCentres.announcementId, id))
    }
    if (input.centreIds.length > 0) {
      await tx
        .insert(announcementCentres)
        .values([...new Set(input.centreIds)].map((centreId) => ({ announcementId, centreId })))
    }
    await recordAudit(tx, {
      actorUserId,
      action: id === undefined ? 'announcement.create' : 'announcement.update',
      entityType: 'announcement',
      entityId: announcementId,
      streetId: input.streetId,
      details: {
        status,
        category: input.category,
        centreIds: input.centreIds,
        publishAt: input.publishAt?.toISOString() ?? null,
        expiresAt: input.expiresAt?.toISOString() ?? null,
        pinnedUntil: input.pinnedUntil?.toISOString() ?? null,
      },
    })
    let notified = 0
    if (intent === 'publish') {
      const published = await publishAnnouncement(tx, { id: announcementId, now, actorUserId })
      notified = published?.notified ?? 0
      return { ok: true, id: announcementId, status: 'published', notified }
    }
    // An announcement made urgent after publishing tells residents then (once per person).
    if (status === 'published' && input.category === 'urgent' && current?.category !== 'urgent') {
      notified = await notifyUrgentAnnouncement(tx, { announcementId, now })
    }
    return { ok: true, id: announcementId, status, notified }
  })
}

/**
 * Publishes a draft or scheduled announcement now: sets publishedAt, writes the audit row
 * and, for an urgent one, notifies the residents with upcoming bookings at the centres it
 * concerns — all in the caller's transaction. Locks the row, so two schedulers (or a
 * scheduler and a person) publish it once. Returns null when it was not publishable.
 */
export async function publishAnnouncement(
  tx: Transaction,
  { id, now, actorUserId = null }: { id: number; now: Date; actorUserId?: number | null },
): Promise<{ id: number; notified: number } | null> {
  const [row] = await tx
    .select({ status: announcements.status, streetId: announcements.streetId, category: announcements.category })
    .from(announcements)
    .where(eq(announcements.id, id))
    .for('update')
  if (!row || (row.status !== 'draft' && row.status !== 'scheduled')) return null
  await tx.update(announcements).set({ status: 'published', publishedAt: now }).where(eq(announcements.id, id))
  const notified = row.category === 'urgent' ? await notifyUrgentAnnouncement(tx, { announcementId: id, now }) : 0
  await recordAudit(tx, {
    actorUserId,
    action: 'announcement.publish',
    entityType: 'announcement',
    entityId: id,
    streetId: row.streetId,
    details: { scheduled: row.status === 'scheduled', notified },
  })
  return { id, notified }
}

/** Publishes every scheduled announcement whose time has come, each in its own transaction. */
export async function publishDueAnnouncements({ now, database = db }: { now: Date; database?: Queryable }) {
  const due = await database
    .select({ id: announcements.id })
    .from(announcements)
    .where(and(eq(announcements.status, 'scheduled'), lte(announcements.publishAt, now)))
    .orderBy(asc(announcements.publishAt), asc(announcements.id))
  const published: Array<{ id: number; notified: number }> = []
  for (const { id } of due) {
    const result = await database.transaction((tx) => publishAnnouncement(tx, { id, now }))
    if (result) published.push(result)
  }
  return published
}

/** Takes a scheduled announcement back to draft, so it does not go out. */
export async function unscheduleAnnouncement(args: { id: number; managed: ManagedScope; actorUserId: number }) {
  return changeStatus({ ...args, from: ['scheduled'], to: 'draft', action: 'announcement.unschedule' })
}

/** Takes a published announcement off the lists; its address stays, marked as no longer current. */
export async function archiveAnnouncement(args: { id: number; managed: ManagedScope; actorUserId: number }) {
  return changeStatus({ ...args, from: ['published'], to: 'archived', action: 'announcement.archive' })
}

async function changeStatus({
  id,
  managed,
  actorUserId,
  from,
  to,
  action,
}: {
  id: number
  managed: ManagedScope
  actorUserId: number
  from: AnnouncementStatus[]
  to: AnnouncementStatus
  action: string
}) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: announcements.status, streetId: announcements.streetId })
      .from(announcements)
      .where(eq(announcements.id, id))
      .for('update')
    if (!row || !mayManage(managed, row.streetId) || !from.includes(row.status)) return false
    await tx.update(announcements).set({ status: to }).where(eq(announcements.id, id))
    await recordAudit(tx, {
      actorUserId,
      action,
      entityType: 'announcement',
      entityId: id,
      streetId: row.streetId,
      details: { from: row.status, to },
    })
    return true
  })
}

/** Deletes a draft that never went out (a published one is archived instead, to keep its address). */
export async function deleteDraftAnnouncement({
  id,
  managed,
  actorUserId,
}: {
  id: number
  managed: ManagedScope
  actorUserId: number
}) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: announcements.status, streetId: announcements.streetId, titleZh: announcements.titleZh })
      .from(announcements)
      .where(eq(announcements.id, id))
      .for('update')
    if (!row || !mayManage(managed, row.streetId) || row.status !== 'draft') return false
    await tx.delete(announcements).where(eq(announcements.id, id))
    await recordAudit(tx, {
      actorUserId,
      action: 'announcement.delete',
      entityType: 'announcement',
      entityId: id,
      streetId: row.streetId,
      details: { titleZh: row.titleZh },
    })
    return true
  })
}

// ---------------------------------------------------------------------------------------
// Urgent announcements: tell the residents who are expected at the centres concerned
// ---------------------------------------------------------------------------------------

/**
 * The account holders with an upcoming booking (confirmed or waiting) at the centres an
 * announcement concerns: its chosen centres, else its street's, else the district's.
 */
function upcomingBookersOf(tx: Queryable, { announcementId, now }: { announcementId: number; now: Date }) {
  const concernedCentres = sql`(
    select ${announcementCentres.centreId} from ${announcementCentres}
      where ${announcementCentres.announcementId} = ${announcementId}
    union all
    select ${centres.id} from ${centres}
      join ${streets} on ${streets.id} = ${centres.streetId}
      join ${announcements} on ${announcements.id} = ${announcementId}
      where ${hasNoCentres} and ${streets.districtId} = ${announcements.districtId}
        and (${announcements.streetId} is null or ${centres.streetId} = ${announcements.streetId})
  )`
  return tx
    .selectDistinct({ userId: bookings.bookedByUserId })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(services, eq(services.id, slots.serviceId))
    .where(
      and(
        inArray(bookings.status, ['confirmed', 'waitlisted']),
        ne(slots.status, 'cancelled'),
        gt(slots.startsAt, now),
        sql`${services.centreId} in ${concernedCentres}`,
      ),
    )
}

/**
 * Notifies the residents concerned about an urgent announcement, in the caller's
 * transaction: an in-app notification unless they turned those off, and an outbox row for
 * each other channel they chose. Once per person and announcement (a dedupe key), so a
 * retry or a second scheduler adds nothing. Returns how many were told.
 */
export async function notifyUrgentAnnouncement(
  tx: Transaction,
  { announcementId, now }: { announcementId: number; now: Date },
): Promise<number> {
  const recipients = (await upcomingBookersOf(tx, { announcementId, now })).map((row) => row.userId)
  if (recipients.length === 0) return 0
  const [announcement] = await tx
    .select({ titleZh: announcements.titleZh, titleEn: announcements.titleEn })
    .from(announcements)
    .where(eq(announcements.id, announcementId))
  const choices = await tx
    .select({
      userId: notificationPreferences.userId,
      channel: notificationPreferences.channel,
      enabled: notificationPreferences.enabled,
    })
    .from(notificationPreferences)
    .where(
      and(inArray(notificationPreferences.userId, recipients), eq(notificationPreferences.kind, 'urgent_announcement')),
    )
  const choiceOf = (userId: number, channel: Channel) =>
    choices.find((choice) => choice.userId === userId && choice.channel === channel)?.enabled
  const params = { announcementId }
  const payload = { announcementId, titleZh: announcement?.titleZh ?? '', titleEn: announcement?.titleEn ?? '' }
  let told = 0
  for (let start = 0; start < recipients.length; start += 500) {
    const chunk = recipients.slice(start, start + 500)
    // In-app is on unless the person turned it off for urgent notices.
    const inApp = chunk.filter((userId) => choiceOf(userId, 'in_app') !== false)
    const created = inApp.length
      ? await tx
          .insert(notifications)
          .values(
            inApp.map((userId) => ({
              userId,
              kind: 'urgent_announcement' as const,
              announcementId,
              params,
              dedupeKey: `urgent_announcement:${announcementId}:${userId}`,
              createdAt: now,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: notifications.id, userId: notifications.userId })
      : []
    const notificationOf = new Map(created.map((row) => [row.userId, row.id]))
    const messages = chunk.flatMap((userId) =>
      (['email', 'sms'] as const)
        .filter((channel) => choiceOf(userId, channel) === true)
        .map((channel) => ({
          channel,
          userId,
          notificationId: notificationOf.get(userId) ?? null,
          template: 'urgent_announcement',
          payload,
          dedupeKey: `urgent_announcement:${announcementId}:${userId}:${channel}`,
        })),
    )
    if (messages.length) await tx.insert(outbox).values(messages).onConflictDoNothing()
    told += new Set([...created.map((row) => row.userId), ...messages.map((message) => message.userId)]).size
  }
  return told
}

// ---------------------------------------------------------------------------------------
// Images: uploaded by staff to an announcement, served to everyone from Postgres
// ---------------------------------------------------------------------------------------

/** Stores an image for an announcement the person manages; returns its public file name. */
export async function addAnnouncementImage({
  announcementId,
  managed,
  actorUserId,
  contentType,
  bytes,
  altZh,
  altEn,
}: {
  announcementId: number
  managed: ManagedScope
  actorUserId: number
  contentType: ImageType
  bytes: Buffer
  altZh: string
  altEn: string
}) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: announcements.status, streetId: announcements.streetId })
      .from(announcements)
      .where(eq(announcements.id, announcementId))
      .for('update')
    if (!row || !mayManage(managed, row.streetId) || row.status === 'archived') return null
    const storageKey = newStorageKey(contentType)
    await tx.insert(announcementImages).values({
      announcementId,
      contentType,
      byteSize: bytes.length,
      storageKey,
      content: bytes,
      altZh,
      altEn,
    })
    await recordAudit(tx, {
      actorUserId,
      action: 'announcement.image_add',
      entityType: 'announcement',
      entityId: announcementId,
      streetId: row.streetId,
      details: { storageKey, contentType, byteSize: bytes.length },
    })
    return { storageKey }
  })
}

export async function listAnnouncementImages({ announcementId }: { announcementId: number }) {
  return db
    .select({
      storageKey: announcementImages.storageKey,
      altZh: announcementImages.altZh,
      altEn: announcementImages.altEn,
      byteSize: announcementImages.byteSize,
    })
    .from(announcementImages)
    .where(eq(announcementImages.announcementId, announcementId))
    .orderBy(asc(announcementImages.id))
}

/** One image's bytes, by its public file name. */
export async function getAnnouncementImage({ storageKey }: { storageKey: string }) {
  const [image] = await db
    .select({ contentType: announcementImages.contentType, content: announcementImages.content })
    .from(announcementImages)
    .where(eq(announcementImages.storageKey, storageKey))
    .limit(1)
  return image ?? null
}
