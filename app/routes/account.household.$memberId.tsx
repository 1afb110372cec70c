import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { HouseholdMemberForm } from '#app/components/household-member-form.tsx'
import { getHouseholdMember, removeHouseholdMember, updateHouseholdMember } from '#app/models/household.server.ts'
import { listStreets } from '#app/models/place.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { currentYear, parseHouseholdMember } from '#app/utils/household-form.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { isRowId } from '#app/domain/row-id.ts'

export const handle = { i18n: ['common', 'account'] }

function memberId(params: { memberId?: string }) {
  const id = Number(params.memberId)
  invariantResponse(isRowId(id), 'Not found', { status: 404 })
  return id
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  // Scoped to the owner: another resident's member id is simply not found.
  const member = await getHouseholdMember({ id: memberId(params), ownerUserId: user.id })
  invariantResponse(member, 'Not found', { status: 404 })
  const lang = await getLanguage(request)
  const [streets, t] = await Promise.all([listStreets({ lang }), i18next.getFixedT(request, 'account')])
  return { title: t('household.editTitle', { name: member.name }), member, streets, currentYear: currentYear() }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const id = memberId(params)
  // Someone else's member is not found, whatever the form says.
  invariantResponse(await getHouseholdMember({ id, ownerUserId: user.id }), 'Not found', { status: 404 })
  const formData = await readFormData(request)
  if (formData.get('intent') === 'remove') {
    invariantResponse(await removeHouseholdMember({ id, ownerUserId: user.id }), 'Not found', { status: 404 })
    return redirect('/account/household?saved=removed')
  }
  const { reply, member } = await parseHouseholdMember(formData)
  if (!member) return data({ result: reply }, { status: 400 })
  invariantResponse(await updateHouseholdMember({ id, ownerUserId: user.id, member }), 'Not found', { status: 404 })
  return redirect('/account/household?saved=updated')
}

export default function HouseholdMemberPage() {
  const { member, streets, currentYear } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('account')
  return (
    <>
      <h1>{t('household.editHeading', { name: member.name })}</h1>
      <HouseholdMemberForm
        id="edit-member"
        lastResult={actionData?.result}
        currentYear={currentYear}
        streets={streets}
        defaultValue={member}
        submitLabel={t('household.saveSubmit')}
      />
      <section aria-labelledby="remove-title" className="panel">
        <h2 id="remove-title">{t('household.remove')}</h2>
        <p>{t('household.removeLead', { name: member.name })}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="button button--warning">
            {t('household.removeSubmit', { name: member.name })}
          </button>
        </Form>
      </section>
      <p>
        <Link to="/account/household">{t('household.backToList')}</Link>
      </p>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
