// Linli's HTTP server: Express in front of the Remix build, for static files, headers,
// request logs and a graceful shutdown. Start it with `node server.js` after `npm run build`.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const build = await import('./build/index.js')
const { prepareDatabase, closeDatabase, logger, env } = build.entry.module

const bootStarted = performance.now()
await prepareDatabase()

const app = express()
app.disable('x-powered-by')
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

// Fingerprinted build output never changes under its name; everything else is revalidated.
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
app.use(express.static('public', { maxAge: '1h' }))

app.all(
  '*',
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (_req, res) => ({ requestId: res.locals.requestId }),
  }),
)

// What Express refuses before Remix sees it (a malformed %-escape in the address): a short
// page in both languages, from the locale files, and a log line without the address.
const refusedPage = ['zh-CN', 'en']
  .map((language) => {
    const { error } = JSON.parse(readFileSync(`public/locales/${language}/common.json`, 'utf8'))
    return `<section lang="${language}"><h1>${error.badRequest.title}</h1><p>${error.badRequest.body}</p><p><a href="/">${error.links.home}</a></p></section>`
  })
  .join('')
app.use((error, req, res, _next) => {
  const status = Number(error.status ?? error.statusCode) || 500
  logger.warn({ requestId: res.locals.requestId, status, type: error.name }, 'request refused before routing')
  res
    .status(status >= 400 && status < 600 ? status : 500)
    .type('html')
    .send(
      `<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>Linli</title><body>${refusedPage}</body></html>`,
    )
})

const server = app.listen(env.PORT, () => {
  logger.info(
    { port: env.PORT, bootMs: Math.round(performance.now() - bootStarted) },
    `Linli is serving on http://localhost:${env.PORT}`,
  )
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
