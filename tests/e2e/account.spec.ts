import { expect, test } from './fixtures.ts'
import {
  apiContext,
  clientAddress,
  districtYear,
  PASSWORD,
  SESSION_COOKIE,
  signUp,
  t,
  uniquePhone,
  type Language,
} from './support.ts'

// A new resident on a phone, as they would: sign up on the way from a service page, log out,
// log in, add an elderly parent to the household, change the site's language. In Chinese
// and in English; with and without JavaScript (the two projects in playwright.config.ts).
// Every test acts from its own client address (X-Forwarded-For), so the per-address
// throttles of logins and sign-ups never leak from one test into another.

// A refused form answers 400 and Chromium logs that as a failed resource load.
test.use({ expectedConsoleErrors: [/status of 400/] })

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

for (const language of ['zh-CN', 'en'] as const) {
  test(`signs up on the way from a service page, logs out and in, adds a parent, changes language (${language})`, async ({
    page,
  }, testInfo) => {
    await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(testInfo) })
    const other: Language = language === 'zh-CN' ? 'en' : 'zh-CN'
    const tr = (key: string, values?: Record<string, string | number>) => t(language, key, values)
    const heading = page.getByRole('heading', { level: 1 })
    const nav = page.getByRole('navigation', { name: tr('nav.label') })

    // The home page is in Chinese; an English reader switches with the header's button.
    await page.goto('/')
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    if (language === 'en') {
      await page.getByRole('button', { name: 'English' }).click()
      await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    }
    await expect(heading).toHaveText(tr('home.heading'))

    // On a service page, the header's login link remembers where the reader was.
    const servicePath = '/centres/wangjiang/services/yoga'
    await page.goto(servicePath)
    await expect(heading).toHaveText(language === 'zh-CN' ? '瑜伽' : 'Yoga')
    const serviceName = await heading.textContent()
    const loginLink = nav.getByRole('link', { name: tr('nav.login') })
    await expect(loginLink).toHaveAttribute('href', `/login?redirectTo=${encodeURIComponent(servicePath)}`)
    await loginLink.click()
    await expect(heading).toHaveText(tr('account:login.heading'))
    await expect(page.getByText(tr('account:login.returnHint'))).toBeVisible()
    await page.getByRole('link', { name: tr('account:login.signupLink') }).click()
    await expect(page).toHaveURL(new RegExp(`/signup\\?redirectTo=${escapeRegExp(encodeURIComponent(servicePath))}$`))
    await expect(heading).toHaveText(tr('account:signup.heading'))

    // First with a number that is not a mobile number: an error summary and the field's own error.
    const phone = uniquePhone()
    const name = language === 'zh-CN' ? '林晓雯' : 'Lin Xiaowen'
    const loginField = page.getByLabel(tr('account:fields.login'))
    const passwordField = page.getByLabel(tr('account:fields.password'), { exact: true })
    const signUpButton = page.getByRole('button', { name: tr('account:signup.submit'), exact: true })
    await loginField.fill('12345')
    await passwordField.fill(PASSWORD)
    await page.getByLabel(tr('account:fields.name'), { exact: true }).fill(name)
    await page.getByLabel(tr('account:fields.birthYear')).fill('1985')
    await page.getByLabel(tr('account:fields.homeStreet')).selectOption({ index: 1 })
    await signUpButton.click()
    const summary = page.getByRole('alert')
    await expect(summary.getByRole('heading', { name: tr('form.problem') })).toBeVisible()
    await expect(summary.getByRole('link', { name: tr('form.loginInvalid') })).toHaveAttribute('href', '#signup-login')
    await expect(loginField).toHaveAttribute('aria-invalid', 'true')
    await expect(loginField).toHaveAccessibleDescription(new RegExp(escapeRegExp(tr('form.loginInvalid'))))
    await expect(nav.getByRole('link', { name: tr('nav.account') })).toHaveCount(0)

    // Then properly: back on the service page, logged in.
    await loginField.fill(phone)
    await passwordField.fill(PASSWORD) // a refused form never sends the password back
    await signUpButton.click()
    await expect(page).toHaveURL(new RegExp(`${escapeRegExp(servicePath)}$`))
    await expect(heading).toHaveText(serviceName!)
    const accountLink = nav.getByRole('link', { name: tr('nav.account') })
    await expect(accountLink).toBeVisible()
    await expect(nav.getByRole('link', { name: tr('nav.login') })).toHaveCount(0)

    // The account page shows who is logged in; the site's language is the one they signed up in.
    await accountLink.click()
    await expect(page).toHaveURL(/\/account$/)
    await expect(heading).toHaveText(tr('account:account.heading'))
    await expect(page.getByText(tr('account:account.signedInAs', { login: phone }))).toBeVisible()
    await expect(page.getByLabel(tr('account:fields.name'), { exact: true })).toHaveValue(name)
    await expect(page.getByLabel(tr('account:fields.preferredLocale'))).toHaveValue(language)

    // Log out with the header's button.
    await page
      .getByRole('banner')
      .getByRole('button', { name: tr('nav.logout') })
      .click()
    await expect(page).toHaveURL(/\/$/)
    await expect(nav.getByRole('link', { name: tr('nav.login') })).toBeVisible()
    await expect(nav.getByRole('link', { name: tr('nav.account') })).toHaveCount(0)

    // The account page now asks to log in first, and comes back to itself.
    await page.goto('/account')
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/)
    await loginField.fill(phone)
    await passwordField.fill(PASSWORD)
    await page.getByRole('button', { name: tr('account:login.submit'), exact: true }).click()
    await expect(page).toHaveURL(/\/account$/)
    await expect(heading).toHaveText(tr('account:account.heading'))

    // Add an 82-year-old parent to the household.
    await page.getByRole('link', { name: tr('account:account.householdLink') }).click()
    await expect(heading).toHaveText(tr('account:household.heading'))
    await expect(page.getByText(tr('account:household.none'))).toBeVisible()
    const parent = language === 'zh-CN' ? '林建国' : 'Lin Jianguo'
    const born = districtYear() - 82
    await page.getByLabel(tr('account:fields.memberName')).fill(parent)
    await page.getByLabel(tr('account:fields.relation')).selectOption({ label: tr('account:relations.parent') })
    await page.getByLabel(tr('account:fields.memberBirthYear'), { exact: true }).fill(String(born))
    await page.getByRole('button', { name: tr('account:household.addSubmit'), exact: true }).click()
    await expect(page).toHaveURL(/\/account\/household\?saved=added$/)
    await expect(page.getByRole('status')).toHaveText(tr('account:household.saved.added'))
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: parent }) })
    await expect(card).toContainText(tr('account:relations.parent'))
    await expect(card).toContainText(tr('account:household.born', { year: born }))
    await expect(page.getByText(tr('account:household.none'))).toHaveCount(0)

    // Edit them: the right year of birth and their street.
    await card.getByRole('link', { name: tr('account:household.edit', { name: parent }) }).click()
    await expect(heading).toHaveText(tr('account:household.editHeading', { name: parent }))
    await expect(page.getByLabel(tr('account:fields.memberName'))).toHaveValue(parent)
    const birthYear = page.getByLabel(tr('account:fields.memberBirthYear'), { exact: true })
    await expect(birthYear).toHaveValue(String(born))
    await birthYear.fill(String(born - 1))
    const street = page.getByLabel(tr('account:fields.homeStreet'))
    await street.selectOption({ index: 2 })
    const streetName = (await street.locator('option:checked').textContent())!.trim()
    await page.getByRole('button', { name: tr('account:household.saveSubmit'), exact: true }).click()
    await expect(page).toHaveURL(/\/account\/household\?saved=updated$/)
    await expect(page.getByRole('status')).toHaveText(tr('account:household.saved.updated'))
    await expect(card).toContainText(tr('account:household.born', { year: born - 1 }))
    await expect(card).toContainText(streetName)
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) })).toHaveCount(1)

    // Change the preferred language in the profile: the whole site switches.
    await page.getByRole('link', { name: tr('account:household.backToAccount') }).click()
    await expect(heading).toHaveText(tr('account:account.heading'))
    await page.getByLabel(tr('account:fields.preferredLocale')).selectOption(other)
    await page.getByRole('button', { name: tr('account:account.saveProfile') }).click()
    await expect(page).toHaveURL(/\/account\?saved=profile$/)
    await expect(page.locator('html')).toHaveAttribute('lang', other)
    await expect(page.getByRole('status')).toHaveText(t(other, 'account:account.saved.profile'))
    await expect(heading).toHaveText(t(other, 'account:account.heading'))
    await expect(page.getByLabel(t(other, 'account:fields.preferredLocale'))).toHaveValue(other)
    await expect(page.getByLabel(t(other, 'account:fields.name'), { exact: true })).toHaveValue(name)

    // And log out, in the new language.
    const otherNav = page.getByRole('navigation', { name: t(other, 'nav.label') })
    await page
      .getByRole('banner')
      .getByRole('button', { name: t(other, 'nav.logout') })
      .click()
    await expect(page).toHaveURL(/\/$/)
    await expect(page.locator('html')).toHaveAttribute('lang', other)
    await expect(otherNav.getByRole('link', { name: t(other, 'nav.login') })).toBeVisible()
    await expect(otherNav.getByRole('link', { name: t(other, 'nav.account') })).toHaveCount(0)
  })
}

test('“keep me logged in” gives a cookie that outlives the browser; otherwise it ends with it', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const address = clientAddress(testInfo)
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': address })
  const api = await apiContext(playwright.request, baseURL, address)
  const { phone, password } = await signUp(api)
  await api.dispose()
  const sessionCookie = async () => (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE)

  await page.goto('/login')
  await page.getByLabel(t('zh-CN', 'account:fields.login')).fill(phone)
  await page.getByLabel(t('zh-CN', 'account:fields.password'), { exact: true }).fill(password)
  await page.getByLabel(t('zh-CN', 'account:login.remember')).check()
  await page.getByRole('button', { name: t('zh-CN', 'account:login.submit'), exact: true }).click()
  await expect(page).toHaveURL(/\/account$/)
  const remembered = await sessionCookie()
  expect(remembered).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' })
  // A persistent cookie: it expires with the remembered session, months from now.
  expect(remembered!.expires).toBeGreaterThan(Date.now() / 1000 + 80 * 24 * 60 * 60)

  await page
    .getByRole('banner')
    .getByRole('button', { name: t('zh-CN', 'nav.logout') })
    .click()
  await expect(page).toHaveURL(/\/$/)
  expect(await sessionCookie()).toBeUndefined()

  await page.goto('/login')
  await page.getByLabel(t('zh-CN', 'account:fields.login')).fill(phone)
  await page.getByLabel(t('zh-CN', 'account:fields.password'), { exact: true }).fill(password)
  await expect(page.getByLabel(t('zh-CN', 'account:login.remember'))).not.toBeChecked()
  await page.getByRole('button', { name: t('zh-CN', 'account:login.submit'), exact: true }).click()
  await expect(page).toHaveURL(/\/account$/)
  // A session cookie: no expiry, so it goes when the browser closes.
  expect((await sessionCookie())?.expires).toBe(-1)
})

test('a wrong password gets the same translated message whether or not the account exists', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const address = clientAddress(testInfo)
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': address })
  const api = await apiContext(playwright.request, baseURL, address)
  const existing = await signUp(api)
  await api.dispose()

  for (const language of ['zh-CN', 'en'] as const) {
    const messages: string[] = []
    for (const login of [existing.phone, uniquePhone()]) {
      await page.goto(`/login?lng=${language}`)
      await expect(page.locator('html')).toHaveAttribute('lang', language)
      await page.getByLabel(t(language, 'account:fields.login')).fill(login)
      await page.getByLabel(t(language, 'account:fields.password'), { exact: true }).fill('not the password 123')
      await page.getByRole('button', { name: t(language, 'account:login.submit'), exact: true }).click()
      const summary = page.getByRole('alert')
      await expect(summary).toContainText(t(language, 'form.problem'))
      await expect(summary).toContainText(t(language, 'form.loginFailed'))
      await expect(page).toHaveURL(/\/login/)
      await expect(
        page
          .getByRole('navigation', { name: t(language, 'nav.label') })
          .getByRole('link', { name: t(language, 'nav.login') }),
      ).toBeVisible()
      messages.push((await summary.textContent()) ?? '')
    }
    // Nothing tells a known account from an unknown one.
    expect(messages[0]).toBe(messages[1])
  }
})
