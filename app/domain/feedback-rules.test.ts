import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, test } from 'vitest'
import { feedbackClosesAt, feedbackRefusal, feedbackSchema } from './feedback-rules.ts'

const endsAt = new Date('2026-11-10T03:00:00Z')
const DAY = 86_400_000

describe('feedbackRefusal', () => {
  test('an attended booking may be rated until 14 days after its slot ends', () => {
    expect(feedbackClosesAt(endsAt)).toEqual(new Date('2026-11-24T03:00:00Z'))
    expect(feedbackRefusal({ status: 'attended', endsAt, alreadyRated: false, now: endsAt })).toBeNull()
    const lastMoment = new Date(endsAt.getTime() + 14 * DAY)
    expect(feedbackRefusal({ status: 'attended', endsAt, alreadyRated: false, now: lastMoment })).toBeNull()
    expect(
      feedbackRefusal({ status: 'attended', endsAt, alreadyRated: false, now: new Date(lastMoment.getTime() + 1) }),
    ).toBe('window_closed')
  })

  test.each(['confirmed', 'waitlisted', 'cancelled', 'no_show'] as const)('a %s booking may not be rated', (status) => {
    expect(feedbackRefusal({ status, endsAt, alreadyRated: false, now: endsAt })).toBe('not_attended')
  })

  test('a rated booking is refused as rated, whatever else holds', () => {
    expect(feedbackRefusal({ status: 'attended', endsAt, alreadyRated: true, now: endsAt })).toBe('already_rated')
  })
})

describe('feedbackSchema', () => {
  const parse = (fields: Record<string, string>) => {
    const formData = new FormData()
    for (const [name, value] of Object.entries(fields)) formData.append(name, value)
    return parseWithZod(formData, { schema: feedbackSchema })
  }

  test('a rating of 1 to 5 and an optional comment, trimmed', () => {
    const submission = parse({ intent: 'feedback', rating: '5', comment: '  好  ' })
    expect(submission.status === 'success' && submission.value).toEqual({
      intent: 'feedback',
      rating: 5,
      comment: '好',
    })
    const bare = parse({ intent: 'feedback', rating: '1', comment: '' })
    expect(bare.status === 'success' && bare.value).toEqual({ intent: 'feedback', rating: 1 })
  })

  test.each(['', '0', '6', '4.5', 'five'])('refuses a rating of %j with a translated message', (rating) => {
    const submission = parse({ intent: 'feedback', rating })
    expect(submission.status).toBe('error')
    expect(submission.reply().error?.rating).toEqual(['feedback:form.ratingRequired'])
  })

  test('refuses a comment over 2,000 characters', () => {
    const submission = parse({ intent: 'feedback', rating: '3', comment: 'x'.repeat(2001) })
    expect(submission.reply().error?.comment).toEqual(['feedback:form.commentTooLong'])
  })
})
