import { createCookie } from '@remix-run/node'
import { createInstance, type FlatNamespace, type i18n as I18n, type TFunction } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { RemixI18Next } from 'remix-i18next/server'
import settings, { defaultLanguage, isLanguage, supportedLanguages, type Language } from '#app/i18n.ts'
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
const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage: settings.fallbackLng,
    cookie: languageCookie,
    searchParamKey: 'lng',
    order: ['searchParams', 'cookie', 'header'],
  },
})

/**
 * One i18next instance per language, made once when the server starts with every
 * namespace (the translations are already in memory) and shared by all requests: each
 * is fixed to its language and nothing changes it afterwards. Making an instance per
 * request, as remix-i18next does, cost a page more than its React render.
 */
const instances = Object.fromEntries(
  supportedLanguages.map((language) => {
    const instance = createInstance()
    void instance.use(initReactI18next).init({
      ...settings,
      lng: language,
      ns: Object.keys(resources[language] ?? {}),
      resources,
      // The resources are given, so initialising needs nothing asynchronous.
      initImmediate: false,
    })
    return [language, instance]
  }),
) as Record<Language, I18n>

/** The shared instance for a language, for rendering React with. */
export function i18nFor(language: Language): I18n {
  return instances[language]
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
async function getFixedT<Ns extends FlatNamespace>(requestOrLanguage: Request | string, namespace: Ns) {
  const language =
    typeof requestOrLanguage === 'string'
      ? isLanguage(requestOrLanguage)
        ? requestOrLanguage
        : defaultLanguage
      : await getLanguage(requestOrLanguage)
  return instances[language].getFixedT(language, namespace) as TFunction<Ns>
}

const i18next = { getLocale: getLanguage, getFixedT }

export default i18next
