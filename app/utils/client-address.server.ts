import type { AppLoadContext } from '@remix-run/node'

/**
 * The client's address as server/http.js saw it (Express's req.ip, which honours
 * X-Forwarded-For only when TRUST_PROXY says a proxy is in front).
 */
export function clientAddress(context: AppLoadContext): string {
  return typeof context.clientAddress === 'string' ? context.clientAddress : 'unknown'
}
