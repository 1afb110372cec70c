/**
 * What the benchmarks share: a throwaway Postgres, server.js started against it (see
 * tests/fixtures/app-process.ts), an autocannon run measured per response, and the
 * table and JSON file every benchmark prints and writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import autocannon from 'autocannon'
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import { connectDatabase } from '#db/connect.server.ts'
import { centres, services, slots, users } from '#db/schema/index.ts'
import { loginCookies, startApp } from '#tests/fixtures/app-process.ts'
import { startCluster } from '#tests/setup/postgres-cluster.mjs'

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
/**
 * Before each measured run, the same requests for this long, not counted: the figures are
 * those of a server that has been up a while, not of one still compiling its code.
 */
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 15)
/** How many copies of the server the throughput benchmarks run (APP_PROCESSES): one per core. */
export const APP_PROCESSES = Number(process.env.BENCH_APP_PROCESSES ?? os.cpus().length)

const cleanups: Array<() => void> = []
process.on('exit', () => cleanups.reverse().forEach((cleanup) => cleanup()))

/** A throwaway cluster with one database, stopped when the benchmark exits. */
export async function benchDatabase(name = 'bench') {
  const cluster = await startCluster()
  cleanups.push(() => cluster.stop())
  cluster.createDatabase(name)
  return { cluster, url: cluster.urlFor(name) }
}

/**
 * The young generation the README advises for production: a request makes a lot of
 * short-lived garbage, and 64 MB semi-spaces (16 MB by default) collect it less often.
 */
const SERVER_NODE_OPTIONS = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '--max-semi-space-size=64')
  .split(' ')
  .filter(Boolean)

/** server.js in production mode against `env`, stopped when the benchmark exits. */
export async function startServer(env: Record<string, string>) {
  const app = await startApp({
    env: { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', ...env },
    nodeOptions: [
      ...SERVER_NODE_OPTIONS,
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/linli-prof'] : []),
    ],
  })
  cleanups.push(() => app.process.kill('SIGTERM'))
  return app
}

export interface BenchPage {
  name: string
  path: string
  /** The session cookie of the person the page is for; none for an anonymous visitor. */
  cookie?: string
  /** A resident page, held to the resident pages' targets. */
  resident: boolean
}

/**
 * The pages the benchmarks measure, on a database seeded with the demo district (alone,
 * or grown by the large seed): the resident pages and the operator's console, with the
 * demo's resident and operator logged in and the first centre's busiest service.
 */
export async function benchPages(databaseUrl: string): Promise<BenchPage[]> {
  const { db, close } = connectDatabase({ databaseUrl, dataDir: 'unused' })
  try {
    const accounts = await db
      .select({ id: users.id, phone: users.phone })
      .from(users)
      .where(inArray(users.phone, ['13800000001', '13800000002']))
    const idOf = (phone: string) => accounts.find((account) => account.phone === phone)!.id
    const [residentCookie, operatorCookie] = await loginCookies(db, [idOf('13800000001'), idOf('13800000002')])
    const [busiest] = await db
      .select({ centre: centres.slug, service: services.slug })
      .from(services)
      .innerJoin(centres, eq(centres.id, services.centreId))
      .innerJoin(slots, eq(slots.serviceId, services.id))
      .where(and(eq(centres.slug, 'wangjiang'), gt(slots.startsAt, new Date())))
      .groupBy(centres.slug, services.slug)
      .orderBy(desc(sql`count(*)`))
      .limit(1)
    return [
      { name: 'home', path: '/', resident: true },
      { name: 'centre page', path: '/centres/wangjiang', resident: true },
      {
        name: 'service page with slots',
        path: `/centres/${busiest!.centre}/services/${busiest!.service}`,
        resident: true,
      },
      { name: 'category list', path: '/categories/fitness', resident: true },
      { name: 'search', path: `/search?q=${encodeURIComponent('太极')}`, resident: true },
      { name: 'my bookings (logged in)', path: '/bookings', cookie: residentCookie, resident: true },
      {
        name: 'operator console (logged in)',
        path: '/operator/centres/wangjiang',
        cookie: operatorCookie,
        resident: false,
      },
    ]
  } finally {
    await close()
  }
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
 * `CONNECTIONS` clients for `SECONDS`, each request built by `requestFor(index)`, after
 * `WARMUP_SECONDS` of the same (the index runs on, so no request repeats one); latencies
 * are recorded per response, so p95 is exact.
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
  const run = (duration: number, onResponse: (status: number, responseTime: number) => void) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const options: autocannon.Options = {
        url: origin,
        connections: CONNECTIONS,
        duration,
        requests: [
          {
            setupRequest: (request) => {
              const next = requestFor(counter++)
              return { ...request, method: next.method ?? 'GET', ...next, headers: next.headers ?? {} }
            },
          },
        ],
      }
      const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)))
      instance.on('response', (_client, status, _bytes, responseTime) => onResponse(status, responseTime))
    })
  if (WARMUP_SECONDS > 0) await run(WARMUP_SECONDS, () => {})
  const result = await run(SECONDS, (status, responseTime) => {
    latencies.push(responseTime)
    if (status !== expectedStatus) unexpected++
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
    JSON.stringify(
      {
        at: new Date().toISOString(),
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        connections: CONNECTIONS,
        ...result,
      },
      null,
      2,
    ),
  )
  return file
}
