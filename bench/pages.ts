/**
 * `npm run bench:pages`: throughput and latency of the resident pages and the operator's
 * console on the demo district (server.js against a throwaway Postgres), next to two
 * ceilings — the same server answering a minimal Remix route with no data (/healthz),
 * and Node's bare http server sending the home page's bytes. Also the JavaScript the
 * home page loads (gzipped) and the embedded database's cold start.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { startApp, waitForStatus } from '#tests/fixtures/app-process.ts'
import { auditPages } from '#tests/lighthouse/run.mjs'
import { freePort } from '#tests/setup/postgres-cluster.mjs'
import {
  benchDatabase,
  benchPages,
  CONNECTIONS,
  APP_PROCESSES,
  measure,
  SECONDS,
  startServer,
  tableRow,
  WARMUP_SECONDS,
  writeResult,
  type Run,
} from './support.ts'

/** What a resident page must reach: half the minimal route's rate, p95 under 100 ms. */
const TARGET_SHARE_OF_MINIMAL = 0.5
const TARGET_P95_MS = 100
const JS_BUDGET_BYTES = 100 * 1024
const LIGHTHOUSE_TARGET = 95

const { url } = await benchDatabase()
const processes = String(APP_PROCESSES)
const { origin } = await startServer({ DATABASE_URL: url, SEED_DEMO: 'true', APP_PROCESSES: processes })
// The same app with its page cache off: what each anonymous render costs.
const uncached = await startServer({
  DATABASE_URL: url,
  SEED_DEMO: 'false',
  PAGE_CACHE_MS: '0',
  APP_PROCESSES: processes,
})

const pages = await benchPages(url)

const get = (pagePath: string, cookie?: string) => ({
  expectedStatus: 200,
  requestFor: () => ({ path: pagePath, headers: cookie ? { Cookie: cookie } : undefined }),
})

// Ceiling 1: a Remix route with no data at all, on the same server.
const minimal = await measure('minimal Remix route (/healthz)', origin, get('/healthz'))

// Ceiling 2: Node's bare http server sending the home page's bytes, nothing else, in as
// many processes as the app.
const homeHtml = await (await fetch(`${origin}/`)).text()
const homeFile = path.join(os.tmpdir(), `linli-home-${process.pid}.html`)
writeFileSync(homeFile, homeHtml)
const barePort = await freePort()
const bareScript = path.join(os.tmpdir(), `linli-bare-${process.pid}.cjs`)
writeFileSync(
  bareScript,
  `const cluster = require('node:cluster');
   if (cluster.isPrimary && ${APP_PROCESSES} > 1) {
     for (let i = 0; i < ${APP_PROCESSES}; i++) cluster.fork();
     process.on('SIGTERM', () => process.exit(0));
   } else {
     const body = require('node:fs').readFileSync(${JSON.stringify(homeFile)});
     require('node:http').createServer((req, res) => {
       res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
       res.end(body);
     }).listen(${barePort});
   }`,
)
const bare = spawn(process.execPath, [bareScript], { stdio: 'inherit' })
process.on('exit', () => bare.kill())
await waitForStatus(`http://127.0.0.1:${barePort}/`, 200, 10_000)
const bareRun = await measure('bare node:http, home page bytes', `http://127.0.0.1:${barePort}`, get('/'))
bare.kill()

const runs: Array<Run & { path: string; resident: boolean }> = []
for (const page of pages) {
  runs.push({
    ...(await measure(page.name, origin, get(page.path, page.cookie))),
    path: page.path,
    resident: page.resident,
  })
}
// Logged-in pages are never kept, so only the anonymous ones have a second figure.
for (const page of pages.filter((page) => !page.cookie)) {
  runs.push({
    ...(await measure(`${page.name}, no page cache`, uncached.origin, get(page.path))),
    path: page.path,
    resident: false,
  })
}

// The floor under every rendered page: the smallest page there is, the not-found page (the
// site's header and footer around one sentence), anonymous and logged in, never kept.
const residentCookie = pages.find((page) => page.name === 'my bookings (logged in)')!.cookie
for (const [name, cookie] of [
  ['smallest page (not found)', undefined],
  ['smallest page (not found), logged in', residentCookie],
] as const) {
  runs.push({
    ...(await measure(name, uncached.origin, {
      expectedStatus: 404,
      requestFor: () => ({ path: '/no-such-page', headers: cookie ? { Cookie: cookie } : undefined }),
    })),
    path: '/no-such-page',
    resident: false,
  })
}

const homeJavaScript = await javaScriptOf(homeHtml)
const coldStartMs = await embeddedColdStart()
const lighthouse = await lighthousePerformance()

const ceilings = { 'of minimal': minimal.requestsPerSecond, 'of bare': bareRun.requestsPerSecond }
console.log(
  `\nPage throughput: ${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s of warm-up, ${APP_PROCESSES} app processes, ${os.cpus().length} cores`,
)
console.table(
  Object.fromEntries(
    [...runs, minimal, bareRun].map((run) => [
      run.name,
      {
        ...tableRow(run, ceilings),
        ...('resident' in run && run.resident
          ? {
              target:
                run.requestsPerSecond >= TARGET_SHARE_OF_MINIMAL * minimal.requestsPerSecond && run.p95 < TARGET_P95_MS
                  ? 'met'
                  : 'missed',
            }
          : {}),
      },
    ]),
  ),
)
console.log(
  `Home page JavaScript: ${(homeJavaScript.gzipBytes / 1024).toFixed(1)} KB gzipped in ${homeJavaScript.files} files` +
    ` (budget ${JS_BUDGET_BYTES / 1024} KB: ${homeJavaScript.gzipBytes <= JS_BUDGET_BYTES ? 'within' : 'over'})`,
)
console.log(`Embedded database cold start (empty DATA_DIR to the first 200): ${(coldStartMs / 1000).toFixed(1)} s`)
console.log(
  `Lighthouse performance (mobile profile, Debian's Chromium; target ${LIGHTHOUSE_TARGET}): ` +
    lighthouse.map((result) => `${result.score} ${new URL(result.url).pathname}`).join(', '),
)
const file = writeResult('pages', {
  appProcesses: APP_PROCESSES,
  runs,
  minimal,
  bare: bareRun,
  homeJavaScript,
  coldStartMs,
  lighthouse,
})
console.log(`written ${file}`)
process.exit(0)

/** Lighthouse's performance score of the home page, a service page and a booking's confirmation. */
async function lighthousePerformance() {
  const service = pages.find((page) => page.name === 'service page with slots')!.path
  const resident = pages.find((page) => page.name === 'my bookings (logged in)')!
  const headers = { Cookie: resident.cookie! }
  const list = await (await fetch(`${origin}/bookings`, { headers })).text()
  const reference = /href="\/bookings\/([A-Z0-9]{6,12})"/.exec(list)?.[1]
  return [
    ...(await auditPages([`${origin}/`, `${origin}${service}`], { category: 'performance' })),
    ...(reference ? await auditPages([`${origin}/bookings/${reference}`], { category: 'performance', headers }) : []),
  ]
}

/** Every script the page loads, following static imports, with its gzipped size. */
async function javaScriptOf(html: string) {
  const pending = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ...html.matchAll(/\bimport\s*(?:[^"';]*?from\s*)?"(\/build\/[^"]+\.js)"/g),
  ].map((match) => match[1]!)
  const seen = new Set<string>()
  let gzipBytes = 0
  while (pending.length > 0) {
    const file = pending.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const source = await (await fetch(new URL(file, origin))).text()
    gzipBytes += gzipSync(source).length
    for (const match of source.matchAll(/\bimport\s*(?:[^"';]*?from\s*)?"(\/build\/[^"]+\.js)"/g))
      pending.push(match[1]!)
  }
  return { files: seen.size, gzipBytes }
}

/** `node server.js` on an empty data directory with the embedded database, to its first 200. */
async function embeddedColdStart() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-cold-'))
  const started = performance.now()
  const app = await startApp({
    env: { DATABASE_URL: '', DATA_DIR: dataDir, SEED_DEMO: 'true' },
    waitFor: '/',
    timeoutMs: 120_000,
  })
  const coldStartMs = performance.now() - started
  await app.stop()
  rmSync(dataDir, { recursive: true, force: true })
  return coldStartMs
}
