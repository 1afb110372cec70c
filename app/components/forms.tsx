import { useEffect, useRef } from 'react'
import { useTranslation } from '#app/utils/use-translation.tsx'

/**
 * Form parts in the GOV.UK pattern: a label, an optional hint, errors tied to the field
 * (aria-describedby), and an error summary at the top that links to each field. Error
 * messages are translation keys, so the server and the browser say the same thing.
 */

/**
 * The language of a bilingual field's content, from its name (`nameZh`, `nameEn`), so a
 * screen reader reads the English name on a Chinese page in English (WCAG 3.1.2).
 */
export function contentLang(name: string): 'zh-CN' | 'en' | undefined {
  if (name.endsWith('Zh')) return 'zh-CN'
  if (name.endsWith('En')) return 'en'
  return undefined
}

export type ListOfErrors = Array<string | null | undefined> | null | undefined

export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const { t } = useTranslation()
  const messages = errors?.filter(Boolean) as string[] | undefined
  if (!messages?.length) return null
  return (
    <ul id={id} className="error-list">
      {messages.map((message) => (
        <li key={message}>
          <span className="visually-hidden">{t('form.errorPrefix')}</span>
          {t(message)}
        </li>
      ))}
    </ul>
  )
}

/**
 * The label, hint and errors around one control, and the attributes that tie them to it;
 * Field and SelectField differ only in the control they render.
 */
function FieldFrame({
  id,
  label,
  hint,
  errors,
  className,
  children,
}: {
  id: string
  label: string
  hint?: string
  errors?: ListOfErrors
  className?: string
  children: (described: { 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode
}) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.some(Boolean) ? `${id}-error` : undefined
  return (
    <div className={['field', errorId ? 'field--error' : '', className ?? ''].join(' ').trim()}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
      {children({
        'aria-invalid': errorId ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
    </div>
  )
}

interface FieldProps {
  label: string
  hint?: string
  errors?: ListOfErrors
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { id: string; key?: string }
  className?: string
}

export function Field({ label, hint, errors, inputProps, className }: FieldProps) {
  const { key, ...props } = inputProps
  return (
    <FieldFrame id={props.id} label={label} hint={hint} errors={errors} className={className}>
      {(described) => <input key={key} {...props} {...described} />}
    </FieldFrame>
  )
}

interface TextareaFieldProps {
  label: string
  hint?: string
  errors?: ListOfErrors
  textareaProps: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; key?: string }
  className?: string
}

export function TextareaField({ label, hint, errors, textareaProps, className }: TextareaFieldProps) {
  const { key, ...props } = textareaProps
  return (
    <FieldFrame id={props.id} label={label} hint={hint} errors={errors} className={className}>
      {(described) => <textarea key={key} rows={4} {...props} {...described} />}
    </FieldFrame>
  )
}

interface SelectFieldProps {
  label: string
  hint?: string
  errors?: ListOfErrors
  selectProps: React.SelectHTMLAttributes<HTMLSelectElement> & { id: string; key?: string }
  options: Array<{ value: string; label: string }>
  emptyLabel?: string
}

export function SelectField({ label, hint, errors, selectProps, options, emptyLabel }: SelectFieldProps) {
  const { key, ...props } = selectProps
  return (
    <FieldFrame id={props.id} label={label} hint={hint} errors={errors}>
      {(described) => (
        <select key={key} {...props} {...described}>
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  )
}

export function CheckboxField({
  label,
  inputProps,
}: {
  label: string
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { id: string; key?: string }
}) {
  const { key, ...props } = inputProps
  return (
    <div className="field field--checkbox">
      <input key={key} {...props} type="checkbox" />
      <label htmlFor={props.id}>{label}</label>
    </div>
  )
}

/**
 * "There is a problem" at the top of a form, linking to each field in error, so a
 * screen-reader or keyboard user hears every problem first and can jump to it.
 */
export function ErrorSummary({
  formErrors,
  fields,
}: {
  formErrors?: ListOfErrors
  fields: Array<{ id: string; label: string; errors?: ListOfErrors }>
}) {
  const { t } = useTranslation()
  const fieldProblems = fields.filter((field) => field.errors?.some(Boolean))
  const general = formErrors?.filter(Boolean) as string[] | undefined
  const shown = fieldProblems.length > 0 || Boolean(general?.length)
  const focusRef = useFocusWhenShown<HTMLDivElement>(shown)
  if (!shown) return null
  return (
    <div
      ref={focusRef}
      className="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      // eslint-disable-next-line jsx-a11y/no-autofocus -- the summary takes focus when it appears (GOV.UK's pattern)
      autoFocus
    >
      <h2 id="error-summary-title">{t('form.problem')}</h2>
      <ul>
        {general?.map((message) => (
          <li key={message}>{t(message)}</li>
        ))}
        {fieldProblems.map((field) => (
          <li key={field.id}>
            <a href={`#${field.id}`} onClick={(event) => focusField(event, field.id)}>
              {t('form.summaryItem', { field: field.label, message: t(field.errors!.find(Boolean)!) })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * With JavaScript, a link of the error summary focuses its field (the browser would only
 * scroll to it) and shows the field's label too (GOV.UK's error summary does the same).
 */
function focusField(event: React.MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id)
  if (!field) return
  event.preventDefault()
  document.querySelector(`label[for="${CSS.escape(id)}"]`)?.scrollIntoView()
  field.focus({ preventScroll: true })
}

/**
 * Moves focus to an error summary when it appears (GOV.UK's pattern), so keyboard and
 * screen-reader users start from the list of problems. Without JavaScript the server
 * renders `autoFocus` as the `autofocus` attribute, which the browser honours on load;
 * with JavaScript, React ignores `autoFocus` on a div, so this effect does it.
 */
export function useFocusWhenShown<T extends HTMLElement>(shown = true) {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (shown) ref.current?.focus()
  }, [shown])
  return ref
}
