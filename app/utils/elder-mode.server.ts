import type { SessionUser } from './auth.server.ts'
import { getUser } from './auth.server.ts'
import { isElderMode, type ElderMode } from './elder-mode.ts'

/**
 * Elder mode (长辈版) is a reading preference, not a secret: a plain cookie `linli_elder`
 * whose value is `1` (larger, simpler) or `2` (the same with larger text still). Other
 * tools (the accessibility scan) set it by hand, so it is written raw, not signed or
 * encoded like Remix's cookies.
 */
export const ELDER_COOKIE = 'linli_elder'
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365
const cookieValues = { on: '1', larger: '2' } as const

/** The mode the cookie of this request asks for, or null when it says nothing. */
export function elderModeFromCookie(request: Request): ElderMode | null {
  const header = request.headers.get('Cookie') ?? ''
  for (const part of header.split(';')) {
    const [name, value] = part.trim().split('=')
    if (name !== ELDER_COOKIE) continue
    if (value === cookieValues.on) return 'on'
    if (value === cookieValues.larger) return 'larger'
  }
  return null
}

/**
 * The mode of this request: the cookie, else the logged-in resident's saved choice
 * (`users.elder_mode`, which knows on or off but not the text step), else off.
 */
export async function getElderMode(request: Request, user?: SessionUser | null): Promise<ElderMode> {
  const fromCookie = elderModeFromCookie(request)
  if (fromCookie) return fromCookie
  const account = user === undefined ? await getUser(request) : user
  return account?.elderMode ? 'on' : 'off'
}

/** The Set-Cookie header that remembers `mode` on this device for a year (or forgets it). */
export function elderModeCookie(mode: ElderMode): string {
  // Like the language cookie, not Secure: a preference that also works on plain-http demo installs.
  const attributes = 'Path=/; SameSite=Lax; HttpOnly'
  return mode === 'off'
    ? `${ELDER_COOKIE}=; Max-Age=0; ${attributes}`
    : `${ELDER_COOKIE}=${cookieValues[mode]}; Max-Age=${ONE_YEAR_SECONDS}; ${attributes}`
}

export { isElderMode, type ElderMode }
