// Linli's server: `node server.js` after `npm run build`. It serves from this process, or,
// with APP_PROCESSES above 1 and a PostgreSQL server, from that many copies of itself
// sharing the port (server/processes.js). The embedded database belongs to one process.
import cluster from 'node:cluster'
import { superviseProcesses } from './server/processes.js'

const build = await import('./build/index.js')
const { env, logger } = build.entry.module

if (cluster.isPrimary && env.APP_PROCESSES > 1 && env.DATABASE_URL) {
  superviseProcesses({ count: env.APP_PROCESSES, logger })
} else {
  if (cluster.isPrimary && env.APP_PROCESSES > 1) {
    logger.warn({ processes: env.APP_PROCESSES }, 'APP_PROCESSES needs DATABASE_URL; the embedded database runs one')
  }
  await import('./server/http.js')
}
