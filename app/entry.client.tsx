import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import resourcesToBackend from 'i18next-resources-to-backend'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { getInitialNamespaces } from 'remix-i18next/client'
import i18n from './i18n.ts'

/** A page's translations, fetched from the same files the server reads. */
async function loadNamespace(language: string, namespace: string) {
  const response = await fetch(`/locales/${language}/${namespace}.json`)
  if (!response.ok) throw new Error(`no translations for ${language}/${namespace}`)
  return response.json()
}

async function hydrate() {
  await i18next
    .use(initReactI18next)
    .use(resourcesToBackend(loadNamespace))
    .init({
      ...i18n,
      ns: getInitialNamespaces(),
      // The server already chose the language and wrote it into <html lang>.
      lng: document.documentElement.lang,
    })

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

void hydrate()
