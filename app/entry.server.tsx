import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext, HandleDocumentRequestFunction } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { getLanguage, serverTranslations } from './utils/i18next.server.ts'
import { TranslationsProvider } from './utils/use-translation.tsx'
import { isDatabaseBusy, isDatabaseUnreachable } from '#db/availability.server.ts'
import { describeError, logger } from './utils/logger.server.ts'
import { NonceProvider } from './utils/nonce.ts'
import { unavailableResponse } from './utils/plain-page.server.ts'

// What server.js needs from the bundle: boot, background jobs, shutdown and the shared logger.
export { prepareDatabase } from '#db/prepare.server.ts'
export { startBackgroundJobs } from './jobs/background.server.ts'
export { closeDatabase } from '#db/client.server.ts'
export { logger } from './utils/logger.server.ts'
export { env } from './utils/env.server.ts'
export { plainPage } from './utils/plain-page.server.ts'
export { isDatabaseUnreachable } from '#db/availability.server.ts'
export { isAnonymous, pageCache, SAFE_METHODS } from './utils/page-cache.server.ts'

// Requests whose loaders or actions found the database out of reach, or waited too long
// for it (a lock or statement timeout): they get a 503 page.
const unreachable = new WeakSet<Request>()

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

const handleRequest: HandleDocumentRequestFunction = async (
  request,
  responseStatusCode,
  responseHeaders,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) => {
  if (unreachable.has(request)) return unavailableResponse()
  const nonce = loadContext.cspNonce ?? ''
  const language = await getLanguage(request)

  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <TranslationsProvider translations={serverTranslations} language={language}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </TranslationsProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true
        },
        // Every loader has answered before the page renders (none defers), so the whole
        // page is ready moments after its first part: it goes out in one piece, not in
        // React's 2 KB chunks, each of which would be a write of its own.
        onAllReady() {
          const chunks: Buffer[] = []
          const body = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk)
              done()
            },
            final(done) {
              responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }))
              done()
            },
          })
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors after the shell are logged here; before it, Remix's boundary handles them.
          if (shellRendered) logger.error({ error: describeError(error) }, 'render error')
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1_000)
  })
}

export default handleRequest

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  return unreachable.has(request) ? unavailableResponse() : response
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  if (isDatabaseUnreachable(error)) {
    unreachable.add(request)
    logger.warn({ error: describeError(error), path: new URL(request.url).pathname }, 'database unreachable')
    return
  }
  // A lock or statement timeout: the same translated 503 ("try again shortly"), not a hang or a 500.
  if (isDatabaseBusy(error)) {
    unreachable.add(request)
    logger.warn({ error: describeError(error), path: new URL(request.url).pathname }, 'database busy')
    return
  }
  logger.error({ error: describeError(error), path: new URL(request.url).pathname }, 'unhandled error')
}
