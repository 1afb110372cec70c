import { pgEnum } from 'drizzle-orm/pg-core'

/** The five kinds of service every neighbourhood centre offers (DOMAIN.md). */
export const serviceCategories = ['government', 'training', 'fitness', 'culture', 'elder_care'] as const
export type ServiceCategory = (typeof serviceCategories)[number]
export const serviceCategory = pgEnum('service_category', serviceCategories)

/** class: dated slots with seats; appointment: short slots at N counters; drop_in: opening hours only. */
export const bookingModes = ['class', 'appointment', 'drop_in'] as const
export type BookingMode = (typeof bookingModes)[number]
export const bookingMode = pgEnum('booking_mode', bookingModes)

export const serviceStatuses = ['active', 'paused', 'retired'] as const
export const serviceStatus = pgEnum('service_status', serviceStatuses)

export const slotStatuses = ['scheduled', 'cancelled'] as const
export type SlotStatus = (typeof slotStatuses)[number]
export const slotStatus = pgEnum('slot_status', slotStatuses)

export const bookingStatuses = ['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const
export type BookingStatus = (typeof bookingStatuses)[number]
export const bookingStatus = pgEnum('booking_status', bookingStatuses)

/** Who a lower price applies to; checked against the attendee, never the account holder. */
export const concessionKinds = ['age_60', 'age_80', 'low_income', 'disability'] as const
export type ConcessionKind = (typeof concessionKinds)[number]
export const concessionKind = pgEnum('concession_kind', concessionKinds)

export const roles = ['resident', 'operator', 'street_staff', 'district_admin'] as const
export type Role = (typeof roles)[number]
export const role = pgEnum('role', roles)

export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]
export const locale = pgEnum('locale', locales)

export const announcementCategories = ['notice', 'event', 'service_change', 'urgent'] as const
export type AnnouncementCategory = (typeof announcementCategories)[number]
export const announcementCategory = pgEnum('announcement_category', announcementCategories)

export const announcementStatuses = ['draft', 'scheduled', 'published', 'archived'] as const
export type AnnouncementStatus = (typeof announcementStatuses)[number]
export const announcementStatus = pgEnum('announcement_status', announcementStatuses)

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
export const notificationKind = pgEnum('notification_kind', notificationKinds)

export const channels = ['in_app', 'email', 'sms'] as const
export type Channel = (typeof channels)[number]
export const channel = pgEnum('channel', channels)

export const outboxStatuses = ['pending', 'sent', 'failed'] as const
export const outboxStatus = pgEnum('outbox_status', outboxStatuses)

export const inspectionIssueStatuses = ['open', 'fixed'] as const
export const inspectionIssueStatus = pgEnum('inspection_issue_status', inspectionIssueStatuses)
