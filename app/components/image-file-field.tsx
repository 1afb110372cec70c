import { imageTypes } from '#app/domain/image-type.ts'

/** The file field of an image upload (announcement images, inspection photos). */
export function ImageFileField({
  id,
  name,
  label,
  hint,
  errorId,
}: {
  id: string
  name: string
  label: string
  hint: string
  /** The id of the upload's error message, when the last upload was refused. */
  errorId?: string
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        type="file"
        id={id}
        name={name}
        accept={Object.keys(imageTypes).join(',')}
        required
        aria-describedby={errorId ? `${id}-hint ${errorId}` : `${id}-hint`}
        aria-invalid={errorId ? true : undefined}
      />
    </div>
  )
}
