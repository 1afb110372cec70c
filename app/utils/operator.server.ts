import { getCentreSummary } from '#app/models/place.server.ts'
import { requireRole } from './auth.server.ts'
import { getLanguage } from './i18next.server.ts'
import { invariantResponse } from './invariant.ts'

/**
 * The centre named in an operator page's address, and the member of staff — who must
 * operate that centre (or be a district admin). Every loader and action of the console
 * starts here, so no page of centre B answers an operator of centre A.
 */
export async function requireOperatedCentre(request: Request, slug: string | undefined) {
  const lang = await getLanguage(request)
  const centre = await getCentreSummary({ slug: slug ?? '', lang })
  invariantResponse(centre, 'Not found', { status: 404 })
  const user = await requireRole(request, 'operator', { centreId: centre.id })
  return { user, centre, lang }
}
