import { env } from '#app/utils/env.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { db } from '#db/client.server.ts'
import { startLoop } from './loop.server.ts'
import { deliverDueMessages } from './outbox-worker.server.ts'
import { runScheduledJobs } from './scheduler.server.ts'
import { transportsFromEnv } from './transports.server.ts'

/**
 * Starts the outbox worker and the scheduler in this process (server/http.js calls it after
 * the database is ready). Every app process runs both; the database keeps them from
 * doing anything twice. Returns `stop`, which waits for the rounds in flight — call it
 * before closing the database.
 */
export function startBackgroundJobs(): { stop: () => Promise<void> } {
  if (!env.JOBS) {
    logger.info({ event: 'jobs_off' }, 'background jobs are off (JOBS=off)')
    return { stop: async () => {} }
  }
  const transports = transportsFromEnv(env)
  const batchSize = 10
  const worker = startLoop({
    name: 'outbox',
    intervalMs: env.OUTBOX_POLL_SECONDS * 1000,
    // A full batch means more may be waiting: go again at once.
    run: async () => {
      const report = await deliverDueMessages(
        { now: new Date(), transports, maxAttempts: env.OUTBOX_MAX_ATTEMPTS, batchSize },
        db,
      )
      return report.claimed === batchSize
    },
  })
  const scheduler = startLoop({
    name: 'scheduler',
    intervalMs: env.SCHEDULER_INTERVAL_SECONDS * 1000,
    run: async () => {
      await runScheduledJobs({ now: new Date() }, db)
    },
  })
  logger.info(
    { event: 'jobs_started', email: transports.email.name, sms: transports.sms.name },
    'outbox worker and scheduler started',
  )
  return {
    async stop() {
      await Promise.all([worker.stop(), scheduler.stop()])
      await Promise.all(Object.values(transports).map((transport) => transport.close?.()))
    },
  }
}
