import { Form } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'

export interface FilterOption {
  value: string
  label: string
}

export interface Filter {
  name: string
  label: string
  allLabel: string
  options: FilterOption[]
  value?: string
}

/** The street filter, the same on every page that has one. */
export function useStreetFilter(streets: Array<{ slug: string; name: string }>, value: string | undefined): Filter {
  const { t } = useTranslation()
  return {
    name: 'street',
    label: t('filter.street'),
    allLabel: t('filter.allStreets'),
    options: streets.map((street) => ({ value: street.slug, label: street.name })),
    value,
  }
}

/**
 * Filters as a GET form of selects: works without JavaScript (press "Show"), and the
 * chosen filters stay in the address so the page can be shared or reloaded.
 */
export function FilterForm({ filters }: { filters: Filter[] }) {
  const { t } = useTranslation()
  return (
    <Form method="get" className="filter-form">
      {filters.map((filter) => (
        <div key={filter.name} className="field">
          <label htmlFor={`filter-${filter.name}`}>{filter.label}</label>
          <select id={`filter-${filter.name}`} name={filter.name} defaultValue={filter.value ?? ''}>
            <option value="">{filter.allLabel}</option>
            {filter.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit" className="button button--secondary">
        {t('filter.apply')}
      </button>
    </Form>
  )
}
