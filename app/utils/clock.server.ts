import { env } from './env.server.ts'

export const TEST_CLOCK_HEADER = 'X-Linli-Test-Now'

/**
 * The moment a request happens, for what depends on time: which announcements are out,
 * pinned or expired. Always the real clock, except on a server started for the end-to-end
 * tests with LINLI_TEST_CLOCK=true, where a request may name its own moment.
 */
export function requestNow(request: Request): Date {
  if (env.LINLI_TEST_CLOCK) {
    const given = request.headers.get(TEST_CLOCK_HEADER)
    const instant = given ? new Date(given) : null
    if (instant && !Number.isNaN(instant.getTime())) return instant
  }
  return new Date()
}
