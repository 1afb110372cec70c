import { expect, test } from '@playwright/test'

// Plain HTTP behaviour, checked once (not per JavaScript setting).
test.describe('HTTP', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the same for both projects')

  test('health and readiness', async ({ request }) => {
    expect(await (await request.get('/healthz')).text()).toBe('ok')
    const ready = await request.get('/readyz')
    expect(ready.status()).toBe(200)
    expect(await ready.text()).toBe('ready')
  })

  test('language comes from ?lng, then the cookie, then Accept-Language', async ({ request, playwright }) => {
    const english = await playwright.request.newContext({ extraHTTPHeaders: { 'Accept-Language': 'en-GB,en;q=0.9' } })
    expect(await (await english.get('/')).text()).toContain('<html lang="en"')
    expect(await (await english.get('/?lng=zh-CN')).text()).toContain('<html lang="zh-CN"')
    await english.dispose()

    expect(await (await request.get('/', { headers: { 'Accept-Language': 'fr-FR' } })).text()).toContain(
      '<html lang="zh-CN"',
    )
    const switched = await request.post('/language', {
      form: { language: 'en', redirectTo: '/centres?lng=zh-CN' },
      maxRedirects: 0,
    })
    expect(switched.status()).toBe(303)
    expect(switched.headers()['location']).toBe('/centres')
    expect(switched.headers()['set-cookie']).toMatch(/^lng=/)
  })

  test('the language switch refuses to send the reader off-site', async ({ request }) => {
    const response = await request.post('/language', {
      form: { language: 'en', redirectTo: '//evil.example/' },
      maxRedirects: 0,
    })
    expect(response.headers()['location']).toBe('/')
  })

  test('an address with a broken %-escape gets a short page in both languages', async ({ request }) => {
    const response = await request.get('/centres/%E0%A4%A')
    expect(response.status()).toBe(400)
    const html = await response.text()
    expect(html).toContain('无法识别这个地址')
    expect(html).toContain("We can't read that address")
  })

  test('baseline headers and no framework banner', async ({ request }) => {
    const response = await request.get('/')
    const headers = response.headers()
    expect(headers['x-powered-by']).toBeUndefined()
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('bad input in addresses gets a page, never a server error', async ({ request }) => {
    for (const path of [
      '/categories/not-a-category',
      '/centres/nope/services/nope',
      '/announcements/abc',
      '/announcements/99999999999999999999',
      `/search?q=${'太极'.repeat(500)}`,
      '/search?q=%25%5F%5C',
      '/categories/fitness?day=2026-02-31&street=%3Cscript%3E',
      '/centres?category=%27%3B%20drop%20table%20users%3B--',
    ]) {
      const response = await request.get(path)
      expect(response.status(), path).toBeLessThan(500)
    }
  })
})
