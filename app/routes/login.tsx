import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { CheckboxField, ErrorSummary, Field } from '#app/components/forms.tsx'
import { ThrottleNotice } from '#app/components/throttle-notice.tsx'
import { loginSchema } from '#app/domain/account-schemas.ts'
import { parseLoginIdentifier } from '#app/domain/login-identifier.ts'
import { claimAttempt, markAttemptsSucceeded, throttleKey } from '#app/models/auth-attempt.server.ts'
import { findUserForLogin } from '#app/models/user.server.ts'
import { discardSession, getUser, startSession } from '#app/utils/auth.server.ts'
import { clientAddress } from '#app/utils/client-address.server.ts'
import { elderModeCookie, elderModeFromCookie } from '#app/utils/elder-mode.server.ts'
import i18next, { languageCookie } from '#app/utils/i18next.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { verifyPassword, DUMMY_PASSWORD_HASH } from '#app/utils/password.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'account'] }

// Five wrong passwords lock an account for 15 minutes; thirty from one address lock that address.
const ACCOUNT_LIMIT = { limit: 5, windowSeconds: 15 * 60, countSucceeded: false }
const ADDRESS_LIMIT = { limit: 30, windowSeconds: 15 * 60, countSucceeded: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/account'))
  const t = await i18next.getFixedT(request, 'account')
  return { title: t('login.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: loginSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }), retryAt: null }, { status: 400 })
  }
  const { login, password, remember, redirectTo } = submission.value
  const identifier = parseLoginIdentifier(login)!
  const claim = await claimAttempt({
    rules: [
      { key: throttleKey('login-account', identifier.value), ...ACCOUNT_LIMIT },
      { key: throttleKey('login-address', clientAddress(context)), ...ADDRESS_LIMIT },
    ],
  })
  if (!claim.allowed) {
    logger.warn({ event: 'login', outcome: 'throttled' }, 'login attempt')
    return data({ result: submission.reply({ hideFields: ['password'] }), retryAt: claim.retryAt }, { status: 429 })
  }
  const user = await findUserForLogin({ identifier })
  // Check a password even for unknown accounts, so timing doesn't tell which accounts exist.
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, password)
  if (!user || !valid) {
    logger.info({ event: 'login', outcome: 'failed', known: Boolean(user) }, 'login attempt')
    return data(
      { result: submission.reply({ formErrors: ['form.loginFailed'], hideFields: ['password'] }), retryAt: null },
      { status: 400 },
    )
  }
  await markAttemptsSucceeded({ attemptIds: claim.attemptIds })
  logger.info({ event: 'login', outcome: 'succeeded', userId: user.id }, 'login attempt')
  // A new session id at every login; the old one, if any, ends.
  await discardSession(request)
  const headers = new Headers()
  headers.append('Set-Cookie', await startSession({ userId: user.id, remember: remember === true }))
  headers.append('Set-Cookie', await languageCookie.serialize(user.preferredLocale))
  // A resident who chose elder mode gets it back on this device (keeping a larger text step
  // already chosen here); a device's own choice is left alone otherwise.
  if (user.elderMode && !elderModeFromCookie(request)) headers.append('Set-Cookie', elderModeCookie('on'))
  return redirect(safeRedirect(redirectTo, '/account'), { headers })
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation('account')
  const [form, fields] = useForm({
    id: 'login',
    lastResult: actionData?.result,
    constraint: getZodConstraint(loginSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  })
  const redirectTo = searchParams.get('redirectTo') ?? ''
  return (
    <div className="narrow">
      <h1>{t('login.heading')}</h1>
      {redirectTo ? <p className="lead">{t('login.returnHint')}</p> : null}
      <ThrottleNotice retryAt={actionData?.retryAt ?? null} />
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          { id: fields.login.id, label: t('fields.login'), errors: fields.login.errors },
          { id: fields.password.id, label: t('fields.password'), errors: fields.password.errors },
        ]}
      />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t('fields.login')}
          hint={t('fields.loginHint')}
          errors={fields.login.errors}
          inputProps={{
            ...getInputProps(fields.login, { type: 'text' }),
            autoComplete: 'username',
            inputMode: 'email',
          }}
        />
        <Field
          label={t('fields.password')}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
        />
        <CheckboxField
          label={t('login.remember')}
          inputProps={{ ...getInputProps(fields.remember, { type: 'checkbox' }), value: 'on' }}
        />
        <button type="submit">{t('login.submit')}</button>
      </Form>
      <p>
        {t('login.noAccount')}{' '}
        <Link to={redirectTo ? `/signup?${new URLSearchParams({ redirectTo })}` : '/signup'}>
          {t('login.signupLink')}
        </Link>
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
