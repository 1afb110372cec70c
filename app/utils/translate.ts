import type { Language } from '#app/i18n.ts'

/**
 * Linli's translation function, the same on the server and in the browser. It reads the
 * locale files (public/locales/<language>/<namespace>.json) the way i18next does for the
 * parts of i18next they use, and is small enough to ship to every resident's phone:
 *
 * - `t('nav.search')` in the namespace it was made for, `t('booking:confirmation.title')`
 *   or `t('confirmation.title', { ns: 'booking' })` in another;
 * - `{{name}}` is replaced by the option of that name (a missing one is left as it is,
 *   `null` by nothing);
 * - with a numeric `count`, `key_one`, `key_other` and so on are chosen by the language's
 *   plural rules, falling back to `key`;
 * - a key with no message gives `defaultValue`, or else the key itself, so a gap shows.
 */
export type Translate = (key: string, options?: TranslateOptions) => string

export interface TranslateOptions {
  count?: number
  ns?: string
  defaultValue?: string
  [name: string]: unknown
}

/** A namespace's messages as its locale file holds them: nested objects of strings. */
export interface Messages {
  [key: string]: string | Messages
}

/** One language's namespaces, by name. */
export type Catalogue = Record<string, Messages>

/** Where a translation function finds its messages: each namespace flattened once. */
export class MessageStore {
  private readonly flat = new Map<string, Map<string, string>>()
  private readonly translators = new Map<string, Translate>()

  /** Adds (or replaces) a namespace of one language. */
  add(language: Language, namespace: string, messages: Messages) {
    const table = new Map<string, string>()
    flatten(messages, '', table)
    this.flat.set(`${language}:${namespace}`, table)
  }

  has(language: Language, namespace: string) {
    return this.flat.has(`${language}:${namespace}`)
  }

  /** The translation function for a language and namespace; the same one each time. */
  translator(language: Language, namespace: string): Translate {
    const id = `${language}:${namespace}`
    let t = this.translators.get(id)
    if (!t) {
      t = makeTranslate(language, namespace, this.flat)
      this.translators.set(id, t)
    }
    return t
  }
}

function flatten(messages: Messages, prefix: string, into: Map<string, string>) {
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') into.set(prefix + key, value)
    else flatten(value, `${prefix}${key}.`, into)
  }
}

const pluralRules = new Map<Language, Intl.PluralRules>()

function makeTranslate(language: Language, namespace: string, flat: Map<string, Map<string, string>>): Translate {
  let rules = pluralRules.get(language)
  if (!rules) {
    rules = new Intl.PluralRules(language)
    pluralRules.set(language, rules)
  }
  const plural = rules
  return function t(key, options) {
    const colon = key.indexOf(':')
    const ns = colon > 0 ? key.slice(0, colon) : (options?.ns ?? namespace)
    const path = colon > 0 ? key.slice(colon + 1) : key
    const table = flat.get(`${language}:${ns}`)
    const count = options?.count
    let message = typeof count === 'number' ? table?.get(`${path}_${plural.select(count)}`) : undefined
    message ??= table?.get(path) ?? options?.defaultValue
    if (message === undefined) return path
    return options && message.includes('{{') ? interpolate(message, options) : message
  }
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g

function interpolate(message: string, values: TranslateOptions) {
  return message.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = values[name]
    return value === undefined ? placeholder : String(value ?? '')
  })
}
