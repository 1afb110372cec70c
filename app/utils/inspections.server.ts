import { zonedDate, DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import { managedScopeOf } from '#app/models/announcement.server.ts'
import { findCentreForInspection, type InspectionScope } from '#app/models/inspections.server.ts'
import { requireRole } from './auth.server.ts'
import { requestNow } from './clock.server.ts'
import { getLanguage } from './i18next.server.ts'
import { invariantResponse } from './invariant.ts'
import { logger } from './logger.server.ts'

/**
 * Street-office staff inspect the centres of their streets; district admins every centre.
 * (The same streets a person writes announcements for.)
 */
export async function requireInspectionStaff(request: Request) {
  const { user, grants } = await requireRole(request, 'street_staff')
  const scope: InspectionScope = managedScopeOf(grants)
  return { user, scope }
}

/** Refuses (403, logged) someone whose streets don't include what they asked for. */
export function refuseOutsideScope(request: Request, userId: number): never {
  logger.warn({ event: 'authorisation_refused', userId, path: new URL(request.url).pathname }, 'refused')
  throw new Response('Forbidden', { status: 403 })
}

/** The centre named in the address, which this person may inspect: 404 for none, 403 for another street's. */
export async function requireInspectableCentre(request: Request, slug: string | undefined) {
  const { user, scope } = await requireInspectionStaff(request)
  const lang = await getLanguage(request)
  const centre = await findCentreForInspection({ slug: slug ?? '', scope, lang })
  invariantResponse(centre, 'Not found', { status: 404 })
  if (!centre.allowed) refuseOutsideScope(request, user.id)
  return { user, scope, centre, lang }
}

/** Today's date in the district, for "overdue": the request's clock (moved only in end-to-end tests). */
export function districtToday(request: Request): string {
  return zonedDate(requestNow(request), DISTRICT_TIME_ZONE)
}
