import { Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'

/** Where this page sits, starting from the list of centres. */
export function Breadcrumbs({ trail }: { trail: Array<{ to: string; label: string }> }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('breadcrumb.label')} className="breadcrumb">
      <ol>
        {[{ to: '/centres', label: t('nav.centres') }, ...trail].map((crumb) => (
          <li key={crumb.to}>
            <Link to={crumb.to}>{crumb.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  )
}
