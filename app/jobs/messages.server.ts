import { defaultLanguage, isLanguage } from '#app/i18n.ts'
import { notificationKinds, type NotificationKind } from '#app/domain/enums.ts'
import { formatDateTimeRange } from '#app/utils/format.ts'
import i18next from '#app/utils/i18next.server.ts'
import type { MessageDetails } from '#app/models/outbox.server.ts'
import { PermanentDeliveryError } from './transports.server.ts'

/**
 * The words of an email or SMS, from the `messages` namespace in the recipient's
 * language. A notification's params are stored once for both languages; the service,
 * centre and time come from the booking as it is when the message is sent.
 */

export type RenderedMessage = { subject: string; text: string }

export async function renderMessage({
  channel,
  template,
  payload,
  language,
  details,
}: {
  channel: 'email' | 'sms'
  template: string
  payload: Record<string, string | number>
  language: string
  details: MessageDetails | undefined
}): Promise<RenderedMessage> {
  if (!isNotificationKind(template)) throw new PermanentDeliveryError('unknown_template')
  const lng = isLanguage(language) ? language : defaultLanguage
  const t = await i18next.getFixedT(lng, 'messages')
  const context: Record<string, string | number> = { ...payload }
  const booking = details?.booking
  if (template === 'urgent_announcement') {
    // The title as it is now; the one in the payload if the announcement is gone.
    const titleZh = details?.announcement?.titleZh ?? stringOr(payload.titleZh)
    const titleEn = details?.announcement ? details.announcement.titleEn : stringOr(payload.titleEn)
    if (!titleZh) throw new PermanentDeliveryError('details_missing')
    context.title = (lng === 'en' && titleEn) || titleZh
  } else {
    // Every other kind is about a booking.
    if (!booking) throw new PermanentDeliveryError('details_missing')
    context.reference = booking.reference
    context.service = lng === 'en' ? booking.serviceEn : booking.serviceZh
    context.centre = lng === 'en' ? booking.centreEn : booking.centreZh
    context.centrePhone = booking.centrePhone
    context.when = formatDateTimeRange(booking.startsAt, booking.endsAt, booking.timeZone, lng)
  }
  if (channel === 'sms') {
    return { subject: '', text: `${t('sms.signature')}${t(`kinds.${template}.sms`, context)}` }
  }
  const parts = [t(`kinds.${template}.lead`, context)]
  if (booking && template !== 'urgent_announcement') parts.push(t('email.bookingDetails', context))
  parts.push(t('email.footer'))
  return { subject: t(`kinds.${template}.subject`, context), text: parts.join('\n\n') }
}

function stringOr(value: string | number | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function isNotificationKind(value: string): value is NotificationKind {
  return (notificationKinds as readonly string[]).includes(value)
}
