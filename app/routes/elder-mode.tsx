import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { setElderMode } from '#app/models/user.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { elderModeCookie, isElderMode } from '#app/utils/elder-mode.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

/**
 * Turning elder mode (长辈版) on or off is a POST from the switch in every page's header:
 * it sets the cookie, saves the choice for a logged-in resident, and returns the reader to
 * the page they were on. (server.js refuses posts from other origins.)
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request)
  const mode = form.get('elderMode')
  const location = safeRedirect(form.get('redirectTo'))
  if (!isElderMode(mode)) return redirect(location, 303)
  const user = await getUser(request)
  if (user) await setElderMode({ userId: user.id, elderMode: mode !== 'off' })
  return redirect(location, { status: 303, headers: { 'Set-Cookie': elderModeCookie(mode) } })
}

export function loader() {
  return redirect('/')
}
