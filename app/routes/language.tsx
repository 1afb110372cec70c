import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { isLanguage } from '#app/i18n.ts'
import { languageCookie } from '#app/utils/i18next.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

// Switching language is a POST: it sets the cookie and returns the reader to their page.
export async function action({ request }: ActionFunctionArgs) {
  // A body that is not a form switches nothing, like an unknown language.
  const form = await request.formData().catch(() => new FormData())
  const language = form.get('language')
  const target = new URL(safeRedirect(form.get('redirectTo')), 'http://linli.invalid')
  // A ?lng in the page's address would outrank the cookie just set.
  target.searchParams.delete('lng')
  const location = `${target.pathname}${target.search}`
  if (!isLanguage(language)) return redirect(location, 303)
  return redirect(location, { status: 303, headers: { 'Set-Cookie': await languageCookie.serialize(language) } })
}

export function loader() {
  return redirect('/')
}
