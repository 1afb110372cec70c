import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { CentreForm } from '#app/components/centre-form.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, Field } from '#app/components/forms.tsx'
import { addCentreSchema, renameStreetSchema, streetSchema } from '#app/domain/admin-schemas.ts'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import {
  createCentre,
  createStreet,
  listCentres,
  listStreets,
  listStreetsForEditing,
  renameStreet,
  streetExists,
} from '#app/models/place.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff'] }

type Intent = 'add-street' | 'rename-street' | 'add-centre'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'district_admin')
  const lang = await getLanguage(request)
  const [streets, editableStreets, centres, t] = await Promise.all([
    listStreets({ lang }),
    listStreetsForEditing(),
    listCentres({ lang, today: zonedDate(new Date(), DISTRICT_TIME_ZONE) }),
    i18next.getFixedT(request, 'staff'),
  ])
  const done = new URL(request.url).searchParams.get('done')
  return {
    title: t('places.title'),
    streets,
    editableStreets,
    centres: centres.map((centre) => ({
      id: centre.id,
      slug: centre.slug,
      name: centre.name,
      streetName: centre.streetName,
    })),
    done: done === 'street-added' || done === 'street-renamed' || done === 'centre-added' ? done : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireRole(request, 'district_admin')
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  const reply = (result: SubmissionResult<string[]>, which: Intent) => data({ intent: which, result }, { status: 400 })

  if (intent === 'add-street') {
    const submission = parseWithZod(formData, { schema: streetSchema })
    if (submission.status !== 'success') return reply(submission.reply(), intent)
    const { slug, nameZh, nameEn } = submission.value
    const created = await createStreet({ actorUserId: user.id, street: { slug, nameZh, nameEn } })
    if (!created) return reply(submission.reply({ fieldErrors: { slug: ['form.slugTaken'] } }), intent)
    return redirect('/admin/places?done=street-added')
  }
  if (intent === 'rename-street') {
    const submission = parseWithZod(formData, { schema: renameStreetSchema })
    if (submission.status !== 'success') return reply(submission.reply(), intent)
    const { streetId, nameZh, nameEn } = submission.value
    if (!(await renameStreet({ actorUserId: user.id, id: streetId, nameZh, nameEn }))) {
      return reply(submission.reply({ formErrors: ['form.invalid'] }), intent)
    }
    return redirect('/admin/places?done=street-renamed')
  }
  if (intent === 'add-centre') {
    const submission = parseWithZod(formData, { schema: addCentreSchema })
    if (submission.status !== 'success') return reply(submission.reply(), intent)
    const { slug, intent: _intent, ...centre } = submission.value
    if (!(await streetExists({ id: centre.streetId }))) {
      return reply(submission.reply({ fieldErrors: { streetId: ['form.invalid'] } }), intent)
    }
    if (!(await createCentre({ actorUserId: user.id, slug, centre }))) {
      return reply(submission.reply({ fieldErrors: { slug: ['form.slugTaken'] } }), intent)
    }
    return redirect('/admin/places?done=centre-added')
  }
  throw new Response('Unknown form', { status: 400 })
}

export default function AdminPlaces() {
  const { streets, editableStreets, centres, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('staff')
  const [streetForm, streetFields] = useForm({
    id: 'add-street',
    lastResult: actionData?.intent === 'add-street' ? actionData.result : undefined,
    constraint: getZodConstraint(streetSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: streetSchema }),
  })
  return (
    <>
      <h1>{t('places.heading')}</h1>
      <p>
        <Link to="/admin">{t('places.backToAdmin')}</Link>
      </p>
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`places.done.${done}`)}
        </p>
      ) : null}
      {actionData?.intent === 'rename-street' ? (
        <ErrorSummary formErrors={actionData.result.error?.[''] ?? ['form.invalid']} fields={[]} />
      ) : null}

      <section aria-labelledby="streets-title">
        <h2 id="streets-title">{t('places.streets')}</h2>
        <ul className="card-list">
          {editableStreets.map((street) => (
            <li key={street.id} className="card">
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="rename-street" />
                <input type="hidden" name="streetId" value={street.id} />
                <div className="field">
                  <label htmlFor={`street-${street.id}-zh`}>{t('places.fields.nameZh')}</label>
                  <input
                    id={`street-${street.id}-zh`}
                    type="text"
                    name="nameZh"
                    lang="zh-CN"
                    defaultValue={street.nameZh}
                    required
                    maxLength={50}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`street-${street.id}-en`}>{t('places.fields.nameEn')}</label>
                  <input
                    id={`street-${street.id}-en`}
                    type="text"
                    name="nameEn"
                    lang="en"
                    defaultValue={street.nameEn}
                    required
                    maxLength={50}
                  />
                </div>
                <button type="submit" className="button button--secondary">
                  {t('places.renameStreet', { street: i18n.language === 'en' ? street.nameEn : street.nameZh })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <div className="panel">
          <h3>{t('places.addStreet')}</h3>
          <ErrorSummary
            formErrors={streetForm.errors}
            fields={[
              { id: streetFields.slug.id, label: t('places.fields.slug'), errors: streetFields.slug.errors },
              { id: streetFields.nameZh.id, label: t('places.fields.nameZh'), errors: streetFields.nameZh.errors },
              { id: streetFields.nameEn.id, label: t('places.fields.nameEn'), errors: streetFields.nameEn.errors },
            ]}
          />
          <Form method="post" {...getFormProps(streetForm)} className="stack">
            <input type="hidden" name="intent" value="add-street" />
            <Field
              label={t('places.fields.slug')}
              hint={t('places.fields.slugHint')}
              errors={streetFields.slug.errors}
              inputProps={{ ...getInputProps(streetFields.slug, { type: 'text' }), autoComplete: 'off' }}
            />
            <Field
              label={t('places.fields.nameZh')}
              errors={streetFields.nameZh.errors}
              inputProps={{ ...getInputProps(streetFields.nameZh, { type: 'text' }), autoComplete: 'off' }}
            />
            <Field
              label={t('places.fields.nameEn')}
              errors={streetFields.nameEn.errors}
              inputProps={{ ...getInputProps(streetFields.nameEn, { type: 'text' }), autoComplete: 'off' }}
            />
            <button type="submit">{t('places.addStreet')}</button>
          </Form>
        </div>
      </section>

      <section aria-labelledby="centres-title">
        <h2 id="centres-title">{t('places.centres')}</h2>
        <ul className="service-list">
          {centres.map((centre) => (
            <li key={centre.id}>
              <Link to={`/admin/centres/${centre.slug}`}>{t('places.editCentre', { centre: centre.name })}</Link>
              <span className="muted"> — {centre.streetName}</span>
            </li>
          ))}
        </ul>
        <div className="panel">
          <h3>{t('places.addCentre')}</h3>
          <CentreForm
            mode="add"
            lastResult={actionData?.intent === 'add-centre' ? actionData.result : undefined}
            streets={streets}
          />
        </div>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
