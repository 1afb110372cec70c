import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import type { SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { announcementSchema, previewSchema } from '#app/domain/announcement-schemas.ts'
import { announcementCategories, type AnnouncementStatus } from '#app/domain/enums.ts'
import { ErrorList, ErrorSummary, Field, SelectField, TextareaField } from './forms.tsx'

export interface EditorPreview {
  zh: string
  en: string | null
}

export interface WritableStreet {
  id: number
  name: string
  centres: Array<{ id: number; name: string }>
}

export type EditorDefaults = Partial<{
  scope: string
  centreIds: string[]
  category: string
  titleZh: string
  titleEn: string
  bodyZh: string
  bodyEn: string
  publishAt: string
  expiresAt: string
  pinnedUntil: string
}>

const PREVIEW_DELAY_MS = 500
const LIVE_PREVIEW_ADDRESS = '/staff/announcements/preview'

/**
 * The announcement editor: Markdown in Chinese and optionally English, its scope,
 * kind and times, and a preview rendered by the server — as you type with JavaScript,
 * and with the Preview button without it.
 */
export function AnnouncementEditor({
  status,
  streets,
  mayWriteDistrictWide,
  lastResult,
  preview,
  defaultValue,
}: {
  /** The saved announcement's status; undefined for a new one. */
  status?: AnnouncementStatus
  streets: WritableStreet[]
  mayWriteDistrictWide: boolean
  lastResult?: SubmissionResult<string[]> | null
  preview?: EditorPreview | null
  defaultValue: EditorDefaults
}) {
  const { t } = useTranslation('announcements')
  const [form, fields] = useForm({
    id: 'announcement',
    lastResult,
    constraint: getZodConstraint(announcementSchema),
    defaultValue,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    // A preview checks only the bodies; the submission's type is the full form's either way.
    onValidate: ({ formData }) =>
      parseWithZod(formData, {
        schema:
          formData.get('intent') === 'preview'
            ? (previewSchema as unknown as typeof announcementSchema)
            : announcementSchema,
      }),
  })

  // The live preview: after a pause in typing, the server renders what was typed. A plain
  // fetch (app/routes/staff.announcements.preview.ts), never anything the router waits on.
  const [livePreview, setLivePreview] = useState<EditorPreview | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const asking = useRef<AbortController>()
  const formRef = useRef<HTMLFormElement>(null)
  const stopPreview = () => {
    clearTimeout(timer.current)
    asking.current?.abort()
  }
  useEffect(() => stopPreview, [])
  // The Preview button's answer is newer than any live one.
  useEffect(() => setLivePreview(null), [preview])
  const schedulePreview = () => {
    stopPreview()
    timer.current = setTimeout(() => {
      const element = formRef.current
      if (!element) return
      const typed = new FormData(element)
      const body = new URLSearchParams({
        intent: 'preview',
        bodyZh: String(typed.get('bodyZh') ?? ''),
        bodyEn: String(typed.get('bodyEn') ?? ''),
      })
      const controller = new AbortController()
      asking.current = controller
      fetch(LIVE_PREVIEW_ADDRESS, { method: 'POST', body, signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ preview: EditorPreview | null }>) : null))
        .then((answer) => {
          if (answer && !controller.signal.aborted) setLivePreview(answer.preview)
        })
        // Offline or stopped: the last preview stays, and the Preview button still works.
        .catch(() => {})
    }, PREVIEW_DELAY_MS)
  }
  const shown = livePreview ?? preview ?? null
  const formProps = getFormProps(form)

  const chosenCentres = new Set(
    ([] as unknown[]).concat(fields.centreIds.initialValue ?? defaultValue.centreIds ?? []).map(String),
  )
  const published = status === 'published'
  const scopeOptions = [
    ...(mayWriteDistrictWide ? [{ value: 'district', label: t('editor.scopeDistrict') }] : []),
    ...streets.map((street) => ({ value: String(street.id), label: t('editor.scopeStreet', { street: street.name }) })),
  ]
  const textFields = [
    { field: fields.titleZh, label: t('editor.fields.titleZh') },
    { field: fields.titleEn, label: t('editor.fields.titleEn') },
  ]
  return (
    <>
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          { id: fields.scope.id, label: t('editor.fields.scope'), errors: fields.scope.errors },
          { id: `${fields.centreIds.id}-legend`, label: t('editor.fields.centres'), errors: fields.centreIds.errors },
          { id: fields.category.id, label: t('editor.fields.category'), errors: fields.category.errors },
          ...textFields.map(({ field, label }) => ({ id: field.id, label, errors: field.errors })),
          { id: fields.bodyZh.id, label: t('editor.fields.bodyZh'), errors: fields.bodyZh.errors },
          { id: fields.bodyEn.id, label: t('editor.fields.bodyEn'), errors: fields.bodyEn.errors },
          { id: fields.publishAt.id, label: t('editor.fields.publishAt'), errors: fields.publishAt.errors },
          { id: fields.expiresAt.id, label: t('editor.fields.expiresAt'), errors: fields.expiresAt.errors },
          { id: fields.pinnedUntil.id, label: t('editor.fields.pinnedUntil'), errors: fields.pinnedUntil.errors },
        ]}
      />
      <Form
        method="post"
        {...formProps}
        // A preview still to come is moot once the form is sent.
        onSubmit={(event) => {
          stopPreview()
          formProps.onSubmit(event)
        }}
        ref={formRef}
        className="stack announcement-editor"
        onInput={(event) => {
          const target = event.target as HTMLElement
          if (target.getAttribute('name') === 'bodyZh' || target.getAttribute('name') === 'bodyEn') schedulePreview()
        }}
      >
        <fieldset className="stack">
          <legend>{t('editor.whoFor')}</legend>
          <SelectField
            label={t('editor.fields.scope')}
            errors={fields.scope.errors}
            selectProps={getSelectProps(fields.scope)}
            options={scopeOptions}
          />
          {streets.some((street) => street.centres.length > 0) ? (
            <fieldset
              className="choices"
              aria-describedby={`${fields.centreIds.id}-hint${fields.centreIds.errors ? ` ${fields.centreIds.id}-error` : ''}`}
            >
              <legend id={`${fields.centreIds.id}-legend`} tabIndex={-1}>
                {t('editor.fields.centres')}
              </legend>
              <p className="hint" id={`${fields.centreIds.id}-hint`}>
                {t('editor.fields.centresHint')}
              </p>
              <ErrorList id={`${fields.centreIds.id}-error`} errors={fields.centreIds.errors} />
              {streets.map((street) =>
                street.centres.map((centre) => (
                  <div key={centre.id} className="field field--checkbox">
                    <input
                      type="checkbox"
                      id={`centre-${centre.id}`}
                      name={fields.centreIds.name}
                      value={String(centre.id)}
                      defaultChecked={chosenCentres.has(String(centre.id))}
                    />
                    <label htmlFor={`centre-${centre.id}`}>
                      {streets.length > 1
                        ? t('editor.centreOfStreet', { centre: centre.name, street: street.name })
                        : centre.name}
                    </label>
                  </div>
                )),
              )}
            </fieldset>
          ) : null}
          <SelectField
            label={t('editor.fields.category')}
            hint={t('editor.fields.categoryHint')}
            errors={fields.category.errors}
            selectProps={getSelectProps(fields.category)}
            options={announcementCategories.map((category) => ({
              value: category,
              label: t(`common:announcement.category.${category}`),
            }))}
          />
        </fieldset>

        <fieldset className="stack">
          <legend>{t('editor.inChinese')}</legend>
          <Field
            label={t('editor.fields.titleZh')}
            errors={fields.titleZh.errors}
            inputProps={{ ...getInputProps(fields.titleZh, { type: 'text' }), lang: 'zh-CN', className: 'wide-input' }}
          />
          <TextareaField
            label={t('editor.fields.bodyZh')}
            hint={t('editor.fields.bodyHint')}
            errors={fields.bodyZh.errors}
            textareaProps={{ ...getTextareaProps(fields.bodyZh), lang: 'zh-CN', rows: 12 }}
          />
        </fieldset>

        <fieldset className="stack">
          <legend>{t('editor.inEnglish')}</legend>
          <p className="hint">{t('editor.englishHint')}</p>
          <Field
            label={t('editor.fields.titleEn')}
            errors={fields.titleEn.errors}
            inputProps={{ ...getInputProps(fields.titleEn, { type: 'text' }), lang: 'en', className: 'wide-input' }}
          />
          <TextareaField
            label={t('editor.fields.bodyEn')}
            errors={fields.bodyEn.errors}
            textareaProps={{ ...getTextareaProps(fields.bodyEn), lang: 'en', rows: 8 }}
          />
        </fieldset>

        <fieldset className="stack">
          <legend>{t('editor.when')}</legend>
          <p className="hint">{t('editor.timeZoneHint')}</p>
          {published ? null : (
            <Field
              label={t('editor.fields.publishAt')}
              hint={t('editor.fields.publishAtHint')}
              errors={fields.publishAt.errors}
              inputProps={getInputProps(fields.publishAt, { type: 'datetime-local' })}
            />
          )}
          <Field
            label={t('editor.fields.expiresAt')}
            hint={t('editor.fields.expiresAtHint')}
            errors={fields.expiresAt.errors}
            inputProps={getInputProps(fields.expiresAt, { type: 'datetime-local' })}
          />
          <Field
            label={t('editor.fields.pinnedUntil')}
            hint={t('editor.fields.pinnedUntilHint')}
            errors={fields.pinnedUntil.errors}
            inputProps={getInputProps(fields.pinnedUntil, { type: 'datetime-local' })}
          />
        </fieldset>

        <div className="button-row">
          <button type="submit" name="intent" value="preview" className="button button--secondary" formNoValidate>
            {t('editor.actions.preview')}
          </button>
          {published ? (
            <button type="submit" name="intent" value="save">
              {t('editor.actions.saveChanges')}
            </button>
          ) : (
            <>
              <button type="submit" name="intent" value="save" className="button button--secondary">
                {status === 'scheduled' ? t('editor.actions.saveScheduled') : t('editor.actions.saveDraft')}
              </button>
              <button type="submit" name="intent" value="schedule" className="button button--secondary">
                {t('editor.actions.schedule')}
              </button>
              <button type="submit" name="intent" value="publish">
                {t('editor.actions.publish')}
              </button>
            </>
          )}
        </div>
      </Form>

      <section aria-labelledby="preview-title" className="panel announcement-preview">
        <h2 id="preview-title">{t('editor.preview.heading')}</h2>
        <div aria-live="polite">
          {shown ? (
            <>
              <h3>{t('editor.preview.zh')}</h3>
              <div className="prose" lang="zh-CN" dangerouslySetInnerHTML={{ __html: shown.zh }} />
              {shown.en ? (
                <>
                  <h3>{t('editor.preview.en')}</h3>
                  <div className="prose" lang="en" dangerouslySetInnerHTML={{ __html: shown.en }} />
                </>
              ) : null}
            </>
          ) : (
            <p className="muted">{t('editor.preview.empty')}</p>
          )}
        </div>
      </section>
    </>
  )
}
