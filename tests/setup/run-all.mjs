// `npm test`: every check, in the order that fails fastest. Installs what the tests need
// on a fresh machine, then typecheck, lint, build, vitest and Playwright against a
// throwaway PostgreSQL cluster.
import { runCommand, withPostgres } from './with-postgres.mjs'
import { ensureSystemDeps } from './system-deps.mjs'

const started = performance.now()
const step = async (name, command, args, env) => {
  const stepStarted = performance.now()
  console.log(`\n▶ ${name}`)
  const code = await runCommand(command, args, env)
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
  await step('end-to-end tests (playwright)', 'npx', ['playwright', 'test'], env)
})
console.log(`\nnpm test passed in ${((performance.now() - started) / 1000).toFixed(0)} s`)
