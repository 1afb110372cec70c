// Lighthouse's accessibility audit of pages of a running Linli, in Debian's Chromium:
//   node tests/lighthouse/run.mjs http://localhost:3000 [/path …]
// prints each page's score and the audits that failed, and exits 1 unless every score is
// 100. tests/e2e/lighthouse.spec.ts runs it against the e2e server (with a logged-in
// resident's confirmation page too). Accessibility only: it is the fast part of Lighthouse.
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

/** The main resident pages of the demo district. */
export const residentPages = [
  '/',
  '/centres/wangjiang',
  '/centres/wangjiang/services/yoga',
  '/categories/fitness',
  '/search?q=%E5%A4%AA%E6%9E%81',
]

/**
 * Audits each of `urls` (absolute) for one Lighthouse category (accessibility unless
 * `category` says otherwise, e.g. "performance" for the benchmarks); `headers` go with
 * every request (a session cookie for pages behind the log-in). Resolves to one result
 * per page.
 */
export async function auditPages(
  urls,
  {
    category: categoryId = 'accessibility',
    headers = {},
    chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  } = {},
) {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  })
  try {
    const results = []
    for (const url of urls) {
      const runner = await lighthouse(url, {
        port: chrome.port,
        onlyCategories: [categoryId],
        extraHeaders: headers,
        logLevel: 'error',
        output: 'json',
      })
      const category = runner.lhr.categories[categoryId]
      const failed = category.auditRefs
        .map((ref) => runner.lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1)
        .map((audit) => `${audit.id}: ${audit.title}`)
      results.push({ url, score: Math.round((category.score ?? 0) * 100), failed })
    }
    return results
  } finally {
    chrome.kill()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [origin, ...paths] = process.argv.slice(2)
  if (!origin) {
    console.error('usage: node tests/lighthouse/run.mjs ORIGIN [PATH …]')
    process.exit(2)
  }
  const results = await auditPages((paths.length ? paths : residentPages).map((path) => new URL(path, origin).href))
  for (const { url, score, failed } of results) {
    console.log(`${String(score).padStart(3)}  ${url}`)
    for (const audit of failed) console.log(`       ${audit}`)
  }
  process.exit(results.every((result) => result.score === 100) ? 0 : 1)
}
