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

/** A ?page= value: a page number from 1 to `max`, else 1. */
export function parsePage(value: string | null | undefined, max = 500): number {
  const page = Number(value ?? '1')
  return Number.isSafeInteger(page) && page >= 1 && page <= max ? page : 1
}

/**
 * The addresses of the pages before and after `page` of a list shown at `pathname` with
 * the filters in `params` (null where there is none). `hasMore`: a row beyond this page
 * was found.
 */
export function pageLinks(
  pathname: string,
  params: Record<string, string | undefined>,
  page: number,
  hasMore: boolean,
): { previous: string | null; next: string | null } {
  const address = (pageNumber: number) => {
    const query = new URLSearchParams()
    for (const [name, value] of Object.entries({ ...params, page: pageNumber > 1 ? String(pageNumber) : undefined })) {
      if (value) query.set(name, value)
    }
    const text = query.toString()
    return text ? `${pathname}?${text}` : pathname
  }
  return { previous: page > 1 ? address(page - 1) : null, next: hasMore ? address(page + 1) : null }
}
