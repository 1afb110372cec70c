// Several copies of Linli's server on one port (APP_PROCESSES), so every core serves:
// this process starts them, starts another if one dies, and stops them all on SIGTERM.
import cluster from 'node:cluster'

/** What a copy sends once it has its database and is serving. */
export const READY_MESSAGE = 'linli:ready'

/**
 * Starts `count` copies of server.js and watches them. A copy that ends before it was
 * ready means the server cannot start (a bad setting, a failed migration): the others are
 * stopped and this process exits with its code, as a single server would. One that ends
 * later is replaced. SIGTERM or SIGINT stops every copy (each finishes the requests it
 * has) and exits 0 once they all have, or with the first failing code.
 */
export function superviseProcesses({ count, logger }) {
  const ready = new Set()
  let stopping = false
  let exitCode = 0

  const stop = (signal) => {
    if (stopping) return
    stopping = true
    logger.info({ signal, processes: Object.keys(cluster.workers ?? {}).length }, 'stopping the app processes')
    for (const worker of Object.values(cluster.workers ?? {})) worker.process.kill('SIGTERM')
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  cluster.on('message', (worker, message) => {
    if (message === READY_MESSAGE) ready.add(worker.id)
  })
  cluster.on('exit', (worker, code, signal) => {
    const wasReady = ready.delete(worker.id)
    if (!stopping) {
      if (wasReady) {
        logger.error({ pid: worker.process.pid, code, signal }, 'an app process ended; starting another')
        cluster.fork()
        return
      }
      logger.error({ pid: worker.process.pid, code, signal }, 'an app process could not start; stopping')
      exitCode = code || 1
      stop('start failed')
    }
    if (code && !exitCode) exitCode = code
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode)
  })

  for (let started = 0; started < count; started++) cluster.fork()
  logger.info({ processes: count }, 'starting the app processes')
}
