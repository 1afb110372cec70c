import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { defaultLanguage, isLanguage, supportedLanguages, type Language } from '#app/i18n.ts'
import { resources } from './locales.server.ts'
import type { Translate } from './translate.ts'
import { Translations } from './use-translation.tsx'

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
const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage: defaultLanguage,
    cookie: languageCookie,
    searchParamKey: 'lng',
    order: ['searchParams', 'cookie', 'header'],
  },
})

/**
 * Every translation of every language, for rendering React with (entry.server.tsx) and
 * for loaders and jobs (getFixedT). The messages are read once when the server starts.
 */
export const serverTranslations = new Translations()
for (const language of supportedLanguages) {
  for (const [namespace, messages] of Object.entries(resources[language])) {
    serverTranslations.add(language, namespace, messages)
  }
}

// A request's language is worked out once, however many loaders ask for it.
const languages = new WeakMap<Request, Promise<Language>>()

/** The reader's language for this request, as one of ours. */
export function getLanguage(request: Request): Promise<Language> {
  let language = languages.get(request)
  if (!language) {
    language = detector.getLocale(request).then((locale) => (isLanguage(locale) ? locale : defaultLanguage))
    languages.set(request, language)
  }
  return language
}

/** A translation function for a request's language (or a given one) and a namespace. */
async function getFixedT(requestOrLanguage: Request | string, namespace: string): Promise<Translate> {
  const language =
    typeof requestOrLanguage === 'string'
      ? isLanguage(requestOrLanguage)
        ? requestOrLanguage
        : defaultLanguage
      : await getLanguage(requestOrLanguage)
  return serverTranslations.translator(language, namespace)
}

const i18next = { getLocale: getLanguage, getFixedT }

export default i18next
