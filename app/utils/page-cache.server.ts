import type { NextFunction, Request, Response } from 'express'

/**
 * A short-lived cache of the pages anonymous visitors see (the home page, centres,
 * services, categories, search), so a rush of residents opening the same page costs one
 * render, not hundreds.
 *
 * - Only GET requests without a session cookie, and only 200 responses that set no cookie
 *   and do not say `no-store`, are kept; a page for a logged-in person never is.
 * - The key is everything a page may depend on: host, address, cookies (language, elder
 *   mode) and Accept-Language.
 * - Any request that may change data (POST and the like) empties the cache of this
 *   process, and a page rendered while one was running is not kept; what another process
 *   or a background job changes shows after at most `ttlMs`.
 * - While a page is being rendered, other requests for it wait for that render instead of
 *   starting their own, so the moment a page expires does not cost a render per visitor.
 * - Every response still gets its own CSP nonce: the nonce of the kept page is replaced by
 *   the one this request was given.
 */
export function pageCache({ ttlMs, maxEntries = 200 }: { ttlMs: number; maxEntries?: number }) {
  const entries = new Map<string, Entry>()
  /** Pages being rendered now, each settling to its entry (or nothing, if it is not kept). */
  const inFlight = new Map<string, Promise<Entry | undefined>>()
  /** Moves on when data may have changed; a render that saw another generation is not kept. */
  let generation = 0

  return function pageCacheMiddleware(req: Request, res: Response, next: NextFunction) {
    if (!SAFE_METHODS.has(req.method)) {
      generation++
      entries.clear()
      res.on('close', () => {
        generation++
        entries.clear()
      })
      return next()
    }
    if (req.method !== 'GET' || ttlMs <= 0 || !isAnonymous(req) || req.get('x-linli-test-now')) return next()

    const key = [req.get('host'), req.originalUrl, req.get('cookie'), req.get('accept-language')].join('\n')
    const nonce = res.locals.cspNonce as string
    const kept = entries.get(key)
    if (kept && kept.expires > Date.now()) return serve(kept)
    if (kept) entries.delete(key)
    // The same page is being rendered for someone else: wait for that render rather than
    // start another. If it turns out not to be keepable, render this one after all.
    const rendering = inFlight.get(key)
    if (rendering) {
      void rendering.then((entry) => (entry ? serve(entry) : render()))
      return
    }
    let settle: (entry: Entry | undefined) => void = () => {}
    const mine = new Promise<Entry | undefined>((resolve) => (settle = resolve))
    inFlight.set(key, mine)
    const finish = (entry: Entry | undefined) => {
      if (inFlight.get(key) === mine) inFlight.delete(key)
      settle(entry)
    }
    // A visitor who leaves before the page is done lets the others render for themselves.
    res.on('close', () => finish(undefined))
    render(finish)

    function serve(entry: Entry) {
      res.status(200).set(entry.headers).set('X-Linli-Cache', 'hit')
      res.end(entry.nonce ? entry.body.replaceAll(entry.nonce, nonce) : entry.body)
    }

    /** Lets the app render the page, keeping it if it may be kept. */
    function render(finish: (entry: Entry | undefined) => void = () => {}) {
      const startedAt = generation
      const chunks: Buffer[] = []
      const write = res.write.bind(res) as (...args: unknown[]) => boolean
      const end = res.end.bind(res) as (...args: unknown[]) => Response
      const collect = (chunk: unknown) => {
        if (typeof chunk === 'string') chunks.push(Buffer.from(chunk))
        else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk))
      }
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        collect(chunk)
        return write(chunk, ...rest)
      }) as Response['write']
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (typeof chunk !== 'function') collect(chunk)
        let entry: Entry | undefined
        if (generation === startedAt && isKeepable(res)) {
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!)
          entry = {
            expires: Date.now() + ttlMs,
            headers: keptHeaders(res),
            body: Buffer.concat(chunks).toString('utf8'),
            nonce,
          }
          entries.set(key, entry)
        }
        finish(entry)
        return end(chunk, ...rest)
      }) as Response['end']
      res.set('X-Linli-Cache', 'miss')
      next()
    }
  }
}

interface Entry {
  expires: number
  headers: Record<string, string>
  body: string
  nonce: string
}

/** Methods that change nothing; every other request may. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?linli_session=/
const KEPT_TYPES = /^(text\/html|application\/json)\b/

/** A request without a session cookie: nothing it is shown can be personal. */
export function isAnonymous(req: Request) {
  return !SESSION_COOKIE.test(req.get('cookie') ?? '')
}

function isKeepable(res: Response) {
  return (
    res.statusCode === 200 &&
    !res.getHeader('set-cookie') &&
    !String(res.getHeader('cache-control') ?? '').includes('no-store') &&
    KEPT_TYPES.test(String(res.getHeader('content-type') ?? ''))
  )
}

/**
 * What the app said about the page, not what belongs to one response: its nonce, its id,
 * and how compression (which runs again for each response) encoded it.
 */
const PER_RESPONSE = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'vary',
  'content-security-policy',
  'x-request-id',
  'x-linli-cache',
  'date',
])

function keptHeaders(res: Response) {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (!PER_RESPONSE.has(name) && value !== undefined) headers[name] = String(value)
  }
  return headers
}
