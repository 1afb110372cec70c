import { parseWithZod } from '@conform-to/zod/v4'
import { householdMemberSchema } from '#app/domain/account-schemas.ts'
import { normalisePhone } from '#app/domain/login-identifier.ts'
import { DISTRICT_TIME_ZONE, zonedDate } from '#app/domain/time.ts'
import type { HouseholdMemberInput } from '#app/models/household.server.ts'
import { streetExists } from '#app/models/place.server.ts'

export const currentYear = () => Number(zonedDate(new Date(), DISTRICT_TIME_ZONE).slice(0, 4))

/** Parses the household member form (add and edit): the member, or the reply to show. */
export async function parseHouseholdMember(formData: FormData) {
  const submission = parseWithZod(formData, { schema: householdMemberSchema(currentYear()) })
  if (submission.status !== 'success') return { reply: submission.reply(), member: null }
  const { name, relation, birthYear, phone, homeStreetId } = submission.value
  if (homeStreetId !== undefined && !(await streetExists({ id: homeStreetId }))) {
    return { reply: submission.reply({ fieldErrors: { homeStreetId: ['form.invalid'] } }), member: null }
  }
  const member: HouseholdMemberInput = {
    name,
    relation,
    birthYear,
    phone: phone ? normalisePhone(phone) : null,
    homeStreetId: homeStreetId ?? null,
  }
  return { reply: null, member }
}
