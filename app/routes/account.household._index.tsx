import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { HouseholdMemberForm } from '#app/components/household-member-form.tsx'
import { addHouseholdMember, countHouseholdMembers, listHouseholdMembers } from '#app/models/household.server.ts'
import { listStreets } from '#app/models/place.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { currentYear, parseHouseholdMember } from '#app/utils/household-form.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'account'] }

// A household is at most this many people; more is a sign of misuse, not a family.
const MAX_MEMBERS = 12

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const lang = await getLanguage(request)
  const [members, streets, t] = await Promise.all([
    listHouseholdMembers({ ownerUserId: user.id, lang }),
    listStreets({ lang }),
    i18next.getFixedT(request, 'account'),
  ])
  const saved = new URL(request.url).searchParams.get('saved')
  return {
    title: t('household.title'),
    members,
    streets,
    currentYear: currentYear(),
    saved: saved === 'added' || saved === 'updated' || saved === 'removed' ? saved : null,
    redirectTo: safeRedirect(new URL(request.url).searchParams.get('redirectTo'), ''),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readFormData(request)
  const { reply, member } = await parseHouseholdMember(formData)
  if (!member) return data({ result: reply }, { status: 400 })
  if ((await countHouseholdMembers({ ownerUserId: user.id })) >= MAX_MEMBERS) {
    return data({ result: { status: 'error' as const, error: { '': ['form.householdFull'] } } }, { status: 400 })
  }
  await addHouseholdMember({ ownerUserId: user.id, member })
  // Came here from a booking: straight back to it, with the new member to choose.
  const redirectTo = formData.get('redirectTo')
  return redirect(
    redirectTo ? safeRedirect(redirectTo, '/account/household?saved=added') : '/account/household?saved=added',
  )
}

export default function HouseholdPage() {
  const { members, streets, currentYear, saved, redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('account')
  return (
    <>
      <h1>{t('household.heading')}</h1>
      <p className="lead">{t('household.lead')}</p>
      {saved ? (
        <p className="notice notice--success" role="status">
          {t(`household.saved.${saved}`)}
        </p>
      ) : null}
      {members.length === 0 ? (
        <p className="empty">{t('household.none')}</p>
      ) : (
        <ul className="card-list">
          {members.map((member) => (
            <li key={member.id} className="card">
              <h2 className="card__title">{member.name}</h2>
              <p>
                {t(`relations.${member.relation}`, { defaultValue: member.relation })} ·{' '}
                {t('household.born', { year: member.birthYear })}
              </p>
              {member.homeStreetName ? <p className="muted">{member.homeStreetName}</p> : null}
              <p>
                <Link to={`/account/household/${member.id}`}>{t('household.edit', { name: member.name })}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="add-title" className="panel">
        <h2 id="add-title">{t('household.add')}</h2>
        <HouseholdMemberForm
          id="add-member"
          redirectTo={redirectTo}
          lastResult={actionData?.result}
          currentYear={currentYear}
          streets={streets}
          submitLabel={t('household.addSubmit')}
        />
      </section>
      <p>
        {redirectTo ? <Link to={redirectTo}>{t('household.backToBooking')}</Link> : null}
        {redirectTo ? ' · ' : null}
        <Link to="/account">{t('household.backToAccount')}</Link>
      </p>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
