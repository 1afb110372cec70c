import { createCookie, redirect } from '@remix-run/node'
import type { Language } from '#app/i18n.ts'
import type { Role } from '#db/schema/enums.ts'
import { createSession, deleteSession, findSessionUser } from '#app/models/session.server.ts'
import { listGrants } from '#app/models/user.server.ts'
import { env } from './env.server.ts'
import { logger } from './logger.server.ts'

const secureCookies = env.NODE_ENV === 'production' && !env.INSECURE_COOKIES

/**
 * The login cookie holds only a random token; the session itself lives in Postgres.
 * In production it is Secure and __Host- prefixed, so no subdomain or http page can set it.
 */
export const sessionCookie = createCookie(secureCookies ? '__Host-linli_session' : 'linli_session', {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  secure: secureCookies,
  secrets: [env.SESSION_SECRET],
})

export interface SessionUser {
  id: number
  name: string
  preferredLocale: Language
  /** The saved elder-mode preference (长辈版). */
  elderMode: boolean
  /** How many of their notifications they have not read yet, as of this request. */
  unreadNotifications: number
}

async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 ? value : null
}

// The root and the page's loaders ask for the user of one request together; look it up once.
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>()

/** The logged-in account, or null. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let found = usersByRequest.get(request)
  if (!found) {
    found = sessionToken(request).then((token) => (token ? findSessionUser({ token }) : null))
    usersByRequest.set(request, found)
  }
  return found
}

/** Where the login page should send the reader back to: this page, as a relative path. */
function returnPath(request: Request) {
  const url = new URL(request.url)
  return `${url.pathname}${url.search}`
}

/** The logged-in account; anyone else is sent to log in and brought back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request)
  if (!user) {
    throw redirect(`/login?${new URLSearchParams({ redirectTo: returnPath(request) })}`)
  }
  return user
}

export type Scope = { centreId: number } | { streetId: number } | Record<string, never>

/**
 * The logged-in account when it holds `role` over `scope`; district admins hold every
 * staff role everywhere. Others get 403 (and the refusal is logged).
 */
export async function requireRole(request: Request, role: Exclude<Role, 'resident'>, scope: Scope = {}) {
  const user = await requireUser(request)
  const grants = await listGrants({ userId: user.id, lang: user.preferredLocale })
  const allowed = grants.some(
    (grant) =>
      grant.role === 'district_admin' ||
      (grant.role === role &&
        ('centreId' in scope ? grant.centreId === scope.centreId : true) &&
        ('streetId' in scope ? grant.streetId === scope.streetId : true)),
  )
  if (!allowed) {
    logger.warn(
      { event: 'authorisation_refused', userId: user.id, role, path: new URL(request.url).pathname },
      'refused',
    )
    throw new Response('Forbidden', { status: 403 })
  }
  return { user, grants }
}

/** Starts a session and returns the Set-Cookie header that carries it. */
export async function startSession({ userId, remember }: { userId: number; remember: boolean }) {
  const { token, cookieExpires } = await createSession({ userId, remember })
  return sessionCookie.serialize(token, { expires: cookieExpires })
}

/** Ends this request's session row, if any (before a new login replaces it). */
export async function discardSession(request: Request) {
  const token = await sessionToken(request)
  if (token) await deleteSession({ token })
}

/** Ends this request's session; returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request) {
  const token = await sessionToken(request)
  if (token) await deleteSession({ token })
  return sessionCookie.serialize('', { maxAge: 0 })
}
