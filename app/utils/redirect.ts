/**
 * A redirect target that stays on this site: a relative path starting with a single
 * "/", or the fallback. Guards every `redirectTo` a request can carry.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (
    typeof target !== 'string' ||
    target.length > 2000 ||
    !target.startsWith('/') ||
    target.startsWith('//') ||
    target.startsWith('/\\')
  ) {
    return fallback
  }
  try {
    const url = new URL(target, 'http://linli.invalid')
    if (url.origin !== 'http://linli.invalid') return fallback
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return fallback
  }
}
