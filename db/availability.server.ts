/**
 * Whether an error means the database is out of reach (down, restarting, refusing
 * connections) rather than that a query or the request was wrong. Such errors become a
 * translated 503 and, at boot, a retry.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  // postgres.js
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // Postgres: shutting down, starting up, or out of connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
])

// A statement cancelled by statement_timeout, a lock wait ended by lock_timeout, a
// session ended by idle_in_transaction_session_timeout: the database is busy, not wrong.
const BUSY_CODES = new Set(['57014', '55P03', '25P03'])

/** Whether an error means the database gave up waiting (a timeout): a 503, try again. */
export function isDatabaseBusy(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && BUSY_CODES.has(code)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true
    // Several addresses refused at once (localhost as ::1 and 127.0.0.1).
    const errors = (current as { errors?: unknown[] }).errors
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnreachable(inner))) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}
