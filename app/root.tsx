import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from '@remix-run/react'
import { usePageNamespaces, useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from './components/error-boundary.tsx'
import { useFocusMainOnNavigation } from './components/navigation-focus.tsx'
import { defaultLanguage, isLanguage, supportedLanguages } from './i18n.ts'
import stylesheet from './styles/app.css'
import { getUser } from './utils/auth.server.ts'
import { getElderMode } from './utils/elder-mode.server.ts'
import type { ElderMode } from './utils/elder-mode.ts'
import i18next from './utils/i18next.server.ts'
import { useNonce } from './utils/nonce.ts'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const handle = { i18n: ['common', 'elder'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, t, user] = await Promise.all([
    i18next.getLocale(request),
    i18next.getFixedT(request, 'common'),
    getUser(request),
  ])
  return {
    locale: isLanguage(locale) ? locale : defaultLanguage,
    siteName: t('site.name'),
    elderMode: await getElderMode(request, user),
    // Only what the header shows.
    user: user ? { name: user.name, unread: user.unreadNotifications } : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.siteName ?? 'Linli' }]

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const locale = data?.locale ?? defaultLanguage
  const elderMode = data?.elderMode ?? 'off'
  usePageNamespaces()
  const { t } = useTranslation()
  const nonce = useNonce()
  return (
    // Elder mode is decided on the server, so its larger, simpler styles need no JavaScript.
    <html
      lang={locale}
      dir="ltr"
      data-mode={elderMode === 'off' ? undefined : 'elder'}
      data-text-size={elderMode === 'larger' ? 'larger' : undefined}
    >
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5d4b" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <SiteHeader user={data?.user ?? null} elderMode={elderMode} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t('footer.about')}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function SiteHeader({ user, elderMode }: { user: { name: string; unread: number } | null; elderMode: ElderMode }) {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  const here = `${location.pathname}${location.search}`
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="brand" href="/">
          <span className="brand__mark" aria-hidden="true">
            {t('site.mark')}
          </span>
          <span className="brand__name">{t('site.name')}</span>
        </a>
        <nav aria-label={t('nav.label')}>
          <ul className="site-nav">
            <li>
              <NavLink to="/centres">{t('nav.centres')}</NavLink>
            </li>
            <li>
              <NavLink to="/search">{t('nav.search')}</NavLink>
            </li>
            <li>
              <NavLink to="/announcements">{t('nav.announcements')}</NavLink>
            </li>
            {user ? (
              <>
                <li>
                  <NavLink to="/bookings">{t('nav.bookings')}</NavLink>
                </li>
                <li>
                  <NotificationBell unread={user.unread} />
                </li>
                <li>
                  <NavLink to="/account">{t('nav.account')}</NavLink>
                </li>
              </>
            ) : (
              <li>
                <NavLink to={`/login?${new URLSearchParams({ redirectTo: here })}`}>{t('nav.login')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        {user ? (
          <Form method="post" action="/logout" className="logout-form">
            <button type="submit" className="link-button">
              {t('nav.logout')}
            </button>
          </Form>
        ) : null}
        <Form method="post" action="/language" className="language-switcher" reloadDocument>
          <input type="hidden" name="redirectTo" value={here} />
          {supportedLanguages
            .filter((language) => language !== i18n.language)
            .map((language) => (
              <button key={language} type="submit" name="language" value={language} lang={language}>
                {t(`language.switchTo.${language}`)}
              </button>
            ))}
        </Form>
        <ElderModeSwitch mode={elderMode} here={here} />
      </div>
    </header>
  )
}

/**
 * The elder-mode switch (长辈版): toggle buttons that post to /elder-mode and come back
 * here. In elder mode a second toggle makes the text a step larger still.
 */
function ElderModeSwitch({ mode, here }: { mode: ElderMode; here: string }) {
  const { t } = useTranslation('elder')
  return (
    <Form method="post" action="/elder-mode" className="elder-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={here} />
      <button type="submit" name="elderMode" value={mode === 'off' ? 'on' : 'off'} aria-pressed={mode !== 'off'}>
        {t('switch.label')}
      </button>
      {mode === 'off' ? null : (
        <button
          type="submit"
          name="elderMode"
          value={mode === 'larger' ? 'on' : 'larger'}
          aria-pressed={mode === 'larger'}
        >
          {t('switch.larger')}
        </button>
      )}
    </Form>
  )
}

/**
 * The bell: a plain link, so it works without JavaScript. The visible count is a badge;
 * screen readers hear the whole phrase ("Notifications (3 unread)") instead.
 */
function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation()
  return (
    <NavLink to="/notifications" className="bell">
      <svg className="bell__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 ? (
        <>
          <span className="visually-hidden">{t('nav.notificationsUnread', { count: unread })}</span>
          <span aria-hidden="true">{t('nav.notifications')}</span>
          <span className="bell__count" aria-hidden="true">
            {unread > 99 ? t('nav.manyUnread') : unread}
          </span>
        </>
      ) : (
        <span>{t('nav.notifications')}</span>
      )}
    </NavLink>
  )
}

export default function App() {
  useFocusMainOnNavigation()
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
