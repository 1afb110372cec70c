import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm'
import type { Transaction } from '#db/connect.server.ts'
import * as schema from '#db/schema/index.ts'

/**
 * Residents' ratings for the demo: a few sessions of last week that residents attended
 * and rated (one comment hidden by the centre, to show moderation), and one session that
 * Wang Xiaomei attended two days ago and has not rated yet, with the notification asking
 * her to — so "My bookings" shows the prompt.
 */

const DAY = 86_400_000
const HOUR = 3_600_000

/** The words residents left; null for a rating without a comment. */
const COMMENTS: Array<{ rating: number; comment: string | null }> = [
  { rating: 5, comment: '老师很耐心，动作讲得很清楚，下次还来。' },
  { rating: 4, comment: '场地干净，就是人有点多。' },
  { rating: 5, comment: null },
  { rating: 3, comment: '开始晚了十分钟，希望准时。' },
  { rating: 5, comment: 'Friendly staff and a clear explanation — thank you!' },
  { rating: 4, comment: null },
  { rating: 4, comment: '离家近，很方便，推荐给邻居了。' },
  { rating: 2, comment: '空调太冷了，希望调一下温度。' },
]

export async function insertDemoFeedback(
  tx: Transaction,
  { now, demoResidentPhone, demoOperatorPhone }: { now: Date; demoResidentPhone: string; demoOperatorPhone: string },
): Promise<void> {
  const staffIds = tx.select({ id: schema.roleGrants.userId }).from(schema.roleGrants)
  const [operator] = await tx
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.phone, demoOperatorPhone))
  const [resident] = await tx
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.phone, demoResidentPhone))
  if (!operator || !resident) throw new Error('Demo seed: the demo resident and operator come first')
  const operated = new Set(
    (
      await tx
        .select({ centreId: schema.roleGrants.centreId })
        .from(schema.roleGrants)
        .where(and(eq(schema.roleGrants.userId, operator.id), eq(schema.roleGrants.role, 'operator')))
    ).map((grant) => grant.centreId),
  )
  // Residents of the demo district with no staff role, in a fixed order.
  const raters = await tx
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(and(notInArray(schema.users.id, staffIds), sql`${schema.users.id} <> ${resident.id}`))
    .orderBy(asc(schema.users.id))
    .limit(40)
  // Open classes anyone may join: the first two of each centre.
  const classes = await tx
    .select({ id: schema.services.id, centreId: schema.services.centreId })
    .from(schema.services)
    .where(
      and(
        eq(schema.services.bookingMode, 'class'),
        eq(schema.services.residentsOnly, false),
        isNull(schema.services.minAge),
        isNull(schema.services.maxAge),
      ),
    )
    .orderBy(asc(schema.services.centreId), asc(schema.services.id))
  const perCentre = new Map<number, number[]>()
  for (const service of classes) {
    const ids = perCentre.get(service.centreId) ?? []
    if (ids.length < 2) perCentre.set(service.centreId, [...ids, service.id])
  }
  const rated = [...perCentre.values()].flat()
  const centreOf = new Map(classes.map((service) => [service.id, service.centreId]))
  // The demo operator checks people in, and moderates, only at the centres they run.
  const byOperator = (serviceId: number) => (operated.has(centreOf.get(serviceId)!) ? operator.id : null)
  if (rated.length === 0 || raters.length === 0) return

  // Last week: one session of each, attended by a few residents who rated it.
  const sessions = await tx
    .insert(schema.slots)
    .values(
      rated.map((serviceId, index) => {
        const startsAt = new Date(now.getTime() - (3 + (index % 5)) * DAY - 2 * HOUR)
        return { serviceId, startsAt, endsAt: new Date(startsAt.getTime() + HOUR), capacity: 20 }
      }),
    )
    .returning({ id: schema.slots.id, serviceId: schema.slots.serviceId, startsAt: schema.slots.startsAt })
  let n = 0
  const attended: Array<typeof schema.bookings.$inferInsert> = []
  const ratings: Array<{
    reference: string
    rating: number
    comment: string | null
    at: Date
    moderator: number | null
  }> = []
  sessions.forEach((slot, slotIndex) => {
    const count = 3 + (slotIndex % 3)
    for (let k = 0; k < count; k++) {
      n++
      const rater = raters[(slotIndex * 5 + k) % raters.length]!
      const reference = `FB${String(n).padStart(6, '0')}`
      const bookedAt = new Date(slot.startsAt.getTime() - 3 * DAY)
      attended.push({
        reference,
        slotId: slot.id,
        bookedByUserId: rater.id,
        attendeeUserId: rater.id,
        status: 'attended',
        queuedAt: bookedAt,
        createdAt: bookedAt,
        confirmedAt: bookedAt,
        checkedInAt: new Date(slot.startsAt.getTime() - 10 * 60_000),
        checkedInByUserId: byOperator(slot.serviceId),
      })
      const words = COMMENTS[(slotIndex * 3 + k) % COMMENTS.length]!
      ratings.push({
        reference,
        ...words,
        at: new Date(slot.startsAt.getTime() + 3 * HOUR + k * HOUR),
        moderator: byOperator(slot.serviceId),
      })
    }
  })
  // Wang Xiaomei went to the first of them two days ago, and has not rated it yet.
  const [first] = rated
  const [recent] = await tx
    .insert(schema.slots)
    .values({
      serviceId: first!,
      startsAt: new Date(now.getTime() - 2 * DAY),
      endsAt: new Date(now.getTime() - 2 * DAY + HOUR),
      capacity: 20,
    })
    .returning({ id: schema.slots.id, startsAt: schema.slots.startsAt })
  const unrated = `FB${String(n + 1).padStart(6, '0')}`
  attended.push({
    reference: unrated,
    slotId: recent!.id,
    bookedByUserId: resident.id,
    attendeeUserId: resident.id,
    status: 'attended',
    queuedAt: new Date(recent!.startsAt.getTime() - 2 * DAY),
    createdAt: new Date(recent!.startsAt.getTime() - 2 * DAY),
    confirmedAt: new Date(recent!.startsAt.getTime() - 2 * DAY),
    checkedInAt: new Date(recent!.startsAt.getTime() - 5 * 60_000),
    checkedInByUserId: byOperator(first!),
  })
  const bookingIds = await tx.insert(schema.bookings).values(attended).returning({
    id: schema.bookings.id,
    reference: schema.bookings.reference,
    bookedBy: schema.bookings.bookedByUserId,
  })
  const idOf = new Map(bookingIds.map((row) => [row.reference, row]))

  await tx.insert(schema.feedback).values(
    ratings.map(({ reference, rating, comment, at, moderator }) => {
      const booking = idOf.get(reference)!
      // The one about the air conditioning was rude in the original; the demo operator hid it.
      const hidden = moderator !== null && (comment?.startsWith('空调') ?? false)
      return {
        bookingId: booking.id,
        authorUserId: booking.bookedBy,
        rating,
        comment,
        createdAt: at,
        hiddenAt: hidden ? new Date(at.getTime() + 2 * HOUR) : null,
        hiddenReason: hidden ? '含有针对工作人员的不文明用语' : null,
        hiddenByUserId: hidden ? moderator : null,
      }
    }),
  )
  const [service] = await tx
    .select({ nameZh: schema.services.nameZh, nameEn: schema.services.nameEn })
    .from(schema.services)
    .where(inArray(schema.services.id, [first!]))
  await tx.insert(schema.notifications).values({
    userId: resident.id,
    kind: 'feedback_request',
    bookingId: idOf.get(unrated)!.id,
    params: { reference: unrated, serviceZh: service!.nameZh, serviceEn: service!.nameEn },
    createdAt: recent!.startsAt,
  })
}
