/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // Our own `#app/…` and `#db/…` imports look like packages to the compiler; bundle them.
  serverDependenciesToBundle: [/^#(app|db)\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    // With it, a fetcher action that finishes while a redirect is still discovering its
    // route makes react-router complete that navigation with the routes it knows, an empty
    // page: so the editor's live preview is a plain fetch, not a fetcher (see
    // app/routes/staff.announcements.preview.ts).
    v3_lazyRouteDiscovery: true,
  },
}
