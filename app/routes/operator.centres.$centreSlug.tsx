import type { LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'

export const handle = { i18n: ['common', 'staff', 'inspections', 'feedback'] }

/** The console's sections, in the order the navigation lists them (paths relative to the centre). */
const SECTIONS = [
  { to: '', end: true, label: 'operator.nav.week' },
  { to: '/services', end: false, label: 'operator.nav.services' },
  { to: '/desk', end: false, label: 'operator.nav.desk' },
  { to: '/figures', end: true, label: 'operator.nav.figures' },
  { to: '/feedback', end: true, label: 'feedback:moderation.nav' },
  { to: '/issues', end: true, label: 'inspections:operator.nav' },
  { to: '/details', end: false, label: 'operator.nav.details' },
] as const

// The frame of a centre's operator console: which centre, and its sections.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre } = await requireOperatedCentre(request, params.centreSlug)
  return { centre: { slug: centre.slug, name: centre.name } }
}

export default function OperatorConsole() {
  const { centre } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['staff', 'feedback'])
  return (
    <>
      <nav aria-label={t('operator.nav.label', { centre: centre.name })} className="section-nav">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.label}>
              <NavLink to={`/operator/centres/${centre.slug}${section.to}`} end={section.end}>
                {t(section.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
