import '@remix-run/node'

// Single fetch: loaders' types keep Dates and other values turbo-stream carries.
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}
