import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { newServiceDefaults, ServiceForm } from '#app/components/service-form.tsx'
import { newServiceSchema } from '#app/domain/operator-schemas.ts'
import { createService } from '#app/models/service-admin.server.ts'
import i18next from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'operator'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre } = await requireOperatedCentre(request, params.centreSlug)
  const t = await i18next.getFixedT(request, 'operator')
  return { title: t('service.addTitle', { centre: centre.name }), centre: { slug: centre.slug, name: centre.name } }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, centre } = await requireOperatedCentre(request, params.centreSlug)
  const submission = parseWithZod(await readFormData(request), { schema: newServiceSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { slug, ...input } = submission.value
  const created = await createService({ actorUserId: user.user.id, centreId: centre.id, slug, input })
  if (!created) {
    return data({ result: submission.reply({ fieldErrors: { slug: ['form.slugTaken'] } }) }, { status: 400 })
  }
  return redirect(`/operator/centres/${centre.slug}/services?done=added`)
}

export default function NewService() {
  const { centre } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('operator')
  return (
    <>
      <h1>{t('service.addHeading')}</h1>
      <p>
        <Link to={`/operator/centres/${centre.slug}/services`}>{t('service.back')}</Link>
      </p>
      <ServiceForm mode="add" lastResult={actionData?.result} defaultValue={newServiceDefaults} />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
