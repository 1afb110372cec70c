import { useMatches, useRouteLoaderData } from '@remix-run/react'
import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { isLanguage, type Language } from '#app/i18n.ts'
import { MessageStore, type Messages, type Translate } from './translate.ts'

export type { Translate } from './translate.ts'

/**
 * The translations React renders with. On the server every namespace of every language is
 * in the store from the start. In the browser the store starts with what the first page
 * needs (entry.client.tsx) and fetches a namespace the first time a page needs it: the
 * component waits (suspends) meanwhile, and as the router renders new pages in a React
 * transition, the page on screen stays until the new one can be shown in full.
 */
export class Translations {
  private readonly store = new MessageStore()
  private readonly loading = new Map<string, Promise<void>>()

  constructor(private readonly fetchMessages?: (language: Language, namespace: string) => Promise<Messages>) {}

  add(language: Language, namespace: string, messages: Messages) {
    this.store.add(language, namespace, messages)
  }

  /** Resolves once every namespace is here; undefined if they already are. */
  load(language: Language, namespaces: readonly string[]): Promise<void> | undefined {
    const missing = namespaces.filter((namespace) => !this.store.has(language, namespace))
    if (missing.length === 0 || !this.fetchMessages) return undefined
    return Promise.all(missing.map((namespace) => this.loadOne(language, namespace))).then(() => undefined)
  }

  private loadOne(language: Language, namespace: string) {
    const id = `${language}:${namespace}`
    let pending = this.loading.get(id)
    if (!pending) {
      pending = this.fetchMessages!(language, namespace)
        // Without its file a page shows its keys rather than nothing at all.
        .catch(() => ({}))
        .then((messages) => {
          this.store.add(language, namespace, messages)
          this.loading.delete(id)
        })
      this.loading.set(id, pending)
    }
    return pending
  }

  translator(language: Language, namespace: string): Translate {
    return this.store.translator(language, namespace)
  }
}

const TranslationsContext = createContext<{ translations: Translations; language: Language } | null>(null)

/**
 * Gives the page its translations. `language` is the one the page was rendered in, used
 * where the root loader's choice is not there (an error before it ran).
 */
export function TranslationsProvider({
  translations,
  language,
  children,
}: {
  translations: Translations
  language: Language
  children: ReactNode
}) {
  const value = useMemo(() => ({ translations, language }), [translations, language])
  return <TranslationsContext.Provider value={value}>{children}</TranslationsContext.Provider>
}

/**
 * `t` for the first of the namespaces (`common` if none is given), in the language the root
 * loader chose, and that language as `i18n.language`. Other namespaces are reached with a
 * prefix: `t('feedback:form.submit')`.
 */
export function useTranslation(namespaces: string | readonly string[] = 'common') {
  const context = useContext(TranslationsContext)
  if (!context) throw new Error('useTranslation needs a TranslationsProvider above it')
  const { translations } = context
  const root = useRouteLoaderData('root') as { locale?: unknown } | undefined
  const language = isLanguage(root?.locale) ? root.locale : context.language
  const list = typeof namespaces === 'string' ? [namespaces] : namespaces
  const pending = translations.load(language, list)
  if (pending) throw pending
  return { t: translations.translator(language, list[0] ?? 'common'), i18n: { language } }
}

/** The namespaces a route declares it needs: `export const handle = { i18n: [...] }`. */
export function namespacesOf(handle: unknown): string[] {
  const wanted = (handle as { i18n?: unknown } | undefined)?.i18n
  return typeof wanted === 'string' ? [wanted] : Array.isArray(wanted) ? wanted.map(String) : []
}

/**
 * Waits until every namespace the page's routes declare is here, so that a new page shows
 * whole or not at all, and a part of it that appears later (an error, a panel) finds its
 * words already loaded. The root layout calls it.
 */
export function usePageNamespaces() {
  const namespaces = useMatches().flatMap((match) => namespacesOf(match.handle))
  useTranslation(namespaces)
}
