import { isReady } from '#app/models/health.server.ts'

// Readiness: this process has migrated the database and it answers `select 1`. Load
// balancers send traffic only when it does.
export async function loader() {
  const ready = await isReady()
  return new Response(ready ? 'ready' : 'database unavailable', {
    status: ready ? 200 : 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
