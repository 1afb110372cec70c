import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FilterForm, useStreetFilter } from '#app/components/filter-form.tsx'
import { Pager } from '#app/components/pager.tsx'
import { SlotList } from '#app/components/slot-list.tsx'
import type { Language } from '#app/i18n.ts'
import { addDays, DISTRICT_TIME_ZONE, zonedDate, zonedDateTime } from '#app/domain/time.ts'
import { listStreets } from '#app/models/place.server.ts'
import { listDropInServices, listUpcomingSlots } from '#app/models/service.server.ts'
import { formatDay } from '#app/utils/format.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { pageLinks, parseCategory, parseDay, parsePage, parseSlug } from '#app/utils/query.ts'
import { titleOr } from '#app/utils/meta.ts'

export const handle = { i18n: ['common'] }

const DAYS = 7
/** Sessions per page: a district of fifty centres has hundreds a week in one category. */
const PAGE_SIZE = 40

export async function loader({ request, params }: LoaderFunctionArgs) {
  const category = parseCategory(params.category)
  invariantResponse(category, 'Category not found', { status: 404 })
  const url = new URL(request.url)
  const lang = await getLanguage(request)
  const now = new Date()
  const today = zonedDate(now, DISTRICT_TIME_ZONE)
  const days = Array.from({ length: DAYS }, (_, index) => addDays(today, index))
  const streetSlug = parseSlug(url.searchParams.get('street'))
  const chosenDay = parseDay(url.searchParams.get('day'))
  const day = chosenDay && days.includes(chosenDay) ? chosenDay : undefined
  const page = parsePage(url.searchParams.get('page'))
  const from = day && day !== today ? zonedDateTime(day, '00:00', DISTRICT_TIME_ZONE) : now
  const until = zonedDateTime(addDays(day ?? addDays(today, DAYS - 1), 1), '00:00', DISTRICT_TIME_ZONE)
  const [streets, slots, dropIns, t] = await Promise.all([
    listStreets({ lang }),
    listUpcomingSlots({
      lang,
      category,
      streetSlug,
      from,
      until,
      limit: PAGE_SIZE + 1,
      offset: (page - 1) * PAGE_SIZE,
    }),
    listDropInServices({ lang, category, streetSlug }),
    i18next.getFixedT(request, 'common'),
  ])
  return {
    title: t(`category.${category}.name`),
    category,
    streets,
    days,
    filters: { street: streetSlug, day },
    slots: slots.slice(0, PAGE_SIZE),
    pages: pageLinks(`/categories/${category}`, { street: streetSlug, day }, page, slots.length > PAGE_SIZE),
    dropIns,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export default function CategoryPage() {
  const { category, streets, days, filters, slots, pages, dropIns } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const lng = i18n.language as Language
  const streetFilter = useStreetFilter(streets, filters.street)
  return (
    <>
      <h1>{t(`category.${category}.name`)}</h1>
      <p className="lead">{t(`category.${category}.hint`)}</p>
      <FilterForm
        filters={[
          streetFilter,
          {
            name: 'day',
            label: t('filter.day'),
            allLabel: t('filter.nextDays', { count: days.length }),
            options: days.map((day, index) => ({
              value: day,
              label: index === 0 ? t('filter.today', { day: formatDay(day, lng) }) : formatDay(day, lng),
            })),
            value: filters.day,
          },
        ]}
      />
      <section aria-labelledby="slots-title">
        <h2 id="slots-title">
          {filters.day ? t('category.slotsOn', { day: formatDay(filters.day, lng) }) : t('category.slotsWeek')}
        </h2>
        <SlotList slots={slots} showService showCentre emptyText={t('category.noSlots')} />
        <Pager
          label={t('category.pages')}
          previous={{ to: pages.previous, text: t('category.earlier') }}
          next={{ to: pages.next, text: t('category.later') }}
        />
      </section>
      {dropIns.length > 0 ? (
        <section aria-labelledby="dropin-title">
          <h2 id="dropin-title">{t('category.dropIn')}</h2>
          <ul className="service-list">
            {dropIns.map((service) => (
              <li key={service.id}>
                <Link to={`/centres/${service.centreSlug}/services/${service.slug}`}>{service.name}</Link>
                <span className="muted"> — {service.centreName}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
