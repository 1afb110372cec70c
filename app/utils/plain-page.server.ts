import { supportedLanguages } from '#app/i18n.ts'
import { resources } from './locales.server.ts'

/**
 * Pages for when the app itself cannot render one: a request refused before routing, or
 * the database out of reach (the site's layout needs it). Both languages on one page,
 * from the locale files, with no script and no database.
 */
type Kind = 'forbidden' | 'badRequest' | 'unavailable'

interface ErrorTexts {
  error: Record<Kind, { title: string; body: string }> & { links: { home: string } }
}

const texts = supportedLanguages.map((code) => ({
  code,
  error: (resources[code]!.common as unknown as ErrorTexts).error,
}))

// Text and double-quoted attribute values only: an apostrophe may stay as it is.
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`)

const pages = new Map<Kind, string>()

export function plainPage(kind: Kind): string {
  let page = pages.get(kind)
  if (!page) {
    const sections = texts.map(
      ({ code, error }) =>
        `<section lang="${code}"><h1>${escapeHtml(error[kind].title)}</h1><p>${escapeHtml(error[kind].body)}</p><p><a href="/">${escapeHtml(error.links.home)}</a></p></section>`,
    )
    // While the service is unavailable the page tries again by itself every 10 seconds.
    const refresh = kind === 'unavailable' ? '<meta http-equiv="refresh" content="10">' : ''
    page = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}<title>Linli 邻里</title></head><body>${sections.join('')}</body></html>`
    pages.set(kind, page)
  }
  return page
}

/** The 503 a request gets while the database is out of reach. */
export function unavailableResponse() {
  return new Response(plainPage('unavailable'), {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '10', 'Cache-Control': 'no-store' },
  })
}
