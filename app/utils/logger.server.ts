import pino from 'pino'
import { env } from './env.server.ts'

/**
 * The one logger. Structured JSON with a request id; never log personal data (names,
 * phone numbers, emails, query strings) — log ids and paths instead.
 */
export const logger = pino({
  level: env.NODE_ENV === 'test' && env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL,
  base: { app: 'linli' },
  redact: { paths: ['password', '*.password', 'phone', '*.phone', 'email', '*.email'], censor: '[redacted]' },
})

/**
 * An error as safe to log: its kind, message and stack, without the query parameters
 * that database errors carry (they may hold what a resident typed).
 */
export function describeError(error: unknown) {
  const outer = error instanceof Error ? error : new Error(String(error))
  // Drizzle wraps the driver's error and puts the parameters into its own message.
  const cause = outer.cause instanceof Error ? outer.cause : undefined
  const reported = cause ?? outer
  return {
    type: outer.name,
    message: reported.message.split('\nparams:')[0],
    code: (reported as { code?: string }).code,
    stack: reported.stack?.split('\n').slice(0, 8).join('\n'),
  }
}
