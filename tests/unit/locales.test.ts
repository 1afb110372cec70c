import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
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

  // The browser fetches a page's namespaces as its routes declare them (handle.i18n, read
  // by usePageNamespaces) before showing it; a component using one no route declared
  // would show its keys, or wait, when it appears.
  test("every namespace a route's page uses is declared in its handle or the root's", () => {
    const declared = (file: string) => {
      const handle =
        /export const handle = \{ i18n: (\[[^\]]*\]|'[^']*') \}/.exec(readFileSync(file, 'utf8'))?.[1] ?? ''
      return [...handle.matchAll(/'([\w-]+)'/g)].map((match) => match[1]!)
    }
    const used = (file: string, seen: Set<string>): string[] => {
      if (seen.has(file)) return []
      seen.add(file)
      const source = readFileSync(file, 'utf8')
      const own = [
        ...[...source.matchAll(/useTranslation\(([^)]*)\)/g)].flatMap((match) =>
          match[1]!.trim() ? [...match[1]!.matchAll(/'([\w-]+)'/g)].map((name) => name[1]!) : ['common'],
        ),
        ...[...source.matchAll(/\bt\(\s*[`'"]([\w-]+):/g)].map((match) => match[1]!),
      ]
      const components = [...source.matchAll(/from '(?:#app\/|\.\.?\/)((?:components\/)?[\w.-]+\.tsx)'/g)]
        .map((match) => path.resolve('app/components', path.basename(match[1]!)))
        .filter((component) => existsSync(component))
      return [...own, ...components.flatMap((component) => used(component, seen))]
    }
    const root = declared('app/root.tsx')
    expect(root).toContain('common')
    const routes = readdirSync('app/routes').map((name) => path.join('app/routes', name))
    const gaps = routes.flatMap((route) => {
      const known = new Set([...root, ...declared(route)])
      return [...new Set(used(route, new Set()))]
        .filter((namespace) => !known.has(namespace))
        .map((ns) => `${route}: ${ns}`)
    })
    expect(routes.length).toBeGreaterThan(50)
    expect(gaps).toEqual([])
  })
})
