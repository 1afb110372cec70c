import { randomUUID } from 'node:crypto'

/** A fresh key for a booking form: a double-click or a retried submit finds the first booking. */
export function newIdempotencyKey(): string {
  return randomUUID()
}

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
}
