import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  expect,
  request as playwrightRequest,
  type APIRequest,
  type APIRequestContext,
  type APIResponse,
  type TestInfo,
} from '@playwright/test'
import { baseURL } from '../../playwright.config.ts'

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

/**
 * The route matrix: every route of the build, a real address for it and the status each
 * kind of visitor gets. tests/e2e/authorisation.spec.ts checks the statuses; the
 * accessibility scan (a11y.spec.ts) visits every page as each visitor who may see it.
 * The route ids are those of `build/index.js`; `builtRouteIds()` (tests/fixtures/built-routes.ts) reads them.
 */
export const visitors = [
  'anonymous',
  'residentA',
  'residentB',
  'operatorA',
  'operatorB',
  'streetX',
  'streetY',
  'admin',
] as const
export type Visitor = (typeof visitors)[number]
export type Expected = Record<Visitor, number>

const LOGIN = 302 // sent to log in (or, for login/signup pages, on to the account)
const everyone = (status: number): Expected =>
  Object.fromEntries(visitors.map((visitor) => [visitor, status])) as Expected
const loggedIn = (status: number, overrides: Partial<Expected> = {}): Expected => ({
  ...everyone(status),
  anonymous: LOGIN,
  ...overrides,
})
const staffOnly = (allowed: Visitor[]): Expected =>
  Object.fromEntries(
    visitors.map((visitor) => [visitor, visitor === 'anonymous' ? LOGIN : allowed.includes(visitor) ? 200 : 403]),
  ) as Expected

// Centre A's front desk: an empty form is refused (400) for those who run it, forbidden to the rest.
const deskPost: Expected = { ...staffOnly(['operatorA', 'admin']), operatorA: 400, admin: 400 }

export interface RouteRow {
  /** A real address for the route, with sample parameters; {member} is resident A's household member. */
  path: string
  get: Expected
  /** For routes with an action: a harmless POST and who may make it. */
  post?: { form: Record<string, string>; expected: Expected }
}

// Centre A is 望江 (wangjiang) of street X (wangjiang); centre B is 柳岸 (liuan) of street Y (liuan).
export const routeMatrix: Record<string, RouteRow | 'layout'> = {
  root: 'layout',
  'routes/_index': { path: '/', get: everyone(200) },
  'routes/$': { path: '/no-such-page', get: everyone(404) },
  'routes/healthz': { path: '/healthz', get: everyone(200) },
  'routes/readyz': { path: '/readyz', get: everyone(200) },
  'routes/search': { path: '/search?q=%E5%A4%AA%E6%9E%81', get: everyone(200) },
  'routes/centres._index': { path: '/centres', get: everyone(200) },
  'routes/centres.$centreSlug._index': { path: '/centres/wangjiang', get: everyone(200) },
  'routes/centres.$centreSlug.services.$serviceSlug': { path: '/centres/wangjiang/services/yoga', get: everyone(200) },
  'routes/categories.$category': { path: '/categories/fitness', get: everyone(200) },
  'routes/announcement-images.$imageKey': {
    path: '/announcement-images/00000000000000000000000000000000.png',
    get: everyone(404),
  },
  'routes/announcements._index': { path: '/announcements?street=wangjiang&category=notice', get: everyone(200) },
  'routes/announcements.$announcementId': { path: '/announcements/{announcement}', get: everyone(200) },
  'routes/centres.$centreSlug.announcements[.atom]': {
    path: '/centres/wangjiang/announcements.atom',
    get: everyone(200),
  },
  'routes/streets.$streetSlug.announcements[.atom]': {
    path: '/streets/wangjiang/announcements.atom',
    get: everyone(200),
  },
  'routes/language': {
    path: '/language',
    get: everyone(302),
    post: { form: { language: 'zh-CN', redirectTo: '/' }, expected: everyone(303) },
  },
  'routes/login': {
    path: '/login',
    get: { ...everyone(302), anonymous: 200 },
    // Logged-in people are sent on to their account, whatever they post.
    post: { form: { login: '', password: '' }, expected: { ...everyone(302), anonymous: 400 } },
  },
  'routes/signup': {
    path: '/signup',
    get: { ...everyone(302), anonymous: 200 },
    post: { form: { login: '' }, expected: { ...everyone(302), anonymous: 400 } },
  },
  'routes/logout': { path: '/logout', get: everyone(302) },
  'routes/account._index': {
    path: '/account',
    get: loggedIn(200),
    post: { form: { intent: 'profile', name: '' }, expected: loggedIn(400) },
  },
  'routes/account.household._index': {
    path: '/account/household',
    get: loggedIn(200),
    post: { form: { name: '' }, expected: loggedIn(400) },
  },
  'routes/account.household.$memberId': {
    path: '/account/household/{member}',
    // Someone else's household member is not found, rather than forbidden: it tells nothing.
    get: loggedIn(404, { residentA: 200 }),
    post: { form: { intent: 'save', name: '' }, expected: loggedIn(404, { residentA: 400 }) },
  },
  'routes/book.$slotId': {
    path: '/book/{slot}',
    get: loggedIn(200),
    // No attendee chosen: refused before anything is booked.
    post: { form: { attendee: '' }, expected: loggedIn(400) },
  },
  'routes/bookings._index': { path: '/bookings', get: loggedIn(200) },
  'routes/bookings.$reference': {
    path: '/bookings/{booking}',
    // Someone else's booking is not found, for reading and for cancelling.
    get: loggedIn(404, { residentA: 200 }),
    post: { form: { intent: 'cancel' }, expected: loggedIn(404, { residentA: 303 }) },
  },
  'routes/bookings_.$reference.calendar[.ics]': {
    path: '/bookings/{booking}/calendar.ics',
    get: loggedIn(404, { residentA: 200 }),
  },
  'routes/calendar.$token.bookings[.ics]': {
    path: '/calendar/not-a-real-token-0000000000/bookings.ics',
    get: everyone(404),
  },
  'routes/notifications': {
    path: '/notifications',
    get: loggedIn(200),
    post: { form: { intent: 'read-all' }, expected: loggedIn(303) },
  },
  'routes/staff._index': { path: '/staff', get: staffOnly(['operatorA', 'operatorB', 'streetX', 'streetY', 'admin']) },
  'routes/staff.announcements._index': {
    path: '/staff/announcements',
    get: staffOnly(['streetX', 'streetY', 'admin']),
  },
  'routes/staff.announcements.new': {
    path: '/staff/announcements/new',
    get: staffOnly(['streetX', 'streetY', 'admin']),
    // An empty title: refused before anything is saved.
    post: {
      form: { intent: 'save', titleZh: '' },
      expected: { ...staffOnly(['streetX', 'streetY', 'admin']), streetX: 400, streetY: 400, admin: 400 },
    },
  },
  'routes/staff.announcements.preview': {
    // JSON for the editor's live preview: a POST only.
    path: '/staff/announcements/preview',
    get: { ...staffOnly(['streetX', 'streetY', 'admin']), streetX: 405, streetY: 405, admin: 405 },
    post: { form: { intent: 'preview', bodyZh: '**预览**' }, expected: staffOnly(['streetX', 'streetY', 'admin']) },
  },
  'routes/staff.announcements.$announcementId': {
    // One of street X's announcements: street Y's staff may not see or change it.
    path: '/staff/announcements/{staffAnnouncement}',
    get: staffOnly(['streetX', 'admin']),
    post: { form: { intent: 'preview', bodyZh: '**预览**' }, expected: staffOnly(['streetX', 'admin']) },
  },
  'routes/operator.centres.$centreSlug': {
    path: '/operator/centres/wangjiang',
    get: staffOnly(['operatorA', 'admin']),
  },
  'routes/operator.centres.$centreSlug._index': {
    path: '/operator/centres/wangjiang?index',
    get: staffOnly(['operatorA', 'admin']),
  },
  'routes/operator.centres.$centreSlug.desk._index': {
    path: '/operator/centres/wangjiang/desk?index',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'check_in', reference: '' }, expected: deskPost },
  },
  'routes/operator.centres.$centreSlug.desk.slots.$slotId': {
    path: '/operator/centres/wangjiang/desk/slots/{slot}',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'check_in', reference: '' }, expected: deskPost },
  },
  'routes/operator.centres.$centreSlug.desk.assist': {
    path: '/operator/centres/wangjiang/desk/assist',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'find', phone: '' }, expected: deskPost },
  },
  'routes/operator.centres.$centreSlug.export.slots.$slotId[.csv]': {
    path: '/operator/centres/wangjiang/export/slots/{slot}.csv',
    get: staffOnly(['operatorA', 'admin']),
  },
  'routes/operator.centres.$centreSlug.export.bookings[.csv]': {
    path: '/operator/centres/wangjiang/export/bookings.csv?from=2026-01-01&until=2026-01-07',
    get: staffOnly(['operatorA', 'admin']),
  },
  'routes/operator.centres.$centreSlug.figures': {
    path: '/operator/centres/wangjiang/figures',
    get: staffOnly(['operatorA', 'admin']),
  },
  'routes/operator.centres.$centreSlug.services._index': {
    path: '/operator/centres/wangjiang/services',
    get: staffOnly(['operatorA', 'admin']),
  },
  'routes/operator.centres.$centreSlug.services.new': {
    path: '/operator/centres/wangjiang/services/new',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { slug: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
  },
  'routes/operator.centres.$centreSlug.services.$serviceId': {
    path: '/operator/centres/wangjiang/services/{service}',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'save', nameZh: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
  },
  'routes/operator.centres.$centreSlug.services.$serviceId_.slots': {
    path: '/operator/centres/wangjiang/services/{service}/slots',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'add-slot', date: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
  },
  'routes/operator.centres.$centreSlug.slots.$slotId': {
    path: '/operator/centres/wangjiang/slots/{slot}',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'cancel-slot', reason: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
  },
  'routes/operator.centres.$centreSlug.days.$date': {
    path: '/operator/centres/wangjiang/days/2026-12-01',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'cancel-day', reason: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
  },
  'routes/operator.centres.$centreSlug.details': {
    path: '/operator/centres/wangjiang/details',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'details', nameZh: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
  },
  'routes/street.$streetSlug': { path: '/street/wangjiang', get: staffOnly(['streetX', 'admin']) },
  'routes/admin._index': {
    path: '/admin',
    get: staffOnly(['admin']),
    post: { form: { intent: 'grant', login: '' }, expected: { ...staffOnly(['admin']), admin: 400 } },
  },
  'routes/admin.places': {
    path: '/admin/places',
    get: staffOnly(['admin']),
    post: { form: { intent: 'add-street', slug: '' }, expected: { ...staffOnly(['admin']), admin: 400 } },
  },
  'routes/admin.centres.$centreSlug': {
    path: '/admin/centres/wangjiang',
    get: staffOnly(['admin']),
    post: { form: { nameZh: '' }, expected: { ...staffOnly(['admin']), admin: 400 } },
  },
  'routes/admin.inspection-checklist': {
    path: '/admin/inspection-checklist',
    get: staffOnly(['admin']),
    post: { form: { intent: 'add-item', labelZh: '' }, expected: { ...staffOnly(['admin']), admin: 400 } },
  },
  'routes/district.comparison': {
    path: '/district/comparison',
    get: staffOnly(['streetX', 'streetY', 'admin']),
    // Street staff see the comparison but only district admins set the weights (no weights: 400).
    post: { form: { intent: 'weights' }, expected: { ...staffOnly(['admin']), admin: 400 } },
  },
  'routes/district.comparison[.csv]': {
    // Street X's centres: street Y's staff may not have them.
    path: '/district/comparison.csv?street=wangjiang',
    get: staffOnly(['streetX', 'admin']),
  },
  'routes/district.comparison_.print': {
    path: '/district/comparison/print?street=liuan',
    get: staffOnly(['streetY', 'admin']),
  },
  'routes/elder-mode': {
    path: '/elder-mode',
    get: everyone(302),
    post: { form: { elderMode: 'off', redirectTo: '/' }, expected: everyone(303) },
  },
  'routes/inspection-photos.$photoKey': {
    path: '/inspection-photos/00000000000000000000000000000000.png',
    get: loggedIn(404),
  },
  'routes/operator.centres.$centreSlug.feedback': {
    path: '/operator/centres/wangjiang/feedback',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'hide', feedbackId: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
  },
  'routes/operator.centres.$centreSlug.issues': {
    path: '/operator/centres/wangjiang/issues',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'fix', note: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
  },
  'routes/staff.inspections.$inspectionId': {
    // The demo inspection of 望江, by street X's office.
    path: '/staff/inspections/{inspection}',
    get: staffOnly(['streetX', 'admin']),
    post: {
      form: { intent: 'add-issue', description: '' },
      expected: { ...staffOnly(['streetX', 'admin']), streetX: 400, admin: 400 },
    },
  },
  'routes/staff.inspections._index': {
    path: '/staff/inspections',
    get: staffOnly(['streetX', 'streetY', 'admin']),
  },
  'routes/staff.inspections.centres.$centreSlug._index': {
    // Centre A (望江) is street X's: street Y's staff may not see it.
    path: '/staff/inspections/centres/wangjiang',
    get: staffOnly(['streetX', 'admin']),
  },
  'routes/staff.inspections.centres.$centreSlug.new': {
    path: '/staff/inspections/centres/wangjiang/new',
    get: staffOnly(['streetX', 'admin']),
    // No scores: refused before anything is saved.
    post: {
      form: { inspectedOn: '' },
      expected: { ...staffOnly(['streetX', 'admin']), streetX: 400, admin: 400 },
    },
  },
}

/** The sample ids the matrix's addresses need ({slot}, {booking} …), found on the demo's pages. */
export type RouteParameters = Record<
  'announcement' | 'staffAnnouncement' | 'member' | 'slot' | 'booking' | 'service' | 'inspection',
  string
>

export async function routeParameters(
  contexts: Pick<Record<Visitor, APIRequestContext>, 'admin' | 'residentA'>,
): Promise<RouteParameters> {
  const { admin, residentA } = contexts
  const announcement = (await (await admin.get('/')).text()).match(/href="\/announcements\/(\d+)"/)?.[1]
  const staffAnnouncement = (await (await admin.get('/staff/announcements?street=wangjiang')).text()).match(
    /href="\/staff\/announcements\/(\d+)"/,
  )?.[1]
  const member = (await (await residentA.get('/account/household')).text()).match(
    /href="\/account\/household\/(\d+)"/,
  )?.[1]
  const slot = (await (await admin.get('/centres/wangjiang/services/yoga')).text()).match(/href="\/book\/(\d+)"/)?.[1]
  // One of resident A's bookings she may still cancel (other tests book and cancel as her too).
  let booking: string | undefined
  const references = (await (await residentA.get('/bookings')).text()).matchAll(/href="\/bookings\/([A-Z0-9]{6,12})"/g)
  for (const [, reference] of references) {
    const page = await (await residentA.get(`/bookings/${reference}`)).text()
    if (page.includes('name="intent" value="cancel"')) {
      booking = reference
      break
    }
  }
  const inspection = (await (await admin.get('/staff/inspections/centres/wangjiang')).text()).match(
    /href="\/staff\/inspections\/(\d+)"/,
  )?.[1]
  const service = (await (await admin.get('/operator/centres/wangjiang/services')).text()).match(
    /href="\/operator\/centres\/wangjiang\/services\/(\d+)"/,
  )?.[1]
  expect(slot, 'a bookable yoga slot').toBeTruthy()
  expect(service, "one of 望江's services").toBeTruthy()
  expect(booking, "one of resident A's bookings").toBeTruthy()
  expect(announcement, 'a published announcement on the home page').toBeTruthy()
  expect(staffAnnouncement, "one of street X's announcements").toBeTruthy()
  expect(member, "resident A's household member").toBeTruthy()
  expect(inspection, 'the demo inspection of 望江').toBeTruthy()
  return { announcement, staffAnnouncement, member, slot, booking, service, inspection } as RouteParameters
}

/** A row's address with its sample ids filled in. */
export function addressOf(row: RouteRow, parameters: RouteParameters): string {
  return row.path.replace(/\{(\w+)\}/g, (_, name: keyof RouteParameters) => parameters[name])
}

/**
 * One logged-in request context per visitor; the two extra staff are made through the
 * admin page. `only` leaves out the visitors a test does not need (making them costs
 * sign-ups and grants).
 */
export async function visitorContexts<V extends Visitor = Visitor>(
  only: readonly V[] = visitors as readonly Visitor[] as readonly V[],
): Promise<Record<V, APIRequestContext>> {
  const stamp = String(Date.now()).slice(-7)
  const fresh = (kind: number) => `137${kind}${stamp}`
  const context = (address: string) =>
    playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': address } })
  const wanted = (visitor: Visitor) => (only as readonly Visitor[]).includes(visitor)

  const anonymous = await context('10.77.0.1')
  const admin = await logInVisitor(await context('10.77.0.2'), DEMO.admin)
  const residentA = await logInVisitor(await context('10.77.0.3'), DEMO.resident)
  const operatorA = await logInVisitor(await context('10.77.0.4'), DEMO.operator)
  const streetX = await logInVisitor(await context('10.77.0.5'), DEMO.streetStaff)
  const made: Partial<Record<Visitor, APIRequestContext>> = { anonymous, admin, residentA, operatorA, streetX }
  if (wanted('residentB')) made.residentB = await signUpVisitor(await context('10.77.0.6'), fresh(1))
  if (wanted('operatorB') || wanted('streetY')) Object.assign(made, await otherStreetStaff(admin, context, fresh))
  for (const visitor of visitors) if (!wanted(visitor)) await made[visitor]?.dispose()
  return made as Record<V, APIRequestContext>
}

/** Operator B (of centre 柳岸) and street Y's staff: new residents whom the admin grants their roles. */
async function otherStreetStaff(
  admin: APIRequestContext,
  context: (address: string) => Promise<APIRequestContext>,
  fresh: (kind: number) => string,
) {
  const adminPage = await (await admin.get('/admin')).text()
  const optionValue = (label: RegExp) =>
    [...adminPage.matchAll(/<option value="(\d+)">([^<]+)<\/option>/g)].find((match) => label.test(match[2]!))?.[1]
  const liuanCentre = optionValue(/^柳岸邻里中心$/)
  const liuanStreet = optionValue(/^柳岸街道$/)
  expect(liuanCentre && liuanStreet, 'the 柳岸 centre and street on the admin page').toBeTruthy()

  const operatorB = await signUpVisitor(await context('10.77.0.7'), fresh(2))
  const streetY = await signUpVisitor(await context('10.77.0.8'), fresh(3))
  for (const [login, form] of [
    [fresh(2), { role: 'operator', centreId: liuanCentre! }],
    [fresh(3), { role: 'street_staff', streetId: liuanStreet! }],
  ] as const) {
    const granted = await admin.post('/admin', {
      form: { intent: 'grant', login, ...form },
      headers: { Origin: originOf(baseURL) },
      maxRedirects: 0,
    })
    expect(granted.status()).toBe(302)
  }
  // A grant ends the person's sessions, so they log in again to work with their new rights.
  await logInVisitor(operatorB, fresh(2))
  await logInVisitor(streetY, fresh(3))
  return { operatorB, streetY }
}

async function logInVisitor(context: APIRequestContext, login: string) {
  const response = await context.post('/login', {
    form: { login, password: DEMO_PASSWORD },
    headers: { Origin: originOf(baseURL) },
    maxRedirects: 0,
  })
  expect(response.status(), `log in as ${login}`).toBe(302)
  return context
}

async function signUpVisitor(context: APIRequestContext, phone: string) {
  const response = await context.post('/signup', {
    form: { login: phone, password: DEMO_PASSWORD, name: '测试居民' },
    headers: { Origin: originOf(baseURL) },
    maxRedirects: 0,
  })
  expect(response.status(), `sign up ${phone}`).toBe(302)
  return context
}

/**
 * Books, through `api` (a logged-in resident), the first culture class with places that
 * starts six hours or more ahead (open, before its cutoff); returns the confirmation's address.
 */
export async function bookCultureClass(api: APIRequestContext): Promise<string> {
  const culture = await (await api.get('/categories/culture')).text()
  const slot = culture
    .split('<li class="slot"')
    .slice(1)
    .filter((item) => !item.includes('seats--full'))
    .map((item) => ({
      id: item.match(/href="\/book\/(\d+)"/)?.[1],
      startsAt: Date.parse(item.match(/datetime="([^"]+)"/i)?.[1] ?? ''),
    }))
    .find((item) => item.id && item.startsAt > Date.now() + 6 * 60 * 60 * 1000)?.id
  expect(slot, 'a culture class with places').toBeTruthy()
  const form = await (await api.get(`/book/${slot}`)).text()
  const idempotencyKey = form.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] ?? ''
  const booked = await postForm(api, `/book/${slot}`, { attendee: 'self', idempotencyKey })
  expect(booked.status()).toBe(303)
  return booked.headers()['location']!
}
