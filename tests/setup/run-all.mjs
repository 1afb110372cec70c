// `npm test`: every check, in the order that fails fastest. Installs what the tests need
// on a fresh machine, then typecheck, lint, build, vitest and Playwright against a
// throwaway PostgreSQL cluster.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { runCommand, withPostgres } from './with-postgres.mjs'
import { ensureSystemDeps } from './system-deps.mjs'

const started = performance.now()
const step = async (name, command, args, env, afterwards = () => {}) => {
  const stepStarted = performance.now()
  console.log(`\n▶ ${name}`)
  const code = await runCommand(command, args, env)
  afterwards()
  console.log(`${code === 0 ? '✓' : '✗'} ${name} (${((performance.now() - stepStarted) / 1000).toFixed(1)} s)`)
  if (code !== 0) {
    console.error(`\nnpm test failed at: ${name}`)
    process.exit(code)
  }
}

ensureSystemDeps()
await step('typecheck', 'npx', ['tsc', '--noEmit'])
await step('lint', 'npm', ['run', '--silent', 'lint'])
await step('build', 'npx', ['remix', 'build'], { VITE_CJS_IGNORE_WARNING: 'true' })
await withPostgres(async (env) => {
  await step('unit and integration tests (vitest)', 'npx', ['vitest', 'run'], env)
  await step('end-to-end tests (playwright)', 'npx', ['playwright', 'test'], env, printPageSnapshots)
})
console.log(`\nnpm test passed in ${((performance.now() - started) / 1000).toFixed(0)} s`)

/**
 * What the page showed when a Playwright test failed (its accessibility snapshot), for
 * every failed attempt, including one that passed when retried: a CI log is all there is
 * to go on afterwards.
 */
function printPageSnapshots() {
  let files = []
  try {
    files = readdirSync('test-results', { recursive: true }).filter(
      (file) => path.basename(file) === 'error-context.md',
    )
  } catch {
    return
  }
  for (const file of files) {
    const lines = readFileSync(path.join('test-results', file), 'utf8').split('\n')
    console.log(`\n── ${file} ──\n${lines.slice(0, 120).join('\n')}${lines.length > 120 ? '\n…' : ''}`)
  }
}
