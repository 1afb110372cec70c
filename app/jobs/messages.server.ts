import type { TFunction } from 'i18next'
import { defaultLanguage, isLanguage, type Language } from '#app/i18n.ts'
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

const translators = new Map<Language, Promise<TFunction>>()
function translatorFor(language: Language) {
  let translator = translators.get(language)
  if (!translator) {
    translator = i18next.getFixedT(language, 'messages')
    // A failed load (a missing file) is not cached: the next message tries again.
    translator.catch(() => translators.delete(language))
    translators.set(language, translator)
  }
  return translator
}

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
  const t = await translatorFor(lng)
  const aboutBooking = details?.reference != null
  if (!aboutBooking && template !== 'urgent_announcement') throw new PermanentDeliveryError('details_missing')
  if (template === 'urgent_announcement' && !details?.announcementTitleZh) {
    throw new PermanentDeliveryError('details_missing')
  }
  const context: Record<string, string | number> = { ...payload }
  if (details && aboutBooking) {
    context.reference = details.reference!
    context.service = (lng === 'en' ? details.serviceEn : details.serviceZh) ?? ''
    context.centre = (lng === 'en' ? details.centreEn : details.centreZh) ?? ''
    context.centrePhone = details.centrePhone ?? ''
    context.when = formatDateTimeRange(details.startsAt!, details.endsAt!, details.timeZone!, lng)
  }
  if (details?.announcementTitleZh) {
    context.title = (lng === 'en' && details.announcementTitleEn) || details.announcementTitleZh
  }
  if (channel === 'sms') {
    return { subject: '', text: `${t('sms.signature')}${t(`kinds.${template}.sms`, context)}` }
  }
  const parts = [t(`kinds.${template}.lead`, context)]
  if (aboutBooking) parts.push(t('email.bookingDetails', context))
  parts.push(t('email.footer'))
  return { subject: t(`kinds.${template}.subject`, context), text: parts.join('\n\n') }
}

function isNotificationKind(value: string): value is NotificationKind {
  return (notificationKinds as readonly string[]).includes(value)
}
