import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { APIRequest, APIRequestContext, APIResponse, TestInfo } from '@playwright/test'

/**
 * Helpers for the account, security and bad-input specs: unique residents and client
 * addresses (the database and the throttles persist for the whole Playwright run), form
 * posts that look like they come from our own pages, and the texts of the locale files.
 */

export const DEMO_PASSWORD = 'linli-demo-2026'
export const DEMO = {
  resident: '13800000001',
  operator: '13800000002',
  streetStaff: '13800000003',
  admin: 'admin@linli.example',
} as const

/** A password that is long, not common and never contains the phone number. */
export const PASSWORD = 'lantern river teapot 7'

let phoneCounter = 0
/** A mobile number no other test of this run uses: 139 + 8 digits from the clock and a counter. */
export function uniquePhone(): string {
  phoneCounter += 1
  const tenMs = Math.floor(Date.now() / 10) % 1_000_000
  return `139${String(tenMs * 100 + (phoneCounter % 100)).padStart(8, '0')}`
}

/**
 * The client address a test acts from (sent as X-Forwarded-For; the e2e server trusts
 * loopback proxies). Derived from the project and the test's title, so every test, in
 * every project, has its own throttling buckets; `n` gives one test several addresses.
 */
export function clientAddress(testInfo: TestInfo, n = 0): string {
  const digest = createHash('sha256')
    .update(`${testInfo.project.name}\u0000${testInfo.titlePath.join('\u0000')}\u0000${n}`)
    .digest()
  return `10.${digest[0]}.${digest[1]}.${digest[2]}`
}

/** The origin of the server under test, for the Origin header of same-origin posts. */
export function originOf(baseURL: string | undefined): string {
  if (!baseURL) throw new Error('baseURL is not set (see playwright.config.ts)')
  return new URL(baseURL).origin
}

/** An API context acting from `address`, whose posts carry our own Origin. */
export function apiContext(request: APIRequest, baseURL: string | undefined, address: string) {
  return request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: originOf(baseURL), 'X-Forwarded-For': address },
  })
}

export type FormFields = Record<string, string> | Array<[string, string]>

/** The url-encoded body of a form; an array of pairs may repeat a field. */
export function formBody(fields: FormFields): string {
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields)
  return new URLSearchParams(pairs).toString()
}

/** Posts a form as the browser would (url-encoded), without following redirects. */
export function postForm(
  api: APIRequestContext,
  path: string,
  fields: FormFields,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  return api.post(path, {
    data: formBody(fields),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    maxRedirects: 0,
  })
}

export interface NewResident {
  phone: string
  password: string
  name: string
}

/** Signs up a new resident through the form; the context then holds their session. */
export async function signUp(
  api: APIRequestContext,
  resident: Partial<NewResident> & Record<string, string> = {},
): Promise<NewResident & { response: APIResponse }> {
  const { phone = uniquePhone(), password = PASSWORD, name = '测试居民', ...rest } = resident
  const response = await postForm(api, '/signup', { login: phone, password, name, ...rest })
  if (response.status() !== 302) {
    throw new Error(
      `sign-up of ${phone} answered ${response.status()}: ${visibleText(await response.text()).slice(0, 300)}`,
    )
  }
  return { phone, password, name, response }
}

/** Posts the login form; the context keeps the session cookie if it succeeds. */
export function logIn(api: APIRequestContext, login: string, password: string, more: Record<string, string> = {}) {
  return postForm(api, '/login', { login, password, ...more })
}

/** Every Set-Cookie header of a response. */
export function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === 'set-cookie')
    .map((header) => header.value)
}

export const SESSION_COOKIE = '__Host-linli_session'

/** The `name=value` of the session cookie a response sets, if any. */
export function sessionCookiePair(response: APIResponse): string | undefined {
  return setCookies(response)
    .find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
    ?.split(';')[0]
}

/**
 * The text a reader sees in an HTML page: no scripts or styles, no tags, entities
 * decoded, whitespace collapsed. Error messages are matched against this, so a key
 * that only appears in Remix's inline data never counts as "shown".
 */
export function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

// The translations, read from the same files the app serves.
export type Language = 'zh-CN' | 'en'
type Messages = { [key: string]: string | Messages }
const locales = new Map<string, Messages>()
function namespace(language: Language, ns: string): Messages {
  const file = `${language}/${ns}`
  let messages = locales.get(file)
  if (!messages) {
    messages = JSON.parse(
      readFileSync(new URL(`../../public/locales/${file}.json`, import.meta.url), 'utf8'),
    ) as Messages
    locales.set(file, messages)
  }
  return messages
}

/**
 * A translated text: `t('en', 'form.required')` (common) or `t('zh-CN', 'account:login.heading')`,
 * with {{placeholders}} filled from `values`. Throws for a missing key, so a renamed key
 * fails loudly rather than matching nothing.
 */
export function t(language: Language, key: string, values: Record<string, string | number> = {}): string {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key]
  let node: string | Messages | undefined = namespace(language, ns)
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined
  if (typeof node !== 'string') throw new Error(`no text for ${language} ${key}`)
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`))
}

/** The current year in the district's time zone (the year the forms check birth years against). */
export function districtYear(): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()))
}

/** "14:30" in the district's time zone, as the throttle notice writes it. */
export function districtTime(instant: Date, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant)
}
