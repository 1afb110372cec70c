import { invariantResponse } from './invariant.ts'

/** A positive whole-number id from the address; anything else is a plain 404, never a 500. */
export function idParam(value: string | undefined): number {
  const id = Number(value)
  invariantResponse(/^\d{1,9}$/.test(value ?? '') && id > 0, 'Not found', { status: 404 })
  return id
}

/** `?done=…` after a post/redirect/get, when it is one of the page's known outcomes. */
export function doneParam<T extends string>(request: Request, known: readonly T[]): T | null {
  const done = new URL(request.url).searchParams.get('done')
  return known.includes(done as T) ? (done as T) : null
}
