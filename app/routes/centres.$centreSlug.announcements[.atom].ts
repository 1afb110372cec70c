import type { LoaderFunctionArgs } from '@remix-run/node'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import { getCentre } from '#app/models/place.server.ts'
import { announcementFeedResponse } from '#app/utils/announcement-feed.server.ts'
import { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'

// A centre's announcements as an Atom feed: the district's, its street's and its own.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLanguage(request)
  const today = zonedDate(new Date(), DISTRICT_TIME_ZONE)
  const centre = await getCentre({ slug: params.centreSlug ?? '', lang, today, until: today })
  invariantResponse(centre, 'Centre not found', { status: 404 })
  return announcementFeedResponse({
    request,
    name: centre.name,
    page: `/centres/${centre.slug}`,
    scope: { centre: { id: centre.id, streetId: centre.streetId } },
  })
}
