import type { Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { clientAddress, DEMO, DEMO_PASSWORD, t } from './support.ts'

// Inspections as the street office and the centre meet them, with and without JavaScript:
// the demo street-office worker (望江街道) inspects 望江邻里中心 against the checklist and
// records an issue; the centre's operator finds it in the console and marks it fixed with
// a note. The demo's overdue issue is flagged in words on both sides.

const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)
const CENTRE = '望江邻里中心'

// Without JavaScript, a form with a mistake comes back from the server as a 400 page.
test.use({ expectedConsoleErrors: [/status of 400/] })

/** A date `days` from today in the district, as a date input takes it. */
function districtDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  )
}

async function logIn(page: Page, testInfo: TestInfo, login: string, to: string) {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo, login === DEMO.operator ? 1 : 0) })
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`)
  await page.getByLabel(zh('account:fields.login')).fill(login)
  await page.getByLabel(zh('account:fields.password'), { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: zh('account:login.submit'), exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`${to}$`))
}

test('the street office records an inspection with an issue; the operator marks it fixed', async ({
  page,
}, testInfo) => {
  const description = `二楼走廊应急灯不亮（${testInfo.project.name} ${Date.now()}）`
  const note = '已更换应急灯电池并试亮'

  await logIn(page, testInfo, DEMO.streetStaff, '/staff/inspections')
  await expect(page.getByRole('heading', { level: 1, name: zh('inspections:list.heading') })).toBeVisible()
  await page.getByRole('link', { name: zh('inspections:list.record', { centre: CENTRE }) }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('inspections:record.heading', { centre: CENTRE }))

  // Score every item but the last, and describe one issue: the missing score is pointed out.
  const items = page.locator('fieldset.score-choice')
  const count = await items.count()
  expect(count).toBeGreaterThanOrEqual(6)
  for (let index = 0; index < count - 1; index++) {
    await items
      .nth(index)
      .getByLabel(zh('inspections:record.scoreValue', { score: 4 }), { exact: true })
      .check()
  }
  await page.getByLabel(zh('inspections:record.issueDescription', { n: 1 })).fill(description)
  await page.getByLabel(zh('inspections:record.issueFixBy', { n: 1 })).fill(districtDate(7))
  await page.getByRole('button', { name: zh('inspections:record.save') }).click()
  await expect(page.locator('.error-summary')).toContainText(zh('inspections:form.scoreRequired'))
  expect(page.url()).toContain('/new')

  await items
    .nth(count - 1)
    .getByLabel(zh('inspections:record.scoreValue', { score: 4 }), { exact: true })
    .check()
  // Without JavaScript the page came back from the server: the typed issue is still there.
  await expect(page.getByLabel(zh('inspections:record.issueDescription', { n: 1 }))).toHaveValue(description)
  await page.getByRole('button', { name: zh('inspections:record.save') }).click()
  await expect(page).toHaveURL(/\/staff\/inspections\/\d+\?saved=recorded$/)
  await expect(page.getByRole('status')).toHaveText(zh('inspections:detail.saved.recorded'))
  await expect(page.locator('dl.facts')).toContainText(zh('inspections:score', { score: 80 }))
  await expect(page.locator('#issues-title + ul')).toContainText(description)

  // The centre's page shows the new issue in time, and the demo's overdue one in words.
  await page.goto('/staff/inspections/centres/wangjiang')
  const openIssues = page.locator('section[aria-labelledby="open-issues-title"] li')
  await expect(openIssues.filter({ hasText: description })).toContainText(
    zh('inspections:issue.fixBy', { date: '' }).trim(),
  )
  await expect(openIssues.filter({ hasText: zh('inspections:issue.overdue') }).first()).toBeVisible()

  // The operator of 望江 finds it in the console and marks it fixed, with a note.
  await page.context().clearCookies()
  await logIn(page, testInfo, DEMO.operator, '/operator/centres/wangjiang/issues')
  await expect(page.getByRole('link', { name: zh('inspections:operator.nav') })).toHaveAttribute('aria-current', 'page')
  await expect(page.locator('section[aria-labelledby="open-title"]')).toContainText(zh('inspections:issue.overdue'))
  const card = page.locator('section[aria-labelledby="open-title"] li.card').filter({ hasText: description })
  // A note is required.
  await card.getByRole('button', { name: zh('inspections:operator.markFixed') }).click()
  const cardAgain = page.locator('section[aria-labelledby="open-title"] li.card').filter({ hasText: description })
  await expect(cardAgain.locator('.error-summary')).toContainText(zh('inspections:form.fixedNoteRequired'))
  await cardAgain.getByLabel(zh('inspections:operator.note')).fill(note)
  await cardAgain.getByRole('button', { name: zh('inspections:operator.markFixed') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('inspections:operator.fixedDone'))
  await expect(page.locator('section[aria-labelledby="open-title"]')).not.toContainText(description)
  await expect(
    page.locator('section[aria-labelledby="fixed-title"] li').filter({ hasText: description }),
  ).toContainText(zh('inspections:issue.fixedNote', { note }))
})
