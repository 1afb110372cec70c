import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Pager } from '#app/components/pager.tsx'
import { CallCentre } from '#app/components/call-centre.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { CommentList, RatingSummaryText } from '#app/components/feedback.tsx'
import { ServiceRules } from '#app/components/service-rules.tsx'
import { SlotList } from '#app/components/slot-list.tsx'
import { getRatingSummary, listRecentComments } from '#app/models/feedback.server.ts'
import { getService, listUpcomingSlots } from '#app/models/service.server.ts'
import { useElderMode } from '#app/utils/elder-mode.ts'
import { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { pageLinks, parsePage } from '#app/utils/query.ts'

export const handle = { i18n: ['common', 'feedback', 'elder'] }

const SLOT_DAYS = 28
/** Sessions per page: a desk with short appointment times has hundreds in four weeks. */
const PAGE_SIZE = 30

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLanguage(request)
  const page = parsePage(new URL(request.url).searchParams.get('page'))
  const now = new Date()
  const service = await getService({ centreSlug: params.centreSlug ?? '', serviceSlug: params.serviceSlug ?? '', lang })
  invariantResponse(service, 'Service not found', { status: 404 })
  const [slots, rating, comments] = await Promise.all([
    service.bookingMode === 'drop_in'
      ? []
      : listUpcomingSlots({
          lang,
          serviceId: service.id,
          from: now,
          until: new Date(now.getTime() + SLOT_DAYS * 86_400_000),
          // One more than a page says whether there is a next one.
          limit: PAGE_SIZE + 1,
          offset: (page - 1) * PAGE_SIZE,
        }),
    getRatingSummary({ serviceId: service.id }),
    listRecentComments({ serviceId: service.id, limit: 10 }),
  ])
  const pages = pageLinks(
    `/centres/${service.centre.slug}/services/${service.slug}`,
    {},
    page,
    slots.length > PAGE_SIZE,
  )
  return { service, slots: slots.slice(0, PAGE_SIZE), pages, rating, comments }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: titleOr(matches, data ? `${data.service.name} · ${data.service.centre.name}` : undefined) },
  { name: 'description', content: data?.service.summary },
]

export default function ServicePage() {
  const { service, slots, pages, rating, comments } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'feedback'])
  // In elder mode the phone comes first, before the rules and times; otherwise last.
  const elder = useElderMode() !== 'off'
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: `/centres/${service.centre.slug}`, label: service.centre.name },
          { to: `/categories/${service.category}`, label: t(`category.${service.category}.name`) },
        ]}
      />
      <h1>{service.name}</h1>
      <p className="lead">{service.summary}</p>
      {service.description ? <p>{service.description}</p> : null}
      {elder ? <CallCentre centre={service.centre} /> : null}

      <section aria-labelledby="rules-title" className="panel">
        <h2 id="rules-title">{t('service.rules')}</h2>
        <ServiceRules {...service} streetName={service.centre.streetName} />
      </section>

      <section aria-labelledby="where-title">
        <h2 id="where-title">{t('service.where')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('centre.address')}</dt>
            <dd>
              <Link to={`/centres/${service.centre.slug}`}>{service.centre.name}</Link>
              <br />
              {service.centre.address}
              {service.location ? ` · ${service.location}` : null}
            </dd>
          </div>
          {service.whatToBring ? (
            <div>
              <dt>{t('service.whatToBring')}</dt>
              <dd>{service.whatToBring}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      {service.bookingMode === 'drop_in' ? null : (
        <section aria-labelledby="slots-title">
          <h2 id="slots-title">{t('service.upcoming', { count: SLOT_DAYS })}</h2>
          <SlotList slots={slots} emptyText={t('slot.none')} />
          <Pager
            label={t('category.pages')}
            previous={{ to: pages.previous, text: t('category.earlier') }}
            next={{ to: pages.next, text: t('category.later') }}
          />
        </section>
      )}

      <section aria-labelledby="ratings-title">
        <h2 id="ratings-title">{t('feedback:service.heading')}</h2>
        <RatingSummaryText {...rating} />
        {rating.count > 0 ? (
          <>
            <h3>{t('feedback:service.comments')}</h3>
            <p className="muted">{t('feedback:service.commentsNote')}</p>
            <CommentList comments={comments} />
          </>
        ) : null}
      </section>
      {elder ? null : <CallCentre centre={service.centre} />}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
