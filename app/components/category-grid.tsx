import { Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { serviceCategories } from '#app/domain/enums.ts'

/** The five kinds of service, each a large target leading to that category's page. */
export function CategoryGrid() {
  const { t } = useTranslation()
  return (
    <ul className="category-grid">
      {serviceCategories.map((category) => (
        <li key={category}>
          <Link to={`/categories/${category}`} className={`category-card category-card--${category}`}>
            <span className="category-card__name">{t(`category.${category}.name`)}</span>
            <span className="category-card__hint">{t(`category.${category}.hint`)}</span>
          </Link>
        </li>
      ))}
    </ul>
  )
}
