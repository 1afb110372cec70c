// A throwaway PostgreSQL cluster for tests: its own data directory and a free port,
// never the system cluster on 5432. Starts in a second or two; stop() removes it.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { findPostgresBin } from './system-deps.mjs'

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

const asRoot = process.getuid?.() === 0

/** Runs a Postgres binary, as the postgres user when we are root (initdb refuses root). */
function runPg(bin, args) {
  if (!asRoot) return execFileSync(bin, args, { stdio: 'pipe' })
  return execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' })
}

/**
 * `durable: true` keeps synchronous commit on, for tests that kill the server: without
 * it, a commit already reported may be lost when Postgres stops with -m immediate.
 */
export async function startCluster({ durable = false } = {}) {
  const bin = findPostgresBin()
  if (!bin) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql (run tests/setup/system-deps.mjs)')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-pg-'))
  chmodSync(dir, 0o777)
  const data = path.join(dir, 'data')
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir])
  runPg(`${bin}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'])
  const port = await freePort()
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    `-c synchronous_commit=${durable ? 'on' : 'off'}`,
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ')
  runPg(`${bin}/pg_ctl`, ['-D', data, '-o', options, '-l', path.join(dir, 'postgres.log'), '-w', 'start'])
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`
  return {
    port,
    adminUrl,
    bin,
    /** The server's log (with auto_explain's plans, where a benchmark turns it on). */
    logFile: path.join(dir, 'postgres.log'),
    /** The URL of database `name` on this cluster. */
    urlFor: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    createDatabase: (name) =>
      runPg(`${bin}/psql`, ['-h', dir, '-p', String(port), '-U', 'postgres', '-q', '-c', `create database "${name}"`]),
    stop() {
      try {
        runPg(`${bin}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    /** For reliability tests: stop the server in place, keeping its data… */
    down: (mode = 'fast') => runPg(`${bin}/pg_ctl`, ['-D', data, '-m', mode, '-w', 'stop']),
    /** …and start it again. */
    up: () => runPg(`${bin}/pg_ctl`, ['-D', data, '-o', options, '-l', path.join(dir, 'postgres.log'), '-w', 'start']),
  }
}
