import { createInstance } from 'i18next'
import { describe, expect, test } from 'vitest'
import { supportedLanguages } from '#app/i18n.ts'
import { serverTranslations as store } from './i18next.server.ts'
import { resources } from './locales.server.ts'
import type { Messages } from './translate.ts'
import { Translations } from './use-translation.tsx'

function keys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  )
}

describe('translate: what i18next gave for every message of ours', () => {
  // i18next rendered the pages until it proved too large for the browser; every message
  // must read the same through our translate as it did through i18next.
  test.each(supportedLanguages)('%s', async (language) => {
    const i18next = createInstance()
    await i18next.init({
      lng: language,
      fallbackLng: false,
      resources,
      ns: Object.keys(resources[language]),
      interpolation: { escapeValue: false },
    })
    let compared = 0
    for (const [namespace, messages] of Object.entries(resources[language])) {
      const ours = store.translator(language, namespace)
      const theirs = i18next.getFixedT(language, namespace)
      const bases = new Set(keys(messages).map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')))
      const names = [...JSON.stringify(messages).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!)
      const values = Object.fromEntries(names.map((name) => [name, `‹${name}›`]))
      for (const key of bases) {
        for (const options of [
          undefined,
          values,
          { ...values, count: 0 },
          { ...values, count: 1 },
          { ...values, count: 7 },
        ]) {
          expect(ours(key, options), `${language} ${namespace}:${key} ${JSON.stringify(options)}`).toBe(
            theirs(key, options),
          )
          compared++
        }
        expect(ours(`${namespace}:${key}`, values)).toBe(theirs(`${namespace}:${key}`, values))
      }
    }
    expect(compared).toBeGreaterThan(2000)
  })
})

describe('translate', () => {
  const zh = store.translator('zh-CN', 'common')
  const en = store.translator('en', 'common')

  test('English picks the plural form by count; Chinese has one', () => {
    expect(en('nav.notificationsUnread', { count: 1 })).not.toBe(en('nav.notificationsUnread', { count: 2 }))
    expect(en('nav.notificationsUnread', { count: 2 })).toContain('2')
    expect(zh('nav.notificationsUnread', { count: 1 })).toContain('1')
  })

  test('another namespace by prefix or by option; a gap shows its key or the default', () => {
    expect(zh('booking:confirmation.title')).toBe(store.translator('zh-CN', 'booking')('confirmation.title'))
    expect(zh('confirmation.title', { ns: 'booking' })).toBe(zh('booking:confirmation.title'))
    expect(zh('booking:confirmation.title')).not.toBe('confirmation.title')
    expect(zh('no.such.key')).toBe('no.such.key')
    expect(zh('booking:no.such.key')).toBe('no.such.key')
    expect(zh('no.such.key', { defaultValue: '默认' })).toBe('默认')
  })

  test('the same function each time, so React need not render again', () => {
    expect(store.translator('en', 'common')).toBe(en)
  })
})

describe('Translations in the browser', () => {
  test('a namespace is fetched once however many components wait for it, and then is there', async () => {
    const fetched: string[] = []
    const translations = new Translations(async (language, namespace) => {
      fetched.push(`${language}/${namespace}`)
      return { greeting: `${namespace} {{name}}` }
    })
    const first = translations.load('en', ['common', 'feedback'])
    const second = translations.load('en', ['feedback'])
    expect(first).toBeInstanceOf(Promise)
    expect(second).toBeInstanceOf(Promise)
    await Promise.all([first, second])
    expect(fetched.sort()).toEqual(['en/common', 'en/feedback'])
    expect(translations.load('en', ['common', 'feedback'])).toBeUndefined()
    expect(translations.translator('en', 'feedback')('greeting', { name: 'Li' })).toBe('feedback Li')
    // Another language is another fetch.
    await translations.load('zh-CN', ['feedback'])
    expect(fetched).toContain('zh-CN/feedback')
  })

  test('a namespace that cannot be fetched shows its keys rather than waiting for ever', async () => {
    const translations = new Translations(async () => {
      throw new Error('offline')
    })
    await translations.load('en', ['booking'])
    expect(translations.load('en', ['booking'])).toBeUndefined()
    expect(translations.translator('en', 'booking')('confirmation.title')).toBe('confirmation.title')
  })
})
