/** The interface languages: Simplified Chinese first, and English. */
export const supportedLanguages = ['zh-CN', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const defaultLanguage: Language = 'zh-CN'

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language)
}
