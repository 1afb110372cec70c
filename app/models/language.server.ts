import type { Column } from 'drizzle-orm'
import { sql } from 'drizzle-orm'
import { supportedLanguages, type Language } from '#app/i18n.ts'

/** The column holding content in the reader's language (content is stored in both). */
export function inLanguage(lang: Language, zh: Column, en: Column) {
  return sql<string>`${lang === 'en' ? en : zh}`
}

/**
 * For content whose English is optional (announcements): the English when there is
 * some, else the Chinese. Pair it with `languageOf` so the page can mark the language.
 */
export function inLanguageOrChinese(lang: Language, zh: Column, en: Column) {
  return lang === 'en' ? sql<string>`coalesce(nullif(${en}, ''), ${zh})` : sql<string>`${zh}`
}

export function languageOf(lang: Language, en: Column) {
  return lang === 'en'
    ? sql<Language>`case when nullif(${en}, '') is null then 'zh-CN' else 'en' end`
    : sql<Language>`'zh-CN'`
}

/** One of something for each interface language, made once (e.g. statements that select by language). */
export function perLanguage<T>(make: (lang: Language) => T): Record<Language, T> {
  return Object.fromEntries(supportedLanguages.map((lang) => [lang, make(lang)])) as Record<Language, T>
}
