// Runs a command with a throwaway PostgreSQL cluster: `node tests/setup/with-postgres.mjs vitest run`.
// The command sees TEST_DATABASE_ADMIN_URL (the cluster), DATABASE_URL (database linli_test)
// and E2E_DATABASE_URL (database linli_e2e).
import { spawn } from 'node:child_process'
import { startCluster } from './postgres-cluster.mjs'
import { ensureSystemDeps } from './system-deps.mjs'

export async function withPostgres(run) {
  ensureSystemDeps()
  const cluster = await startCluster()
  const stop = () => cluster.stop()
  process.on('exit', stop)
  try {
    cluster.createDatabase('linli_test')
    cluster.createDatabase('linli_e2e')
    return await run({
      TEST_DATABASE_ADMIN_URL: cluster.adminUrl,
      DATABASE_URL: cluster.urlFor('linli_test'),
      E2E_DATABASE_URL: cluster.urlFor('linli_e2e'),
    })
  } finally {
    process.off('exit', stop)
    stop()
  }
}

/** Runs `command args…` with extra environment; resolves to its exit code. */
export function runCommand(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...args] = process.argv.slice(2)
  if (!command) {
    console.error('usage: node tests/setup/with-postgres.mjs COMMAND [ARGS…]')
    process.exit(2)
  }
  const code = await withPostgres((env) => runCommand('npx', [command, ...args], env))
  process.exit(code)
}
