import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'

// Any address no other route claims: a translated 404 that helps the reader on.
export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
