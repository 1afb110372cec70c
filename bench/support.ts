/**
 * What the benchmarks share: a throwaway Postgres, server.js started against it, login
 * cookies for existing accounts, an autocannon run measured per response, and the
 * table and JSON file every benchmark prints and writes.
 */
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createCookie } from '@remix-run/node'
import autocannon from 'autocannon'
import type { Database } from '#db/connect.server.ts'
import { authSessions } from '#db/schema/index.ts'
import { freePort, startCluster } from '#tests/setup/postgres-cluster.mjs'

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
export const SESSION_SECRET = 'bench-secret-0123456789abcdef'

const cleanups: Array<() => void> = []
process.on('exit', () => cleanups.reverse().forEach((cleanup) => cleanup()))

/** A throwaway cluster with one database, stopped when the benchmark exits. */
export async function benchDatabase(name = 'bench') {
  const cluster = await startCluster()
  cleanups.push(() => cluster.stop())
  cluster.createDatabase(name)
  return { cluster, url: cluster.urlFor(name) }
}

/** server.js in production mode on a free port; resolves once /readyz answers. */
export async function startServer(env: Record<string, string>) {
  const port = await freePort()
  const server = spawn(
    process.execPath,
    [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/linli-prof'] : []), 'server.js'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        NODE_ENV: 'production',
        SESSION_SECRET,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  cleanups.push(() => server.kill('SIGTERM'))
  const origin = `http://127.0.0.1:${port}`
  await waitForOk(`${origin}/readyz`, 60_000)
  return { origin, process: server }
}

/** Polls `url` until it answers 200; returns how long that took in ms. */
export async function waitForOk(url: string, timeoutMs: number) {
  const started = performance.now()
  for (;;) {
    if (
      await fetch(url)
        .then((response) => response.ok)
        .catch(() => false)
    )
      return performance.now() - started
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer in time`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Login cookies (as the browser would send them) for existing accounts, by user id. */
export async function loginCookies(db: Database, userIds: number[]) {
  const jar = createCookie('__Host-linli_session', { secrets: [SESSION_SECRET] })
  const tokens = userIds.map(() => randomBytes(32).toString('base64url'))
  for (let start = 0; start < userIds.length; start += 2000) {
    await db.insert(authSessions).values(
      userIds.slice(start, start + 2000).map((userId, index) => ({
        id: createHash('sha256')
          .update(tokens[start + index]!)
          .digest('base64url'),
        userId,
        idleTimeoutSeconds: 86_400,
        absoluteExpiresAt: new Date(Date.now() + 86_400_000),
      })),
    )
  }
  return Promise.all(tokens.map(async (token) => (await jar.serialize(token)).split(';')[0]!))
}

/** The latency below which `share` of the responses came, in ms. */
function percentile(sorted: number[], share: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]! : NaN
}

export interface Run {
  name: string
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  /** Responses with a status other than the one expected. */
  unexpected: number
  errors: number
  total: number
}

/**
 * `CONNECTIONS` clients for `SECONDS`, each request built by `requestFor(index)`;
 * latencies are recorded per response, so p95 is exact.
 */
export async function measure(
  name: string,
  origin: string,
  {
    expectedStatus,
    requestFor,
  }: {
    expectedStatus: number
    requestFor: (index: number) => {
      method?: 'GET' | 'POST'
      path: string
      body?: string
      headers?: Record<string, string>
    }
  },
): Promise<Run> {
  let counter = 0
  const latencies: number[] = []
  let unexpected = 0
  const options: autocannon.Options = {
    url: origin,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (request) => {
          const next = requestFor(counter++)
          return { ...request, method: next.method ?? 'GET', ...next, headers: next.headers ?? {} }
        },
      },
    ],
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)))
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime)
      if (status !== expectedStatus) unexpected++
    })
  })
  latencies.sort((a, b) => a - b)
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    unexpected,
    errors: result.errors,
    total: result.requests.total,
  }
}

/** One row of a results table: the run's figures and its rate against each named ceiling. */
export function tableRow(run: Run, ceilings: Record<string, number>) {
  return {
    'requests/s': run.requestsPerSecond.toFixed(0),
    'p50 ms': Math.round(run.p50),
    'p95 ms': Math.round(run.p95),
    'p99 ms': Math.round(run.p99),
    unexpected: run.unexpected,
    errors: run.errors,
    ...Object.fromEntries(
      Object.entries(ceilings).map(([label, rate]) => [label, `${((run.requestsPerSecond / rate) * 100).toFixed(0)}%`]),
    ),
  }
}

/** Writes bench/results/<name>-<time>.json and returns its path. */
export function writeResult(name: string, result: object) {
  mkdirSync('bench/results', { recursive: true })
  const file = `bench/results/${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
  writeFileSync(
    file,
    JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, ...result }, null, 2),
  )
  return file
}
