import { useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/**
 * After a client-side navigation, moves focus to the page's main content (`#main`), as a
 * full page load would start a reader at the top: without it, keyboard and screen-reader
 * users stay on a link that no longer exists and hear nothing about the new page. Not on
 * the first render, not when only the #fragment changes (an error summary's link to a
 * field), and not when the new page has already focused an error summary.
 */
export function useFocusMainOnNavigation() {
  const { key, pathname, search } = useLocation()
  const previous = useRef<string | null>(null)
  useEffect(() => {
    const page = `${pathname}${search}`
    const before = previous.current
    previous.current = page
    if (before === null || before === page) return
    if (document.activeElement?.closest('[role="alert"]')) return
    document.getElementById('main')?.focus({ preventScroll: true })
  }, [key, pathname, search])
}
