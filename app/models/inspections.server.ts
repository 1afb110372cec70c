import { and, asc, desc, eq, gte, inArray, isNull, max, sql, type SQL } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { newStorageKey, type ImageType } from '#app/domain/image-type.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { db, type Queryable } from '#db/client.server.ts'
import {
  centres,
  inspectionChecklistItems,
  inspectionIssues,
  inspectionPhotos,
  inspections,
  inspectionScores,
  streets,
  users,
} from '#db/schema/index.ts'
import { recordAudit } from './audit.server.ts'
import { inLanguage } from './language.server.ts'

/**
 * Street-office inspections of centres: the checklist (district admins), inspections with a
 * score per item, notes, photos and issues (street staff for their streets' centres,
 * district admins for all), and issues marked fixed by the centre's operators. Every
 * change writes its audit row in the same transaction.
 */

/** The centres a person may inspect: every centre for a district admin, else those of their streets. */
export interface InspectionScope {
  district: boolean
  streetIds: number[]
}

export function mayInspect(scope: InspectionScope, streetId: number): boolean {
  return scope.district || scope.streetIds.includes(streetId)
}

function inScope(scope: InspectionScope): SQL | undefined {
  if (scope.district) return undefined
  if (scope.streetIds.length === 0) return sql`false`
  return inArray(centres.streetId, scope.streetIds)
}

/** An inspection's score out of 100: the average of its item scores (each 0–5), times 20, to one decimal. */
const scorePercent = (inspectionId: SQL | typeof inspections.id) =>
  sql<
    number | null
  >`(select round(avg(${inspectionScores.score}) * 20, 1)::float8 from ${inspectionScores} where ${inspectionScores.inspectionId} = ${inspectionId})`

/** Open and past its fix-by date on `today` (a date in the district's zone): the day to fix it by is over. */
const isOverdue = (today: string) =>
  sql<boolean>`(${inspectionIssues.status} = 'open' and ${inspectionIssues.fixBy} < ${today}::date)`

// ---------------------------------------------------------------------------------------
// The checklist
// ---------------------------------------------------------------------------------------

/** The checklist in its order; retired items only when asked (the admin page shows them to restore). */
export async function listChecklistItems({
  lang,
  includeRetired = false,
}: {
  lang: Language
  includeRetired?: boolean
}) {
  const [items, scored] = await Promise.all([
    db
      .select({
        id: inspectionChecklistItems.id,
        key: inspectionChecklistItems.key,
        label: inLanguage(lang, inspectionChecklistItems.labelZh, inspectionChecklistItems.labelEn),
        labelZh: inspectionChecklistItems.labelZh,
        labelEn: inspectionChecklistItems.labelEn,
        retired: sql<boolean>`${inspectionChecklistItems.retiredAt} is not null`,
      })
      .from(inspectionChecklistItems)
      .where(includeRetired ? undefined : isNull(inspectionChecklistItems.retiredAt))
      .orderBy(asc(inspectionChecklistItems.position), asc(inspectionChecklistItems.id)),
    db.selectDistinct({ id: inspectionScores.checklistItemId }).from(inspectionScores),
  ])
  const scoredIds = new Set(scored.map((row) => row.id))
  return items.map((item) => ({ ...item, scored: scoredIds.has(item.id) }))
}

/** Adds an item at the end of the checklist; its key is made up (admins name items by their labels). */
export async function addChecklistItem({
  actorUserId,
  labelZh,
  labelEn,
}: {
  actorUserId: number
  labelZh: string
  labelEn: string
}) {
  return db.transaction(async (tx) => {
    const [last] = await tx.select({ position: max(inspectionChecklistItems.position) }).from(inspectionChecklistItems)
    const key = `item_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`
    const [item] = await tx
      .insert(inspectionChecklistItems)
      .values({ key, labelZh, labelEn, position: (last?.position ?? 0) + 1 })
      .returning({ id: inspectionChecklistItems.id })
    await recordAudit(tx, {
      actorUserId,
      action: 'inspection_checklist.add',
      entityType: 'inspection_checklist_item',
      entityId: item!.id,
      details: { key, labelZh, labelEn },
    })
    return item!.id
  })
}

/** New labels for an item; past inspections show the new labels too. False when there is no such item. */
export async function renameChecklistItem({
  actorUserId,
  id,
  labelZh,
  labelEn,
}: {
  actorUserId: number
  id: number
  labelZh: string
  labelEn: string
}) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ labelZh: inspectionChecklistItems.labelZh, labelEn: inspectionChecklistItems.labelEn })
      .from(inspectionChecklistItems)
      .where(eq(inspectionChecklistItems.id, id))
      .for('update')
    if (!before) return false
    await tx.update(inspectionChecklistItems).set({ labelZh, labelEn }).where(eq(inspectionChecklistItems.id, id))
    await recordAudit(tx, {
      actorUserId,
      action: 'inspection_checklist.rename',
      entityType: 'inspection_checklist_item',
      entityId: id,
      details: { before, after: { labelZh, labelEn } },
    })
    return true
  })
}

/**
 * Retires an item (new inspections no longer score it; past scores stay) or brings it
 * back. False when there is no such item or it already is as asked.
 */
export async function setChecklistItemRetired({
  actorUserId,
  id,
  retired,
  now,
}: {
  actorUserId: number
  id: number
  retired: boolean
  now: Date
}) {
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(inspectionChecklistItems)
      .set({ retiredAt: retired ? now : null })
      .where(
        and(
          eq(inspectionChecklistItems.id, id),
          retired ? isNull(inspectionChecklistItems.retiredAt) : sql`${inspectionChecklistItems.retiredAt} is not null`,
        ),
      )
      .returning({ id: inspectionChecklistItems.id })
    if (!changed) return false
    await recordAudit(tx, {
      actorUserId,
      action: retired ? 'inspection_checklist.retire' : 'inspection_checklist.restore',
      entityType: 'inspection_checklist_item',
      entityId: id,
    })
    return true
  })
}

/**
 * Removes an item added by mistake. An item any inspection has scored is never removed
 * (retire it instead); the scores' foreign key refuses it too.
 */
export async function removeChecklistItem({
  actorUserId,
  id,
}: {
  actorUserId: number
  id: number
}): Promise<'removed' | 'scored' | 'not_found'> {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ key: inspectionChecklistItems.key, labelZh: inspectionChecklistItems.labelZh })
      .from(inspectionChecklistItems)
      .where(eq(inspectionChecklistItems.id, id))
      .for('update')
    if (!item) return 'not_found'
    const [scored] = await tx
      .select({ id: inspectionScores.id })
      .from(inspectionScores)
      .where(eq(inspectionScores.checklistItemId, id))
      .limit(1)
    if (scored) return 'scored'
    await tx.delete(inspectionChecklistItems).where(eq(inspectionChecklistItems.id, id))
    await recordAudit(tx, {
      actorUserId,
      action: 'inspection_checklist.remove',
      entityType: 'inspection_checklist_item',
      entityId: id,
      details: item,
    })
    return 'removed'
  })
}

// ---------------------------------------------------------------------------------------
// Centres and their inspections, for street staff
// ---------------------------------------------------------------------------------------

/** The centres a person may inspect, with their last inspection and open and overdue issues. */
export async function listInspectableCentres({
  scope,
  lang,
  today,
}: {
  scope: InspectionScope
  lang: Language
  today: string
}) {
  const latest = sql<number | null>`(select ${inspections.id} from ${inspections}
    where ${inspections.centreId} = ${centres.id}
    order by ${inspections.inspectedOn} desc, ${inspections.id} desc limit 1)`
  const rows = await db
    .select({
      id: centres.id,
      slug: centres.slug,
      name: inLanguage(lang, centres.nameZh, centres.nameEn),
      streetName: inLanguage(lang, streets.nameZh, streets.nameEn),
      latestInspectionId: latest,
      latestInspectedOn: sql<
        string | null
      >`(select ${inspections.inspectedOn}::text from ${inspections} where ${inspections.id} = ${latest})`,
      latestScore: scorePercent(latest),
      openIssues: sql<number>`(select count(*)::int from ${inspectionIssues}
        where ${inspectionIssues.centreId} = ${centres.id} and ${inspectionIssues.status} = 'open')`,
      overdueIssues: sql<number>`(select count(*)::int from ${inspectionIssues}
        where ${inspectionIssues.centreId} = ${centres.id} and ${isOverdue(today)})`,
    })
    .from(centres)
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(inScope(scope))
    .orderBy(asc(streets.id), asc(centres.id))
  return rows
}

/** A centre by its address; `allowed` says whether this person may inspect it (null: no such centre). */
export async function findCentreForInspection({
  slug,
  scope,
  lang,
}: {
  slug: string
  scope: InspectionScope
  lang: Language
}) {
  const [centre] = await db
    .select({
      id: centres.id,
      slug: centres.slug,
      streetId: centres.streetId,
      name: inLanguage(lang, centres.nameZh, centres.nameEn),
      streetName: inLanguage(lang, streets.nameZh, streets.nameEn),
    })
    .from(centres)
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(eq(centres.slug, slug))
    .limit(1)
  return centre ? { ...centre, allowed: mayInspect(scope, centre.streetId) } : null
}

/** A centre's inspections, newest first, with their scores and issue counts. */
export async function listCentreInspections({ centreId }: { centreId: number }) {
  return db
    .select({
      id: inspections.id,
      inspectedOn: inspections.inspectedOn,
      inspectorName: users.name,
      score: scorePercent(inspections.id),
      issues: sql<number>`(select count(*)::int from ${inspectionIssues} where ${inspectionIssues.inspectionId} = ${inspections.id})`,
    })
    .from(inspections)
    .innerJoin(users, eq(users.id, inspections.inspectorUserId))
    .where(eq(inspections.centreId, centreId))
    .orderBy(desc(inspections.inspectedOn), desc(inspections.id))
}

export interface InspectionInput {
  centreId: number
  inspectedOn: string
  notes: string
  scores: Array<{ checklistItemId: number; score: number; note: string }>
  issues: Array<{ description: string; fixBy: string }>
}

export type RecordInspectionResult =
  { ok: true; id: number } | { ok: false; error: 'not_allowed' | 'checklist_changed' | 'fix_by_before_inspection' }

/**
 * Records an inspection of a centre the person may inspect: a score for every item of
 * the current checklist (no more, no fewer: the checklist may have changed since the form
 * was shown), the notes and the issues found.
 */
export async function recordInspection({
  actorUserId,
  scope,
  input,
}: {
  actorUserId: number
  scope: InspectionScope
  input: InspectionInput
}): Promise<RecordInspectionResult> {
  return db.transaction(async (tx) => {
    const [centre] = await tx
      .select({ streetId: centres.streetId })
      .from(centres)
      .where(eq(centres.id, input.centreId))
      .limit(1)
    if (!centre || !mayInspect(scope, centre.streetId)) return { ok: false, error: 'not_allowed' }
    const current = await tx
      .select({ id: inspectionChecklistItems.id })
      .from(inspectionChecklistItems)
      .where(isNull(inspectionChecklistItems.retiredAt))
    const scored = new Set(input.scores.map((score) => score.checklistItemId))
    if (
      scored.size !== input.scores.length ||
      current.length !== scored.size ||
      current.some((item) => !scored.has(item.id))
    )
      return { ok: false, error: 'checklist_changed' }
    if (input.issues.some((issue) => issue.fixBy < input.inspectedOn))
      return { ok: false, error: 'fix_by_before_inspection' }
    const [inspection] = await tx
      .insert(inspections)
      .values({
        centreId: input.centreId,
        inspectorUserId: actorUserId,
        inspectedOn: input.inspectedOn,
        notes: input.notes,
      })
      .returning({ id: inspections.id })
    const id = inspection!.id
    if (input.scores.length)
      await tx.insert(inspectionScores).values(input.scores.map((score) => ({ ...score, inspectionId: id })))
    if (input.issues.length) {
      await tx
        .insert(inspectionIssues)
        .values(input.issues.map((issue) => ({ ...issue, inspectionId: id, centreId: input.centreId })))
    }
    await recordAudit(tx, {
      actorUserId,
      action: 'inspection.record',
      entityType: 'inspection',
      entityId: id,
      centreId: input.centreId,
      streetId: centre.streetId,
      details: {
        inspectedOn: input.inspectedOn,
        scores: input.scores.map(({ checklistItemId, score }) => ({ checklistItemId, score })),
        issues: input.issues.length,
      },
    })
    return { ok: true, id }
  })
}

/** One inspection with everything recorded at it; `streetId` lets the page check who may see it. */
export async function getInspection({ id, lang, today }: { id: number; lang: Language; today: string }) {
  const [inspection] = await db
    .select({
      id: inspections.id,
      inspectedOn: inspections.inspectedOn,
      notes: inspections.notes,
      inspectorName: users.name,
      centreId: centres.id,
      centreSlug: centres.slug,
      centreName: inLanguage(lang, centres.nameZh, centres.nameEn),
      streetId: centres.streetId,
      score: scorePercent(inspections.id),
    })
    .from(inspections)
    .innerJoin(centres, eq(centres.id, inspections.centreId))
    .innerJoin(users, eq(users.id, inspections.inspectorUserId))
    .where(eq(inspections.id, id))
    .limit(1)
  if (!inspection) return null
  const [scores, issues, photos] = await Promise.all([
    db
      .select({
        id: inspectionScores.id,
        label: inLanguage(lang, inspectionChecklistItems.labelZh, inspectionChecklistItems.labelEn),
        score: inspectionScores.score,
        note: inspectionScores.note,
      })
      .from(inspectionScores)
      .innerJoin(inspectionChecklistItems, eq(inspectionChecklistItems.id, inspectionScores.checklistItemId))
      .where(eq(inspectionScores.inspectionId, id))
      .orderBy(asc(inspectionChecklistItems.position), asc(inspectionChecklistItems.id)),
    db
      .select(issueColumns(today))
      .from(inspectionIssues)
      .innerJoin(inspections, eq(inspections.id, inspectionIssues.inspectionId))
      .where(eq(inspectionIssues.inspectionId, id))
      .orderBy(asc(inspectionIssues.id)),
    db
      .select({ storageKey: inspectionPhotos.storageKey, caption: inspectionPhotos.caption })
      .from(inspectionPhotos)
      .where(eq(inspectionPhotos.inspectionId, id))
      .orderBy(asc(inspectionPhotos.id)),
  ])
  return { ...inspection, scores, issues, photos }
}

function issueColumns(today: string) {
  return {
    id: inspectionIssues.id,
    description: inspectionIssues.description,
    fixBy: inspectionIssues.fixBy,
    status: inspectionIssues.status,
    overdue: isOverdue(today),
    fixedAt: inspectionIssues.fixedAt,
    fixedNote: inspectionIssues.fixedNote,
    inspectedOn: inspections.inspectedOn,
    inspectionId: inspections.id,
  }
}

/** The inspection's centre, and whether it exists at all, for checks before a change. */
async function inspectionCentre(tx: Queryable, inspectionId: number) {
  const [row] = await tx
    .select({ centreId: inspections.centreId, streetId: centres.streetId, inspectedOn: inspections.inspectedOn })
    .from(inspections)
    .innerJoin(centres, eq(centres.id, inspections.centreId))
    .where(eq(inspections.id, inspectionId))
    .limit(1)
  return row ?? null
}

/** Adds an issue found at an inspection. */
export async function addInspectionIssue({
  actorUserId,
  scope,
  inspectionId,
  description,
  fixBy,
}: {
  actorUserId: number
  scope: InspectionScope
  inspectionId: number
  description: string
  fixBy: string
}): Promise<'added' | 'not_allowed' | 'fix_by_before_inspection'> {
  return db.transaction(async (tx) => {
    const inspection = await inspectionCentre(tx, inspectionId)
    if (!inspection || !mayInspect(scope, inspection.streetId)) return 'not_allowed'
    if (fixBy < inspection.inspectedOn) return 'fix_by_before_inspection'
    const [issue] = await tx
      .insert(inspectionIssues)
      .values({ inspectionId, centreId: inspection.centreId, description, fixBy })
      .returning({ id: inspectionIssues.id })
    await recordAudit(tx, {
      actorUserId,
      action: 'inspection.issue_add',
      entityType: 'inspection_issue',
      entityId: issue!.id,
      centreId: inspection.centreId,
      streetId: inspection.streetId,
      details: { inspectionId, description, fixBy },
    })
    return 'added'
  })
}

/** Stores a photo taken at an inspection; returns its file name, or null when not allowed. */
export async function addInspectionPhoto({
  actorUserId,
  scope,
  inspectionId,
  contentType,
  bytes,
  caption,
}: {
  actorUserId: number
  scope: InspectionScope
  inspectionId: number
  contentType: ImageType
  bytes: Buffer
  caption: string
}) {
  return db.transaction(async (tx) => {
    const inspection = await inspectionCentre(tx, inspectionId)
    if (!inspection || !mayInspect(scope, inspection.streetId)) return null
    const storageKey = newStorageKey(contentType)
    await tx
      .insert(inspectionPhotos)
      .values({ inspectionId, contentType, byteSize: bytes.length, storageKey, content: bytes, caption })
    await recordAudit(tx, {
      actorUserId,
      action: 'inspection.photo_add',
      entityType: 'inspection',
      entityId: inspectionId,
      centreId: inspection.centreId,
      streetId: inspection.streetId,
      details: { storageKey, contentType, byteSize: bytes.length, caption },
    })
    return { storageKey }
  })
}

/** A photo's bytes by its file name, with the centre it was taken at (the route checks who may see it). */
export async function getInspectionPhoto({ storageKey }: { storageKey: string }) {
  const [photo] = await db
    .select({
      contentType: inspectionPhotos.contentType,
      content: inspectionPhotos.content,
      centreId: inspections.centreId,
      streetId: centres.streetId,
    })
    .from(inspectionPhotos)
    .innerJoin(inspections, eq(inspections.id, inspectionPhotos.inspectionId))
    .innerJoin(centres, eq(centres.id, inspections.centreId))
    .where(eq(inspectionPhotos.storageKey, storageKey))
    .limit(1)
  return photo ?? null
}

// ---------------------------------------------------------------------------------------
// Issues, for the centre's operator
// ---------------------------------------------------------------------------------------

/** A centre's open issues (overdue first, then by fix-by date) and those fixed in the last 90 days. */
export async function listCentreIssues({ centreId, today }: { centreId: number; today: string }) {
  const columns = issueColumns(today)
  const [open, fixed] = await Promise.all([
    db
      .select(columns)
      .from(inspectionIssues)
      .innerJoin(inspections, eq(inspections.id, inspectionIssues.inspectionId))
      .where(and(eq(inspectionIssues.centreId, centreId), eq(inspectionIssues.status, 'open')))
      .orderBy(asc(inspectionIssues.fixBy), asc(inspectionIssues.id)),
    db
      .select(columns)
      .from(inspectionIssues)
      .innerJoin(inspections, eq(inspections.id, inspectionIssues.inspectionId))
      .where(
        and(
          eq(inspectionIssues.centreId, centreId),
          eq(inspectionIssues.status, 'fixed'),
          gte(inspectionIssues.fixedAt, sql`${today}::date - 90`),
        ),
      )
      .orderBy(desc(inspectionIssues.fixedAt)),
  ])
  return { open, fixed }
}

/**
 * Marks an open issue of this centre fixed, with the operator's note of what was done.
 * False when the centre has no such open issue (another centre's id finds nothing).
 */
export async function markIssueFixed({
  actorUserId,
  centreId,
  issueId,
  note,
  now,
}: {
  actorUserId: number
  centreId: number
  issueId: number
  note: string
  now: Date
}) {
  return db.transaction(async (tx) => {
    const [fixed] = await tx
      .update(inspectionIssues)
      .set({ status: 'fixed', fixedAt: now, fixedNote: note, fixedByUserId: actorUserId })
      .where(
        and(
          eq(inspectionIssues.id, issueId),
          eq(inspectionIssues.centreId, centreId),
          eq(inspectionIssues.status, 'open'),
        ),
      )
      .returning({ fixBy: inspectionIssues.fixBy })
    if (!fixed) return false
    const [centre] = await tx.select({ streetId: centres.streetId }).from(centres).where(eq(centres.id, centreId))
    await recordAudit(tx, {
      actorUserId,
      action: 'inspection.issue_fixed',
      entityType: 'inspection_issue',
      entityId: issueId,
      centreId,
      streetId: centre?.streetId ?? null,
      details: { note, fixBy: fixed.fixBy },
    })
    return true
  })
}

// ---------------------------------------------------------------------------------------
// Figures for comparing centres
// ---------------------------------------------------------------------------------------

export interface CentreInspectionFigures {
  centreId: number
  /** The latest inspection in the period (by inspection date, then the later recorded), or null. */
  inspectionId: number | null
  inspectedOn: string | null
  /**
   * That inspection's score out of 100: the average of its item scores (0–5 each) × 20,
   * rounded to one decimal — all 5s score 100, all 0s score 0. Null without an inspection.
   */
  score: number | null
  /**
   * Issues overdue at the end of the period (or now, if the period has not ended): their
   * fix-by date is before that day, and they had not been marked fixed by then. Issues of
   * inspections dated after that day do not count.
   */
  overdueIssues: number
}

/**
 * Each centre's inspection figures for a period of inspection dates `from`–`until`
 * (both included, dates in the district's zone), for the district comparison. Every
 * centre has a row (optionally only `centreIds`); one query, from the inspections tables.
 *
 * Overdue is counted "as of" the day after `until` (the period is over), or today when
 * `now` falls inside the period: an issue is overdue as of day D when fix_by < D and it
 * was not fixed before D began (midnight in the district's zone).
 */
export async function listCentreInspectionFigures({
  from,
  until,
  now,
  centreIds,
}: {
  from: string
  until: string
  now: Date
  centreIds?: number[]
}): Promise<CentreInspectionFigures[]> {
  // The day the count is taken on, and the moment it begins.
  const asOf = sql`least(${until}::date + 1, (${now.toISOString()}::timestamptz at time zone ${DISTRICT_TIME_ZONE})::date)`
  const asOfStart = sql`(${asOf}::timestamp at time zone ${DISTRICT_TIME_ZONE})`
  const latest = sql<number | null>`(select ${inspections.id} from ${inspections}
    where ${inspections.centreId} = ${centres.id}
      and ${inspections.inspectedOn} between ${from}::date and ${until}::date
    order by ${inspections.inspectedOn} desc, ${inspections.id} desc limit 1)`
  const rows = await db
    .select({
      centreId: centres.id,
      inspectionId: latest,
      inspectedOn: sql<
        string | null
      >`(select ${inspections.inspectedOn}::text from ${inspections} where ${inspections.id} = ${latest})`,
      score: scorePercent(latest),
      overdueIssues: sql<number>`(select count(*)::int from ${inspectionIssues}
        join ${inspections} on ${inspections.id} = ${inspectionIssues.inspectionId}
        where ${inspectionIssues.centreId} = ${centres.id}
          and ${inspections.inspectedOn} < ${asOf}
          and ${inspectionIssues.fixBy} < ${asOf}
          and (${inspectionIssues.fixedAt} is null or ${inspectionIssues.fixedAt} >= ${asOfStart}))`,
    })
    .from(centres)
    // A join, so drizzle qualifies every column: the subqueries name columns of several tables.
    .innerJoin(streets, eq(streets.id, centres.streetId))
    .where(centreIds ? inArray(centres.id, centreIds.length ? centreIds : [0]) : undefined)
    .orderBy(asc(centres.id))
  return rows
}
