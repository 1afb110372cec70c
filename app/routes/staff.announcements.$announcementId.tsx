import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { AnnouncementEditor } from '#app/components/announcement-editor.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorList } from '#app/components/forms.tsx'
import { ImageFileField } from '#app/components/image-file-field.tsx'
import type { Language } from '#app/i18n.ts'
import { toWallClock } from '#app/domain/announcement-schemas.ts'
import { DISTRICT_TIME_ZONE } from '#app/domain/time.ts'
import {
  addAnnouncementImage,
  archiveAnnouncement,
  deleteDraftAnnouncement,
  getAnnouncementForEditing,
  listAnnouncementImages,
  listWritableStreets,
  mayManage,
  unscheduleAnnouncement,
} from '#app/models/announcement.server.ts'
import { requireAnnouncementStaff, submitAnnouncementEditor } from '#app/utils/announcement-editor.server.ts'
import { requestNow } from '#app/utils/clock.server.ts'
import { formatDate, formatTime } from '#app/utils/format.ts'
import { readImageUpload, uploadTooLarge } from '#app/utils/image-upload.server.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { logger } from '#app/utils/logger.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { isRowId } from '#app/domain/row-id.ts'

export const handle = { i18n: ['common', 'staff', 'announcements'] }

const savedOutcomes = ['draft', 'scheduled', 'published', 'updated', 'unscheduled', 'archived', 'image'] as const
type SavedOutcome = (typeof savedOutcomes)[number]

/** The announcement, if it exists and this person may manage it: 404 for none, 403 for another street's. */
async function loadForStaff(request: Request, idParam: string | undefined) {
  const { user, managed } = await requireAnnouncementStaff(request)
  const id = Number(idParam)
  invariantResponse(isRowId(id), 'Not found', { status: 404 })
  const announcement = await getAnnouncementForEditing({ id })
  invariantResponse(announcement, 'Not found', { status: 404 })
  if (!mayManage(managed, announcement.streetId)) {
    logger.warn({ event: 'authorisation_refused', userId: user.id, path: new URL(request.url).pathname }, 'refused')
    throw new Response('Forbidden', { status: 403 })
  }
  return { user, managed, announcement }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { managed, announcement } = await loadForStaff(request, params.announcementId)
  const lang = await getLanguage(request)
  const [streets, images, t] = await Promise.all([
    listWritableStreets({ scope: managed, lang }),
    listAnnouncementImages({ announcementId: announcement.id }),
    i18next.getFixedT(request, 'announcements'),
  ])
  const url = new URL(request.url)
  const saved = url.searchParams.get('saved')
  const notified = Number(url.searchParams.get('notified'))
  return {
    title: t('editor.editTitle', { title: announcement.titleZh }),
    now: requestNow(request),
    announcement,
    streets,
    images,
    mayWriteDistrictWide: managed.district,
    saved: savedOutcomes.includes(saved as SavedOutcome) ? (saved as SavedOutcome) : null,
    notified: Number.isSafeInteger(notified) && notified > 0 ? notified : 0,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, managed, announcement } = await loadForStaff(request, params.announcementId)
  // Only the image form is multipart; refuse a body too large to hold one before reading it.
  if (uploadTooLarge(request)) return data({ imageError: 'announcements:images.tooBig' }, { status: 413 })
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  const target = { id: announcement.id, managed, actorUserId: user.id }
  if (intent === 'unschedule') {
    const changed = await unscheduleAnnouncement(target)
    return redirect(`/staff/announcements/${announcement.id}${changed ? '?saved=unscheduled' : ''}`, 303)
  }
  if (intent === 'archive') {
    const changed = await archiveAnnouncement(target)
    return redirect(`/staff/announcements/${announcement.id}${changed ? '?saved=archived' : ''}`, 303)
  }
  if (intent === 'upload-image') {
    const altZh = String(formData.get('altZh') ?? '').trim()
    const altEn = String(formData.get('altEn') ?? '').trim()
    const refuse = (imageError: string) => data({ imageError }, { status: 400 })
    const upload = await readImageUpload(formData, 'image')
    if (!upload.ok) return refuse(`announcements:images.${upload.refusal}`)
    if (!altZh || altZh.length > 200 || altEn.length > 200 || /[\p{Cc}]/u.test(altZh + altEn))
      return refuse('announcements:images.altRequired')
    const { contentType, bytes } = upload
    const added = await addAnnouncementImage({
      announcementId: announcement.id,
      managed,
      actorUserId: user.id,
      contentType,
      bytes,
      altZh,
      altEn,
    })
    if (!added) return refuse('announcements:form.notEditable')
    return redirect(`/staff/announcements/${announcement.id}?saved=image#images-title`, 303)
  }
  if (intent === 'delete') {
    const deleted = await deleteDraftAnnouncement(target)
    return redirect(deleted ? '/staff/announcements?deleted=1' : `/staff/announcements/${announcement.id}`, 303)
  }
  return submitAnnouncementEditor({
    formData,
    id: announcement.id,
    managed,
    actorUserId: user.id,
    now: requestNow(request),
  })
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'preview' ? false : defaultShouldRevalidate

export default function EditAnnouncement() {
  const { announcement, streets, images, mayWriteDistrictWide, saved, notified, now } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const imageError = actionData && 'imageError' in actionData ? actionData.imageError : null
  const editorData = actionData && 'result' in actionData ? actionData : null
  const { t, i18n } = useTranslation('announcements')
  const lng = i18n.language as Language
  const when = (instant: Date | string) =>
    `${formatDate(new Date(instant), DISTRICT_TIME_ZONE, lng)} ${formatTime(new Date(instant), DISTRICT_TIME_ZONE, lng)}`
  const expired =
    announcement.status === 'published' &&
    announcement.expiresAt !== null &&
    new Date(announcement.expiresAt) <= new Date(now)
  return (
    <>
      <p>
        <Link to="/staff/announcements">{t('editor.backToList')}</Link>
      </p>
      <h1>{t('editor.editHeading')}</h1>
      {saved ? (
        <p className="notice notice--success" role="status">
          {t(`saved.${saved}`)}
          {notified > 0 ? ` ${t('saved.notified', { count: notified })}` : null}
        </p>
      ) : null}

      <section aria-labelledby="state-title" className="panel">
        <h2 id="state-title">{t('editor.state')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('editor.statusLabel')}</dt>
            <dd>
              {t(`status.${announcement.status}`)}
              {expired ? ` · ${t('status.expired')}` : null}
              {announcement.editedAt ? ` · ${t('status.updatedAt', { when: when(announcement.editedAt) })}` : null}
            </dd>
          </div>
          {announcement.status === 'scheduled' && announcement.publishAt ? (
            <div>
              <dt>{t('editor.publishesAt')}</dt>
              <dd>{when(announcement.publishAt)}</dd>
            </div>
          ) : null}
          {announcement.publishedAt ? (
            <div>
              <dt>{t('editor.publishedAt')}</dt>
              <dd>{when(announcement.publishedAt)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('editor.readers')}</dt>
            <dd>
              {t('figures.reads', { count: announcement.reads })}
              {announcement.notified > 0 ? ` · ${t('figures.notified', { count: announcement.notified })}` : null}
            </dd>
          </div>
        </dl>
        <p className="hint">{t('figures.readsHint')}</p>
        {announcement.status === 'published' || announcement.status === 'archived' ? (
          <p>
            <Link to={`/announcements/${announcement.id}`}>{t('editor.viewPublished')}</Link>
          </p>
        ) : null}
        <div className="button-row">
          {announcement.status === 'scheduled' ? (
            <Form method="post">
              <button type="submit" name="intent" value="unschedule" className="button button--secondary">
                {t('editor.actions.unschedule')}
              </button>
            </Form>
          ) : null}
          {announcement.status === 'published' ? (
            <Form method="post">
              <button type="submit" name="intent" value="archive" className="button button--warning">
                {t('editor.actions.archive')}
              </button>
            </Form>
          ) : null}
          {announcement.status === 'draft' ? (
            <Form method="post">
              <button type="submit" name="intent" value="delete" className="button button--warning">
                {t('editor.actions.delete')}
              </button>
            </Form>
          ) : null}
        </div>
      </section>

      {announcement.status === 'archived' ? null : (
        <section aria-labelledby="images-title" className="panel">
          <h2 id="images-title" tabIndex={-1}>
            {t('images.heading')}
          </h2>
          <p className="hint">{t('images.lead')}</p>
          {images.length > 0 ? (
            <ul className="image-list">
              {images.map((image) => (
                <li key={image.storageKey}>
                  <img src={`/announcement-images/${image.storageKey}`} alt={image.altZh} width="96" />
                  <code>{`![${image.altZh}](/announcement-images/${image.storageKey})`}</code>
                </li>
              ))}
            </ul>
          ) : null}
          {imageError ? (
            <div className="error-summary" role="alert">
              <ErrorList id="image-error" errors={[imageError]} />
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="stack">
            <ImageFileField
              id="image-file"
              name="image"
              label={t('images.file')}
              hint={t('images.fileHint')}
              errorId={imageError ? 'image-error' : undefined}
            />
            <div className="field">
              <label htmlFor="image-alt-zh">{t('images.altZh')}</label>
              <p className="hint" id="image-alt-hint">
                {t('images.altHint')}
              </p>
              <input
                type="text"
                id="image-alt-zh"
                name="altZh"
                maxLength={200}
                required
                lang="zh-CN"
                aria-describedby="image-alt-hint"
              />
            </div>
            <div className="field">
              <label htmlFor="image-alt-en">{t('images.altEn')}</label>
              <input type="text" id="image-alt-en" name="altEn" maxLength={200} lang="en" />
            </div>
            <button type="submit" name="intent" value="upload-image" className="button button--secondary">
              {t('images.upload')}
            </button>
          </Form>
        </section>
      )}

      {announcement.status === 'archived' ? (
        <p className="notice">{t('editor.archivedNote')}</p>
      ) : (
        <AnnouncementEditor
          key={`${announcement.id}-${announcement.status}`}
          status={announcement.status}
          streets={streets}
          mayWriteDistrictWide={mayWriteDistrictWide}
          lastResult={editorData?.result}
          preview={editorData?.preview}
          defaultValue={{
            scope: announcement.streetId === null ? 'district' : String(announcement.streetId),
            centreIds: announcement.centreIds.map(String),
            category: announcement.category,
            titleZh: announcement.titleZh,
            titleEn: announcement.titleEn ?? '',
            bodyZh: announcement.bodyZh,
            bodyEn: announcement.bodyEn ?? '',
            publishAt: toWallClock(announcement.publishAt),
            expiresAt: toWallClock(announcement.expiresAt),
            pinnedUntil: toWallClock(announcement.pinnedUntil),
          }}
        />
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
