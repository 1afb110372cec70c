import { getCentreSummary } from '#app/models/place.server.ts'
import { requireRole } from './auth.server.ts'
import { getLanguage } from './i18next.server.ts'
import { invariantResponse } from './invariant.ts'

async function findOperatedCentre(request: Request, slug: string) {
  const lang = await getLanguage(request)
  const centre = await getCentreSummary({ slug, lang })
  invariantResponse(centre, 'Not found', { status: 404 })
  const user = await requireRole(request, 'operator', { centreId: centre.id })
  return { user, centre, lang }
}

// The console's layout and the page inside it load together for one request: look the
// centre and the operator's grant up once.
const byRequest = new WeakMap<Request, ReturnType<typeof findOperatedCentre>>()

/**
 * The centre named in an operator page's address, and the member of staff — who must
 * operate that centre (or be a district admin). Every loader and action of the console
 * starts here, so no page of centre B answers an operator of centre A.
 */
export function requireOperatedCentre(request: Request, slug: string | undefined) {
  let found = byRequest.get(request)
  if (!found) {
    found = findOperatedCentre(request, slug ?? '')
    byRequest.set(request, found)
  }
  return found
}
