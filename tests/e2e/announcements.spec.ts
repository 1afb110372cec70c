import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { APIRequestContext, Browser, BrowserContext, Page, Request, TestInfo } from '@playwright/test'
import { xssPayloads } from '../fixtures/xss-payloads.ts'
import { expect, test } from './fixtures.ts'
import { apiContext, clientAddress, DEMO, DEMO_PASSWORD, logIn, postForm, signUp, t, visibleText } from './support.ts'

// Announcements as a street office and residents meet them: scheduling a notice for one
// centre and watching it go out at its time (the clock is moved per request, see
// app/utils/clock.server.ts, and the scheduler's step is run at that moment), pinning and
// expiry, an urgent notice reaching the residents booked at its centre through the bell,
// the feeds, and hostile Markdown published through the real editor. With and without
// JavaScript (the two projects of playwright.config.ts).

const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const TEST_CLOCK = 'X-Linli-Test-Now'
const run = promisify(execFile)
/** A 1×1 PNG, as a camera would never make, but a real one. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)

/** A datetime-local value for `instant`, in Beijing time as the editor reads it. */
function wallClock(instant: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

/** The scheduler's announcement step, run at `now` against the e2e database; returns what it published. */
async function publishDue(now: Date): Promise<Array<{ id: number; notified: number }>> {
  const { stdout } = await run('npx', ['tsx', 'tests/setup/publish-due.ts', now.toISOString()], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? '', LOG_LEVEL: 'silent' },
  })
  return JSON.parse(stdout.trim().split('\n').pop()!) as Array<{ id: number; notified: number }>
}

/** A browser context like the test's project (JavaScript on or off), for a second person. */
async function personContext(browser: Browser, baseURL: string | undefined, testInfo: TestInfo, n: number) {
  const { javaScriptEnabled, locale, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = testInfo.project.use
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled,
    locale,
    viewport,
    userAgent,
    deviceScaleFactor,
    isMobile,
    hasTouch,
  })
  await context.setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo, n) })
  return context
}

async function logInOnPage(page: Page, login: string, password: string) {
  await page.goto('/login')
  await page.getByLabel(zh('account:fields.login')).fill(login)
  await page.getByLabel(zh('account:fields.password'), { exact: true }).fill(password)
  await page.getByRole('button', { name: zh('account:login.submit'), exact: true }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** Sets the moment the reader's requests happen at (null: the real clock). */
async function readAt(context: BrowserContext, testInfo: TestInfo, instant: Date | null) {
  await context.setExtraHTTPHeaders({
    'X-Forwarded-For': clientAddress(testInfo),
    ...(instant ? { [TEST_CLOCK]: instant.toISOString() } : {}),
  })
}

/** The titles of a page's announcement list, in order. */
async function listedTitles(page: Page, path: string): Promise<string[]> {
  await page.goto(path)
  return page.locator('.announcement-list .announcement__title').allTextContents()
}

const editor = {
  title: () => zh('announcements:editor.fields.titleZh'),
  body: () => zh('announcements:editor.fields.bodyZh'),
}

async function fillAnnouncement(
  page: Page,
  { centre, category, title, body }: { centre: string; category: string; title: string; body: string },
) {
  await page.getByLabel(centre, { exact: true }).check()
  await page.getByLabel(zh('announcements:editor.fields.category')).selectOption({ label: category })
  await page.getByLabel(editor.title(), { exact: true }).fill(title)
  await page.getByLabel(editor.body(), { exact: true }).fill(body)
}

test('a street office schedules a notice for one centre: it goes out at its time, only there, pinned, then expires', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(90_000)
  const title = `望江电梯维修 ${testInfo.project.name} ${Date.now()}`
  // Two hours ahead, on the minute: the editor takes minutes.
  const publishAt = new Date(Math.ceil((Date.now() + 2 * HOUR) / MINUTE) * MINUTE)
  const heading = page.getByRole('heading', { level: 1 })

  // The street office writes it, previews it, and schedules it for 江畔 only.
  const staff = await personContext(browser, baseURL, testInfo, 1)
  const office = await staff.newPage()
  await logInOnPage(office, DEMO.streetStaff, DEMO_PASSWORD)
  await office.goto('/staff')
  await office.getByRole('link', { name: zh('staff:home.announcements') }).click()
  await office.getByRole('link', { name: zh('announcements:staffList.new') }).click()
  await expect(office.getByRole('heading', { level: 1 })).toHaveText(zh('announcements:editor.newHeading'))
  await fillAnnouncement(office, {
    centre: '江畔邻里中心',
    category: zh('announcement.category.notice'),
    title,
    body: '2号楼电梯**停梯检修**一天。\n\n- 上午 8:00 开始\n- 请走楼梯 <script>window.__xss = 1</script>',
  })
  await office.getByRole('button', { name: zh('announcements:editor.actions.preview') }).click()
  const preview = office.locator('.announcement-preview .prose').first()
  await expect(preview.locator('strong')).toHaveText('停梯检修')
  await expect(preview).toContainText('<script>window.__xss = 1</script>')
  await expect(office.getByLabel(editor.title(), { exact: true })).toHaveValue(title)
  await office.getByLabel(zh('announcements:editor.fields.publishAt')).fill(wallClock(publishAt))
  await office
    .getByLabel(zh('announcements:editor.fields.pinnedUntil'))
    .fill(wallClock(new Date(publishAt.getTime() + DAY)))
  await office
    .getByLabel(zh('announcements:editor.fields.expiresAt'))
    .fill(wallClock(new Date(publishAt.getTime() + 2 * DAY)))
  await office.getByRole('button', { name: zh('announcements:editor.actions.schedule') }).click()
  await expect(office).toHaveURL(/\/staff\/announcements\/\d+\?saved=scheduled$/)
  await expect(office.getByRole('status')).toHaveText(zh('announcements:saved.scheduled'))
  const id = Number(/\/staff\/announcements\/(\d+)/.exec(office.url())![1])

  // Its time has come, but until the scheduler runs nobody sees it.
  const soon = new Date(publishAt.getTime() + 10 * MINUTE)
  await readAt(page.context(), testInfo, soon)
  expect(await listedTitles(page, '/centres/jiangpan')).not.toContain(title)

  // The scheduler runs at its time: it goes out.
  const published = await publishDue(new Date(publishAt.getTime() + MINUTE))
  expect(published.map((row) => row.id)).toContain(id)

  // 江畔's readers see it, first (pinned); 望江's and other streets' do not.
  const atJiangpan = await listedTitles(page, '/centres/jiangpan')
  expect(atJiangpan[0]).toBe(title)
  await expect(page.locator('.announcement').first().locator('.tag--pinned')).toHaveText(zh('announcement.pinned'))
  expect(await listedTitles(page, '/centres/wangjiang')).not.toContain(title)
  expect(await listedTitles(page, '/announcements?centre=jiangpan')).toContain(title)
  expect(await listedTitles(page, '/announcements?street=wangjiang')).toContain(title)
  expect(await listedTitles(page, '/announcements?street=liuan')).not.toContain(title)
  expect(await listedTitles(page, '/announcements?centre=jiangpan&category=urgent')).not.toContain(title)
  await page.goto('/announcements?centre=jiangpan')
  await page.locator('.announcement-list a', { hasText: title }).first().click()
  await expect(heading).toHaveText(title)
  await expect(page.locator('.prose strong')).toHaveText('停梯检修')
  await expect(page.getByRole('link', { name: '江畔邻里中心' })).toBeVisible()

  // On the real clock it is not out yet.
  await readAt(page.context(), testInfo, null)
  expect(await listedTitles(page, '/centres/jiangpan')).not.toContain(title)

  // A day later the pin has lapsed; two days later it has expired: off the lists, its page says so.
  await readAt(page.context(), testInfo, new Date(publishAt.getTime() + DAY + HOUR))
  expect(await listedTitles(page, '/centres/jiangpan')).toContain(title)
  await expect(page.locator('.announcement', { hasText: title }).locator('.tag--pinned')).toHaveCount(0)
  await readAt(page.context(), testInfo, new Date(publishAt.getTime() + 2 * DAY + HOUR))
  expect(await listedTitles(page, '/centres/jiangpan')).not.toContain(title)
  expect(await listedTitles(page, '/announcements')).not.toContain(title)
  await page.goto(`/announcements/${id}`)
  await expect(heading).toHaveText(title)
  await expect(page.getByRole('note')).toHaveText(zh('announcement.expired'))

  // The office sees it published.
  await office.goto(`/staff/announcements/${id}`)
  await expect(office.locator('dl.facts')).toContainText(zh('announcements:status.published'))
  await staff.close()
})

test('saving while the live preview is still on its way lands on the saved notice, not an empty page', async ({
  page,
}, testInfo) => {
  test.skip(!testInfo.project.use.javaScriptEnabled, 'the live preview needs JavaScript')
  // The preview is asked for half a second after typing stops. Here its answer arrives
  // while the saved notice's route and data are still being fetched. As a Remix fetcher,
  // its answer made react-router finish that navigation with only the routes it knew: an
  // empty page (remix.config.js). It is a plain fetch now.
  await readAt(page.context(), testInfo, null)
  await logInOnPage(page, DEMO.streetStaff, DEMO_PASSWORD)
  await page.goto('/staff/announcements/new')
  // The first live preview is answered; the next one is held on its way.
  let holdNext = false
  let previewRequest: Request | undefined
  let previewHeld = () => {}
  const held = new Promise<void>((resolve) => (previewHeld = resolve))
  let answerPreview = () => {}
  await page.route(
    (url) => url.pathname === '/staff/announcements/preview',
    async (route) => {
      if (!holdNext || previewRequest) return route.continue()
      previewRequest = route.request()
      previewHeld()
      await new Promise<void>((resolve) => (answerPreview = resolve))
      // Saving may have called it off meanwhile.
      await route.continue().catch(() => {})
    },
  )
  const title = `望江草稿 ${testInfo.project.name} ${Date.now()}`
  await fillAnnouncement(page, {
    centre: '望江邻里中心',
    category: zh('announcement.category.notice'),
    title,
    body: '草稿正文，**还在写**。',
  })
  const preview = page.locator('.announcement-preview .prose').first()
  await expect(preview.locator('strong')).toHaveText('还在写')
  holdNext = true
  await page.getByLabel(editor.body(), { exact: true }).fill('草稿正文，**写完了**。')
  await held
  expect(previewRequest!.postData()).toContain('intent=preview')

  // The saved page's route and data wait until the preview has been answered.
  let previewAnswered = () => {}
  const answered = new Promise<void>((resolve) => (previewAnswered = resolve))
  await page.route(
    (url) => url.pathname === '/__manifest' || /^\/staff\/announcements\/\d+\.data$/.test(url.pathname),
    async (route) => {
      await answered
      await route.continue()
    },
  )
  const saved = page.waitForResponse((response) => response.request().method() === 'POST' && response.status() === 202)
  await page.getByRole('button', { name: zh('announcements:editor.actions.saveDraft') }).click()
  await saved
  answerPreview()
  // Answered or called off, either way it has settled.
  await previewRequest!.response()
  previewAnswered()

  await expect(page).toHaveURL(/\/staff\/announcements\/\d+\?saved=draft$/)
  await expect(page.getByRole('status')).toHaveText(zh('announcements:saved.draft'))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('announcements:editor.editHeading'))
  await expect(page.getByLabel(editor.title(), { exact: true })).toHaveValue(title)
})

test('the centre and street feeds are valid Atom with the current announcements', async ({
  request,
  page,
}, testInfo) => {
  for (const path of ['/centres/jiangpan/announcements.atom', '/streets/wangjiang/announcements.atom?lng=en']) {
    const response = await request.get(path)
    expect(response.status(), path).toBe(200)
    expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8')
    const xml = await response.text()
    if (!testInfo.project.use.javaScriptEnabled) continue
    // Chromium's XML parser, strict: any well-formedness error gives a <parsererror>.
    await page.goto('about:blank')
    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml')
      const ns = 'http://www.w3.org/2005/Atom'
      const root = doc.documentElement
      const child = (parent: Element, name: string) =>
        Array.from(parent.children).filter((element) => element.namespaceURI === ns && element.localName === name)
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        root: `${root.namespaceURI} ${root.localName}`,
        id: child(root, 'id')[0]?.textContent ?? null,
        title: child(root, 'title')[0]?.textContent ?? null,
        updated: child(root, 'updated')[0]?.textContent ?? null,
        self:
          child(root, 'link')
            .find((link) => link.getAttribute('rel') === 'self')
            ?.getAttribute('href') ?? null,
        entries: child(root, 'entry').map((entry) => ({
          id: child(entry, 'id')[0]?.textContent ?? null,
          title: child(entry, 'title')[0]?.textContent ?? null,
          updated: child(entry, 'updated')[0]?.textContent ?? null,
          link: child(entry, 'link')[0]?.getAttribute('href') ?? null,
          content: child(entry, 'content')[0]?.textContent ?? null,
          contentType: child(entry, 'content')[0]?.getAttribute('type') ?? null,
        })),
      }
    }, xml)
    expect(feed.error, `${path} is well-formed XML`).toBe(false)
    expect(feed.root).toBe('http://www.w3.org/2005/Atom feed')
    expect(feed.id).toMatch(/^http:\/\/localhost:\d+\//)
    expect(feed.self).toBe(feed.id)
    expect(feed.title).toBeTruthy()
    expect(new Date(feed.updated!).toISOString()).toBe(feed.updated)
    expect(feed.entries.length).toBeGreaterThan(0)
    for (const entry of feed.entries) {
      expect(entry.id).toMatch(/\/announcements\/\d+$/)
      expect(entry.link).toBe(entry.id)
      expect(entry.title).toBeTruthy()
      expect(new Date(entry.updated!).toISOString()).toBe(entry.updated)
      expect(entry.contentType).toBe('html')
      expect(entry.content).toMatch(/^</)
    }
  }
  // The demo's closure notice at 江畔 is in its feed (English when asked for), not in 柳岸's.
  const jiangpan = await (await request.get('/centres/jiangpan/announcements.atom?lng=en')).text()
  expect(jiangpan).toContain('Jiangpan Neighbourhood Centre closed')
  const liuan = await (await request.get('/streets/liuan/announcements.atom?lng=en')).text()
  expect(liuan).not.toContain('Jiangpan Neighbourhood Centre closed')
  expect((await request.get('/centres/nowhere/announcements.atom')).status()).toBe(404)
})

test.describe(() => {
  // The image form refuses a file that is not an image with a 400, which Chromium logs.
  test.use({ expectedConsoleErrors: [/status of 400/] })

  test('an urgent notice for a centre rings the bell of the residents booked there, and only theirs', async ({
    page,
    browser,
    baseURL,
    playwright,
  }, testInfo) => {
    test.setTimeout(90_000)
    await readAt(page.context(), testInfo, null)
    const title = `江畔停电紧急通知 ${testInfo.project.name} ${Date.now()}`

    // Two new residents: one booked at 江畔, one at 望江.
    const booked: Array<{ api: APIRequestContext; reference: string }> = []
    const atJiangpan = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 2))
    const jiangpanResident = await signUp(atJiangpan, { birthYear: '1990', name: '江畔居民' })
    const atWangjiang = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 3))
    await signUp(atWangjiang, { birthYear: '1990', name: '望江居民' })
    const staffApi = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 4))
    let id: number | undefined
    try {
      booked.push({ api: atJiangpan, reference: await bookSomething(atJiangpan, 'jiangpan') })
      booked.push({ api: atWangjiang, reference: await bookSomething(atWangjiang, 'wangjiang') })

      // The office publishes an urgent notice for 江畔, now.
      const staff = await personContext(browser, baseURL, testInfo, 1)
      const office = await staff.newPage()
      await logInOnPage(office, DEMO.streetStaff, DEMO_PASSWORD)
      await office.goto('/staff/announcements/new')
      await fillAnnouncement(office, {
        centre: '江畔邻里中心',
        category: zh('announcement.category.urgent'),
        title,
        body: '今天下午**停电**，课程暂停。',
      })
      await office.getByRole('button', { name: zh('announcements:editor.actions.publish') }).click()
      await expect(office).toHaveURL(/\/staff\/announcements\/\d+\?saved=published&notified=\d+$/)
      id = Number(/\/staff\/announcements\/(\d+)/.exec(office.url())![1])
      await expect(office.getByRole('status')).toContainText(zh('announcements:saved.published'))

      // The 江畔 resident's bell shows two unread: the booking and the notice.
      await logInOnPage(page, jiangpanResident.phone, jiangpanResident.password)
      const bell = page.getByRole('link', { name: zh('nav.notificationsUnread_other', { count: 2 }) })
      await expect(bell).toBeVisible()
      await expect(bell.locator('.bell__count')).toHaveText('2')
      await bell.click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('booking:notifications.heading'))
      const notice = page
        .locator('.notification')
        .filter({ hasText: zh('booking:notifications.kinds.urgent_announcement', { title }) })
      await expect(notice).toHaveCount(1)
      await expect(notice.locator('.tag').first()).toHaveText(zh('booking:notifications.new'))

      // Reading the notice marks it read.
      await notice.getByRole('link', { name: zh('booking:notifications.openAnnouncement') }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
      await page.goto('/notifications')
      await expect(notice.locator('.tag', { hasText: zh('booking:notifications.new') })).toHaveCount(0)
      await expect(page.getByRole('link', { name: zh('nav.notificationsUnread_other', { count: 1 }) })).toBeVisible()

      // Mark the booking's notice read one by one: the bell goes quiet.
      await page.getByRole('button', { name: new RegExp(`^${zh('booking:notifications.markRead')}`) }).click()
      await expect(page.getByRole('link', { name: zh('nav.notifications'), exact: true })).toBeVisible()
      await expect(page.locator('.notification--unread')).toHaveCount(0)

      // The 望江 resident was not told.
      const elsewhere = visibleText(await (await atWangjiang.get('/notifications')).text())
      expect(elsewhere).not.toContain(title)

      // The office sees one resident read it, adds a photo (a file that only claims to be an image is
      // refused), edits it (readers see "updated"), then archives it.
      await office.goto(`/staff/announcements/${id}`)
      await expect(office.locator('dl.facts')).toContainText(zh('announcements:figures.reads_other', { count: 1 }))
      await office.getByLabel(zh('announcements:images.altZh')).fill('配电房')
      await office
        .getByLabel(zh('announcements:images.file'))
        .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload=alert(1)>') })
      await office.getByRole('button', { name: zh('announcements:images.upload') }).click()
      await expect(office.getByRole('alert')).toContainText(zh('announcements:images.wrongType'))
      await office.getByLabel(zh('announcements:images.altZh')).fill('配电房')
      await office
        .getByLabel(zh('announcements:images.file'))
        .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG })
      await office.getByRole('button', { name: zh('announcements:images.upload') }).click()
      await expect(office.getByRole('status')).toHaveText(zh('announcements:saved.image'))
      const snippet = (await office.locator('.image-list code').first().textContent())!
      expect(snippet).toMatch(/^!\[配电房\]\(\/announcement-images\/[a-f0-9]{32}\.png\)$/)
      await office
        .getByLabel(editor.body(), { exact: true })
        .fill(`今天下午**停电**，课程暂停，明天恢复。\n\n${snippet}`)
      await office.getByRole('button', { name: zh('announcements:editor.actions.saveChanges') }).click()
      await expect(office.getByRole('status')).toHaveText(zh('announcements:saved.updated'))
      await page.goto(`/announcements/${id}`)
      await expect(page.locator('.prose')).toContainText('明天恢复')
      const src = await page.locator('.prose img').getAttribute('src')
      expect(src).toMatch(/^\/announcement-images\/[a-f0-9]{32}\.png$/)
      const image = await page.request.get(src!)
      expect(image.headers()['content-type']).toBe('image/png')
      expect(Buffer.from(await image.body()).equals(PNG)).toBe(true)
      await expect(page.locator('main')).toContainText(zh('announcement.updated', { date: '' }).trim())
      await office.getByRole('button', { name: zh('announcements:editor.actions.archive') }).click()
      await expect(office.getByRole('status')).toHaveText(zh('announcements:saved.archived'))
      id = undefined
      expect(await listedTitles(page, '/announcements')).not.toContain(title)
      await page.goto(`/announcements/${Number(/\/staff\/announcements\/(\d+)/.exec(office.url())![1])}`)
      await expect(page.getByRole('note')).toHaveText(zh('announcement.archived'))
      await staff.close()
    } finally {
      for (const { api, reference } of booked) await postForm(api, `/bookings/${reference}`, { intent: 'cancel' })
      if (id !== undefined) {
        await logIn(staffApi, DEMO.streetStaff, DEMO_PASSWORD)
        await postForm(staffApi, `/staff/announcements/${id}`, { intent: 'archive' })
      }
      await Promise.all([atJiangpan.dispose(), atWangjiang.dispose(), staffApi.dispose()])
    }
  })
})

/** Books the first open slot at a centre this week that a 36-year-old may book; returns the reference. */
async function bookSomething(api: APIRequestContext, centre: string): Promise<string> {
  const html = await (await api.get(`/centres/${centre}`)).text()
  const slots = [...new Set([...html.matchAll(/href="\/book\/(\d+)"/g)].map((match) => match[1]!))]
  for (const slot of slots) {
    const form = await (await api.get(`/book/${slot}`)).text()
    const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(form)?.[1]
    if (!key) continue
    const response = await postForm(api, `/book/${slot}`, { attendee: 'self', idempotencyKey: key })
    const reference = /^\/bookings\/([A-Z0-9]+)$/.exec(response.headers()['location'] ?? '')?.[1]
    if (response.status() === 303 && reference) return reference
  }
  throw new Error(`nothing to book at ${centre}`)
}

test.describe('hostile Markdown', () => {
  // Without the CSP, so that only the sanitiser stands between a payload and the page.
  test.use({ bypassCSP: true, expectedConsoleErrors: [/Failed to load resource/] })
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'nothing can run without JavaScript')

  test('no payload runs when published through the editor, on its page, in the lists or in the preview', async ({
    page,
    baseURL,
    playwright,
  }, testInfo) => {
    test.setTimeout(120_000)
    const dialogs: string[] = []
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message())
      await dialog.dismiss()
    })
    const staffApi = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 5))
    expect((await logIn(staffApi, DEMO.streetStaff, DEMO_PASSWORD)).status()).toBe(302)
    const form = await (await staffApi.get('/staff/announcements/new')).text()
    const street = /<select[^>]*name="scope"[^>]*>\s*<option value="(\d+)"/.exec(form)?.[1]
    expect(street, "the street office's street in the editor").toBeTruthy()

    // Each payload in its own announcement (one of them in the title too), through the real publish path.
    const ids: number[] = []
    try {
      for (const [index, payload] of xssPayloads.entries()) {
        const response = await postForm(staffApi, '/staff/announcements/new', {
          intent: 'publish',
          scope: street!,
          category: index === 0 ? 'urgent' : 'notice',
          titleZh: `XSS ${index} ${payload.replace(/\s+/g, ' ').slice(0, 150)}`,
          titleEn: `XSS ${index} <img src=x onerror="window.__xss='title'">`,
          bodyZh: `${payload}\n\n正文 ${index}`,
          bodyEn: payload,
        })
        if (payload.includes('\u0000')) {
          // Postgres text can't hold U+0000: the form refuses it, and says why.
          expect(response.status(), `publishing payload ${index}`).toBe(400)
          expect(visibleText(await response.text())).toContain(zh('form.invalidCharacters'))
          continue
        }
        expect(response.status(), `publishing payload ${index}`).toBe(303)
        ids.push(Number(/\/staff\/announcements\/(\d+)/.exec(response.headers()['location'] ?? '')![1]))
      }

      const checkPage = async (label: string) => {
        const found = await page.evaluate(() => {
          const allowed = new Set(
            'p br h1 h2 h3 h4 h5 h6 strong em s blockquote ul ol li a code pre hr table thead tbody tr th td img span'.split(
              ' ',
            ),
          )
          const problems: string[] = []
          for (const element of Array.from(document.querySelectorAll('.prose *'))) {
            const name = element.tagName.toLowerCase()
            if (!allowed.has(name)) problems.push(`<${name}>`)
            for (const attribute of Array.from(element.attributes)) {
              if (/^on|^style$|^class$|^srcdoc$|^formaction$/i.test(attribute.name))
                problems.push(`${name}[${attribute.name}]`)
              if (
                (attribute.name === 'href' || attribute.name === 'src') &&
                !/^(https?:\/\/|mailto:|\/(?![/\\]))/i.test(attribute.value)
              )
                problems.push(`${name}[${attribute.name}=${attribute.value}]`)
            }
          }
          return { xss: (window as unknown as { __xss?: unknown }).__xss ?? null, problems }
        })
        expect(found, label).toEqual({ xss: null, problems: [] })
      }

      for (const id of ids) {
        for (const lng of ['zh-CN', 'en']) {
          await page.goto(`/announcements/${id}?lng=${lng}`)
          await expect(page.getByRole('heading', { level: 1 })).toContainText('XSS')
          await checkPage(`announcement ${id} (${lng})`)
        }
      }
      for (const path of [
        '/',
        '/announcements',
        '/announcements?page=2',
        '/centres/wangjiang',
        '/centres?street=wangjiang',
      ]) {
        await page.goto(path)
        await checkPage(path)
      }

      // The editor's preview renders every payload, as you type and with the button.
      await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo, 6) })
      await logInOnPage(page, DEMO.streetStaff, DEMO_PASSWORD)
      await page.goto(`/staff/announcements/${ids[0]}`)
      await page.getByLabel(editor.body(), { exact: true }).fill(xssPayloads.join('\n\n'))
      await page.getByRole('button', { name: zh('announcements:editor.actions.preview') }).click()
      await expect(page.locator('.announcement-preview .prose').first()).toContainText('click me')
      await page.waitForTimeout(1_000)
      await checkPage('the editor preview')
      expect(dialogs).toEqual([])
    } finally {
      // Off the lists again, so other tests see the demo's announcements.
      for (const id of ids) await postForm(staffApi, `/staff/announcements/${id}`, { intent: 'archive' })
      await staffApi.dispose()
    }
  })
})
