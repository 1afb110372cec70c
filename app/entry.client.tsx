import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { defaultLanguage, isLanguage } from './i18n.ts'
import type { Messages } from './utils/translate.ts'
import { namespacesOf, Translations, TranslationsProvider } from './utils/use-translation.tsx'

/** A page's translations, fetched from the same files the server reads. */
async function fetchMessages(language: string, namespace: string): Promise<Messages> {
  const response = await fetch(`/locales/${language}/${namespace}.json`)
  if (!response.ok) throw new Error(`no translations for ${language}/${namespace}`)
  return response.json()
}

/** The namespaces the routes on this page declare (`handle.i18n`). */
function pageNamespaces() {
  return Object.values(window.__remixRouteModules).flatMap((route) => namespacesOf(route?.handle))
}

async function hydrate() {
  // The server already chose the language and wrote it into <html lang>.
  const lang = document.documentElement.lang
  const language = isLanguage(lang) ? lang : defaultLanguage
  const translations = new Translations(fetchMessages)
  // Hydrating must render what the server did, so the page's messages come first.
  await translations.load(language, ['common', ...pageNamespaces()])

  startTransition(() => {
    hydrateRoot(
      document,
      <TranslationsProvider translations={translations} language={language}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </TranslationsProvider>,
    )
  })
}

void hydrate()
