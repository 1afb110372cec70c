import { serviceCategories, type ServiceCategory } from '#app/domain/enums.ts'

/** A ?category= value, if it is one of ours; anything else means "all". */
export function parseCategory(value: string | null | undefined): ServiceCategory | undefined {
  return serviceCategories.includes(value as ServiceCategory) ? (value as ServiceCategory) : undefined
}

/** A ?street= or other slug value, if it looks like one. */
export function parseSlug(value: string | null | undefined): string | undefined {
  return value && /^[a-z0-9][a-z0-9-]{0,63}$/.test(value) ? value : undefined
}

/** A ?day= value ("2026-11-28"), if it is a real date. */
export function parseDay(value: string | null | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : undefined
}
