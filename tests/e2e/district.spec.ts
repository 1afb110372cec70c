import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { clientAddress, DEMO, DEMO_PASSWORD, t } from './support.ts'

// The district admin's comparison of centres (赛马), as 陈区管 uses it before a meeting:
// open it, sort by a column (a link, so it works without JavaScript), and take the
// table away as a spreadsheet. With and without JavaScript.

const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values)
const COMPARISON = '/district/comparison'
/** Columns of the table: rank, centre, street, composite, residents served, bookings per 1,000, fill rate … */
const FILL_RATE_COLUMN = 6

async function logInAsAdmin(page: Page) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(COMPARISON)}`)
  await page.getByLabel(zh('account:fields.login')).fill(DEMO.admin)
  await page.getByLabel(zh('account:fields.password'), { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: zh('account:login.submit'), exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`${COMPARISON}$`))
}

/** The fill rates down the table, as numbers (null for "–"), and the centres' names. */
async function fillRates(table: Locator) {
  const rows = table.locator('tbody tr')
  const values: Array<number | null> = []
  const names: string[] = []
  for (let index = 0; index < (await rows.count()); index++) {
    const cells = rows.nth(index).locator('th, td')
    names.push((await cells.nth(1).innerText()).trim())
    const text = await cells.nth(FILL_RATE_COLUMN).innerText()
    const match = /^(\d+)%/.exec(text.trim())
    values.push(match ? Number(match[1]) : null)
  }
  return { values, names }
}

test('a district admin compares the centres, sorts by fill rate and downloads the table', async ({
  page,
}, testInfo) => {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
  await logInAsAdmin(page)
  await expect(page.getByRole('heading', { level: 1, name: zh('district:heading') })).toBeVisible()
  const table = page.locator('table.comparison-table')
  await expect(table.locator('tbody tr')).toHaveCount(6)
  // Ranked by the composite score at first.
  await expect(table.locator('th[aria-sort="descending"]')).toContainText(zh('district:columns.composite'))
  // The charts are images with a name and a description, their numbers in tables beside them.
  await expect(page.getByRole('img', { name: zh('district:charts.composite') })).toBeVisible()

  // Sort by fill rate: highest first, then (the same link again) lowest first.
  const fillRateLink = () => table.getByRole('link', { name: new RegExp(`^${zh('district:columns.fillRate')}`) })
  await fillRateLink().click()
  await expect(page).toHaveURL(/sort=fillRate&dir=desc/)
  await expect(table.locator('th[aria-sort="descending"]')).toContainText(zh('district:columns.fillRate'))
  const descending = await fillRates(table)
  const known = descending.values.filter((value): value is number => value !== null)
  expect(known.length, 'the demo centres have bookings this month').toBeGreaterThan(0)
  expect(known).toEqual([...known].sort((a, b) => b - a))
  await fillRateLink().click()
  await expect(page).toHaveURL(/sort=fillRate&dir=asc/)
  await expect(table.locator('th[aria-sort="ascending"]')).toContainText(zh('district:columns.fillRate'))
  const ascending = await fillRates(table)
  const knownAscending = ascending.values.filter((value): value is number => value !== null)
  expect(knownAscending).toEqual([...knownAscending].sort((a, b) => a - b))

  // The CSV: the same centres in the same order, UTF-8 with a byte-order mark for Excel.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: zh('district:links.csv') }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^comparison-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/)
  const text = await readFile((await download.path())!, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const lines = text.slice(1).trimEnd().split('\r\n')
  expect(lines[1]!.startsWith(`"${zh('district:columns.rank')}","${zh('district:columns.centre')}"`)).toBe(true)
  expect(lines).toHaveLength(2 + 6)
  const csvNames = lines.slice(2).map((line) => /^"[^"]*","([^"]*)"/.exec(line)?.[1])
  expect(csvNames).toEqual(ascending.names)

  // The printable view keeps the order, without the forms.
  await page.getByRole('link', { name: zh('district:links.print') }).click()
  await expect(page).toHaveURL(/\/district\/comparison\/print\?.*sort=fillRate&dir=asc/)
  await expect(page.locator('table.comparison-table tbody tr')).toHaveCount(6)
  await expect(page.getByRole('button', { name: zh('district:weights.save') })).toHaveCount(0)
})
