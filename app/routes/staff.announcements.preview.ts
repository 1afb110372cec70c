import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { previewAnswer, requireAnnouncementStaff } from '#app/utils/announcement-editor.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

/**
 * The editor's live preview: the bodies as typed, rendered as readers will see them, as
 * JSON. The editor asks with a plain fetch, not a Remix fetcher: a preview changes nothing,
 * so no page data needs loading again, and an answer arriving while the editor's own form
 * is being saved must not touch that navigation (a fetcher's did, and left an empty page).
 */
export async function action({ request }: ActionFunctionArgs) {
  await requireAnnouncementStaff(request)
  const answer = previewAnswer(await readFormData(request))
  return Response.json(answer.data, { status: answer.init?.status ?? 200 })
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnnouncementStaff(request)
  throw new Response(null, { status: 405, headers: { Allow: 'POST' } })
}
