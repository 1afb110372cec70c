import { describeError, logger } from '#app/utils/logger.server.ts'

export type Loop = { stop: () => Promise<void> }

/**
 * Runs `run` again and again, `intervalMs` apart with ±20% jitter so processes started
 * together drift apart; at once again when `run` says more work is waiting. An error
 * is logged and the loop goes on (the database may be back next time). `stop` lets the
 * round in flight finish, so the database can be closed after it.
 */
export function startLoop({
  name,
  intervalMs,
  run,
  random = Math.random,
}: {
  name: string
  intervalMs: number
  run: () => Promise<boolean | void>
  random?: () => number
}): Loop {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let inFlight: Promise<void> | undefined
  const jittered = (ms: number) => Math.round(ms * (0.8 + 0.4 * random()))

  function schedule(delayMs: number) {
    timer = setTimeout(() => {
      inFlight = round().finally(() => {
        inFlight = undefined
      })
    }, delayMs)
    // The loop alone never keeps the process alive; the HTTP server does.
    timer.unref()
  }

  async function round() {
    let moreWaiting = false
    try {
      moreWaiting = (await run()) === true
    } catch (error) {
      logger.error({ event: 'job_failed', job: name, error: describeError(error) }, 'background job failed')
    }
    if (!stopped) schedule(moreWaiting ? 0 : jittered(intervalMs))
  }

  // The first round comes soon after boot, at a random point so processes spread out.
  schedule(Math.round(random() * Math.min(intervalMs, 5_000)))
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await inFlight
    },
  }
}
