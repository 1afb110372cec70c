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
  // Our languages are exact codes ("zh-CN", "en"): look up only those, never "zh" as well.
  // (Every t() call walks the fallback chain; a page with a long schedule makes thousands.)
  load: 'currentOnly' as const,
  // Remix renders on the server first; Suspense would only delay the HTML.
  react: { useSuspense: false },
  interpolation: { escapeValue: false },
}
