/** Throws a Response (404 by default) when `condition` is falsy; the route's ErrorBoundary shows it. */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 404 },
): asserts condition {
  if (!condition) throw new Response(message, { status: 404, ...init })
}
