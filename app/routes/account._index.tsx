import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, Field, SelectField } from '#app/components/forms.tsx'
import { passwordChangeSchema, profileSchema } from '#app/domain/account-schemas.ts'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import { listStreets, streetExists } from '#app/models/place.server.ts'
import { deleteUserSessions } from '#app/models/session.server.ts'
import {
  getNotificationChoices,
  getPasswordHash,
  getProfile,
  listGrants,
  setNotificationChoices,
  setElderMode,
  setPasswordHash,
  updateProfile,
} from '#app/models/user.server.ts'
import { supportedLanguages } from '#app/i18n.ts'
import { requireUser, sessionCookie, startSession } from '#app/utils/auth.server.ts'
import { elderModeCookie, getElderMode, isElderMode } from '#app/utils/elder-mode.server.ts'
import { elderModes } from '#app/utils/elder-mode.ts'
import i18next, { getLanguage, languageCookie } from '#app/utils/i18next.server.ts'
import { hashPassword, isCommonPassword, verifyPassword } from '#app/utils/password.server.ts'
import {
  isSilenceable,
  notificationKinds,
  optionalChannels,
  type Channel,
  type NotificationKind,
} from '#app/domain/enums.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'account', 'elder'] }

const currentYear = () => Number(zonedDate(new Date(), DISTRICT_TIME_ZONE).slice(0, 4))

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const lang = await getLanguage(request)
  const [profile, streets, notifications, grants, elderMode, t] = await Promise.all([
    getProfile({ userId: user.id, lang }),
    listStreets({ lang }),
    getNotificationChoices({ userId: user.id }),
    listGrants({ userId: user.id, lang }),
    getElderMode(request, user),
    i18next.getFixedT(request, 'account'),
  ])
  if (!profile) throw redirect('/login')
  const saved = new URL(request.url).searchParams.get('saved')
  return {
    title: t('account.title'),
    profile,
    streets,
    notifications,
    elderMode,
    isStaff: grants.length > 0,
    currentYear: currentYear(),
    saved:
      saved === 'profile' || saved === 'notifications' || saved === 'password' || saved === 'display' ? saved : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

type ActionResult = { intent: 'profile' | 'password'; result: SubmissionResult<string[]> }

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readFormData(request)
  const intent = formData.get('intent')

  if (intent === 'profile') {
    const submission = parseWithZod(formData, { schema: profileSchema(currentYear()) })
    if (submission.status !== 'success') {
      return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 })
    }
    const { name, birthYear, homeStreetId, preferredLocale } = submission.value
    if (homeStreetId !== undefined && !(await streetExists({ id: homeStreetId }))) {
      return data<ActionResult>(
        { intent, result: submission.reply({ fieldErrors: { homeStreetId: ['form.invalid'] } }) },
        { status: 400 },
      )
    }
    await updateProfile({
      userId: user.id,
      name,
      birthYear: birthYear ?? null,
      homeStreetId: homeStreetId ?? null,
      preferredLocale,
    })
    return redirect('/account?saved=profile', {
      headers: { 'Set-Cookie': await languageCookie.serialize(preferredLocale) },
    })
  }

  if (intent === 'notifications') {
    // Only known kind/channel pairs are read; anything else in the form is ignored.
    const enabled: Array<{ kind: NotificationKind; channel: Channel }> = []
    for (const kind of notificationKinds) {
      for (const channel of isSilenceable(kind) ? ['in_app' as const, ...optionalChannels] : optionalChannels) {
        if (formData.get(`${kind}:${channel}`) === 'on') enabled.push({ kind, channel })
      }
    }
    await setNotificationChoices({ userId: user.id, enabled })
    return redirect('/account?saved=notifications')
  }

  if (intent === 'display') {
    // Elder mode (长辈版), saved to the account and remembered on this device.
    const mode = formData.get('elderMode')
    if (!isElderMode(mode)) throw new Response('Unknown display mode', { status: 400 })
    await setElderMode({ userId: user.id, elderMode: mode !== 'off' })
    return redirect('/account?saved=display', { headers: { 'Set-Cookie': elderModeCookie(mode) } })
  }

  if (intent === 'password') {
    const submission = parseWithZod(formData, { schema: passwordChangeSchema })
    const hidden = { hideFields: ['currentPassword', 'newPassword'] }
    if (submission.status !== 'success') {
      return data<ActionResult>({ intent, result: submission.reply(hidden) }, { status: 400 })
    }
    const { currentPassword, newPassword } = submission.value
    const hash = await getPasswordHash({ userId: user.id })
    if (!hash || !(await verifyPassword(hash, currentPassword))) {
      return data<ActionResult>(
        { intent, result: submission.reply({ fieldErrors: { currentPassword: ['form.passwordWrong'] }, ...hidden }) },
        { status: 400 },
      )
    }
    if (isCommonPassword(newPassword)) {
      return data<ActionResult>(
        { intent, result: submission.reply({ fieldErrors: { newPassword: ['form.passwordCommon'] }, ...hidden }) },
        { status: 400 },
      )
    }
    await setPasswordHash({ userId: user.id, passwordHash: await hashPassword(newPassword) })
    // A new password ends every other login, and this one starts afresh.
    await deleteUserSessions({ userId: user.id })
    return redirect('/account?saved=password', {
      headers: { 'Set-Cookie': await startSession({ userId: user.id, remember: false }) },
    })
  }

  if (intent === 'logout-everywhere') {
    await deleteUserSessions({ userId: user.id })
    return redirect('/', { headers: { 'Set-Cookie': await sessionCookie.serialize('', { maxAge: 0 }) } })
  }

  throw new Response('Unknown form', { status: 400 })
}

export default function AccountPage() {
  const { profile, streets, notifications, elderMode, isStaff, currentYear, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('account')
  const profileSchemaNow = profileSchema(currentYear)
  const [profileForm, profileFields] = useForm({
    id: 'profile',
    lastResult: actionData?.intent === 'profile' ? actionData.result : undefined,
    constraint: getZodConstraint(profileSchemaNow),
    defaultValue: {
      name: profile.name,
      birthYear: profile.birthYear ? String(profile.birthYear) : '',
      homeStreetId: profile.homeStreetId ? String(profile.homeStreetId) : '',
      preferredLocale: profile.preferredLocale,
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchemaNow }),
  })
  const [passwordForm, passwordFields] = useForm({
    id: 'password',
    lastResult: actionData?.intent === 'password' ? actionData.result : undefined,
    constraint: getZodConstraint(passwordChangeSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeSchema }),
  })
  return (
    <>
      <h1>{t('account.heading')}</h1>
      {saved ? (
        <p className="notice notice--success" role="status">
          {saved === 'display' ? t('elder:account.saved') : t(`account.saved.${saved}`)}
        </p>
      ) : null}
      <p className="lead">{t('account.signedInAs', { login: profile.phone ?? profile.email })}</p>
      <ul className="link-list">
        <li>
          <Link to="/account/household">{t('account.householdLink')}</Link>
        </li>
        {isStaff ? (
          <li>
            <Link to="/staff">{t('account.staffLink')}</Link>
          </li>
        ) : null}
      </ul>

      <section aria-labelledby="profile-title" className="panel">
        <h2 id="profile-title">{t('account.profile')}</h2>
        <ErrorSummary
          formErrors={profileForm.errors}
          fields={[
            { id: profileFields.name.id, label: t('fields.name'), errors: profileFields.name.errors },
            { id: profileFields.birthYear.id, label: t('fields.birthYear'), errors: profileFields.birthYear.errors },
            {
              id: profileFields.homeStreetId.id,
              label: t('fields.homeStreet'),
              errors: profileFields.homeStreetId.errors,
            },
          ]}
        />
        <Form method="post" {...getFormProps(profileForm)} className="stack">
          <input type="hidden" name="intent" value="profile" />
          <Field
            label={t('fields.name')}
            errors={profileFields.name.errors}
            inputProps={{ ...getInputProps(profileFields.name, { type: 'text' }), autoComplete: 'name' }}
          />
          <Field
            label={t('fields.birthYear')}
            hint={t('fields.birthYearHint')}
            errors={profileFields.birthYear.errors}
            inputProps={{ ...getInputProps(profileFields.birthYear, { type: 'number' }), inputMode: 'numeric' }}
          />
          <SelectField
            label={t('fields.homeStreet')}
            hint={t('fields.homeStreetHint')}
            errors={profileFields.homeStreetId.errors}
            selectProps={getSelectProps(profileFields.homeStreetId)}
            emptyLabel={t('fields.homeStreetNone')}
            options={streets.map((street) => ({ value: String(street.id), label: street.name }))}
          />
          <SelectField
            label={t('fields.preferredLocale')}
            errors={profileFields.preferredLocale.errors}
            selectProps={getSelectProps(profileFields.preferredLocale)}
            options={supportedLanguages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
          />
          <button type="submit">{t('account.saveProfile')}</button>
        </Form>
      </section>

      <section aria-labelledby="notifications-title" className="panel">
        <h2 id="notifications-title" tabIndex={-1}>
          {t('account.notifications')}
        </h2>
        <p>{t('account.notificationsLead')}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="notifications" />
          <table className="choice-table">
            <caption className="visually-hidden">{t('account.notifications')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('account.notificationKind')}</th>
                <th scope="col">{t('channels.in_app')}</th>
                {optionalChannels.map((channel) => (
                  <th scope="col" key={channel}>
                    {t(`channels.${channel}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {notifications.map((row) => (
                <tr key={row.kind}>
                  <th scope="row" id={`kind-${row.kind}`}>
                    {t(`notificationKinds.${row.kind}`)}
                  </th>
                  <td>
                    {row.inApp.optional ? (
                      <input
                        type="checkbox"
                        name={`${row.kind}:in_app`}
                        id={`${row.kind}-in_app`}
                        defaultChecked={row.inApp.enabled}
                        aria-label={t('account.notificationChoice', {
                          kind: t(`notificationKinds.${row.kind}`),
                          channel: t('channels.in_app'),
                        })}
                      />
                    ) : (
                      <span className="muted">{t('account.alwaysOn')}</span>
                    )}
                  </td>
                  {row.channels.map((choice) => (
                    <td key={choice.channel}>
                      <input
                        type="checkbox"
                        name={`${row.kind}:${choice.channel}`}
                        id={`${row.kind}-${choice.channel}`}
                        defaultChecked={choice.enabled}
                        aria-label={t('account.notificationChoice', {
                          kind: t(`notificationKinds.${row.kind}`),
                          channel: t(`channels.${choice.channel}`),
                        })}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit">{t('account.saveNotifications')}</button>
        </Form>
      </section>

      <section aria-labelledby="display-title" className="panel">
        <h2 id="display-title">{t('elder:account.heading')}</h2>
        <p>{t('elder:account.lead')}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="display" />
          <fieldset className="choices">
            <legend>{t('elder:account.legend')}</legend>
            {elderModes.map((mode) => (
              <div key={mode} className="choice">
                <input
                  type="radio"
                  id={`elder-mode-${mode}`}
                  name="elderMode"
                  value={mode}
                  defaultChecked={mode === elderMode}
                />
                <label htmlFor={`elder-mode-${mode}`}>{t(`elder:account.${mode}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('elder:account.save')}</button>
        </Form>
      </section>

      <section aria-labelledby="password-title" className="panel">
        <h2 id="password-title">{t('account.password')}</h2>
        <ErrorSummary
          formErrors={passwordForm.errors}
          fields={[
            {
              id: passwordFields.currentPassword.id,
              label: t('fields.currentPassword'),
              errors: passwordFields.currentPassword.errors,
            },
            {
              id: passwordFields.newPassword.id,
              label: t('fields.newPassword'),
              errors: passwordFields.newPassword.errors,
            },
          ]}
        />
        <Form method="post" {...getFormProps(passwordForm)} className="stack">
          <input type="hidden" name="intent" value="password" />
          <Field
            label={t('fields.currentPassword')}
            errors={passwordFields.currentPassword.errors}
            inputProps={{
              ...getInputProps(passwordFields.currentPassword, { type: 'password' }),
              autoComplete: 'current-password',
            }}
          />
          <Field
            label={t('fields.newPassword')}
            hint={t('fields.newPasswordHint')}
            errors={passwordFields.newPassword.errors}
            inputProps={{
              ...getInputProps(passwordFields.newPassword, { type: 'password' }),
              autoComplete: 'new-password',
            }}
          />
          <button type="submit">{t('account.savePassword')}</button>
        </Form>
      </section>

      <section aria-labelledby="sessions-title" className="panel">
        <h2 id="sessions-title">{t('account.sessions')}</h2>
        <p>{t('account.sessionsLead')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="logout-everywhere" />
          <button type="submit" className="button button--secondary">
            {t('account.logoutEverywhere')}
          </button>
        </Form>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
