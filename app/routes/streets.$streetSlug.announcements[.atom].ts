import type { LoaderFunctionArgs } from '@remix-run/node'
import { getStreet } from '#app/models/figures.server.ts'
import { announcementFeedResponse } from '#app/utils/announcement-feed.server.ts'
import { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'

// A street's announcements as an Atom feed: the district's and the street's, for any of its centres.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLanguage(request)
  const street = await getStreet({ slug: params.streetSlug ?? '', lang })
  invariantResponse(street, 'Street not found', { status: 404 })
  return announcementFeedResponse({
    request,
    name: street.name,
    page: `/announcements?street=${street.slug}`,
    scope: { streetId: street.id },
  })
}
