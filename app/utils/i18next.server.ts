import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import i18n, { defaultLanguage, isLanguage, supportedLanguages, type Language } from '#app/i18n.ts'
import { resources } from './locales.server.ts'

/**
 * The reader's chosen language, set by the switcher (a POST to /language). A preference,
 * not a secret, so it also works on plain-http demo installs.
 */
export const languageCookie = createCookie('lng', {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  maxAge: 60 * 60 * 24 * 365,
})

// Language comes from ?lng, then the cookie, then Accept-Language.
const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage: i18n.fallbackLng,
    cookie: languageCookie,
    searchParamKey: 'lng',
    order: ['searchParams', 'cookie', 'header'],
  },
  i18next: { ...i18n, resources },
})

export default i18next

/** The reader's language for this request, as one of ours. */
export async function getLanguage(request: Request): Promise<Language> {
  const locale = await i18next.getLocale(request)
  return isLanguage(locale) ? locale : defaultLanguage
}
