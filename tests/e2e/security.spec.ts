import { expect, test, type APIResponse } from '@playwright/test'
import postgres from 'postgres'
import {
  apiContext,
  clientAddress,
  districtTime,
  type Language,
  logIn,
  originOf,
  PASSWORD,
  postForm,
  SESSION_COOKIE,
  sessionCookiePair,
  setCookies,
  signUp,
  t,
  uniquePhone,
  visibleText,
} from './support.ts'

// The account pages' defences, checked over plain HTTP once (not per JavaScript setting).
// Every test acts from its own client addresses (X-Forwarded-For) with its own accounts.
test.describe('Security', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the same for both projects')

  test('a post from another site is refused with 403 and changes nothing', async ({
    playwright,
    baseURL,
  }, testInfo) => {
    const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    const resident = await signUp(api, { name: '跨站测试' })
    const bystander = uniquePhone()

    const foreign: Array<[string, Record<string, string>]> = [
      ['Origin of another site', { Origin: 'http://evil.example' }],
      ['Origin of the same host on another port', { Origin: 'http://localhost:1' }],
      ['opaque Origin', { Origin: 'null' }],
      ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
      ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }],
    ]
    const posts: Array<[string, Record<string, string>]> = [
      ['/login', { login: resident.phone, password: resident.password }],
      ['/signup', { login: bystander, password: PASSWORD, name: '不该存在' }],
      ['/logout', {}],
      ['/language', { language: 'en', redirectTo: '/' }],
      ['/account', { intent: 'logout-everywhere' }],
      ['/account', { intent: 'profile', name: '被改掉了', preferredLocale: 'en' }],
    ]
    for (const [label, headers] of foreign) {
      for (const [path, fields] of posts) {
        const response = await postForm(api, path, fields, headers)
        expect(response.status(), `${label}: POST ${path}`).toBe(403)
        expect(setCookies(response), `${label}: POST ${path} sets no cookie`).toEqual([])
        const text = visibleText(await response.text())
        expect(text).toContain(t('zh-CN', 'error.forbidden.title'))
        expect(text).toContain(t('en', 'error.forbidden.title'))
      }
    }

    // Still logged in, with the same name, still in Chinese.
    const account = await api.get('/account', { maxRedirects: 0 })
    expect(account.status()).toBe(200)
    const html = await account.text()
    expect(html).toContain('<html lang="zh-CN"')
    expect(html).toContain(`value="${resident.name}"`)
    // The cross-site sign-up made no account: the number is still free.
    const other = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
    expect((await signUp(other, { phone: bystander })).response.headers()['location']).toBe('/account')
    await other.dispose()

    // The same posts from our own pages do work (the refusal above is not a broken form).
    const loggedOut = await postForm(api, '/account', { intent: 'logout-everywhere' })
    expect(loggedOut.status()).toBe(302)
    expect((await api.get('/account', { maxRedirects: 0 })).status()).toBe(302)
    await api.dispose()
  })

  test.describe('brute force', () => {
    test('five wrong passwords lock the account for 15 minutes, even for the right password and from elsewhere', async ({
      playwright,
      baseURL,
    }, testInfo) => {
      const setup = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 0))
      const victim = await signUp(setup)
      const neighbour = await signUp(setup)
      await setup.dispose()

      const attacker = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
      const firstFailure = Date.now()
      for (let attempt = 1; attempt <= 5; attempt++) {
        const response = await logIn(attacker, victim.phone, `wrong password ${attempt}`)
        expect(response.status(), `attempt ${attempt}`).toBe(400)
        expect(visibleText(await response.text())).toContain(t('zh-CN', 'form.loginFailed'))
      }
      const lastFailure = Date.now()

      // The 6th attempt, with the right password: throttled, told when to come back (15 minutes
      // after the first failure; a minute either way if the clock ticked over meanwhile).
      const expectThrottled = async (response: APIResponse, language: Language) => {
        expect(response.status()).toBe(429)
        expect(sessionCookiePair(response)).toBeUndefined()
        const text = visibleText(await response.text())
        expect(text).toContain(t(language, 'form.throttledTitle'))
        const messages = [firstFailure, lastFailure].map((at) =>
          t(language, 'form.throttled', { time: districtTime(new Date(at + 15 * 60_000), language) }),
        )
        expect(
          messages.some((message) => text.includes(message)),
          `one of ${messages.join(' / ')} in ${text}`,
        ).toBe(true)
      }
      await expectThrottled(await logIn(attacker, victim.phone, victim.password), 'zh-CN')

      // The lock is on the account: the victim's own phone, elsewhere, is locked out too (in English here).
      const victimsPhone = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 2))
      await expectThrottled(
        await postForm(
          victimsPhone,
          '/login',
          { login: victim.phone, password: victim.password },
          { 'Accept-Language': 'en' },
        ),
        'en',
      )
      expect((await victimsPhone.get('/account', { maxRedirects: 0 })).status()).toBe(302)
      await victimsPhone.dispose()

      // Another account, from another address, logs in as usual.
      const neighbourPhone = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 3))
      const neighbourLogin = await logIn(neighbourPhone, neighbour.phone, neighbour.password)
      expect(neighbourLogin.status()).toBe(302)
      expect(neighbourLogin.headers()['location']).toBe('/account')
      expect((await neighbourPhone.get('/account', { maxRedirects: 0 })).status()).toBe(200)
      await neighbourPhone.dispose()
      await attacker.dispose()
    })

    test('thirty failed logins from one address, each for another account, lock that address', async ({
      playwright,
      baseURL,
    }, testInfo) => {
      const setup = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 0))
      const resident = await signUp(setup)
      await setup.dispose()

      const sprayer = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
      for (let attempt = 1; attempt <= 30; attempt++) {
        const response = await logIn(sprayer, uniquePhone(), 'password spraying 1')
        expect(response.status(), `attempt ${attempt}`).toBe(400)
      }
      // The 31st, even for a real account with its right password, is refused.
      const blocked = await logIn(sprayer, resident.phone, resident.password)
      expect(blocked.status()).toBe(429)
      expect(visibleText(await blocked.text())).toContain(t('zh-CN', 'form.throttledTitle'))
      expect(sessionCookiePair(blocked)).toBeUndefined()
      await sprayer.dispose()

      // The same account from another address is fine: only the address was locked.
      const home = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 2))
      expect((await logIn(home, resident.phone, resident.password)).status()).toBe(302)
      await home.dispose()
    })
  })

  test('security headers on every page, a fresh CSP nonce on each response', async ({
    request,
    playwright,
    baseURL,
  }, testInfo) => {
    const first = await request.get('/')
    const second = await request.get('/centres')
    const nonces = [first, second].map((response) => {
      const csp = response.headers()['content-security-policy'] ?? ''
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("base-uri 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain("'unsafe-inline'")
      expect(csp).not.toContain("'unsafe-eval'")
      return /script-src [^;]*'nonce-([A-Za-z0-9+/=]{16,})'/.exec(csp)?.[1]
    })
    expect(nonces[0]).toBeTruthy()
    expect(nonces[1]).toBeTruthy()
    expect(nonces[0]).not.toBe(nonces[1])

    // Every script on the page carries this response's nonce, and only it.
    const html = await first.text()
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonces[0]}"`)
    expect(html).not.toContain(nonces[1]!)

    for (const response of [first, second]) {
      const headers = response.headers()
      expect(headers['x-content-type-options']).toBe('nosniff')
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
      expect(headers['x-frame-options']).toBe('DENY')
      expect(headers['strict-transport-security']).toMatch(/max-age=(\d{8,}|3153[6-9]\d{3})/)
      expect(headers['x-powered-by']).toBeUndefined()
    }

    // Logged in: the session cookie is locked down, and personal pages are never cached.
    const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    const { response: signedUp } = await signUp(api)
    const cookie = setCookies(signedUp).find((value) => value.startsWith(`${SESSION_COOKIE}=`))
    expect(cookie).toBeDefined()
    const attributes = cookie!.split(';').map((part) => part.trim().toLowerCase())
    expect(attributes).toContain('httponly')
    expect(attributes).toContain('secure')
    expect(attributes).toContain('samesite=lax')
    expect(attributes).toContain('path=/')
    expect(attributes.some((attribute) => attribute.startsWith('domain='))).toBe(false)
    const account = await api.get('/account', { maxRedirects: 0 })
    expect(account.status()).toBe(200)
    expect(account.headers()['cache-control']).toContain('no-store')
    expect((await api.get('/account/household')).headers()['cache-control']).toContain('no-store')
    await api.dispose()
  })

  test('a new account’s password is stored as an argon2id hash with the agreed parameters', async ({
    playwright,
    baseURL,
  }, testInfo) => {
    const databaseUrl = process.env.E2E_DATABASE_URL
    test.skip(
      !databaseUrl,
      'E2E_DATABASE_URL is not set: run through tests/setup/with-postgres.mjs to read the database',
    )
    const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    const { phone, password } = await signUp(api)
    await api.dispose()

    const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} })
    try {
      const rows = await sql.unsafe<Array<{ password_hash: string }>>(
        'select password_hash from users where phone = $1',
        [phone],
      )
      expect(rows).toHaveLength(1)
      const hash = rows[0]!.password_hash
      expect(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$'), hash.slice(0, 40)).toBe(true)
      expect(hash).not.toContain(password)
    } finally {
      await sql.end()
    }
  })

  test('a resident cannot read, change or remove another resident’s household member', async ({
    playwright,
    baseURL,
  }, testInfo) => {
    const a = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 0))
    const b = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 1))
    await signUp(a, { name: '居民甲' })
    await signUp(b, { name: '居民乙' })
    const added = await postForm(a, '/account/household', { name: '甲的母亲', relation: 'parent', birthYear: '1944' })
    expect(added.status()).toBe(302)
    const memberId = /href="\/account\/household\/(\d+)"/.exec(await (await a.get('/account/household')).text())?.[1]
    expect(memberId).toBeTruthy()
    const memberPath = `/account/household/${memberId}`
    expect((await a.get(memberPath)).status()).toBe(200)

    // B tries A's member's id: not found, whatever B does.
    const read = await b.get(memberPath)
    expect(read.status()).toBe(404)
    const readText = visibleText(await read.text())
    expect(readText).toContain(t('zh-CN', 'error.notFound.title'))
    expect(readText).not.toContain('甲的母亲')
    const change = await postForm(b, memberPath, { name: '乙改的名字', relation: 'other', birthYear: '2000' })
    expect(change.status()).toBe(404)
    const remove = await postForm(b, memberPath, { intent: 'remove' })
    expect(remove.status()).toBe(404)
    expect(await (await b.get('/account/household')).text()).not.toContain(memberPath)

    // A's member is as A left it.
    const edit = await a.get(memberPath)
    expect(edit.status()).toBe(200)
    const editHtml = await edit.text()
    expect(editHtml).toContain('value="甲的母亲"')
    expect(editHtml).toContain('value="1944"')
    expect(editHtml).not.toContain('乙改的名字')
    const list = visibleText(await (await a.get('/account/household')).text())
    expect(list).toContain('甲的母亲')
    expect(list).toContain(t('zh-CN', 'account:household.born', { year: 1944 }))
    await a.dispose()
    await b.dispose()
  })

  test('account pages send a logged-out reader to log in, and back', async ({ request, baseURL }) => {
    for (const path of ['/account', '/account/household', '/account/household/1']) {
      const response = await request.get(path, { maxRedirects: 0 })
      expect(response.status(), path).toBe(302)
      expect(response.headers()['location'], path).toBe(`/login?${new URLSearchParams({ redirectTo: path })}`)
    }
    for (const [path, fields] of [
      ['/account', { intent: 'logout-everywhere' }],
      ['/account/household', { name: '某人', relation: 'parent', birthYear: '1950' }],
      ['/account/household/1', { intent: 'remove' }],
    ] as const) {
      const response = await postForm(request, path, fields, { Origin: originOf(baseURL) })
      expect(response.status(), `POST ${path}`).toBe(302)
      expect(response.headers()['location'], `POST ${path}`).toMatch(/^\/login\?redirectTo=/)
    }
  })

  test('a redirectTo to another site after login lands on the account page instead', async ({
    playwright,
    baseURL,
  }, testInfo) => {
    const setup = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 0))
    const resident = await signUp(setup)
    await setup.dispose()
    const targets = [
      '//evil.example',
      '//evil.example/account',
      'https://evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      ' //evil.example',
      '',
    ]
    for (const [index, redirectTo] of targets.entries()) {
      const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo, index + 1))
      const response = await logIn(api, resident.phone, resident.password, { redirectTo })
      expect(response.status(), redirectTo).toBe(302)
      expect(response.headers()['location'], redirectTo).toBe('/account')
      await api.dispose()
    }
    // A path on this site is honoured.
    const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo, 99))
    const local = await logIn(api, resident.phone, resident.password, { redirectTo: '/centres/wangjiang?day=1#slots' })
    expect(local.headers()['location']).toBe('/centres/wangjiang?day=1#slots')
    await api.dispose()
  })

  test('logging out is a POST that ends the session on the server; a GET changes nothing', async ({
    playwright,
    baseURL,
  }, testInfo) => {
    const api = await apiContext(playwright.request, baseURL, clientAddress(testInfo))
    const { response } = await signUp(api)
    const cookie = sessionCookiePair(response)
    expect(cookie).toBeDefined()

    // A GET of /logout (a link, a prefetch, an <img>) does not log anyone out.
    const get = await api.get('/logout', { maxRedirects: 0 })
    expect(get.status()).toBe(302)
    expect(setCookies(get)).toEqual([])
    expect((await api.get('/account', { maxRedirects: 0 })).status()).toBe(200)

    const logout = await postForm(api, '/logout', {})
    expect(logout.status()).toBe(302)
    expect(logout.headers()['location']).toBe('/')
    const cleared = setCookies(logout).find((value) => value.startsWith(`${SESSION_COOKIE}=`))
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
    expect((await api.get('/account', { maxRedirects: 0 })).status()).toBe(302)

    // Replaying the old cookie, as someone who copied it would: the session row is gone.
    const replay = await playwright.request.newContext({ baseURL })
    const replayed = await replay.get('/account', { headers: { Cookie: cookie! }, maxRedirects: 0 })
    expect(replayed.status()).toBe(302)
    expect(replayed.headers()['location']).toBe('/login?redirectTo=%2Faccount')
    await replay.dispose()
    await api.dispose()
  })
})
