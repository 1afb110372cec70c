import * as z from 'zod'
import type { BookingStatus } from './enums.ts'
import { MAX_ROW_ID } from './row-id.ts'

/**
 * When a resident may rate a booking, as pure functions. Refusals are keys under
 * `feedback:errors`, so the model, the page and the tests say the same thing.
 */

const DAY = 86_400_000
/** A booking may be rated until this long after its slot ends. */
export const FEEDBACK_WINDOW_DAYS = 14
export const COMMENT_MAX_LENGTH = 2000
export const HIDE_REASON_MAX_LENGTH = 300

export type FeedbackRefusal = 'not_found' | 'not_attended' | 'window_closed' | 'already_rated'

/** The last moment a booking whose slot ends at `endsAt` may be rated. */
export function feedbackClosesAt(endsAt: Date): Date {
  return new Date(endsAt.getTime() + FEEDBACK_WINDOW_DAYS * DAY)
}

/** Only an attended booking, once, within the window after its slot. */
export function feedbackRefusal({
  status,
  endsAt,
  alreadyRated,
  now,
}: {
  status: BookingStatus
  endsAt: Date
  alreadyRated: boolean
  now: Date
}): FeedbackRefusal | null {
  if (alreadyRated) return 'already_rated'
  if (status !== 'attended') return 'not_attended'
  if (now.getTime() > feedbackClosesAt(endsAt).getTime()) return 'window_closed'
  return null
}

export const RATINGS = ['1', '2', '3', '4', '5'] as const

/** The resident's form: a rating of 1–5 (a radio group) and an optional comment. */
export const feedbackSchema = z.object({
  intent: z.literal('feedback'),
  rating: z.enum(RATINGS, { error: 'feedback:form.ratingRequired' }).transform(Number),
  comment: z.string().trim().max(COMMENT_MAX_LENGTH, { error: 'feedback:form.commentTooLong' }).optional(),
})

/** The operator's forms: hide a comment with a reason, or show it again. */
export const moderationSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('hide'),
    feedbackId: z.coerce.number().int().positive().max(MAX_ROW_ID),
    reason: z
      .string({ error: 'feedback:moderation.reasonRequired' })
      .trim()
      .min(1, { error: 'feedback:moderation.reasonRequired' })
      .max(HIDE_REASON_MAX_LENGTH, { error: 'feedback:moderation.reasonTooLong' }),
  }),
  z.object({ intent: z.literal('unhide'), feedbackId: z.coerce.number().int().positive().max(MAX_ROW_ID) }),
])
