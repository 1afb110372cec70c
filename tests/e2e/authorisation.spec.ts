import { request as playwrightRequest, type APIRequestContext } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { baseURL } from '../../playwright.config.ts'
import { builtRouteIds } from '../fixtures/built-routes.ts'

/**
 * The authorisation matrix: every route of the built app × every kind of visitor gets
 * the expected status. The route list comes from the build itself, so a route added
 * without a row here fails the first test.
 */

const visitors = [
  'anonymous',
  'residentA',
  'residentB',
  'operatorA',
  'operatorB',
  'streetX',
  'streetY',
  'admin',
] as const
type Visitor = (typeof visitors)[number]
type Expected = Record<Visitor, number>

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

interface Row {
  /** A real address for the route, with sample parameters; {member} is resident A's household member. */
  path: string
  get: Expected
  /** For routes with an action: a harmless POST and who may make it. */
  post?: { form: Record<string, string>; expected: Expected }
}

// Centre A is 望江 (wangjiang) of street X (wangjiang); centre B is 柳岸 (liuan) of street Y (liuan).
const matrix: Record<string, Row | 'layout'> = {
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
  'routes/elder-mode': {
    path: '/elder-mode',
    get: everyone(302),
    post: { form: { elderMode: 'off', redirectTo: '/' }, expected: everyone(303) },
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
  'routes/operator.centres.$centreSlug.feedback': {
    path: '/operator/centres/wangjiang/feedback',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'hide', feedbackId: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
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
  'routes/staff.inspections.$inspectionId': {
    // The demo inspection of 望江, by street X's office.
    path: '/staff/inspections/{inspection}',
    get: staffOnly(['streetX', 'admin']),
    post: {
      form: { intent: 'add-issue', description: '' },
      expected: { ...staffOnly(['streetX', 'admin']), streetX: 400, admin: 400 },
    },
  },
  'routes/inspection-photos.$photoKey': {
    path: '/inspection-photos/00000000000000000000000000000000.png',
    get: loggedIn(404),
  },
  'routes/operator.centres.$centreSlug.issues': {
    path: '/operator/centres/wangjiang/issues',
    get: staffOnly(['operatorA', 'admin']),
    post: { form: { intent: 'fix', note: '' }, expected: { ...staffOnly([]), operatorA: 400, admin: 400 } },
  },
  'routes/admin.inspection-checklist': {
    path: '/admin/inspection-checklist',
    get: staffOnly(['admin']),
    post: { form: { intent: 'add-item', labelZh: '' }, expected: { ...staffOnly(['admin']), admin: 400 } },
  },
  'routes/street.$streetSlug': { path: '/street/wangjiang', get: staffOnly(['streetX', 'admin']) },
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
}

const PASSWORD = 'linli-demo-2026'
const origin = new URL(baseURL).origin

test.describe('authorisation matrix', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the same for both projects')

  test('every route of the build has a row in the matrix, and every row a route', async () => {
    expect(builtRouteIds()).toEqual(Object.keys(matrix).sort())
  })

  test('every visitor gets the expected status on every route', async () => {
    test.setTimeout(120_000)
    const contexts = await visitorContexts()
    const admin = contexts.admin
    const announcement = (await (await admin.get('/')).text()).match(/href="\/announcements\/(\d+)"/)?.[1]
    const staffAnnouncement = (await (await admin.get('/staff/announcements?street=wangjiang')).text()).match(
      /href="\/staff\/announcements\/(\d+)"/,
    )?.[1]
    const member = (await (await contexts.residentA.get('/account/household')).text()).match(
      /href="\/account\/household\/(\d+)"/,
    )?.[1]
    const slot = (await (await admin.get('/centres/wangjiang/services/yoga')).text()).match(/href="\/book\/(\d+)"/)?.[1]
    // Resident A's booking from the demo, whose cutoff has passed or not: either way only A sees it.
    const booking = (await (await contexts.residentA.get('/bookings')).text()).match(
      /href="\/bookings\/([A-Z0-9]{6,12})"/,
    )?.[1]
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

    const failures: string[] = []
    for (const row of Object.values(matrix)) {
      if (row === 'layout') continue
      const address = row.path
        .replace('{announcement}', announcement!)
        .replace('{staffAnnouncement}', staffAnnouncement!)
        .replace('{member}', member!)
        .replace('{slot}', slot!)
        .replace('{booking}', booking!)
        .replace('{service}', service!)
        .replace('{inspection}', inspection!)
      for (const visitor of visitors) {
        const got = (await contexts[visitor].get(address, { maxRedirects: 0 })).status()
        if (got !== row.get[visitor])
          failures.push(`GET ${address} as ${visitor}: ${got}, expected ${row.get[visitor]}`)
        if (row.post) {
          const posted = await contexts[visitor].post(address, {
            form: row.post.form,
            headers: { Origin: origin },
            maxRedirects: 0,
          })
          if (posted.status() !== row.post.expected[visitor]) {
            failures.push(`POST ${address} as ${visitor}: ${posted.status()}, expected ${row.post.expected[visitor]}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
    await Promise.all(Object.values(contexts).map((context) => context.dispose()))
  })
})

/** One logged-in request context per visitor; the two extra staff are made through the admin page. */
async function visitorContexts(): Promise<Record<Visitor, APIRequestContext>> {
  const stamp = String(Date.now()).slice(-7)
  const fresh = (kind: number) => `137${kind}${stamp}`
  const context = (address: string) =>
    playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': address } })

  const anonymous = await context('10.77.0.1')
  const admin = await logIn(await context('10.77.0.2'), 'admin@linli.example')
  const residentA = await logIn(await context('10.77.0.3'), '13800000001')
  const operatorA = await logIn(await context('10.77.0.4'), '13800000002')
  const streetX = await logIn(await context('10.77.0.5'), '13800000003')
  const residentB = await signUp(await context('10.77.0.6'), fresh(1))

  const adminPage = await (await admin.get('/admin')).text()
  const optionValue = (label: RegExp) =>
    [...adminPage.matchAll(/<option value="(\d+)">([^<]+)<\/option>/g)].find((match) => label.test(match[2]!))?.[1]
  const liuanCentre = optionValue(/^柳岸邻里中心$/)
  const liuanStreet = optionValue(/^柳岸街道$/)
  expect(liuanCentre && liuanStreet, 'the 柳岸 centre and street on the admin page').toBeTruthy()

  const operatorB = await signUp(await context('10.77.0.7'), fresh(2))
  const streetY = await signUp(await context('10.77.0.8'), fresh(3))
  for (const [login, form] of [
    [fresh(2), { role: 'operator', centreId: liuanCentre! }],
    [fresh(3), { role: 'street_staff', streetId: liuanStreet! }],
  ] as const) {
    const granted = await admin.post('/admin', {
      form: { intent: 'grant', login, ...form },
      headers: { Origin: origin },
      maxRedirects: 0,
    })
    expect(granted.status()).toBe(302)
  }
  // A grant ends the person's sessions, so they log in again to work with their new rights.
  await logIn(operatorB, fresh(2))
  await logIn(streetY, fresh(3))
  return { anonymous, residentA, residentB, operatorA, operatorB, streetX, streetY, admin }
}

async function logIn(context: APIRequestContext, login: string) {
  const response = await context.post('/login', {
    form: { login, password: PASSWORD },
    headers: { Origin: origin },
    maxRedirects: 0,
  })
  expect(response.status(), `log in as ${login}`).toBe(302)
  return context
}

async function signUp(context: APIRequestContext, phone: string) {
  const response = await context.post('/signup', {
    form: { login: phone, password: PASSWORD, name: '测试居民' },
    headers: { Origin: origin },
    maxRedirects: 0,
  })
  expect(response.status(), `sign up ${phone}`).toBe(302)
  return context
}
