// Liveness: the process answers. Touches no database, so a database outage doesn't restart it.
export function loader() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
}
