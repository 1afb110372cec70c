import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { supportedLanguages, type Language } from '#app/i18n.ts'
import type { Catalogue } from './translate.ts'

/**
 * Every translation, read from public/locales once when the server starts (the browser
 * fetches the same files).
 */
export const resources = Object.fromEntries(
  supportedLanguages.map((language) => {
    const directory = path.resolve('public/locales', language)
    const namespaces = readdirSync(directory)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [path.basename(file, '.json'), JSON.parse(readFileSync(path.join(directory, file), 'utf8'))])
    return [language, Object.fromEntries(namespaces) as Catalogue]
  }),
) as Record<Language, Catalogue>
