import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { AnnouncementEditor } from '#app/components/announcement-editor.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { listWritableStreets } from '#app/models/announcement.server.ts'
import { requireAnnouncementStaff, submitAnnouncementEditor } from '#app/utils/announcement-editor.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { parseSlug } from '#app/utils/query.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'announcements'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const { managed } = await requireAnnouncementStaff(request)
  const lang = await getLanguage(request)
  const [streets, t] = await Promise.all([
    listWritableStreets({ scope: managed, lang }),
    i18next.getFixedT(request, 'announcements'),
  ])
  // Coming from a street's page, the new notice is for that street.
  const fromStreet = streets.find(
    (street) => street.slug === parseSlug(new URL(request.url).searchParams.get('street')),
  )
  const scope = fromStreet ?? (managed.district ? null : streets[0])
  return {
    title: t('editor.newTitle'),
    streets,
    mayWriteDistrictWide: managed.district,
    defaultScope: scope ? String(scope.id) : 'district',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request }: ActionFunctionArgs) {
  const { user, managed } = await requireAnnouncementStaff(request)
  return submitAnnouncementEditor({
    formData: await readFormData(request),
    managed,
    actorUserId: user.id,
    now: requestNow(request),
  })
}

// The live preview posts here as you type; it changes nothing the loader shows.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'preview' ? false : defaultShouldRevalidate

export default function NewAnnouncement() {
  const { streets, mayWriteDistrictWide, defaultScope } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('announcements')
  return (
    <>
      <p>
        <Link to="/staff/announcements">{t('editor.backToList')}</Link>
      </p>
      <h1>{t('editor.newHeading')}</h1>
      <AnnouncementEditor
        streets={streets}
        mayWriteDistrictWide={mayWriteDistrictWide}
        lastResult={actionData?.result}
        preview={actionData?.preview}
        defaultValue={{ scope: defaultScope, category: 'notice' }}
      />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
