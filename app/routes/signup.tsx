import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, Field, SelectField } from '#app/components/forms.tsx'
import { ThrottleNotice } from '#app/components/throttle-notice.tsx'
import { signupSchema } from '#app/domain/account-schemas.ts'
import { parseLoginIdentifier } from '#app/domain/login-identifier.ts'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import { claimAttempt, markAttemptsSucceeded, throttleKey } from '#app/models/auth-attempt.server.ts'
import { listStreets, streetExists } from '#app/models/place.server.ts'
import { createResident } from '#app/models/user.server.ts'
import { getUser, startSession } from '#app/utils/auth.server.ts'
import { clientAddress } from '#app/utils/client-address.server.ts'
import { elderModeFromCookie } from '#app/utils/elder-mode.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { hashPassword, isCommonPassword } from '#app/utils/password.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'account'] }

// Ten sign-ups an hour from one address is plenty for a family or a community centre's desk.
const SIGNUP_LIMIT = { limit: 10, windowSeconds: 60 * 60, countSucceeded: true }

const currentYear = () => Number(zonedDate(new Date(), DISTRICT_TIME_ZONE).slice(0, 4))

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/account'))
  const lang = await getLanguage(request)
  const [streets, t] = await Promise.all([listStreets({ lang }), i18next.getFixedT(request, 'account')])
  return { title: t('signup.title'), streets, currentYear: currentYear() }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request)
  const schema = signupSchema(currentYear())
  const submission = parseWithZod(formData, { schema })
  const hidden = { hideFields: ['password'] }
  if (submission.status !== 'success') {
    return data({ result: submission.reply(hidden), retryAt: null }, { status: 400 })
  }
  const { login, password, name, birthYear, homeStreetId, redirectTo } = submission.value
  const identifier = parseLoginIdentifier(login)!
  if (isCommonPassword(password) || password.toLowerCase().includes(identifier.value)) {
    return data(
      { result: submission.reply({ fieldErrors: { password: ['form.passwordCommon'] }, ...hidden }), retryAt: null },
      { status: 400 },
    )
  }
  if (homeStreetId !== undefined && !(await streetExists({ id: homeStreetId }))) {
    return data(
      { result: submission.reply({ fieldErrors: { homeStreetId: ['form.invalid'] }, ...hidden }), retryAt: null },
      { status: 400 },
    )
  }
  const claim = await claimAttempt({
    rules: [{ key: throttleKey('signup-address', clientAddress(context)), ...SIGNUP_LIMIT }],
  })
  if (!claim.allowed) {
    logger.warn({ event: 'signup', outcome: 'throttled' }, 'sign-up attempt')
    return data({ result: submission.reply(hidden), retryAt: claim.retryAt }, { status: 429 })
  }
  const user = await createResident({
    identifier,
    passwordHash: await hashPassword(password),
    name,
    birthYear: birthYear ?? null,
    homeStreetId: homeStreetId ?? null,
    preferredLocale: await getLanguage(request),
    // Elder mode turned on before signing up becomes the new account's saved choice.
    elderMode: elderModeFromCookie(request) !== null,
  })
  if (!user) {
    logger.info({ event: 'signup', outcome: 'taken' }, 'sign-up attempt')
    return data(
      { result: submission.reply({ fieldErrors: { login: ['form.loginTaken'] }, ...hidden }), retryAt: null },
      { status: 400 },
    )
  }
  await markAttemptsSucceeded({ attemptIds: claim.attemptIds })
  logger.info({ event: 'signup', outcome: 'succeeded', userId: user.id }, 'sign-up attempt')
  return redirect(safeRedirect(redirectTo, '/account'), {
    headers: { 'Set-Cookie': await startSession({ userId: user.id, remember: false }) },
  })
}

export default function SignupPage() {
  const { streets, currentYear } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation('account')
  const schema = signupSchema(currentYear)
  const [form, fields] = useForm({
    id: 'signup',
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const redirectTo = searchParams.get('redirectTo') ?? ''
  return (
    <div className="narrow">
      <h1>{t('signup.heading')}</h1>
      <p className="lead">{t('signup.lead')}</p>
      <ThrottleNotice retryAt={actionData?.retryAt ?? null} />
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          { id: fields.login.id, label: t('fields.login'), errors: fields.login.errors },
          { id: fields.password.id, label: t('fields.password'), errors: fields.password.errors },
          { id: fields.name.id, label: t('fields.name'), errors: fields.name.errors },
          { id: fields.birthYear.id, label: t('fields.birthYear'), errors: fields.birthYear.errors },
          { id: fields.homeStreetId.id, label: t('fields.homeStreet'), errors: fields.homeStreetId.errors },
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
          hint={t('fields.newPasswordHint')}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
        />
        <Field
          label={t('fields.name')}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }}
        />
        <Field
          label={t('fields.birthYear')}
          hint={t('fields.birthYearHint')}
          errors={fields.birthYear.errors}
          inputProps={{
            ...getInputProps(fields.birthYear, { type: 'number' }),
            inputMode: 'numeric',
            autoComplete: 'bday-year',
          }}
        />
        <SelectField
          label={t('fields.homeStreet')}
          hint={t('fields.homeStreetHint')}
          errors={fields.homeStreetId.errors}
          selectProps={getSelectProps(fields.homeStreetId)}
          emptyLabel={t('fields.homeStreetNone')}
          options={streets.map((street) => ({ value: String(street.id), label: street.name }))}
        />
        <button type="submit">{t('signup.submit')}</button>
      </Form>
      <p>
        {t('signup.haveAccount')}{' '}
        <Link to={redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : '/login'}>
          {t('signup.loginLink')}
        </Link>
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
