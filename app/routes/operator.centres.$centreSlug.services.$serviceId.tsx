import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ServiceForm, serviceFormValues } from '#app/components/service-form.tsx'
import { serviceSchema } from '#app/domain/operator-schemas.ts'
import { getServiceForEditing, setServiceStatus, updateService } from '#app/models/service-admin.server.ts'
import i18next from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { doneParam, idParam } from '#app/utils/operator-params.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'operator'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const service = await getServiceForEditing({ centreId: centre.id, serviceId: idParam(params.serviceId) })
  invariantResponse(service, 'Not found', { status: 404 })
  const t = await i18next.getFixedT(request, 'operator')
  const name = lang === 'en' ? service.nameEn : service.nameZh
  return {
    title: t('service.editTitle', { service: name, centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name },
    service: { id: service.id, slug: service.slug, status: service.status, bookingMode: service.bookingMode, name },
    values: serviceFormValues(service),
    done: doneParam(request, ['saved', 'paused', 'active'] as const),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, centre } = await requireOperatedCentre(request, params.centreSlug)
  const serviceId = idParam(params.serviceId)
  const formData = await readFormData(request)
  const here = `/operator/centres/${centre.slug}/services/${serviceId}`
  const intent = formData.get('intent')
  if (intent === 'pause' || intent === 'resume') {
    const status = intent === 'pause' ? 'paused' : 'active'
    const changed = await setServiceStatus({ actorUserId: user.user.id, centreId: centre.id, serviceId, status })
    invariantResponse(changed, 'Not found', { status: 404 })
    return redirect(`${here}?done=${status}`)
  }
  const submission = parseWithZod(formData, { schema: serviceSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const saved = await updateService({
    actorUserId: user.user.id,
    centreId: centre.id,
    serviceId,
    input: submission.value,
  })
  invariantResponse(saved, 'Not found', { status: 404 })
  return redirect(`${here}?done=saved`)
}

export default function EditService() {
  const { centre, service, values, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('operator')
  const base = `/operator/centres/${centre.slug}`
  return (
    <>
      <h1>{t('service.editHeading', { service: service.name })}</h1>
      <ul className="link-list">
        <li>
          <Link to={`${base}/services`}>{t('service.back')}</Link>
        </li>
        {service.bookingMode === 'drop_in' ? null : (
          <li>
            <Link to={`${base}/services/${service.id}/slots`}>{t('services.schedule', { service: service.name })}</Link>
          </li>
        )}
        {service.status === 'active' ? (
          <li>
            <Link to={`/centres/${centre.slug}/services/${service.slug}`}>{t('service.publicPage')}</Link>
          </li>
        ) : null}
      </ul>
      {done ? (
        <p className="notice notice--success" role="status">
          {t(`service.done.${done}`)}
        </p>
      ) : null}
      <section aria-labelledby="service-status" className="panel">
        <h2 id="service-status">{t('service.statusHeading')}</h2>
        <p>{t(`service.statusNow.${service.status}`)}</p>
        {service.status === 'retired' ? null : (
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value={service.status === 'active' ? 'pause' : 'resume'}
              className="button button--secondary"
            >
              {service.status === 'active' ? t('service.pause') : t('service.resume')}
            </button>
          </Form>
        )}
      </section>
      <h2>{t('service.settings')}</h2>
      <ServiceForm mode="edit" lastResult={actionData?.result} defaultValue={values} />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
