/** i18next settings shared by the server and the browser. */
export const supportedLanguages = ['zh-CN', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const defaultLanguage: Language = 'zh-CN'

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language)
}

export default {
  supportedLngs: [...supportedLanguages],
  fallbackLng: defaultLanguage,
  defaultNS: 'common',
  // Remix renders on the server first; Suspense would only delay the HTML.
  react: { useSuspense: false },
  interpolation: { escapeValue: false },
}
