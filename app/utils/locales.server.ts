import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Resource } from 'i18next'
import { supportedLanguages } from '#app/i18n.ts'

/**
 * Every translation, read from public/locales once when the server starts (the browser
 * fetches the same files). Each request's i18next instance uses these instead of
 * reading and parsing the files again.
 */
export const resources: Resource = Object.fromEntries(
  supportedLanguages.map((language) => {
    const directory = path.resolve('public/locales', language)
    const namespaces = readdirSync(directory)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [path.basename(file, '.json'), JSON.parse(readFileSync(path.join(directory, file), 'utf8'))])
    return [language, Object.fromEntries(namespaces)]
  }),
)
