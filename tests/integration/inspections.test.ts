import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseConnection } from '#db/connect.server.ts'
import {
  auditLog,
  centres,
  inspectionChecklistItems,
  inspectionIssues,
  inspections,
  inspectionScores,
  roleGrants,
} from '#db/schema/index.ts'
import { createCentre, createResident } from '#tests/fixtures/factories.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

// Inspections against real Postgres, through the app's own routes (loaders and actions
// called with real requests and session cookies) and its model: who may inspect what,
// the figures the district comparison uses, the checklist, fixing issues, and photos.
let connection: DatabaseConnection & { url: string }
let model: typeof import('#app/models/inspections.server.ts')
let auth: typeof import('#app/utils/auth.server.ts')
let i18next: (typeof import('#app/utils/i18next.server.ts'))['default']

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>
}
const routes: Record<string, RouteModule> = {}

/** PNG's signature: enough for the type check, which reads the bytes, not the name. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)

interface World {
  centreA: { id: number; streetId: number; slug: string }
  centreB: { id: number; streetId: number; slug: string }
  staffA: number
  staffB: number
  operatorA: number
  admin: number
}
let world: World

async function centreWithSlug() {
  const centre = await createCentre(connection.db)
  // The factory makes a random slug; read it back.
  const [row] = await connection.db.select({ slug: centres.slug }).from(centres).where(eq(centres.id, centre.id))
  return { ...centre, slug: row!.slug }
}

async function cookieFor(userId: number) {
  const setCookie = await auth.startSession({ userId, remember: false })
  return setCookie.split(';')[0]!
}

/** Calls a route's loader or action as `userId` would; returns the status and what came back. */
async function call(
  route: string,
  kind: 'loader' | 'action',
  {
    userId,
    path,
    params = {},
    body,
  }: { userId: number; path: string; params?: Record<string, string>; body?: FormData | URLSearchParams },
): Promise<{ status: number; data: unknown; location?: string | null }> {
  const headers = new Headers({ Cookie: await cookieFor(userId) })
  let payload: ArrayBuffer | undefined
  if (body) {
    // Serialised as a browser would send it, with its length (the upload check reads it).
    const encoded = new Response(body)
    payload = await encoded.arrayBuffer()
    headers.set('Content-Type', encoded.headers.get('Content-Type')!)
    headers.set('Content-Length', String(payload.byteLength))
  }
  const request = new Request(`http://localhost${path}`, {
    method: kind === 'action' ? 'POST' : 'GET',
    headers,
    body: payload,
  })
  const handler = routes[route]![kind]!
  let result: unknown
  try {
    result = await handler({ request, params, context: {} })
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null }
    throw thrown
  }
  if (result instanceof Response) {
    return { status: result.status, data: null, location: result.headers.get('Location') }
  }
  const withInit = result as { type?: string; data?: unknown; init?: { status?: number } }
  if (withInit?.type === 'DataWithResponseInit') return { status: withInit.init?.status ?? 200, data: withInit.data }
  return { status: 200, data: result }
}

async function currentItems() {
  return model.listChecklistItems({ lang: 'zh-CN' })
}

async function recordFor(centreId: number, scope: { district: boolean; streetIds: number[] }, actorUserId: number) {
  const items = await currentItems()
  return model.recordInspection({
    actorUserId,
    scope,
    input: {
      centreId,
      inspectedOn: '2026-11-20',
      notes: '',
      scores: items.map((item) => ({ checklistItemId: item.id, score: 4, note: '' })),
      issues: [{ description: '灭火器过期', fixBy: '2026-11-25' }],
    },
  })
}

beforeAll(async () => {
  connection = await migratedPostgres()
  process.env.DATABASE_URL = connection.url
  model = await import('#app/models/inspections.server.ts')
  auth = await import('#app/utils/auth.server.ts')
  i18next = (await import('#app/utils/i18next.server.ts')).default
  for (const name of [
    'staff.inspections._index',
    'staff.inspections.centres.$centreSlug._index',
    'staff.inspections.centres.$centreSlug.new',
    'staff.inspections.$inspectionId',
    'inspection-photos.$photoKey',
    'operator.centres.$centreSlug.issues',
    'admin.inspection-checklist',
  ]) {
    routes[name] = (await import(
      `../../app/routes/${name}.${name.startsWith('inspection-photos') ? 'ts' : 'tsx'}`
    )) as RouteModule
  }
  const centreA = await centreWithSlug()
  const centreB = await centreWithSlug()
  const [staffA, staffB, operatorA, admin] = await Promise.all([
    createResident(connection.db),
    createResident(connection.db),
    createResident(connection.db),
    createResident(connection.db),
  ])
  await connection.db.insert(roleGrants).values([
    { userId: staffA!.id, role: 'street_staff', streetId: centreA.streetId },
    { userId: staffB!.id, role: 'street_staff', streetId: centreB.streetId },
    { userId: operatorA!.id, role: 'operator', centreId: centreA.id },
    { userId: admin!.id, role: 'district_admin' },
  ])
  world = { centreA, centreB, staffA: staffA!.id, staffB: staffB!.id, operatorA: operatorA!.id, admin: admin!.id }
})
afterAll(async () => {
  await (await import('#db/client.server.ts')).closeDatabase()
  await connection?.close()
})

describe('who may inspect what', () => {
  test('a fresh database has the six default checklist items, in both languages', async () => {
    const items = await model.listChecklistItems({ lang: 'en' })
    expect(items.map((item) => item.key)).toEqual([
      'cleanliness',
      'opening_hours_kept',
      'accessibility',
      'staff_on_duty',
      'safety',
      'service_information_posted',
    ])
    expect(items.every((item) => item.labelZh && item.labelEn && item.label === item.labelEn)).toBe(true)
  })

  test("staff of street A cannot see, inspect or open anything of street B's centre", async () => {
    const { centreA, centreB, staffA } = world
    const list = await call('staff.inspections._index', 'loader', { userId: staffA, path: '/staff/inspections' })
    expect(list.status).toBe(200)
    const listed = (list.data as { centres: Array<{ id: number }> }).centres.map((centre) => centre.id)
    expect(listed).toEqual([centreA.id])

    const centrePage = (slug: string) => ({
      userId: staffA,
      path: `/staff/inspections/centres/${slug}`,
      params: { centreSlug: slug },
    })
    expect(
      (await call('staff.inspections.centres.$centreSlug._index', 'loader', centrePage(centreA.slug))).status,
    ).toBe(200)
    expect(
      (await call('staff.inspections.centres.$centreSlug._index', 'loader', centrePage(centreB.slug))).status,
    ).toBe(403)
    expect((await call('staff.inspections.centres.$centreSlug.new', 'loader', centrePage(centreB.slug))).status).toBe(
      403,
    )

    // A complete, valid inspection of B, posted by A's staff: refused before anything is written.
    const items = await currentItems()
    const form = new URLSearchParams({ inspectedOn: '2026-11-20', notes: '' })
    items.forEach((item, index) => {
      form.set(`scores[${index}].checklistItemId`, String(item.id))
      form.set(`scores[${index}].score`, '5')
    })
    const posted = await call('staff.inspections.centres.$centreSlug.new', 'action', {
      ...centrePage(centreB.slug),
      path: `/staff/inspections/centres/${centreB.slug}/new`,
      body: form,
    })
    expect(posted.status).toBe(403)
    // The model refuses too, whatever a route might pass it.
    expect(await recordFor(centreB.id, { district: false, streetIds: [centreA.streetId] }, staffA)).toEqual({
      ok: false,
      error: 'not_allowed',
    })
    expect(await connection.db.select().from(inspections).where(eq(inspections.centreId, centreB.id))).toEqual([])

    // The same form for A's own centre is recorded, scores and all.
    const own = await call('staff.inspections.centres.$centreSlug.new', 'action', {
      ...centrePage(centreA.slug),
      path: `/staff/inspections/centres/${centreA.slug}/new`,
      body: form,
    })
    expect(own.status).toBe(303)
    expect(own.location).toMatch(/^\/staff\/inspections\/\d+\?saved=recorded$/)

    // An inspection of B (by B's street office): A's staff can neither open it nor add to it.
    const ofB = await recordFor(centreB.id, { district: false, streetIds: [centreB.streetId] }, world.staffB)
    if (!ofB.ok) throw new Error(ofB.error)
    const inspectionPage = {
      userId: staffA,
      path: `/staff/inspections/${ofB.id}`,
      params: { inspectionId: String(ofB.id) },
    }
    expect((await call('staff.inspections.$inspectionId', 'loader', inspectionPage)).status).toBe(403)
    const addIssue = new URLSearchParams({ intent: 'add-issue', description: '伪造的问题', fixBy: '2026-12-01' })
    expect(
      (await call('staff.inspections.$inspectionId', 'action', { ...inspectionPage, body: addIssue })).status,
    ).toBe(403)
    expect(
      await model.addInspectionIssue({
        actorUserId: staffA,
        scope: { district: false, streetIds: [centreA.streetId] },
        inspectionId: ofB.id,
        description: '伪造的问题',
        fixBy: '2026-12-01',
      }),
    ).toBe('not_allowed')
    // B's own staff and the district admin may open it.
    expect(
      (await call('staff.inspections.$inspectionId', 'loader', { ...inspectionPage, userId: world.staffB })).status,
    ).toBe(200)
    expect(
      (await call('staff.inspections.$inspectionId', 'loader', { ...inspectionPage, userId: world.admin })).status,
    ).toBe(200)
  })
})

describe('figures for comparing centres', () => {
  test('the latest score in a period and the issues overdue at its end, on a small fixture', async () => {
    const centre = await createCentre(connection.db)
    const empty = await createCentre(connection.db)
    const items = await connection.db
      .select({ id: inspectionChecklistItems.id })
      .from(inspectionChecklistItems)
      .orderBy(inspectionChecklistItems.position)
    const inspect = async (inspectedOn: string, scores: number[]) => {
      const [row] = await connection.db
        .insert(inspections)
        .values({ centreId: centre.id, inspectorUserId: world.admin, inspectedOn })
        .returning({ id: inspections.id })
      await connection.db
        .insert(inspectionScores)
        .values(scores.map((score, index) => ({ inspectionId: row!.id, checklistItemId: items[index]!.id, score })))
      return row!.id
    }
    const issue = (inspectionId: number, fixBy: string, fixedAt: string | null) =>
      connection.db.insert(inspectionIssues).values({
        inspectionId,
        centreId: centre.id,
        description: `fix by ${fixBy}`,
        fixBy,
        ...(fixedAt ? { status: 'fixed' as const, fixedAt: new Date(fixedAt), fixedNote: '已处理' } : {}),
      })

    const early = await inspect('2026-10-05', [5, 5, 5, 5, 5, 5]) // 100
    await inspect('2026-10-20', [5, 4, 4, 4, 4, 4]) // 25/6 × 20 = 83.3
    const november = await inspect('2026-11-15', [1, 1, 1, 1, 1]) // 20, on five items
    await issue(early, '2026-10-20', '2026-10-25T10:00:00+08:00') // fixed in time for 1 November
    await issue(early, '2026-10-15', '2026-11-03T10:00:00+08:00') // overdue on 1 November, fixed on the 3rd
    await issue(early, '2026-10-31', '2026-11-01T00:30:00+08:00') // fix-by the period's last day, fixed after it
    await issue(early, '2026-11-10', null) // open; due after October
    await issue(november, '2026-11-26', null) // overdue on the 27th
    await issue(november, '2026-11-27', null) // due on the 27th: not overdue yet

    const figures = async (from: string, until: string, now: string) =>
      model.listCentreInspectionFigures({ from, until, now: new Date(now), centreIds: [centre.id, empty.id] })

    expect(await figures('2026-10-01', '2026-10-31', '2026-11-27T04:00:00Z')).toEqual([
      {
        centreId: centre.id,
        inspectionId: expect.any(Number),
        inspectedOn: '2026-10-20',
        score: 83.3,
        overdueIssues: 2,
      },
      { centreId: empty.id, inspectionId: null, inspectedOn: null, score: null, overdueIssues: 0 },
    ])
    // November, counted on the 27th (Beijing time): the period has not ended.
    expect(await figures('2026-11-01', '2026-11-30', '2026-11-27T04:00:00Z')).toEqual([
      { centreId: centre.id, inspectionId: november, inspectedOn: '2026-11-15', score: 20, overdueIssues: 2 },
      { centreId: empty.id, inspectionId: null, inspectedOn: null, score: null, overdueIssues: 0 },
    ])
    // Before any inspection of the centre: nothing yet, and nothing overdue.
    expect((await figures('2026-09-01', '2026-09-30', '2026-11-27T04:00:00Z'))[0]).toMatchObject({
      score: null,
      overdueIssues: 0,
    })

    // The street office's list, on 27 November: three open, two of them overdue.
    const listed = await model.listInspectableCentres({
      scope: { district: false, streetIds: [centre.streetId] },
      lang: 'zh-CN',
      today: '2026-11-27',
    })
    expect(listed).toMatchObject([{ id: centre.id, latestScore: 20, openIssues: 3, overdueIssues: 2 }])
    const { open } = await model.listCentreIssues({ centreId: centre.id, today: '2026-11-27' })
    expect(open.map((row) => [row.fixBy, row.overdue])).toEqual([
      ['2026-11-10', true],
      ['2026-11-26', true],
      ['2026-11-27', false],
    ])
  })
})

describe("the centre's operator fixes issues", () => {
  test('marks an issue fixed with a note, audited; a note is required; another centre\u2019s issue is out of reach', async () => {
    const { centreA, centreB, operatorA } = world
    const ofA = await recordFor(centreA.id, { district: true, streetIds: [] }, world.admin)
    const ofB = await recordFor(centreB.id, { district: true, streetIds: [] }, world.admin)
    if (!ofA.ok || !ofB.ok) throw new Error('recording failed')
    const issueOf = async (inspectionId: number) =>
      (await connection.db.select().from(inspectionIssues).where(eq(inspectionIssues.inspectionId, inspectionId)))[0]!
    const issueA = await issueOf(ofA.id)
    const issueB = await issueOf(ofB.id)
    const page = (slug: string) => ({
      userId: operatorA,
      path: `/operator/centres/${slug}/issues`,
      params: { centreSlug: slug },
    })

    const listed = await call('operator.centres.$centreSlug.issues', 'loader', page(centreA.slug))
    expect((listed.data as { issues: { open: Array<{ id: number }> } }).issues.open.map((row) => row.id)).toContain(
      issueA.id,
    )
    expect((await call('operator.centres.$centreSlug.issues', 'loader', page(centreB.slug))).status).toBe(403)

    const noNote = await call('operator.centres.$centreSlug.issues', 'action', {
      ...page(centreA.slug),
      body: new URLSearchParams({ intent: 'fix', issueId: String(issueA.id), note: '  ' }),
    })
    expect(noNote.status).toBe(400)
    expect(JSON.stringify(noNote.data)).toContain('inspections:form.fixedNoteRequired')
    expect((await issueOf(ofA.id)).status).toBe('open')

    // B's issue id through A's console: not found at this centre, and left alone.
    const across = await call('operator.centres.$centreSlug.issues', 'action', {
      ...page(centreA.slug),
      body: new URLSearchParams({ intent: 'fix', issueId: String(issueB.id), note: '已更换' }),
    })
    expect(across.status).toBe(400)
    expect((await issueOf(ofB.id)).status).toBe('open')

    const fixed = await call('operator.centres.$centreSlug.issues', 'action', {
      ...page(centreA.slug),
      body: new URLSearchParams({ intent: 'fix', issueId: String(issueA.id), note: '已更换全部灭火器' }),
    })
    expect(fixed.status).toBe(303)
    expect(await issueOf(ofA.id)).toMatchObject({
      status: 'fixed',
      fixedNote: '已更换全部灭火器',
      fixedByUserId: operatorA,
      fixedAt: expect.any(Date),
    })
    const audit = await connection.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'inspection.issue_fixed'), eq(auditLog.entityId, issueA.id)))
    expect(audit).toMatchObject([
      {
        actorUserId: operatorA,
        entityType: 'inspection_issue',
        centreId: centreA.id,
        streetId: centreA.streetId,
        details: { note: '已更换全部灭火器' },
      },
    ])
    // Fixing it again changes nothing.
    const again = await call('operator.centres.$centreSlug.issues', 'action', {
      ...page(centreA.slug),
      body: new URLSearchParams({ intent: 'fix', issueId: String(issueA.id), note: '再次' }),
    })
    expect(again.status).toBe(400)
    expect((await issueOf(ofA.id)).fixedNote).toBe('已更换全部灭火器')
  })
})

describe('photos', () => {
  test('a photo of the wrong type or too large is refused with a translated message; a real one is kept and served privately', async () => {
    const { centreA, staffA } = world
    const recorded = await recordFor(centreA.id, { district: false, streetIds: [centreA.streetId] }, staffA)
    if (!recorded.ok) throw new Error(recorded.error)
    const page = {
      userId: staffA,
      path: `/staff/inspections/${recorded.id}`,
      params: { inspectionId: String(recorded.id) },
    }
    const upload = (bytes: Uint8Array, name = 'photo.png', type = 'image/png') => {
      const form = new FormData()
      form.set('intent', 'add-photo')
      form.set('caption', '消防通道')
      form.set('photo', new File([new Uint8Array(bytes)], name, { type }))
      return call('staff.inspections.$inspectionId', 'action', { ...page, body: form })
    }
    const [zh, en] = await Promise.all([
      i18next.getFixedT('zh-CN', 'inspections'),
      i18next.getFixedT('en', 'inspections'),
    ])
    const refusedWith = async (response: Promise<{ status: number; data: unknown }>, status: number, key: string) => {
      const answer = await response
      expect(answer.status).toBe(status)
      expect(answer.data).toEqual({ photoError: `inspections:${key}` })
      // Said in both languages, not as the key.
      expect(zh(key)).not.toBe(key)
      expect(en(key)).not.toBe(key)
      expect(zh(key)).not.toBe(en(key))
    }

    // Text that claims to be a PNG.
    await refusedWith(upload(new TextEncoder().encode('<svg onload=alert(1)>')), 400, 'photos.wrongType')
    // A PNG signature on a file a byte over 5 MB …
    const justOver = new Uint8Array(5 * 1024 * 1024 + 1)
    justOver.set(PNG_SIGNATURE)
    await refusedWith(upload(justOver), 400, 'photos.tooBig')
    // … and a body far too big to hold any allowed photo, refused before it is read.
    const huge = new Uint8Array(6 * 1024 * 1024)
    huge.set(PNG_SIGNATURE)
    await refusedWith(upload(huge), 413, 'photos.tooBig')
    expect(await connection.db.select().from(auditLog).where(eq(auditLog.action, 'inspection.photo_add'))).toEqual([])

    const accepted = await upload(PNG)
    expect(accepted.status).toBe(303)
    const detail = await call('staff.inspections.$inspectionId', 'loader', page)
    const [photo] = (detail.data as { inspection: { photos: Array<{ storageKey: string; caption: string }> } })
      .inspection.photos
    expect(photo).toMatchObject({ caption: '消防通道', storageKey: expect.stringMatching(/^[a-f0-9]{32}\.png$/) })
    const [audited] = await connection.db.select().from(auditLog).where(eq(auditLog.action, 'inspection.photo_add'))
    expect(audited).toMatchObject({ actorUserId: staffA, centreId: centreA.id, entityId: recorded.id })

    // Served to the street office with the image's own type, never cached by others …
    const photoRoute = routes['inspection-photos.$photoKey']!.loader!
    const fetchAs = async (userId: number) =>
      photoRoute({
        request: new Request(`http://localhost/inspection-photos/${photo!.storageKey}`, {
          headers: { Cookie: await cookieFor(userId) },
        }),
        params: { photoKey: photo!.storageKey },
        context: {},
      }).catch((thrown: unknown) => thrown)
    const served = (await fetchAs(staffA)) as Response
    expect(served.status).toBe(200)
    expect(served.headers.get('Content-Type')).toBe('image/png')
    expect(served.headers.get('Cache-Control')).toBe('private, no-store')
    expect(served.headers.get('Content-Security-Policy')).toContain('sandbox')
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG)
    // … to the centre's operator, and to no one from another street.
    expect(((await fetchAs(world.operatorA)) as Response).status).toBe(200)
    expect(((await fetchAs(world.staffB)) as Response).status).toBe(404)
  })
})

describe('the checklist', () => {
  test('only district admins edit it; every change is audited; a scored item is retired, never removed', async () => {
    const page = { path: '/admin/inspection-checklist' }
    const add = new URLSearchParams({ intent: 'add-item', labelZh: '急救箱齐全', labelEn: 'First-aid kit complete' })
    for (const userId of [world.staffA, world.operatorA]) {
      expect((await call('admin.inspection-checklist', 'loader', { ...page, userId })).status).toBe(403)
      expect((await call('admin.inspection-checklist', 'action', { ...page, userId, body: add })).status).toBe(403)
    }
    expect((await currentItems()).map((item) => item.labelZh)).not.toContain('急救箱齐全')

    const admin = { ...page, userId: world.admin }
    expect((await call('admin.inspection-checklist', 'action', { ...admin, body: add })).location).toBe(
      '/admin/inspection-checklist?done=added',
    )
    const added = (await currentItems()).find((item) => item.labelZh === '急救箱齐全')!
    expect(added).toBeTruthy()
    const rename = new URLSearchParams({
      intent: 'rename-item',
      itemId: String(added.id),
      labelZh: '急救箱齐全有效',
      labelEn: 'First-aid kit complete and in date',
    })
    expect((await call('admin.inspection-checklist', 'action', { ...admin, body: rename })).status).toBe(303)
    const empty = new URLSearchParams({ intent: 'rename-item', itemId: String(added.id), labelZh: '', labelEn: 'x' })
    expect((await call('admin.inspection-checklist', 'action', { ...admin, body: empty })).status).toBe(400)

    // An unscored item may be removed; a scored one is refused and stays, and can be retired.
    const scoredItem = (await currentItems()).find((item) => item.key === 'safety')!
    expect(scoredItem.scored).toBe(true)
    const removeScored = new URLSearchParams({ intent: 'remove', itemId: String(scoredItem.id) })
    const refused = await call('admin.inspection-checklist', 'action', { ...admin, body: removeScored })
    expect(refused.status).toBe(409)
    expect(refused.data).toMatchObject({ refusal: 'inspections:checklist.scored' })
    const retire = new URLSearchParams({ intent: 'retire', itemId: String(scoredItem.id) })
    expect((await call('admin.inspection-checklist', 'action', { ...admin, body: retire })).status).toBe(303)
    expect((await currentItems()).map((item) => item.id)).not.toContain(scoredItem.id)
    const [stillThere] = await connection.db
      .select({ retiredAt: inspectionChecklistItems.retiredAt })
      .from(inspectionChecklistItems)
      .where(eq(inspectionChecklistItems.id, scoredItem.id))
    expect(stillThere!.retiredAt).toBeInstanceOf(Date)
    const removeAdded = new URLSearchParams({ intent: 'remove', itemId: String(added.id) })
    expect((await call('admin.inspection-checklist', 'action', { ...admin, body: removeAdded })).status).toBe(303)

    const audited = await connection.db
      .select({ action: auditLog.action, entityId: auditLog.entityId, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.entityType, 'inspection_checklist_item'))
      .orderBy(auditLog.id)
    expect(audited).toEqual([
      { action: 'inspection_checklist.add', entityId: added.id, actor: world.admin },
      { action: 'inspection_checklist.rename', entityId: added.id, actor: world.admin },
      { action: 'inspection_checklist.retire', entityId: scoredItem.id, actor: world.admin },
      { action: 'inspection_checklist.remove', entityId: added.id, actor: world.admin },
    ])
    // A new inspection now scores the items still on the checklist, and only those.
    const recorded = await recordFor(world.centreA.id, { district: true, streetIds: [] }, world.admin)
    expect(recorded.ok).toBe(true)
  })
})
