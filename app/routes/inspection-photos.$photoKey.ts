import type { LoaderFunctionArgs } from '@remix-run/node'
import { getInspectionPhoto } from '#app/models/inspections.server.ts'
import { listGrants } from '#app/models/user.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { imageResponse, isStorageKey } from '#app/utils/image-upload.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'

// A photo taken at an inspection: for the street office of its centre, district admins and
// the centre's operators. Anyone else is told it isn't there, so a photo's name reveals nothing.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const key = params.photoKey
  invariantResponse(isStorageKey(key), 'Not found', { status: 404 })
  const photo = await getInspectionPhoto({ storageKey: key })
  invariantResponse(photo, 'Not found', { status: 404 })
  const grants = await listGrants({ userId: user.id, lang: user.preferredLocale })
  const allowed = grants.some(
    (grant) =>
      grant.role === 'district_admin' ||
      (grant.role === 'street_staff' && grant.streetId === photo.streetId) ||
      (grant.role === 'operator' && grant.centreId === photo.centreId),
  )
  invariantResponse(allowed, 'Not found', { status: 404 })
  return imageResponse(photo, { visibility: 'private' })
}
