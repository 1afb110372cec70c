/**
 * When to try a failed delivery again: exponential backoff (30 s, 1 min, 2 min … up to an
 * hour) with ±20% jitter, so messages that failed together (an SMTP server restarting) do
 * not all come back at the same second.
 */
export const RETRY_BASE_MS = 30_000
export const RETRY_MAX_MS = 60 * 60_000
const JITTER = 0.2

/** The delay before the next try, after `attempts` failed tries (1 = the first one failed). */
export function retryDelayMs(
  attempts: number,
  {
    baseMs = RETRY_BASE_MS,
    maxMs = RETRY_MAX_MS,
    random = Math.random,
  }: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const exponent = Math.max(0, Math.floor(attempts) - 1)
  // 2 ** exponent overflows to Infinity long after the cap; min() keeps it finite.
  const exact = Math.min(maxMs, baseMs * 2 ** exponent)
  return Math.round(exact * (1 - JITTER + 2 * JITTER * random()))
}
