import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, Field, SelectField } from '#app/components/forms.tsx'
import { grantSchema, staffRoles } from '#app/domain/admin-schemas.ts'
import { maskEmail, maskPhone, parseLoginIdentifier } from '#app/domain/login-identifier.ts'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import { listCentres, listStreets } from '#app/models/place.server.ts'
import { grantRole, listAllGrants, revokeGrant } from '#app/models/staff.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { isRowId } from '#app/domain/row-id.ts'

export const handle = { i18n: ['common', 'staff', 'inspections', 'district'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'district_admin')
  const lang = await getLanguage(request)
  const [grants, centres, streets, t] = await Promise.all([
    listAllGrants({ lang }),
    listCentres({ lang, today: zonedDate(new Date(), DISTRICT_TIME_ZONE) }),
    listStreets({ lang }),
    i18next.getFixedT(request, 'staff'),
  ])
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('admin.title'),
    // Staff see numbers masked: enough to tell people apart.
    grants: grants.map(({ phone, email, ...grant }) => ({
      ...grant,
      login: phone ? maskPhone(phone) : maskEmail(email),
    })),
    centres: centres.map((centre) => ({ id: centre.id, name: centre.name })),
    streets,
    done: done === 'granted' || done === 'revoked' ? done : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireRole(request, 'district_admin')
  const formData = await readFormData(request)
  if (formData.get('intent') === 'revoke') {
    const grantId = Number(formData.get('grantId'))
    invariantResponse(isRowId(grantId), 'Not found', { status: 404 })
    invariantResponse(await revokeGrant({ actorUserId: user.id, grantId }), 'Not found', { status: 404 })
    return redirect('/admin?done=revoked')
  }
  const submission = parseWithZod(formData, { schema: grantSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { login, role, centreId, streetId } = submission.value
  const outcome = await grantRole({
    actorUserId: user.id,
    identifier: parseLoginIdentifier(login)!,
    role,
    centreId: role === 'operator' ? (centreId ?? null) : null,
    streetId: role === 'street_staff' ? (streetId ?? null) : null,
  })
  if (outcome === 'already_granted') {
    return data({ result: submission.reply({ formErrors: ['form.grant.already_granted'] }) }, { status: 400 })
  }
  if (outcome !== 'granted') {
    const field = outcome === 'no_such_person' ? 'login' : role === 'operator' ? 'centreId' : 'streetId'
    return data({ result: submission.reply({ fieldErrors: { [field]: [`form.grant.${outcome}`] } }) }, { status: 400 })
  }
  return redirect('/admin?done=granted')
}

export default function AdminStaff() {
  const { grants, centres, streets, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('staff')
  const [form, fields] = useForm({
    id: 'grant',
    lastResult: actionData?.result,
    constraint: getZodConstraint(grantSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: grantSchema }),
  })
  return (
    <>
      <h1>{t('admin.heading')}</h1>
      <p>
        <Link to="/admin/places">{t('admin.placesLink')}</Link>
      </p>
      <p>
        <Link to="/admin/inspection-checklist">{t('inspections:home.checklist')}</Link>
      </p>
      <p>
        <Link to="/district/comparison">{t('links.comparison', { ns: 'district' })}</Link>
      </p>
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`admin.done.${done}`)}
        </p>
      ) : null}
      <section aria-labelledby="grants-title">
        <h2 id="grants-title">{t('admin.grants')}</h2>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.grants')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.person')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('admin.scope')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {grants.map((grant) => (
                <tr key={grant.id}>
                  <th scope="row">
                    {grant.name} <span className="muted">{grant.login}</span>
                  </th>
                  <td>{t(`roles.${grant.role}`)}</td>
                  <td>{grant.centreName ?? grant.streetName ?? t('admin.wholeDistrict')}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="grantId" value={grant.id} />
                      <button type="submit" className="button button--secondary">
                        {t('admin.revoke', { name: grant.name, role: t(`roles.${grant.role}`) })}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="grant-title" className="panel">
        <h2 id="grant-title">{t('admin.grant')}</h2>
        <p>{t('admin.grantLead')}</p>
        <ErrorSummary
          formErrors={form.errors}
          fields={[
            { id: fields.login.id, label: t('admin.login'), errors: fields.login.errors },
            { id: fields.role.id, label: t('admin.role'), errors: fields.role.errors },
            { id: fields.centreId.id, label: t('admin.centre'), errors: fields.centreId.errors },
            { id: fields.streetId.id, label: t('admin.street'), errors: fields.streetId.errors },
          ]}
        />
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="grant" />
          <Field
            label={t('admin.login')}
            errors={fields.login.errors}
            inputProps={{ ...getInputProps(fields.login, { type: 'text' }), autoComplete: 'off' }}
          />
          <SelectField
            label={t('admin.role')}
            errors={fields.role.errors}
            selectProps={getSelectProps(fields.role)}
            emptyLabel={t('admin.choose')}
            options={staffRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
          <SelectField
            label={t('admin.centre')}
            hint={t('admin.centreHint')}
            errors={fields.centreId.errors}
            selectProps={getSelectProps(fields.centreId)}
            emptyLabel={t('admin.choose')}
            options={centres.map((centre) => ({ value: String(centre.id), label: centre.name }))}
          />
          <SelectField
            label={t('admin.street')}
            hint={t('admin.streetHint')}
            errors={fields.streetId.errors}
            selectProps={getSelectProps(fields.streetId)}
            emptyLabel={t('admin.choose')}
            options={streets.map((street) => ({ value: String(street.id), label: street.name }))}
          />
          <button type="submit">{t('admin.grantSubmit')}</button>
        </Form>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
