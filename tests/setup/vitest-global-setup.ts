import type { TestProject } from 'vitest/node'
import { startCluster } from './postgres-cluster.mjs'

/**
 * Vitest needs a PostgreSQL cluster. Under `npm test` the wrapper already started one
 * and set TEST_DATABASE_ADMIN_URL; run alone (`npx vitest`), this starts its own.
 */
export default async function setup(project: TestProject) {
  let stop: (() => void) | undefined
  if (!process.env.TEST_DATABASE_ADMIN_URL) {
    const cluster = await startCluster()
    process.env.TEST_DATABASE_ADMIN_URL = cluster.adminUrl
    stop = () => cluster.stop()
  }
  project.provide('adminUrl', process.env.TEST_DATABASE_ADMIN_URL)
  return () => stop?.()
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string
  }
}
