import { expect, test } from './fixtures.ts'

// A new resident on a phone, not logged in. Runs with JavaScript and without (see
// playwright.config.ts projects).

test('browses in Chinese, switches to English, finds a yoga class by search and sees places left', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('家门口的社区服务')
  await expect(page.getByRole('link', { name: '健身' })).toBeVisible()

  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community services near home')

  await page.getByLabel('Search services and centres').first().fill('yoga')
  await page.getByRole('button', { name: 'Search' }).first().click()
  await expect(page).toHaveURL(/\/search\?q=yoga/)
  await expect(page.getByRole('status')).toContainText('results for “yoga”')
  const services = page.getByRole('region', { name: 'Services' })
  await services.getByRole('link', { name: /yoga/i }).first().click()

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/yoga/i)
  await expect(page.getByRole('heading', { name: 'Before you book' })).toBeVisible()
  await expect(page.getByText(/You can cancel/)).toBeVisible()
  await expect(page.locator('.slot').first()).toContainText(/places? left|Full/)

  // On to the centre that runs it.
  await page.getByRole('navigation', { name: 'You are here' }).getByRole('link').nth(1).click()
  await expect(page.getByRole('heading', { name: 'Opening hours' })).toBeVisible()
  await expect(page.getByText(/Open now|Closed now/).first()).toBeVisible()
  await expect(page.locator('.slot').first()).toContainText(/places? left|Full/)
})

test('finds this week’s fitness classes by category, narrowed to one street', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('link', { name: /^健身/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('健身')
  const slots = page.locator('.slot')
  await expect(slots.first()).toContainText(/剩余 \d+ 个名额|已满/)
  // Count only once the whole streamed page has arrived.
  await page.waitForLoadState('load')
  const allCount = await slots.count()

  const street = page.getByLabel('街道')
  const streetName = (await street.locator('option').nth(1).textContent())!.trim()
  await street.selectOption({ index: 1 })
  await page.getByRole('button', { name: '显示结果' }).click()
  await expect(page).toHaveURL(/street=/)
  await expect(street).toHaveValue(/.+/)
  await page.waitForLoadState('load')
  const streetCount = await slots.count()
  expect(streetCount).toBeGreaterThan(0)
  expect(streetCount).toBeLessThan(allCount)

  // Every centre listed belongs to the chosen street.
  const centreNames = new Set(await page.locator('.slot__place').allTextContents())
  await page.goto(`/centres?street=${new URL(page.url()).searchParams.get('street')}`)
  await expect(page.getByRole('heading', { level: 2, name: streetName })).toBeVisible()
  const streetCentres = new Set(await page.locator('.card__title').allTextContents())
  for (const name of centreNames) expect(streetCentres.has(name)).toBe(true)
})

test('a Chinese search finds tai chi and the social-insurance desk', async ({ page }) => {
  await page.goto('/search?q=%E5%A4%AA%E6%9E%81')
  await expect(page.getByRole('region', { name: '服务' }).getByRole('link', { name: /太极/ }).first()).toBeVisible()
  await page.getByLabel('搜索服务或邻里中心').fill('社保')
  await page.getByRole('button', { name: '搜索', exact: true }).click()
  await expect(page.getByRole('region', { name: '服务' }).getByRole('link', { name: /社保/ }).first()).toBeVisible()
})

test.describe(() => {
  test.use({ expectedConsoleErrors: [/status of 404/] })

  test('an unknown address gets a translated page that helps the reader on', async ({ page }) => {
    const response = await page.goto('/no-such-page')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个页面')
    await page.goto('/no-such-page?lng=en')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("We can't find that page")
    await page.getByRole('link', { name: 'See all neighbourhood centres' }).click()
    await expect(page).toHaveURL(/\/centres$/)
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible()
  })
})
