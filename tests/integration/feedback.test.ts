import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseConnection } from '#db/connect.server.ts'
import {
  auditLog,
  bookings,
  centres,
  feedback,
  householdMembers,
  notifications,
  roleGrants,
  services,
} from '#db/schema/index.ts'
import { loginCookies, startApp, type AppProcess } from '#tests/fixtures/app-process.ts'
import { bookingReference, createCentre, createResident, createService, createSlot } from '#tests/fixtures/factories.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

// Residents' feedback on real Postgres: through the model (who may rate, when, how often,
// under concurrency) and through the built app over HTTP (moderation hides a comment from
// every page residents see, is audited, and is refused to another centre's operator).

let connection: DatabaseConnection & { url: string }
let model: typeof import('#app/models/feedback.server.ts')
let desk: typeof import('#app/models/desk.server.ts')
let app: AppProcess

const HOUR = 3_600_000
const DAY = 24 * HOUR

interface Place {
  centreId: number
  centreSlug: string
  serviceId: number
  serviceSlug: string
}

async function place(): Promise<Place> {
  const centre = await createCentre(connection.db)
  const service = await createService(connection.db, { centreId: centre.id })
  const [centreRow] = await connection.db.select({ slug: centres.slug }).from(centres).where(eq(centres.id, centre.id))
  const [serviceRow] = await connection.db
    .select({ slug: services.slug })
    .from(services)
    .where(eq(services.id, service.id))
  return { centreId: centre.id, centreSlug: centreRow!.slug, serviceId: service.id, serviceSlug: serviceRow!.slug }
}

/**
 * A booking on a slot that started `startedAgo` ms ago (an hour long), made by a new
 * resident for themselves or for a household member, in the given state.
 */
async function booking({
  at,
  startedAgo = 2 * HOUR,
  status = 'attended',
  forMember = false,
}: {
  at: Place
  startedAgo?: number
  status?: 'confirmed' | 'attended' | 'no_show' | 'cancelled'
  forMember?: boolean
}) {
  const startsAt = new Date(Date.now() - startedAgo)
  const slot = await createSlot(connection.db, { serviceId: at.serviceId, startsAt })
  const booker = await createResident(connection.db)
  const [member] = forMember
    ? await connection.db
        .insert(householdMembers)
        .values({ ownerUserId: booker.id, name: '父亲', relation: 'parent', birthYear: 1944 })
        .returning({ id: householdMembers.id })
    : []
  const reference = bookingReference()
  const [row] = await connection.db
    .insert(bookings)
    .values({
      reference,
      slotId: slot.id,
      bookedByUserId: booker.id,
      attendeeUserId: member ? null : booker.id,
      attendeeMemberId: member?.id ?? null,
      status,
      confirmedAt: startsAt,
      checkedInAt: status === 'attended' ? startsAt : null,
      cancelledAt: status === 'cancelled' ? startsAt : null,
    })
    .returning({ id: bookings.id })
  return { id: row!.id, reference, bookerId: booker.id, endsAt: new Date(startsAt.getTime() + HOUR), slotId: slot.id }
}

const feedbackRows = (bookingId: number) =>
  connection.db.select().from(feedback).where(eq(feedback.bookingId, bookingId))

beforeAll(async () => {
  connection = await migratedPostgres()
  process.env.DATABASE_URL = connection.url
  model = await import('#app/models/feedback.server.ts')
  desk = await import('#app/models/desk.server.ts')
})
afterAll(async () => {
  await app?.stop()
  await (await import('#db/client.server.ts')).closeDatabase()
  await connection?.close()
})

describe('who may rate, and when', () => {
  test('only after attendance: a booked, missed or cancelled session cannot be rated', async () => {
    const at = await place()
    for (const status of ['confirmed', 'no_show', 'cancelled'] as const) {
      const b = await booking({ at, status })
      expect(await model.submitFeedback({ reference: b.reference, bookedByUserId: b.bookerId, rating: 5 })).toEqual({
        ok: false,
        reason: 'not_attended',
      })
      expect(await feedbackRows(b.id)).toHaveLength(0)
    }
  })

  test('checking in at the desk asks the account holder to rate, once; then they may rate it', async () => {
    const at = await place()
    const b = await booking({ at, status: 'confirmed', forMember: true, startedAgo: 10 * 60_000 })
    const checkIn = () =>
      desk.changeAttendance({
        centreId: at.centreId,
        reference: b.reference,
        change: 'check_in',
        actorUserId: b.bookerId,
      })
    expect((await checkIn()).ok).toBe(true)
    // A mistaken check-in undone and made again does not ask twice.
    expect(
      (
        await desk.changeAttendance({
          centreId: at.centreId,
          reference: b.reference,
          change: 'undo',
          actorUserId: b.bookerId,
        })
      ).ok,
    ).toBe(true)
    expect((await checkIn()).ok).toBe(true)
    const asked = await connection.db
      .select({ userId: notifications.userId, params: notifications.params })
      .from(notifications)
      .where(and(eq(notifications.bookingId, b.id), eq(notifications.kind, 'feedback_request')))
    expect(asked).toEqual([
      { userId: b.bookerId, params: { reference: b.reference, serviceZh: '瑜伽', serviceEn: 'Yoga' } },
    ])

    // The account holder rates their father's session.
    expect(
      await model.submitFeedback({ reference: b.reference, bookedByUserId: b.bookerId, rating: 4, comment: '很好' }),
    ).toEqual({ ok: true })
    const [row] = await feedbackRows(b.id)
    expect(row).toMatchObject({ authorUserId: b.bookerId, rating: 4, comment: '很好', hiddenAt: null })
  })

  test('only once: a second rating is refused in words and changes nothing', async () => {
    const at = await place()
    const b = await booking({ at })
    expect(await model.submitFeedback({ reference: b.reference, bookedByUserId: b.bookerId, rating: 2 })).toEqual({
      ok: true,
    })
    expect(await model.submitFeedback({ reference: b.reference, bookedByUserId: b.bookerId, rating: 5 })).toEqual({
      ok: false,
      reason: 'already_rated',
    })
    expect((await feedbackRows(b.id)).map((row) => row.rating)).toEqual([2])
  })

  test('only once under concurrency: of simultaneous submissions one is saved, the others are told why', async () => {
    const at = await place()
    for (let round = 0; round < 5; round++) {
      const b = await booking({ at })
      const outcomes = await Promise.all(
        [1, 2, 3, 4].map((rating) =>
          model.submitFeedback({ reference: b.reference, bookedByUserId: b.bookerId, rating }),
        ),
      )
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1)
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual(
        Array.from({ length: 3 }, () => ({ ok: false, reason: 'already_rated' })),
      )
      expect(await feedbackRows(b.id)).toHaveLength(1)
    }
  })

  test('two submissions over HTTP at once: one row, and a friendly 400 (never a 500) for the other', async () => {
    app ??= await startApp({ env: { DATABASE_URL: connection.url } })
    const at = await place()
    const b = await booking({ at })
    const [cookie] = await loginCookies(connection.db, [b.bookerId])
    const statuses = await Promise.all(
      [3, 5].map(async (rating) => {
        const response = await post(`/bookings/${b.reference}`, cookie!, { intent: 'feedback', rating: String(rating) })
        return { status: response.status, body: await response.text() }
      }),
    )
    expect(statuses.map((answer) => answer.status).sort()).toEqual([303, 400])
    expect(statuses.find((answer) => answer.status === 400)!.body).toContain(
      'This booking has already been rated. Each booking can be rated once.',
    )
    expect(await feedbackRows(b.id)).toHaveLength(1)
  }, 90_000)

  test('not after 14 days from the end of the session', async () => {
    const at = await place()
    const b = await booking({ at, startedAgo: 20 * DAY })
    const closes = b.endsAt.getTime() + 14 * DAY
    expect(
      await model.submitFeedback({
        reference: b.reference,
        bookedByUserId: b.bookerId,
        rating: 3,
        now: new Date(closes + 60_000),
      }),
    ).toEqual({ ok: false, reason: 'window_closed' })
    expect(await feedbackRows(b.id)).toHaveLength(0)
    expect(
      await model.submitFeedback({
        reference: b.reference,
        bookedByUserId: b.bookerId,
        rating: 3,
        now: new Date(closes - 60_000),
      }),
    ).toEqual({ ok: true })
  })

  test('only by the account that booked: anyone else finds no such booking', async () => {
    const at = await place()
    const b = await booking({ at })
    const stranger = await createResident(connection.db)
    expect(await model.submitFeedback({ reference: b.reference, bookedByUserId: stranger.id, rating: 1 })).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(await feedbackRows(b.id)).toHaveLength(0)
  })
})

async function post(path: string, cookie: string, form: Record<string, string>) {
  return fetch(`${app.origin}${path}`, {
    method: 'POST',
    headers: {
      Cookie: cookie,
      Origin: app.origin,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Accept-Language': 'en',
    },
    body: new URLSearchParams(form),
    redirect: 'manual',
  })
}

async function page(path: string, cookie?: string) {
  const response = await fetch(`${app.origin}${path}`, {
    headers: { ...(cookie ? { Cookie: cookie } : {}), 'Accept-Language': 'en' },
  })
  expect(response.status).toBe(200)
  return response.text()
}

describe('moderation over HTTP', () => {
  let at: Place
  let other: Place
  let operatorCookie: string
  let otherOperatorCookie: string
  let operatorId: number

  beforeAll(async () => {
    app ??= await startApp({ env: { DATABASE_URL: connection.url } })
    at = await place()
    other = await place()
    const operator = await createResident(connection.db)
    const otherOperator = await createResident(connection.db)
    await connection.db.insert(roleGrants).values([
      { userId: operator.id, role: 'operator', centreId: at.centreId },
      { userId: otherOperator.id, role: 'operator', centreId: other.centreId },
    ])
    operatorId = operator.id
    ;[operatorCookie, otherOperatorCookie] = (await loginCookies(connection.db, [operator.id, otherOperator.id])) as [
      string,
      string,
    ]
  }, 90_000)

  test('hiding a comment takes it off every page residents see, keeps its rating, and is audited', async () => {
    const comment = `Rude words <b>here</b> ${bookingReference()}`
    const kept = `Lovely teacher ${bookingReference()}`
    const b = await booking({ at })
    const nice = await booking({ at })
    await model.submitFeedback({ reference: b.reference, bookedByUserId: b.bookerId, rating: 1, comment })
    await model.submitFeedback({ reference: nice.reference, bookedByUserId: nice.bookerId, rating: 4, comment: kept })
    const servicePage = `/centres/${at.centreSlug}/services/${at.serviceSlug}`
    const [authorCookie] = await loginCookies(connection.db, [b.bookerId])

    // Before: shown as text (escaped, never as HTML), with the average of both ratings.
    let html = await page(servicePage)
    expect(html).toContain(comment.replace('<b>', '&lt;b&gt;').replace('</b>', '&lt;/b&gt;'))
    expect(html).not.toContain('<b>here</b>')
    expect(html).toContain('Rated 2.5 out of 5 by 2 residents')

    const [row] = await feedbackRows(b.id)
    const hide = await post(`/operator/centres/${at.centreSlug}/feedback`, operatorCookie, {
      intent: 'hide',
      feedbackId: String(row!.id),
      reason: 'Insults a member of staff',
    })
    expect(hide.status).toBe(303)

    html = await page(servicePage)
    expect(html).not.toContain('Rude words')
    expect(html).toContain(kept)
    // The rating still counts: hiding words must not hide a score.
    expect(html).toContain('Rated 2.5 out of 5 by 2 residents')
    expect(await page(`/centres/${at.centreSlug}`)).toContain('Rated 2.5 out of 5 by 2 residents')
    // The author sees that it was hidden and why, not the words again.
    const own = await page(`/bookings/${b.reference}`, authorCookie)
    expect(own).not.toContain('Rude words')
    expect(own).toContain('The centre hid your comment from other residents. Reason: Insults a member of staff')

    const audits = await connection.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'feedback'), eq(auditLog.entityId, row!.id)))
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ actorUserId: operatorId, action: 'feedback_hidden', centreId: at.centreId })
    expect(audits[0]!.details).toMatchObject({
      before: { hiddenAt: null, hiddenReason: null },
      after: { hiddenReason: 'Insults a member of staff', hiddenByUserId: operatorId },
    })

    // Shown again: back on the service page, and audited too.
    const unhide = await post(`/operator/centres/${at.centreSlug}/feedback`, operatorCookie, {
      intent: 'unhide',
      feedbackId: String(row!.id),
    })
    expect(unhide.status).toBe(303)
    expect(await page(servicePage)).toContain('Rude words')
    const actions = await connection.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'feedback'), eq(auditLog.entityId, row!.id)))
    expect(actions.map((audit) => audit.action).sort()).toEqual(['feedback_hidden', 'feedback_unhidden'])
  })

  test('hiding needs a reason: refused in words, nothing changes', async () => {
    const b = await booking({ at })
    await model.submitFeedback({ reference: b.reference, bookedByUserId: b.bookerId, rating: 2, comment: 'meh' })
    const [row] = await feedbackRows(b.id)
    const response = await post(`/operator/centres/${at.centreSlug}/feedback`, operatorCookie, {
      intent: 'hide',
      feedbackId: String(row!.id),
      reason: '  ',
    })
    expect(response.status).toBe(400)
    expect((await feedbackRows(b.id))[0]!.hiddenAt).toBeNull()
  })

  test("an operator of another centre can't moderate: not by address, not by form field", async () => {
    const b = await booking({ at })
    const comment = `Stays visible ${bookingReference()}`
    await model.submitFeedback({ reference: b.reference, bookedByUserId: b.bookerId, rating: 3, comment })
    const [row] = await feedbackRows(b.id)
    const form = { intent: 'hide', feedbackId: String(row!.id), reason: 'Not mine to hide' }

    // Centre A's console: forbidden, and its page too.
    expect((await post(`/operator/centres/${at.centreSlug}/feedback`, otherOperatorCookie, form)).status).toBe(403)
    const listing = await fetch(`${app.origin}/operator/centres/${at.centreSlug}/feedback`, {
      headers: { Cookie: otherOperatorCookie },
      redirect: 'manual',
    })
    expect(listing.status).toBe(403)
    // Their own centre's console with centre A's feedback id: not found.
    expect((await post(`/operator/centres/${other.centreSlug}/feedback`, otherOperatorCookie, form)).status).toBe(404)
    // Nor does their own centre's list show it.
    expect(await page(`/operator/centres/${other.centreSlug}/feedback`, otherOperatorCookie)).not.toContain(comment)

    expect((await feedbackRows(b.id))[0]!.hiddenAt).toBeNull()
    const audits = await connection.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'feedback'), eq(auditLog.entityId, row!.id)))
    expect(audits).toHaveLength(0)
    expect(await page(`/centres/${at.centreSlug}/services/${at.serviceSlug}`)).toContain(comment)
  })
})
