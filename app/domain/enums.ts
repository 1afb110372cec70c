/**
 * The domain's fixed vocabularies (categories, booking modes, statuses, roles), as plain
 * lists: routes and components use them without pulling the ORM into the browser, and
 * db/schema/enums.ts makes the database enums from these same lists.
 */

/** The five kinds of service every neighbourhood centre offers (DOMAIN.md). */
export const serviceCategories = ['government', 'training', 'fitness', 'culture', 'elder_care'] as const
export type ServiceCategory = (typeof serviceCategories)[number]

/** class: dated slots with seats; appointment: short slots at N counters; drop_in: opening hours only. */
export const bookingModes = ['class', 'appointment', 'drop_in'] as const
export type BookingMode = (typeof bookingModes)[number]

export const serviceStatuses = ['active', 'paused', 'retired'] as const

export const slotStatuses = ['scheduled', 'cancelled'] as const
export type SlotStatus = (typeof slotStatuses)[number]

export const bookingStatuses = ['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const
export type BookingStatus = (typeof bookingStatuses)[number]

/** Who a lower price applies to; checked against the attendee, never the account holder. */
export const concessionKinds = ['age_60', 'age_80', 'low_income', 'disability'] as const
export type ConcessionKind = (typeof concessionKinds)[number]

export const roles = ['resident', 'operator', 'street_staff', 'district_admin'] as const
export type Role = (typeof roles)[number]

export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]

export const announcementCategories = ['notice', 'event', 'service_change', 'urgent'] as const
export type AnnouncementCategory = (typeof announcementCategories)[number]

export const announcementStatuses = ['draft', 'scheduled', 'published', 'archived'] as const
export type AnnouncementStatus = (typeof announcementStatuses)[number]

export const notificationKinds = [
  'booking_confirmed',
  'booking_waitlisted',
  'waitlist_promoted',
  'booking_cancelled',
  'slot_cancelled',
  'slot_moved',
  'booking_reminder',
  'urgent_announcement',
  'feedback_request',
] as const
export type NotificationKind = (typeof notificationKinds)[number]

export const channels = ['in_app', 'email', 'sms'] as const
export type Channel = (typeof channels)[number]
/** Channels a resident may choose besides the website; off until chosen. */
export const optionalChannels = ['email', 'sms'] as const satisfies readonly Channel[]

/**
 * Notices on the website a resident may turn off (on until they do). News about their own
 * bookings — confirmed, cancelled, moved, promoted — is always shown on the website.
 */
export const silenceableKinds = [
  'booking_reminder',
  'urgent_announcement',
  'feedback_request',
] as const satisfies readonly NotificationKind[]

export function isSilenceable(kind: NotificationKind): boolean {
  return (silenceableKinds as readonly NotificationKind[]).includes(kind)
}

/** pending → sending (claimed by a worker, under a lease) → sent, or back to pending to retry, or failed. */
export const outboxStatuses = ['pending', 'sending', 'sent', 'failed'] as const
export type OutboxStatus = (typeof outboxStatuses)[number]

export const inspectionIssueStatuses = ['open', 'fixed'] as const
