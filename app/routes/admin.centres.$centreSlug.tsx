import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { CentreForm } from '#app/components/centre-form.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { editCentreSchema } from '#app/domain/admin-schemas.ts'
import { getCentreForEditing, listStreets, streetExists, updateCentre } from '#app/models/place.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, 'district_admin')
  const centre = await getCentreForEditing({ slug: params.centreSlug ?? '' })
  invariantResponse(centre, 'Not found', { status: 404 })
  const lang = await getLanguage(request)
  const [streets, t] = await Promise.all([listStreets({ lang }), i18next.getFixedT(request, 'staff')])
  return { title: t('places.editTitle', { centre: lang === 'en' ? centre.nameEn : centre.nameZh }), centre, streets }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireRole(request, 'district_admin')
  const centre = await getCentreForEditing({ slug: params.centreSlug ?? '' })
  invariantResponse(centre, 'Not found', { status: 404 })
  const submission = parseWithZod(await readFormData(request), { schema: editCentreSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  if (!(await streetExists({ id: submission.value.streetId }))) {
    return data({ result: submission.reply({ fieldErrors: { streetId: ['form.invalid'] } }) }, { status: 400 })
  }
  await updateCentre({ actorUserId: user.id, id: centre.id, centre: submission.value })
  return redirect(`/admin/centres/${centre.slug}?saved=1`)
}

export default function AdminCentre() {
  const { centre, streets } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('staff')
  const name = i18n.language === 'en' ? centre.nameEn : centre.nameZh
  return (
    <>
      <h1>{t('places.editHeading', { centre: name })}</h1>
      <p>
        <Link to="/admin/places">{t('places.backToPlaces')}</Link>
      </p>
      <CentreForm
        mode="edit"
        lastResult={actionData?.result}
        streets={streets}
        defaultValue={{
          streetId: String(centre.streetId),
          nameZh: centre.nameZh,
          nameEn: centre.nameEn,
          addressZh: centre.addressZh,
          addressEn: centre.addressEn,
          phone: centre.phone,
          latitude: String(centre.latitude),
          longitude: String(centre.longitude),
          catchmentPopulation: String(centre.catchmentPopulation),
        }}
      />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
