// Linli's HTTP server: Express in front of the Remix build, for static files, headers,
// request logs and a graceful shutdown. Start it with `node server.js` after `npm run build`.
import { randomBytes, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const build = await import('./build/index.js')
const { prepareDatabase, closeDatabase, logger, env } = build.entry.module

const bootStarted = performance.now()
await prepareDatabase()

// Pages for what Express refuses before Remix sees it, in both languages, from the locale files.
const locales = Object.fromEntries(
  ['zh-CN', 'en'].map((language) => [
    language,
    JSON.parse(readFileSync(`public/locales/${language}/common.json`, 'utf8')),
  ]),
)
function refusalPage(kind) {
  const sections = Object.entries(locales).map(
    ([language, { error }]) =>
      `<section lang="${language}"><h1>${error[kind].title}</h1><p>${error[kind].body}</p><p><a href="/">${error.links.home}</a></p></section>`,
  )
  return `<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Linli</title><body>${sections.join('')}</body></html>`
}
const forbiddenPage = refusalPage('forbidden')
const badRequestPage = refusalPage('badRequest')

const production = env.NODE_ENV === 'production'
const sessionCookie = /(?:^|;\s*)(?:__Host-)?linli_session=/

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
  if (sessionCookie.test(req.headers.cookie ?? '')) res.setHeader('Cache-Control', 'no-store')
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
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
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
app.use(express.static('public', { maxAge: '1h' }))

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

const server = app.listen(env.PORT, () => {
  logger.info(
    { port: env.PORT, bootMs: Math.round(performance.now() - bootStarted) },
    `Linli is serving on http://localhost:${env.PORT}`,
  )
  if (env.LINLI_TEST_CLOCK) logger.warn('LINLI_TEST_CLOCK is on: requests may set their own time. Tests only.')
})

let stopping = false
function shutdown(signal) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'stopping: finishing requests in flight')
  // Stop accepting, let requests in flight finish, then close the database.
  server.close(async () => {
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
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
