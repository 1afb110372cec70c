import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AnnouncementList } from '#app/components/announcement-list.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FilterForm, useStreetFilter } from '#app/components/filter-form.tsx'
import { announcementCategories, type AnnouncementCategory } from '#app/domain/enums.ts'
import { listCurrentAnnouncements } from '#app/models/announcement.server.ts'
import { listCentreNames, listStreets } from '#app/models/place.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { parseSlug } from '#app/utils/query.ts'

export const handle = { i18n: ['common', 'announcements'] }

const PAGE_SIZE = 20
const MAX_PAGE = 500

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
  const pageParam = Number(url.searchParams.get('page') ?? '1')
  const page = Number.isSafeInteger(pageParam) && pageParam >= 1 && pageParam <= MAX_PAGE ? pageParam : 1
  const rows = await listCurrentAnnouncements({
    lang,
    now,
    centre: centre ? { id: centre.id, streetId: centre.streetId } : undefined,
    streetId: !centre && street ? street.id : undefined,
    category,
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  })
  const query = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams()
    const values = { street: street?.slug, centre: centre?.slug, category, ...changes }
    for (const [name, value] of Object.entries(values)) if (value) next.set(name, value)
    const text = next.toString()
    return text ? `?${text}` : ''
  }
  return {
    title: t('list.title'),
    now,
    announcements: rows.slice(0, PAGE_SIZE),
    streets,
    centres: centres.filter((candidate) => !street || candidate.streetId === street.id),
    filters: { street: street?.slug, centre: centre?.slug, category },
    newer: page > 1 ? `/announcements${query({ page: page > 2 ? String(page - 1) : undefined })}` : null,
    older: rows.length > PAGE_SIZE ? `/announcements${query({ page: String(page + 1) })}` : null,
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
      {newer || older ? (
        <nav aria-label={t('list.pages')} className="pager">
          {newer ? <Link to={newer}>{t('list.newer')}</Link> : null}
          {older ? <Link to={older}>{t('list.older')}</Link> : null}
        </nav>
      ) : null}
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
