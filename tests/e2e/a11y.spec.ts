import { createHash } from 'node:crypto'
import { AxeBuilder } from '@axe-core/playwright'
import type { APIRequestContext, Browser, BrowserContextOptions, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import {
  addressOf,
  routeMatrix,
  routeParameters,
  uniquePhone,
  visitorContexts,
  type Language,
  type RouteParameters,
} from './support.ts'
import { baseURL } from '../../playwright.config.ts'
import { builtRouteIds } from '../fixtures/built-routes.ts'

/**
 * The accessibility scan: axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) on every page
 * of the build, in both languages and both modes (elder mode is the `linli_elder=1`
 * cookie), as the first kind of visitor (anonymous, resident, operator, street office,
 * district admin) who may see it, the home page as each of them — and on pages in the states that
 * matter: forms with errors, a full class, a booking's confirmation. Zero violations.
 *
 * The addresses and who may see them come from the authorisation matrix (support.ts);
 * `scanList` says for each route of the build whether it is a page to scan, so a route
 * added later without an entry fails the first test.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

const scanVisitors = ['anonymous', 'residentA', 'operatorA', 'streetX', 'admin'] as const
type ScanVisitor = (typeof scanVisitors)[number]
const languages: Language[] = ['zh-CN', 'en']
const modes = ['standard', 'elder'] as const
type Mode = (typeof modes)[number]

/**
 * `page`: scanned as every visitor the matrix lets in (200); `not-found`: the page is the
 * 404 page, scanned as every visitor; `skip`: not an HTML page (the reason says what it is).
 */
type ScanEntry = 'layout' | 'page' | 'not-found' | { skip: string }

const scanList: Record<string, ScanEntry> = {
  root: 'layout',
  'routes/_index': 'page',
  'routes/$': 'not-found',
  'routes/healthz': { skip: 'plain-text liveness probe' },
  'routes/readyz': { skip: 'plain-text readiness probe' },
  'routes/search': 'page',
  'routes/centres._index': 'page',
  'routes/centres.$centreSlug._index': 'page',
  'routes/centres.$centreSlug.services.$serviceSlug': 'page',
  'routes/categories.$category': 'page',
  'routes/announcement-images.$imageKey': { skip: 'image files' },
  'routes/announcements._index': 'page',
  'routes/announcements.$announcementId': 'page',
  'routes/centres.$centreSlug.announcements[.atom]': { skip: 'Atom feed' },
  'routes/streets.$streetSlug.announcements[.atom]': { skip: 'Atom feed' },
  'routes/language': { skip: 'a form action that redirects back' },
  'routes/login': 'page',
  'routes/signup': 'page',
  'routes/logout': { skip: 'a form action that redirects' },
  'routes/account._index': 'page',
  'routes/account.household._index': 'page',
  'routes/account.household.$memberId': 'page',
  'routes/book.$slotId': 'page',
  'routes/bookings._index': 'page',
  'routes/bookings.$reference': 'page',
  'routes/bookings_.$reference.calendar[.ics]': { skip: 'iCalendar file' },
  'routes/calendar.$token.bookings[.ics]': { skip: 'iCalendar feed' },
  'routes/notifications': 'page',
  'routes/staff._index': 'page',
  'routes/staff.announcements._index': 'page',
  'routes/staff.announcements.preview': { skip: "JSON for the editor's live preview" },
  'routes/staff.announcements.new': 'page',
  'routes/staff.announcements.$announcementId': 'page',
  'routes/operator.centres.$centreSlug': 'page',
  'routes/operator.centres.$centreSlug._index': 'page',
  'routes/operator.centres.$centreSlug.desk._index': 'page',
  'routes/operator.centres.$centreSlug.desk.slots.$slotId': 'page',
  'routes/operator.centres.$centreSlug.desk.assist': 'page',
  'routes/operator.centres.$centreSlug.export.slots.$slotId[.csv]': { skip: 'CSV file' },
  'routes/operator.centres.$centreSlug.export.bookings[.csv]': { skip: 'CSV file' },
  'routes/operator.centres.$centreSlug.figures': 'page',
  'routes/operator.centres.$centreSlug.services._index': 'page',
  'routes/operator.centres.$centreSlug.services.new': 'page',
  'routes/operator.centres.$centreSlug.services.$serviceId': 'page',
  'routes/operator.centres.$centreSlug.services.$serviceId_.slots': 'page',
  'routes/operator.centres.$centreSlug.slots.$slotId': 'page',
  'routes/operator.centres.$centreSlug.days.$date': 'page',
  'routes/operator.centres.$centreSlug.details': 'page',
  'routes/street.$streetSlug': 'page',
  'routes/admin._index': 'page',
  'routes/admin.places': 'page',
  'routes/admin.centres.$centreSlug': 'page',
  'routes/admin.inspection-checklist': 'page',
  'routes/district.comparison': 'page',
  'routes/district.comparison[.csv]': { skip: 'CSV file' },
  'routes/district.comparison_.print': 'page',
  'routes/elder-mode': { skip: 'a form action that redirects back' },
  'routes/inspection-photos.$photoKey': { skip: 'image files' },
  'routes/operator.centres.$centreSlug.feedback': 'page',
  'routes/operator.centres.$centreSlug.issues': 'page',
  'routes/staff.inspections.$inspectionId': 'page',
  'routes/staff.inspections._index': 'page',
  'routes/staff.inspections.centres.$centreSlug._index': 'page',
  'routes/staff.inspections.centres.$centreSlug.new': 'page',
}

/** Samples for the states below: a full class, slots resident A may book. */
interface Samples extends RouteParameters {
  api: Record<ScanVisitor, APIRequestContext>
  fullSlot: string
  fullSlotService: string
  openSlots: string[]
}

/** A page in a state worth scanning on its own: reached by doing something on the page. */
interface State {
  name: string
  visitor: ScanVisitor
  reach(page: Page, samples: Samples, combination: number, found: string[]): Promise<void>
}

const states: State[] = [
  {
    name: 'log-in form refused (form-level error summary)',
    visitor: 'anonymous',
    async reach(page) {
      await page.goto('/login')
      await page.locator('#login-login').fill(uniquePhone())
      await page.locator('#login-password').fill('not the password')
      await submitForm(page, 'form#login')
      await expect(page.locator('.error-summary')).toBeVisible()
    },
  },
  {
    name: 'sign-up form sent empty (error summary with a link to each field)',
    visitor: 'anonymous',
    async reach(page) {
      await page.goto('/signup')
      await submitForm(page, 'main form[method="post"]')
      await expect(page.locator('.error-summary a').first()).toBeVisible()
    },
  },
  {
    name: 'household member form sent empty',
    visitor: 'residentA',
    async reach(page) {
      await page.goto('/account/household')
      await submitForm(page, 'main form[method="post"]')
      await expect(page.locator('.error-summary a').first()).toBeVisible()
    },
  },
  {
    name: 'new service form sent empty',
    visitor: 'operatorA',
    async reach(page) {
      await page.goto('/operator/centres/wangjiang/services/new')
      await submitForm(page, 'main form[method="post"]')
      await expect(page.locator('.error-summary a').first()).toBeVisible()
    },
  },
  {
    name: 'announcement editor sent empty',
    visitor: 'streetX',
    async reach(page) {
      await page.goto('/staff/announcements/new')
      await submitForm(page, 'main form[method="post"]', 'button[name="intent"][value="save"]')
      await expect(page.locator('.error-summary a').first()).toBeVisible()
    },
  },
  {
    name: 'service page with a full class',
    visitor: 'anonymous',
    async reach(page, samples) {
      await page.goto(samples.fullSlotService)
      await expect(page.locator('.seats--full').first()).toBeVisible()
    },
  },
  {
    name: 'booking page of a full class',
    visitor: 'residentA',
    async reach(page, samples) {
      await page.goto(`/book/${samples.fullSlot}`)
      await expect(page.locator('.seats--full')).toBeVisible()
    },
  },
  {
    name: 'confirmation of a new booking, then the same booking cancelled',
    visitor: 'residentA',
    async reach(page, samples, combination, found) {
      // Each language and mode books its own slot, so they can run at the same time.
      await page.goto(`/book/${samples.openSlots[combination]}`)
      await submitForm(page, 'main form[method="post"]')
      await page.waitForURL(/\/bookings\/[A-Z0-9]+$/)
      await expect(page.locator('.confirmation-panel--confirmed')).toBeVisible()
      found.push(...(await scan(page, `${page.url()} (just booked)`)))
      await submitForm(page, 'main form:has(input[name="intent"][value="cancel"])')
      await page.waitForURL(/cancelled=1/)
    },
  },
]

// A trace of some 400 page loads and scans would cost more than the scan itself.
test.use({ trace: 'off' })

test.describe('accessibility scan (axe-core)', () => {
  // JavaScript only adds to the server's markup here (the desk's camera button, the live
  // preview), and error summaries are the same component either way: scanning the hydrated
  // pages covers what a reader without JavaScript gets. The keyboard journey runs in both.
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the hydrated pages contain the server-rendered ones')
  test('every route of the build has an entry in the scan list, and every entry a route', async () => {
    expect(builtRouteIds()).toEqual(Object.keys(scanList).sort())
  })

  // One test per kind of visitor: each page of theirs in both languages and both modes,
  // then the states they can reach (after the pages: a booking adds notifications, which
  // change the header of every later page).
  for (const visitor of scanVisitors) {
    test(`as ${visitor}: every page, in both languages and both modes, has no violations`, async ({
      browser,
      javaScriptEnabled,
      viewport,
      userAgent,
      deviceScaleFactor,
      isMobile,
      hasTouch,
    }, testInfo) => {
      test.setTimeout(300_000)
      const started = Date.now()
      const before = { seen: pagesSeen, scanned: scanned.size }
      const found: string[] = []
      samples ??= await findSamples()
      const device: BrowserContextOptions = {
        javaScriptEnabled,
        viewport,
        userAgent,
        deviceScaleFactor,
        isMobile,
        hasTouch,
      }
      const combinations = languages.flatMap((language) => modes.map((mode) => ({ language, mode })))
      // Two browser pages at a time: the machine has two cores and the server needs its share.
      await inParallel(combinations, 2, async ({ language, mode }, combination) => {
        const options = { ...device, locale: language }
        const context = await browserContext(browser, samples!.api[visitor], options, mode, combination)
        const page = await context.newPage()
        for (const address of addressesFor(visitor, samples!)) {
          const response = await page.goto(address)
          expect(response?.status(), `GET ${address} as ${visitor}`).toBeLessThan(500)
          found.push(...(await scan(page, `${address} as ${visitor}, ${language}, ${mode}`)))
        }
        for (const state of states.filter((state) => state.visitor === visitor)) {
          await state.reach(page, samples!, combination, found)
          found.push(...(await scan(page, `${state.name} as ${visitor}, ${language}, ${mode}`)))
        }
        await context.close()
      })
      testInfo.annotations.push({
        type: 'scan',
        description: `${scanned.size - before.scanned} distinct pages scanned of ${pagesSeen - before.seen} visited, in ${Math.round((Date.now() - started) / 1000)} s`,
      })
      expect(found, 'axe-core violations').toEqual([])
    })
  }

  test.afterAll(async () => {
    await Promise.all(Object.values<APIRequestContext>(samples?.api ?? {}).map((context) => context.dispose()))
  })
})

// What the scan found. Pages whose markup is identical to one already scanned (the same
// HTML and the same stylesheet give the same result) are not scanned twice: on this branch
// the elder-mode cookie changes nothing yet, and many pages look the same to every visitor.
// Hidden inputs (a form's fresh idempotency key) and scripts show nothing, so they are left
// out of the comparison.
const scanned = new Map<string, string[]>()
let pagesSeen = 0
let samples: Samples | undefined

/** The page's violations, each labelled with `label`. */
async function scan(page: Page, label: string): Promise<string[]> {
  pagesSeen += 1
  const markup = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement
    copy.querySelectorAll('script, input[type="hidden"]').forEach((element) => element.remove())
    return copy.outerHTML
  })
  const key = createHash('sha256').update(markup).digest('hex')
  let found = scanned.get(key)
  if (!found) {
    // Legacy mode runs axe in the page itself, without the extra blank page the default
    // mode opens to combine frames' results: our pages have no frames, and it halves the time.
    const results = await new AxeBuilder({ page })
      .setLegacyMode(true)
      .withTags(TAGS)
      .options({ resultTypes: ['violations'] })
      .analyze()
    found = results.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.help}) at ${node.target.join(' ')}`),
    )
    scanned.set(key, found)
  }
  return found.map((violation) => `${label}: ${violation}`)
}

/**
 * The addresses a visitor scans: each page of the scan list that the matrix lets them see
 * and no visitor before them in `scanVisitors` can (what differs between visitors on the
 * same page is the header, which the home page, scanned as everyone, covers).
 */
function addressesFor(visitor: ScanVisitor, samples: Samples): string[] {
  return Object.entries(scanList).flatMap(([routeId, entry]) => {
    const row = routeMatrix[routeId]
    if (entry === 'layout' || typeof entry === 'object' || !row || row === 'layout') return []
    const expected = entry === 'not-found' ? 404 : 200
    const first = scanVisitors.find((candidate) => row.get[candidate] === expected)
    return first === visitor || (routeId === 'routes/_index' && row.get[visitor] === expected)
      ? [addressOf(row, samples)]
      : []
  })
}

/** A browser context acting as `visitor` (their session cookie), in a language and a mode. */
async function browserContext(
  browser: Browser,
  api: APIRequestContext,
  options: BrowserContextOptions,
  mode: Mode,
  index: number,
) {
  const context = await browser.newContext({
    ...options,
    baseURL,
    storageState: await api.storageState(),
    // Each combination acts from its own address, so throttles of one don't touch another.
    extraHTTPHeaders: { 'X-Forwarded-For': `10.78.${index}.1` },
  })
  if (mode === 'elder') await context.addCookies([{ name: 'linli_elder', value: '1', url: baseURL }])
  return context
}

/**
 * Submits a form as its submit button would, skipping the browser's own checks (required,
 * patterns) so that the server's or the form library's error summary shows, with or
 * without JavaScript.
 */
async function submitForm(page: Page, form: string, button = 'button[type="submit"]') {
  const target = page.locator(form).first()
  await target.evaluate((element) => element.setAttribute('novalidate', ''))
  await target.locator(button).last().click()
}

/** Runs `work` on every item, at most `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await work(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
}

/** The visitors' sessions, the matrix's sample ids, a full class of the demo and four slots resident A may book. */
async function findSamples(): Promise<Samples> {
  const api = await visitorContexts(scanVisitors)
  const parameters = await routeParameters(api)
  const fitness = await (await api.anonymous.get('/categories/fitness')).text()
  const items = fitness.split('<li class="slot"').slice(1)
  const full = items.find((item) => item.includes('seats--full'))
  const fullSlot = full?.match(/href="\/book\/(\d+)"/)?.[1]
  const fullSlotService = full?.match(/href="(\/centres\/[^"/]+\/services\/[^"/]+)"/)?.[1]
  expect(fullSlot && fullSlotService, "the demo's full class on the fitness page").toBeTruthy()

  // Slots with room, at least six hours ahead (before every demo service's cutoff), one per
  // service (per-person limits) whose booking page offers the form.
  const soon = Date.now() + 6 * 60 * 60 * 1000
  const openSlots: string[] = []
  const services = new Set<string>()
  const centre = await (await api.anonymous.get('/centres/wangjiang')).text()
  const bookings = await (await api.residentA.get('/bookings')).text()
  for (const item of centre.split('<li class="slot"').slice(1)) {
    const startsAt = Date.parse(item.match(/datetime="([^"]+)"/i)?.[1] ?? '')
    const slot = item.match(/href="\/book\/(\d+)"/)?.[1]
    const service = item.match(/href="(\/centres\/[^"/]+\/services\/[^"/]+)"/)?.[1] ?? slot
    if (!slot || item.includes('seats--full') || !(startsAt > soon) || services.has(service!)) continue
    // Not a service she (or her father) already books, and one she may book for herself.
    const name = item.match(/class="slot__title"><a[^>]*>([^<]+)</)?.[1]
    if (!name || bookings.includes(name)) continue
    const form = await (await api.residentA.get(`/book/${slot}`)).text()
    const self = form.match(/<input[^>]*value="self"[^>]*>/)?.[0] ?? ''
    if (!form.includes('name="idempotencyKey"') || form.includes('notice--warning') || !/checked/.test(self)) continue
    openSlots.push(slot)
    services.add(service!)
    if (openSlots.length === languages.length * modes.length) break
  }
  expect(openSlots, 'slots of 望江 resident A may book').toHaveLength(languages.length * modes.length)
  return { ...parameters, api, fullSlot: fullSlot!, fullSlotService: fullSlotService!, openSlots }
}
