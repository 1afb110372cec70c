import '@remix-run/node'

declare module '@remix-run/node' {
  // Single fetch: loaders' types keep Dates and other values turbo-stream carries.
  interface Future {
    v3_singleFetch: true
  }
  // What server/http.js passes to every loader and action.
  interface AppLoadContext {
    requestId?: string
    clientAddress?: string
    cspNonce?: string
  }
}
