// Linli's HTTP server: Express in front of the Remix build, for static files, headers,
// request logs and a graceful shutdown. server.js starts it, in one process or in several.
import cluster from 'node:cluster'
import { randomBytes, randomUUID } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'
import { READY_MESSAGE } from './processes.js'

const build = await import('../build/index.js')
const {
  prepareDatabase,
  startBackgroundJobs,
  closeDatabase,
  logger,
  env,
  plainPage,
  isDatabaseUnreachable,
  isAnonymous,
  pageCache,
  SAFE_METHODS,
} = build.entry.module

const bootStarted = performance.now()
// Pages for what is refused before Remix renders one, in both languages, from the locale files.
const forbiddenPage = plainPage('forbidden')
const badRequestPage = plainPage('badRequest')
const unavailablePage = plainPage('unavailable')

const production = env.NODE_ENV === 'production'

const app = express()
app.disable('x-powered-by')
// Behind a proxy, TRUST_PROXY (a hop count or addresses) lets req.ip be the resident's address.
if (process.env.TRUST_PROXY) {
  app.set(
    'trust proxy',
    /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY,
  )
}
app.use(compression())

app.use((req, res, next) => {
  const requestId = randomUUID()
  const started = performance.now()
  res.locals.requestId = requestId
  res.setHeader('X-Request-Id', requestId)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()')
  // A fresh nonce per response: only scripts Remix renders with it may run.
  const nonce = randomBytes(16).toString('base64')
  res.locals.cspNonce = nonce
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
  )
  if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  // Anything shown to a logged-in person may be personal: never store it in a cache.
  if (!isAnonymous(req)) res.setHeader('Cache-Control', 'no-store')
  res.on('finish', () => {
    // The path only: query strings may carry what a resident typed.
    logger.info(
      {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      },
      'request',
    )
  })
  next()
})

// Postgres text cannot hold U+0000: an address carrying one is malformed, not a server error.
app.use((req, res, next) => {
  if (req.originalUrl.includes('%00')) return void res.status(400).type('html').send(badRequestPage)
  next()
})

// Cross-site request forgery: a request that changes something must come from our own pages.
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next()
  const site = req.get('sec-fetch-site')
  const origin = req.get('origin')
  let sameOrigin = true
  if (origin !== undefined) {
    try {
      sameOrigin = new URL(origin).host === req.get('host')
    } catch {
      sameOrigin = false
    }
  }
  if ((site && site !== 'same-origin' && site !== 'none') || !sameOrigin) {
    logger.warn(
      { requestId: res.locals.requestId, event: 'cross_origin_refused', method: req.method, path: req.path },
      'refused',
    )
    res.status(403).type('html').send(forbiddenPage)
    return
  }
  next()
})

// Fingerprinted build output never changes under its name; everything else is revalidated.
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
// Only the addresses of what public/ holds look on disk: a page's address costs no file lookup.
const publicEntries = new Set(readdirSync('public'))
const publicFiles = express.static('public', { maxAge: '1h' })
app.use((req, res, next) => (publicEntries.has(req.path.split('/')[1]) ? publicFiles(req, res, next) : next()))

// Until the database is migrated (at boot it may still be starting), pages answer 503;
// /healthz and /readyz say how the process is doing.
let ready = false
app.use((req, res, next) => {
  if (ready || req.path === '/healthz' || req.path === '/readyz') return next()
  res.status(503).set({ 'Retry-After': '10', 'Cache-Control': 'no-store' }).type('html').send(unavailablePage)
})

// A rush of anonymous visitors on one page costs one render a second (PAGE_CACHE_MS).
app.use(pageCache({ ttlMs: env.PAGE_CACHE_MS }))

app.all(
  '*',
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId,
      cspNonce: res.locals.cspNonce,
      clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    }),
  }),
)

// What Express refuses before Remix sees it: a malformed %-escape in the address.
app.use((error, req, res, _next) => {
  const status = Number(error.status ?? error.statusCode) || 500
  logger.warn({ requestId: res.locals.requestId, status, type: error.name }, 'request refused before routing')
  res
    .status(status >= 400 && status < 600 ? status : 500)
    .type('html')
    .send(badRequestPage)
})

const server = app.listen(env.PORT)

let stopping = false
/** The background loops, once the database is ready. */
let jobs = null

/** Migrates (and on first start seeds) the database, waiting for it while it is unreachable. */
async function prepareWhenReachable() {
  for (let attempt = 1; !stopping; attempt++) {
    try {
      return await prepareDatabase()
    } catch (error) {
      if (!isDatabaseUnreachable(error)) throw error
      const delay = Math.min(250 * 2 ** attempt, 10_000)
      logger.warn({ attempt, retryInMs: delay }, 'the database is unreachable; trying again')
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

// A stop that comes while the database is being prepared waits for that to finish.
const preparing = prepareWhenReachable()
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))

await preparing
// The outbox worker and the scheduler (JOBS=off turns them off in this process).
if (!stopping) jobs = startBackgroundJobs()
ready = true
// One of several processes: tell server.js this one is serving.
if (cluster.isWorker) process.send?.(READY_MESSAGE)
logger.info(
  { port: env.PORT, bootMs: Math.round(performance.now() - bootStarted) },
  `Linli is serving on http://localhost:${env.PORT}`,
)
if (env.LINLI_TEST_CLOCK) logger.warn('LINLI_TEST_CLOCK is on: requests may set their own time. Tests only.')

function shutdown(signal) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'stopping: finishing requests in flight')
  // Stop the background loops and accept no more requests; once the rounds and the
  // requests in flight have finished, close the database.
  const jobsStopped = jobs?.stop()
  server.close(async () => {
    await preparing
    await jobsStopped
    await closeDatabase()
    logger.info('stopped')
    process.exit(0)
  })
  server.closeIdleConnections()
  setTimeout(() => {
    logger.warn('requests still open after 8 s; closing them')
    server.closeAllConnections()
  }, 8_000).unref()
}
