import type { MetaArgs } from '@remix-run/node'

/**
 * A page's title, or the site's name when the page has none to give (an error page has
 * no loader data), so no tab ever reads "undefined".
 */
export function titleOr(matches: MetaArgs['matches'], title: string | undefined | null): string {
  if (title) return title
  const root = matches.find((match) => match.id === 'root')?.data as { siteName?: string } | undefined
  return root?.siteName ?? 'Linli'
}
