import { expect, test as api, type APIRequestContext, type APIResponse } from '@playwright/test'
import { test as browser } from './fixtures.ts'
import {
  apiContext,
  clientAddress,
  districtYear,
  logIn,
  PASSWORD,
  postForm,
  SESSION_COOKIE,
  sessionCookiePair,
  signUp,
  t,
  uniquePhone,
  visibleText,
  type FormFields,
  type Language,
} from './support.ts'

// Bad input on every form — empty, missing, far too long, the wrong type, markup, emoji,
// mixed scripts, control characters, repeated fields — gets a translated error (400, or
// 429 when throttled), never a server error, and writes nothing. Plain HTTP, checked once.
// Names with emoji or several scripts are legitimate and are accepted, and shown as text.

const LONG = '长'.repeat(10_000)
const SCRIPT = '<script>alert(1)</script>'
const EMOJI = '👵🏻🍜'
const MIXED = '王Xiao梅ミ'
const NUL = '\u0000'
const RTL_OVERRIDE = '\u202e'

interface Case {
  label: string
  fields: FormFields
  /** The translation key of the message the reader should see. */
  message: string
}

/** A refused form: 400 (or 429 if throttled), the translated message, no server error. */
async function expectRefused(response: APIResponse, label: string, message: string, language: Language = 'zh-CN') {
  const status = response.status()
  expect.soft(status, `${label}: no server error`).toBeLessThan(500)
  expect.soft([400, 429], `${label}: refused with 400 or 429, got ${status}`).toContain(status)
  const text = visibleText(await response.text())
  const expected = t(language, status === 429 ? 'form.throttledTitle' : message)
  expect.soft(text, `${label}: shows “${expected}”`).toContain(expected)
}

async function runCases(context: APIRequestContext, path: string, cases: Case[]) {
  for (const { label, fields, message } of cases) {
    const response = await postForm(context, path, fields)
    await expectRefused(response, `POST ${path} ${label}`, message)
    expect.soft(sessionCookiePair(response), `${label}: no new session`).toBeUndefined()
  }
}

/** The value of the input called `name` in a page (as the server rendered it). */
function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0]
  const value = tag ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined
  return value === undefined ? undefined : visibleText(value).trim()
}

/** Which checkboxes of a page are ticked. */
function tickedBoxes(html: string): string[] {
  return (html.match(/<input[^>]*type="checkbox"[^>]*>/g) ?? [])
    .filter((tag) => /\schecked(=""|\s|\/|>)/.test(tag))
    .map((tag) => /\bname="([^"]*)"/.exec(tag)?.[1] ?? '')
}

/** Household members listed on the household page (their card headings). */
async function householdNames(context: APIRequestContext): Promise<string[]> {
  const html = await (await context.get('/account/household')).text()
  return [...html.matchAll(/<h2 class="card__title">([^<]*)<\/h2>/g)].map((match) => visibleText(match[1]!).trim())
}

/** Bad household member forms (the same for adding and editing). */
function householdCases(currentYear: number): Case[] {
  const valid = { name: '林奶奶', relation: 'parent', birthYear: '1944' }
  return [
    { label: 'with nothing at all', fields: [], message: 'form.required' },
    {
      label: 'with every field empty',
      fields: { name: '', relation: '', birthYear: '', phone: '', homeStreetId: '' },
      message: 'form.required',
    },
    { label: 'without a name', fields: { relation: 'parent', birthYear: '1944' }, message: 'form.required' },
    { label: 'with a name of spaces', fields: { ...valid, name: '   ' }, message: 'form.required' },
    { label: 'with a 10,000-character name', fields: { ...valid, name: LONG }, message: 'form.tooLong' },
    { label: 'with a NUL in the name', fields: { ...valid, name: `林${NUL}奶奶` }, message: 'form.invalidCharacters' },
    {
      label: 'with a right-to-left override in the name',
      fields: { ...valid, name: `林${RTL_OVERRIDE}奶奶` },
      message: 'form.invalidCharacters',
    },
    {
      label: 'with two names',
      fields: [
        ['name', '林奶奶'],
        ['name', '王奶奶'],
        ['relation', 'parent'],
        ['birthYear', '1944'],
      ],
      message: 'form.required',
    },
    {
      label: 'with relation=not-a-relation',
      fields: { ...valid, relation: 'not-a-relation' },
      message: 'form.invalid',
    },
    { label: 'with a script tag as relation', fields: { ...valid, relation: SCRIPT }, message: 'form.invalid' },
    { label: 'with birthYear=abc', fields: { ...valid, birthYear: 'abc' }, message: 'form.birthYearInvalid' },
    { label: 'with birthYear=1800', fields: { ...valid, birthYear: '1800' }, message: 'form.birthYearInvalid' },
    {
      label: 'with a birth year next year',
      fields: { ...valid, birthYear: String(currentYear + 1) },
      message: 'form.birthYearInvalid',
    },
    { label: 'with birthYear=1944.5', fields: { ...valid, birthYear: '1944.5' }, message: 'form.birthYearInvalid' },
    {
      label: 'with a 10,000-digit birth year',
      fields: { ...valid, birthYear: '9'.repeat(10_000) },
      message: 'form.birthYearInvalid',
    },
    { label: 'with an emoji birth year', fields: { ...valid, birthYear: EMOJI }, message: 'form.birthYearInvalid' },
    { label: 'with phone=abc', fields: { ...valid, phone: 'abc' }, message: 'form.phoneInvalid' },
    {
      label: 'with a 10,000-character phone',
      fields: { ...valid, phone: '1'.repeat(10_000) },
      message: 'form.phoneInvalid',
    },
    { label: 'with an emoji phone', fields: { ...valid, phone: EMOJI }, message: 'form.phoneInvalid' },
    { label: 'with homeStreetId=999999', fields: { ...valid, homeStreetId: '999999' }, message: 'form.invalid' },
    { label: 'with homeStreetId=-1', fields: { ...valid, homeStreetId: '-1' }, message: 'form.invalid' },
    { label: 'with homeStreetId=abc', fields: { ...valid, homeStreetId: 'abc' }, message: 'form.invalid' },
    { label: 'with a script tag as homeStreetId', fields: { ...valid, homeStreetId: SCRIPT }, message: 'form.invalid' },
  ]
}

api.describe('Bad input', () => {
  api.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the same for both projects')

  api('login form', async ({ playwright, baseURL }, testInfo) => {
    const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    const phone = uniquePhone()
    await runCases(context, '/login', [
      { label: 'with nothing at all', fields: [], message: 'form.required' },
      { label: 'with both fields empty', fields: { login: '', password: '' }, message: 'form.required' },
      { label: 'without a password', fields: { login: phone }, message: 'form.required' },
      { label: 'without a login', fields: { password: PASSWORD }, message: 'form.required' },
      {
        label: 'with a 10,000-character login',
        fields: { login: LONG, password: PASSWORD },
        message: 'form.loginInvalid',
      },
      {
        label: 'with a 10,000-character password',
        fields: { login: phone, password: LONG },
        message: 'form.passwordTooLong',
      },
      { label: 'with a short number', fields: { login: '12345', password: PASSWORD }, message: 'form.loginInvalid' },
      {
        label: 'with a 10,000-digit number',
        fields: { login: '1'.repeat(10_000), password: PASSWORD },
        message: 'form.loginInvalid',
      },
      { label: 'with a script tag', fields: { login: SCRIPT, password: PASSWORD }, message: 'form.loginInvalid' },
      { label: 'with emoji', fields: { login: EMOJI, password: PASSWORD }, message: 'form.loginInvalid' },
      { label: 'with mixed scripts', fields: { login: MIXED, password: PASSWORD }, message: 'form.loginInvalid' },
      { label: 'with a NUL', fields: { login: NUL, password: PASSWORD }, message: 'form.loginInvalid' },
      {
        label: 'with a right-to-left override',
        fields: { login: `${RTL_OVERRIDE}${phone}`, password: PASSWORD },
        message: 'form.loginInvalid',
      },
      {
        label: 'with two logins',
        fields: [
          ['login', phone],
          ['login', uniquePhone()],
          ['password', PASSWORD],
        ],
        message: 'form.required',
      },
      // Well-formed, but no such account and a hostile password: the usual failure.
      {
        label: 'with markup and emoji in the password',
        fields: { login: phone, password: `${SCRIPT}${EMOJI}${NUL}` },
        message: 'form.loginFailed',
      },
    ])
    // The same refusal in English, for a reader whose browser asks for English.
    await expectRefused(
      await postForm(context, '/login', { login: EMOJI, password: '' }, { 'Accept-Language': 'en' }),
      'POST /login in English',
      'form.loginInvalid',
      'en',
    )
    expect((await context.storageState()).cookies.filter((cookie) => cookie.name === SESSION_COOKIE)).toEqual([])
    await context.dispose()
  })

  api('sign-up form', async ({ playwright, baseURL }, testInfo) => {
    const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    // Every refused attempt uses this number; at the end it is still free to sign up with.
    const phone = uniquePhone()
    const valid = { login: phone, password: PASSWORD, name: '林晓雯' }
    const year = districtYear()
    await runCases(context, '/signup', [
      { label: 'with nothing at all', fields: [], message: 'form.required' },
      {
        label: 'with every field empty',
        fields: { login: '', password: '', name: '', birthYear: '', homeStreetId: '' },
        message: 'form.required',
      },
      { label: 'without a name', fields: { login: phone, password: PASSWORD }, message: 'form.required' },
      { label: 'with a name of spaces', fields: { ...valid, name: '   ' }, message: 'form.required' },
      { label: 'with a 10,000-character name', fields: { ...valid, name: LONG }, message: 'form.tooLong' },
      { label: 'with a 10,000-character login', fields: { ...valid, login: LONG }, message: 'form.loginInvalid' },
      {
        label: 'with a 10,000-character password',
        fields: { ...valid, password: LONG },
        message: 'form.passwordTooLong',
      },
      { label: 'with a short password', fields: { ...valid, password: 'abc' }, message: 'form.passwordTooShort' },
      { label: 'with a common password', fields: { ...valid, password: 'password' }, message: 'form.passwordCommon' },
      {
        label: 'with the phone number in the password',
        fields: { ...valid, password: `${phone}!` },
        message: 'form.passwordCommon',
      },
      { label: 'with a script tag as login', fields: { ...valid, login: SCRIPT }, message: 'form.loginInvalid' },
      { label: 'with emoji as login', fields: { ...valid, login: EMOJI }, message: 'form.loginInvalid' },
      { label: 'with mixed scripts as login', fields: { ...valid, login: MIXED }, message: 'form.loginInvalid' },
      { label: 'with a NUL in the name', fields: { ...valid, name: `林${NUL}` }, message: 'form.invalidCharacters' },
      {
        label: 'with a right-to-left override in the name',
        fields: { ...valid, name: `林${RTL_OVERRIDE}晓雯` },
        message: 'form.invalidCharacters',
      },
      {
        label: 'with a bell character in the name',
        fields: { ...valid, name: '林\u0007' },
        message: 'form.invalidCharacters',
      },
      {
        label: 'with two names',
        fields: [
          ['login', phone],
          ['password', PASSWORD],
          ['name', '甲'],
          ['name', '乙'],
        ],
        message: 'form.required',
      },
      { label: 'with birthYear=abc', fields: { ...valid, birthYear: 'abc' }, message: 'form.birthYearInvalid' },
      { label: 'with birthYear=1800', fields: { ...valid, birthYear: '1800' }, message: 'form.birthYearInvalid' },
      {
        label: 'with a birth year next year',
        fields: { ...valid, birthYear: String(year + 1) },
        message: 'form.birthYearInvalid',
      },
      {
        label: 'with a script tag as birth year',
        fields: { ...valid, birthYear: SCRIPT },
        message: 'form.birthYearInvalid',
      },
      { label: 'with homeStreetId=999999', fields: { ...valid, homeStreetId: '999999' }, message: 'form.invalid' },
      { label: 'with homeStreetId=-1', fields: { ...valid, homeStreetId: '-1' }, message: 'form.invalid' },
      { label: 'with homeStreetId=abc', fields: { ...valid, homeStreetId: 'abc' }, message: 'form.invalid' },
      { label: 'with homeStreetId=1.5', fields: { ...valid, homeStreetId: '1.5' }, message: 'form.invalid' },
      {
        label: 'with a login that already has an account',
        fields: { ...valid, login: '13800000001' },
        message: 'form.loginTaken',
      },
    ])
    await expectRefused(
      await postForm(context, '/signup', {}, { 'Accept-Language': 'en' }),
      'POST /signup in English',
      'form.required',
      'en',
    )

    // Nothing was written: the number is still free. A name in several scripts with emoji is fine.
    const name = `王小梅🌸 ${MIXED}`
    const { response } = await signUp(context, { phone, name })
    expect(response.headers()['location']).toBe('/account')
    const account = await (await context.get('/account')).text()
    expect(inputValue(account, 'name')).toBe(name)
    expect(visibleText(account)).toContain(t('zh-CN', 'account:account.signedInAs', { login: phone }))
    await context.dispose()
  })

  api(
    'profile, password, notification and unknown forms on the account page',
    async ({ playwright, baseURL }, testInfo) => {
      const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
      const { phone, name } = await signUp(context, { name: '林晓雯' })
      const profile = { intent: 'profile', name, preferredLocale: 'zh-CN' }
      const year = districtYear()

      await runCases(context, '/account', [
        { label: 'profile with nothing but the intent', fields: { intent: 'profile' }, message: 'form.required' },
        { label: 'profile with an empty name', fields: { ...profile, name: '' }, message: 'form.required' },
        { label: 'profile with a 10,000-character name', fields: { ...profile, name: LONG }, message: 'form.tooLong' },
        {
          label: 'profile with a NUL in the name',
          fields: { ...profile, name: `林${NUL}` },
          message: 'form.invalidCharacters',
        },
        {
          label: 'profile with a right-to-left override in the name',
          fields: { ...profile, name: `${RTL_OVERRIDE}林` },
          message: 'form.invalidCharacters',
        },
        {
          label: 'profile with two names',
          fields: [
            ['intent', 'profile'],
            ['name', '甲'],
            ['name', '乙'],
            ['preferredLocale', 'zh-CN'],
          ],
          message: 'form.required',
        },
        {
          label: 'profile with birthYear=abc',
          fields: { ...profile, birthYear: 'abc' },
          message: 'form.birthYearInvalid',
        },
        {
          label: 'profile with birthYear=1800',
          fields: { ...profile, birthYear: '1800' },
          message: 'form.birthYearInvalid',
        },
        {
          label: 'profile with a birth year next year',
          fields: { ...profile, birthYear: String(year + 1) },
          message: 'form.birthYearInvalid',
        },
        {
          label: 'profile with homeStreetId=999999',
          fields: { ...profile, homeStreetId: '999999' },
          message: 'form.invalid',
        },
        { label: 'profile with homeStreetId=-1', fields: { ...profile, homeStreetId: '-1' }, message: 'form.invalid' },
        {
          label: 'profile with homeStreetId=abc',
          fields: { ...profile, homeStreetId: 'abc' },
          message: 'form.invalid',
        },
        {
          label: 'profile with preferredLocale=fr',
          fields: { ...profile, preferredLocale: 'fr' },
          message: 'form.invalid',
        },
        {
          label: 'profile with a script tag as language',
          fields: { ...profile, preferredLocale: SCRIPT },
          message: 'form.invalid',
        },
        { label: 'profile without a language', fields: { intent: 'profile', name }, message: 'form.invalid' },
        {
          label: 'profile with two languages',
          fields: [
            ['intent', 'profile'],
            ['name', name],
            ['preferredLocale', 'en'],
            ['preferredLocale', 'zh-CN'],
          ],
          message: 'form.invalid',
        },
        { label: 'password with nothing but the intent', fields: { intent: 'password' }, message: 'form.required' },
        {
          label: 'password with a short new password',
          fields: { intent: 'password', currentPassword: PASSWORD, newPassword: 'abc' },
          message: 'form.passwordTooShort',
        },
        {
          label: 'password with a 10,000-character new password',
          fields: { intent: 'password', currentPassword: PASSWORD, newPassword: LONG },
          message: 'form.passwordTooLong',
        },
        {
          label: 'password with a 10,000-character current password',
          fields: { intent: 'password', currentPassword: LONG, newPassword: 'a brand new passphrase' },
          message: 'form.passwordTooLong',
        },
        {
          label: 'password with the wrong current password',
          fields: { intent: 'password', currentPassword: `${SCRIPT}${EMOJI}`, newPassword: 'a brand new passphrase' },
          message: 'form.passwordWrong',
        },
        {
          label: 'password with a common new password',
          fields: { intent: 'password', currentPassword: PASSWORD, newPassword: 'password1' },
          message: 'form.passwordCommon',
        },
        // A form the page does not have: the translated "can't read that" page.
        { label: 'without an intent', fields: { name: 'x' }, message: 'error.badRequest.title' },
        { label: 'with an empty intent', fields: { intent: '' }, message: 'error.badRequest.title' },
        { label: 'with an unknown intent', fields: { intent: 'delete-everything' }, message: 'error.badRequest.title' },
        { label: 'with a script tag as intent', fields: { intent: SCRIPT }, message: 'error.badRequest.title' },
        { label: 'with a 10,000-character intent', fields: { intent: LONG }, message: 'error.badRequest.title' },
      ])

      // Nothing was written: the same name and language, the same password, still logged in.
      const page = await context.get('/account')
      expect(page.status()).toBe(200)
      const html = await page.text()
      expect(html).toContain('<html lang="zh-CN"')
      expect(inputValue(html, 'name')).toBe(name)
      const elsewhere = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
      expect((await logIn(elsewhere, phone, PASSWORD)).status()).toBe(302)
      await elsewhere.dispose()

      // Notifications: only the known kind/channel pairs ticked "on" count; the rest is ignored.
      const notifications = await postForm(context, '/account', [
        ['intent', 'notifications'],
        ['booking_reminder:email', 'on'],
        ['booking_confirmed:in_app', 'on'], // not a choice: always on
        ['slot_cancelled:sms', 'yes'],
        ['slot_moved:email', SCRIPT],
        ['no_such_kind:email', 'on'],
        [`${SCRIPT}:sms`, 'on'],
        [`${LONG}:email`, 'on'],
        [`${EMOJI}:${MIXED}`, 'on'],
        ['booking_cancelled:sms', NUL],
      ])
      expect(notifications.status()).toBe(302)
      expect(notifications.headers()['location']).toBe('/account?saved=notifications')
      const ticked = tickedBoxes(await (await context.get('/account')).text())
      expect(ticked).toEqual(['booking_reminder:email'])

      // A name in several scripts, with emoji, is a real name: saved and shown as typed.
      const newName = `王小梅🌸${MIXED}`
      const saved = await postForm(context, '/account', { ...profile, name: newName })
      expect(saved.status()).toBe(302)
      expect(inputValue(await (await context.get('/account')).text(), 'name')).toBe(newName)
      await context.dispose()
    },
  )

  api('adding a household member', async ({ playwright, baseURL }, testInfo) => {
    const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    await signUp(context)
    await runCases(context, '/account/household', householdCases(districtYear()))

    // In English, by the reader's language cookie.
    const switched = await postForm(context, '/language', { language: 'en', redirectTo: '/account/household' })
    expect(switched.status()).toBe(303)
    await expectRefused(
      await postForm(context, '/account/household', { name: '林奶奶', relation: 'parent', birthYear: 'abc' }),
      'POST /account/household in English',
      'form.birthYearInvalid',
      'en',
    )
    expect(await postForm(context, '/language', { language: 'zh-CN' }).then((response) => response.status())).toBe(303)

    // Nothing was added.
    expect(await householdNames(context)).toEqual([])
    expect(visibleText(await (await context.get('/account/household')).text())).toContain(
      t('zh-CN', 'account:household.none'),
    )

    // Legitimate names with emoji, several scripts — and one that looks like markup — are accepted, and shown as text.
    const names = ['王小梅🌸', MIXED, SCRIPT, '<img src=x onerror=alert(1)>']
    for (const name of names) {
      const added = await postForm(context, '/account/household', { name, relation: 'parent', birthYear: '1944' })
      expect(added.status(), name).toBe(302)
      expect(added.headers()['location']).toBe('/account/household?saved=added')
    }
    expect(await householdNames(context)).toEqual(names)
    const html = await (await context.get('/account/household')).text()
    expect(html).not.toContain(SCRIPT)
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    await context.dispose()
  })

  api('editing and removing a household member', async ({ playwright, baseURL }, testInfo) => {
    const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    await signUp(context)
    const added = await postForm(context, '/account/household', {
      name: '林奶奶',
      relation: 'parent',
      birthYear: '1944',
    })
    expect(added.status()).toBe(302)
    const id = /href="\/account\/household\/(\d+)"/.exec(await (await context.get('/account/household')).text())?.[1]
    expect(id).toBeTruthy()
    const memberPath = `/account/household/${id}`

    await runCases(context, memberPath, householdCases(districtYear()))
    await runCases(context, memberPath, [
      {
        label: 'with an unknown intent and nothing else',
        fields: { intent: 'delete-everything' },
        message: 'form.required',
      },
    ])

    // Ids that are not ids: not found, never a server error, for reading, editing and removing.
    const badIds = [
      'abc',
      '0',
      '-1',
      '1.5',
      '1e3',
      '99999999999999999999',
      '9007199254740993',
      '%F0%9F%91%B5',
      '%3Cscript%3E',
      '%E2%80%AE1',
    ]
    for (const badId of badIds) {
      const path = `/account/household/${badId}`
      const read = await context.get(path)
      expect.soft(read.status(), `GET ${path}`).toBe(404)
      expect.soft(visibleText(await read.text()), `GET ${path}`).toContain(t('zh-CN', 'error.notFound.title'))
      const remove = await postForm(context, path, { intent: 'remove' })
      expect.soft(remove.status(), `remove ${path}`).toBe(404)
      const edit = await postForm(context, path, { name: '改名', relation: 'other', birthYear: '1950' })
      expect.soft(edit.status(), `edit ${path}`).toBe(404)
    }

    // The member is as it was, and still listed.
    const edit = await context.get(memberPath)
    expect(edit.status()).toBe(200)
    const html = await edit.text()
    expect(inputValue(html, 'name')).toBe('林奶奶')
    expect(inputValue(html, 'birthYear')).toBe('1944')
    expect(await householdNames(context)).toEqual(['林奶奶'])

    // Removing it twice: the second time it is not found.
    expect((await postForm(context, memberPath, { intent: 'remove' })).status()).toBe(302)
    expect((await postForm(context, memberPath, { intent: 'remove' })).status()).toBe(404)
    expect(await householdNames(context)).toEqual([])
    await context.dispose()
  })

  api('language switch', async ({ playwright, baseURL }, testInfo) => {
    const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    // Not a language of ours: the reader goes back to their page in the language they had; no cookie.
    const badLanguages: FormFields[] = [
      [],
      { language: '' },
      { language: 'fr' },
      { language: 'EN' },
      { language: SCRIPT },
      { language: LONG },
      { language: EMOJI },
      { language: MIXED },
      { language: `en${NUL}` },
      { language: `${RTL_OVERRIDE}en` },
      [
        ['language', 'fr'],
        ['language', 'en'],
      ],
    ]
    for (const fields of badLanguages) {
      const label = JSON.stringify(fields).slice(0, 60)
      const response = await postForm(context, '/language', fields)
      expect.soft(response.status(), label).toBe(303)
      expect.soft(response.headers()['location'], label).toBe('/')
      expect.soft(response.headers()['set-cookie'], label).toBeUndefined()
    }
    expect(await (await context.get('/')).text()).toContain('<html lang="zh-CN"')

    // Wherever redirectTo points, the reader stays on this site.
    const badTargets = [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      `/${'长'.repeat(200)}`,
      NUL,
      `/${NUL}//evil.example`,
      `/${RTL_OVERRIDE}`,
      `/${EMOJI}`,
      SCRIPT,
      `/${SCRIPT}`,
    ]
    for (const redirectTo of badTargets) {
      const label = `redirectTo ${JSON.stringify(redirectTo.slice(0, 30))}`
      const response = await postForm(context, '/language', { language: 'en', redirectTo })
      expect.soft(response.status(), label).toBe(303)
      const location = response.headers()['location'] ?? ''
      expect.soft(location, label).toMatch(/^\/(?![/\\])/)
      expect.soft(location, label).not.toMatch(/[\s<>\p{Cc}\u202e]/u)
    }
    await context.dispose()
  })

  api('search form', async ({ request }) => {
    const queries = ['x'.repeat(10_000), SCRIPT, EMOJI, MIXED, `${RTL_OVERRIDE}太极`, '%_\\', "' or 1=1 --", '1e309']
    for (const q of queries) {
      const label = `search ${JSON.stringify(q.slice(0, 30))}`
      const response = await request.get(`/search?${new URLSearchParams({ q })}`)
      expect.soft(response.status(), label).toBe(200)
      const html = await response.text()
      expect.soft(html, label).not.toContain(SCRIPT)
      expect.soft(visibleText(html), label).toContain(t('zh-CN', 'search.label'))
    }
    const twice = await request.get('/search?q=%E5%A4%AA%E6%9E%81&q=%3Cscript%3E')
    expect(twice.status()).toBe(200)
    expect(visibleText(await twice.text())).toContain('太极')
  })

  api.describe('regressions found while writing these tests', () => {
    api(
      'an email login with a NUL character is refused as invalid, not a server error',
      async ({ playwright, baseURL }, testInfo) => {
        const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
        await expectRefused(
          await postForm(context, '/login', { login: `a${NUL}b@example.com`, password: PASSWORD }),
          'login',
          'form.loginInvalid',
        )
        await expectRefused(
          await postForm(context, '/signup', { login: `a${NUL}b@example.com`, password: PASSWORD, name: '林' }),
          'signup',
          'form.loginInvalid',
        )
        await context.dispose()
      },
    )

    api(
      'a 10,000-character redirectTo is not echoed into a 90 KB Location header',
      async ({ playwright, baseURL }, testInfo) => {
        const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
        const response = await postForm(context, '/language', { language: 'en', redirectTo: `/${'长'.repeat(10_000)}` })
        expect(response.status()).toBe(303)
        expect((response.headers()['location'] ?? '').length).toBeLessThanOrEqual(8_000)
        await context.dispose()
      },
    )

    api('an error page keeps a real title, not “undefined”', async ({ playwright, baseURL }, testInfo) => {
      const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
      await signUp(context)
      for (const path of ['/account/household/999999999', '/account/household/abc']) {
        const html = await (await context.get(path)).text()
        expect.soft(/<title>([^<]*)<\/title>/.exec(html)?.[1], path).not.toBe('undefined')
      }
      const html = await (await postForm(context, '/account', { intent: 'no-such-form' })).text()
      expect.soft(/<title>([^<]*)<\/title>/.exec(html)?.[1], 'unknown form').not.toBe('undefined')
      await context.dispose()
    })

    api('a NUL in a search or an address gets a page, not a server error', async ({ request }) => {
      for (const path of [
        '/search?q=%00',
        '/search?q=%E5%A4%AA%00',
        '/centres/a%00b',
        '/centres/wangjiang/services/a%00',
      ]) {
        expect.soft((await request.get(path)).status(), path).toBeLessThan(500)
      }
    })

    api(
      'a tampered hidden field or checkbox is ignored or explained, not refused in silence',
      async ({ playwright, baseURL }, testInfo) => {
        const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
        const resident = await signUp(context)
        const cases: Array<[string, FormFields]> = [
          ['/login', { login: resident.phone, password: resident.password, remember: 'yes' }],
          [
            '/login',
            [
              ['login', resident.phone],
              ['password', resident.password],
              ['remember', 'on'],
              ['remember', 'on'],
            ],
          ],
          ['/login', { login: resident.phone, password: resident.password, redirectTo: `/${'a'.repeat(3000)}` }],
          ['/signup', { login: uniquePhone(), password: PASSWORD, name: '林', redirectTo: `/${'a'.repeat(3000)}` }],
        ]
        for (const [path, fields] of cases) {
          const fresh = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
          const response = await postForm(fresh, path, fields)
          // Either it works (the bad extra is ignored) or the reader is told what is wrong.
          if (response.status() !== 302) await expectRefused(response, `POST ${path}`, 'form.invalid')
          await fresh.dispose()
        }
        const intents = await postForm(context, '/account', [
          ['intent', 'profile'],
          ['intent', 'profile'],
          ['name', '林'],
          ['preferredLocale', 'zh-CN'],
        ])
        if (intents.status() !== 302) await expectRefused(intents, 'two intents', 'form.invalid')
        await context.dispose()
      },
    )
  })
})

browser.describe('Markup in a name', () => {
  browser.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'needs JavaScript to show that no script runs')

  browser('is shown as text in the browser, and no script runs', async ({ page, playwright, baseURL }, testInfo) => {
    const context = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    await signUp(context, { name: '<b>林</b>晓雯' })
    const names = [SCRIPT, '<img src=x onerror=alert(1)>', '王小梅🌸']
    for (const name of names) {
      expect(
        (await postForm(context, '/account/household', { name, relation: 'child', birthYear: '2010' })).status(),
      ).toBe(302)
    }
    await page.context().addCookies((await context.storageState()).cookies)
    await context.dispose()

    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.goto('/account/household')
    for (const name of names) await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible()
    await page.goto('/account')
    await expect(page.getByLabel(t('zh-CN', 'account:fields.name'), { exact: true })).toHaveValue('<b>林</b>晓雯')
    await expect(page.locator('main b')).toHaveCount(0)
    await expect(page.locator('main img')).toHaveCount(0)
    expect(dialogs).toEqual([])
  })
})
