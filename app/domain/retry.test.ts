import { describe, expect, test } from 'vitest'
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelayMs } from './retry.ts'

describe('retryDelayMs', () => {
  const middle = () => 0.5

  test('doubles after each failed try, from 30 seconds', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, { random: middle }))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ])
  })

  test('never waits longer than an hour, however many tries failed', () => {
    expect(retryDelayMs(8, { random: middle })).toBe(RETRY_MAX_MS)
    expect(retryDelayMs(1_000, { random: middle })).toBe(RETRY_MAX_MS)
    expect(retryDelayMs(1_000, { random: () => 0.999 })).toBeLessThanOrEqual(RETRY_MAX_MS * 1.2)
  })

  test('spreads retries by at most a fifth either way', () => {
    expect(retryDelayMs(1, { random: () => 0 })).toBe(RETRY_BASE_MS * 0.8)
    expect(retryDelayMs(1, { random: () => 1 })).toBe(RETRY_BASE_MS * 1.2)
    for (let index = 0; index < 100; index++) {
      const delay = retryDelayMs(3)
      expect(delay).toBeGreaterThanOrEqual(120_000 * 0.8)
      expect(delay).toBeLessThanOrEqual(120_000 * 1.2)
    }
  })

  test('treats nonsense attempt counts as the first try', () => {
    expect(retryDelayMs(0, { random: middle })).toBe(RETRY_BASE_MS)
    expect(retryDelayMs(-3, { random: middle })).toBe(RETRY_BASE_MS)
  })

  test('takes other bases and caps', () => {
    expect(retryDelayMs(3, { baseMs: 1_000, maxMs: 3_000, random: middle })).toBe(3_000)
    expect(retryDelayMs(2, { baseMs: 1_000, maxMs: 3_000, random: middle })).toBe(2_000)
  })
})
