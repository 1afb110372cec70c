// Makes sure the machine has what the tests drive: Debian's chromium and a PostgreSQL
// server. On a fresh Debian machine as root it installs them; elsewhere it says what's missing.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The newest PostgreSQL server binaries on this machine, or null. */
export function findPostgresBin() {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((name) => existsSync(`${root}/${name}/bin/initdb`) && existsSync(`${root}/${name}/bin/pg_ctl`))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length > 0 ? `${root}/${versions[0]}/bin` : null
}

export function ensureSystemDeps() {
  const missing = []
  if (!existsSync(CHROMIUM)) missing.push('chromium')
  if (!findPostgresBin()) missing.push('postgresql')
  if (missing.length === 0) return
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The tests need Debian packages that are missing: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    )
  }
  console.log(`Installing ${missing.join(', ')} from Debian's packages (a minute or two, once per machine)…`)
  const options = { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }
  execFileSync('apt-get', ['update', '-qq'], options)
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], options)
  if (!existsSync(CHROMIUM) || !findPostgresBin())
    throw new Error(`Installing ${missing.join(', ')} did not provide them`)
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemDeps()
