import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { announcementSchema, parseWallClock, previewSchema } from '#app/domain/announcement-schemas.ts'
import {
  managedScopeOf,
  saveAnnouncement,
  type AnnouncementInput,
  type ManagedScope,
} from '#app/models/announcement.server.ts'
import { requireRole } from './auth.server.ts'
import { renderAnnouncementMarkdown } from './markdown.server.ts'

/**
 * Street-office staff (for their streets) and district admins (for everything) write
 * announcements. Returns who they are and which announcements they may manage.
 */
export async function requireAnnouncementStaff(request: Request) {
  const { user, grants } = await requireRole(request, 'street_staff')
  return { user, managed: managedScopeOf(grants) }
}

export interface EditorPreview {
  zh: string
  en: string | null
}

/** The bodies as readers will see them, through the same renderer as the published page. */
function previewOf(bodyZh: string | undefined, bodyEn: string | undefined): EditorPreview {
  return {
    zh: renderAnnouncementMarkdown(bodyZh ?? ''),
    en: bodyEn?.trim() ? renderAnnouncementMarkdown(bodyEn) : null,
  }
}

/**
 * A preview of the bodies as sent (the Preview button, and the live preview as one types):
 * the rendered bodies and the form's state, or a 400 with what is wrong.
 */
export function previewAnswer(formData: FormData) {
  const submission = parseWithZod(formData, { schema: previewSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), preview: null }, { status: 400 })
  return data({ result: submission.reply(), preview: previewOf(submission.value.bodyZh, submission.value.bodyEn) })
}

/**
 * The editor's action, shared by "new" and "edit": a preview answers with the rendered
 * bodies and the form as typed; saving, scheduling and publishing validate, save, and
 * redirect to the announcement's page with what happened.
 */
export async function submitAnnouncementEditor({
  formData,
  id,
  managed,
  actorUserId,
  now,
}: {
  formData: FormData
  id?: number
  managed: ManagedScope
  actorUserId: number
  now: Date
}) {
  if (formData.get('intent') === 'preview') return previewAnswer(formData)
  const submission = parseWithZod(formData, { schema: announcementSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), preview: null }, { status: 400 })
  const value = submission.value
  const when = (text: string | undefined) => (text ? parseWallClock(text) : null)
  const input: AnnouncementInput = {
    streetId: value.scope === 'district' ? null : Number(value.scope),
    // Centres ticked with a district-wide scope are refused (checkScope), not silently dropped.
    centreIds: value.centreIds,
    category: value.category,
    titleZh: value.titleZh,
    titleEn: value.titleEn || null,
    bodyZh: value.bodyZh,
    bodyEn: value.bodyEn || null,
    publishAt: when(value.publishAt),
    expiresAt: when(value.expiresAt),
    pinnedUntil: when(value.pinnedUntil),
  }
  const saved = await saveAnnouncement({ id, input, intent: value.intent, managed, actorUserId, now })
  if (!saved.ok) {
    const { field, code } = saved.error
    const reply = field
      ? submission.reply({ fieldErrors: { [field]: [code] } })
      : submission.reply({ formErrors: [code] })
    return data({ result: reply, preview: null }, { status: field ? 400 : 409 })
  }
  const outcome =
    saved.status === 'published' && value.intent === 'publish'
      ? 'published'
      : saved.status === 'published'
        ? 'updated'
        : saved.status
  const params = new URLSearchParams({ saved: outcome })
  if (saved.notified > 0) params.set('notified', String(saved.notified))
  return redirect(`/staff/announcements/${saved.id}?${params}`, 303)
}
