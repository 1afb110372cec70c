import { pgEnum } from 'drizzle-orm/pg-core'
import {
  serviceCategories,
  bookingModes,
  serviceStatuses,
  slotStatuses,
  bookingStatuses,
  concessionKinds,
  roles,
  locales,
  announcementCategories,
  announcementStatuses,
  notificationKinds,
  channels,
  outboxStatuses,
  inspectionIssueStatuses,
} from '#app/domain/enums.ts'

export * from '#app/domain/enums.ts'

// The database's enums, made from the domain's lists.
export const serviceCategory = pgEnum('service_category', serviceCategories)
export const bookingMode = pgEnum('booking_mode', bookingModes)
export const serviceStatus = pgEnum('service_status', serviceStatuses)
export const slotStatus = pgEnum('slot_status', slotStatuses)
export const bookingStatus = pgEnum('booking_status', bookingStatuses)
export const concessionKind = pgEnum('concession_kind', concessionKinds)
export const role = pgEnum('role', roles)
export const locale = pgEnum('locale', locales)
export const announcementCategory = pgEnum('announcement_category', announcementCategories)
export const announcementStatus = pgEnum('announcement_status', announcementStatuses)
export const notificationKind = pgEnum('notification_kind', notificationKinds)
export const channel = pgEnum('channel', channels)
export const outboxStatus = pgEnum('outbox_status', outboxStatuses)
export const inspectionIssueStatus = pgEnum('inspection_issue_status', inspectionIssueStatuses)
