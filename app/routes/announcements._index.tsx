import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { AnnouncementList } from '#app/components/announcement-list.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Pager } from '#app/components/pager.tsx'
import { FilterForm, useStreetFilter } from '#app/components/filter-form.tsx'
import { announcementCategories, type AnnouncementCategory } from '#app/domain/enums.ts'
import { listCurrentAnnouncements } from '#app/models/announcement.server.ts'
import { listCentreNames, listStreets } from '#app/models/place.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { pageLinks, parsePage, parseSlug } from '#app/utils/query.ts'

export const handle = { i18n: ['common', 'announcements'] }

const PAGE_SIZE = 20

// Current announcements, pinned and urgent first, for the whole district or one street or centre.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const lang = await getLanguage(request)
  const now = requestNow(request)
  const [streets, centres, t] = await Promise.all([
    listStreets({ lang }),
    listCentreNames({ lang }),
    i18next.getFixedT(request, 'announcements'),
  ])
  const street = streets.find((candidate) => candidate.slug === parseSlug(url.searchParams.get('street')))
  const centre = centres.find((candidate) => candidate.slug === parseSlug(url.searchParams.get('centre')))
  const categoryParam = url.searchParams.get('category')
  const category = announcementCategories.includes(categoryParam as AnnouncementCategory)
    ? (categoryParam as AnnouncementCategory)
    : undefined
  const page = parsePage(url.searchParams.get('page'))
  const rows = await listCurrentAnnouncements({
    lang,
    now,
    centre: centre ? { id: centre.id, streetId: centre.streetId } : undefined,
    streetId: !centre && street ? street.id : undefined,
    category,
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  })
  const pages = pageLinks(
    '/announcements',
    { street: street?.slug, centre: centre?.slug, category },
    page,
    rows.length > PAGE_SIZE,
  )
  return {
    title: t('list.title'),
    now,
    announcements: rows.slice(0, PAGE_SIZE),
    streets,
    centres: centres.filter((candidate) => !street || candidate.streetId === street.id),
    filters: { street: street?.slug, centre: centre?.slug, category },
    newer: pages.previous,
    older: pages.next,
    feed: centre
      ? { href: `/centres/${centre.slug}/announcements.atom`, name: centre.name }
      : street
        ? { href: `/streets/${street.slug}/announcements.atom`, name: street.name }
        : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: titleOr(matches, data?.title) },
  ...(data?.feed
    ? [{ tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: data.feed.href, title: data.feed.name }]
    : []),
]

export default function Announcements() {
  const { announcements, streets, centres, filters, newer, older, feed, now } = useLoaderData<typeof loader>()
  const { t } = useTranslation('announcements')
  const streetFilter = useStreetFilter(streets, filters.street)
  return (
    <>
      <h1>{t('list.heading')}</h1>
      <FilterForm
        filters={[
          streetFilter,
          {
            name: 'centre',
            label: t('list.centre'),
            allLabel: t('list.allCentres'),
            options: centres.map((centre) => ({ value: centre.slug, label: centre.name })),
            value: filters.centre,
          },
          {
            name: 'category',
            label: t('list.category'),
            allLabel: t('list.allCategories'),
            options: announcementCategories.map((category) => ({
              value: category,
              label: t(`common:announcement.category.${category}`),
            })),
            value: filters.category,
          },
        ]}
      />
      <AnnouncementList announcements={announcements} now={now} />
      <Pager
        label={t('list.pages')}
        previous={{ to: newer, text: t('list.newer') }}
        next={{ to: older, text: t('list.older') }}
      />
      {feed ? (
        <p>
          <a href={feed.href} type="application/atom+xml">
            {t('list.feed', { name: feed.name })}
          </a>
        </p>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
