import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { supportedLanguages } from '#app/i18n.ts'

const localesDir = path.resolve('public/locales')
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  )
}

function keysOf(language: string, namespace: string) {
  const tree = JSON.parse(readFileSync(path.join(localesDir, language, `${namespace}.json`), 'utf8')) as Tree
  // Languages pluralise differently (Chinese has one form, English two), so compare bases.
  return new Set(flatten(tree).map((key) => key.replace(PLURAL_SUFFIX, '')))
}

const namespaces = readdirSync(path.join(localesDir, 'zh-CN')).map((file) => file.replace(/\.json$/, ''))

describe('locale files', () => {
  test('every language has the same namespaces', () => {
    for (const language of supportedLanguages) {
      expect(readdirSync(path.join(localesDir, language)).sort()).toEqual(namespaces.map((ns) => `${ns}.json`).sort())
    }
  })

  test.each(namespaces)('zh-CN and en have the same keys in %s', (namespace) => {
    expect([...keysOf('en', namespace)].sort()).toEqual([...keysOf('zh-CN', namespace)].sort())
  })

  test('every literal t("…") key used in app/ exists in both languages', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name)
        if (statSync(file).isDirectory()) walk(file)
        else if (/\.tsx?$/.test(name)) files.push(file)
      }
    }
    walk(path.resolve('app'))
    const used = new Set<string>()
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(match[1]!)
    }
    expect(used.size).toBeGreaterThan(50)
    for (const language of supportedLanguages) {
      const known = new Set(namespaces.flatMap((namespace) => [...keysOf(language, namespace)]))
      const missing = [...used].filter((key) => !known.has(key))
      expect(missing, `keys missing in ${language}`).toEqual([])
    }
  })
})
